"""The fast paths of markdown_html.py change nothing: same HTML, images and first text as the plain way.

The reference renderer is a BodyRenderer with Python-Markdown's stock InlineProcessor put back
under "inline" and without our plain-paragraph block processor; the reference first text feeds the whole HTML to the collector at once (the
implementation before it learnt to stop early).
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from markdown.treeprocessors import InlineProcessor

from frontnews.content.front_matter import split
from frontnews.markup import markdown_html as markup
from frontnews.markup.markdown_html import BodyRenderer, RenderedBody, first_text

ROOT = Path(__file__).parent.parent

# The inline patterns _INLINE_TRIGGER was derived from (Python-Markdown 3.11.3, with tables,
# sane_lists, footnotes and our extensions). When Python-Markdown changes one of them, this
# fails: derive the characters again before updating the table.
EXPECTED_PATTERNS = [
    ("backtick", "BacktickInlineProcessor", "(?:(?<!\\\\)((?:\\\\{2})+)(?=`+)|(?<!\\\\)`)"),
    ("escape", "EscapeInlineProcessor", "\\\\(.)"),
    ("footnote", "FootnoteInlineProcessor", "\\[\\^([^\\]]*)\\]"),
    ("reference", "ReferenceInlineProcessor", "(?<!\\!)\\["),
    ("link", "LinkInlineProcessor", "(?<!\\!)\\["),
    ("image_link", "ImageInlineProcessor", "\\!\\["),
    ("image_reference", "ImageReferenceInlineProcessor", "\\!\\["),
    ("short_reference", "ShortReferenceInlineProcessor", "(?<!\\!)\\["),
    ("short_image_ref", "ShortImageReferenceInlineProcessor", "\\!\\["),
    ("autolink", "AutolinkInlineProcessor", "<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>"),
    ("automail", "AutomailInlineProcessor", "<([^<> !]+@[^@<> ]+)>"),
    ("linebreak", "SubstituteTagInlineProcessor", "  \\n"),
    ("entity", "HtmlInlineProcessor", "(&(?:\\#[0-9]+|\\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)"),
    ("em_strong", "DelimiterProcessor", "\\*|_"),
]
# Raw HTML (unsafe_html=True only): every alternative starts with "<".
HTML_PATTERN = ("html", "HtmlInlineProcessor", "(<(")


def in_order(registry) -> list:
    """A Python-Markdown registry's items (name, priority), in the order it runs them."""
    list(registry)  # iterating sorts the registry by priority
    return list(registry._priority)


def keep(src: str) -> str:
    return src


def resolve(src: str) -> str:
    return "/media/" + src


def reference_renderer(unsafe_html: bool) -> BodyRenderer:
    renderer = BodyRenderer(unsafe_html=unsafe_html)
    md = renderer._md
    md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    md.parser.blockprocessors.deregister("frontnews_plain_paragraph")
    assert type(md.treeprocessors["inline"]) is InlineProcessor
    return renderer


def reference_first_text(rendered_html: str) -> str:
    collector = markup._TextCollector(first_paragraph=True)
    collector.feed(rendered_html)
    collector.close()
    return (collector.text() if collector.done else None) or ""


@pytest.fixture(scope="module")
def renderers() -> dict[bool, tuple[BodyRenderer, BodyRenderer]]:
    return {unsafe: (BodyRenderer(unsafe_html=unsafe), reference_renderer(unsafe)) for unsafe in (False, True)}


def assert_same(renderers, body: str) -> None:
    for unsafe, (fast, reference) in renderers.items():
        expected = reference.render(body, resolve)
        got = fast.render(body, resolve)
        assert isinstance(got, RenderedBody)
        assert got == expected, (unsafe, body)
        assert first_text(got.html) == reference_first_text(expected.html), (unsafe, body)


# --- the guard on Python-Markdown's internals ------------------------------------------------


@pytest.mark.parametrize("unsafe_html", [False, True])
def test_registered_inline_patterns_are_the_ones_the_fast_path_was_derived_from(unsafe_html):
    md = BodyRenderer(unsafe_html=unsafe_html)._md
    assert type(md.treeprocessors["inline"]) is markup._PlainTextSkippingInlineProcessor
    assert isinstance(md.treeprocessors["inline"], InlineProcessor)
    registered = [
        (item.name, type(md.inlinePatterns[item.name]).__name__, md.inlinePatterns[item.name].compiled_re.pattern)
        for item in in_order(md.inlinePatterns)
    ]
    expected = list(EXPECTED_PATTERNS)
    if unsafe_html:
        html = next(entry for entry in registered if entry[0] == "html")
        assert html[:2] == HTML_PATTERN[:2] and html[2].startswith(HTML_PATTERN[2]), html
        expected.insert(12, html)
    assert registered == expected, f"Python-Markdown {markdown.__version__}: inline patterns changed"


