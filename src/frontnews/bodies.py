"""Render every article's Markdown body, resolving and checking the photos it shows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from .assets import resolve_image
from .config import SiteConfig
from .diagnostics import Diagnostic, diag
from .markup import BodyRenderer, first_text
from .models import Article, Asset
from .text import summarize

SUMMARY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class RenderedBodies:
    articles: tuple[Article, ...]  # as given, with default summaries filled in
    html: dict[str, str]  # by article source
    assets: tuple[Asset, ...]
    problems: tuple[Diagnostic, ...]


def render_bodies(articles: Sequence[Article], config: SiteConfig, root: Path) -> RenderedBodies:
    renderer = BodyRenderer(unsafe_html=config.unsafe_html)
    html: dict[str, str] = {}
    assets: dict[str, Asset] = {}
    problems: list[Diagnostic] = []
    done: list[Article] = []
    for article in articles:
        for asset in article.assets:
            assets[asset.output_path] = asset
        failures: list[tuple[str, str]] = []

        def resolve(src: str, article: Article = article) -> str:
            resolved = resolve_image(src, article.source, article.url, root)
            if resolved.code:
                failures.append((resolved.code, src))
            elif resolved.asset:
                assets[resolved.asset.output_path] = resolved.asset
            return resolved.url

        html[article.source] = renderer.render(article.body, resolve).html
        if article.summary_from_body:
            article = replace(article, summary=summarize(first_text(html[article.source]), SUMMARY_LIMIT))
        done.append(article)
        problems += (diag(code, article.source, _line_of(article, src), src=src) for code, src in failures)
    return RenderedBodies(tuple(done), html, tuple(assets[k] for k in sorted(assets)), tuple(problems))


def _line_of(article: Article, needle: str) -> int:
    """The file line where the body first mentions `needle` (Markdown keeps no line numbers)."""
    for offset, line in enumerate(article.body.split("\n")):
        if needle in line:
            return article.body_line + offset
    return article.body_line
