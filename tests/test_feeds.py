"""Tests for feeds.py: Atom feeds, the sitemap (and its index) and robots.txt, read back with ElementTree."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from frontnews.content.config import SiteConfig
from frontnews.site.feeds import FEED_SIZE, local_dates, plan_sitemaps, render_sitemap, sitemap_xml
from frontnews.site.page import Page
from sitefactory import CONFIG, article, build_site

A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ICT = dt.timezone(dt.timedelta(hours=7))


def feed(root, path: str = "feed.xml") -> ET.Element:
    return ET.parse(root / "public" / path).getroot()


@pytest.mark.slow
def test_site_feed_has_the_latest_entries_with_every_required_field(make_site):
    files = {
        f"content/{i}.md": article(
            f"Bài số {i}", f"{i + 1:02d}/05/2021 08:00", tags="[tập huấn]", summary=f"Tóm tắt {i}."
        )
        for i in range(FEED_SIZE + 3)
    }
    root = make_site(files)
    assert build_site(root).ok
    atom = feed(root)
    assert atom.tag == A + "feed" and atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert atom.findtext(A + "id") == "https://thu.example.vn/feed.xml"
    assert atom.findtext(A + "title") == "Trang thử"
    links = {link.get("rel"): link.get("href") for link in atom.findall(A + "link")}
    assert links == {"self": "https://thu.example.vn/feed.xml", "alternate": "https://thu.example.vn/"}
    entries = atom.findall(A + "entry")
    assert len(entries) == FEED_SIZE
    assert [e.findtext(A + "title") for e in entries[:2]] == ["Bài số 22", "Bài số 21"]
    newest = entries[0]
    url = "https://thu.example.vn/tin-tuc/2021/05/bai-so-22/"
    assert newest.findtext(A + "id") == url and newest.find(A + "link").get("href") == url
    assert newest.findtext(A + "published") == newest.findtext(A + "updated") == "2021-05-23T08:00:00+07:00"
    assert atom.findtext(A + "updated") == "2021-05-23T08:00:00+07:00"  # the newest entry's, not the clock's
    assert newest.findtext(f"{A}author/{A}name") == "Ủy ban MTTQ Việt Nam phường Lê Lợi"
    assert newest.findtext(A + "summary") == "Tóm tắt 22."
    assert newest.find(A + "category").get("label") == "tập huấn"


@pytest.mark.slow
def test_dates_are_given_in_vietnam_time_and_updated_is_the_edit(make_site):
    root = make_site({"content/a.md": article("Bài", "2021-05-01T01:00:00+00:00", updated="03/05/2021 09:30")})
    assert build_site(root).ok
    entry = feed(root).find(A + "entry")
    assert entry.findtext(A + "published") == "2021-05-01T08:00:00+07:00"
    assert entry.findtext(A + "updated") == "2021-05-03T09:30:00+07:00"


@pytest.mark.slow
def test_unit_and_tag_feeds_exist_only_for_lists_with_articles(make_site):
    root = make_site({"content/a.md": article("Tin xã", unit="xa-kim-son", tags="[giám sát]")})
    assert build_site(root).ok
    unit = feed(root, "don-vi/xa-kim-son/feed.xml")
    assert [e.findtext(A + "title") for e in unit.findall(A + "entry")] == ["Tin xã"]
    assert unit.findtext(A + "title") == "Ủy ban MTTQ Việt Nam xã Kim Sơn"
    tag = feed(root, "chu-de/giam-sat/feed.xml")
    assert [link.get("href") for link in tag.findall(A + "link")] == [
        "https://thu.example.vn/chu-de/giam-sat/feed.xml",
        "https://thu.example.vn/chu-de/giam-sat/",
    ]
    assert not (root / "public/don-vi/phuong-le-loi/feed.xml").exists()
    page = (root / "public/don-vi/xa-kim-son/index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Tin của MTTQ xã Kim Sơn" '
        'href="/don-vi/xa-kim-son/feed.xml">' in page
    )


@pytest.mark.slow
def test_a_site_without_articles_has_no_feed_and_links_none(make_site):
    root = make_site({})
    assert build_site(root).ok
    assert not (root / "public/feed.xml").exists()
    assert "application/atom+xml" not in (root / "public/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_markup_in_titles_is_escaped_and_reads_back_unchanged(make_site):
    title = "Vừa <b>đậm</b> & “ngoặc” 'đơn'"
    root = make_site({"content/a.md": article("\"Vừa <b>đậm</b> & “ngoặc” 'đơn'\"", slug="ky-tu")})
    assert build_site(root).ok
    assert b"<b>" not in (root / "public/feed.xml").read_bytes()
    assert feed(root).find(A + "entry").findtext(A + "title") == title


@pytest.mark.slow
def test_sitemap_lists_every_public_page_with_lastmod(make_site):
    root = make_site(
        {
            "content/a.md": article("Cũ", "01/02/2020", tags="[x]"),
            "content/b.md": article("Mới", "03/04/2021 10:00", updated="05/04/2021 11:00", tags="[x]"),
        }
    )
    assert build_site(root).ok
    out = root / "public"
    urls = {u.findtext(S + "loc"): u.findtext(S + "lastmod") for u in ET.parse(out / "sitemap.xml").getroot()}
    built = {"https://thu.example.vn/" + p.relative_to(out).parent.as_posix() + "/" for p in out.rglob("index.html")}
    assert set(urls) == {u.replace("/./", "/") for u in built}
    assert "https://thu.example.vn/404.html" not in urls
    assert urls["https://thu.example.vn/tin-tuc/2021/04/moi/"] == "2021-04-05T11:00:00+07:00"
    assert urls["https://thu.example.vn/tin-tuc/2020/02/cu/"] == "2020-02-01T00:00:00+07:00"
    assert urls["https://thu.example.vn/chu-de/x/"] == "2021-04-05T11:00:00+07:00"
    assert urls["https://thu.example.vn/luu-tru/2020/"] == "2020-02-01T00:00:00+07:00"
    assert urls["https://thu.example.vn/don-vi/xa-kim-son/"] is None  # nothing dated on it
    assert list(urls) == sorted(urls)


@pytest.mark.slow
def test_a_list_is_as_new_as_the_latest_edit_of_any_article_it_shows(make_site):
    root = make_site(
        {
            "content/a.md": article("Cũ", "01/02/2020", updated="06/07/2022 08:00", tags="[x]"),
            "content/b.md": article("Mới", "03/04/2021 10:00", tags="[x]"),
        }
    )
    assert build_site(root).ok
    urls = {u.findtext(S + "loc"): u.findtext(S + "lastmod") for u in ET.parse(root / "public/sitemap.xml").getroot()}
    assert urls["https://thu.example.vn/chu-de/x/"] == "2022-07-06T08:00:00+07:00"  # the older article's edit
    assert urls["https://thu.example.vn/luu-tru/2021/"] == "2021-04-03T10:00:00+07:00"


def fake_pages(count: int) -> list[Page]:
    return [
        Page(f"/p{i:02d}/", f"p{i:02d}/index.html", "x.html", dict, lastmod=dt.datetime(2024, 1, 1 + i, 8, tzinfo=ICT))
        for i in range(count)
    ]


def test_over_the_limit_the_sitemap_becomes_an_index_of_parts():
    config = SiteConfig(base_url="https://a.example.vn/")
    pages = fake_pages(5) + [Page("/feed.xml", "feed.xml", "x", dict), Page("/404.html", "404.html", "x", dict)]
    index, *parts = plan_sitemaps(config, pages, limit=2)
    assert [p.output_path for p in (index, *parts)] == [
        "sitemap.xml",
        "sitemap-1.xml",
        "sitemap-2.xml",
        "sitemap-3.xml",
    ]
    top = ET.fromstring(render_sitemap(index.context))
    assert top.tag == S + "sitemapindex"
    assert [s.findtext(S + "loc") for s in top] == [f"https://a.example.vn/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert [s.findtext(S + "lastmod") for s in top] == [
        "2024-01-02T08:00:00+07:00",
        "2024-01-04T08:00:00+07:00",
        "2024-01-05T08:00:00+07:00",
    ]
    locs = [u.findtext(S + "loc") for part in parts for u in ET.fromstring(render_sitemap(part.context))]
    assert locs == [f"https://a.example.vn/p{i:02d}/" for i in range(5)]


def test_at_the_limit_there_is_one_sitemap():
    (only,) = plan_sitemaps(SiteConfig(), fake_pages(3), limit=3)
    assert ET.fromstring(render_sitemap(only.context)).tag == S + "urlset"


@pytest.mark.slow
def test_robots_txt_points_to_the_absolute_sitemap(make_site):
    root = make_site(
        {"frontnews.yaml": "title: T\nbase_url: https://thu.example.vn/du-an\n", "content/a.md": article()}
    )
    assert build_site(root).ok
    robots = (root / "public/robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == [
        "User-agent: *",
        "Disallow:",
        "",
        "Sitemap: https://thu.example.vn/du-an/sitemap.xml",
    ]
    sitemap = ET.parse(root / "public/sitemap.xml").getroot()
    assert all(u.findtext(S + "loc").startswith("https://thu.example.vn/du-an/") for u in sitemap)


@pytest.mark.slow
def test_feeds_and_sitemap_are_byte_identical_across_builds(make_site):
    files = {
        "frontnews.yaml": CONFIG,
        **{f"content/{i}.md": article(f"B{i}", f"0{i + 1}/01/2021", tags="[a, b]") for i in range(4)},
    }
    one, two = make_site(files, "one"), make_site(files, "two")
    assert build_site(one).ok and build_site(two).ok
    for name in ("feed.xml", "sitemap.xml", "robots.txt", "chu-de/a/feed.xml", "don-vi/phuong-le-loi/feed.xml"):
        assert (one / "public" / name).read_bytes() == (two / "public" / name).read_bytes()


def _sitemap_by_elementtree(kind, entries, config):
    """The sitemap as xml.etree.ElementTree writes it: what sitemap_xml must equal, byte for byte."""
    from frontnews.site import feeds

    root = ET.Element(kind, {"xmlns": feeds.SITEMAP_NS})
    for loc, lastmod in entries:
        item = ET.SubElement(root, "url" if kind == "urlset" else "sitemap")
        ET.SubElement(item, "loc").text = loc
        if lastmod:
            ET.SubElement(item, "lastmod").text = feeds._local(config, lastmod)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@pytest.mark.parametrize("kind", ["urlset", "sitemapindex"])
def test_sitemap_text_is_what_elementtree_writes(kind):
    tz = dt.timezone(dt.timedelta(hours=7))
    samples = [
        (),
        (("https://a.vn/x?a=1&b=<2>\"'", None),),
        (
            ("https://a.vn/đinh/", dt.datetime(2020, 1, 2, 3, 4, tzinfo=dt.UTC)),
            ("https://a.vn/", None),
            ("https://a.vn/b/", dt.datetime(2021, 5, 6, 7, 8, tzinfo=tz)),
        ),
        # one instant in two zones (a date is written once, in the site's zone), a URL to escape
        (
            ("https://a.vn/c&d/", dt.datetime(2021, 5, 6, 0, 8, tzinfo=dt.UTC)),
            ("https://a.vn/e/", dt.datetime(2021, 5, 6, 7, 8, tzinfo=tz)),
            ("https://a.vn/f/", dt.datetime(2021, 5, 6, 0, 8, tzinfo=dt.UTC)),
        ),
    ]
    config = SiteConfig(title="T", base_url="https://a.vn/")
    for entries in samples:
        assert sitemap_xml(kind, entries, local_dates(config)) == _sitemap_by_elementtree(kind, entries, config)


def test_the_sitemap_digest_is_the_same_on_every_machine():
    """URLs, then each date's instant as a little-endian double: a CI cache may come from another machine."""
    import hashlib
    import math
    import struct

    from frontnews.site.feeds import _dated_digest

    moment = dt.datetime(2024, 10, 7, 8, 0, tzinfo=dt.UTC)
    entries = [("https://x.vn/a/", moment), ("https://x.vn/b/", None)]
    expected = hashlib.sha256(b"https://x.vn/a/\x00https://x.vn/b/" + struct.pack("<2d", moment.timestamp(), math.nan))
    assert _dated_digest(entries) == expected.hexdigest()
