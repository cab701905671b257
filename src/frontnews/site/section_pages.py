"""The list of each section (chuyên mục): its articles newest first, or its documents as a table."""

from __future__ import annotations

from collections.abc import Iterator

from ..content.sections import Section
from .list_pages import paginated
from .navigation import HOME, Link, feed_url, section_url
from .page import Page, PageMeta, Planning

SECTION_TEMPLATE = "section.html"
DOCUMENTS_TEMPLATE = "documents.html"


def section_trail(section: Section) -> tuple[Link, ...]:
    """Home › the section: the breadcrumb above an article, a page or a list of the section."""
    return HOME, Link(section.name, section_url(section.slug))


def plan_sections(plan: Planning) -> Iterator[Page]:
    """Every section has its list, even before its first article: the menu links it."""
    for section in plan.sections:
        articles = plan.index.by_section.get(section.slug, ())
        url = section_url(section.slug)
        meta = PageMeta(
            url,
            section.name,
            f"Các bài viết trong chuyên mục {section.name}.",
            "section",
            section_trail(section),
            feed_url(url) if articles else None,
            f"{plan.config.title}: {section.name}",
        )
        template = DOCUMENTS_TEMPLATE if section.documents else SECTION_TEMPLATE
        pinned = tuple(a for a in plan.index.pinned if a.section == section.slug)  # a notice at the top of its section
        yield from paginated(plan, articles, url, meta, template, {"section": section}, pinned=pinned)
