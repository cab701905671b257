"""Sections (chuyên mục): each folder of content/ has its list, its feed and its menu entry, named and
ordered by `sections:`; an article's address may use `{section}`."""

from __future__ import annotations

import datetime as dt

import pytest

from frontnews.cli.main import main
from frontnews.cli.new_article import write_new_article
from sitefactory import CONFIG, article, build_site
from test_pages import Page

SECTIONS = (
    CONFIG
    + """\
article_url: /{section}/{year}/{month}/{slug}/
sections:
  tin-tuc: Tin tức
  thong-bao: Thông báo
  guong-dien-hinh:
    name: Gương điển hình
"""
)


def read(root, url):
    return Page((root / "public" / url.strip("/") / "index.html").read_text(encoding="utf-8"))


def menu_titles(root, url="/"):
    text = (root / "public" / url.strip("/") / "index.html").read_text(encoding="utf-8")
    nav = text.split('class="site-nav"')[1].split("</nav>")[0]
    return [part.split("<")[0] for part in nav.split('">')[1:] if part.split("<")[0].strip()]


@pytest.mark.slow
def test_each_section_has_its_list_feed_menu_entry_and_breadcrumb(make_site):
    root = make_site(
        {
            "frontnews.yaml": SECTIONS,
            "content/tin-tuc/a.md": article("Hội nghị tổng kết", "10/12/2024 08:00"),
            "content/thong-bao/b.md": article("Lịch tiếp công dân tháng 1", "28/12/2024 16:00", "thi-xa-dong-lam"),
            "content/thong-bao/c.md": article("Thông báo nghỉ Tết", "20/01/2025 09:00", "thi-xa-dong-lam"),
        }
    )
    report = build_site(root)
    assert report.ok and report.diagnostics == ()
    notices = read(root, "/thong-bao/")
    assert "Lịch tiếp công dân tháng 1" in notices.text and "Hội nghị tổng kết" not in notices.text
    assert notices.crumbs == ["Trang chủ", "Thông báo"]
    assert notices.rel("alternate")[-1] == "/thong-bao/feed.xml"
    assert [href for href in notices.main if "/thong-bao/20" in href] == [
        "/thong-bao/2025/01/thong-bao-nghi-tet/",
        "/thong-bao/2024/12/lich-tiep-cong-dan-thang-1/",
    ]  # newest first
    feed = (root / "public/thong-bao/feed.xml").read_text(encoding="utf-8")
    assert "<title>Trang thử: Thông báo</title>" in feed and "thong-bao-nghi-tet" in feed and "hoi-nghi" not in feed
    # In the order of `sections:`, after the links of `nav`; a section with no article yet has its page, no feed.
    assert menu_titles(root)[:3] == ["Tin tức", "Thông báo", "Gương điển hình"]
    assert "Chưa có bài viết nào." in read(root, "/guong-dien-hinh/").text
    assert not (root / "public/guong-dien-hinh/feed.xml").exists()
    page = read(root, "/thong-bao/2025/01/thong-bao-nghi-tet/")
    assert page.crumbs == ["Trang chủ", "Thông báo", "Thông báo nghỉ Tết"]
    assert read(root, "/tin-tuc/2024/12/hoi-nghi-tong-ket/").crumbs == ["Trang chủ", "Tin tức", "Hội nghị tổng kết"]
    assert '<a href="/thong-bao/" aria-current="page">Thông báo</a>' in (
        root / "public/thong-bao/index.html"
    ).read_text(encoding="utf-8")
    sitemap = (root / "public/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://thu.example.vn/thong-bao/</loc>" in sitemap


@pytest.mark.slow
def test_the_default_pattern_keeps_every_article_under_tin_tuc(make_site):
    """A site that has not opted into {section} keeps its addresses; its folders still make sections."""
    root = make_site({"content/thong-bao/b.md": article("Thông báo lịch họp", "28/12/2024 16:00")})
    report = build_site(root)
    assert report.ok and report.diagnostics == ()  # no `sections:` key: default names, no warning
    assert (root / "public/tin-tuc/2024/12/thong-bao-lich-hop/index.html").is_file()
    assert read(root, "/thong-bao/").crumbs == ["Trang chủ", "Thông báo"]  # the usual name of the usual folder
    assert read(root, "/tin-tuc/2024/12/thong-bao-lich-hop/").crumbs == ["Trang chủ", "Thông báo", "Thông báo lịch họp"]


@pytest.mark.slow
def test_a_folder_left_out_of_sections_gets_a_name_and_a_warning(make_site):
    root = make_site(
        {
            "frontnews.yaml": SECTIONS,
            "content/hoat-dong-co-so/a.md": article("Ra quân làm sạch đường làng"),
            "content/Tin ảnh/b.md": article("Ảnh đẹp khu dân cư", "08/10/2020"),
        }
    )
    report = build_site(root)
    assert report.ok
    assert [str(d) for d in report.diagnostics] == [
        (
            "frontnews.yaml:4: FN140 (cảnh báo) Thư mục content/Tin ảnh/ chưa có trong mục sections của frontnews.yaml, "
            "nên chuyên mục của nó tạm được gọi là “Tin ảnh”. Hãy thêm một dòng “Tin ảnh: Tên chuyên mục” vào sections."
        ),
        (
            "frontnews.yaml:4: FN140 (cảnh báo) Thư mục content/hoat-dong-co-so/ chưa có trong mục sections của "
            "frontnews.yaml, nên chuyên mục của nó tạm được gọi là “Hoat dong co so”. Hãy thêm một dòng "
            "“hoat-dong-co-so: Tên chuyên mục” vào sections."
        ),
    ]
    assert read(root, "/hoat-dong-co-so/2020/10/ra-quan-lam-sach-duong-lang/").crumbs[1] == "Hoat dong co so"
    assert read(root, "/tin-anh/").crumbs == ["Trang chủ", "Tin ảnh"]  # a folder named in Vietnamese keeps its name
    assert menu_titles(root)[:5] == ["Tin tức", "Thông báo", "Gương điển hình", "Hoat dong co so", "Tin ảnh"]


@pytest.mark.slow
def test_an_article_directly_in_content_has_no_section(make_site):
    root = make_site({"content/a.md": article("Bài ở ngoài")})
    assert build_site(root).ok
    assert read(root, "/tin-tuc/2020/10/bai-o-ngoai/").crumbs == [
        "Trang chủ",
        "Đơn vị",
        "MTTQ thị xã Đông Lâm",
        "MTTQ phường Lê Lợi",
        "Bài ở ngoài",
    ]
    root = make_site({"frontnews.yaml": SECTIONS, "content/a.md": article("Bài ở ngoài")}, "pattern")
    assert [str(d) for d in build_site(root).errors] == [
        (
            "content/a.md:1: FN141 Bài nằm ngay trong thư mục content/, không thuộc chuyên mục nào, mà article_url "
            "trong frontnews.yaml có {section}. Hãy chuyển tệp vào thư mục của một chuyên mục, ví dụ content/tin-tuc/."
        )
    ]


def test_a_section_on_the_address_of_another_page_is_an_error(make_site):
    root = make_site({"content/chu-de/a.md": article("Bài về chủ đề")})
    report = build_site(root)
    assert [str(d) for d in report.errors] == [
        (
            "content/chu-de/: FN146 Chuyên mục “Chu de” (thư mục content/chu-de/) có địa chỉ /chu-de/, trùng với "
            "trang /chu-de/ của trang web. Hãy đổi tên thư mục."
        )
    ]


def test_bad_sections_in_the_config(make_site):
    config = (
        CONFIG
        + """\
sections:
  tin-tuc: Tin tức
  trang: Trang
  van-ban: {name: Văn bản, type: công văn}
  Tin tức: Tin
"""
    )
    root = make_site({"frontnews.yaml": config, "content/tin-tuc/a.md": article()})
    errors = build_site(root).errors
    assert {d.line for d in errors} == {3}  # the line of `sections:`
    assert sorted(d.message for d in errors) == sorted(
        [
            (
                "Giá trị cấu hình “sections.trang” không hợp lệ: thư mục content/trang/ dành cho các trang cố định "
                "(Giới thiệu, Liên hệ), không phải chuyên mục."
            ),
            "Giá trị cấu hình “sections.van-ban” không hợp lệ: type chỉ là “tin tức” hoặc “văn bản”.",
            "Giá trị cấu hình “sections.Tin tức” không hợp lệ: thư mục “Tin tức” và “tin-tuc” cho cùng một địa chỉ chuyên mục.",
        ]
    )


@pytest.mark.slow
def test_an_edit_of_a_section_name_renders_its_pages_and_matches_a_clean_build(make_site, tmp_path):
    from sitefactory import read_tree
    from test_incremental import clean_build_tree

    root = make_site(
        {
            "frontnews.yaml": SECTIONS,
            "content/thong-bao/b.md": article("Lịch họp", "28/12/2024 16:00"),
            "content/tin-tuc/a.md": article("Tin A", "01/12/2024 08:00"),
        }
    )
    assert build_site(root).ok
    (root / "frontnews.yaml").write_text(SECTIONS.replace("Thông báo", "Thông báo – Kế hoạch"), encoding="utf-8")
    (root / "content/thong-bao/c.md").write_text(article("Lịch họp tháng 2", "30/12/2024 16:00"), encoding="utf-8")
    report = build_site(root)
    assert report.ok and report.rendered > 0
    assert read(root, "/thong-bao/").crumbs == ["Trang chủ", "Thông báo – Kế hoạch"]
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)
    (root / "content/thong-bao/b.md").rename(root / "content/tin-tuc/b.md")  # moved to another section
    assert build_site(root).ok
    assert (root / "public/tin-tuc/2024/12/lich-hop/index.html").is_file()
    assert not (root / "public/thong-bao/2024/12/lich-hop").exists()
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)


