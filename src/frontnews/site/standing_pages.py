"""Plan the standing pages (Giới thiệu, Liên hệ…), and name the pages whose address another page takes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from ..diagnostics import Diagnostic, diag
from ..models import StandingPage
from .navigation import HOME, Link
from .page import Page, PageMeta, Planning, View
from .section_pages import DOCUMENTS_TEMPLATE, SECTION_TEMPLATE, section_trail

STANDING_TEMPLATE = "page.html"


def plan_standing(plan: Planning, bodies: Mapping[str, Any], files: Mapping[str, str]) -> Iterator[Page]:
    """A page shows its own file (and the photos and files its body found: `files`), never a news list.

    Its <lastmod> is its `updated:` date, or none: it has no date of its own.
    """
    for page in plan.standing:
        found = files.get(page.source)
        inputs = (page.digest,) + (("files:" + found,) if found else ())
        yield plan.html(
            page.url, STANDING_TEMPLATE, partial(_view, plan, page, bodies), extra=inputs, lastmod=page.updated
        )


def _view(plan: Planning, page: StandingPage, bodies: Mapping[str, Any]) -> View:
    section = plan.section(page.section)
    crumbs = (section_trail(section) if section else (HOME,)) + (Link(page.title, page.url),)
    meta = PageMeta(page.url, page.title, page.summary, "standing", crumbs)
    return View(meta, {"standing_page": page, "body_html": bodies[page.source], "section": section})


def clash(page: Page, other: Page) -> Diagnostic | None:
    """FN144 when `page` is a standing page on another page's address; FN146 when it is a section's list."""
    if page.template == STANDING_TEMPLATE:
        standing = page.context["standing_page"]
        return diag("FN144", standing.source, 1, url=page.url, what=_described(other))
    if page.template in (SECTION_TEMPLATE, DOCUMENTS_TEMPLATE) and page.context["pagination"].first:
        section = page.context["section"]
        return diag(
            "FN146",
            f"content/{section.folder}/",
            0,
            name=section.name,
            folder=section.folder,
            url=page.url,
            what=_described(other),
        )
    return None


def _described(page: Page) -> str:
    context = page.context
    if "standing_page" in context:
        return f"trang cố định {context['standing_page'].source}"
    if "article" in context and page.template == "article.html":
        return f"bài viết {context['article'].source}"
    return f"trang {page.url} của trang web"
