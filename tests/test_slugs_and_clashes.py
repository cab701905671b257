"""Addresses made from titles and names: slugs of symbols and of long titles, clashes between units,
two people whose names give one slug, topics whose spellings meet on one page. Real builds."""

from __future__ import annotations

import shutil

import lxml.html
import pytest

from frontnews.build import BuildOptions, load_site
from frontnews.incremental.build_cache import CACHE_DIR
from frontnews.incremental.state import NoState
from frontnews.site.related import find_related
from frontnews.vi.text import TITLE_SLUG_MAX, slugify_vi, title_slug
from sitefactory import article, build_site, read_tree

MEETING = "Hội nghị tổng kết công tác Mặt trận năm 2024"
PLAIN = "/tin-tuc/2024/12/hoi-nghi-tong-ket-cong-tac-mat-tran-nam-2024/"


def codes(report, code):
    return [(d.path, d.line) for d in report.diagnostics if d.code == code]


def html(root, url):
    return lxml.html.fromstring((root / "public" / url.strip("/") / "index.html").read_bytes().decode("utf-8"))


def links(root, url, prefix):
    return sorted({a.get("href") for a in html(root, url).iter("a") if a.get("href", "").startswith(prefix)})


def same_as_clean_build(root, tmp_path):
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", CACHE_DIR))
    assert build_site(clean).ok
    return read_tree(root / "public") == read_tree(clean / "public")


# Slugs from titles


@pytest.mark.slow
def test_a_title_of_symbols_takes_the_file_name_with_a_warning(make_site):
    root = make_site({"content/tin/ngay-hoi.md": article('"★ ★ ★"'), "content/tin/b.md": article("🎉🎉")})
    report = build_site(root)
    assert report.ok and report.articles == 2
    assert codes(report, "FN130") == [("content/tin/b.md", 2), ("content/tin/ngay-hoi.md", 2)]
    assert (root / "public/tin-tuc/2020/10/ngay-hoi/index.html").is_file()
    assert "“ngay-hoi”" in next(d.message for d in report.diagnostics if d.path.endswith("ngay-hoi.md"))


def test_a_title_and_file_name_of_symbols_ask_for_a_slug(make_site):
    root = make_site({"content/tin/★.md": article('"★ ★ ★"'), "content/tin/ok.md": article("Bài khác")})
    report = build_site(root)
    assert [(d.path, d.line, d.code) for d in report.errors] == [("content/tin/★.md", 2, "FN131")]
    assert "slug" in report.errors[0].message


def test_a_long_title_is_cut_at_a_word_and_a_written_slug_never():
    title = (
        "Xã Thanh Mỹ triển khai cuộc vận động Toàn dân đoàn kết xây dựng nông thôn mới, "
        "đô thị văn minh giai đoạn 2021 – 2025"
    )
    full = slugify_vi(title)
    cut = title_slug(title)
    assert len(full) > TITLE_SLUG_MAX >= len(cut) > TITLE_SLUG_MAX - 15
    assert full.startswith(cut + "-")  # whole words only
    assert title_slug("Hội nghị") == "hoi-nghi"


@pytest.mark.slow
def test_a_long_title_gives_a_short_address_and_a_long_written_slug_stays(make_site):
    long_title = "Hội nghị " + " ".join(f"lần thứ {n}" for n in range(1, 20))
    written = "-".join(["bai-viet-rat-dai"] * 8)
    root = make_site({"content/tin/a.md": article(long_title), "content/tin/b.md": article("Bài B", slug=written)})
    assert build_site(root).ok
    urls = sorted(p.parent.name for p in (root / "public/tin-tuc/2020/10").glob("*/index.html"))
    assert urls == sorted([title_slug(long_title), written])
    assert len(title_slug(long_title)) <= TITLE_SLUG_MAX < len(written)


# The same title by two units in one month


@pytest.mark.slow
def test_two_units_with_one_title_both_publish_the_later_with_its_units_slug(make_site):
    root = make_site(
        {
            "content/tin/le-loi.md": article(MEETING, "05/12/2024", "phuong-le-loi"),
            "content/tin/kim-son.md": article(MEETING, "07/12/2024 09:00", "xa-kim-son"),
        }
    )
    report = build_site(root)
    assert report.ok and report.articles == 2
    assert codes(report, "FN133") == [("content/tin/kim-son.md", 2)]
    later = PLAIN.rstrip("/") + "-xa-kim-son/"
    message = report.warnings[0].message
    assert PLAIN in message and later in message and "MTTQ phường Lê Lợi" in message
    assert html(root, PLAIN).findtext(".//h1") == html(root, later).findtext(".//h1") == MEETING
    assert "Lê Lợi" in html(root, PLAIN).text_content() and "Kim Sơn" in html(root, later).text_content()
    assert later in links(root, "/", "/tin-tuc/") and PLAIN in links(root, "/", "/tin-tuc/")


