"""JSON-LD for search engines: NewsArticle, the site's Organization and BreadcrumbList, safe inside a <script> element."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..content.config import SiteConfig
from ..media.names import share_image
from ..models import Article, Unit
from ..vi.dates import format_iso
from .navigation import Link, absolute, unit_url


# Inside <script>, "</script" or "<!--" in a title would end or confuse the element. JSON allows
# any character as a \u escape, so these three never appear raw: the data reads back unchanged.
def script_json(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json"> element; marked safe only after escaping.

    Its <, > and & become \\u escapes, so no text can close the script. Three str.replace, not
    str.translate, which walks Vietnamese text a character at a time in Python on every page;
    the replacements hold no <, > or &, so their order does not matter.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S704 - escaped


def breadcrumb_list(config: SiteConfig, crumbs: Sequence[Link]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb.title, "item": absolute(config, crumb.url)}
            for number, crumb in enumerate(crumbs, start=1)
        ],
    }


def news_article(config: SiteConfig, article: Article, unit: Unit) -> dict[str, Any]:
    """The unit that published the article is its author; the site is its publisher."""
    local = config.tz
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": absolute(config, article.url),
        "headline": article.title,
        "description": article.summary,
        "datePublished": format_iso(article.published.astimezone(local)),
        "dateModified": format_iso((article.updated or article.published).astimezone(local)),
        "inLanguage": config.language,
        "author": {"@type": "Organization", "name": unit.name, "url": absolute(config, unit_url(unit.slug))},
        "publisher": organization(config),
    }
    if article.image:
        share = share_image(article)  # the lead photo cut to 1200×630, as search engines and shares want it
        data["image"] = [absolute(config, share[0] if share else article.image.url)]
    if article.tags:
        data["keywords"] = [tag.name for tag in article.tags]
    return data


def organization(config: SiteConfig) -> dict[str, Any]:
    """The committee that runs the site (`site:` of frontnews.yaml): the publisher of every article."""
    identity = config.identity
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": identity.organization or config.title,
        "url": config.base_url,
    }
    if identity.logo:
        data["logo"] = {"@type": "ImageObject", "url": absolute(config, identity.logo)}
    if identity.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": identity.address, "addressCountry": "VN"}
    if identity.phone:
        data["telephone"] = identity.phone
    if identity.email:
        data["email"] = identity.email
    return data


def organization_page(config: SiteConfig) -> tuple[dict[str, Any], ...]:
    """The home page's own document: the site's Organization."""
    return ({"@context": "https://schema.org", **organization(config)},)
