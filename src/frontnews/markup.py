"""Markdown body -> HTML through Python-Markdown: figures, captions, shifted headings, safe URLs."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

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
    if start is None:
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
        for img in root.iter("img"):
            src = img.get("src", "")
            images.append(src)
            img.set("src", self.extension.resolve_image(src))
            img.attrib.setdefault("alt", "")
        self.extension.images = tuple(images)
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
        self.resolve_image: Callable[[str], str] = _keep_src

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Below 'unescape' (priority 0): backslash escapes are restored before URL checks.
        md.treeprocessors.register(_BodyTreeprocessor(md, self), "frontnews_body", -10)
        md.registerExtension(self)

    def reset(self) -> None:
        self.images = ()
        self.resolve_image = _keep_src


class _EscapeRawHtml(Extension):
    """Raw HTML is shown as text: Python-Markdown's documented replacement for safe_mode."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# A text node can only be changed by the inline patterns when it contains one of these:
# backslash (escape, and the backslash run of backtick), ` (backtick), [ (footnote, link,
# reference, image: every image pattern is "![", so "!" alone needs no entry), < (autolink,
# automail, raw html), & (entity), * and _ (em_strong), two spaces before a newline
# (linebreak), and STX/ETX (inline and html placeholders). Derived from the patterns of
# Python-Markdown 3.11 with tables, sane_lists, footnotes and our extensions;
# tests/test_markup_speed.py fails when the registered patterns change.
_MAY_MATCH_INLINE = re.compile(r"[\\`\[<&*_\x02\x03]|  \n")


class _PlainTextSkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, minus trying ~15 patterns on text none can match.

    Most text of a news article is prose without Markdown syntax. Such text is marked as an
    AtomicString (which the stock processor leaves alone) for the duration of the run and put
    back afterwards, so the tree is the same as if every pattern had been tried and failed.
    """

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        may_match = _MAY_MATCH_INLINE.search
        skipped: list[tuple[etree.Element, str | None, str | None]] = []
        for element in tree.iter():
            if element is tree:
                continue  # the stock processor reads only the text and tail of descendants
            text, tail = element.text, element.tail
            plain_text = text if text and type(text) is str and not may_match(text) else None
            plain_tail = tail if tail and type(tail) is str and not may_match(tail) else None
            if plain_text is not None or plain_tail is not None:
                skipped.append((element, plain_text, plain_tail))
                if plain_text is not None:
                    element.text = AtomicString(plain_text)
                if plain_tail is not None:
                    element.tail = AtomicString(plain_tail)
        try:
            return super().run(tree, ancestors)
        finally:
            for element, plain_text, plain_tail in skipped:
                if plain_text is not None:
                    element.text = plain_text
                if plain_tail is not None:
                    element.tail = plain_tail


class _SkipPlainText(Extension):
    """Register the inline processor above in place of the stock one (same name, same priority)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_PlainTextSkippingInlineProcessor(md), "inline", 20)


def _new_markdown(body: _BodyExtension, unsafe_html: bool, *more: Extension) -> markdown.Markdown:
    footnotes = FootnoteExtension(BACKLINK_TITLE="Quay lại chỗ chú thích %d trong bài")
    extensions: list[Extension | str] = ["tables", "sane_lists", footnotes, body, _SkipPlainText(), *more]
    if not unsafe_html:
        extensions.append(_EscapeRawHtml())
    return markdown.Markdown(extensions=extensions, output_format="html")


class BodyRenderer:
    """One Markdown instance reused for many articles (reset between them); one per worker process.

    Not thread-safe. With unsafe_html, raw HTML passes through untouched: its headings are
    not shifted and its images are neither resolved nor listed.
    """

    __slots__ = ("_md", "_body")

    def __init__(self, *, unsafe_html: bool = False) -> None:
        self._body = _BodyExtension()
        self._md = _new_markdown(self._body, unsafe_html)

    def render(self, body: str, resolve_image: Callable[[str], str]) -> RenderedBody:
        # Reset before (a convert that raised must not leak into this body) and after
        # (the caller's resolver and this body's state are not kept alive).
        self._md.reset()
        self._body.resolve_image = resolve_image
        try:
            rendered = self._md.convert(body)
            return RenderedBody(html=rendered, images=self._body.images)
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
