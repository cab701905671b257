"""Front matter keeps what editors typed: no YAML 1.1 typing, no key silently dropped or cut short.

Every case is a real site, built or checked, through the libyaml loader and the pure-Python one.
"""

from __future__ import annotations

import pytest
import yaml
from markupsafe import escape

from frontnews.content import front_matter as frontmatter
from sitefactory import UNITS, article, build_site

LOADERS = [frontmatter.PureTextLoader] + ([frontmatter.TextLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    """Front matter and units.yaml read by this loader for the whole build."""
    monkeypatch.setattr(frontmatter, "TEXT_LOADER", request.param)
    return request.param


def problems(root):
    return [(d.path, d.line, d.code) for d in build_site(root, write=False, jobs=1).diagnostics]


def page(root, url):
    return (root / "public" / url.strip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_words_times_and_numbers_stay_the_text_typed(make_site, loader):
    text = (
        "---\ntitle: 2024\ndate: 07/10/2020\nunit: phuong-le-loi\nslug: bai-2024\n"
        "tags: [yes, off, 10:45, 0123, 1e3, .inf, ~x]\nsummary: 10:45\nsignature: No\n"
        "participants:\n  - name: Yes\n    role: 0123\n  - On – 12:30\n"
        "image:\n  src: anh.svg\n  alt: 1_000\n  caption: 0x1F\n---\nThân bài.\n"
    )
    root = make_site({"content/tin/a.md": text, "content/tin/anh.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    report = build_site(root, jobs=1)
    assert report.diagnostics == ()
    html_text = page(root, "/tin-tuc/2020/10/bai-2024/")
    for shown in ("2024", "yes", "off", "10:45", "0123", "1e3", ".inf", "~x", "No", "1_000", "0x1F"):
        assert f">{shown}<" in html_text or f'"{shown}"' in html_text, shown
    assert ">Yes</a> — 0123</li>" in html_text and ">On</a> — 12:30</li>" in html_text
    topics = sorted(p.name for p in (root / "public" / "chu-de").iterdir() if p.is_dir())
    assert "yes" in topics and "0123" in topics and "10-45" in topics
    assert not {"true", "false", "645", "83", "1000-0"} & set(topics)


@pytest.mark.parametrize(
    "written, draft",
    [
        ("true", True),
        ("True", True),
        ("yes", True),
        ("on", True),
        ("false", False),
        ("FALSE", False),
        ("no", False),
        ("off", False),
        ("", False),
        ('"true"', True),
    ],
)
@pytest.mark.slow
def test_draft_takes_true_false_and_yaml_1_1_words(make_site, loader, written, draft):
    root = make_site({"content/tin/a.md": article(draft=written)})
    report = build_site(root, jobs=1)
    assert report.diagnostics == ()
    assert (root / "public/tin-tuc/2020/10/hoi-nghi-thu/index.html").exists() is not draft


def test_draft_with_another_word_is_reported(make_site, loader):
    root = make_site({"content/tin/a.md": article(draft="có lẽ")})
    assert problems(root) == [("content/tin/a.md", 5, "FN107")]


@pytest.mark.parametrize("value", ["!!int 5", "!!bool yes", "!!timestamp 2024-13-01", "!foo bar", "!!float x"])
def test_explicit_yaml_tags_are_refused_in_vietnamese(make_site, loader, value):
    root = make_site({"content/tin/a.md": article(title=value)})
    report = build_site(root, write=False, jobs=1)
    assert [(d.line, d.code) for d in report.diagnostics] == [(2, "FN101")]
    assert "có nghĩa riêng trong YAML; hãy đặt cả giá trị trong dấu ngoặc kép" in report.diagnostics[0].message


def test_a_key_written_twice_is_reported_at_the_second_line(make_site, loader):
    text = (
        "---\ntitle: Hội nghị\ndate: 07/10/2020\nsummary: Tóm tắt một.\nunit: phuong-le-loi\n"
        "tags: [a]\nparticipants:\n  - name: An\n    role: UVTV\n    role: Chủ tịch\nsummary: Tóm tắt hai.\n---\nThân.\n"
    )
    root = make_site({"content/tin/a.md": text})
    report = build_site(root, write=False, jobs=1)
    assert [(d.line, d.code) for d in report.diagnostics] == [(10, "FN116"), (11, "FN116")]
    assert report.diagnostics[1].message.startswith("Trường “summary” được viết hai lần (lần đầu ở dòng 4)")
    assert not report.ok


def test_a_key_written_twice_in_units_yaml_is_reported(make_site, loader):
    units = UNITS.replace("  level: phường\n", "  level: phường\n  name: Tên khác\n", 1)
    root = make_site({"content/units.yaml": units, "content/tin/a.md": article()})
    line = units.splitlines().index("  name: Tên khác") + 1
    assert problems(root) == [("content/units.yaml", line, "FN116")]


def test_a_comment_glued_to_a_value_is_a_warning(make_site, loader):
    root = make_site({"content/tin/a.md": article(title="Tin số #3", summary="Tóm tắt   # ghi chú thật")})
    report = build_site(root, write=False, jobs=1)
    assert [(d.line, d.code) for d in report.diagnostics] == [(2, "FN120")]
    assert "“#3”" in report.diagnostics[0].message and "“Tin số”" in report.diagnostics[0].message


UNCLOSED = """\
---
title: Hội nghị tổng kết
date: 07/10/2020
unit: phuong-le-loi

{lead}

Đoạn hai của bài.

---
Người viết: Trần Văn An
"""


@pytest.mark.parametrize(
    "lead",
    [
        # A colon in the lead paragraph: YAML reads a key that is a sentence.
        "Sáng 7/10, tại hội trường Ủy ban phường, hội nghị có các đồng chí: Trần Văn An, Nguyễn Thị Bình.",
        # No colon: YAML fails on the paragraph.
        "Ngày 7/10, Ban Thường trực Ủy ban MTTQ phường tổ chức hội nghị tổng kết công tác năm.",
    ],
)
def test_front_matter_not_closed_before_a_rule_is_fn114_at_the_paragraph(make_site, loader, lead):
    root = make_site({"content/tin/a.md": UNCLOSED.format(lead=lead)})
    assert problems(root) == [("content/tin/a.md", 6, "FN114")]


def test_front_matter_never_closed_points_at_the_first_paragraph(make_site, loader):
    text = "---\ntitle: Hội nghị\ndate: 07/10/2020\nunit: phuong-le-loi\nNgày 7/10, Ban Thường trực tổ chức hội nghị.\n"
    root = make_site({"content/tin/a.md": text})
    assert problems(root) == [("content/tin/a.md", 5, "FN114")]


@pytest.mark.parametrize(
    "text, line, code",
    [
        ("---\ntitle: Hội nghị\ntổng kết năm\ndate: 07/10/2020\nunit: phuong-le-loi\n---\n", 3, "FN101"),
        ("---\ntiêu đề: Hội nghị\ntitle: A\ndate: 07/10/2020\nunit: phuong-le-loi\n---\n", 2, "FN110"),
    ],
)
@pytest.mark.slow
def test_short_lines_are_not_taken_for_paragraphs(make_site, loader, text, line, code):
    root = make_site({"content/tin/a.md": text})
    assert problems(root) == [("content/tin/a.md", line, code)]


@pytest.mark.parametrize("value", ["*Tin nóng*", "> trích dẫn", "& nhau", "@mttq", "%50", "`mã`", "- a: b"])
def test_yaml_errors_never_speak_english(make_site, loader, value):
    root = make_site({"content/tin/a.md": article(title=value)})
    [problem] = build_site(root, write=False, jobs=1).diagnostics
    assert (problem.line, problem.code) == (2, "FN101")
    assert problem.message.isascii() is False
    for english in ("found", "expected", "while", "scanning", "character", "allowed", "mapping"):
        assert english not in problem.message, problem.message


@pytest.mark.slow
def test_the_quoted_title_is_shown_exactly(make_site, loader):
    title = 'Tin số #3: "hội nghị" & <tổng kết>'
    root = make_site({"content/tin/a.md": article(title=yaml.safe_dump(title).strip().removesuffix("...").strip())})
    assert build_site(root, jobs=1).diagnostics == ()
    assert f'<h1 class="article__title">{escape(title)}</h1>' in page(
        root, "/tin-tuc/2020/10/tin-so-3-hoi-nghi-tong-ket/"
    )


def test_a_topic_without_letters_is_a_warning_not_silently_dropped(make_site, loader):
    root = make_site({"content/tin/a.md": article(tags="[★ ★, bầu cử]")})
    report = build_site(root, jobs=1)
    assert [(d.line, d.code, d.is_error) for d in report.diagnostics] == [(5, "FN122", False)]
    assert "“★ ★”" in report.diagnostics[0].message
    assert ">bầu cử</a>" in page(root, "/tin-tuc/2020/10/hoi-nghi-thu/")


def test_an_anchor_dropped_from_a_value_is_an_error(make_site, loader):
    root = make_site({"content/tin/a.md": article(title="&mttq Hội nghị")})
    [problem] = build_site(root, write=False, jobs=1).diagnostics
    assert (problem.line, problem.code) == (2, "FN121")
    assert problem.message.startswith(
        "“&mttq” ở đầu giá trị có nghĩa riêng trong YAML nên bị bỏ, giá trị chỉ còn “Hội nghị”."
    )


def test_a_key_written_twice_in_frontnews_yaml_is_reported(make_site):
    config = "title: Trang thử\nbase_url: https://thu.example.vn/\nper_page: 5\ntitle: Trang khác\n"
    root = make_site({"frontnews.yaml": config, "content/tin/a.md": article()})
    assert problems(root) == [("frontnews.yaml", 4, "FN116")]
