"""Warn when an article's address changed since the last build, with the exact `aliases:` line to add.

The build cache keeps each published article's URL (BuildCache.remember_urls), written by builds
into the site's output only: a preview, and `check`, which reads it without writing, show the
warning for as long as the output has the old address; drafts an editor retitles while writing warn
nothing, since they were never published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..content.source_lines import key_line
from ..diagnostics import Diagnostic, diag
from ..models import Article
from .build_cache import CACHE_DIR, CACHE_FILE, BuildCache


@dataclass(frozen=True, slots=True)
class UrlHistory:
    """The published URLs of the last build into the output, and of this build."""

    before: dict[str, str]
    now: dict[str, str]
    digest: str  # urls_digest(now)

    @classmethod
    def read(cls, root: Path, articles: Sequence[Article], clock: dt.datetime) -> UrlHistory:
        now = published_urls(articles, clock)
        digest = urls_digest(now)
        return cls(stored_urls(root, now, digest), now, digest)

    def warnings(self, articles: Sequence[Article], root: Path) -> list[Diagnostic]:
        return moved_urls(self.before, self.now, articles, root)

    def remember(self, cache: BuildCache) -> None:
        """Only after a build into the output that succeeded: what readers got."""
        cache.remember_urls(self.before, self.now, self.digest)


def stored_urls(root: Path, now: dict[str, str], digest: str) -> dict[str, str]:
    """The URL of each article (by source) at the last build into the output; {} if none is known.

    The table's row "" holds urls_digest of the whole record: when it is `digest`, that of `now`,
    nothing moved and `now` itself is returned, without reading 100,000 rows.
    """
    path = (root / CACHE_DIR / CACHE_FILE).resolve()
    if not path.is_file():
        return {}
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT url FROM urls WHERE path = ''").fetchone()
            if row is not None and row[0] == digest:
                return now
            return {source: url for source, url in conn.execute("SELECT path, url FROM urls") if source}
    except sqlite3.Error:
        return {}


def urls_digest(urls: dict[str, str]) -> str:
    """One digest of a record of URLs, in its order (a record in another order is only read in full)."""
    return hashlib.sha256("\x00".join(itertools.chain.from_iterable(urls.items())).encode("utf-8")).hexdigest()


def published_urls(articles: Sequence[Article], now: dt.datetime) -> dict[str, str]:
    """The addresses readers may have shared: neither drafts nor articles waiting for their date."""
    return {a.source: a.url for a in articles if not a.draft and a.published <= now}


def moved_urls(
    before: Mapping[str, str], now: Mapping[str, str], articles: Sequence[Article], root: Path
) -> list[Diagnostic]:
    """FN137 for each article whose last published URL is no longer its URL nor one of its aliases.

    `now` is published_urls of `articles`. An old URL now held by another article, or claimed by
    another's alias, is not asked for.
    """
    changed = set() if before is now else {s for s, url in now.items() if before.get(s, url) != url}
    moved = [
        (a, before[a.source])
        for a in articles
        if a.source in changed and all(alias.url != before[a.source] for alias in a.aliases)
    ]
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
        problems.append(
            diag(
                "FN137",
                article.source,
                key_line(root, article.source, key),
                old=old,
                new=article.url,
                action=action,
                aliases=wanted,
            )
        )
    return problems
