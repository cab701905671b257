"""Standing pages (Giới thiệu, Liên hệ): content/trang/*.md or `type: page`, with a title and a body,
linked from the menu or the footer, in the sitemap, never in a feed or a news list."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image

from frontnews.cli.new_article import write_new_article
from sitefactory import CONFIG, article, build_site, read_tree
from test_pages import Page

ABOUT = """\
---
title: Giới thiệu
summary: Ủy ban MTTQ Việt Nam thị xã Đông Lâm và trang tin của Mặt trận.
---
Ủy ban MTTQ Việt Nam thị xã Đông Lâm gồm 75 vị.

Xem thêm trang [Liên hệ](/lien-he/).
"""
CONTACT = "---\ntitle: Liên hệ\nupdated: 02/01/2025\n---\nSố 12 đường Trần Hưng Đạo.\n"


def html(root, url):
    return (root / "public" / url.strip("/") / "index.html").read_text(encoding="utf-8")


def footer(text):
    return text.split('class="footer-nav"')[1].split("</nav>")[0]


@pytest.mark.slow
def test_a_standing_page_has_its_address_template_and_breadcrumb_and_is_in_no_news_list(make_site):
    root = make_site(
        {
            "content/trang/gioi-thieu.md": ABOUT,
            "content/trang/lien-he.md": CONTACT,
            "content/tin-tuc/a.md": article("Tin A"),
        }
    )
    report = build_site(root)
    assert report.ok and report.diagnostics == () and report.articles == 1
    about = Page(html(root, "/gioi-thieu/"))
    assert about.crumbs == ["Trang chủ", "Giới thiệu"] and "gồm 75 vị" in about.all_text
    assert about.meta["description"] == "Ủy ban MTTQ Việt Nam thị xã Đông Lâm và trang tin của Mặt trận."
    assert about.meta["og:type"] == "website" and about.times == []  # no date of its own
    assert '<body class="page-standing">' in html(root, "/gioi-thieu/")
    assert "Cập nhật" in html(root, "/lien-he/") and 'datetime="2025-01-02T00:00:00+07:00"' in html(root, "/lien-he/")
    for listing in ("/", "/tin-tuc/", "/luu-tru/", "/don-vi/phuong-le-loi/"):
        assert "gioi-thieu" not in Page(html(root, listing)).main, listing
    for feed in ("feed.xml", "tin-tuc/feed.xml"):
        assert "gioi-thieu" not in (root / "public" / feed).read_text(encoding="utf-8")
    sitemap = (root / "public/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://thu.example.vn/gioi-thieu/</loc>\n  </url>" in sitemap  # no lastmod: no date
    assert "<loc>https://thu.example.vn/lien-he/</loc>\n    <lastmod>2025-01-02T00:00:00+07:00</lastmod>" in sitemap
    # Without `pages:`, every standing page is in the footer, in the order of its files.
    assert footer(html(root, "/")).index(">Giới thiệu</a>") < footer(html(root, "/")).index(">Liên hệ</a>")


@pytest.mark.slow
def test_pages_in_the_menu_and_footer_by_configuration(make_site):
    config = CONFIG + "pages:\n  menu: [gioi-thieu]\n  footer: [lien-he, /gioi-thieu/, gioi-thieuu]\n"
    root = make_site(
        {
            "frontnews.yaml": config,
            "content/trang/gioi-thieu.md": ABOUT,
            "content/trang/lien-he.md": CONTACT,
            "content/tin-tuc/a.md": article("Tin A"),
        }
    )
    report = build_site(root)
    assert report.ok
    assert [str(d) for d in report.diagnostics] == [
        (
            "frontnews.yaml:3: FN145 (cảnh báo) Trong pages của frontnews.yaml, “gioi-thieuu” không phải địa chỉ của "
            "trang cố định nào nên không được đưa vào chân trang. Có phải ý bạn là “gioi-thieu”?"
        )
    ]
    home = html(root, "/")
    nav = home.split('class="site-nav"')[1].split("</nav>")[0]
    assert '<a href="/gioi-thieu/">Giới thiệu</a>' in nav and "Liên hệ" not in nav
    assert footer(home).index(">Liên hệ</a>") < footer(home).index(">Giới thiệu</a>")
    assert '<a href="/gioi-thieu/" aria-current="page">Giới thiệu</a>' in html(root, "/gioi-thieu/")


@pytest.mark.slow
def test_a_page_in_a_section_folder_with_type_page(make_site):
    page = "---\ntitle: Lịch tiếp dân\ntype: page\n---\nThứ Năm hằng tuần.\n"
    root = make_site({"content/thong-bao/lich-tiep-dan.md": page, "content/thong-bao/a.md": article("Thông báo A")})
    report = build_site(root)
    assert report.ok and report.articles == 1
    assert Page(html(root, "/thong-bao/lich-tiep-dan/")).crumbs == ["Trang chủ", "Thông báo", "Lịch tiếp dân"]
    assert "lich-tiep-dan" not in Page(html(root, "/thong-bao/")).main


@pytest.mark.slow
def test_a_standing_page_is_checked_like_an_article(make_site):
    page = """\
