"""Markdown bodies rendered to HTML: figures, safety, headings, reuse, summaries."""

from __future__ import annotations

import re

import pytest

from frontnews.markup.markdown_html import (
    BodyRenderer,
    RenderedBody,
    first_text,
    is_safe_url,
    plain_text,
)


def first_paragraph_text(body: str, unsafe_html: bool = False) -> str:
    """What the build does for a default summary: render, then take the first text paragraph."""
    return first_text(BodyRenderer(unsafe_html=unsafe_html).render(body, keep).html)


def keep(src: str) -> str:
    return src


@pytest.fixture(scope="module")
def renderer() -> BodyRenderer:
    return BodyRenderer()


def render(renderer: BodyRenderer, body: str) -> str:
    return renderer.render(body, keep).html


# --- figures -------------------------------------------------------------------------------


def test_image_with_title_becomes_figure_with_caption(renderer):
    html = render(renderer, '![Hội trường](hoi-truong.svg "Đại biểu dự hội nghị")')
    assert html == (
        '<figure><img alt="Hội trường" src="hoi-truong.svg"><figcaption>Đại biểu dự hội nghị</figcaption></figure>'
    )
    assert "title=" not in html


def test_image_alone_without_title_is_a_bare_figure(renderer):
    html = render(renderer, "![Toàn cảnh](toan-canh.svg)")
    assert html == '<figure><img alt="Toàn cảnh" src="toan-canh.svg"></figure>'


def test_seed_style_caption_line_becomes_figcaption(renderer):
    body = "![Lớp học](lop-hoc.svg)\nCán bộ Mặt trận *các phường* dự lớp bồi dưỡng\n\nĐoạn tiếp theo."
    html = render(renderer, body)
    assert html == (
        '<figure><img alt="Lớp học" src="lop-hoc.svg">'
        "<figcaption>Cán bộ Mặt trận <em>các phường</em> dự lớp bồi dưỡng</figcaption></figure>\n"
        "<p>Đoạn tiếp theo.</p>"
    )


def test_caption_after_hard_line_break(renderer):
    html = render(renderer, "![Lễ ra quân](ra-quan.svg)  \nLễ ra quân tại sân nhà văn hóa")
    assert html == (
        '<figure><img alt="Lễ ra quân" src="ra-quan.svg">'
        "<figcaption>Lễ ra quân tại sân nhà văn hóa</figcaption></figure>"
    )


def test_caption_line_wins_and_title_stays_an_attribute(renderer):
    html = render(renderer, '![Ảnh](a.svg "Tiêu đề ảnh")\nDòng chú thích')
    assert "<figcaption>Dòng chú thích</figcaption>" in html
    assert 'title="Tiêu đề ảnh"' in html


def test_linked_image_alone_becomes_figure(renderer):
    html = render(renderer, '[![Ảnh nhỏ](nho.svg "Bấm để xem ảnh lớn")](lon.svg)')
    assert html == (
        '<figure><a href="lon.svg"><img alt="Ảnh nhỏ" src="nho.svg"></a>'
        "<figcaption>Bấm để xem ảnh lớn</figcaption></figure>"
    )


def test_inline_image_stays_inline(renderer):
    html = render(renderer, "Biểu trưng ![logo](logo.svg) của Mặt trận.")
    assert html == '<p>Biểu trưng <img alt="logo" src="logo.svg"> của Mặt trận.</p>'


def test_image_then_text_on_same_line_stays_inline(renderer):
    html = render(renderer, "![logo](logo.svg) Ủy ban MTTQ phường")
    assert html.startswith("<p><img")
    assert "<figure>" not in html


def test_a_paragraph_never_wraps_a_figure(renderer):
    body = 'Mở đầu.\n\n![a](a.svg "A")\n\n> ![b](b.svg)\n> Chú thích trong trích dẫn\n\n- ![c](c.svg)'
    html = render(renderer, body)
    assert html.count("<figure>") == 2
    assert not re.search(r"<p>\s*<figure", html)
    assert '<li><img alt="c" src="c.svg"></li>' in html  # a tight list item holds no paragraph


