"""Text pasted from a web page or Word: one line per paragraph, photo and caption lines, a signature pushed right.

`read_layout(body)` decides what each line of a body means and gives the body back as the
Markdown it stands for. The Markdown preprocessor below renders that; articles.py takes the
signature and the warnings from the same function on the same text, so the two always agree.

A body counts as pasted when, leaving out blank lines at its ends and its signature line:
it has no blank line, no line of Markdown block syntax (list, quote, table, code, rule,
definition, raw HTML; a `#` heading is allowed, and so is a paragraph indented by a tab as typed
in Word) and no hard line break; at least two lines of text; a line that ends a sentence (or a
photo line) before another line; and it is not hard-wrapped prose.
Then each line is a paragraph, a short line right under a photo line is its caption, and a line
that carries on the sentence of the line above is joined to it (with a warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..diagnostics import Diagnostic, diag
from ..vi.text import clean_inline
from .video_urls import video_line

NBSPS = "\u00a0\u2007\u202f"  # no-break space, figure space, narrow no-break space
_SPACES = " \t" + NBSPS
_HAS_NBSP = re.compile(f"[{NBSPS}]").search
_NBSP_RUN = re.compile(rf"[ \t]*[{NBSPS}][{_SPACES}]*")
CAPTION_LIMIT = 150  # a longer line under a photo is a paragraph
WRAP_WIDTH = 100  # no one hard-wraps prose wider than this
SIGNATURE_LIMIT = 80
SIGNATURE_INDENT = 8  # columns of plain spaces (a tab is 4) that push a last line right
_PHOTO = re.compile(r" {0,3}(?:\[ *)?!\[[^\]\n]*\]\([^)\n]*\)(?: *\]\([^)\n]*\))? *")
_SYNTAX = re.compile(
    r" {4}|\t"  # indented code, or a list item's continuation
    r"| {0,3}(?:[*+-]|\d+\.)(?: |$)"  # list item
    r"| {0,3}(?:>|\||```|~~~|\[[^\]]*\]:|<[A-Za-z!/?])"  # quote, table, fence, definition, raw HTML
    r"| {0,3}(?:=+|-+) *$"  # setext underline
    r"| {0,3}(?:[-*_] {0,2}){3,}$"  # rule
    r"|[\s|:-]*\|[\s|:-]*$"  # table separator row
)
_SENTENCE_END = ".!?…:;"
_CLOSERS = "\"'”’»)]*_"
_OPENERS = "\"'“‘«([*_`"
_RELATED_HEADING = "các tin tức khác"  # the old site's list of other articles, pasted with the text

BLANK, SPACER, TEXT, PHOTO, HEADING, SYNTAX, SIGNATURE, INDENTED = range(8)
_CODE_INDENT = re.compile(r"(?: {4}|\t)[ \t]*")


@dataclass(frozen=True, slots=True)
class Layout:
    """What a body's lines mean: the Markdown to render, the signature line's text, warnings.

    `notes` are (code, index of the body line, message values).
    """

    lines: tuple[str, ...]
    signature: str | None
    signature_index: int | None
    pasted: bool
    notes: tuple[tuple[str, int, dict[str, str]], ...]


def read_layout(body: str) -> Layout:
    plain = _plain_lines(body)
    return _plain_layout(plain) if plain is not None else _layout(body)


def _layout(body: str) -> Layout:
    raw = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_tidy(line) for line in raw]
    kinds = [_kind(r, t) for r, t in zip(raw, lines, strict=True)]
    notes: list[tuple[str, int, dict[str, str]]] = []
    signature, at = _take_signature(raw, kinds, notes)
    content = [i for i, kind in enumerate(kinds) if kind not in (BLANK, SPACER, SIGNATURE)]
    # Pasted, a paragraph's indent is no code block: without blank lines, only the first line could be one.
    unindented = [TEXT if kind == INDENTED else kind for kind in kinds]
    captions = _captions(content, unindented, lines)  # Markdown too takes an indented line under a photo
    pasted = _is_pasted(content, unindented, lines, captions)
    if pasted:
        kinds = unindented
        out = _paragraph_per_line(content, kinds, lines, captions, notes)
    else:
        out = ["" if kind in (SPACER, SIGNATURE) else line for kind, line in zip(kinds, lines, strict=True)]
        _note_joined_blocks(content, kinds, lines, captions, notes)
    if signature is None and content:
        last = content[-1]
        alone = pasted or len(content) == 1 or content[-2] != last - 1
        _note_last_line(last, lines[last], kinds[last] == TEXT and alone and last not in captions, notes)
    return Layout(tuple(out), signature, at, pasted, _finish(notes, content, lines))


def _plain_lines(body: str) -> list[str] | None:
    """The lines of a body written as Markdown usually is, else None: paragraphs of one line with
    blank lines between, no line indented, no no-break space, no carriage return (str methods:
    a regular expression took longer than all the rest)."""
    if "\r" in body or any(c in body for c in NBSPS):
        return None
    lines = body.split("\n")
    previous = ""
    for line in lines:
        if line and (previous or line[0] in " \t"):
            return None
        previous = line
    return lines


def _plain_layout(lines: list[str]) -> Layout:
    """read_layout of a body _plain_lines accepts: nothing to change, only the last line to look at."""
    content = [i for i, line in enumerate(lines) if line]
    notes: list[tuple[str, int, dict[str, str]]] = []
    if content:
        last = content[-1]
        _note_last_line(last, lines[last], _kind(lines[last], lines[last]) == TEXT, notes)
    return Layout(tuple(lines), None, None, False, _finish(notes, content, lines))


def _finish(notes: list, content: list[int], lines: list[str]) -> tuple[tuple[str, int, dict[str, str]], ...]:
    """The notes in line order, with FN225 for the old page's list of other articles and nothing after it."""
    related = [i for i in content if len(lines[i]) < 40 and clean_inline(lines[i]).casefold() == _RELATED_HEADING]
    if related:  # everything from there on is the old page's list: FN225 says what to do
        notes = [note for note in notes if note[1] < related[0]] + [("FN225", i, {}) for i in related]
    return tuple(sorted(notes, key=lambda note: (note[1], note[0])))


