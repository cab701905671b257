"""Render an article's Markdown body, resolving and checking the photos it shows and the files it links.

Bodies are rendered by the workers that parse their articles (incremental.loading): each file is
read once, and an article is cached with its body as one record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import quote

from markupsafe import Markup

from ..content.assets import PHOTO_TYPES, Resolved, resolve_image, resolve_link
from ..content.front_matter import body_of
from ..content.sections import content_digest
from ..content.sources import decode_text
from ..diagnostics import Diagnostic, diag
from ..models import Article, Asset, Image, StandingPage, lean, pickled_by_fields
from ..vi.text import summarize
from .markdown_html import BodyRenderer, first_text

SUMMARY_LIMIT = 200

WithBody = Article | StandingPage  # what has a Markdown body: an article, a standing page


class BodyStore(Protocol):
    """Where bodies' HTML is kept between builds, by article source and digest (incremental.body_store)."""

    def write(self, source: str, digest: str, html: str) -> bool: ...

    def read(self, source: str, digest: str) -> str | None: ...


class NoStore:
    """Keeps nothing: each body's HTML stays with its article (`check`; an article with errors)."""

    def write(self, source: str, digest: str, html: str) -> bool:
        return False

    def read(self, source: str, digest: str) -> str | None:
        return None


NO_STORE = NoStore()


@dataclass(frozen=True, slots=True)
class RenderedBodies:
    html: dict[str, Markup | StoredHtml]  # by article source; each gives its HTML through __html__
    assets: tuple[Asset, ...]
    problems: tuple[Diagnostic, ...]
    links: tuple[tuple[str, str, str, str, int], ...] = ()  # (source, code, href, URL path, line): see Body.links
    # By article source, a digest of where its body found its photos and linked files, beside it or
    # in static/: the URLs its page shows, which its own digest does not settle (pages.plan_pages).
    inputs: dict[str, str] = field(default_factory=dict)
    # By article source, the photos its body shows (and raster files it only links), in order: media/ sizes them.
    photos: dict[str, tuple[Image, ...]] = field(default_factory=dict)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Body:
    """One article's rendered body but its HTML; cached with its article when it had no failures.

    The summary is cut in the worker that rendered the body, and then kept: not once per build.
    """

    summary: str  # the default summary: the first paragraph's text, cut to SUMMARY_LIMIT
    assets: tuple[Asset, ...]  # photos and linked files beside the article, copied into the output
    failures: tuple[tuple[str, str, int], ...]  # (code, src, line)
    files: tuple[str, ...] = ()  # files of static/ it shows or links: the cached body holds while they exist
    absent: tuple[str, ...] = ()  # files looked for in vain first (beside it, in static/): and while they do not
    # Links to the site's pages (or files it publishes), checked once pages are planned (linkcheck.py):
    # (code if it leads nowhere, href as written, URL path, line).
    links: tuple[tuple[str, str, str, int], ...] = ()
    photos: tuple[Image, ...] = ()  # pictures shown that are files of the site, in document order


class StoredHtml:
    """A body's HTML, read from the BodyStore when its page renders (Jinja calls __html__).

    After a build that changed little, most article pages are reused unread; and a cold build of
    a large site cannot hold all its HTML in memory.
    """

    __slots__ = ("store", "article", "root", "unsafe_html")

    def __init__(self, store: BodyStore, article: WithBody, root: Path, unsafe_html: bool) -> None:
        self.store, self.article, self.root, self.unsafe_html = store, article, root, unsafe_html

    def __html__(self) -> str:
        html = self.store.read(self.article.source, self.article.digest)
        if html is None:  # the cache was damaged since planning: render the body again, the same way
            html = _render(self.article, self.root, self.unsafe_html)[1]
        return html


_renderers: dict[bool, BodyRenderer] = {}


def _renderer(unsafe_html: bool) -> BodyRenderer:
    """One Markdown instance per process, reused for every article it renders."""
    if unsafe_html not in _renderers:
        _renderers[unsafe_html] = BodyRenderer(unsafe_html=unsafe_html)
    return _renderers[unsafe_html]


def _render(article: WithBody, root: Path, unsafe_html: bool) -> tuple[Body, str, bool]:
    """The body, its HTML, and whether they are those of the bytes `article.digest` names (cacheable)."""
    assets: list[Asset] = []
    files: list[str] = []
    failures: list[tuple[str, str]] = []
    links: list[tuple[str, str, str]] = []
    absent: list[str] = []
    shown: list[Resolved] = []
    body, body_line, current = _markdown_of(article, root)

    def take(written: str, resolved: Resolved) -> str:
        if resolved.code:
            failures.append((resolved.code, written))
        elif resolved.asset:
            assets.append(resolved.asset)
        elif resolved.source:
            files.append(resolved.source)
        if resolved.check:
            links.append((resolved.check[0], written, resolved.check[1]))
        absent.extend(resolved.absent)
        return resolved.url

    def image(src: str) -> str:
        shown.append(resolve_image(src, article.source, article.url, root))
        return take(src, shown[-1])

    def link(href: str) -> str:
        return take(href, resolve_link(href, article.source, article.url, root))

    try:
        rendered = _renderer(unsafe_html).render(body, image, link)
    except Exception as exc:  # noqa: BLE001  whatever Python-Markdown still raises: this article's error
        # A convert stopped midway can leave state in its extensions that reset() does not clear:
        # the next article gets a new Markdown instance.
        _renderers.pop(unsafe_html, None)
        return Body("", (), (("FN165", _failure(exc), body_line),)), "", False
    html = rendered.html
    photos = tuple(
        Image(src, found.url, alt, source=found.source, line=_line_of(body, body_line, src), in_body=True)
        for src, alt, found in zip(rendered.images, rendered.alts, shown, strict=False)
        if found.source and not found.code
    )
    lines = tuple((code, src, _line_of(body, body_line, src)) for code, src in failures)
    checks = tuple((code, href, path, _line_of(body, body_line, href)) for code, href, path in links)
    return (
        Body(
            summarize(first_text(html), SUMMARY_LIMIT),
            tuple(assets),
            lines,
            tuple(sorted(set(files))),
            tuple(sorted(set(absent))),
            checks,
            photos,
        ),
        html,
        current,
    )


