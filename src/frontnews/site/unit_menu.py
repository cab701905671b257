"""The units of the main menu: the top of the tree, and on a unit's pages its branch.

A province's portal has a couple of hundred units. Listing them all in the menu put tens of
kilobytes on every page; the menu now shows the levels at the top that fit in MENU_UNITS entries,
plus the chain down to the unit a page belongs to, and links the whole tree on /don-vi/; units
that have ended are not in the top. Any unit
is then at most two clicks away: the menu's "Tất cả đơn vị", then the unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..content.units import UnitTree
from ..vi.text import vi_sort_key

MENU_UNITS = 20  # the most units of the top of the tree the menu lists; the rest are on /don-vi/


@dataclass(frozen=True, slots=True)
class MenuUnit:
    title: str
    url: str
    depth: int  # 0 for a top unit: the menu indents the tree
    slug: str = ""


def unit_tree_order(units: UnitTree) -> list[tuple]:
    """(unit, depth) depth first; siblings in Vietnamese alphabetical order of their names.

    A unit caught in a parent cycle is reached from no top unit: it is listed at the end, at depth 0.
    """
    order: list[tuple] = []
    by_parent: dict[str | None, list] = {}
    for unit in units.units.values():
        by_parent.setdefault(unit.parent if unit.parent in units.units else None, []).append(unit)

    def visit(parent: str | None, depth: int) -> None:
        for unit in sorted(by_parent.get(parent, ()), key=lambda u: vi_sort_key(u.name)):
            order.append((unit, depth))
            visit(unit.slug, depth + 1)

    visit(None, 0)
    seen = {unit.slug for unit, _ in order}
    order += [(u, 0) for u in sorted(units.units.values(), key=lambda u: vi_sort_key(u.name)) if u.slug not in seen]
    return order


def top_of_tree(units: UnitTree, url_of: Callable[[str], str], limit: int = MENU_UNITS) -> tuple[MenuUnit, ...]:
    """The deepest levels from the top whose units together are at most `limit` (none if the top level is more).

    A small site keeps its whole tree in the menu; a province shows itself and its districts. Units
    that have ended (`until`, like the districts dissolved in 2025) are left to /don-vi/.
    """
    order = [(u, d) for u, d in unit_tree_order(units) if u.until is None]
    levels = Counter(d for _, d in order)
    depth, total = -1, 0
    while depth + 1 in levels and total + levels[depth + 1] <= limit:
        depth += 1
        total += levels[depth]
    return _entries(((u, d) for u, d in order if d <= depth), url_of)


def with_branch(
    shown: tuple[MenuUnit, ...], units: UnitTree, slug: str, url_of: Callable[[str], str]
) -> tuple[MenuUnit, ...]:
    """`shown` with the chain from the top unit down to `slug` added, in tree order."""
    chain = {u.slug for u in units.ancestors(slug)} | {slug}
    have = {entry.slug for entry in shown}
    if chain <= have:
        return shown
    wanted = have | chain
    return _entries(((u, d) for u, d in unit_tree_order(units) if u.slug in wanted), url_of)


def _entries(order: Iterable[tuple], url_of: Callable[[str], str]) -> tuple[MenuUnit, ...]:
    return tuple(MenuUnit(u.short_name, url_of(u.slug), depth, u.slug) for u, depth in order)
