"""Split YAML front matter from the Markdown body, keeping each key's line number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostic, diag
from . import characters
from .yaml_errors import syntax_error
from .yaml_load import Document, PureTextLoader, TextLoader, TypedLoader, key_lines, load

__all__ = ["FrontMatter", "PureTextLoader", "TextLoader", "body_of", "load_yaml", "split"]

# The loader of front matter; the tests run every case through PureTextLoader too.
TEXT_LOADER: type = TextLoader

FENCE = "---"
# Spaces YAML does not take for spaces (a no-break space after "title:" pasted from Word):
# made plain spaces first. Text fields collapse every space anyway, and columns do not move.
_SPACES_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# A comment glued to a value: `title: Tin số #3` or `Tin số # 3` publishes "Tin số". A comment set
# apart by two spaces or more and a space after "#" (`unit: x   # bắt buộc`) is meant as one.
_GLUED_COMMENT_RE = re.compile(r"(?:[ \t](?=#)|[ \t]+(?=#\S))(#.*)")
# What YAML takes from the start of a value and drops: an anchor `&tên`, the bare tag `!`.
_PROPERTY_RE = re.compile(r"&\S*|!(?=\s)")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", "”", '"', ")")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Fields as loaded, the file line of each key (and `key[i]` for list items), the body.

    `problems` are what the file has besides (a key written twice, an invisible character):
    the article's other fields are still read, so that the editor sees every problem at once.
    """

    fields: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    start_line: int = 1
    extra: dict = field(default_factory=dict)
    problems: tuple[Diagnostic, ...] = ()


def load_yaml(
    text: str, path: str, first_line: int, code: str = "FN101", loader: type = TypedLoader
) -> tuple[Any, dict[str, int], list[Diagnostic]]:
    """Load one YAML document safely; report its problems at their file lines (data None if any).

    `first_line` is the file line of the YAML text's first line.
    """
    document, problems = read_yaml(text, path, first_line, code, loader)
    if document is None:
        return None, {}, problems
    problems += duplicate_keys(document, path, first_line)
    if problems:
        return None, {}, problems
    return document.data, key_lines(document.node, first_line), []


def read_yaml(
    text: str, path: str, first_line: int, code: str, loader: type
) -> tuple[Document | None, list[Diagnostic]]:
    """The document, or the control characters (FN117) or the syntax error that stop it."""
    controls = [
        diag("FN117", path, c.line, column=c.column, name=characters.name_of(c.char))
        for c in characters.find(characters.CONTROL_RE, text, first_line)
    ]
    if controls:
        return None, controls
    try:
        return load(_SPACES_RE.sub(" ", text) if _SPACES_RE.search(text) else text, loader), []
    except yaml.YAMLError as exc:
        return None, [syntax_error(exc, text, path, first_line, code)]


def duplicate_keys(document: Document, path: str, first_line: int) -> list[Diagnostic]:
    return [
        diag(
            "FN116", path, first_line + again.start_mark.line, key=again.value, first=first_line + first.start_mark.line
        )
        for first, again in document.duplicates
    ]


def _closing_fence(all_lines: list[str]) -> int | None:
    """The index of the line that closes the front matter; None without one (or without an opening)."""
    if not all_lines or all_lines[0].rstrip() != FENCE:
        return None
    for index in range(1, len(all_lines)):
        if all_lines[index].rstrip() in (FENCE, "..."):
            return index
    return None


def body_of(text: str) -> tuple[str, int] | None:
    """The body and the file line it starts on, as `split` finds them, without reading the YAML."""
    all_lines = text.split("\n")
    index = _closing_fence(all_lines)
    return None if index is None else ("\n".join(all_lines[index + 1 :]), index + 2)