def test_images_on_consecutive_lines_stay_inline(renderer):
    html = render(renderer, "![một](mot.svg)\n![hai](hai.svg)")
    assert html == '<p><img alt="một" src="mot.svg">\n<img alt="hai" src="hai.svg"></p>'


def test_missing_alt_is_kept_empty(renderer):
    assert render(renderer, "![](khong-mo-ta.svg)") == '<figure><img alt="" src="khong-mo-ta.svg"></figure>'


# --- image URLs --------------------------------------------------------------------------


def test_resolve_image_rewrites_src_and_collects_sources_in_order(renderer):
    seen: list[str] = []

    def resolve(src: str) -> str:
        seen.append(src)
        return "/tin-tuc/bai-viet/" + src

    body = (
        "![một](mot.svg)\n\nChữ ![hai](anh/hai.svg) giữa dòng[^1].\n\n"
        "| a |\n|---|\n| ![ba](ba.svg) |\n\n[^1]: Ghi chú ![bốn](bon.svg)"
    )
    result = renderer.render(body, resolve)
    assert isinstance(result, RenderedBody)
    assert result.images == ("mot.svg", "anh/hai.svg", "ba.svg", "bon.svg")
    assert seen == list(result.images)
    assert re.findall(r'src="([^"]*)"', result.html) == ["/tin-tuc/bai-viet/" + src for src in result.images]


def test_unsafe_image_src_never_reaches_the_html(renderer):
    result = renderer.render("![x](javascript:alert(1))\n\n![y](data:image/svg+xml,abc)", keep)
    assert result.images == ("javascript:alert(1)", "data:image/svg+xml,abc")
    assert "src=" not in result.html
    assert 'alt="x"' in result.html


# --- raw HTML ----------------------------------------------------------------------------

RAW = '<script>alert(1)</script>\n\nChữ <img src=x onerror="alert(2)"> và <b>đậm</b>.\n\n<div>khối</div>'


def test_raw_html_is_escaped_by_default(renderer):
    html = render(renderer, RAW)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<div>" not in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html or '&lt;img src=x onerror="alert(2)"&gt;' in html


def test_raw_html_passes_with_unsafe_html():
    html = BodyRenderer(unsafe_html=True).render(RAW, keep).html
    assert "<script>alert(1)</script>" in html
    assert "<b>đậm</b>" in html
    assert "<div>khối</div>" in html


def test_entities_are_kept_as_text(renderer):
    assert render(renderer, "A &amp; B &lt;i&gt;") == "<p>A &amp; B &lt;i&gt;</p>"


# --- links -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x61;script:alert(1)",
        "&#106;avascript:alert(1)",
        "java&#09;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "javascript&colon;alert(1)",
        "&#x20;javascript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "DaTa:text/html,x",
    ],
)
def test_dangerous_link_urls_are_dropped(renderer, url):
    html = render(renderer, f"[bấm vào đây](<{url}>) và [tham chiếu][r]\n\n[r]: <{url}>")
    assert html == "<p><a>bấm vào đây</a> và <a>tham chiếu</a></p>"


@pytest.mark.parametrize(
    "url",
    [
        "https://mattran.example.vn/tin?a=1&b=2",
        "http://x.vn",
        "/tin-tuc/",
        "bai-khac/",
        "#muc-1",
        "mailto:vanphong@example.vn",
        "tel:+842433334444",
        "javascript-la-gi/",
    ],
)
def test_ordinary_link_urls_are_kept(url):
    assert is_safe_url(url)


def test_ordinary_links_render(renderer):
    html = render(renderer, "[Trang chủ](https://mattran.example.vn/?a=1&b=2) [mục](#muc)")
    assert html == '<p><a href="https://mattran.example.vn/?a=1&amp;b=2">Trang chủ</a> <a href="#muc">mục</a></p>'


# --- headings and tables -----------------------------------------------------------------


def test_headings_shift_down_one_level_capped_at_h6(renderer):
    body = "# Một\n\n## Hai\n\n### Ba\n\n#### Bốn\n\n##### Năm\n\n###### Sáu\n\nSetext\n======"
    html = render(renderer, body)
    assert re.findall(r"<(h\d)>", html) == ["h2", "h3", "h4", "h5", "h6", "h6", "h2"]
    assert "<h1" not in html


