"""Bodies pasted from a web page or Word, built as real sites: paragraphs, figures, one signature, warnings."""

from __future__ import annotations

import random
import re

import lxml.html
import pytest

from frontnews.content import pasted
from frontnews.markup.markdown_html import BodyRenderer
from sitefactory import article, build_site

NBSP = "\u00a0"
PUSHED = (NBSP + " ") * 23  # how the old site pushed a signature right: dozens of no-break spaces
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3"/></svg>'
URL = "public/tin-tuc/2024/03/phuong-le-loi-boi-duong-truong-ban-cong-tac-mat-tran/index.html"
TITLE = "Phường Lê Lợi bồi dưỡng trưởng ban công tác Mặt trận"

# The layout of the seed article (tests/../shared/seeds), in words of our own: one newline between
# paragraphs, a photo line and its caption line, no-break spaces inside the text, a signature pushed right.
SEED_SHAPED = "\n".join(
    [
        (
            "Sáng 12/3, Ủy ban MTTQ Việt Nam phường Lê Lợi mở lớp bồi dưỡng cho trưởng ban công tác Mặt trận"
            " của 14 tổ dân phố. Lớp học kéo dài một ngày, với gần 60 học viên."
        ),
        "![Học viên nghe giảng](lop-hoc.svg)",
        "Học viên nghe giới thiệu chuyên đề",
        "Buổi sáng, học viên được hướng dẫn cách nắm tình hình nhân dân," + NBSP + " ghi chép ý kiến cử tri"
        " và báo cáo kịp thời lên Ban Thường trực.",
        "Buổi chiều, các tổ chia nhóm trao đổi kinh nghiệm vận động hộ gia đình giữ gìn vệ sinh "
        + NBSP * 3
        + "đường phố, trên quãng đường dài 700"
        + NBSP
        + "m.",
        PUSHED + "Ủy ban MTTQ phường Lê Lợi",
    ]
)


def build_article(make_site, body: str, crlf: bool = False, **front: str):
    text = article(TITLE, "12/03/2024 08:00", body=body, **front)
    data = text.replace("\n", "\r\n").encode() if crlf else text.encode()
    root = make_site({"content/tin-tuc/boi-duong.md": data, "content/tin-tuc/lop-hoc.svg": SVG})
    report = build_site(root)
    return root, report


def article_parts(root):
    page = lxml.html.fromstring((root / URL).read_text(encoding="utf-8"))
    body = page.find_class("article__body")[0]
    return page, body


def texts(elements) -> list[str]:
    return [element.text_content() for element in elements]


def warnings(report) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in report.diagnostics if not d.is_error]


@pytest.mark.slow
def test_seed_shaped_body_reads_like_the_original(make_site):
    root, report = build_article(make_site, SEED_SHAPED)
    assert report.ok and report.diagnostics == (), report.diagnostics
    page, body = article_parts(root)
    paragraphs = body.findall("p")
    assert [p.text_content()[:20] for p in paragraphs] == [
        "Sáng 12/3, Ủy ban MT",
        "Buổi sáng, học viên ",
        "Buổi chiều, các tổ c",
    ]
    figures = body.findall("figure")
    assert len(figures) == 1
    assert figures[0].find("img").get("alt") == "Học viên nghe giảng"
    assert texts(figures[0].findall("figcaption")) == ["Học viên nghe giới thiệu chuyên đề"]
    # The no-break spaces: a run becomes one space, a single one (700 m) stays.
    assert "nhân dân, ghi chép" in paragraphs[1].text_content()
    assert "giữ gìn vệ sinh đường phố, trên quãng đường dài 700\u00a0m." in paragraphs[2].text_content()
    assert NBSP * 2 not in body.text_content() and f" {NBSP}" not in body.text_content()
    # One signature, the pasted one, in place of the unit's name, and not in the body.
    assert texts(page.find_class("signature")) == ["Ủy ban MTTQ phường Lê Lợi"]
    assert "Ủy ban MTTQ phường Lê Lợi" not in body.text_content()
    assert "Ủy ban MTTQ Việt Nam phường Lê Lợi" not in texts(page.find_class("signature"))


