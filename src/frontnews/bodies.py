"""Render every article's Markdown body, resolving and checking the photos it shows."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from markupsafe import Markup

from .assets import resolve_image
from .cache import BuildCache, pickled
from .config import SiteConfig
from .diagnostics import Diagnostic, diag
from .frontmatter import body_of
from .htmlstore import FOLDER as HTML_FOLDER, HtmlStore
from .markup import BodyRenderer, first_text
from .models import Article, Asset, changed_article, pickled_by_fields
from .parallel import chunked, run_chunks
from .sources import decode_text
from .text import summarize

SUMMARY_LIMIT = 200
CACHE_KIND = "body"  # what the build needs of a body: its first text, photos and failures
FLUSH_RECORDS = 2000  # records held in memory before they are written to the cache


@dataclass(frozen=True, slots=True)
class RenderedBodies:
    articles: tuple[Article, ...]  # as given, with default summaries filled in
    html: dict[str, Markup | StoredHtml]  # by article source; each gives its HTML through __html__
    assets: tuple[Asset, ...]
    problems: tuple[Diagnostic, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _Body:
    """One article's rendered body but its HTML; cached by the article's digest when it had no failures.

    The summary is cut here, in the worker that rendered the body, and then kept: not once per build.
    """

    url: str  # image URLs depend on the article's URL
    summary: str  # the default summary: the first paragraph's text, cut to SUMMARY_LIMIT
    assets: tuple[Asset, ...]
    failures: tuple[tuple[str, str, int], ...]  # (code, src, line)


class StoredHtml:
    """A body's HTML, read from the cache's HtmlStore when its page renders (Jinja calls __html__).

    After a build that changed little, most article pages are reused unread; and a cold build of
    100,000 articles cannot hold all their HTML in memory.
    """

    __slots__ = ("store", "article", "root", "unsafe_html")

    def __init__(self, store: HtmlStore, article: Article, root: Path, unsafe_html: bool) -> None:
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


def _render(article: Article, root: Path, unsafe_html: bool) -> tuple[_Body, str, bool]:
    """The body, its HTML, and whether they are those of the bytes `article.digest` names (cacheable)."""
    assets: list[Asset] = []
    failures: list[tuple[str, str]] = []
    body, body_line, current = _markdown_of(article, root)

    def resolve(src: str) -> str:
        resolved = resolve_image(src, article.source, article.url, root)
        if resolved.code:
            failures.append((resolved.code, src))
        elif resolved.asset:
            assets.append(resolved.asset)
        return resolved.url

    html = _renderer(unsafe_html).render(body, resolve).html
    lines = tuple((code, src, _line_of(body, body_line, src)) for code, src in failures)
    return _Body(article.url, summarize(first_text(html), SUMMARY_LIMIT), tuple(assets), lines), html, current


def _markdown_of(article: Article, root: Path) -> tuple[str, int, bool]:
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
    current = hashlib.sha256(raw).hexdigest() == article.digest
    return (*found, current) if found is not None else ("", article.body_line, current)


def _still_valid(body: _Body | None, article: Article, root: Path) -> bool:
    return body is not None and body.url == article.url and all((root / a.source).is_file() for a in body.assets)


def render_bodies(articles: Sequence[Article], config: SiteConfig, root: Path,
                  cache: BuildCache | None = None, jobs: int | None = None) -> RenderedBodies:
    bodies: dict[str, _Body] = {}
    html: dict[str, Markup] = {}  # the bodies not in the store
    store = HtmlStore(cache.path.parent / HTML_FOLDER) if cache else None
    if cache:
        for article in articles:
            cached = cache.get(CACHE_KIND, article.source, article.digest)
            if _still_valid(cached, article, root):
                bodies[article.source] = cached  # its HTML was stored before the record was kept
    todo = [a for a in articles if a.source not in bodies]

    def work(chunk: Sequence[Article]) -> list[tuple[bytes, str | None]]:
        """Each body, pickled as its cache record, and its HTML, or None for HTML the worker stored."""
        done = []
        for article in chunk:
            body, text, current = _render(article, root, config.unsafe_html)
            stored = (store is not None and not body.failures and current
                      and store.write(article.source, article.digest, text))
            done.append((pickled(body), None if stored else text))
        return done

    for chunk, results in zip(chunked(todo), run_chunks(work, todo, jobs)):
        for article, (record, text) in zip(chunk, results):
            bodies[article.source] = pickle.loads(record)
            if text is None:
                cache.put_pickled(CACHE_KIND, article.source, article.digest, record)
            else:
                html[article.source] = Markup(text)
        if cache and len(cache.pending) >= FLUSH_RECORDS:
            cache.flush()
    return _assemble(articles, bodies, html, store, root, config.unsafe_html)


def _assemble(articles: Sequence[Article], bodies: dict[str, _Body], html: dict[str, Markup],
              store: HtmlStore | None, root: Path, unsafe_html: bool) -> RenderedBodies:
    done: list[Article] = []
    assets: dict[str, Asset] = {}
    problems: list[Diagnostic] = []
    shown: dict[str, Markup | StoredHtml] = {}
    for article in articles:
        body = bodies[article.source]
        for asset in article.assets + body.assets:
            assets[asset.output_path] = asset
        problems += (diag(code, article.source, line, src=src) for code, src, line in body.failures)
        if article.summary_from_body:
            article = changed_article(article, summary=body.summary, body=None)
        elif article.body is not None:
            article = changed_article(article, body=None)  # pages need its HTML, not its Markdown
        done.append(article)
        text = html.get(article.source)
        shown[article.source] = text if text is not None else StoredHtml(store, article, root, unsafe_html)
    return RenderedBodies(tuple(done), shown, tuple(assets[k] for k in sorted(assets)), tuple(problems))


def _line_of(body: str, body_line: int, needle: str) -> int:
    """The file line where the body first mentions `needle` (Markdown keeps no line numbers)."""
    for offset, line in enumerate(body.split("\n")):
        if needle in line:
            return body_line + offset
    return body_line
