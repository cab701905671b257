"""Atom feeds, the sitemap and robots.txt: the site as feed readers and search engines read it."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import operator
import sys
import xml.etree.ElementTree as ET
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape as _html_escape
from typing import Any

from ..content.config import SiteConfig
from ..models import Article, Unit
from ..vi.dates import format_iso
from .navigation import SITE_FEED_URL, TAGS_URL, absolute, feed_url, section_url, tag_names, tag_url, unit_url
from .page import Page, Planning, digest_of, last_change, output_path_for

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_SIZE = 20  # entries per feed: the newest ones
SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org); over it, sitemap.xml becomes an index


@dataclass(frozen=True, slots=True)
class Feed:
    url: str  # where the feed is served
    page_url: str  # the HTML list it follows
    title: str
    subtitle: str
    articles: tuple[Article, ...]  # newest first, at most FEED_SIZE


def plan_feeds(plan: Planning) -> Iterator[Page]:
    """The site's feed, then one per section, unit and tag; a list with no article has no feed."""
    config, index = plan.config, plan.index
    if index.articles:
        yield _feed_page(plan, Feed(SITE_FEED_URL, "/", config.title, config.description, index.articles))
    for section in plan.sections:
        if own := index.by_section.get(section.slug):
            url = section_url(section.slug)
            yield _feed_page(
                plan,
                Feed(
                    feed_url(url),
                    url,
                    f"{config.title}: {section.name}",
                    f"Các bài viết trong chuyên mục {section.name}",
                    own,
                ),
            )
    for slug, unit in plan.units.units.items():
        if own := index.by_unit.get(slug):
            yield _feed_page(
                plan, Feed(feed_url(unit_url(slug)), unit_url(slug), unit.name, f"Tin tức của {unit.name}", own)
            )
    for slug, name in tag_names(index).items():
        yield _feed_page(
            plan,
            Feed(
                feed_url(tag_url(slug)),
                tag_url(slug),
                f"{config.title}: {name}",
                f"Các bài viết về chủ đề “{name}”",
                index.by_tag[slug],
            ),
        )


def _feed_page(plan: Planning, feed: Feed) -> Page:
    articles = feed.articles[:FEED_SIZE]
    feed = Feed(feed.url, feed.page_url, feed.title, feed.subtitle, articles)
    context: Callable[[], dict[str, Any]] = functools.partial(
        dict, feed=feed, config=plan.config, units=plan.units.units
    )
    inputs = tuple(a.digest for a in articles) + (plan.common[1],)  # the entries and their units' names
    return Page(feed.url, output_path_for(feed.url), "feeds:atom", context, inputs, renderer=render_atom)


def _local(config: SiteConfig, moment) -> str:
    """Feeds and sitemaps give every time in the site's zone: +07:00 in Việt Nam."""
    return format_iso(moment.astimezone(config.tz))


def _root(tag: str, namespace: str, **attrs: str) -> ET.Element:
    """Each document here has one default namespace, declared on its root as a plain `xmlns`.

    (ElementTree's `default_namespace` option refuses unqualified attributes such as `href`.)
    """
    return ET.Element(tag, {"xmlns": namespace, **attrs})


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def render_atom(context: Mapping[str, Any]) -> bytes:
    """An RFC 4287 feed; `updated` is the newest entry's, never the build's clock."""
    feed: Feed = context["feed"]
    config: SiteConfig = context["config"]
    root = _root("feed", ATOM_NS, **{XML_LANG: config.language})
    _add(root, "id", absolute(config, feed.url))
    _add(root, "title", feed.title)
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle)
    _add(root, "updated", _local(config, max(last_change(a) for a in feed.articles)))
    _add(root, "link", rel="self", type="application/atom+xml", href=absolute(config, feed.url))
    _add(root, "link", rel="alternate", type="text/html", href=absolute(config, feed.page_url))
    _add(root, "generator", "frontnews")
    for article in feed.articles:
        _entry(root, article, context["units"], config)
    return _serialize(root)


def _entry(root: ET.Element, article: Article, units: Mapping[str, Unit], config: SiteConfig) -> None:
    """Title, link, id, published, updated, the unit as author, the tags as categories, the summary."""
    entry = _add(root, "entry")
    _add(entry, "id", absolute(config, article.url))
    _add(entry, "title", article.title)
    _add(entry, "link", rel="alternate", type="text/html", href=absolute(config, article.url))
    _add(entry, "published", _local(config, article.published))
    _add(entry, "updated", _local(config, last_change(article)))
    author = _add(entry, "author")
    unit = units.get(article.unit)
    _add(author, "name", unit.name if unit else article.unit)
    _add(author, "uri", absolute(config, unit_url(article.unit)))
    for tag in article.tags:
        _add(entry, "category", term=tag.slug, label=tag.name, scheme=absolute(config, TAGS_URL))
    if article.summary:
        _add(entry, "summary", article.summary, type="text")


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def plan_sitemaps(config: SiteConfig, pages: Sequence[Page], limit: int = SITEMAP_LIMIT) -> list[Page]:
    """`sitemap.xml` lists every public HTML page; over `limit` URLs it is an index of sitemap-N.xml."""
    entries = sorted([(absolute(config, p.url), p.lastmod) for p in pages if p.url.endswith("/")], key=_loc)
    # One for all the files: an article's page and the lists it heads, in other files, share its date.
    local = local_dates(config)
    if len(entries) <= limit:
        return [_sitemap_page("/sitemap.xml", "urlset", entries, local)]
    parts = [entries[i : i + limit] for i in range(0, len(entries), limit)]
    files = [_sitemap_page(f"/sitemap-{n}.xml", "urlset", part, local) for n, part in enumerate(parts, start=1)]
    index = [
        (absolute(config, f.url), max((d for _, d in part if d), default=None))
        for f, part in zip(files, parts, strict=True)
    ]
    return [_sitemap_page("/sitemap.xml", "sitemapindex", index, local)] + files