@pytest.mark.slow
def test_crlf_body_gives_the_same_page(make_site):
    lf_root, lf_report = build_article(make_site, SEED_SHAPED)
    crlf_root, crlf_report = build_article(lambda files: make_site(files, "crlf"), SEED_SHAPED, crlf=True)
    assert b"\r\n" + PUSHED.encode() in (crlf_root / "content/tin-tuc/boi-duong.md").read_bytes()
    assert lf_report.ok and crlf_report.ok and crlf_report.diagnostics == ()
    assert (crlf_root / URL).read_bytes() == (lf_root / URL).read_bytes()


@pytest.mark.slow
def test_signature_field_wins_and_a_different_body_signature_is_reported(make_site):
    root, report = build_article(make_site, SEED_SHAPED, signature="Ban Thường trực Ủy ban MTTQ phường")
    page, body = article_parts(root)
    assert texts(page.find_class("signature")) == ["Ban Thường trực Ủy ban MTTQ phường"]
    assert "Ủy ban MTTQ phường Lê Lợi" not in body.text_content()
    body_line = 7  # "---", title, date, unit, signature, "---", then the body
    assert warnings(report) == [(body_line + 5, "FN220")]
    assert "Ủy ban MTTQ phường Lê Lợi" in report.diagnostics[0].message


@pytest.mark.slow
def test_the_same_signature_in_field_and_body_is_shown_once_without_warning(make_site):
    root, report = build_article(make_site, SEED_SHAPED, signature="Ủy ban MTTQ phường Lê Lợi")
    page, _ = article_parts(root)
    assert report.diagnostics == ()
    assert page.text_content().count("Ủy ban MTTQ phường Lê Lợi") == 1


@pytest.mark.slow
def test_signature_pushed_right_with_spaces_after_a_blank_line_in_a_markdown_body(make_site):
    body = "Đoạn một của bài.\n\nĐoạn hai của bài.\n\n" + " " * 30 + "Thu Hà"
    root, report = build_article(make_site, body)
    page, article_body = article_parts(root)
    assert report.diagnostics == ()
    assert texts(article_body.findall("p")) == ["Đoạn một của bài.", "Đoạn hai của bài."]
    assert article_body.find("pre") is None
    assert texts(page.find_class("signature")) == ["Thu Hà"]


@pytest.mark.slow
def test_without_a_signature_line_the_unit_signs(make_site):
    root, report = build_article(make_site, SEED_SHAPED.rsplit("\n", 1)[0])
    page, body = article_parts(root)
    assert report.diagnostics == ()
    assert len(body.findall("p")) == 3
    assert texts(page.find_class("signature")) == ["Ủy ban MTTQ Việt Nam phường Lê Lợi"]


@pytest.mark.slow
def test_no_break_space_lines_are_blank_and_do_not_stop_the_paste_reading(make_site):
    body = "Câu mở đầu của đoạn một.\n" + NBSP * 3 + "\nĐoạn hai nối tiếp.\nĐoạn ba kết thúc."
    root, report = build_article(make_site, body)
    _, article_body = article_parts(root)
    assert report.diagnostics == ()
    assert texts(article_body.findall("p")) == ["Câu mở đầu của đoạn một.", "Đoạn hai nối tiếp.", "Đoạn ba kết thúc."]


@pytest.mark.slow
def test_paragraphs_indented_with_a_tab_as_typed_in_word_are_paragraphs_not_code(make_site):
    body = (
        "\tNgày 20/4, Mặt trận xã ra quân làm sạch kênh mương nội đồng.\n"
        "\tHơn 300 đoàn viên, hội viên cùng tham gia.\n" + "\t" * 6 + "Thu Trang"
    )
    root, report = build_article(make_site, body)
    page, article_body = article_parts(root)
    assert report.diagnostics == ()
    assert article_body.find("pre") is None
    assert texts(article_body.findall("p")) == [
        "Ngày 20/4, Mặt trận xã ra quân làm sạch kênh mương nội đồng.",
        "Hơn 300 đoàn viên, hội viên cùng tham gia.",
    ]
    assert texts(page.find_class("signature")) == ["Thu Trang"]


