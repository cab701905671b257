"""The Atom feeds: announced by the pages, read by feedparser without complaint, valid against the
RELAX NG schema of RFC 4287 (with Debian's jing), and true to the articles they list."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import feedparser
import pytest
from lxml import etree

pytestmark = pytest.mark.external  # Debian's jing

OFFSET_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$")
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITE_FEED_SIZE = 20
# A feed RFC 4287 forbids: no id, no updated, a title element inside the wrong parent.
BROKEN_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hỏng</title><entry><title>x</title></entry></feed>
"""


@pytest.fixture(scope="session")
def parsed(site):
    """feedparser's reading of every feed, by URL path."""
    return {url: feedparser.parse(site.file_for(url).read_bytes()) for url in site.feeds if site.file_for(url)}


def published(site, url: str) -> dt.datetime | None:
    value = site.meta(url, "article:published_time")
    return dt.datetime.fromisoformat(value) if value else None


def title_of(site, url: str) -> str:
    return site.meta(url, "og:title") or " ".join(site.doc(url).xpath("string(//h1)").split())


def listed_articles(site, url: str) -> set[str]:
    """The article pages a list page links to, following rel="next" to its last page."""
    found: set[str] = set()
    seen: set[str] = set()
    while url in site.pages and url not in seen:
        seen.add(url)
        targets = {site.local_path(r.value, url) for r in site.refs(url) if r.tag == "a"}
        found |= targets & set(site.article_pages)
        nexts = [site.local_path(r.value, url) for r in site.refs(url) if "next" in r.rel and r.tag in ("a", "link")]
        url = nexts[0] if nexts else ""
    return found


def test_the_site_feed_exists_and_the_home_page_announces_it(site):
    feed = site.base_path + "/feed.xml"
    assert site.file_for(feed), "/feed.xml was not built"
    home = site.base_path + "/"
    assert feed in site.feed_links(home), f"the home page announces {site.feed_links(home)}, not {feed}"


def test_every_page_announces_a_feed_that_was_built(site):
    problems = []
    for url in site.pages:
        links = site.feed_links(url)
        # The 404 page and the redirects of old addresses (aliases) are not indexed: they need no feed.
        if not links and "noindex" not in (site.meta(url, "robots") or ""):
            problems.append(f'{url}: no <link rel="alternate" type="application/atom+xml">')
        problems += [f"{url}: announces {link}, which was not built" for link in links if not site.file_for(link)]
    assert not problems, "\n".join(problems)


def test_unit_and_tag_pages_announce_their_own_feed(site):
    lists = [url for url in site.pages if re.fullmatch(re.escape(site.base_path) + r"/(don-vi|chu-de)/[^/]+/", url)]
    missing = [
        f"{url} does not announce {url}feed.xml" for url in lists if url + "feed.xml" not in site.feed_links(url)
    ]
    assert not missing, "\n".join(missing)


def test_section_pages_announce_their_own_feed(site):
    """The first page of each section (chuyên mục) with articles; a later page (/x/trang/2/) too."""
    sections = [url for url in site.pages if site.doc(url).xpath("boolean(//body[@class='page-section'])")]
    assert sections, "the site has no section page"
    missing = []
    for url in sections:
        first = url.split("trang/")[0]
        if listed_articles(site, first) and first + "feed.xml" not in site.feed_links(url):
            missing.append(f"{url} does not announce {first}feed.xml")
    assert not missing, "\n".join(missing)


def test_feedparser_reads_every_feed_without_complaint(site, parsed):
    assert parsed, "the site has no feed"
    problems = [f"{url}: {d.get('bozo_exception')!r}" for url, d in parsed.items() if d.bozo]
    problems += [f"{url}: read as {d.version!r}, not Atom 1.0" for url, d in parsed.items() if d.version != "atom10"]
    assert not problems, "\n".join(problems)


def feed_problems(site, url: str, feed) -> list[str]:
    """What is wrong with one parsed feed, checked against the pages it points to."""
    problems = []
    say = problems.append
    if not feed.feed.get("title"):
        say("the feed has no title")
    if not OFFSET_DATE.match(feed.feed.get("updated", "")):
        say(f"feed updated {feed.feed.get('updated')!r} is not a +07:00 date")
    selves = [link.href for link in feed.feed.get("links", []) if link.get("rel") == "self"]
    if selves != [site.absolute(url)]:
        say(f"rel=self links {selves}, expected [{site.absolute(url)!r}]")
    if not feed.entries:
        say("no entries")
    ids = [e.get("id") for e in feed.entries]
    if len(set(ids)) != len(ids) or not all(ids):
        say(f"entry ids are missing or repeated: {ids}")
    for entry in feed.entries:
        problems += [f"entry {entry.get('link')!r}: {p}" for p in entry_problems(site, entry)]
    dates = [dt.datetime.fromisoformat(e.published) for e in feed.entries if OFFSET_DATE.match(e.get("published", ""))]
    if dates != sorted(dates, reverse=True):
        say("entries are not newest first")
    return problems