# The block processors _PLAIN_BLOCK was derived from, highest priority first, with the regular
# expression each declines a block by (None: decided by other means, read in the source).
EXPECTED_BLOCK_PROCESSORS = [
    ("frontnews_video", 210, "VideoProcessor", None),  # markup/video.py: a line that is a video's address
    ("frontnews_plain_paragraph", 200, "_PlainParagraphProcessor", None),
    ("empty", 100, "EmptyBlockProcessor", None),
    ("indent", 90, "ListIndentProcessor", None),
    ("code", 80, "CodeBlockProcessor", None),
    ("table", 75, "TableProcessor", None),
    (
        "hashheader",
        70,
        "HashHeaderProcessor",
        r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)",
    ),
    ("setextheader", 60, "SetextHeaderProcessor", r"^.*?\n(?:=+|-+)[ ]*(\n|$)"),
    (
        "hr",
        50,
        "HRProcessor",
        r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$",
    ),
    ("olist", 40, "SaneOListProcessor", r"^[ ]{0,3}\d+\.[ ]+(.*)"),
    ("ulist", 30, "SaneUListProcessor", r"^[ ]{0,3}[*+-][ ]+(.*)"),
    ("quote", 20, "BlockQuoteProcessor", r"(^|\n)[ ]{0,3}>[ ]?(.*)"),
    ("footnote", 17, "FootnoteBlockProcessor", r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$"),
    (
        "reference",
        15,
        "ReferenceProcessor",
        r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""",
    ),
    ("paragraph", 10, "ParagraphProcessor", None),
]


def _regex_of(processor) -> str | None:
    regex = getattr(processor, "SEARCH_RE", None) or getattr(processor, "RE", None)
    return regex.pattern if isinstance(regex, re.Pattern) else None


@pytest.mark.parametrize("unsafe_html", [False, True])
def test_registered_block_processors_are_the_ones_the_fast_path_was_derived_from(unsafe_html):
    processors = BodyRenderer(unsafe_html=unsafe_html)._md.parser.blockprocessors
    registered = [
        (item.name, item.priority, type(processors[item.name]).__name__, _regex_of(processors[item.name]))
        for item in in_order(processors)
    ]
    version = f"Python-Markdown {markdown.__version__}"
    assert [entry[:3] for entry in registered] == [entry[:3] for entry in EXPECTED_BLOCK_PROCESSORS], version
    for got, want in zip(registered, EXPECTED_BLOCK_PROCESSORS, strict=True):
        if want[3] is not None:
            assert got[3] == want[3], f"{version}: {got[0]} changed"


_PROSE_LINES = [
    "Đồng chí phát biểu.",
    "a",
    "Ngày 15/3, hội nghị # thứ 2 > 1 - 2 * 3",
    "x  ",
    "Ư   [^1]: không",
    "b [r]: /x/",
    "c ===",
    "d ---",
    "ê > trích",
    "f    mã",
    "Ánh\u00a0sáng",
    "g\t1. h",
    "i - j",
]


def test_plain_blocks_are_declined_by_every_processor_above_paragraph():
    md = BodyRenderer()._md
    parser = md.parser
    rng = random.Random(3)
    stock = [
        parser.blockprocessors[item.name]
        for item in in_order(parser.blockprocessors)
        if item.name not in ("frontnews_plain_paragraph", "paragraph")
    ]
    for _ in range(3000):
        block = "\n".join(rng.choice(_PROSE_LINES) for _ in range(rng.randint(1, 4)))
        assert markup._PLAIN_BLOCK.match(block), block
        for parent in (etree.Element("div"), _list_parent()):
            for processor in stock:
                if processor.test(parent, block):
                    # The footnote and reference processors test True on anything and decline in run.
                    blocks = [block, "sau"]
                    assert processor.run(parent, blocks) is False, (processor, block)
                    assert blocks == [block, "sau"] and len(parent) <= 1
    for block in [
        "",
        "\nchữ",
        " chữ",
        "    mã",
        "1. một",
        "- một",
        "* một",
        "# Tiêu đề",
        "> trích",
        "[r]: /x/",
        "[^1]: ghi chú",
        "chữ\n===",
        "chữ\n---",
        "chữ\n***",
        "a | b\n--|--",
        "a\n\nb",
        "chữ\n",
        "_chữ_",
        "2024 là năm",
        "«chữ»",
        "“chữ”",
    ]:
        assert not markup._PLAIN_BLOCK.match(block), block


def _list_parent():
    parent = etree.Element("div")
    etree.SubElement(parent, "ul")
    return parent


# Characters that occur in the patterns but cannot start a match on their own, plus prose.
_SAFE_ALPHABET = list("!]()^>@:/#;=\"'?-.,|+%$~{}0123456789aAzZ \t\n\u00a0") + ["ươ", "Đồng", "chí", "  ", " \n"]
_TRIGGERS = ["\\", "`", "[", "<", "&", "*", "_", "  \n", "\x02", "\x03"]


@pytest.mark.parametrize("unsafe_html", [False, True])
def test_text_without_trigger_characters_matches_no_registered_pattern(unsafe_html):
    md = BodyRenderer(unsafe_html=unsafe_html)._md
    patterns = [md.inlinePatterns[item.name].compiled_re for item in in_order(md.inlinePatterns)]
    rng = random.Random(11)
    tried = 0
    for _ in range(20000):
        text = "".join(rng.choice(_SAFE_ALPHABET + _TRIGGERS) for _ in range(rng.randint(1, 12)))
        if markup._may_match_inline(text):
            continue
        tried += 1
        for pattern in patterns:
            assert pattern.search(text) is None, (pattern.pattern, text)
    assert tried > 1000
    for trigger in _TRIGGERS:
        assert markup._may_match_inline("chữ " + trigger + " chữ")


# --- same output as the reference ----------------------------------------------------------

TRICKY = [
    "",
    "Chỉ là văn bản tiếng Việt bình thường.",
    "Đoạn một.\n\nĐoạn hai có **chữ đậm** và *chữ nghiêng* và ***cả hai***.",
    "Gạch dưới: _nghiêng_, __đậm__, tên_biến_có_gạch, 2*3*4, * sao lẻ *, ** x **.",
    "Mã `code *không* nghiêng` và ``hai `dấu` huyền`` và `chưa đóng.",
    "Thoát \\*không nghiêng\\*, \\_x\\_, \\`, \\\\, \\[không link\\], \\<b\\>, \\&amp; \\# \\!",
    'Liên kết [trang chủ](https://example.org/ "Tiêu đề") và [tương đối](../a.html).',
    'Ảnh ![alt *x*](anh.png "tiêu đề") giữa dòng.',
    '![Hội trường](hoi-truong.svg "Đại biểu")',
    "![Lớp học](lop-hoc.svg)\nCán bộ *các phường* dự lớp",
    "![Một](mot.svg)  \nChú thích sau ngắt dòng",
    "[![ảnh](a.svg)](https://example.org/)",
    'Tham chiếu [văn bản][vb], [vb][], [vb] và ![ảnh][img].\n\n[vb]: /van-ban/ "VB"\n[img]: anh.svg',
    "Tự động <http://example.org/a?b=1&c=2> và <mailto:ai@example.org> và <ai@example.org>.",
    'Raw <b>đậm</b> <img src=x onerror="alert(1)"> <!-- chú thích --> <span class="x">y</span>',
    "<div>\nkhối *html*\n</div>\n\nSau khối.",
    "<script>alert('</p>')</script>\n\nĐoạn đầu.",
    "<!-- </p> -->\n\nĐoạn đầu sau chú thích.",
    '<p title="</p>">trong</p>\n\nSau.',
    "Thực thể &amp; &lt; &gt; &#65; &#x41; &copy; &nbsp; &khongco; & trơ trọi, AT&T.",
    "Ngắt dòng cứng  \ndòng sau  \n  \ndòng cuối  ",
    "Hai dấu cách cuối đoạn  ",
    "Tab\tgiữa\tchữ và dấu cách không ngắt\u00a0ở\u00a0đây\u00a0\u00a0\nrồi xuống dòng.",
    "Chú thích[^1] và[^ghi-chu] lần nữa[^1].\n\n[^1]: Nội dung *một*.\n[^ghi-chu]: Nội dung hai\n    dòng hai.",
    "| Cột A | Cột **B** |\n|---|:-:|\n| `a|b` | [x](y) |\n| Việt | Nam |",
    "- một\n- *hai*\n- ba\n\n1. một\n2. hai\n\n3. ba\n* khác",
    "- mục\n\n    đoạn trong mục *x*\n\n- mục hai",
    "> trích dẫn *có nghiêng*\n> dòng hai\n\n>> lồng",
    "# Tiêu đề\n## Tiêu đề *hai*\n###### Sáu\nSetext\n======\n\nĐoạn.",
    "    khối mã *không* xử lý\n    <b>\n\n```\nrào mã\n```",
    (
        "[xấu](javascript:alert(1)) [xấu2](JaVaScRiPt:alert(1)) [xấu3](java&#x73;cript:x) "
        "[dữ liệu](data:text/html,x) [tốt](https://ok.example/) [thư](mailto:a@b.c) ![x](javascript:y)"
    ),
    "Dấu chấm than! Rồi [ngoặc vuông] và ] lẻ và ! [ lẻ.",
    "Chữ\x02 lạ\x03 và \x02klzzwxh:0000\x03 và \x02wzxhzdk:0\x03.",
    "Dòng có \\\n dấu gạch chéo cuối và `a\\` b`.",
    "***\n\n---\n\nSau đường kẻ.",
    "Một câu rất dài " * 50 + "*cuối*",
    "  \n\n  ",
    "\n\n\nĐoạn sau dòng trống.\n\n\n",
    "Đồng chí Nguyễn Văn A – Chủ tịch Ủy ban MTTQ Việt Nam tỉnh “Đông Lâm” phát biểu…",
    # Pasted from a web page (pasted.py): a line per paragraph, a caption line, a signature pushed right.
    "Đoạn một, *nhấn mạnh*.\n![Ảnh](anh.svg)\nChú thích ảnh\nĐoạn hai \u00a0 \u00a0có [liên kết](/a/).\n"
    + "\u00a0 " * 20
    + "Ủy ban MTTQ phường",
]


@pytest.mark.parametrize("body", TRICKY)
def test_tricky_inputs_render_the_same(renderers, body):
    assert_same(renderers, body)


_PIECES = [
    "Đồng chí",
    " nhân dân",
    " ",
    "  ",
    "\n",
    "\n\n",
    "  \n",
    "*",
    "**",
    "_",
    "__",
    "`",
    "\\",
    "\\*",
    "[",
    "]",
    "(",
    ")",
    "[a](b)",
    "![i](j.svg)",
    "[^1]",
    "\n\n[^1]: ghi chú\n\n",
    "<b>",
    "</b>",
    "<http://x.vn/>",
    "&amp;",
    "&",
    "#",
    "# ",
    "- ",
    "1. ",
    "> ",
    "| a | b |\n|---|---|\n| c | d |\n",
    "    ",
    "!",
    "\t",
    "\u00a0",
    "[r]",
    "\n\n[r]: /r/\n\n",
    "<!--",
    "-->",
    "javascript:",
    "ư",
    ".",
]


@pytest.mark.slow
def test_random_markdown_renders_the_same(renderers):
    rng = random.Random(5)
    for _ in range(600):
        assert_same(renderers, "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40))))


def _bodies(paths) -> list[str]:
    bodies = []
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        bodies.append(split(text, str(path))[0].body)
    return bodies


def test_example_site_renders_the_same(renderers):
    bodies = _bodies((ROOT / "content").rglob("*.md"))
    assert bodies
    for body in bodies:
        assert_same(renderers, body)


@pytest.mark.slow
def test_generated_corpus_renders_the_same(renderers, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--n", "300", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    bodies = _bodies((tmp_path / "content").rglob("*.md"))
    assert len(bodies) >= 300
    for body in bodies:
        assert_same(renderers, body)


def test_fast_renderer_leaves_no_atomic_strings_behind(renderers):
    # The skipped text is put back as a plain str: later tree processors see what they saw before.
    fast = renderers[False][0]
    seen: list[str] = []

    class Spy(markdown.treeprocessors.Treeprocessor):
        def run(self, root):
            seen.extend(type(t).__name__ for e in root.iter() for t in (e.text, e.tail) if t)

    fast._md.treeprocessors.register(Spy(fast._md), "spy", 19)
    try:
        fast.render("Đoạn một.\n\nĐoạn *hai* còn lại.\n\n- mục", keep)
    finally:
        fast._md.treeprocessors.deregister("spy")
    assert seen and set(seen) == {"str"}