# --- warnings where the layout is uncertain --------------------------------------------------


def test_a_caption_line_whose_photo_is_missing_is_reported(make_site):
    # As the seed itself was copied: the photo dropped, its caption line left between paragraphs.
    body = SEED_SHAPED.replace("![Học viên nghe giảng](lop-hoc.svg)\n", "")
    root, report = build_article(make_site, body)
    _, article_body = article_parts(root)
    assert warnings(report) == [(7, "FN222")]
    assert "![mô tả](tên-tệp-ảnh)" in report.diagnostics[0].message
    assert texts(article_body.findall("p"))[1] == "Học viên nghe giới thiệu chuyên đề"
    assert len(article_body.findall("p")) == 4


@pytest.mark.slow
def test_a_line_that_carries_on_a_sentence_is_joined_and_reported(make_site):
    body = (
        "Ngày 5/6, Mặt trận phường tổ chức hội nghị lấy ý kiến nhân dân về dự thảo quy chế dân chủ ở cơ sở,"
        " với hơn 120 đại biểu là\nđại diện các hộ gia đình trên địa bàn.\nHội nghị nhận được 35 ý kiến."
    )
    root, report = build_article(make_site, body)
    _, article_body = article_parts(root)
    assert warnings(report) == [(7, "FN221")]
    paragraphs = texts(article_body.findall("p"))
    assert len(paragraphs) == 2 and "đại biểu là\nđại diện các hộ" in paragraphs[0]


@pytest.mark.slow
def test_a_short_last_line_that_looks_like_a_signature_is_reported(make_site):
    _, report = build_article(make_site, "Đoạn một của bài.\nĐoạn hai của bài.\nMinh Anh")
    assert warnings(report) == [(8, "FN223")]
    assert "“Minh Anh”" in report.diagnostics[0].message


def test_a_line_pushed_right_that_is_not_last_and_the_old_related_list_are_reported(make_site):
    body = SEED_SHAPED + "\n\nCác tin tức khác\nMột bài cũ của trang cũ\nMột bài cũ khác"
    root, report = build_article(make_site, body)
    page, article_body = article_parts(root)
    assert warnings(report) == [(6, "FN226"), (11, "FN224"), (13, "FN225")]
    assert "Ủy ban MTTQ phường Lê Lợi" in article_body.text_content()  # shown, not lost
    assert texts(page.find_class("signature")) == ["Ủy ban MTTQ Việt Nam phường Lê Lợi"]


@pytest.mark.slow
def test_lines_that_look_pasted_in_a_body_with_blank_lines_are_reported(make_site):
    body = "Lễ ra quân tổ dân phố số 3\n\n" + SEED_SHAPED.rsplit("\n", 1)[0]
    root, report = build_article(make_site, body)
    _, article_body = article_parts(root)
    assert warnings(report) == [(8, "FN226")]
    assert "4 dòng" in report.diagnostics[0].message
    assert len(article_body.findall("p")) == 2  # Markdown as written: the editor is told how to split


# --- Markdown keeps working ------------------------------------------------------------------

