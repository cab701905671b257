"""One hostile file never exhausts the machine nor ends in a traceback: each is `path:line: FNxxx`.

Each hostile article is generated here and built for real (tests/sitefactory.py); the limits are
content/limits.py's.
"""

from __future__ import annotations

import sys

import pytest

from frontnews.content import limits
from frontnews.render.templates import theme_templates
from frontnews.render.xml_chars import without_illegal
from sitefactory import UNITS, article, build_site, write_site


def problems(report, code):
    return [(d.path, d.line) for d in report.diagnostics if d.code == code]


def test_a_yaml_alias_bomb_is_named_by_its_type_not_expanded(tmp_path):
    bomb = "".join(
        f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(9)
    )  # 9**9 strings once expanded
    text = "---\ntitle: Bom\nunit: phuong-le-loi\n" + bomb + "date: *l8\nslug: *l8\nupdated: *l8\n---\nx\n"
    report = build_site(write_site(tmp_path, {"content/tin/a.md": text}), write=False)
    assert not report.ok
    assert max(len(d.message) for d in report.diagnostics) < 400
    (slug,) = [d for d in report.diagnostics if d.code == "FN108"]
    assert "“(một danh sách)”" in slug.message


def test_a_long_value_is_quoted_at_most_100_characters(tmp_path):
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(slug="X" * 5000)}), write=False)
    (slug,) = [d for d in report.diagnostics if d.code == "FN108"]
    assert "“" + "X" * 100 + "…”" in slug.message and len(slug.message) < 300


def test_a_list_nested_500_deep_is_fn161_at_its_line_not_a_recursion_error(tmp_path):
    body = "\n".join("  " * i + "- mục" for i in range(500))
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(body=body)}), write=False)
    # The article's body starts at line 5; 2 spaces a level: depth 21 at the 41st item.
    assert problems(report, "FN161") == [("content/tin/a.md", 6 + 40)]
    assert "21 tầng" in report.errors[0].message


def test_ten_thousand_nested_quotes_are_refused_before_markdown(tmp_path):
    body = "\n".join(">" * i + " x" for i in range(1, 10_001))[: limits.MAX_FILE_BYTES - 200]
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(body=body)}), write=False)
    assert problems(report, "FN161") == [("content/tin/a.md", 6 + limits.MAX_DEPTH)]


def test_too_many_list_items_is_fn168(tmp_path):
    body = "\n".join("> - x" for _ in range(6000))
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(body=body)}), write=False)
    assert problems(report, "FN168") == [("content/tin/a.md", 6 + limits.MAX_MARKERS // 2)]


def test_fifteen_thousand_footnotes_are_fn162(tmp_path):
    n = 15_000
    body = " ".join(f"x[^{i}]" for i in range(n)) + "\n\n" + "\n".join(f"[^{i}]: chú thích" for i in range(n))
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(body=body)}), write=False)
    assert problems(report, "FN162") == [("content/tin/a.md", 6)]
    assert "30000 chỗ chú thích" in report.errors[0].message


def test_five_thousand_tags_and_participants_are_fn163_and_fn164(tmp_path):
    tags = "[" + ", ".join(f"chủ đề {i}" for i in range(5000)) + "]"
    people = "\n" + "\n".join(f"  - Người {i} – Ủy viên" for i in range(5000))
    report = build_site(
        write_site(tmp_path, {"content/tin/a.md": article(tags=tags, participants=people)}), write=False
    )
    assert [(d.code, d.line) for d in report.errors] == [("FN163", 5), ("FN164", 6)]
    assert report.pages < 20  # not a page per tag or person


def test_real_articles_are_within_the_limits(tmp_path):
    tags = "[" + ", ".join(f"chủ đề {i}" for i in range(limits.MAX_TAGS)) + "]"
    body = "\n".join("    " * (i % 5) + "- mục" for i in range(500)) + "\n\n" + "Đoạn văn. " * 20_000
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(tags=tags, body=body)}), write=False)
    assert report.ok, report.diagnostics


