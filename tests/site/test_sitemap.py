"""sitemap.xml: valid by the sitemaps.org XSD, listing every public page and nothing else, with the
articles' dates; robots.txt points to it."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

pytestmark = pytest.mark.slow  # builds the whole example site, then crawls it (no tool beyond pip)

SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MAX_URLS = 50_000  # per sitemap file, by the protocol


@pytest.fixture(scope="session")
def sitemap_files(site) -> list[tuple[str, etree._ElementTree]]:
    """(URL path, parsed tree) of /sitemap.xml and, when it is an index, of each sitemap it names."""
    url = site.base_path + "/sitemap.xml"
    if not site.file_for(url):
        pytest.fail("/sitemap.xml was not built")
    found = [(url, etree.parse(str(site.file_for(url))))]
    for loc in found[0][1].xpath("/sm:sitemapindex/sm:sitemap/sm:loc/text()", namespaces=SM):
        child = site.local_path(loc.strip(), "/")
        assert child and site.file_for(child), f"the sitemap index names {loc}, which was not built"
        found.append((child, etree.parse(str(site.file_for(child)))))
    return found


@pytest.fixture(scope="session")
def entries(sitemap_files) -> list[tuple[str, str | None]]:
    """(loc, lastmod) of every <url> in the sitemap(s)."""
    return [
        (u.findtext("sm:loc", namespaces=SM).strip(), u.findtext("sm:lastmod", namespaces=SM))
        for _, tree in sitemap_files
        for u in tree.xpath("//sm:url", namespaces=SM)
    ]


def test_the_sitemap_is_valid_by_the_sitemaps_org_schema(sitemap_files, schema):
    xsd = {
        f"{{{SM['sm']}}}{root}": etree.XMLSchema(etree.parse(str(schema(name))))
        for root, name in (("urlset", "sitemap.xsd"), ("sitemapindex", "siteindex.xsd"))
    }
    for url, tree in sitemap_files:
        assert tree.getroot().tag in xsd, f"{url}: the root element is {tree.getroot().tag}"
        assert xsd[tree.getroot().tag].validate(tree), f"{url}: {xsd[tree.getroot().tag].error_log}"
        assert len(tree.xpath("//sm:url", namespaces=SM)) <= MAX_URLS, f"{url} holds more than {MAX_URLS} URLs"
    assert len(sitemap_files) == 1 or all(t.getroot().tag.endswith("}urlset") for _, t in sitemap_files[1:]), (
        "a sitemap index may only name urlset sitemaps"
    )


def test_every_loc_is_the_full_url_of_a_built_page(site, entries):
    assert entries, "the sitemap lists no page"
    locs = [loc for loc, _ in entries]
    assert len(set(locs)) == len(locs), "a URL is listed twice"
    wrong = [
        loc for loc in locs if not loc.startswith(site.base_url) or not site.file_for(site.local_path(loc, "/") or "")
    ]
    assert not wrong, "not the full URL of a built file:\n" + "\n".join(wrong)


def test_every_public_page_is_in_the_sitemap(site, entries):
    listed = {site.local_path(loc, "/") for loc, _ in entries}
    hidden = {url for url in site.pages if "noindex" in (site.meta(url, "robots") or "")}
    missing = sorted(set(site.pages) - hidden - listed)
    assert not missing, "public pages missing from the sitemap:\n" + "\n".join(missing)
    assert not listed & hidden, f"pages marked noindex are in the sitemap: {sorted(listed & hidden)}"


def test_an_article_is_listed_as_modified_on_or_after_its_publication(site, entries):
    problems = []
    for loc, lastmod in entries:
        page = site.local_path(loc, "/")
        if page not in site.article_pages:
            continue
        if not lastmod:
            problems.append(f"{loc}: no lastmod")
            continue
        modified = dt.datetime.fromisoformat(lastmod.strip().replace("Z", "+00:00"))
        published = dt.datetime.fromisoformat(site.meta(page, "article:published_time"))
        if modified.tzinfo is None:  # a bare date: compare days
            modified, published = modified.date(), published.date()
        if modified < published:
            problems.append(f"{loc}: lastmod {lastmod} is before its publication {published}")
    assert not problems, "\n".join(problems)


def test_robots_txt_points_to_the_sitemap(site):
    robots = site.file_for(site.base_path + "/robots.txt")
    assert robots, "/robots.txt was not built"
    lines = [line.split("#", 1)[0].strip() for line in robots.read_text(encoding="utf-8").splitlines()]
    fields = [(k.strip().lower(), v.strip()) for k, sep, v in (line.partition(":") for line in lines) if sep]
    assert ("sitemap", site.absolute(site.base_path + "/sitemap.xml")) in fields, lines
    assert any(k == "user-agent" for k, _ in fields), "robots.txt has no User-agent group"
    assert ("disallow", "/") not in fields, "robots.txt shuts every crawler out"