def entry_problems(site, entry) -> list[str]:
    problems = []
    say = problems.append
    for key in ("published", "updated"):
        if not OFFSET_DATE.match(entry.get(key, "")):
            say(f"{key} {entry.get(key)!r} is not a +07:00 date")
    for key in ("title", "summary", "author"):
        if not entry.get(key, "").strip():
            say(f"no {key}")
    page = site.local_path(entry.get("link", ""), "/")
    if not (entry.get("link", "").startswith(site.base_url) and page in site.article_pages):
        say("the link is not the full URL of a built article page")
        return problems
    if entry.get("title") != title_of(site, page):
        say(f"title {entry.get('title')!r} differs from the page's {title_of(site, page)!r}")
    stated = entry.get("published", "")
    if OFFSET_DATE.match(stated) and published(site, page) != dt.datetime.fromisoformat(stated):
        say(f"published {entry.published} differs from the page's {site.meta(page, 'article:published_time')}")
    return problems


def test_every_feed_entry_has_title_link_dates_and_author_true_to_its_page(site, parsed):
    problems = [f"{url}: {p}" for url, feed in parsed.items() for p in feed_problems(site, url, feed)]
    assert not problems, "\n".join(problems)


def test_the_site_feed_holds_the_newest_articles(site, parsed):
    feed = parsed.get(site.base_path + "/feed.xml")
    assert feed is not None, "/feed.xml was not built"
    newest = sorted(site.article_pages, key=lambda u: published(site, u), reverse=True)[:SITE_FEED_SIZE]
    in_feed = [site.local_path(e.link, "/") for e in feed.entries]
    assert len(in_feed) == min(SITE_FEED_SIZE, len(site.article_pages))
    assert set(in_feed) == set(newest)


def test_a_list_feed_holds_only_articles_its_list_page_shows(site, parsed):
    problems = []
    for url, feed in parsed.items():
        owner = url.rsplit("/", 1)[0] + "/"  # /don-vi/x/feed.xml is the feed of /don-vi/x/
        if owner not in site.pages:
            continue
        shown = listed_articles(site, owner)
        problems += [
            f"{url}: {e.link} is not listed on {owner} or its next pages"
            for e in feed.entries
            if site.local_path(e.link, "/") not in shown
        ]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def jing_errors(site, apt_tool, schema, tmp_path_factory) -> dict[str, list[str]]:
    """jing's complaints by file, from one run over every feed and a broken one (key "broken")."""
    broken = tmp_path_factory.mktemp("jing") / "broken.xml"
    broken.write_text(BROKEN_FEED, encoding="utf-8")
    files = {str(site.file_for(url)): url for url in site.feeds if site.file_for(url)} | {str(broken): "broken"}
    run = subprocess.run(
        [apt_tool("jing"), "-c", str(schema("atom.rnc")), *files], capture_output=True, text=True, timeout=300
    )
    errors: dict[str, list[str]] = {"broken": []}
    for line in run.stdout.splitlines():
        name = next((f for f in files if line.startswith(f + ":")), None)
        errors.setdefault(files.get(name, "jing"), []).append(line)
    if run.returncode and not any(errors.values()):
        errors["jing"] = [f"exit {run.returncode}: {run.stderr}"]
    return errors


def test_jing_rejects_a_broken_feed(jing_errors):
    assert jing_errors["broken"]


def test_every_feed_is_valid_atom_by_the_relax_ng_schema_of_rfc_4287(site, jing_errors):
    assert site.feeds, "the site has no feed"
    failing = {url: lines for url, lines in jing_errors.items() if url != "broken" and lines}
    assert not failing, "\n".join(line for lines in failing.values() for line in lines)


def test_every_feed_meets_the_rules_the_schema_leaves_to_schematron(site):
    """RFC 4287's two s:rule assertions, which jing does not run: an author for every entry, and a
    link or content for every entry."""
    problems = []
    for url in filter(site.file_for, site.feeds):
        root = etree.parse(str(site.file_for(url))).getroot()
        if not root.xpath("atom:author or not(atom:entry[not(atom:author)])", namespaces=ATOM):
            problems.append(f"{url}: the feed has no author and an entry has none either")
        for entry in root.xpath("atom:entry", namespaces=ATOM):
            if not entry.xpath("atom:link[@rel='alternate'] or atom:link[not(@rel)] or atom:content", namespaces=ATOM):
                problems.append(f"{url}: entry {entry.findtext('atom:id', namespaces=ATOM)} has no link or content")
    assert not problems, "\n".join(problems)
