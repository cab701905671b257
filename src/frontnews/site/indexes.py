"""Group published articles by date, unit, tag, participant and section; paginate lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..models import Article

T = TypeVar("T")


def newest_first(article: Article) -> tuple:
    return (-article.published.timestamp(), article.slug, article.source)


@dataclass(frozen=True, slots=True)
class SiteIndex:
    articles: tuple[Article, ...]  # newest first
    by_source: dict[str, Article]
    by_unit: dict[str, tuple[Article, ...]]
    by_tag: dict[str, tuple[Article, ...]]
    by_participant: dict[str, tuple[Article, ...]]
    by_month: dict[tuple[int, int], tuple[Article, ...]]
    pinned: tuple[Article, ...] = ()  # pinned at the build's clock, newest first (content.prominence)
    by_section: dict[str, tuple[Article, ...]] = field(default_factory=dict)


def build_index(articles: Sequence[Article], now: dt.datetime | None = None) -> SiteIndex:
    """`now`, the build's clock, decides which pins still hold: without it, none does."""
    ordered = tuple(sorted(articles, key=newest_first))
    by_unit: dict[str, list[Article]] = defaultdict(list)
    by_tag: dict[str, list[Article]] = defaultdict(list)
    by_participant: dict[str, list[Article]] = defaultdict(list)
    by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
    by_section: dict[str, list[Article]] = defaultdict(list)
    for article in ordered:
        by_unit[article.unit].append(article)
        by_section[article.section].append(article)
        by_month[(article.published.year, article.published.month)].append(article)
        for tag in article.tags:
            by_tag[tag.slug].append(article)
        for person in {p.slug: p for p in article.participants}.values():
            by_participant[person.slug].append(article)
    return SiteIndex(
        articles=ordered,
        by_source={a.source: a for a in ordered},
        by_unit=_frozen(by_unit),
        by_tag=_frozen(by_tag),
        by_participant=_frozen(by_participant),
        by_month=_frozen(by_month),
        pinned=tuple(a for a in ordered if now is not None and a.pinned_until is not None and now < a.pinned_until),
        by_section=_frozen(by_section),
    )


def _frozen(groups: dict) -> dict:
    return {key: tuple(groups[key]) for key in sorted(groups)}


@dataclass(frozen=True, slots=True)
class Pagination(Generic[T]):
    """One page of a list: its first page (number 0: the newest), or an archive page.

    Archive pages are numbered from the oldest: page 1 holds the `per_page` oldest articles and
    never changes when a newer one arrives, so adding an article rewrites the list's first page
    and, once every `per_page` articles, the archive page it completes (and the one before it,
    whose "newer" link then leads to it). Only full pages are archived: the newest articles not
    yet making a full page are on the first page.
    """

    items: tuple[T, ...]
    number: int  # 0 for the first page
    url: str
    first_url: str  # the list's first page
    prev_url: str | None  # the newer page
    next_url: str | None  # the older page

    @property
    def first(self) -> bool:
        return self.number == 0


def page_url(first_url: str, number: int) -> str:
    """`/` → `/trang/2/`; `/don-vi/x/` → `/don-vi/x/trang/2/`; number 0 is the list's first page."""
    return first_url if number == 0 else f"{first_url}trang/{number}/"


def archive_count(total: int, per_page: int) -> int:
    """Full pages of the list that are not wholly its first page (the newest `per_page`)."""
    return max(0, (total - 1) // per_page)


def first_page(
    items: Sequence[T],
    total: int,
    per_page: int,
    first_url: str,
    elsewhere: str | None = None,
    after: str | None = None,
) -> Pagination[T]:
    """The first page, showing `items` (the newest of a list of `total`).

    Its older page is the newest archive page; for a list archived `elsewhere` (the site's and a
    year's, by month: the month of the oldest article shown), that page. A list shown whole leads
    to `after`, where an older list continues (a month's, to the month before).
    """
    if elsewhere is not None:
        older = elsewhere if total > len(items) else after
    else:
        count = archive_count(total, per_page)
        older = page_url(first_url, count) if count else after
    return Pagination(tuple(items), 0, first_url, first_url, None, older)


def archive_page(
    items: Sequence[T], per_page: int, number: int, first_url: str, after: str | None = None
) -> Pagination[T]:
    """Archive page `number` of `items` (newest first): the `per_page` after the `(number - 1) * per_page` oldest.

    Page 1 leads to `after`, where an older list continues (a month's, to the month before).
    """
    total, count = len(items), archive_count(len(items), per_page)
    shown = tuple(items[total - number * per_page : total - (number - 1) * per_page])
    newer = page_url(first_url, number + 1) if number < count else first_url
    older = page_url(first_url, number - 1) if number > 1 else after
    return Pagination(shown, number, page_url(first_url, number), first_url, newer, older)


def paginate(items: Sequence[T], per_page: int, first_url: str) -> tuple[Pagination[T], ...]:
    """The first page, then archive pages 1, 2… (the oldest first)."""
    archives = range(1, archive_count(len(items), per_page) + 1)
    return (
        first_page(items[:per_page], len(items), per_page, first_url),
        *(archive_page(items, per_page, number, first_url) for number in archives),
    )