@pytest.mark.slow
def test_a_third_unit_later_moves_no_one_and_the_same_unit_stays_an_error(make_site, tmp_path):
    files = {
        "content/tin/le-loi.md": article(MEETING, "05/12/2024", "phuong-le-loi"),
        "content/tin/kim-son.md": article(MEETING, "07/12/2024", "xa-kim-son"),
    }
    root = make_site(files)
    assert build_site(root).ok
    before = sorted(p.parent.name for p in (root / "public/tin-tuc/2024/12").glob("*/index.html"))
    (root / "content/tin/dong-lam.md").write_text(article(MEETING, "20/12/2024", "thi-xa-dong-lam"), encoding="utf-8")
    report = build_site(root)
    assert report.ok
    after = sorted(p.parent.name for p in (root / "public/tin-tuc/2024/12").glob("*/index.html"))
    assert set(before) < set(after) and len(after) == 3
    assert same_as_clean_build(root, tmp_path)
    (root / "content/tin/le-loi-2.md").write_text(article(MEETING, "28/12/2024", "phuong-le-loi"), encoding="utf-8")
    report = build_site(root)
    assert [(d.path, d.code) for d in report.errors] == [
        ("content/tin/le-loi-2.md", "FN109"),
        ("content/tin/le-loi.md", "FN109"),
    ]


@pytest.mark.slow
def test_an_older_article_added_takes_the_address_and_the_build_matches_a_clean_one(make_site, tmp_path):
    root = make_site(
        {
            "content/tin/kim-son.md": article(
                MEETING, "07/12/2024", "xa-kim-son", image="anh.svg", body="![Ảnh](hoi-truong.svg)"
            ),
            "content/tin/anh.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "content/tin/hoi-truong.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "content/tin/khac.md": article("Tin khác", "08/12/2024", "xa-kim-son"),
        }
    )
    assert build_site(root).ok
    (root / "content/tin/le-loi.md").write_text(article(MEETING, "01/12/2024", "phuong-le-loi"), encoding="utf-8")
    report = build_site(root)
    assert report.ok and codes(report, "FN133") == [("content/tin/kim-son.md", 2)]
    assert not codes(report, "FN137")  # its old address is the new article's: no alias can keep it
    moved = PLAIN.rstrip("/") + "-xa-kim-son/"
    page = html(root, moved)
    assert [img.get("src") for img in page.iter("img")] == [moved + "anh.svg", moved + "hoi-truong.svg"]
    assert (root / "public" / moved.strip("/") / "hoi-truong.svg").is_file()
    assert not (root / "public" / PLAIN.strip("/") / "anh.svg").exists()
    assert moved in links(root, "/tin-tuc/2024/12/tin-khac/", "/tin-tuc/")  # its sidebar follows the move
    assert same_as_clean_build(root, tmp_path)
    shutil.rmtree(root / "public" / moved.strip("/"))  # rendered again from the body kept for its new address
    assert build_site(root).ok and same_as_clean_build(root, tmp_path)


# People whose names give one slug


