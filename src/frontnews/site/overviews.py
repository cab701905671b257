"""The index pages that reach every list: all units as a tree, all tags, all people, the archive."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from ..models import Unit
from ..vi.text import vi_sort_key
from .list_pages import roles_in
from .navigation import (
    ARCHIVE_LINK,
    HOME,
    PEOPLE_LINK,
    TAGS_LINK,
    UNITS_LINK,
    Link,
    month_url,
    person_names,
    person_url,
    tag_names,
    tag_url,
    unit_tree_order,
    unit_url,
    year_url,
)
from .page import Page, PageMeta, Planning, View, digest_of


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of an index page: a name, its page, how many articles, and a note (a role, a level)."""

    name: str
    url: str
    count: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnitNode:
    unit: Unit
    url: str
    count: int
    children: tuple[UnitNode, ...]


@dataclass(frozen=True, slots=True)
class YearEntry:
    year: int
    url: str
    count: int
    months: tuple[Entry, ...]  # January first


def plan_directories(plan: Planning) -> Iterator[Page]:
    yield _index_page(plan, UNITS_LINK, "Các đơn vị đăng tin, theo cấp.", "units.html", {"tree": unit_tree(plan)})
    yield _index_page(
        plan, TAGS_LINK, "Tất cả chủ đề, với số bài viết của mỗi chủ đề.", "tags.html", {"entries": tag_entries(plan)}
    )
    yield _index_page(
        plan, PEOPLE_LINK, "Những người có tên trong các bài viết.", "people.html", {"entries": person_entries(plan)}
    )
    yield _index_page(
        plan, ARCHIVE_LINK, "Các bài viết theo năm và tháng.", "archives.html", {"years": year_entries(plan)}
    )


def _index_page(plan: Planning, link: Link, description: str, template: str, context: dict) -> Page:
    """An index shows counts and names, not articles: those are its inputs; the newest article dates it."""
    meta = PageMeta(link.url, link.title, description, "directory", (HOME, link))
    return plan.html(
        meta.url, template, partial(View, meta, context), plan.index.articles[:1], extra=(digest_of(context),)
    )


def unit_tree(plan: Planning) -> tuple[UnitNode, ...]:
    """The units as nested nodes, in the order of unit_tree_order (siblings alphabetical)."""
    below: dict[str | None, list[Unit]] = {}
    for unit, depth in unit_tree_order(plan.units):
        below.setdefault(unit.parent if depth else None, []).append(unit)

    counts = {slug: len(articles) for slug, articles in plan.index.by_unit.items()}

    # A recursive closure is a reference cycle: it must not hold `plan`, or every article of the
    # site would outlive the build until the collector's next full pass.
    def node(unit: Unit) -> UnitNode:
        return UnitNode(
            unit, unit_url(unit.slug), counts.get(unit.slug, 0), tuple(node(u) for u in below.get(unit.slug, ()))
        )

    return tuple(node(unit) for unit in below.get(None, ()))


def tag_entries(plan: Planning) -> tuple[Entry, ...]:
    names = tag_names(plan.index)
    entries = (Entry(name, tag_url(slug), len(plan.index.by_tag[slug])) for slug, name in names.items())
    return tuple(sorted(entries, key=lambda e: vi_sort_key(e.name)))


def person_sort_key(name: str) -> tuple:
    """Vietnamese lists of people go by the given name (the last word), then the whole name."""
    words = name.split()
    return vi_sort_key(words[-1] if words else ""), vi_sort_key(name)


def person_entries(plan: Planning) -> tuple[Entry, ...]:
    """Each person with the roles of their newest article."""
    entries = []
    for slug, name in person_names(plan.index).items():
        articles = plan.index.by_participant[slug]
        entries.append(Entry(name, person_url(slug), len(articles), ", ".join(roles_in(articles[0], slug))))
    return tuple(sorted(entries, key=lambda e: person_sort_key(e.name)))


def year_entries(plan: Planning) -> tuple[YearEntry, ...]:
    """Newest year first; inside a year, months in calendar order."""
    months = plan.index.by_month
    years = []
    for year in sorted({y for y, _ in months}, reverse=True):
        in_year = tuple(
            Entry(f"Tháng {m}", month_url(year, m), len(months[(y, m)])) for y, m in sorted(months) if y == year
        )
        years.append(YearEntry(year, year_url(year), sum(e.count for e in in_year), in_year))
    return tuple(years)
