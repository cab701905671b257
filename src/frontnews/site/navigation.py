"""Where every list page lives, the breadcrumb trail to each page, and the site's main menu."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from .. import hashing
from ..content.addresses import TAGS_URL, section_url, tag_url  # re-exported: the whole URL scheme is read here
from ..content.config import SiteConfig
from ..content.sections import Section
from ..content.units import UnitTree
from ..diagnostics import Diagnostic, diag, suggestion
from ..models import StandingPage
from ..paths import CONFIG_FILE
from ..vi.text import closest, slugify_vi, vi_sort_key
from .indexes import SiteIndex
from .unit_menu import MenuUnit, top_of_tree, unit_tree_order, with_branch  # noqa: F401 - unit_tree_order re-exported

# The URL scheme of the list pages. Feeds, the sitemap and other tools depend on it: never change it.
UNITS_URL = "/don-vi/"
PEOPLE_URL = "/nhan-vat/"
ARCHIVE_URL = "/luu-tru/"
SEARCH_URL = "/tim-kiem/"
SITE_FEED_URL = "/feed.xml"
FEED_FILE = "feed.xml"
_HOST_RE = re.compile(r"[A-Za-z0-9.\-]+(:\d+)?")


def unit_url(slug: str) -> str:
    return f"{UNITS_URL}{slug}/"


def person_url(slug: str) -> str:
    return f"{PEOPLE_URL}{slug}/"


def year_url(year: int) -> str:
    return f"{ARCHIVE_URL}{year:04d}/"


def month_url(year: int, month: int) -> str:
    return f"{ARCHIVE_URL}{year:04d}/{month:02d}/"


def feed_url(list_url: str) -> str:
    """A list's Atom feed sits beside its first page: `/don-vi/x/` → `/don-vi/x/feed.xml`."""
    return list_url + FEED_FILE


def absolute(config: SiteConfig, path: str) -> str:
    """The same rule as the templates' `abs_url` filter, for feeds and JSON-LD built in Python."""
    return config.base_url.rstrip("/") + path if path.startswith("/") else path


def origin(config: SiteConfig) -> str | None:
    """`https://host[:port]` of base_url for the print stylesheet; None if it holds anything CSS-unsafe."""
    parts = urlsplit(config.base_url)
    if parts.scheme in ("http", "https") and _HOST_RE.fullmatch(parts.netloc):
        return f"{parts.scheme}://{parts.netloc}"
    return None


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


HOME = Link("Trang chủ", "/")
UNITS_LINK = Link("Đơn vị", UNITS_URL)
TAGS_LINK = Link("Chủ đề", TAGS_URL)
PEOPLE_LINK = Link("Nhân vật", PEOPLE_URL)
ARCHIVE_LINK = Link("Lưu trữ", ARCHIVE_URL)
SECTIONS = (UNITS_LINK, TAGS_LINK, PEOPLE_LINK, ARCHIVE_LINK)


def unit_trail(units: UnitTree, slug: str) -> tuple[Link, ...]:
    """Home › Đơn vị › the top unit › … › this unit: the hierarchy, up to the top unit."""
    chain = units.ancestors(slug) + (units.units[slug],)
    return (HOME, UNITS_LINK) + tuple(Link(u.short_name, unit_url(u.slug)) for u in chain)


def paged_trail(trail: tuple[Link, ...], number: int, url: str) -> tuple[Link, ...]:
    """An archive page of a list is a step below the list's first page (number 0)."""
    return trail if number == 0 else trail + (Link(f"Trang {number}", url),)


@dataclass(frozen=True, slots=True)
class Menu:
    """The main menu, the same on every page: configured links, units, main topics."""

    links: tuple[Link, ...]
    units: tuple[MenuUnit, ...]
    topics: tuple[Link, ...]
    feed: str | None  # the site feed's URL, when there is a feed
    sections: tuple[Link, ...] = SECTIONS
    section_links: tuple[Link, ...] = ()  # the site's sections (chuyên mục), in the order of `sections:`
    page_links: tuple[Link, ...] = ()  # the standing pages of `pages.menu`
    footer_links: tuple[Link, ...] = ()  # the standing pages of `pages.footer`
    branches: bool = False  # `menu.units: all`: a unit's pages add its branch to `units` (for_unit)

    @property
    def groups(self) -> tuple[tuple[Link, tuple, str], ...]:
        """The two drop-down lists: (the index page, its entries, the title of the link to the index)."""
        return (UNITS_LINK, self.units, "Tất cả đơn vị"), (TAGS_LINK, self.topics, "Tất cả chủ đề")

    @property
    def more(self) -> tuple[Link, ...]:
        """The sections the menu links directly."""
        return PEOPLE_LINK, ARCHIVE_LINK

    def for_unit(self, units: UnitTree, slug: str) -> Menu:
        """The menu of a unit's pages (its list, its articles): the top of the tree and its own branch.

        What it adds follows from the tree of units and the page's unit, both inputs of the page.
        """
        if not self.branches or slug not in units.units:
            return self
        shown = with_branch(self.units, units, slug, unit_url)
        return self if shown == self.units else replace(self, units=shown)

    @property
    def fingerprint(self) -> str:
        """An input of every page: a changed menu changes every page."""
        return "menu:" + hashing.fingerprint(repr(self))


