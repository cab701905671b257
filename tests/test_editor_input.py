"""Files as editors' machines save them: BOM, CRLF, Windows-1258, UTF-16, and what Word pastes
(control and invisible characters, no-break spaces). Real files, real builds, both YAML loaders.
"""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from frontnews.content import front_matter as frontmatter
from sitefactory import UNITS, article, build_site

LOADERS = [frontmatter.PureTextLoader] + ([frontmatter.TextLoader] if hasattr(yaml, "CSafeLoader") else [])
ENGLISH = ("unacceptable", "character", "special", "control characters", "position", "found", "expected")
TONES = "\u0300\u0301\u0303\u0309\u0323"


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    """Front matter and units.yaml read by this loader for the whole build."""
    monkeypatch.setattr(frontmatter, "TEXT_LOADER", request.param)
    return request.param


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: â ê ô ă ơ ư đ precomposed, the five tones combining."""
    letters: list[list[str]] = []  # each letter: its base with the other marks, then its tones
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and letters:
            letters[-1].append(char)
        else:
            letters.append([char])
    out = [
        unicodedata.normalize("NFC", "".join(c for c in letter if c not in TONES))
        + "".join(c for c in letter if c in TONES)
        for letter in letters
    ]
    return "".join(out).encode("cp1258")


def build(root):
    return build_site(root, jobs=1)


def page(root):
    return (root / "public/tin-tuc/2020/10/hoi-nghi-thu/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_leading_bom_and_crlf_line_ends_build(make_site, loader):
    raw = "\ufeff" + article(tags="[tập huấn]", body="Dòng một.\n\nDòng hai.")
    root = make_site({"content/tin/a.md": raw.replace("\n", "\r\n").encode("utf-8")})
    report = build(root)
    assert report.diagnostics == () and report.ok
    assert '<h1 class="article__title">Hội nghị thử</h1>' in page(root)
    assert "<p>Dòng hai.</p>" in page(root)


@pytest.mark.slow
def test_a_bom_doubled_by_an_editor_still_builds(make_site, loader):
    root = make_site({"content/tin/a.md": ("\ufeff\ufeff" + article()).encode("utf-8")})
    assert build(root).diagnostics == ()


def test_crlf_keeps_the_lines_of_problems(make_site, loader):
    raw = article(date="2024-09-31", tag="x").replace("\n", "\r\n")
    root = make_site({"content/tin/a.md": raw.encode("utf-8")})
    assert [(d.line, d.code) for d in build(root).diagnostics] == [(3, "FN102"), (5, "FN110")]


def test_a_windows_1258_file_says_so_and_how_to_convert_it(make_site, loader):
    text = article(title="Hội nghị tổng kết", body="Nội dung.").replace("\n", "\r\n")
    root = make_site({"content/tin/cu.md": cp1258(text)})
    [problem] = build(root).diagnostics
    assert (problem.path, problem.line, problem.code) == ("content/tin/cu.md", 2, "FN100")
    message = problem.message
    assert "cột 9" in message  # "title: H", then "ô" (the dot below of "ộ" follows as a combining mark)
    assert "Windows-1258" in message and "“title: Hội nghị tổng kết”" in message
    assert "iconv -f CP1258 -t UTF-8 content/tin/cu.md" in message
    assert "Save As" in message and "UTF-8" in message
    assert "vị trí" not in message


def test_a_file_in_another_encoding_is_not_called_windows_1258(make_site, loader):
    root = make_site({"content/tin/a.md": article(title="Café crème", body="Du texte.").encode("cp1252")})
    [problem] = build(root).diagnostics
    assert (problem.line, problem.code) == (2, "FN100") and "cột 11" in problem.message
    assert "Windows-1258" not in problem.message and "iconv" not in problem.message


def test_a_utf16_file_is_named(make_site, loader):
    root = make_site({"content/tin/a.md": article().encode("utf-16")})
    [problem] = build(root).diagnostics
    assert (problem.line, problem.code) == (1, "FN100") and "UTF-16" in problem.message


def test_units_yaml_in_windows_1258_is_a_diagnostic_not_a_traceback(make_site, loader):
    root = make_site({"content/units.yaml": cp1258(UNITS), "content/tin/a.md": article()})
    [problem] = [d for d in build(root).diagnostics if d.path == "content/units.yaml"]
    assert (problem.line, problem.code) == (2, "FN100")
    assert "Windows-1258" in problem.message


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u200b", "dấu cách độ rộng 0 (zero-width space, U+200B)"),
        ("\u200c", "ký tự ngăn nối độ rộng 0 (zero-width non-joiner, U+200C)"),
        ("\u200d", "ký tự nối độ rộng 0 (zero-width joiner, U+200D)"),
        ("\u00ad", "dấu gạch nối mềm (soft hyphen, U+00AD)"),
        ("\ufeff", "dấu BOM ở giữa tệp (U+FEFF)"),
    ],
)
@pytest.mark.slow
def test_an_invisible_character_in_a_key_is_named_and_the_key_still_counts(make_site, loader, char, name):
    text = article().replace("unit:", f"un{char}it:")
    root = make_site({"content/tin/a.md": text})
    report = build(root)
    assert [(d.line, d.code, d.is_error) for d in report.diagnostics] == [(4, "FN118", False)]
    message = report.diagnostics[0].message
    assert message.startswith(f"Tên trường “un[U+{ord(char):04X}]it” có {name} ở cột 3.")
    assert "“unit”" in message
    assert report.ok and "phường Lê Lợi" in page(root)


def test_a_key_written_twice_once_with_an_invisible_character(make_site, loader):
    root = make_site({"content/tin/a.md": article(**{"ti\u200btle": "Khác"})})
    assert [(d.line, d.code) for d in build(root).diagnostics] == [(5, "FN116"), (5, "FN118")]


@pytest.mark.slow
def test_an_invisible_character_in_a_value_is_a_warning_with_its_column(make_site, loader):
    root = make_site({"content/tin/a.md": article(title="Hội\u200bnghị thử", summary="Tóm\u00adtắt")})
    report = build(root)
    assert [(d.line, d.code, d.is_error) for d in report.diagnostics] == [(2, "FN119", False), (5, "FN119", False)]
    assert "dấu cách độ rộng 0 (zero-width space, U+200B) ở cột 11" in report.diagnostics[0].message
    assert report.ok


@pytest.mark.parametrize(
    "char, name",
    [
        ("\x07", "ký tự điều khiển (U+0007)"),
        ("\x00", "ký tự rỗng (NUL, U+0000)"),
        ("\x0b", "ký tự xuống dòng của Word (tab dọc, U+000B)"),
        ("\x1b", "ký tự thoát (escape, U+001B)"),
        ("\x85", "ký tự xuống dòng NEL (U+0085)"),
        ("\u2028", "ký tự xuống dòng Unicode (line separator, U+2028)"),
        ("\u2029", "ký tự ngắt đoạn Unicode (paragraph separator, U+2029)"),
    ],
)
def test_a_control_character_in_front_matter_is_named_in_vietnamese(make_site, loader, char, name):
    root = make_site({"content/tin/a.md": article(title=f"Hội{char} nghị")})
    [problem] = build(root).diagnostics
    assert (problem.line, problem.code) == (2, "FN117")
    assert f"Dòng này có {name} ở cột 11" in problem.message
    assert not any(word in problem.message for word in ENGLISH)


def test_a_control_character_in_the_body_is_named_at_its_file_line(make_site, loader):
    root = make_site({"content/tin/a.md": article(body="Dòng một.\n\nDòng\x0bhai.")})
    [problem] = build(root).diagnostics
    assert (problem.line, problem.code) == (8, "FN117") and "ở cột 5" in problem.message


def test_a_control_character_in_units_yaml_is_named(make_site, loader):
    units = UNITS.replace("name: Ủy ban MTTQ Việt Nam xã Kim Sơn", "name: Ủy ban MTTQ\x0cxã Kim Sơn")
    root = make_site({"content/units.yaml": units, "content/tin/a.md": article()})
    [problem] = [d for d in build(root).diagnostics if d.path == "content/units.yaml"]
    line = units.split("\n").index("  name: Ủy ban MTTQ\x0cxã Kim Sơn") + 1
    assert (problem.line, problem.code) == (line, "FN117")
    assert "ký tự sang trang (form feed, U+000C) ở cột 20" in problem.message


@pytest.mark.slow
def test_no_break_spaces_pasted_from_word_are_spaces(make_site, loader):
    text = article().replace("title: ", "title:\u00a0").replace("unit: ", "unit:\u00a0\u00a0")
    root = make_site({"content/tin/a.md": text})
    assert build(root).diagnostics == ()
    assert '<h1 class="article__title">Hội nghị thử</h1>' in page(root)


@pytest.mark.slow
def test_a_line_separator_in_the_body_is_only_a_line_break(make_site, loader):
    root = make_site({"content/tin/a.md": article(body="Dòng một.\u2028Dòng hai.")})
    assert build(root).diagnostics == ()
