"""`aliases:` (old addresses that redirect to an article) and the warning that asks for one when an
article's address changed since the last build. Real builds, read as a browser would."""

from __future__ import annotations

import shutil

import lxml.html
import pytest

from frontnews.incremental.build_cache import CACHE_DIR
from sitefactory import article, build_site, read_tree

NEW = "/tin-tuc/2024/10/phuong-le-loi-tap-huan-nghiep-vu-nam-2024/"
OLD = "/tin-tuc/2024/10/phuong-le-loi-tap-huan-nghiep-vu-nam-2204/"
TITLE = "Phường Lê Lợi tập huấn nghiệp vụ năm 2024"


def page(root, relative):
    return lxml.html.fromstring((root / "public" / relative).read_bytes().decode("utf-8"))


def found(report, code):
    return [(d.path, d.line) for d in report.diagnostics if d.code == code]


@pytest.mark.slow
def test_an_old_address_sends_readers_and_search_engines_to_the_article(make_site):
    config = "title: Trang thử\nbase_url: https://thu.example.vn/du-an/\n"
    root = make_site(
        {
            "frontnews.yaml": config,
            "content/tin/a.md": article(
                TITLE, "07/10/2024", aliases=f'["{OLD}", "https://thu.example.vn/du-an/tin-cu/bai-15.html", "/tin cũ"]'
            ),
        }
    )
    report = build_site(root)
    assert report.ok and not report.diagnostics
    for relative in (OLD.strip("/") + "/index.html", "tin-cu/bai-15.html", "tin cũ/index.html"):
        doc = page(root, relative)
        assert doc.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url=/du-an{NEW}"]
        assert doc.xpath("//link[@rel='canonical']/@href") == [f"https://thu.example.vn/du-an{NEW}"]
        assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert doc.xpath("//a/@href") == [f"/du-an{NEW}"] and doc.xpath("//a/text()") == [TITLE]
        assert "chuyển sang địa chỉ mới" in doc.text_content() and doc.get("lang") == "vi"
    sitemap = (root / "public/sitemap.xml").read_text(encoding="utf-8")
    feed = (root / "public/feed.xml").read_text(encoding="utf-8")
    assert NEW in sitemap and "tin-cu" not in sitemap and "tin cũ" not in sitemap and OLD not in sitemap
    assert OLD not in feed and "tin-cu" not in feed


def test_old_addresses_that_cannot_redirect_are_errors_at_their_lines(make_site):
    aliases = "\n".join(
        f"  - {value}"
        for value in (
            "https://khac.example.vn/tin/",
            "/tin?id=5",
            "tin-tuc/cu/",
            "/tin/bai.aspx",
            "/a/../b/",
            "/static/x/",
            "/.frontnews/changes/",
        )
    )
    root = make_site(
        {
            "content/tin/a.md": article(TITLE, "07/10/2024", aliases="\n" + aliases),
            "content/tin/b.md": article("Bài B", aliases="5"),
        }
    )
    report = build_site(root)
    # Front matter is text: `aliases: 5` is the one address "5", which does not start with "/".
    assert found(report, "FN134") == [("content/tin/a.md", line) for line in range(6, 13)] + [("content/tin/b.md", 5)]
    assert found(report, "FN107") == []
    messages = [d.message for d in report.errors if d.code == "FN134"]
    assert "thu.example.vn" in messages[0] and "“?”" in messages[1] and "bắt đầu bằng “/”" in messages[2]
    assert "“.aspx”" in messages[3]
    assert not (root / "public").exists()


@pytest.mark.slow
def test_an_old_address_never_replaces_a_page_nor_an_older_articles_alias(make_site):
    root = make_site(
        {
            "content/tin/a.md": article(
                "Bài A", "01/10/2024", aliases='["/chu-de/", "/cu/", "/tin-tuc/2024/10/bai-a/"]'
            ),
            "content/tin/b.md": article("Bài B", "02/10/2024", aliases='["/cu/", "/feed.xml/x/"]'),
        }
    )
    report = build_site(root)
    assert report.ok
    assert found(report, "FN135") == [("content/tin/a.md", 5), ("content/tin/b.md", 5), ("content/tin/b.md", 5)]
    assert found(report, "FN136") == [("content/tin/a.md", 5)]
    b_messages = [d.message for d in report.warnings if d.path == "content/tin/b.md"]
    assert any("/cu/" in m and "content/tin/a.md" in m for m in b_messages)  # a is older: /cu/ is a's
    assert any("/feed.xml/x/" in m and "/feed.xml" in m for m in b_messages)
    assert page(root, "chu-de/index.html").findtext(".//h1") == "Các chủ đề"
    assert page(root, "cu/index.html").xpath("//a/@href") == ["/tin-tuc/2024/10/bai-a/"]
    assert page(root, "tin-tuc/2024/10/bai-a/index.html").findtext(".//h1") == "Bài A"
    assert (root / "public/feed.xml").is_file()