def test_tables_render(renderer):
    html = render(renderer, "| Đơn vị | Số hộ |\n|---|--:|\n| Lê Lợi | 120 |")
    assert "<table>" in html
    assert "<th>Đơn vị</th>" in html
    assert '<td style="text-align: right;">120</td>' in html


def test_lists_are_sane(renderer):
    html = render(renderer, "1. một\n2. hai\n\n* ba")
    assert re.findall(r"<(ol|ul)>", html) == ["ol", "ul"]


# --- reuse and determinism ---------------------------------------------------------------

FOOTNOTED = "Nghị quyết[^nq] và [văn bản][vb].\n\n![ảnh](anh.svg)\n\n[vb]: /van-ban/\n[^nq]: Số 01."


def test_reuse_gives_the_same_output_without_state_leaks():
    renderer = BodyRenderer()
    first = renderer.render(FOOTNOTED, keep)
    other = renderer.render("Khác[^nq] và [văn bản][vb]", keep)
    second = renderer.render(FOOTNOTED, keep)
    assert second == first
    assert 'id="fn:nq"' in first.html and 'href="/van-ban/"' in first.html
    # Footnotes, references and images of one body never reach the next one.
    assert other.html == "<p>Khác[^nq] và [văn bản][vb]</p>"
    assert other.images == ()
    assert BodyRenderer().render(FOOTNOTED, keep) == first


def test_a_failed_render_does_not_leak_into_the_next():
    renderer = BodyRenderer()

    def broken(src: str) -> str:
        raise ValueError(src)

    with pytest.raises(ValueError):
        renderer.render("[^a] ![x](x.svg)\n\n[^a]: ghi chú", broken)
    assert renderer.render("Sạch.", keep) == RenderedBody(html="<p>Sạch.</p>", images=())


def test_footnote_backlink_title_is_vietnamese(renderer):
    html = render(renderer, FOOTNOTED)
    assert 'title="Quay lại chỗ chú thích 1 trong bài"' in html


# --- summaries ---------------------------------------------------------------------------


def test_first_paragraph_skips_image_paragraphs():
    body = (
        '![Toàn cảnh](toan-canh.svg)\nToàn cảnh buổi lễ\n\n![Khác](khac.svg "Chú thích")\n\n'
        "Sáng 5/3, **Ủy ban MTTQ** phường\nLê Lợi tổ chức [hội nghị][hn]&nbsp;tổng kết &amp; khen thưởng[^1].\n\n"
        "Đoạn thứ hai.\n\n[hn]: /hoi-nghi/\n[^1]: Ghi chú."
    )
    assert first_paragraph_text(body) == (
        "Sáng 5/3, Ủy ban MTTQ phường Lê Lợi tổ chức hội nghị tổng kết & khen thưởng."
    )


def test_first_paragraph_after_heading_and_blank_looking_paragraph():
    assert first_paragraph_text("# Tiêu đề\n\n&nbsp;\n\nNội dung *chính*.") == "Nội dung chính."
    assert first_paragraph_text("- mục một\n- mục hai\n\nNội dung.") == "Nội dung."


def test_first_paragraph_of_a_body_without_paragraphs_is_empty():
    assert first_paragraph_text("") == ""
    assert first_paragraph_text("## Chỉ có tiêu đề\n\n![ảnh](a.svg)") == ""


def test_first_paragraph_shows_raw_html_as_text_unless_trusted():
    body = "Chữ <b>đậm</b><script>x()</script> hết."
    assert first_paragraph_text(body) == "Chữ <b>đậm</b><script>x()</script> hết."
    assert first_paragraph_text(body, unsafe_html=True) == "Chữ đậm hết."


def test_plain_text_of_rendered_html(renderer):
    html = render(renderer, "## Mục\n\nA &amp; B  \nC\n\n- một\n- hai\n\n![x](x.svg)\nChú thích")
    assert plain_text(html) == "Mục A & B C một hai Chú thích"
