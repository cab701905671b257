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
    """One page of a list: its items, its number (from 1), and its neighbours' URLs."""

    items: tuple[T, ...]
    number: int
    count: int
    url: str
    prev_url: str | None
    next_url: str | None


def page_url(first_url: str, number: int) -> str:
    """`/` → `/trang/2/`; `/don-vi/x/` → `/don-vi/x/trang/2/`."""
    return first_url if number == 1 else f"{first_url}trang/{number}/"


def page_count(total: int, per_page: int) -> int:
    """Always at least one page, so an empty list still has its first page."""
    return max(1, -(-total // per_page))


def page_items(items: Sequence[T], per_page: int, number: int) -> tuple[T, ...]:
    return tuple(items[(number - 1) * per_page: number * per_page])


def pagination(items: tuple[T, ...], number: int, count: int, first_url: str) -> Pagination[T]:
    """Page `number` of `count`, holding `items` (page_items of the list)."""
    return Pagination(
        items=items, number=number, count=count, url=page_url(first_url, number),
        prev_url=page_url(first_url, number - 1) if number > 1 else None,
        next_url=page_url(first_url, number + 1) if number < count else None,
    )


def paginate(items: Sequence[T], per_page: int, first_url: str) -> tuple[Pagination[T], ...]:
    count = page_count(len(items), per_page)
    return tuple(pagination(page_items(items, per_page, number), number, count, first_url)
                 for number in range(1, count + 1))
