"""The addresses fixed when content is read: an article's URL, a topic's page.

An article knows its URL as soon as it is parsed (its photos are published beside it, and a clash
of titles is found by URL); the rest of the URL scheme is site.navigation's.
"""

from __future__ import annotations

import datetime as dt

from .config import SiteConfig

TAGS_URL = "/chu-de/"  # feeds, the sitemap and other tools depend on it: never change it


def article_url(config: SiteConfig, published: dt.datetime, slug: str, unit: str, section: str) -> str:
    """An article's URL by the site's `article_url` pattern; `section` is its section's slug."""
    return config.article_url.format(
        year=f"{published.year:04d}",
        month=f"{published.month:02d}",
        day=f"{published.day:02d}",
        slug=slug,
        unit=unit,
        section=section,
    )


def section_url(slug: str) -> str:
    """A section's list: `/thong-bao/`, with its feed and later pages below it."""
    return f"/{slug}/"


def uses_section(config: SiteConfig) -> bool:
    return "{section}" in config.article_url


def tag_url(slug: str) -> str:
    return f"{TAGS_URL}{slug}/"
