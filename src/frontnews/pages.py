"""Plan every output page: its URL, template, context, and the inputs it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from markupsafe import Markup

from .config import SiteConfig
from .indexes import SiteIndex, paginate
from .models import RelatedItem
from .units import UnitTree


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What every template knows about the page it renders."""

    url: str
    title: str
    description: str
    kind: str


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    output_path: str  # relative to the output root, POSIX style
    template: str
    context: Mapping[str, Any] = field(compare=False)
    # Digests of everything the page shows: an unchanged set means an unchanged page.
    inputs: tuple[str, ...] = ()


def output_path_for(url: str) -> str:
    """Clean URLs: `/a/b/` is written to `a/b/index.html`."""
    return url.strip("/") + "/index.html" if url != "/" else "index.html"


def plan_pages(config: SiteConfig, index: SiteIndex, related: Mapping[str, tuple[RelatedItem, ...]],
               bodies: Mapping[str, str], units: UnitTree) -> tuple[Page, ...]:
    pages = list(_article_pages(index, related, bodies, units))
    pages += _home_pages(config, index)
    pages.append(Page("/404.html", "404.html", "404.html",
                      {"page": PageMeta("/404.html", "Không tìm thấy trang", config.description, "404")}))
    return tuple(pages)


def _article_pages(index: SiteIndex, related, bodies, units: UnitTree):
    for article in index.articles:
        others = tuple(index.by_source[item.slug] for item in related.get(article.source, ()))
        yield Page(
            url=article.url,
            output_path=article.output_path,
            template="article.html",
            context={
                "page": PageMeta(article.url, article.title, article.summary, "article"),
                "article": article,
                "body_html": Markup(bodies[article.source]),
                "unit": units.units[article.unit],
                "related": others,
            },
            inputs=(article.digest,) + tuple(o.digest for o in others),
        )


def _home_pages(config: SiteConfig, index: SiteIndex):
    for pagination in paginate(index.articles, config.per_page, "/"):
        title = config.title if pagination.number == 1 else f"{config.title} – trang {pagination.number}"
        yield Page(
            url=pagination.url,
            output_path=output_path_for(pagination.url),
            template="index.html",
            context={
                "page": PageMeta(pagination.url, title, config.description, "home"),
                "articles": pagination.items,
                "pagination": pagination,
            },
            inputs=tuple(a.digest for a in pagination.items),
        )
