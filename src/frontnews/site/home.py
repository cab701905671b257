"""The home page, laid out like the committees' portals; older news are in the archive by month.

The first page shows the lead block (the newest featured article large, with its photo, and the
next featured ones beside it), the notices pinned at the build's clock, the column of the newest
articles ("Tin mới", the list's first page) and a block for each of the site's sections (or main topics).
Older news are in the archive by month (/luu-tru/YYYY/MM/), which the column's "Xem các tin
trước" leads to: the month of the oldest article it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from ..models import Article
from .indexes import first_page
from .list_pages import month_of
from .navigation import HOME, Link, section_url, tag_url, unit_url
from .page import Page, PageMeta, Planning, View, digest_of
from .seo import organization_page

LEAD_BESIDE = 3  # featured articles beside the lead one
BLOCKS = 4  # blocks of news by group on the first page
BLOCK_ARTICLES = 4  # articles in each block: the first with its photo, the others as titles


@dataclass(frozen=True, slots=True)
class Lead:
    """The lead block: one article large, a few beside it."""

    main: Article
    beside: tuple[Article, ...]

    @property
    def articles(self) -> tuple[Article, ...]:
        return (self.main,) + self.beside


@dataclass(frozen=True, slots=True)
class HomeBlock:
    """A group of news on the home page: its name, where its list is, its newest articles."""

    title: str
    url: str
    articles: tuple[Article, ...]


def plan_home(plan: Planning) -> Iterator[Page]:
    config = plan.config
    meta = PageMeta("/", config.title, config.description, "home", (HOME,))  # base.html links the site feed
    yield _first_page(plan, meta)  # older news are in the archive by month (luu-tru/)


def _first_page(plan: Planning, meta: PageMeta) -> Page:
    index = plan.index
    lead, blocks, pinned = lead_block(index.articles), home_blocks(plan), index.pinned
    latest = index.articles[: plan.config.per_page]
    part = first_page(latest, len(index.articles), plan.config.per_page, "/", month_of(latest[-1]) if latest else None)
    context = {
        "lead": lead,
        "blocks": blocks,
        "pinned": pinned,
        "heading": meta.title,
        "articles": latest,
        "pagination": part,
    }
    shown = latest + (lead.articles if lead else ()) + pinned + tuple(a for b in blocks for a in b.articles)
    # What goes where is an input too: a pin that ends moves an article without changing any digest.
    layout = (
        [a.source for a in lead.articles] if lead else [],
        [a.source for a in pinned],
        [(b.title, b.url, [a.source for a in b.articles]) for b in blocks],
    )
    return plan.html(
        "/",
        "index.html",
        partial(View, meta, context, partial(organization_page, plan.config)),
        shown,
        extra=(f"page:first:{part.next_url}", digest_of((meta, layout))),
    )


def lead_block(articles: tuple[Article, ...]) -> Lead | None:
    """The newest featured articles, then the newest others while the block has room."""
    featured = [a for a in articles if a.featured]
    chosen = featured[: 1 + LEAD_BESIDE]
    chosen += [a for a in articles[: 1 + LEAD_BESIDE] if not a.featured][: 1 + LEAD_BESIDE - len(chosen)]
    return Lead(chosen[0], tuple(chosen[1:])) if chosen else None


def home_blocks(plan: Planning) -> tuple[HomeBlock, ...]:
    """A block per section, in the menu's order, when two or more have news; else a block per main
    topic of the menu (the most used, or those frontnews.yaml names); else per unit."""
    by_section = plan.index.by_section
    groups = [(Link(s.name, section_url(s.slug)), by_section[s.slug]) for s in plan.sections if by_section.get(s.slug)]
    if len(groups) < 2:
        by_url = {tag_url(slug): articles for slug, articles in plan.index.by_tag.items()}
        groups = [(link, by_url[link.url]) for link in plan.menu.topics if link.url in by_url]
    if not groups:
        units = sorted(plan.index.by_unit.items(), key=lambda item: (-len(item[1]), item[0]))
        groups = [
            (Link(plan.units.units[slug].short_name, unit_url(slug)), articles)
            for slug, articles in units
            if slug in plan.units.units
        ]
    return tuple(
        HomeBlock(link.title, link.url, tuple(articles[:BLOCK_ARTICLES])) for link, articles in groups[:BLOCKS]
    )
