"""Warn when an article's address changed since the last build, with the exact `aliases:` line to add.

The build cache keeps each published article's URL (BuildCache.remember_urls), written by builds
into the site's output only: a preview, and `check`, which reads it without writing, show the
warning for as long as the output has the old address; drafts an editor retitles while writing warn
nothing, since they were never published.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Mapping, Sequence

from .cache import CACHE_DIR, CACHE_FILE
from .diagnostics import Diagnostic, diag
from .models import Article
from .sourcelines import key_line


def stored_urls(root: Path) -> dict[str, str]:
    """The URL of each article (by source) at the last build into the output; {} if none is known."""
    path = (root / CACHE_DIR / CACHE_FILE).resolve()
    if not path.is_file():
        return {}
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            return dict(conn.execute("SELECT path, url FROM urls"))
    except sqlite3.Error:
        return {}


def published_urls(articles: Sequence[Article], now: dt.datetime) -> dict[str, str]:
    """The addresses readers may have shared: neither drafts nor articles waiting for their date."""
    return {a.source: a.url for a in articles if not a.draft and a.published <= now}


def moved_urls(before: Mapping[str, str], articles: Sequence[Article], root: Path) -> list[Diagnostic]:
    """FN137 for each article whose last published URL is no longer its URL nor one of its aliases.

    An old URL now held by another article, or claimed by another's alias, is not asked for.
    """
    moved = [(a, before[a.source]) for a in articles if before.get(a.source, a.url) != a.url]
    moved = [(a, old) for a, old in moved if all(alias.url != old for alias in a.aliases)]
    if not moved:
        return []
    held = {a.url for a in articles} | {alias.url for a in articles for alias in a.aliases}
    problems = []
    for article, old in moved:
        if old in held:
            continue
        wanted = "aliases: " + json.dumps([alias.url for alias in article.aliases] + [old], ensure_ascii=False)
        key = "aliases" if article.aliases else "title"
        action = "sửa dòng aliases thành" if article.aliases else "thêm dòng này vào phần thông tin đầu bài"
        problems.append(diag("FN137", article.source, key_line(root, article.source, key), old=old,
                             new=article.url, action=action, aliases=wanted))
    return problems
