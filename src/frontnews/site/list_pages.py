"""The paginated lists of articles: home, each unit, tag and participant, and the archives."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from ..models import Article, Unit
from ..vi.text import vi_sort_key
from .indexes import Pagination, archive_count, archive_page, first_page, newest_first
from .navigation import (
    ARCHIVE_LINK,
    HOME,
    PEOPLE_LINK,
    TAGS_LINK,
    Link,
    feed_url,
    month_url,
    paged_trail,
    person_names,
    person_url,
    tag_names,
    tag_url,
    unit_url,
    year_url,
)
from .page import Page, PageMeta, Planning, View, digest_of

CHILD_NEWS = 6  # latest articles of the child units offered on a parent unit's page


def paginated(
    plan: Planning,
    articles: Sequence[Article],
    first_url: str,
    meta: PageMeta,
    template: str,
    context: Mapping[str, Any] | None = None,
    shown: Sequence[Article] = (),
    extra: Sequence[object] = (),
    pinned: Sequence[Article] = (),
    archived: Mapping[str, Any] | None = None,
    by_month: bool = False,
    after: str | None = None,
) -> Iterator[Page]:
    """The list's first page (its newest `per_page`), then its archive pages, numbered from the oldest.

    `meta` describes the first page; archive pages add "trang N". The first page shows `context`,
    the `shown` articles and whatever `extra` holds (counts of child units, links to months), which
    are its inputs; archive pages show only their articles and `archived` (default `context`),
    which must not hold anything else that changes, so that a new article leaves them as they are.
    `pinned` articles (whose pins hold at the build's clock) are shown above the first page, out of
    the list's order; archive pages keep every article in its place, pinned or not. A list archived
    `by_month` (the whole site's, a year's) has its first page alone, whose older link leads to the
    month of the oldest article it shows. `after` is where an older list continues from this one's
    oldest page (a month's: the month before).
    """
    per_page = plan.config.per_page
    held = {a.source for a in pinned}
    latest = tuple(itertools.islice((a for a in articles if a.source not in held), per_page))
    elsewhere = month_of(latest[-1]) if by_month and latest else None
    part = first_page(latest, len(articles), per_page, first_url, elsewhere, after)
    view = partial(_list_view, meta, context, part, tuple(pinned))
    # The older link follows the number of archive pages, and the pins move the others: both inputs.
    first = digest_of((meta, tuple(extra), tuple(a.source for a in pinned), part.next_url))
    yield plan.html(first_url, template, view, latest + tuple(shown) + tuple(pinned), extra=("page:first", first))
    archive_context = context if archived is None else archived
    shared = digest_of(meta)
    for number in range(1, 0 if by_month else archive_count(len(articles), per_page) + 1):
        part = archive_page(articles, per_page, number, first_url, after)
        view = partial(_list_view, meta, archive_context, part, ())
        # Whether the newer page is the next archive page or the first page is what the count changes.
        yield plan.html(
            part.url, template, view, part.items, extra=(f"page:{number}:{part.prev_url}:{part.next_url}", shared)
        )


def month_of(article: Article) -> str:
    """The month archive an article is in."""
    return month_url(article.published.year, article.published.month)


def _list_view(
    meta: PageMeta, context: Mapping[str, Any] | None, part: Pagination, pinned: tuple[Article, ...] = ()
) -> View:
    """One page of a list as its template sees it: made only if the page is rendered."""
    title = meta.title if part.first else f"{meta.title} – trang {part.number}"
    page_meta = PageMeta(
        part.url,
        title,
        meta.description,
        meta.kind,
        paged_trail(meta.crumbs, part.number, part.url),
        meta.feed,
        meta.feed_title,
    )
    return View(
        page_meta,
        {**(context or {}), "heading": meta.title, "articles": part.items, "pagination": part, "pinned": pinned},
    )


def plan_lists(plan: Planning) -> Iterator[Page]:
    yield from plan_units(plan)
    yield from plan_tags(plan)
    yield from plan_people(plan)
    yield from plan_archives(plan)


def plan_units(plan: Planning) -> Iterator[Page]:
    """Every unit has a page, even with no article yet: it still shows its place and its children."""
    children: dict[str, list[Unit]] = {}
    for unit in plan.units.units.values():
        if unit.parent in plan.units.units and unit.parent != unit.slug:
            children.setdefault(unit.parent, []).append(unit)
    for slug, unit in plan.units.units.items():
        own = plan.index.by_unit.get(slug, ())
        below = sorted(children.get(slug, ()), key=lambda u: vi_sort_key(u.name))
        kids = tuple((child, len(plan.index.by_unit.get(child.slug, ()))) for child in below)
        news = _latest_below(plan, slug, children)
        feed = feed_url(unit_url(slug)) if own else None
        meta = PageMeta(
            unit_url(slug),
            unit.name,
            f"Tin tức của {unit.name}.",
            "unit",
            plan.unit_trail(slug),
            feed,
            f"Tin của {unit.short_name}",
        )
        parent = plan.units.units.get(unit.parent) if unit.parent is not None and unit.parent != slug else None
        context = {"unit": unit, "parent": parent, "children": kids, "children_news": news}
        pinned = tuple(a for a in plan.index.pinned if a.unit == slug)  # a notice at the top of its own unit's list
        archived = {**context, "children": (), "children_news": ()}  # counts and news change: on the first page only
        yield from paginated(
            plan, own, unit_url(slug), meta, "unit.html", context, news, (parent, kids), pinned, archived
        )


def _latest_below(plan: Planning, slug: str, children: Mapping[str, list[Unit]]) -> tuple[Article, ...]:
    """The newest CHILD_NEWS articles of every unit below `slug`, merged without sorting them all."""
    below, todo, seen = [], list(children.get(slug, ())), {slug}
    while todo:
        unit = todo.pop()
        if unit.slug not in seen:
            seen.add(unit.slug)
            below.append(plan.index.by_unit.get(unit.slug, ()))
            todo += children.get(unit.slug, ())
    return tuple(itertools.islice(heapq.merge(*below, key=newest_first), CHILD_NEWS))


def plan_tags(plan: Planning) -> Iterator[Page]:
    for slug, name in tag_names(plan.index).items():
        url = tag_url(slug)
        meta = PageMeta(
            url,
            f"Chủ đề: {name}",
            f"Các bài viết về chủ đề “{name}”.",
            "tag",
            (HOME, TAGS_LINK, Link(name, url)),
            feed_url(url),
            f"Tin về chủ đề “{name}”",
        )
        yield from paginated(plan, plan.index.by_tag[slug], url, meta, "list.html", {"label": "Chủ đề", "name": name})


def plan_people(plan: Planning) -> Iterator[Page]:
    """Each article is shown with the roles its participant held in it: roles change over the years."""
    for slug, name in person_names(plan.index).items():
        url = person_url(slug)
        articles = plan.index.by_participant[slug]
        roles = RolesOf(slug, plan.index.by_source)
        meta = PageMeta(url, name, f"Các bài viết có {name} tham dự.", "person", (HOME, PEOPLE_LINK, Link(name, url)))
        yield from paginated(
            plan, articles, url, meta, "person.html", {"label": "Nhân vật", "name": name, "roles": roles}
        )


class RolesOf:
    """`roles[source]` in a person's list: looked up when a page renders, not for every planned page."""

    __slots__ = ("slug", "articles")

    def __init__(self, slug: str, articles: Mapping[str, Article]) -> None:
        self.slug, self.articles = slug, articles

    def __getitem__(self, source: str) -> tuple[str, ...]:
        return roles_in(self.articles[source], self.slug)


def roles_in(article: Article, slug: str) -> tuple[str, ...]:
    """The person's roles in one article, in the order written, each once."""
    roles = [role for p in article.participants if p.slug == slug for role in p.roles]
    return tuple(dict.fromkeys(roles))


def plan_archives(plan: Planning) -> Iterator[Page]:
    """Each year's page, and each month's list, whose oldest page leads to the month before: from the
    home page, "Tin cũ hơn" walks the whole site back in time."""
    months = plan.index.by_month
    ordered = sorted(months)
    before = {key: month_url(*ordered[i - 1]) for i, key in enumerate(ordered) if i}
    for year in sorted({y for y, _ in months}, reverse=True):
        in_year = [(m, months[(y, m)]) for y, m in sorted(months, reverse=True) if y == year]
        articles = tuple(a for _, group in in_year for a in group)
        trail = (HOME, ARCHIVE_LINK, Link(f"Năm {year}", year_url(year)))
        links = tuple((Link(f"Tháng {m}", month_url(year, m)), len(group)) for m, group in reversed(in_year))
        context = {"label": "Lưu trữ", "name": f"Năm {year}", "months": links}
        meta = PageMeta(year_url(year), f"Lưu trữ năm {year}", f"Các bài viết năm {year}.", "archive", trail)
        yield from paginated(plan, articles, year_url(year), meta, "list.html", context, extra=links, by_month=True)
        for month, group in in_year:
            url = month_url(year, month)
            after = before.get((year, month))
            name = f"Tháng {month}/{year}"
            meta = PageMeta(
                url,
                f"Lưu trữ tháng {month}/{year}",
                f"Các bài viết tháng {month}/{year}.",
                "archive",
                trail + (Link(f"Tháng {month}", url),),
            )
            yield from paginated(plan, group, url, meta, "list.html", {"label": "Lưu trữ", "name": name}, after=after)
