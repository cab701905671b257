"""Plan every output page: its URL, template, context, and the inputs it shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Protocol

from ..content.config import SiteConfig
from ..content.sections import Section
from ..content.units import UnitTree
from ..diagnostics import Diagnostic, diag
from ..models import Article, StandingPage
from .feeds import plan_feeds, plan_robots, plan_sitemaps
from .home import plan_home
from .indexes import SiteIndex
from .list_pages import plan_lists
from .navigation import HOME, Link, Menu, plan_menu
from .overviews import plan_directories
from .page import Page, PageMeta, Planning, View, last_change, output_path_for
from .redirects import plan_redirects
from .search_page import plan_search
from .section_pages import plan_sections, section_trail
from .seo import news_article
from .standing_pages import clash, plan_standing


class HasHtml(Protocol):
    """A body's HTML (Markup, or bodies.StoredHtml read when the page renders)."""

    def __html__(self) -> str: ...


__all__ = ["Page", "PageMeta", "output_path_for", "page_clashes", "plan_pages"]


Related = Mapping[str, Sequence[str]]


def plan_pages(
    config: SiteConfig,
    index: SiteIndex,
    related: Related | Callable[[], Related],
    bodies: Mapping[str, HasHtml],
    units: UnitTree,
    menu: Menu | None = None,
    body_inputs: Mapping[str, str] | None = None,
    sections: Sequence[Section] = (),
    standing: Sequence[StandingPage] = (),
) -> tuple[Page, ...]:
    """Every page of the site, then the feeds, robots.txt, the sitemap of all of them, and the
    redirecting pages of old addresses (never in the sitemap).

    `related` may be a function giving the lists (IncrementalState.related_lists): it is called
    once the pages that need no list are planned, so lists remade by another process meanwhile
    cost no waiting. `menu` comes from navigation.plan_menu, whose warnings the build reports;
    without it, it is made here. `body_inputs` gives, by article source, a digest of where its
    photos and linked files were found (bodies.RenderedBodies.inputs): its page shows their URLs.
    `sections` and the `standing` pages come from the load (content.sections, content.standing).
    """
    menu = menu if menu is not None else plan_menu(config, units, index, sections, standing)[0]
    plan = Planning.of(config, index, units, menu, sections, standing)
    found = body_inputs or {}
    others = list(plan_home(plan))
    others += plan_sections(plan)
    others += plan_lists(plan)
    others += plan_directories(plan)
    others += plan_search(plan)
    others.append(_not_found(plan))
    others += plan_standing(plan, bodies, found)
    others += plan_feeds(plan)
    others.append(plan_robots(config))
    lists = related() if callable(related) else related
    pages = [_article_page(plan, article, lists, bodies, found.get(article.source)) for article in index.articles]
    pages += others
    pages += plan_sitemaps(config, pages)
    pages += plan_redirects(index.articles, pages)
    return tuple(pages)


def _article_page(plan: Planning, article: Article, related, bodies, files: str | None) -> Page:
    others = tuple(map(plan.index.by_source.__getitem__, related.get(article.source, ())))
    return plan.html(
        article.url,
        "article.html",
        partial(_article_view, plan, article, others, bodies),
        (article,) + others,
        ("files:" + files,) if files else (),
        lastmod=last_change(article),
    )  # the article's own edit, not its sidebar's


def _article_view(plan: Planning, article: Article, others: tuple[Article, ...], bodies: Mapping[str, HasHtml]) -> View:
    unit = plan.units.units[article.unit]
    section = plan.section(article.section)
    trail = section_trail(section) if section else plan.unit_trail(article.unit)  # directly in content/
    crumbs = trail + (Link(article.title, article.url),)
    meta = PageMeta(article.url, article.title, article.summary, "article", crumbs)
    context = {
        "article": article,
        "body_html": bodies[article.source],
        "unit": unit,
        "related": others,
        "section": section,
    }
    return View(meta, context, lambda: (news_article(plan.config, article, unit),))


def _not_found(plan: Planning) -> Page:
    title = "Không tìm thấy trang"
    meta = PageMeta("/404.html", title, plan.config.description, "404", (HOME, Link(title, "/404.html")))
    return plan.html(meta.url, "404.html", partial(View, meta, {}))


def page_clashes(pages: Sequence[Page]) -> list[Diagnostic]:
    """An article on a list page's URL is an error in the article, never a silent overwrite; so is a
    standing page on any other page's, and a section's list on another page's (standing_pages.clash).

    Two articles on one URL are FN109 already (urlclashes.duplicate_urls), so that pair is not repeated.
    """
    first: dict[str, Page] = {}
    problems = []
    for page in pages:
        other = first.setdefault(page.output_path, page)
        if other is page:
            continue
        found = clash(page, other) or clash(other, page)  # the later page is the one to move
        if found:
            problems.append(found)
            continue
        articles = [p.context["article"] for p in (other, page) if p.template == "article.html"]
        if len(articles) == 1:
            problems.append(diag("FN304", articles[0].source, 2, url=page.url))
    return problems
