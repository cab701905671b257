"""Markdown body -> HTML through Python-Markdown: figures, captions, videos, shifted headings, safe URLs."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from markdown.blockprocessors import ParagraphProcessor
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

from ..content.pasted import PastedText
from .links import LinkExtension
from .video import VideoExtension

# Schemes a link or image may use; anything else with a scheme (javascript:, vbscript:,
# data:, ...) is dropped. An allow-list, because a deny-list always misses one.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Browsers delete tab and newline anywhere in a URL and trim C0 controls and spaces.
_URL_TAB_NEWLINE_RE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))

# The article template uses <h1> for the title, so a body's "#" becomes <h2>.
_HEADING_SHIFT = {f"h{level}": f"h{min(level + 1, 6)}" for level in range(1, 7)}
_URL_ATTRIBUTES = ("href", "src")
_TEXT_BLOCKS = frozenset({"p", "li", "td", "th", "figcaption", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    images: tuple[str, ...]  # every image src as written in the body, in document order
    alts: tuple[str, ...] = ()  # and each one's alt text, as written


def is_safe_url(url: str) -> bool:
    """True when a browser would not read `url` as a script or data URL."""
    # The serializer keeps character references, so decode them as a browser does.
    decoded = _URL_TAB_NEWLINE_RE.sub("", html.unescape(url)).lstrip(_C0_AND_SPACE)
    match = _SCHEME_RE.match(decoded)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _is_blank(text: str | None) -> bool:
    return not text or text.isspace()


def _figure_media(paragraph: etree.Element) -> etree.Element | None:
    """The image (or link around an image) that opens `paragraph`, if nothing precedes it."""
    if not _is_blank(paragraph.text) or len(paragraph) == 0:
        return None
    first = paragraph[0]
    if first.tag == "img":
        return first
    linked = first.tag == "a" and len(first) == 1 and first[0].tag == "img"
    return first if linked and _is_blank(first.text) and _is_blank(first[0].tail) else None


def _caption_start(paragraph: etree.Element, media: etree.Element) -> tuple[str, int] | None:
    """Where the caption begins after `media`: (leading text, index of first caption child).

    None when the image shares its line with text, so it stays inline.
    """
    tail = media.tail or ""
    stripped = tail.lstrip(" ")
    if stripped.startswith("\n"):  # next source line, same paragraph (seed style)
        return stripped.lstrip(), 1
    if _is_blank(tail) and len(paragraph) > 1 and paragraph[1].tag == "br":
        return (paragraph[1].tail or "").lstrip(), 2  # a hard line break, then the caption
    if _is_blank(tail) and len(paragraph) == 1:
        return "", 1  # the image alone
    return None


def _make_figure(paragraph: etree.Element) -> None:
    """Turn a paragraph holding only an image (and maybe a caption line) into <figure>."""
    media = _figure_media(paragraph)
    start = _caption_start(paragraph, media) if media is not None else None
    if media is None or start is None:
        return
    text, first_child = start
    caption_children = list(paragraph)[first_child:]
    if any(node.tag == "img" for child in caption_children for node in child.iter()):
        return  # images on consecutive lines: no caption to take, so leave them inline
    img = media if media.tag == "img" else media[0]
    if _is_blank(text) and not caption_children:
        text = img.attrib.pop("title", "").strip()  # the title becomes the caption
    for child in list(paragraph)[1:]:
        paragraph.remove(child)
    paragraph.tag, paragraph.text, media.tail = "figure", None, None
    if text or caption_children:
        figcaption = etree.SubElement(paragraph, "figcaption")
        figcaption.extend(caption_children)
        last = caption_children[-1] if caption_children else None
        figcaption.text = text if last is not None else text.rstrip()
        if last is not None:
            last.tail = (last.tail or "").rstrip() or None


class _BodyTreeprocessor(Treeprocessor):
    """Shift headings, build figures, resolve image URLs and drop unsafe ones."""

    def __init__(self, md: markdown.Markdown, extension: _BodyExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in _HEADING_SHIFT:
                element.tag = _HEADING_SHIFT[element.tag]
        for paragraph in list(root.iter("p")):
            _make_figure(paragraph)
        images: list[str] = []
        alts: list[str] = []
        for img in root.iter("img"):
            src = img.get("src", "")
            images.append(src)
            alts.append(img.get("alt", ""))
            img.set("src", self.extension.resolve_image(src))
            img.attrib.setdefault("alt", "")
        self.extension.images = tuple(images)
        self.extension.alts = tuple(alts)
        _drop_unsafe_urls(root)


def _drop_unsafe_urls(root: etree.Element) -> None:
    # Checked after resolve_image, so whatever the caller returns is checked too.
    for element in root.iter():
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None and not is_safe_url(value):
                del element.attrib[name]


def _keep_src(src: str) -> str:
    return src


class _BodyExtension(Extension):
    """Per-document state lives here so `Markdown.reset()` clears it."""

    def __init__(self) -> None:
        super().__init__()
        self.images: tuple[str, ...] = ()
        self.alts: tuple[str, ...] = ()
        self.resolve_image: Callable[[str], str] = _keep_src

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Below 'unescape' (priority 0): backslash escapes are restored before URL checks.
        md.treeprocessors.register(_BodyTreeprocessor(md, self), "frontnews_body", -10)
        md.registerExtension(self)

    def reset(self) -> None:
        self.images = ()
        self.alts = ()
        self.resolve_image = _keep_src


class _EscapeRawHtml(Extension):
    """Raw HTML is shown as text: Python-Markdown's documented replacement for safe_mode."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# A text node can only be changed by the inline patterns when it contains one of these:
# backslash (escape, and the backslash run of backtick), ` (backtick), [ (footnote, link,
# reference, image: every image pattern is "![", so "!" alone needs no entry), < (autolink,
# automail, raw html), & (entity), * and _ (em_strong), STX/ETX (inline and html
# placeholders), or two spaces before a newline (linebreak; tested apart, as a character
# class alone is scanned faster). Derived from the patterns of Python-Markdown 3.11.3 with
# tables, sane_lists, footnotes and our extensions; tests/test_markup_fast_paths.py fails when
# the registered patterns change.
_INLINE_TRIGGER = re.compile(r"[\\`\[<&*_\x02\x03]")
_LINE_BREAK = "  \n"


def _may_match_inline(text: str) -> bool:
    return _LINE_BREAK in text or _INLINE_TRIGGER.search(text) is not None


class _PlainTextSkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, minus trying ~15 patterns on text none can match.

    Most text of a news article is prose without Markdown syntax. Such text is marked as an
    AtomicString (which the stock processor leaves alone) for the duration of the run and put
    back afterwards, so the tree is the same as if every pattern had been tried and failed.
    """

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        trigger = _INLINE_TRIGGER.search
        skipped: list[tuple[etree.Element, str | None, str | None]] = []
        for element in tree.iter():
            if element is tree:
                continue  # the stock processor reads only the text and tail of descendants
            text, tail = element.text, element.tail
            if text and (type(text) is not str or _LINE_BREAK in text or trigger(text)):
                text = None  # left to the patterns (or an AtomicString already)
            if tail and (type(tail) is not str or _LINE_BREAK in tail or trigger(tail)):
                tail = None
            if text or tail:
                skipped.append((element, text, tail))
                if text:
                    element.text = AtomicString(text)
                if tail:
                    element.tail = AtomicString(tail)
        try:
            return super().run(tree, ancestors)
        finally:
            for element, text, tail in skipped:
                if text:
                    element.text = text
                if tail:
                    element.tail = tail


# A block of prose lines, each opening with a letter and none holding "|": no block processor
# above 'paragraph' claims it (empty and indented blocks, lists, quotes, headings, rules,
# references and footnote definitions all need a space, digit or sign at a line start; a
# table needs "|"). Checked against the same Python-Markdown as _INLINE_TRIGGER.
_PLAIN_BLOCK = re.compile(r"[^\W\d_][^\n|]*(?:\n[^\W\d_][^\n|]*)*\Z")


class _PlainParagraphProcessor(ParagraphProcessor):
    """Python-Markdown's paragraph processor, asked first for a plain block at the top level.

    Otherwise every paragraph is offered to the twelve processors above 'paragraph', each
    declining it with a regular expression; the paragraph that results is the same.
    """

    def test(self, parent: etree.Element, block: str) -> bool:
        return parent is self.parser.root and _PLAIN_BLOCK.match(block) is not None


class _Speedups(Extension):
    """Same output, less work: the two processors above, registered through the public API."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # The same name and priority as the stock inline processor, which it replaces.
        md.treeprocessors.register(_PlainTextSkippingInlineProcessor(md), "inline", 20)
        # Above every block processor (the highest, 'empty', is 100).
        md.parser.blockprocessors.register(_PlainParagraphProcessor(md.parser), "frontnews_plain_paragraph", 200)