@pytest.mark.slow
def test_frontnews_new_writes_into_a_section_which_publishes_under_its_address(make_site, capsys):
    root = make_site({"frontnews.yaml": SECTIONS})
    now = dt.datetime(2025, 3, 4, 1, 30, tzinfo=dt.UTC)
    assert write_new_article(root, "Kế hoạch ra quân", None, None, now).parent.name == "tin-tuc"  # the first section
    assert main(["new", "Lịch tiếp công dân tháng 3", "--section", "thong-bao", "--site", str(root)]) == 0
    written = root / capsys.readouterr().out.strip()
    assert written.parent == root / "content/thong-bao"
    written.write_text(
        written.read_text(encoding="utf-8")
        .replace("draft: true", "draft: false")
        .replace("(viết nội dung tin ở đây)", "Lịch tiếp dân."),
        encoding="utf-8",
    )
    report = build_site(root, now=dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    assert report.ok, report.diagnostics
    assert len(list((root / "public/thong-bao").glob("*/*/lich-tiep-cong-dan-thang-3/index.html"))) == 1


@pytest.mark.slow
def test_the_home_page_has_a_block_per_section_with_news_and_a_pinned_notice_tops_its_section(make_site):
    root = make_site(
        {
            "frontnews.yaml": SECTIONS,
            "content/tin-tuc/a.md": article("Hội nghị tổng kết", "10/12/2024 08:00", tags="[bầu cử]"),
            "content/tin-tuc/b.md": article("Tập huấn nghiệp vụ", "12/12/2024 08:00", tags="[bầu cử]"),
            "content/thong-bao/c.md": article(
                "Thông báo nghỉ Tết", "20/01/2025 09:00", "thi-xa-dong-lam", pinned="until 31/01/2025"
            ),
        }
    )
    assert build_site(root, now=dt.datetime(2025, 1, 25, tzinfo=dt.UTC)).ok
    home = (root / "public/index.html").read_text(encoding="utf-8")
    blocks = home[home.index('<div class="home-blocks">') :]
    titles = [part.split("</a>")[0] for part in blocks.split('class="home-heading"><a href="')[1:]]
    assert titles == ['/tin-tuc/">Tin tức', '/thong-bao/">Thông báo']  # the menu's order; no block for an empty one
    notices = (root / "public/thong-bao/index.html").read_text(encoding="utf-8")
    assert '<section class="pinned"' in notices and "Thông báo nghỉ Tết" in notices.split('<section class="pinned"')[1]
