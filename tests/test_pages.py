"""Tests for the planned pages: units, topics, people, archives, navigation, breadcrumbs, SEO data."""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from frontnews.build import BuildOptions, load_site
from frontnews.incremental.related_cache import related_news
from frontnews.incremental.state import NoState
from frontnews.site.indexes import build_index
from frontnews.site.overviews import person_sort_key
from frontnews.site.planner import plan_pages
from frontnews.site.seo import script_json
from sitefactory import CONFIG, article, build_site


class Page(HTMLParser):
    """What a test reads from a built HTML page: links, metadata, breadcrumb, JSON-LD, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []  # (href, rel)
        self.main: list[str] = []  # the hrefs inside <main>, not the menu's or the footer's
        self._in_main = False
        self.links: list[dict[str, str]] = []  # <link> elements
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self.crumbs: list[str] = []
        self.times: list[str] = []
        self.images: list[str] = []
        self._stack: list[str] = []
        self._script = self._crumb = False
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "a":
            self.anchors.append((a.get("href", ""), a.get("rel", "")))
            if self._in_main:
                self.main.append(a.get("href", ""))
        elif tag == "main":
            self._in_main = True
        elif tag == "link":
            self.links.append(a)
        elif tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = True
            self.jsonld.append("")
        elif tag == "nav" and "breadcrumb" in a.get("class", ""):
            self._crumb = True
        elif tag == "time":
            self.times.append(a["datetime"])
        elif tag == "img":
            self.images.append(a["src"])
        elif tag == "li" and self._crumb:
            self.crumbs.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False
        elif tag == "main":
            self._in_main = False
        elif tag == "nav":
            self._crumb = False

    def handle_data(self, data):
        if self._script:
            self.jsonld[-1] += data
        elif self._crumb and self.crumbs:
            self.crumbs[-1] += data.strip()
        self.text.append(data)

    def hrefs(self) -> list[str]:
        return [href for href, _ in self.anchors]

    def rel(self, name: str) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == name]

    def data(self, kind: str) -> dict:
        return next(d for d in map(json.loads, self.jsonld) if d["@type"] == kind)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def read(root: Path, url: str) -> Page:
    path = root / "public" / url.strip("/") / "index.html"
    return Page(path.read_text(encoding="utf-8"))


def tagged(title: str, date: str, tags: str, unit: str = "phuong-le-loi", **extra: str) -> str:
    return article(title, date, unit, tags=tags, **extra)


def test_unit_pages_show_the_hierarchy_children_and_their_news(make_site):
    root = make_site(
        {
            "content/a.md": article("Tin phường", "01/03/2024", "phuong-le-loi"),
            "content/b.md": article("Tin xã", "02/03/2024", "xa-kim-son"),
        }
    )
    assert build_site(root).ok
    top = read(root, "/don-vi/thi-xa-dong-lam/")
    assert top.crumbs == ["Trang chủ", "Đơn vị", "MTTQ thị xã Đông Lâm"]
    assert "Chưa có bài viết nào." in top.all_text  # the top unit wrote nothing itself
    assert {"/don-vi/phuong-le-loi/", "/don-vi/xa-kim-son/"} <= set(top.hrefs())
    news = [h for h in top.hrefs() if h.startswith("/tin-tuc/")]
    assert news == ["/tin-tuc/2024/03/tin-xa/", "/tin-tuc/2024/03/tin-phuong/"]  # children's latest, newest first
    assert top.rel("alternate") == ["/feed.xml"]  # no feed of its own: no article of its own
    child = read(root, "/don-vi/phuong-le-loi/")
    assert child.crumbs == ["Trang chủ", "Đơn vị", "MTTQ thị xã Đông Lâm", "MTTQ phường Lê Lợi"]
    assert "/don-vi/thi-xa-dong-lam/" in child.hrefs() and "Trực thuộc" in child.all_text
    assert child.rel("alternate") == ["/feed.xml", "/don-vi/phuong-le-loi/feed.xml"]
    ended = read(root, "/don-vi/xa-kim-son/")
    assert "kết thúc hoạt động" in ended.all_text and "30/06/2025" in ended.all_text


def test_units_index_is_a_tree_in_vietnamese_order(make_site):
    root = make_site({"content/a.md": article()})
    assert build_site(root).ok
    html = (root / "public/don-vi/index.html").read_text(encoding="utf-8")
    top, le_loi, kim_son = (
        html.index(f'href="/don-vi/{s}/"') for s in ("thi-xa-dong-lam", "phuong-le-loi", "xa-kim-son")
    )
    assert top < le_loi < kim_son  # "phường" before "xã"; children inside their parent's list
    tree = html[html.index('class="unit-tree"') : html.index("</main>")]
    assert tree.count("<ul>") == 1 and "(1 bài)" in tree


def test_tags_sort_in_vietnamese_alphabetical_order_with_counts(make_site):
    names = ["ân cần", "em bé", "đoàn kết", "ăn ở", "dân vận", "an toàn"]
    files = {f"content/{i}.md": tagged(f"Bài {i}", f"0{i + 1}/05/2021", f"[{name}]") for i, name in enumerate(names)}
    files["content/x.md"] = tagged("Bài thêm", "20/05/2021", "[dân vận]")
    root = make_site(files)
    assert build_site(root).ok
    index = read(root, "/chu-de/")
    assert index.main == [
        "/chu-de/an-toan/",
        "/chu-de/an-o/",
        "/chu-de/an-can/",
        "/chu-de/dan-van/",
        "/chu-de/doan-ket/",
        "/chu-de/em-be/",
    ]
    assert "dân vận (2)" in index.all_text
    page = read(root, "/chu-de/dan-van/")
    assert page.crumbs == ["Trang chủ", "Chủ đề", "dân vận"]
    assert [h for h in page.hrefs() if h.startswith("/tin-tuc/")][:2] == [
        "/tin-tuc/2021/05/bai-them/",
        "/tin-tuc/2021/05/bai-4/",
    ]
    assert "/chu-de/dan-van/feed.xml" in page.rel("alternate")


def test_participant_page_shows_the_role_held_in_each_article(make_site):
    root = make_site(
        {
            "content/a.md": article("Hội nghị năm 2020", "01/02/2020", participants="[Trần Văn An – Phó Chủ tịch]"),
            "content/b.md": article(
                "Hội nghị năm 2024", "01/02/2024", participants='["Trần Văn An – Chủ tịch, Bí thư"]'
            ),
        }
    )
    assert build_site(root).ok
    page = read(root, "/nhan-vat/tran-van-an/")
    text = page.all_text
    assert page.crumbs == ["Trang chủ", "Nhân vật", "Trần Văn An"]
    assert (
        text.index("Hội nghị năm 2024")
        < text.index("Chức vụ: Chủ tịch, Bí thư")
        < text.index("Hội nghị năm 2020")
        < text.index("Chức vụ: Phó Chủ tịch")
    )
    people = read(root, "/nhan-vat/")
    assert "/nhan-vat/tran-van-an/" in people.hrefs() and "Chủ tịch, Bí thư" in people.all_text


def test_people_sort_by_given_name_as_vietnamese_lists_do():
    names = ["Trần Văn Bình", "Đỗ Thị An", "Nguyễn Văn Đức", "Lê Văn Dũng", "Hà Thị Ánh"]
    assert sorted(names, key=person_sort_key) == [
        "Đỗ Thị An",
        "Hà Thị Ánh",
        "Trần Văn Bình",
        "Lê Văn Dũng",
        "Nguyễn Văn Đức",
    ]


@pytest.mark.slow
def test_archives_by_year_and_month(make_site):
    root = make_site(
        {
            "content/a.md": article("Tin tháng mười", "07/10/2020"),
            "content/b.md": article("Tin tháng ba", "07/03/2020"),
            "content/c.md": article("Tin năm sau", "07/01/2021"),
        }
    )
    assert build_site(root).ok
    index = (root / "public/luu-tru/index.html").read_text(encoding="utf-8")
    assert index.index('href="/luu-tru/2021/"') < index.index('href="/luu-tru/2020/"')
    assert index.index('href="/luu-tru/2020/03/"') < index.index('href="/luu-tru/2020/10/"')
    year = read(root, "/luu-tru/2020/")
    assert year.crumbs == ["Trang chủ", "Lưu trữ", "Năm 2020"]
    assert [h for h in year.hrefs() if h.startswith("/tin-tuc/")] == [
        "/tin-tuc/2020/10/tin-thang-muoi/",
        "/tin-tuc/2020/03/tin-thang-ba/",
    ]
    month = read(root, "/luu-tru/2020/10/")
    assert month.crumbs == ["Trang chủ", "Lưu trữ", "Năm 2020", "Tháng 10"]
    assert [h for h in month.hrefs() if h.startswith("/tin-tuc/")] == ["/tin-tuc/2020/10/tin-thang-muoi/"]
    # Each month's oldest page leads to the month before: "Tin cũ hơn" walks the site back in time.
    assert [read(root, u).rel("next") for u in ("/luu-tru/2021/01/", "/luu-tru/2020/10/", "/luu-tru/2020/03/")] == [
        ["/luu-tru/2020/10/"],
        ["/luu-tru/2020/03/"],
        [],
    ]


def test_every_list_has_its_newest_first_then_archive_pages_from_the_oldest(make_site):
    files = {f"content/{i}.md": tagged(f"Bài {i}", f"{i + 1:02d}/05/2021", "[chung]") for i in range(5)}
    files["frontnews.yaml"] = CONFIG + "per_page: 2\n"
    root = make_site(files)
    assert build_site(root).ok
    for first in ("/chu-de/chung/", "/don-vi/phuong-le-loi/", "/luu-tru/2021/05/"):
        newest, two, one = (read(root, first), read(root, first + "trang/2/"), read(root, first + "trang/1/"))
        # Five articles, two a page: the newest two first; page 1 the two oldest, page 2 the next two.
        assert [t for t in newest.main if "/bai-" in t][:2] == ["/tin-tuc/2021/05/bai-4/", "/tin-tuc/2021/05/bai-3/"]
        assert [t for t in two.main if "/bai-" in t] == ["/tin-tuc/2021/05/bai-3/", "/tin-tuc/2021/05/bai-2/"]
        assert [t for t in one.main if "/bai-" in t] == ["/tin-tuc/2021/05/bai-1/", "/tin-tuc/2021/05/bai-0/"]
        assert (newest.rel("prev"), newest.rel("next")) == ([], [first + "trang/2/"])
        assert (two.rel("prev"), two.rel("next")) == ([first], [first + "trang/1/"])
        assert (one.rel("prev"), one.rel("next")) == ([first + "trang/2/"], [])
        assert [h for h, r in two.anchors if r in ("prev", "next")] == [first, first + "trang/1/"]
        assert one.crumbs[-1] == "Trang 1" and "Tin mới nhất" in one.all_text
        assert not (root / "public" / first.strip("/") / "trang/3").exists()
    for first in ("/", "/luu-tru/2021/"):  # the site's and a year's lists are archived by month
        assert (
            read(root, first).rel("next") == ["/luu-tru/2021/05/"]
            and not (root / "public" / first.strip("/") / "trang").exists()
        )


def test_article_links_its_unit_tags_and_people_with_dates_in_vietnam_time(make_site):
    root = make_site(
        {
            "content/a.md": article(
                "Tập huấn", "2020-10-07T08:35:00+00:00", tags="[tập huấn]", participants="[Trần Văn An – Chủ tịch]"
            )
        }
    )
    assert build_site(root).ok
    page = read(root, "/tin-tuc/2020/10/tap-huan/")
    assert {"/don-vi/phuong-le-loi/", "/chu-de/tap-huan/", "/nhan-vat/tran-van-an/"} <= set(page.hrefs())
    assert page.crumbs == ["Trang chủ", "Đơn vị", "MTTQ thị xã Đông Lâm", "MTTQ phường Lê Lợi", "Tập huấn"]
    news = page.data("NewsArticle")
    assert news["datePublished"] == news["dateModified"] == "2020-10-07T15:35:00+07:00"
    assert news["author"] == {
        "@type": "Organization",
        "name": "Ủy ban MTTQ Việt Nam phường Lê Lợi",
        "url": "https://thu.example.vn/don-vi/phuong-le-loi/",
    }
    assert news["publisher"]["name"] == "Trang thử" and news["headline"] == "Tập huấn"
    assert page.times[0] == "2020-10-07T15:35:00+07:00" and "07/10/2020 - 15:35" in page.all_text


@pytest.mark.slow
def test_every_page_has_breadcrumb_canonical_open_graph_and_json_ld(make_site):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>a</title></svg>'
    root = make_site(
        {
            "content/a.md": article(
                "Có ảnh",
                tags="[x]",
                participants="[Trần Văn An – Chủ tịch]",
                image="{src: anh.svg, alt: Ảnh}",
                summary="Tóm tắt bài.",
            ),
            "content/anh.svg": svg,
        }
    )
    assert build_site(root).ok
    pages = sorted((root / "public").rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = Page(path.read_text(encoding="utf-8"))
        assert page.crumbs and page.crumbs[0] == "Trang chủ", path
        if path.name == "404.html":
            assert "og:url" not in page.meta and not page.rel("canonical") and page.meta["robots"] == "noindex"
            continue
        url = "/" + path.relative_to(root / "public").parent.as_posix().strip(".") + "/"
        url = url.replace("//", "/")
        assert page.rel("canonical") == ["https://thu.example.vn" + url], path
        assert page.meta["og:url"] == page.rel("canonical")[0] and page.meta["og:locale"] == "vi_VN"
        assert page.meta["og:type"] == ("article" if url.startswith("/tin-tuc/") else "website")
        trail = page.data("BreadcrumbList")["itemListElement"]
        assert [item["name"] for item in trail] == page.crumbs and trail[-1]["item"] == page.rel("canonical")[0]
    art = read(root, "/tin-tuc/2020/10/co-anh/")
    assert art.meta["og:image"] == "https://thu.example.vn/tin-tuc/2020/10/co-anh/anh.svg"
    assert art.meta["description"] == "Tóm tắt bài." and art.data("NewsArticle")["image"] == [art.meta["og:image"]]


@pytest.mark.slow
def test_json_ld_can_never_close_its_script_element(make_site):
    title = "</script><script>alert(1)</script> <!-- &"
    for value in (title, "\u2028 </SCRIPT >"):
        assert "<" not in script_json({"a": value}) and json.loads(script_json({"a": value})) == {"a": value}
    root = make_site({"content/a.md": article(json.dumps(title), slug="doc-hai")})
    assert build_site(root).ok
    html = (root / "public/tin-tuc/2020/10/doc-hai/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert read(root, "/tin-tuc/2020/10/doc-hai/").data("NewsArticle")["headline"] == title


@pytest.mark.slow
def test_navigation_reaches_every_page_from_the_home_page(make_site):
    files = {
        f"content/{i}.md": tagged(
            f"Bài {i}",
            f"{i + 1:02d}/0{i % 3 + 1}/202{i % 2}",
            f"[chủ đề {i % 4}]",
            "xa-kim-son" if i % 2 else "phuong-le-loi",
            participants=f"[Người Số {i % 3} – Chủ tịch]",
        )
        for i in range(9)
    }
    files["frontnews.yaml"] = CONFIG + "per_page: 2\n"
    root = make_site(files)
    assert build_site(root).ok
    out = root / "public"
    seen, todo = {"/"}, deque(["/"])
    while todo:
        url = todo.popleft()
        for href in read(root, url).hrefs():
            if href.startswith("/") and href.endswith("/") and href not in seen:
                seen.add(href)
                todo.append(href)
    built = {"/" + p.relative_to(out).parent.as_posix().strip(".") + "/" for p in out.rglob("index.html")}
    assert {u.replace("//", "/") for u in built} == seen


def test_menu_is_configurable_and_warns_about_unknown_entries(make_site):
    config = CONFIG + "menu:\n  units: [xa-kim-son, khong-co]\n  topics: [Tập huấn, không có]\n"
    root = make_site({"frontnews.yaml": config, "content/a.md": tagged("A", "01/01/2021", "[tập huấn, khác]")})
    report = build_site(root)
    assert report.ok
    assert [(d.code, d.path) for d in report.warnings] == [("FN006", "frontnews.yaml")] * 2
    html = (root / "public/index.html").read_text(encoding="utf-8")
    menu = html[html.index('class="site-nav"') : html.index("</nav>")]
    assert "/don-vi/xa-kim-son/" in menu and "/don-vi/phuong-le-loi/" not in menu
    assert "/chu-de/tap-huan/" in menu and "/chu-de/khac/" not in menu


def test_default_menu_lists_the_units_at_work_and_the_most_used_topics(make_site):
    files = {f"content/{i}.md": tagged(f"B{i}", f"0{i + 1}/01/2021", "[chung, " + f"riêng {i}]") for i in range(8)}
    files["frontnews.yaml"] = CONFIG + "menu:\n  topics: 2\n"
    root = make_site(files)
    assert build_site(root).ok
    html = (root / "public/index.html").read_text(encoding="utf-8")
    menu = html[html.index('class="site-nav"') : html.index("</nav>")]
    assert menu.count('href="/don-vi/') == 3  # the two units at work and "Tất cả đơn vị"
    assert "/don-vi/xa-kim-son/" not in menu  # ended on 30/06/2025: on /don-vi/, and in its own pages' menu
    own = (root / "public/don-vi/xa-kim-son/index.html").read_text(encoding="utf-8")
    assert own.count('href="/don-vi/xa-kim-son/" aria-current="page"') == 1
    assert "/chu-de/chung/" in menu and menu.count('href="/chu-de/') == 3  # two topics and "Tất cả chủ đề"


def test_an_article_on_a_list_page_url_is_an_error(make_site):
    root = make_site({"frontnews.yaml": CONFIG + "article_url: /{slug}/\n", "content/a.md": article("Chủ đề")})
    report = build_site(root)
    assert [(d.code, d.path) for d in report.errors] == [("FN304", "content/a.md")]


@pytest.mark.slow
def test_links_and_print_addresses_follow_a_base_url_with_a_path(make_site):
    root = make_site(
        {
            "frontnews.yaml": "title: T\nbase_url: https://thu.example.vn/du-an/\n",
            "content/a.md": article("Bài", tags="[x]"),
        }
    )
    assert build_site(root).ok
    page = read(root, "/chu-de/x/")
    assert all(h.startswith("/du-an/") for h in page.hrefs() if h.startswith("/") and h != "#noi-dung")
    assert page.rel("canonical") == ["https://thu.example.vn/du-an/chu-de/x/"]
    html = (root / "public/chu-de/x/index.html").read_text(encoding="utf-8")
    assert 'content:" (https://thu.example.vn" attr(href) ")"' in html


@pytest.mark.slow
def test_a_rebuild_updates_every_page_that_shows_a_changed_count_or_name(make_site):
    files = {
        f"content/{i}.md": article(f"Tin {i}", f"{i + 1:02d}/05/2021", "xa-kim-son", tags="[Giám sát]")
        for i in range(8)
    }
    files["frontnews.yaml"] = CONFIG + "per_page: 4\nmenu: {topics: 0}\n"  # no topic menu to hide the test
    root = make_site(files)
    assert build_site(root).ok
    (root / "content/cu.md").write_text(article("Tin cũ", "01/01/2000", "xa-kim-son"), encoding="utf-8")
    assert build_site(root).ok
    parent = read(root, "/don-vi/thi-xa-dong-lam/")
    assert "MTTQ xã Kim Sơn (9 bài)" in parent.all_text  # the old article is not among the latest news
    (root / "content/7.md").write_text(
        article("Tin 7", "08/05/2021", "xa-kim-son", tags="[giám sát]"), encoding="utf-8"
    )
    assert build_site(root).ok
    assert read(root, "/chu-de/giam-sat/trang/1/").crumbs[-2] == "giám sát"  # the newest spelling, on the archive too


@pytest.mark.slow
def test_a_build_into_another_folder_never_leaves_this_folder_stale(make_site, tmp_path):
    root = make_site({"content/a.md": article("Bài")})
    assert build_site(root).ok
    (root / "templates").mkdir()
    (root / "templates/404.html").write_text("<p>Mới</p>\n", encoding="utf-8")
    assert build_site(root, out=tmp_path / "other").ok  # same site and cache, another output folder
    assert build_site(root).ok
    assert (root / "public/404.html").read_text(encoding="utf-8") == "<p>Mới</p>\n"


class Reads(Mapping):
    """A stand-in body for every article, noting which bodies the pages read."""

    def __init__(self, sources) -> None:
        self.sources, self.read = tuple(sources), []

    def __getitem__(self, source):
        self.read.append(source)
        return Markup("<p>{}</p>").format(source)

    def __iter__(self):
        return iter(self.sources)

    def __len__(self):
        return len(self.sources)


def planned(root: Path) -> tuple[tuple, Reads]:
    """The site's planned pages, as a build plans them, and the bodies they read."""
    site, problems = load_site(BuildOptions(root=root, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), jobs=1), NoState())
    assert not problems
    index = build_index(site.published)
    related = related_news(index.articles, site.units, site.config, None)
    reads = Reads(index.by_source)
    return plan_pages(site.config, index, related, reads, site.units), reads