def _new_markdown(body: _BodyExtension, unsafe_html: bool, *more: Extension) -> markdown.Markdown:
    footnotes = FootnoteExtension(BACKLINK_TITLE="Quay lại chỗ chú thích %d trong bài")
    extensions: list[Extension | str] = [
        "tables",
        "sane_lists",
        footnotes,
        body,
        _Speedups(),
        PastedText(),
        VideoExtension(),
        *more,
    ]
    if not unsafe_html:
        extensions.append(_EscapeRawHtml())
    return markdown.Markdown(extensions=extensions, output_format="html")


class BodyRenderer:
    """One Markdown instance reused for many articles (reset between them); one per worker process.

    Not thread-safe. With unsafe_html, raw HTML passes through untouched: its headings are
    not shifted and its images are neither resolved nor listed.
    """

    __slots__ = ("_md", "_body", "_links")

    def __init__(self, *, unsafe_html: bool = False) -> None:
        self._body = _BodyExtension()
        self._links = LinkExtension()
        self._md = _new_markdown(self._body, unsafe_html, self._links)

    def render(
        self, body: str, resolve_image: Callable[[str], str], resolve_link: Callable[[str], str] = _keep_src
    ) -> RenderedBody:
        # Reset before (a convert that raised must not leak into this body) and after
        # (the caller's resolver and this body's state are not kept alive).
        self._md.reset()
        self._body.resolve_image = resolve_image
        self._links.resolve = resolve_link
        try:
            rendered = self._md.convert(body)
            return RenderedBody(html=rendered, images=self._body.images, alts=self._body.alts)
        finally:
            self._md.reset()


def _is_not_prose(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Elements whose text is no part of a summary: scripts, footnote marks and notes."""
    classes = dict(attrs).get("class") or ""
    return tag in ("script", "style") or classes in ("footnote-ref", "footnote")


class _TextCollector(HTMLParser):
    """Text content of HTML; with `first_paragraph`, only the first <p> that has text."""

    def __init__(self, *, first_paragraph: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.first_paragraph = first_paragraph
        self.in_paragraph = False
        self.skip_tag: str | None = None  # the open element whose content is left out
        self.skip_depth = 0
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            self.skip_depth += tag == self.skip_tag
        elif _is_not_prose(tag, attrs):
            self.skip_tag, self.skip_depth = tag, 1
        elif tag == "p":
            self.in_paragraph = True
        elif tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            self.skip_depth -= tag == self.skip_tag
            self.skip_tag = self.skip_tag if self.skip_depth else None
            return
        if tag in _TEXT_BLOCKS:
            self.parts.append(" ")  # keep words of adjacent blocks apart
        if tag == "p" and self.first_paragraph and not self.done:
            self.in_paragraph = False
            self.done = not _is_blank("".join(self.parts))
            if not self.done:
                self.parts.clear()

    def handle_data(self, data: str) -> None:
        wanted = self.in_paragraph or not self.first_paragraph
        if wanted and self.skip_tag is None and not self.done:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def plain_text(html_or_markdown_rendered: str) -> str:
    """All text of rendered HTML, entities decoded and whitespace collapsed."""
    collector = _TextCollector(first_paragraph=False)
    collector.feed(html_or_markdown_rendered)
    collector.close()
    return collector.text()


def _first_text(rendered_html: str) -> str | None:
    # Fed up to one "</p>" at a time: the first paragraph with text usually opens the body,
    # so the rest is never parsed. HTMLParser takes input in pieces (an element cut in two
    # waits for the rest), and once done the collector adds nothing but spaces.
    collector = _TextCollector(first_paragraph=True)
    start = 0
    while not collector.done:
        end = rendered_html.find("</p>", start)
        if end < 0:
            collector.feed(rendered_html[start:])
            collector.close()
            break
        end += 4
        collector.feed(rendered_html[start:end])
        start = end
    return collector.text() if collector.done else None


def first_text(rendered_html: str) -> str:
    """Plain text of the first paragraph with text in already rendered body HTML."""
    return _first_text(rendered_html) or ""
