"""From a content file's bytes to a checked article or standing page: decode, split the front matter, parse."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..models import Article, StandingPage, changed_article
from ..vi.terms import terms_of
from .articles import parse_article
from .config import SiteConfig
from .front_matter import split
from .limits import body_problems, field_problems, file_too_large
from .placeholder import placeholder_warnings
from .sources import SourceFile
from .standing import is_standing, parse_standing_page
from .units import UnitTree


def parse_source(
    source: SourceFile, config: SiteConfig, units: UnitTree, root: Path
) -> tuple[Article | StandingPage | None, list[Diagnostic]]:
    if too_large := file_too_large(len(source.raw), source.path):
        return None, [too_large]
    text, problem = source.decode()
    if text is None:
        return None, [problem] if problem is not None else []
    front, found = split(text, source.path)
    if front is None:
        return None, found
    # Over a limit, the article is not read further nor rendered: that is what would exhaust the machine.
    if over := field_problems(front.fields, front.lines, source.path) + body_problems(
        front.body, front.body_line, source.path
    ):
        return None, list(front.problems) + over
    if is_standing(source.path, front.fields):
        page, found = parse_standing_page(source, front, config, root)
        return page, found + placeholder_warnings(page)
    article, found = parse_article(source, front, config, units, root)
    if article is not None:  # its words for related news, while the body is at hand
        article = changed_article(article, terms=terms_of(article.title, article.body or ""))
    return article, found + placeholder_warnings(article)