def test_a_file_over_the_size_limit_is_fn160_before_it_is_parsed(tmp_path):
    body = "Nội dung dài. " * (limits.MAX_FILE_BYTES // 10)
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(body=body)}), write=False)
    assert [(d.code, d.path, d.line) for d in report.errors] == [("FN160", "content/tin/a.md", 1)]


def test_what_python_markdown_still_raises_is_fn165_of_that_article(tmp_path):
    """Within the limits, on a machine with a small stack: the article's error, not a traceback."""
    body = "\n".join("    " * i + "- mục" for i in range(limits.MAX_DEPTH - 1))
    root = write_site(tmp_path, {"content/tin/a.md": article(body=body), "content/tin/b.md": article(title="Khác")})
    depth = len(__import__("inspect").stack())
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 70)  # the build itself needs about 60 frames more; Markdown's 19 lists 100
    try:
        report = build_site(root, write=False, jobs=1)
    finally:
        sys.setrecursionlimit(old)
    assert [(d.code, d.path, d.line) for d in report.errors] == [("FN165", "content/tin/a.md", 6)]
    assert "lồng vào nhau quá sâu" in report.errors[0].message
    # The Markdown stopped midway is not reused: the next build still resolves and checks every image.
    later = write_site(tmp_path / "sau", {"content/tin/c.md": article(body="![ảnh](khong-co.jpg)")})
    assert [(d.code, d.line) for d in build_site(later, write=False, jobs=1).errors] == [("FN201", 6)]


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_dates_at_the_ends_of_time_are_fn102_not_overflow(tmp_path, date):
    report = build_site(
        write_site(
            tmp_path, {"content/tin/a.md": article(date=date), "content/tin/b.md": article(title="B", updated=date)}
        )
    )
    assert [(d.code, d.path, d.line) for d in report.errors] == [
        ("FN102", "content/tin/a.md", 3),
        ("FN102", "content/tin/b.md", 5),
    ]
    assert "từ 1000 đến 9998" in report.errors[0].message


def test_an_offset_of_99_hours_was_already_fn102(tmp_path):
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(date="2024-10-07T10:00:00+99:00")}))
    assert [(d.code, d.line) for d in report.errors] == [("FN102", 3)]


def test_a_name_over_255_bytes_is_found_by_check_at_its_line(tmp_path):
    tag = "chủ đề rất dài " * 20
    root = write_site(tmp_path, {"content/tin/a.md": article(title="Hội nghị " * 40, tags=f"[{tag}]")})
    checked = build_site(root, write=False)
    assert [(d.code, d.line) for d in checked.errors] == [("FN166", 5)]
    assert "255 byte" in checked.errors[0].message
    built = build_site(root)
    assert [d.code for d in built.errors] == ["FN166"] and not (root / "public").exists()


def test_a_unit_slug_over_255_bytes_is_fn167_on_its_pages(tmp_path):
    units = UNITS + f"- slug: {'x' * 300}\n  name: Đơn vị dài\n"
    root = write_site(tmp_path, {"content/units.yaml": units, "content/tin/a.md": article(unit="x" * 300)})
    report = build_site(root, write=False)
    assert {d.code for d in report.errors} == {"FN167"}
    assert all("/don-vi/xxx" in d.path for d in report.errors)


def test_characters_xml_forbids_are_taken_out_of_every_output(tmp_path):
    base = (theme_templates() / "base.html").read_text(encoding="utf-8")
    root = write_site(
        tmp_path,
        {"content/tin/a.md": article(), "templates/base.html": base.replace("<head>", "<head>\x01\x1b\x00", 1)},
    )
    report = build_site(root)
    assert report.ok
    pages = list((root / "public").rglob("*.html"))
    assert pages and not any(c in p.read_bytes() for p in pages for c in (b"\x00", b"\x01", b"\x1b"))
    assert without_illegal("tin\x0b số\ufffe 1 ✓".encode()) == "tin số 1 ✓".encode()


def test_control_characters_were_already_reported_at_their_line(tmp_path):
    report = build_site(write_site(tmp_path, {"content/tin/a.md": article(body="Nội\x00 dung\x1b.")}))
    assert [(d.code, d.line) for d in report.errors] == [("FN117", 6), ("FN117", 6)]
    assert not (tmp_path / "public").exists()
