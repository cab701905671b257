"""The search page, `/tim-kiem/`: the form, its filters (unit, topic, year) and room for results.

The results are found in the reader's browser by static/js/search.js, from the Pagefind index
(render/search_index.py): the page itself holds no article. Its filters list the units, topics
and years that have articles, so those lists are its inputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from ..vi.text import vi_sort_key
from .navigation import HOME, SEARCH_URL, Link, tag_names, unit_tree_order
from .page import Page, PageMeta, Planning, View, digest_of

SEARCH_LINK = Link("Tìm kiếm", SEARCH_URL)


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a filter: the value the index files the pages under, and what readers read."""

    value: str
    label: str
    depth: int = 0  # a unit below another is indented under it

    @property
    def indented(self) -> str:
        """The label as a <select> shows it: indented by its depth (an option cannot be styled)."""
        return "\u00a0\u00a0\u00a0" * self.depth + self.label


def plan_search(plan: Planning) -> Iterator[Page]:
    if not plan.config.search:
        return
    context = {"units": unit_choices(plan), "topics": topic_choices(plan), "years": year_choices(plan)}
    meta = PageMeta(
        SEARCH_URL,
        SEARCH_LINK.title,
        "Tìm bài viết theo từ khóa, đơn vị, chủ đề và năm.",
        "search",
        (HOME, SEARCH_LINK),
    )
    yield plan.html(SEARCH_URL, "search.html", partial(View, meta, context), extra=(digest_of(context),))


def unit_choices(plan: Planning) -> tuple[Choice, ...]:
    """The units with articles, as the tree of units.yaml (short names: a filter is narrow)."""
    return tuple(
        Choice(unit.slug, unit.short_name, depth)
        for unit, depth in unit_tree_order(plan.units)
        if unit.slug in plan.index.by_unit
    )


def topic_choices(plan: Planning) -> tuple[Choice, ...]:
    names = tag_names(plan.index)
    return tuple(Choice(slug, name) for slug, name in sorted(names.items(), key=lambda item: vi_sort_key(item[1])))


def year_choices(plan: Planning) -> tuple[Choice, ...]:
    """Newest year first, as the archive lists them."""
    years = sorted({year for year, _ in plan.index.by_month}, reverse=True)
    return tuple(Choice(f"{year:04d}", f"{year:04d}") for year in years)
