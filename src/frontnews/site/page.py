"""A planned page and the planner's shared view of the site: what every page planner builds on."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..content.config import SiteConfig
from ..content.sections import Section
from ..content.units import UnitTree
from ..hashing import fingerprint
from ..models import Article, StandingPage
from .indexes import SiteIndex
from .navigation import Link, Menu, origin, unit_trail
from .seo import breadcrumb_list


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What every template knows about the page it renders."""

    url: str
    title: str
    description: str
    kind: str
    crumbs: tuple[Link, ...] = ()  # from the home page to this page, this page last
    feed: str | None = None  # the URL of this page's own Atom feed
    feed_title: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    output_path: str  # relative to the output root, POSIX style
    template: str
    # Makes the template's variables; called only when the page is rendered (see `context`).
    make_context: Callable[[], Mapping[str, Any]] = field(compare=False)
    # Digests of everything the page shows: an unchanged set means an unchanged page.
    inputs: tuple[str, ...] = ()
    # The newest date of what the page shows: the sitemap's <lastmod>.
    lastmod: dt.datetime | None = field(default=None, compare=False)
    # Non-HTML outputs (feeds, sitemap, robots.txt) are rendered by Python, not by a template.
    renderer: Callable[[Mapping[str, Any]], bytes] | None = field(default=None, compare=False)

    @property
    def context(self) -> Mapping[str, Any]:
        """The page's variables, made anew at each read.

        After the first build nearly every planned page is reused unread: making every page's
        context (its PageMeta, crumbs, merged dicts) cost more than the rest of planning. Only
        render_page reads it, and page_clashes for a page that shares its output path.
        """
        return self.make_context()


@dataclass(frozen=True, slots=True)
class View:
    """What a page's planner gives its template: its PageMeta, its own variables, its own JSON-LD."""

    meta: PageMeta
    context: Mapping[str, Any]
    jsonld: Callable[[], tuple[dict, ...]] | None = None


def output_path_for(url: str) -> str:
    """Clean URLs: `/a/b/` is written to `a/b/index.html`; a file URL is written as named."""
    if url == "/":
        return "index.html"
    return url.strip("/") + "/index.html" if url.endswith("/") else url.lstrip("/")


def digest_of(value: object) -> str:
    """An input for what a page shows that is not an article (counts, a list of names)."""
    return fingerprint(repr(value))


_digest = operator.attrgetter("digest")
_published = operator.attrgetter("published")
_updated = operator.attrgetter("updated")


def last_change(article: Article) -> dt.datetime:
    return max(article.published, article.updated) if article.updated else article.published


def newest_change(articles: Sequence[Article]) -> dt.datetime | None:
    """`max(map(last_change, articles))`, looping in C: it runs for each of the many list pages."""
    published = max(map(_published, articles), default=None)
    updated = max(filter(None, map(_updated, articles)), default=None)
    return updated if updated is not None and updated > published else published


@dataclass(frozen=True, slots=True)
class Planning:
    """What every page planner reads; `common` are the inputs every page shares (menu, units)."""

    config: SiteConfig
    index: SiteIndex
    units: UnitTree
    menu: Menu
    common: tuple[str, ...] = ()
    print_origin: str | None = None
    trails: dict[str, tuple[Link, ...]] = field(default_factory=dict)  # by unit, filled as asked
    sections: tuple[Section, ...] = ()  # in the order of the menu
    standing: tuple[StandingPage, ...] = ()  # the standing pages published
    menus: dict[str, Menu] = field(default_factory=dict)  # by unit, the menu with its branch, filled as asked

    @classmethod
    def of(
        cls,
        config: SiteConfig,
        index: SiteIndex,
        units: UnitTree,
        menu: Menu,
        sections: Sequence[Section] = (),
        standing: Sequence[StandingPage] = (),
    ) -> Planning:
        """Hash the shared inputs once, not once per page (they are large: every unit, the menu)."""
        common = (menu.fingerprint, "units:" + digest_of(sorted(units.units.items())))
        return cls(config, index, units, menu, common, origin(config), {}, tuple(sections), tuple(standing), {})

    def section(self, slug: str) -> Section | None:
        """An article's or a page's section by its slug; None for "" (directly in content/)."""
        return next((s for s in self.sections if s.slug == slug), None) if slug else None

    def unit_trail(self, slug: str) -> tuple[Link, ...]:
        """navigation.unit_trail, once per unit rather than once per article."""
        if slug not in self.trails:
            self.trails[slug] = unit_trail(self.units, slug)
        return self.trails[slug]

    def menu_for(self, unit: object) -> Menu:
        """The menu of a page showing `unit` (a unit's list, an article): made once per unit.

        The same object for every page of the unit, so the template renderer draws it once.
        """
        slug = getattr(unit, "slug", None)
        if not isinstance(slug, str):
            return self.menu
        if slug not in self.menus:
            self.menus[slug] = self.menu.for_unit(self.units, slug)
        return self.menus[slug]

    def html(
        self,
        url: str,
        template: str,
        view: Callable[[], View],
        shown: Sequence[Article] = (),
        extra: tuple[str, ...] = (),
        lastmod: dt.datetime | None = None,
    ) -> Page:
        """An HTML page at `url` (its PageMeta's): `shown` are the articles it shows, `extra` the other inputs.

        Its <lastmod> is `lastmod`, else the newest change among `shown`. `view` is called only if
        the page is rendered: the inputs must name everything it shows.
        """
        return Page(
            url,
            output_path_for(url),
            template,
            partial(self.context, view),
            tuple(map(_digest, shown)) + extra + self.common,
            lastmod or newest_change(shown),
        )

    def context(self, view: Callable[[], View]) -> dict[str, Any]:
        """The variables of an HTML page: its view's, and those every page has.

        The page's JSON-LD, its BreadcrumbList then its own documents, is made when the template reads it.
        """
        made = view()
        meta, config, own = made.meta, self.config, made.jsonld
        data = JsonLd(lambda: (breadcrumb_list(config, meta.crumbs),) + (own() if own else ()))
        menu = self.menu_for(made.context.get("unit"))
        return {**made.context, "page": meta, "menu": menu, "jsonld": data, "print_origin": self.print_origin}


class JsonLd:
    """A page's JSON-LD documents, made when the template reads them (a site's own may not)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], tuple[dict, ...]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[dict]:
        return iter(self.make())