def test_a_page_context_is_made_only_when_the_page_is_rendered(make_site):
    root = make_site(
        {
            "content/a.md": tagged("Tin A", "01/03/2024", "[chung]"),
            "content/b.md": tagged("Tin B", "02/03/2024", "[chung]"),
        }
    )
    pages, reads = planned(root)
    assert reads.read == []  # planning every page read no body: only a rendered page needs it
    page = next(p for p in pages if p.url == "/tin-tuc/2024/03/tin-a/")
    assert page.context["article"].title == "Tin A" and reads.read == ["content/a.md"]
    one, two = dict(page.context), dict(page.context)  # made anew at each read, the same each time
    assert list(one.pop("jsonld")) == list(two.pop("jsonld")) and one == two


LIST_KEYS = {"heading", "articles", "pagination", "pinned"}  # every paginated list
CONTEXT_KEYS = {  # what each template reads: a site's own templates rely on these names
    "article.html": {"article", "body_html", "unit", "related", "section"},
    "index.html": LIST_KEYS | {"lead", "blocks"},
    "unit.html": LIST_KEYS | {"unit", "parent", "children", "children_news"},
    "list.html": LIST_KEYS | {"label", "name"},
    "person.html": LIST_KEYS | {"label", "name", "roles"},
    "404.html": set(),
    "units.html": {"tree"},
    "tags.html": {"entries"},
    "people.html": {"entries"},
    "archives.html": {"years"},
    "search.html": {"units", "topics", "years"},
    "section.html": LIST_KEYS | {"section"},
    "documents.html": LIST_KEYS | {"section"},
    "page.html": {"standing_page", "body_html", "section"},
}


def test_every_template_gets_the_variables_it_always_had(make_site):
    root = make_site({"content/a.md": tagged("Tin A", "01/03/2024", "[chung]", participants="[Lê Văn Tám – Chủ tịch]")})
    pages, _ = planned(root)
    years = {p.url for p in pages if p.template == "list.html" and "months" in p.context}
    assert years == {"/luu-tru/2024/"}  # a year's list also links its months
    for page in pages:
        if page.renderer is None:
            own = (
                set(page.context)
                - {"page", "menu", "jsonld", "print_origin"}
                - ({"months"} if page.url in years else set())
            )
            assert own == CONTEXT_KEYS[page.template], page.url
            assert page.context["page"].url == page.url
