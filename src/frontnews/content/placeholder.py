"""The placeholder body `frontnews new` writes: a warning while it is left in a published article.

A new article is a draft, so its placeholder is never published by mistake; once the editor removes
`draft: true`, a body still holding the placeholder's marker gets FN007 at the marker's line.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, diag
from ..models import Article, StandingPage

MARKER = "(viết nội dung tin ở đây)"


def placeholder_warnings(article: Article | StandingPage | None) -> list[Diagnostic]:
    if article is None or article.draft or not article.body or MARKER not in article.body:
        return []
    offset = next(i for i, line in enumerate(article.body.split("\n")) if MARKER in line)
    return [diag("FN007", article.source, article.body_line + offset, marker=MARKER)]