@pytest.mark.slow
def test_two_names_on_one_slug_are_two_people_the_first_seen_keeps_the_plain_page(make_site):
    root = make_site(
        {
            "content/tin/a.md": article("Tin A", "01/03/2022", participants='["Nguyễn Thị Hoa – Chủ tịch"]'),
            "content/tin/b.md": article("Tin B", "02/03/2022", participants='["Nguyễn Thị Hòa – Phó Chủ tịch"]'),
            "content/tin/c.md": article(
                "Tin C", "03/03/2022", participants='["Nguyễn Thị Hoa – Chủ tịch", "Nguyễn Thị Hòa – Ủy viên"]'
            ),
        }
    )
    report = build_site(root)
    assert report.ok
    assert codes(report, "FN132") == [("content/tin/b.md", 5)]
    message = report.warnings[0].message
    assert "“Nguyễn Thị Hòa”" in message and "“Nguyễn Thị Hoa”" in message and "/nhan-vat/nguyen-thi-hoa-2/" in message
    hoa, hoa2 = html(root, "/nhan-vat/nguyen-thi-hoa/"), html(root, "/nhan-vat/nguyen-thi-hoa-2/")
    assert hoa.findtext(".//h1") == "Nguyễn Thị Hoa" and hoa2.findtext(".//h1") == "Nguyễn Thị Hòa"
    assert links(root, "/nhan-vat/nguyen-thi-hoa/", "/tin-tuc/") == [
        "/tin-tuc/2022/03/tin-a/",
        "/tin-tuc/2022/03/tin-c/",
    ]
    assert links(root, "/nhan-vat/nguyen-thi-hoa-2/", "/tin-tuc/") == [
        "/tin-tuc/2022/03/tin-b/",
        "/tin-tuc/2022/03/tin-c/",
    ]
    assert links(root, "/tin-tuc/2022/03/tin-c/", "/nhan-vat/n") == [
        "/nhan-vat/nguyen-thi-hoa-2/",
        "/nhan-vat/nguyen-thi-hoa/",
    ]
    people = html(root, "/nhan-vat/").text_content()
    assert "Nguyễn Thị Hoa" in people and "Nguyễn Thị Hòa" in people
    roles = html(root, "/nhan-vat/nguyen-thi-hoa-2/").text_content()
    assert "Ủy viên" in roles and "Chủ tịch" not in roles.replace("Phó Chủ tịch", "")


@pytest.mark.slow
def test_a_person_who_appears_later_moves_no_page_and_an_older_one_is_rebuilt_right(make_site, tmp_path):
    root = make_site(
        {
            "content/tin/a.md": article("Tin A", "01/03/2022", participants='["Trần Văn Hải – Chủ tịch"]'),
            "content/tin/x.md": article("Tin X", "05/03/2022", participants='["Trần Văn Hải – Chủ tịch"]'),
        }
    )
    assert build_site(root).ok
    (root / "content/tin/b.md").write_text(
        article("Tin B", "02/03/2022", participants='["Trần Văn Hai – Ủy viên"]'), encoding="utf-8"
    )
    assert build_site(root).ok
    assert links(root, "/nhan-vat/tran-van-hai/", "/tin-tuc/") == ["/tin-tuc/2022/03/tin-a/", "/tin-tuc/2022/03/tin-x/"]
    assert links(root, "/nhan-vat/tran-van-hai-2/", "/tin-tuc/") == ["/tin-tuc/2022/03/tin-b/"]
    # An article older than all the others names "Hai" first: the pages swap, and every page showing them follows.
    (root / "content/tin/c.md").write_text(
        article("Tin C", "01/01/2022", participants='["Trần Văn Hai – Ủy viên"]'), encoding="utf-8"
    )
    report = build_site(root)
    assert report.ok and codes(report, "FN132") == [("content/tin/a.md", 5)]
    assert links(root, "/tin-tuc/2022/03/tin-x/", "/nhan-vat/t") == ["/nhan-vat/tran-van-hai-2/"]
    assert same_as_clean_build(root, tmp_path)


def test_people_related_only_by_a_shared_slug_are_not_related(make_site):
    root = make_site(
        {
            "content/tin/a.md": article(
                "Tin A", "01/03/2022", "xa-kim-son", participants='["Nguyễn Thị Thủy – Chủ tịch"]'
            ),
            "content/tin/b.md": article(
                "Tin B", "02/03/2022", "phuong-le-loi", participants='["Nguyễn Thị Thụy – Chủ tịch"]'
            ),
        }
    )
    site, _ = load_site(BuildOptions(root=root, write=False), NoState())
    related = find_related(site.published, site.units.units)
    assert all("Nguyễn Thị" not in " ".join(item.reasons) for items in related.values() for item in items)


# Topics


@pytest.mark.slow
def test_topics_merge_by_slug_and_only_spellings_beyond_case_are_reported(make_site):
    root = make_site(
        {
            "content/tin/a.md": article("Tin A", "01/03/2022", tags="[Tập huấn, hòa giải]"),
            "content/tin/b.md": article("Tin B", "02/03/2022", tags="[tập huấn, hoa giai]"),
            "content/tin/c.md": article("Tin C", "03/03/2022", tags="[hòa, hoa]"),
        }
    )
    report = build_site(root)
    assert report.ok
    assert codes(report, "FN138") == [("content/tin/a.md", 5), ("content/tin/c.md", 5)]
    assert "“hòa giải”" in report.warnings[0].message and "“hoa giai”" in report.warnings[0].message
    assert links(root, "/chu-de/tap-huan/", "/tin-tuc/") == ["/tin-tuc/2022/03/tin-a/", "/tin-tuc/2022/03/tin-b/"]