def plan_menu(
    config: SiteConfig,
    units: UnitTree,
    index: SiteIndex,
    sections: Sequence[Section] = (),
    standing: Sequence[StandingPage] = (),
) -> tuple[Menu, list[Diagnostic]]:
    """Resolve `menu.units`, `menu.topics` and `pages`; a name with no page is left out with a warning."""
    problems: list[Diagnostic] = []
    menu_units = _menu_units(config, units, problems)
    topics = _menu_topics(config, index, problems)
    links = tuple(Link(item.title, item.url) for item in config.nav)
    section_links = tuple(Link(s.name, section_url(s.slug)) for s in sections)
    page_links = _pages(config, config.menu_pages, standing, "menu chính", problems)
    footer = _pages(config, config.footer_pages, standing, "chân trang", problems)
    return Menu(
        links,
        menu_units,
        topics,
        SITE_FEED_URL if index.articles else None,
        SECTIONS,
        section_links,
        page_links,
        footer,
        branches=config.menu_units is None,
    ), problems


def _pages(
    config: SiteConfig,
    chosen: Sequence[str] | None,
    standing: Sequence[StandingPage],
    where: str,
    problems: list[Diagnostic],
) -> tuple[Link, ...]:
    """The standing pages named in `pages.menu` or `pages.footer` (by address); None: all of them."""
    if chosen is None:
        return tuple(Link(page.title, page.url) for page in standing)
    by_address = {page.url.strip("/"): page for page in standing}
    links = []
    for key in chosen:
        page = by_address.get(key)
        if page is None:
            problems.append(
                diag(
                    "FN145",
                    CONFIG_FILE,
                    config.pages_line,
                    value=key,
                    where=where,
                    hint=suggestion(closest(key, list(by_address))),
                )
            )
        else:
            links.append(Link(page.title, page.url))
    return tuple(links)


def _menu_units(config: SiteConfig, units: UnitTree, problems: list[Diagnostic]) -> tuple[MenuUnit, ...]:
    if config.menu_units is None:  # `all`: the top of the tree here, a page's own branch in menu_for
        return top_of_tree(units, unit_url)
    chosen = []
    for key in config.menu_units:
        unit = units.find(key)
        if unit is None:
            names = [u.slug for u in units.units.values()]
            problems.append(
                diag("FN006", CONFIG_FILE, config.menu_line, value=key, hint=suggestion(closest(key, names)))
            )
        else:
            chosen.append(MenuUnit(unit.short_name, unit_url(unit.slug), 0, unit.slug))
    return tuple(chosen)


def _menu_topics(config: SiteConfig, index: SiteIndex, problems: list[Diagnostic]) -> tuple[Link, ...]:
    names = tag_names(index)
    if config.menu_topics is None:
        by_use = sorted(names, key=lambda slug: (-len(index.by_tag[slug]), vi_sort_key(names[slug])))
        chosen = sorted(by_use[: config.menu_topic_count], key=lambda slug: vi_sort_key(names[slug]))
        return tuple(Link(names[slug], tag_url(slug)) for slug in chosen)
    topics = []
    for key in config.menu_topics:
        slug = key if key in names else slugify_vi(key)
        if slug in names:
            topics.append(Link(names[slug], tag_url(slug)))
        else:
            problems.append(
                diag(
                    "FN006",
                    CONFIG_FILE,
                    config.menu_line,
                    value=key,
                    hint=suggestion(closest(key, list(names.values()))),
                )
            )
    return tuple(topics)


def tag_names(index: SiteIndex) -> dict[str, str]:
    """Each tag's name as its newest article spells it: one spelling per page, chosen the same way."""
    return {slug: next(t.name for t in articles[0].tags if t.slug == slug) for slug, articles in index.by_tag.items()}


def person_names(index: SiteIndex) -> dict[str, str]:
    """Each participant's name as their newest article spells it."""
    return {
        slug: next(p.name for p in articles[0].participants if p.slug == slug)
        for slug, articles in index.by_participant.items()
    }