---
title: Cơ cấu tổ chức
date: 01/01/2025
image: so-do.png
type: bài viết
---
Xem [trang cũ](/co-cau-cu/).
"""
    root = make_site({"content/trang/co-cau-to-chuc.md": page})
    report = build_site(root)
    assert [str(d) for d in report.diagnostics] == [
        (
            "content/trang/co-cau-to-chuc.md:3: FN110 (cảnh báo) Trường “date” không được dùng và sẽ bị bỏ qua. "
            "Có phải ý bạn là “updated”?"
        ),
        "content/trang/co-cau-to-chuc.md:5: FN107 Trường “type” phải là “page” (trang cố định) hoặc bỏ trống (bài tin).",
    ]
    page = page.replace("type: bài viết\n", "").replace("date: 01/01/2025\n", "")
    (root / "content/trang/co-cau-to-chuc.md").write_text(page, encoding="utf-8")
    assert [str(d) for d in build_site(root).diagnostics] == [
        (
            "content/trang/co-cau-to-chuc.md:3: FN201 Không tìm thấy ảnh “so-do.png”. Hãy đặt tệp ảnh cạnh bài viết "
            "hoặc trong thư mục static/, rồi kiểm tra lại tên tệp."
        ),
        (
            "content/trang/co-cau-to-chuc.md:5: FN207 (cảnh báo) Liên kết “/co-cau-cu/” trỏ tới /co-cau-cu/, nhưng trang "
            "web không có trang này. Hãy kiểm tra lại địa chỉ (có thể đó là bài nháp hoặc bài chưa tới ngày đăng)."
        ),
    ]
    Image.new("RGB", (64, 48), "white").save(root / "content/trang/so-do.png")  # a photo: published in sizes
    assert build_site(root).ok
    assert (root / "public/co-cau-to-chuc/so-do.png").is_file()


@pytest.mark.slow
def test_a_standing_page_on_another_pages_address_is_an_error(make_site):
    root = make_site(
        {
            "content/trang/chu-de.md": "---\ntitle: Các chủ đề\n---\nChủ đề.\n",
            "content/trang/tin-tuc.md": "---\ntitle: Tin\n---\nTin.\n",
            "content/tin-tuc/a.md": article("Tin A"),
        }
    )
    assert [str(d) for d in build_site(root).errors] == [
        (
            "content/trang/chu-de.md:1: FN144 Trang cố định có địa chỉ /chu-de/ trùng với trang /chu-de/ của trang web. "
            "Hãy đổi tên tệp, hoặc thêm trường slug khác cho trang này."
        ),
        (
            "content/trang/tin-tuc.md:1: FN144 Trang cố định có địa chỉ /tin-tuc/ trùng với trang /tin-tuc/ của trang web. "
            "Hãy đổi tên tệp, hoặc thêm trường slug khác cho trang này."
        ),
    ]
    (root / "content/trang/chu-de.md").write_text(
        "---\ntitle: Các chủ đề\nslug: cac-chu-de\n---\nChủ đề.\n", encoding="utf-8"
    )
    (root / "content/trang/tin-tuc.md").unlink()
    assert build_site(root).ok and (root / "public/cac-chu-de/index.html").is_file()


@pytest.mark.slow
def test_a_draft_page_is_published_only_with_drafts(make_site, tmp_path):
    root = make_site(
        {
            "content/trang/gioi-thieu.md": ABOUT.replace("title:", "draft: true\ntitle:"),
            "content/tin-tuc/a.md": article("Tin A"),
        }
    )
    assert build_site(root).ok and not (root / "public/gioi-thieu").exists()
    assert "gioi-thieu" not in footer(html(root, "/"))
    assert build_site(root, drafts=True, out=tmp_path / "nhap").ok
    assert (tmp_path / "nhap/gioi-thieu/index.html").is_file()


@pytest.mark.slow
def test_frontnews_new_writes_a_draft_page(make_site):
    root = make_site({})
    path = write_new_article(root, "Cơ cấu tổ chức", None, "trang", dt.datetime(2025, 3, 4, tzinfo=dt.UTC))
    assert path == root / "content/trang/co-cau-to-chuc.md"
    text = path.read_text(encoding="utf-8")
    assert "date:" not in text and "unit:" not in text and "draft: true" in text
    report = build_site(root, write=False)
    assert report.ok and report.diagnostics == ()
    path.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")
    assert [d.code for d in build_site(root).diagnostics] == ["FN007"]  # the placeholder is left


def move_into_section(root):
    """The page, as `type: page`, moved to a section's folder: another address and breadcrumb."""
    (root / "content/tin-tuc/lien-lac.md").write_text(
        CONTACT.replace("---\n", "---\ntype: page\n", 1), encoding="utf-8"
    )
    (root / "content/trang/lien-lac.md").unlink()


@pytest.mark.slow
def test_page_edits_give_the_bytes_of_a_clean_build(make_site, tmp_path):
    from test_incremental import clean_build_tree

    config = CONFIG + "pages:\n  menu: [gioi-thieu]\n"
    root = make_site(
        {
            "frontnews.yaml": config,
            "content/trang/gioi-thieu.md": ABOUT,
            "content/trang/lien-he.md": CONTACT,
            "content/tin-tuc/a.md": article("Tin A"),
        }
    )
    assert build_site(root).ok
    steps = [
        lambda: (root / "content/trang/gioi-thieu.md").write_text(ABOUT.replace("75 vị", "76 vị"), encoding="utf-8"),
        lambda: (root / "content/trang/gioi-thieu.md").write_text(
            ABOUT.replace("title: Giới thiệu", "title: Giới thiệu chung"), encoding="utf-8"
        ),
        lambda: (root / "content/trang/lien-he.md").rename(root / "content/trang/lien-lac.md"),
        lambda: move_into_section(root),
        lambda: (root / "content/trang/lien-ket.md").write_text(
            "---\ntitle: Liên kết\n---\n[Tin A](/tin-tuc/2020/10/tin-a/)\n", encoding="utf-8"
        ),
        (root / "content/tin-tuc/a.md").unlink,
    ]
    for number, step in enumerate(steps):
        step()
        report = build_site(root)
        assert report.ok, (number, report.diagnostics)
        assert read_tree(root / "public") == clean_build_tree(root, tmp_path), number
    assert '<a href="/gioi-thieu/">Giới thiệu chung</a>' in html(root, "/")