def _tidy(line: str) -> str:
    """Runs of spaces holding a no-break space become one space; at a line's ends they go."""
    if not _HAS_NBSP(line):
        return line
    text = line.lstrip(_SPACES)
    lead = line[: len(line) - len(text)]
    lead = lead[: len(lead) - len(lead.lstrip(" \t"))]  # the spaces before the first no-break one: Markdown's indent
    core = text.rstrip(_SPACES)
    tail = text[len(core) :]
    tail = "" if any(c in tail for c in NBSPS) else tail
    core = _NBSP_RUN.sub(lambda m: m.group() if len(m.group()) == 1 else " ", core)
    return lead + core + tail


def _kind(raw: str, line: str) -> int:
    if not raw.strip(" \t"):
        return BLANK
    if not line.strip(" \t"):
        return SPACER  # only no-break spaces: an empty paragraph of the old page
    if _PHOTO.fullmatch(line) or ("://" in line and video_line(line)):  # a video: a photo's place
        return PHOTO
    if line.startswith("#"):
        return HEADING
    if not _SYNTAX.match(line):
        return TEXT
    indent = _CODE_INDENT.match(line)  # a tab or spaces opening a paragraph, as typed in Word
    return INDENTED if indent and _kind(raw, line[indent.end() :]) == TEXT else SYNTAX


def _indent(raw: str) -> tuple[str, str]:
    text = raw.lstrip(_SPACES)
    return raw[: len(raw) - len(text)], text


def _take_signature(raw: list[str], kinds: list[int], notes: list) -> tuple[str | None, int | None]:
    """The last line, pushed right by a run of spaces, is the signature; another such line is noted."""
    filled = [i for i, kind in enumerate(kinds) if kind not in (BLANK, SPACER)]
    for i in filled:
        if raw[i][:1] not in _SPACES:
            continue
        lead, text = _indent(raw[i])
        if len(lead.expandtabs(4)) < SIGNATURE_INDENT or len(text) > 2 * SIGNATURE_LIMIT:
            continue
        name = clean_inline(text)
        if len(name) > SIGNATURE_LIMIT or _kind(text, text) != TEXT:
            continue
        if i != filled[-1]:
            if any(c in lead for c in NBSPS):  # plain spaces are Markdown's indent
                notes.append(("FN224", i, {}))
        elif len(filled) > 1 and (any(c in lead for c in NBSPS) or kinds[filled[-2]] != SYNTAX):
            kinds[i] = SIGNATURE
            return name, i
    return None, None


def _captions(content: list[int], kinds: list[int], lines: list[str]) -> set[int]:
    """Short text lines right under a photo line."""
    return {
        b
        for a, b in pairwise(content)
        if b == a + 1 and kinds[a] == PHOTO and kinds[b] == TEXT and len(lines[b].strip()) <= CAPTION_LIMIT
    }