_loc = operator.itemgetter(0)


def _sitemap_page(
    url: str, kind: str, entries: Sequence[tuple[str, dt.datetime | None]], local: Callable[[dt.datetime], str]
) -> Page:
    """`entries` are (absolute URL, newest date or None); `local` writes a date in the site's zone.

    The input is the URLs and each date's instant (the zone is the config's, part of every
    fingerprint): the dates are formatted only when the sitemap is rendered.
    """
    context: Callable[[], dict[str, Any]] = functools.partial(dict, kind=kind, entries=tuple(entries), local=local)
    return Page(url, output_path_for(url), f"feeds:{kind}", context, (_dated_digest(entries),), renderer=render_sitemap)


def _dated_digest(entries: Sequence[tuple[str, dt.datetime | None]]) -> str:
    """The URLs, NUL-separated, then each date's instant as a little-endian double (NaN: no date).

    All in C but the timestamps, since sitemaps hold every URL (a repr of the pairs is slower). One byte
    order on every machine, so a build cache restored elsewhere (a CI cache) still matches.
    """
    digest = hashlib.sha256("\x00".join(map(_loc, entries)).encode("utf-8"))
    instants = array("d", [d.timestamp() if d else math.nan for _, d in entries])
    if sys.byteorder == "big":
        instants.byteswap()
    digest.update(instants.tobytes())
    return digest.hexdigest()


def render_sitemap(context: Mapping[str, Any]) -> bytes:
    return sitemap_xml(context["kind"], context["entries"], context["local"])


def local_dates(config: SiteConfig) -> Callable[[dt.datetime], str]:
    """`_local` once per distinct date: list pages share the dates of their newest articles."""
    zone = config.tz
    return functools.cache(lambda moment: format_iso(moment.astimezone(zone)))


def escape(text: str) -> str:
    """&, < and > as ElementTree escapes text (xml.sax.saxutils would import urllib, http...)."""
    return _html_escape(text, quote=False)


def sitemap_xml(
    kind: str, entries: Sequence[tuple[str, dt.datetime | None]], local: Callable[[dt.datetime], str]
) -> bytes:
    """A <urlset> of <url>, or a <sitemapindex> of <sitemap>: each a <loc> and, when known, <lastmod>.

    `entries` are (absolute URL, newest date or None); `local` writes a date in the site's zone.
    Written as text, in the very bytes ElementTree would give (tests/test_feeds.py compares them):
    ElementTree's tree of objects is slow for the sitemaps of a large site. A date needs no escaping;
    a URL seldom does.
    """
    locs = [loc for loc, _ in entries]
    joined = "".join(locs)
    if "&" in joined or "<" in joined or ">" in joined:
        locs = list(map(escape, locs))
    child = "url" if kind == "urlset" else "sitemap"
    head, tail = f"\n  <{child}>\n    <loc>", f"\n  </{child}>"
    parts = [f"<?xml version='1.0' encoding='utf-8'?>\n<{kind} xmlns=\"{SITEMAP_NS}\""]
    parts.append(">" if entries else " />\n")
    for loc, (_, lastmod) in zip(locs, entries, strict=True):
        if lastmod:
            parts.append(f"{head}{loc}</loc>\n    <lastmod>{local(lastmod)}</lastmod>{tail}")
        else:
            parts.append(f"{head}{loc}</loc>{tail}")
    parts.append(f"\n</{kind}>\n" if entries else "")
    return "".join(parts).encode("utf-8")


def plan_robots(config: SiteConfig) -> Page:
    return Page(
        "/robots.txt",
        "robots.txt",
        "feeds:robots",
        functools.partial(dict, config=config),
        (digest_of(config.base_url),),
        renderer=render_robots,
    )


def render_robots(context: Mapping[str, Any]) -> bytes:
    """Everything may be crawled; the Sitemap line must be an absolute URL."""
    config: SiteConfig = context["config"]
    return f"User-agent: *\nDisallow:\n\nSitemap: {absolute(config, '/sitemap.xml')}\n".encode()
