"""Render every article's Markdown body, resolving and checking the photos it shows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from .assets import resolve_image
from .cache import BuildCache
from .config import SiteConfig
from .diagnostics import Diagnostic, diag
from .markup import BodyRenderer, first_text
from .models import Article, Asset
from .parallel import chunked, run_chunks
from .text import summarize

SUMMARY_LIMIT = 200
CACHE_KIND = "body"


@dataclass(frozen=True, slots=True)
class RenderedBodies:
    articles: tuple[Article, ...]  # as given, with default summaries filled in
    html: dict[str, str]  # by article source
    assets: tuple[Asset, ...]
    problems: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class _Body:
    """One article's rendered body; cached by the article's digest when it had no failures."""

    url: str  # image URLs depend on the article's URL
    html: str
    first_text: str
    assets: tuple[Asset, ...]
    failures: tuple[tuple[str, str], ...]  # (code, src)


_renderers: dict[bool, BodyRenderer] = {}


def _renderer(unsafe_html: bool) -> BodyRenderer:
    """One Markdown instance per process, reused for every article it renders."""
    if unsafe_html not in _renderers:
        _renderers[unsafe_html] = BodyRenderer(unsafe_html=unsafe_html)
    return _renderers[unsafe_html]


def _render(article: Article, root: Path, unsafe_html: bool) -> _Body:
    assets: list[Asset] = []
    failures: list[tuple[str, str]] = []

    def resolve(src: str) -> str:
        resolved = resolve_image(src, article.source, article.url, root)
        if resolved.code:
            failures.append((resolved.code, src))
        elif resolved.asset:
            assets.append(resolved.asset)
        return resolved.url

    html = _renderer(unsafe_html).render(article.body, resolve).html
    return _Body(article.url, html, first_text(html), tuple(assets), tuple(failures))


def _still_valid(body: _Body | None, article: Article, root: Path) -> bool:
    return body is not None and body.url == article.url and all((root / a.source).is_file() for a in body.assets)


def render_bodies(articles: Sequence[Article], config: SiteConfig, root: Path,
                  cache: BuildCache | None = None, jobs: int | None = None) -> RenderedBodies:
    bodies: dict[str, _Body] = {}
    for article in articles:
        cached = cache.get(CACHE_KIND, article.source, article.digest) if cache else None
        if _still_valid(cached, article, root):
            bodies[article.source] = cached
    todo = [a for a in articles if a.source not in bodies]

    def work(chunk: Sequence[Article]) -> list[_Body]:
        return [_render(a, root, config.unsafe_html) for a in chunk]

    for chunk, results in zip(chunked(todo), run_chunks(work, todo, jobs)):
        for article, body in zip(chunk, results):
            bodies[article.source] = body
            if cache and not body.failures:
                cache.put(CACHE_KIND, article.source, article.digest, body)
    return _assemble(articles, bodies)


def _assemble(articles: Sequence[Article], bodies: dict[str, _Body]) -> RenderedBodies:
    done: list[Article] = []
    assets: dict[str, Asset] = {}
    problems: list[Diagnostic] = []
    for article in articles:
        body = bodies[article.source]
        for asset in article.assets + body.assets:
            assets[asset.output_path] = asset
        problems += (diag(code, article.source, _line_of(article, src), src=src) for code, src in body.failures)
        if article.summary_from_body:
            article = replace(article, summary=summarize(body.first_text, SUMMARY_LIMIT))
        done.append(article)
    html = {source: body.html for source, body in bodies.items()}
    return RenderedBodies(tuple(done), html, tuple(assets[k] for k in sorted(assets)), tuple(problems))


def _line_of(article: Article, needle: str) -> int:
    """The file line where the body first mentions `needle` (Markdown keeps no line numbers)."""
    for offset, line in enumerate(article.body.split("\n")):
        if needle in line:
            return article.body_line + offset
    return article.body_line
