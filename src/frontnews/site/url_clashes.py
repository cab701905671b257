"""Give each published article its own address when two units publish the same title in one month.

Communes of one district all write "Hội nghị tổng kết công tác Mặt trận năm 2024" in December:
one commune's article must not stop every other unit's publishing. The rule, stable as the site
grows: among the articles of different units on one URL, the first published (then by file path)
keeps it, and each later one gets its unit's slug appended (`…-2024-xa-kim-son`), with FN133. A new
article is nearly always the newest, so it is the one that gets the longer address: those already
published keep theirs. Two articles of the same unit on one URL stay an error (FN109): the editor
chooses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from ..content.addresses import article_url
from ..content.assets import resolve_image, resolve_link
from ..content.config import SiteConfig
from ..content.sections import content_digest
from ..content.source_lines import FIRST_FIELD_LINE, key_line
from ..content.units import UnitTree
from ..diagnostics import Diagnostic, diag
from ..markup.bodies import NO_STORE, Body, render_body, still_valid
from ..models import Article, changed_article

MOVED_KIND = "moved-body"  # cache records: a moved article's body and HTML, by its derived digest


def derived_digest(article: Article, *changes: str) -> str:
    """The digest of an article changed by what the whole site holds (its address, its people's pages).

    Pages and related lists know an article by its digest: when something else than its file
    changes what it shows, its digest must change too, or pages showing it would be kept as they were.
    """
    return _derived(article.digest, *changes)


def _derived(digest: str, *changes: str) -> str:
    return hashlib.sha256("\x00".join((digest, *changes)).encode("utf-8")).hexdigest()


def place_articles(
    articles: Sequence[Article], config: SiteConfig, units: UnitTree, root: Path
) -> tuple[list[Article], list[Diagnostic], set[str]]:
    """The articles on their final URLs, the clashes' diagnostics, and the sources moved."""
    clashes = _clashes(articles)
    moved: dict[str, Article] = {}
    problems: list[Diagnostic] = []
    for group in clashes.values():
        group.sort(key=lambda a: (a.published, a.source))
        first = group[0]
        for article in group[1:]:
            if article.unit == first.unit:  # stays, and duplicate_urls reports FN109
                continue
            slug = f"{article.slug}-{article.unit}"
            url = article_url(config, article.published, slug, article.unit, article.section)
            moved[article.source] = _moved(article, slug, url, root)
            other_unit = units.units[first.unit].short_name if first.unit in units.units else first.unit
            problems.append(
                diag(
                    "FN133",
                    article.source,
                    key_line(root, article.source, "title"),
                    other=first.source,
                    other_unit=other_unit,
                    url=first.url,
                    new=url,
                )
            )
    placed = [moved.get(a.source, a) for a in articles] if moved else list(articles)
    return placed, problems + duplicate_urls(_clashes(placed) if moved else clashes), set(moved)


def _clashes(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """The articles of each URL that more than one article has (no list made for the others)."""
    first: dict[str, Article] = {}
    clashes: dict[str, list[Article]] = {}
    for article in articles:
        other = first.setdefault(article.url, article)
        if other is not article:
            clashes.setdefault(article.url, [other]).append(article)
    return clashes


def _moved(article: Article, slug: str, url: str, root: Path) -> Article:
    """The article at another URL: its photo and its document's file beside it are served (and copied)
    beside the new page."""
    image, document, assets = article.image, article.document, []
    if image is not None:
        resolved = resolve_image(image.src, article.source, url, root)
        image = replace(image, url=resolved.url)
        assets += [resolved.asset] if resolved.asset else []
    if document is not None:
        resolved = resolve_link(document.file, article.source, url, root)
        document = replace(document, url=resolved.url)
        assets += [resolved.asset] if resolved.asset else []
    return changed_article(
        article,
        slug=slug,
        url=url,
        output_path=url.strip("/") + "/index.html",
        image=image,
        document=document,
        assets=tuple(assets),
        digest=derived_digest(article, "url", url),
    )


class KeptBodies(Protocol):
    """Where the bodies of moved articles are kept between builds (the build's state)."""

    def moved_body(self, source: str, digest: str) -> tuple[Body, str] | None: ...

    def keep_moved_body(self, source: str, digest: str, body: tuple[Body, str]) -> None: ...


def rendered_again(
    articles: Sequence[Article], moved: set[str], root: Path, unsafe_html: bool, kept_bodies: KeptBodies
) -> dict[str, tuple[Body, str]]:
    """The bodies of the moved articles, rendered for their new URL (the photos beside them move too).

    Kept between builds under the moved article's digest: a province's communes may have hundreds
    of such articles, which would otherwise be rendered again by every build.
    """
    found: dict[str, tuple[Body, str]] = {}
    for article in articles:
        if article.source in moved:
            kept = kept_bodies.moved_body(article.source, article.digest)
            if kept is None or not still_valid(kept[0], root):
                _, body, html, _ = render_body(article, root, unsafe_html, NO_STORE)
                assert html is not None, "NO_STORE keeps nothing: the HTML comes back"
                kept = (body, html)
                if _still_read(article, root):  # else an edit raced the build: not kept
                    kept_bodies.keep_moved_body(article.source, article.digest, kept)
            found[article.source] = kept
    return found


def _still_read(article: Article, root: Path) -> bool:
    """Whether the file still holds the bytes the moved article was read from (its digest derives from theirs)."""
    try:
        current = hashlib.sha256((root / article.source).read_bytes()).hexdigest()
    except OSError:
        return False
    return _derived(content_digest(current, article.source), "url", article.url) == article.digest


def duplicate_urls(clashes: dict[str, list[Article]]) -> list[Diagnostic]:
    """Two files still on one URL is an error in both files, never a silent overwrite."""
    problems: list[Diagnostic] = []
    for url, group in clashes.items():
        first, *others = sorted(group, key=lambda a: a.source)
        for other in others:
            problems.append(diag("FN109", other.source, FIRST_FIELD_LINE, url=url, other=first.source))
            problems.append(diag("FN109", first.source, FIRST_FIELD_LINE, url=url, other=other.source))
    return problems