MARKDOWN_BODIES = {
    "list": ("- Tuyên truyền chủ trương của Đảng.\n- Vận động nhân dân.\n- Giám sát, phản biện xã hội.", "ul li li li"),
    "ordered": ("1. Khai mạc.\n2. Thảo luận.\n3. Bế mạc.", "ol li li li"),
    "quote": ("> Đoàn kết, đoàn kết, đại đoàn kết.\n> Thành công, thành công, đại thành công.", "blockquote p"),
    "table": (
        "| Tổ | Số hộ |\n|---|---|\n| Tổ 1 | 120 |\n| Tổ 2 | 98 |",
        "table thead tr th th tbody tr td td tr td td",
    ),
    "hard-wrapped": (
        (
            "Ngày 7/10, Ủy ban MTTQ Việt Nam phường Lê Lợi tổ chức lớp tập huấn\n"
            "nghiệp vụ cho cán bộ làm công tác Mặt trận ở cơ sở, với sự tham dự\n"
            "của hơn 80 đại biểu đến từ các tổ dân phố."
        ),
        "p",
    ),
    "wrapped before a name": (
        (
            "Ngày 7/10, Ủy ban MTTQ Việt Nam phường Lê Lợi tổ chức lớp tập huấn tại\n"
            "Hội trường phường cho 80 cán bộ làm công tác Mặt trận."
        ),
        "p",
    ),
    "hard breaks": ("Ủy ban MTTQ phường Lê Lợi  \nSố 5, đường Lê Lợi  \nĐiện thoại: 0243 000 000.", "p br br"),
    "heading": ("# Kết quả nổi bật\nNăm nay có 12 khu dân cư đạt chuẩn.", "h2 p"),
    "one line": ("Tin ngắn chỉ một câu.", "p"),
    "two photos": ("![một](lop-hoc.svg)\n![hai](lop-hoc.svg)", "p img img"),
    "code": ("Lệnh dựng trang:\n\n    frontnews build\n    frontnews serve", "p pre code"),
    "nested list": ("- Khu dân cư số 1\n    - Tổ 1\n    - Tổ 2\n- Khu dân cư số 2", "ul li ul li li li"),
}


def without_pasted_text() -> BodyRenderer:
    """The body renderer as it was before pasted text was read: Python-Markdown alone."""
    renderer = BodyRenderer()
    renderer._md.preprocessors.deregister("frontnews_pasted")
    return renderer


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(MARKDOWN_BODIES))
def test_markdown_bodies_render_as_markdown_without_warnings(make_site, name):
    body, tags = MARKDOWN_BODIES[name]
    root, report = build_article(make_site, body)
    _, article_body = article_parts(root)
    assert report.diagnostics == (), report.diagnostics
    assert " ".join(element.tag for element in article_body.iterdescendants()) == tags
    before = lxml.html.fragment_fromstring(
        without_pasted_text().render(body, lambda src: src).html, create_parent="div"
    )
    assert [e.tag for e in before.iterdescendants()] == [e.tag for e in article_body.iterdescendants()]
    assert before.text_content().split() == article_body.text_content().split()
    assert not pasted.read_layout(body).pasted


def test_headings_in_a_pasted_body_stay_headings(make_site):
    body = "Đoạn mở đầu của bài.\n## Kết quả\nĐoạn về kết quả.\nĐoạn về hạn chế."
    root, report = build_article(make_site, body)
    _, article_body = article_parts(root)
    assert report.diagnostics == ()
    assert [e.tag for e in article_body.iterchildren()] == ["p", "h3", "p", "p"]


# --- the fast path -----------------------------------------------------------------------------

_PIECES = [
    "Đoạn văn.",
    "Minh Anh",
    "Các tin tức khác",
    "- mục",
    "![a](a.svg)",
    "# Tiêu đề",
    "chữ thường",
    " ",
    "    ",
    "\n",
    "\n",
    "\n\n",
    NBSP,
    "\r\n",
    "\t",
    "Dòng dài " * 20,
    "> trích",
    "x  ",
]


def test_plain_bodies_take_the_fast_path_to_the_same_layout():
    rng = random.Random(12)
    plain = 0
    for _ in range(3000):
        body = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
        plain += pasted._plain_lines(body) is not None
        assert pasted.read_layout(body) == pasted._layout(body), repr(body)
    assert plain > 300


def test_the_renderer_uses_the_layout():
    html = BodyRenderer().render(SEED_SHAPED, lambda src: src).html
    assert re.findall(r"<(p|figure|figcaption)>", html) == ["p", "figure", "figcaption", "p", "p"]