def split(text: str, path: str, loader: type | None = None) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Split `---`-fenced YAML from the body. `text` is already NFC with LF line ends."""
    all_lines = text.split("\n")
    if not all_lines or all_lines[0].rstrip() != FENCE:
        return None, [diag("FN103", path, 1)]
    index = _closing_fence(all_lines)
    if index is None:
        return None, [diag("FN114", path, _first_prose_line(all_lines[1:], 2, len(all_lines)) or 1)]
    yaml_lines = all_lines[1:index]
    document, problems = read_yaml("\n".join(yaml_lines), path, 2, "FN101", loader or TEXT_LOADER)
    if document is None:
        if problems[0].code in ("FN101", "FN111") and (prose := _first_prose_line(yaml_lines, 2, problems[0].line)):
            return None, [diag("FN114", path, prose)]
        return None, problems
    data = {} if document.data is None else document.data
    if not isinstance(data, dict):
        return None, [diag("FN112", path, 2)]
    pairs = document.node.value if document.node is not None else []
    if sentence := [key for key, _ in pairs if _is_sentence(key.value)]:
        return None, [diag("FN114", path, 2 + sentence[0].start_mark.line)]
    body = "\n".join(all_lines[index + 1 :])
    problems = duplicate_keys(document, path, 2)
    problems += _invisible(document, yaml_lines, path)
    problems += _taken_by_yaml(document, yaml_lines, path)
    problems += [
        diag("FN117", path, c.line, column=c.column, name=characters.name_of(c.char))
        for c in characters.find(characters.BODY_CONTROL_RE, body, index + 2)
    ]
    return FrontMatter(data, key_lines(document.node, 2), body, body_line=index + 2, problems=tuple(problems)), []


def _is_sentence(key: object) -> bool:
    """A key of four words or more is a sentence of the body, read as a key (`Sáng 7/10, tại …: …`)."""
    return isinstance(key, str) and len(key.split()) >= 4


def _first_prose_line(lines: list[str], first_line: int, last_line: int) -> int | None:
    """The file line of the first line (up to `last_line`) that reads as prose, not as a field.

    A field line starts at the margin with a short key and a colon; a paragraph has a long "key"
    before its first colon, or no colon and ends as a sentence does.
    """
    for offset, line in enumerate(lines[: max(0, last_line - first_line + 1)]):
        if not line or line[0] in " \t#-[{\"'|>&*!%@`":
            continue
        key, colon, _ = line.partition(": ")
        words = len(key.split())
        if (colon and words >= 4) or (not colon and words >= 4 and line.rstrip().endswith(_SENTENCE_END)):
            return first_line + offset
    return None


def _invisible(document: Document, lines: list[str], path: str) -> list[Diagnostic]:
    """FN118 for an invisible character inside a key (the loader dropped it), FN119 once per other line."""
    problems: list[Diagnostic] = []
    reported: set[int] = set()  # 0-based lines of the YAML text
    for key, written in document.keys:
        if characters.INVISIBLE_RE.search(written):
            # Columns from the text: PyYAML's own column does not count a BOM inside a line.
            line = key.start_mark.line
            hit = characters.INVISIBLE_RE.search(lines[line], key.start_mark.column)
            reported.add(line)
            problems.append(
                diag(
                    "FN118",
                    path,
                    2 + line,
                    written=characters.shown(written),
                    key=key.value,
                    column=hit.start() + 1 if hit else key.start_mark.column + 1,
                    name=characters.name_of(hit.group() if hit else written[0]),
                )
            )
    for found in characters.find(characters.INVISIBLE_RE, "\n".join(lines), 2):
        if found.line - 2 not in reported:
            reported.add(found.line - 2)
            problems.append(diag("FN119", path, found.line, column=found.column, name=characters.name_of(found.char)))
    return problems


def _taken_by_yaml(document: Document, lines: list[str], path: str) -> list[Diagnostic]:
    """FN120 where a comment cut a value short, FN121 where an anchor or `!` was dropped from one."""
    keys = {id(key) for key, _ in document.keys}
    problems: list[Diagnostic] = []
    for node in document.scalars:
        start, end = node.start_mark, node.end_mark
        if dropped := _PROPERTY_RE.match(lines[start.line], start.column):
            problems.append(diag("FN121", path, 2 + start.line, dropped=dropped.group(), value=node.value))
        plain = not node.style  # None in PyYAML, "" from libyaml
        glued = _GLUED_COMMENT_RE.match(lines[end.line], end.column) if plain and id(node) not in keys else None
        if glued and node.value:
            problems.append(diag("FN120", path, 2 + end.line, comment=glued.group(1), value=node.value))
    return problems