def _failure(exc: Exception) -> str:
    """What went wrong inside Python-Markdown, for FN165: a hostile body, not a bug of the site."""
    if isinstance(exc, RecursionError):
        return "các khối lồng vào nhau quá sâu"
    if isinstance(exc, MemoryError):
        return "bài cần nhiều bộ nhớ hơn máy có"
    return f"lỗi {type(exc).__name__} của Python-Markdown"


def _markdown_of(article: WithBody, root: Path) -> tuple[str, int, bool]:
    """The body, its first line, and whether it is still the body of the bytes the article was read from.

    Articles come without their Markdown (it would cross processes for nothing), so the file is
    read again. If it changed since it was listed, the new body is still rendered (as any build
    racing an editor's save), but it is kept out of the cache under the old digest.
    """
    if article.body is not None:
        return article.body, article.body_line, True
    try:
        raw = (root / article.source).read_bytes()
        found = body_of(decode_text(raw))
    except (OSError, UnicodeError):  # deleted or broken since it was read: the next build reports it
        return "", article.body_line, False
    current = content_digest(hashlib.sha256(raw).hexdigest(), article.source) == article.digest
    return (*found, current) if found is not None else ("", article.body_line, current)


def still_valid(body: Body | None, root: Path) -> bool:
    """A cached body holds while the files it shows or links are found where they were (it is cached
    with its article): still there, and none put where it looked first in vain."""
    return (
        body is not None
        and all((root / a.source).is_file() for a in body.assets)
        and all((root / source).is_file() for source in body.files)
        and not any((root / source).is_file() for source in body.absent)
    )


def render_body(
    article: WithBody, root: Path, unsafe_html: bool, store: BodyStore
) -> tuple[WithBody, Body, str | None, bool]:
    """Render one body where its article was parsed (a worker), the file read once for both.

    Returns the article without its Markdown and with its default summary, the body, the HTML
    unless the store kept it (then None), and whether the body may be cached (no failures, and
    its HTML stored for the article's digest).
    """
    body, html, current = _render(article, root, unsafe_html)
    stored = not body.failures and current and store.write(article.source, article.digest, html)
    summary = body.summary if article.summary_from_body else article.summary
    # Without `image:`, the first photo of the body leads: lists show it, shares carry it.
    lead = article.image or next((p for p in body.photos if _is_photo(p.source)), None)
    return lean(article, summary=summary, body=None, image=lead), body, None if stored else html, stored


def assemble(
    articles: Sequence[WithBody],
    bodies: Mapping[str, tuple[Body, str | None]],
    store: BodyStore,
    root: Path,
    unsafe_html: bool,
) -> RenderedBodies:
    """The published articles' HTML, photos and body failures, from what the load rendered or cached."""
    assets: dict[str, Asset] = {}
    problems: list[Diagnostic] = []
    shown: dict[str, Markup | StoredHtml] = {}
    links: list[tuple[str, str, str, str, int]] = []
    inputs: dict[str, str] = {}
    photos: dict[str, tuple[Image, ...]] = {}
    for article in articles:
        body, text = bodies[article.source]
        photos[article.source] = _photos(article, body)
        problems += (
            diag("FN236", article.source, p.line, src=p.src)
            for p in body.photos
            if not p.alt.strip() and _is_photo(p.source)
        )
        for asset in article.assets + body.assets:
            assets[asset.output_path] = asset
        if body.assets or body.files:
            inputs[article.source] = _found_digest(body)
        problems += (diag(code, article.source, line, src=src) for code, src, line in body.failures)
        links += ((article.source, *check) for check in body.links)
        # The renderer's own HTML: it escapes raw HTML unless the site allows it.
        shown[article.source] = (
            Markup(text)  # noqa: S704
            if text is not None
            else StoredHtml(store, article, root, unsafe_html)
        )
    return RenderedBodies(
        shown, tuple(assets[k] for k in sorted(assets)), tuple(problems), tuple(links), inputs, photos
    )


def _is_photo(source: str) -> bool:
    return PurePosixPath(source).suffix.lower() in PHOTO_TYPES


def _photos(article: WithBody, body: Body) -> tuple[Image, ...]:
    """The body's photos, then the photos it only links (`[ảnh lớn](anh.jpg)`): published stripped too."""
    shown = {p.source for p in body.photos}
    linked = tuple(
        Image(
            PurePosixPath(a.source).name,
            "/" + quote(a.output_path),
            "",
            source=a.source,
            line=article.body_line,
            in_body=True,
        )
        for a in body.assets
        if a.source not in shown and _is_photo(a.source)
    )
    return body.photos + linked


def _found_digest(body: Body) -> str:
    """Where the body found its files: their URLs follow from it and from what the article wrote."""
    found = (*(a.source for a in body.assets), "\x01", *body.files)
    return hashlib.sha256("\x00".join(found).encode("utf-8")).hexdigest()


def _line_of(body: str, body_line: int, needle: str) -> int:
    """The file line where the body first writes `needle` as a link or image target, else first
    mentions it (Markdown keeps no line numbers)."""
    lines = body.split("\n")
    for wanted in (f"]({needle}", f"](<{needle}", needle):
        for offset, line in enumerate(lines):
            if wanted in line:
                return body_line + offset
    return body_line
