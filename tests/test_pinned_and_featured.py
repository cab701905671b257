"""`featured:` puts an article in the home page's lead block; `pinned: until dd/mm/yyyy` keeps a notice at
the top of its unit's list and of the home page's column until the end of that day, by the build's clock."""

import datetime as dt
import shutil

import pytest

from frontnews.build import BuildOptions, load_site
from frontnews.incremental.build_cache import CACHE_DIR
from frontnews.incremental.state import NoState
from sitefactory import FIXED_NOW, article, build_site, read_tree

ICT = dt.timezone(dt.timedelta(hours=7))
UNIT_PAGE = "public/don-vi/phuong-le-loi/index.html"


def load(root):
    site, problems = load_site(BuildOptions(root=root, now=FIXED_NOW), NoState())
    return {a.source: a for a in site.all_articles}, [str(p) for p in problems]


def read(root, path: str) -> str:
    return (root / path).read_text(encoding="utf-8")


def section(html: str, start: str, end: str = "</section>") -> str:
    """The text of the page from `start` to the next `end`: one block of the page."""
    at = html.index(start)
    return html[at : html.index(end, at)]


def test_pinned_is_read_as_the_end_of_a_day_or_a_time(make_site):
    root = make_site(
        {
            "content/a.md": article("Bài A", pinned="until 31/12/2026"),
            "content/b.md": article("Bài B", pinned="đến 31/12/2026 17:00"),
            "content/c.md": article("Bài C", pinned="2026-12-31"),
            "content/d.md": article("Bài D", featured="true"),
        }
    )
    articles, problems = load(root)
    assert problems == [
        (
            "content/d.md:5: FN152 (cảnh báo) Bài nổi bật (featured: true) chưa có ảnh đầu bài, nên ở "
            "khối tin nổi bật của trang chủ bài hiện không có ảnh. Hãy thêm trường image."
        )
    ]
    assert articles["content/a.md"].pinned_until == dt.datetime(2027, 1, 1, tzinfo=ICT)
    assert articles["content/b.md"].pinned_until == dt.datetime(2026, 12, 31, 17, 0, tzinfo=ICT)
    assert articles["content/c.md"].pinned_until.astimezone(ICT) == dt.datetime(2027, 1, 1, tzinfo=ICT)
    assert articles["content/d.md"].featured and not articles["content/a.md"].featured


def test_a_pin_that_cannot_be_read_or_never_holds_is_reported_at_its_line(make_site):
    root = make_site(
        {
            "content/a.md": article("Bài A", pinned="true"),
            "content/b.md": article("Bài B", pinned="until 31/02/2026"),
            "content/c.md": article("Bài C", date="07/10/2020", pinned="until 01/10/2020"),
            "content/d.md": article("Bài D", featured="có"),
        }
    )
    _, problems = load(root)
    assert problems == [
        (
            "content/a.md:5: FN150 Không đọc được ngày bỏ ghim “true”. Hãy ghi ngày theo dạng dd/mm/yyyy, ví dụ "
            "“pinned: until 31/12/2026”: bài được ghim lên đầu danh sách đến hết ngày đó."
        ),
        (
            "content/b.md:5: FN150 Không đọc được ngày bỏ ghim “until 31/02/2026”. Hãy ghi ngày theo dạng dd/mm/yyyy, "
            "ví dụ “pinned: until 31/12/2026”: bài được ghim lên đầu danh sách đến hết ngày đó."
        ),
        (
            "content/c.md:5: FN151 (cảnh báo) Bài được ghim đến hết ngày 01/10/2020, không sau ngày đăng 07/10/2020, "
            "nên không lúc nào được ghim. Hãy sửa ngày bỏ ghim, hoặc bỏ dòng pinned."
        ),
        "content/d.md:5: FN107 Trường “featured” phải là true hoặc false.",
    ]


@pytest.mark.slow
def test_a_pinned_notice_heads_its_unit_list_until_its_day_ends_then_falls_back_in_place(make_site):
    root = make_site(
        {
            "content/cu.md": article("Thông báo cũ", "01/03/2025 08:00", pinned="until 15/01/2026"),
            "content/moi.md": article("Tin mới hơn", "01/06/2025 08:00"),
            "content/khac.md": article("Tin đơn vị khác", "02/06/2025 08:00", unit="thi-xa-dong-lam"),
        }
    )
    assert build_site(root, now=dt.datetime(2026, 1, 15, 23, 59, tzinfo=ICT)).ok
    unit = read(root, UNIT_PAGE)
    assert "Thông báo cũ" in section(unit, '<section class="pinned"')
    assert "Thông báo cũ" not in section(unit, '<ol class="cards">', "</ol>")  # not twice on the page
    home = read(root, "public/index.html")
    assert "Thông báo cũ" in section(home, '<section class="pinned"')
    assert "Thông báo cũ" not in read(root, "public/don-vi/thi-xa-dong-lam/index.html").split('<ol class="cards">')[0]

    assert build_site(root, now=dt.datetime(2026, 1, 16, 0, 0, tzinfo=ICT)).ok  # the next day: back in place
    unit = read(root, UNIT_PAGE)
    assert '<section class="pinned"' not in unit and '<section class="pinned"' not in read(root, "public/index.html")
    cards = section(unit, '<ol class="cards">', "</ol>")
    assert cards.index("Tin mới hơn") < cards.index("Thông báo cũ")


@pytest.mark.slow
def test_the_up_to_date_shortcut_is_not_taken_across_a_pins_end(make_site, tmp_path):
    root = make_site(
        {
            "content/a.md": article("Thông báo", "01/03/2025 08:00", pinned="until 15/01/2026"),
            "content/b.md": article("Tin khác", "01/06/2025 08:00"),
        }
    )
    before = dt.datetime(2026, 1, 15, 12, 0, tzinfo=ICT)
    assert build_site(root, now=before).ok
    again = build_site(root, now=before + dt.timedelta(hours=1))
    assert (again.rendered, again.written) == (0, 0)
    after = build_site(root, now=dt.datetime(2026, 1, 16, 0, 0, 1, tzinfo=ICT))
    assert after.ok and after.rendered > 0
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", CACHE_DIR))
    assert build_site(clean, now=dt.datetime(2026, 1, 16, 0, 0, 1, tzinfo=ICT), jobs=1).ok
    assert read_tree(root / "public") == read_tree(clean / "public")  # byte-identical to a clean build
    back = build_site(root, now=before)  # a clock set back pins it again
    assert back.rendered > 0 and '<section class="pinned"' in read(root, UNIT_PAGE)


@pytest.mark.slow
def test_the_lead_block_shows_the_newest_featured_article_large_and_the_next_beside_it(make_site):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"/>'
    root = make_site(
        {
            "content/anh.svg": svg,
            "content/a.md": article("Nổi bật cũ", "01/01/2025 08:00", featured="true", image="anh.svg"),
            "content/b.md": article("Nổi bật mới", "01/02/2025 08:00", featured="true", image="anh.svg"),
            "content/c.md": article("Tin thường mới nhất", "01/03/2025 08:00"),
        }
    )
    assert build_site(root).ok
    lead = section(read(root, "public/index.html"), '<section class="home-lead"')
    main, beside = lead.split('<ul class="lead-beside">')
    assert "Nổi bật mới" in main and 'class="lead-story__image"' in main and "Nổi bật cũ" not in main
    # The featured ones first, then the newest others while there is room.
    assert beside.index("Nổi bật cũ") < beside.index("Tin thường mới nhất")