def _ends_sentence(line: str) -> bool:
    end = line.rstrip(" \t").rstrip(_CLOSERS)
    return not end or end[-1] in _SENTENCE_END


def _carries_on(a: str, b: str) -> bool:
    """Line `b` goes on with the sentence `a` left unfinished: `a` has no final mark and `b` opens in lower case."""
    start = b.lstrip(" \t" + _OPENERS)
    return not _ends_sentence(a) and start[:1].islower()


def _text_pairs(lines_at: list[int], kinds: list[int], captions: set[int]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in pairwise(lines_at) if kinds[a] == TEXT and kinds[b] == TEXT and a not in captions]


def _is_pasted(lines_at: list[int], kinds: list[int], lines: list[str], captions: set[int]) -> bool:
    """One line per paragraph, as pasted: see the module's docstring."""
    if not lines_at:
        return False
    inside = kinds[lines_at[0] : lines_at[-1] + 1]
    if BLANK in inside or SYNTAX in inside or INDENTED in inside:
        return False
    if any(lines[i].endswith(("  ", "\\")) for i in lines_at[:-1]):
        return False  # a Markdown hard line break: written as Markdown
    texts = [i for i in lines_at if kinds[i] == TEXT]
    if len(texts) < 2:
        return False
    if not any(kinds[a] == PHOTO or (kinds[a] == TEXT and _ends_sentence(lines[a])) for a in lines_at[:-1]):
        return False  # no line ends a paragraph: one paragraph wrapped by hand
    pairs = _text_pairs(lines_at, kinds, captions)
    carried = sum(_carries_on(lines[a], lines[b]) for a, b in pairs)
    hard_wrapped = carried and carried * 2 >= len(pairs) and max(len(lines[i]) for i in texts) <= WRAP_WIDTH
    return not hard_wrapped


def _paragraph_per_line(
    content: list[int], kinds: list[int], lines: list[str], captions: set[int], notes: list
) -> list[str]:
    """The pasted body as Markdown: a blank line between paragraphs, none inside a figure."""
    out: list[str] = []
    for previous, i in zip([None, *content], content, strict=False):  # None before the first line
        joined = (
            previous is not None
            and kinds[previous] == TEXT == kinds[i]
            and previous not in captions
            and _carries_on(lines[previous], lines[i])
        )
        if joined:
            notes.append(("FN221", i, {}))
        elif (
            previous is not None
            and kinds[previous] == TEXT
            and previous not in captions
            and not _ends_sentence(lines[previous])
        ):
            notes.append(("FN222", previous, {}))
        if previous is not None and not joined and i not in captions:
            out.append("")
        out.append(lines[i].strip(" \t"))
    return out


def _note_joined_blocks(
    content: list[int], kinds: list[int], lines: list[str], captions: set[int], notes: list
) -> None:
    """A Markdown body whose blocks look pasted: Markdown joins their lines into one paragraph."""
    blocks: list[list[int]] = []
    for i in content:
        if blocks and blocks[-1][-1] == i - 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    for block in blocks:
        if len(block) > 1 and _is_pasted(block, kinds, lines, captions):
            texts = [i for i in block if kinds[i] == TEXT]
            notes.append(("FN226", texts[0], {"count": str(len(texts))}))


def _note_last_line(index: int, line: str, paragraph: bool, notes: list) -> None:
    """A short last paragraph of text with no final mark is likely a signature typed as text."""
    if not paragraph or len(line) > 2 * SIGNATURE_LIMIT:
        return
    text = clean_inline(line)
    if len(text) <= SIGNATURE_LIMIT and not _ends_sentence(text) and text[:1].isupper():
        notes.append(("FN223", index, {"text": text}))


def layout_problems(layout: Layout, path: str, body_line: int, signature_field: str | None) -> list[Diagnostic]:
    """The layout's warnings at their file lines; and the signature line against the `signature:` field."""
    problems = [diag(code, path, body_line + index, **values) for code, index, values in layout.notes]
    # signature_index is set with signature
    if layout.signature_index is not None and signature_field is not None and layout.signature != signature_field:
        line = body_line + layout.signature_index
        problems.append(diag("FN220", path, line, body=layout.signature, field=signature_field))
    return problems


class _PastedPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return list(read_layout("\n".join(lines)).lines)


class PastedText(Extension):
    """Reads pasted text as its layout means it (see read_layout) before Markdown parses it."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Above 'normalize_whitespace' (30): it sees the very lines articles.py reads.
        md.preprocessors.register(_PastedPreprocessor(md), "frontnews_pasted", 35)