@pytest.mark.slow
def test_a_moved_article_warns_with_the_line_to_add_until_the_next_build(make_site):
    path = "content/tin/a.md"
    root = make_site({path: article(TITLE.replace("2024", "2204"), "07/10/2024"), "content/tin/b.md": article()})
    assert build_site(root).ok
    (root / path).write_text(article(TITLE, "07/10/2024"), encoding="utf-8")
    assert found(build_site(root, write=False), "FN137") == [(path, 2)]  # check reads the record too
    report = build_site(root)
    assert report.ok and found(report, "FN137") == [(path, 2)]
    message = report.warnings[0].message
    assert f'thêm dòng này vào phần thông tin đầu bài: aliases: ["{OLD}"]' in message and NEW in message
    (root / "content/tin/b.md").write_text(article(body="Sửa bài khác."), encoding="utf-8")
    assert not found(build_site(root), "FN137")  # the next build compares with this one's address
    # The editor adds the line the warning gave: the old address leads to the article.
    (root / path).write_text(article(TITLE, "07/10/2024", aliases=f'["{OLD}"]'), encoding="utf-8")
    assert build_site(root).ok
    assert page(root, OLD.strip("/") + "/index.html").xpath("//a/@href") == [NEW]


@pytest.mark.slow
def test_a_moved_article_with_aliases_is_told_the_whole_line(make_site):
    path = "content/tin/a.md"
    root = make_site({path: article("Tên thứ nhất", "07/10/2024", aliases='["/cu/"]')})
    assert build_site(root).ok
    (root / path).write_text(article("Tên thứ hai", "07/10/2024", aliases='["/cu/"]'), encoding="utf-8")
    report = build_site(root)
    assert found(report, "FN137") == [(path, 5)]
    assert 'sửa dòng aliases thành: aliases: ["/cu/", "/tin-tuc/2024/10/ten-thu-nhat/"]' in report.warnings[0].message


@pytest.mark.slow
def test_previews_and_drafts_do_not_move_the_record(make_site, tmp_path):
    path = "content/tin/a.md"
    root = make_site(
        {path: article("Tên cũ", "07/10/2024"), "content/tin/nhap.md": article("Nháp cũ", "07/10/2024", draft="true")}
    )
    assert build_site(root).ok
    (root / path).write_text(article("Tên mới", "07/10/2024"), encoding="utf-8")
    (root / "content/tin/nhap.md").write_text(article("Nháp mới", "07/10/2024", draft="true"), encoding="utf-8")
    preview = build_site(root, out=tmp_path / "xem", preview=True, drafts=True)
    assert preview.ok and found(preview, "FN137") == [(path, 2)]
    again = build_site(root, out=tmp_path / "xem", preview=True, drafts=True)
    assert found(again, "FN137") == [(path, 2)]  # a preview is not what readers got
    assert found(build_site(root), "FN137") == [(path, 2)]


@pytest.mark.slow
def test_alias_edits_build_the_bytes_of_a_clean_build(make_site, tmp_path):
    path = "content/tin/a.md"
    root = make_site({path: article("Bài A", "01/10/2024"), "content/tin/b.md": article("Bài B", "02/10/2024")})
    for aliases in ('["/cu/"]', '["/cu/", "/cu-nua.html"]', '["/cu-nua.html"]', None):
        extra = {"aliases": aliases} if aliases else {}
        (root / path).write_text(article("Bài A", "01/10/2024", **extra), encoding="utf-8")
        assert build_site(root).ok
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", CACHE_DIR))
        assert build_site(clean).ok
        assert read_tree(root / "public") == read_tree(clean / "public"), aliases


@pytest.mark.slow
def test_the_record_of_addresses_survives_a_cache_reset_for_another_config(make_site):
    root = make_site({"content/tin/a.md": article("Bài A", "01/10/2024"), "content/tin/b.md": article("Bài B")})
    assert build_site(root).ok
    config = (root / "frontnews.yaml").read_text(encoding="utf-8")
    (root / "frontnews.yaml").write_text(config + "article_url: /bai/{year}/{slug}/\n", encoding="utf-8")
    report = build_site(root)
    assert report.notice  # the cache was emptied: another config
    assert found(report, "FN137") == [("content/tin/a.md", 2), ("content/tin/b.md", 2)]
    assert 'aliases: ["/tin-tuc/2024/10/bai-a/"]' in report.warnings[0].message
