"""What one article may hold: generous for real news, firm against a file that would exhaust the machine.

Python-Markdown recurses once per level of nesting (a RecursionError near 250 levels), needs
memory quadratic in the depth of quoted lines, and slows quadratically with footnotes; each tag
and participant is a page and a feed of its own. An article over a limit is reported at its line
and not rendered. The README's "Giới hạn của một bài" lists these numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..diagnostics import Diagnostic, diag, written
from ..models import Article

MAX_FILE_BYTES = 1024 * 1024  # a long decree pasted whole is a few hundred kB
MAX_DEPTH = 20  # lists in lists, quotes in quotes: real articles use two or three
MAX_MARKERS = 10_000  # list items and quote marks in all: Python-Markdown is slow on each, more so nested
MAX_FOOTNOTES = 300  # references and notes together
MAX_TAGS = 50
MAX_PARTICIPANTS = 200
MAX_SEGMENT_BYTES = 255  # a file or folder name on every common file system

# A line's leading run of block markers: quotes, list items (`-`, `*`, `+`, `1.`, `1)`) and the
# spaces between them. Only lines that start with one can nest.
_NESTING_RE = re.compile(r"^[ \t]*(?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)+", re.MULTILINE)
_MARKER_RE = re.compile(r">|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_FOOTNOTE_RE = re.compile(r"\[\^")


def file_too_large(size: int, path: str) -> Diagnostic | None:
    """FN160 for a file over MAX_FILE_BYTES, before it is decoded or parsed."""
    if size <= MAX_FILE_BYTES:
        return None
    return diag("FN160", path, 1, size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES))


def body_problems(body: str, body_line: int, path: str) -> list[Diagnostic]:
    """FN161 at the first line nested too deep, FN168 at the list item or quote over the limit, FN162 likewise for footnotes."""
    problems: list[Diagnostic] = []
    markers, deep = 0, None
    for match in _NESTING_RE.finditer(body):
        prefix = match.group()
        indent = len(prefix) - len(prefix.lstrip(" \t"))
        found = len(_MARKER_RE.findall(prefix))
        markers += found
        depth = found + prefix[:indent].expandtabs(4).count(" ") // 4
        if depth > MAX_DEPTH and deep is None:
            deep = depth
            problems.append(
                diag("FN161", path, body_line + body.count("\n", 0, match.start()), depth=depth, limit=MAX_DEPTH)
            )
        if markers > MAX_MARKERS:
            problems.append(diag("FN168", path, body_line + body.count("\n", 0, match.start()), limit=MAX_MARKERS))
            break
    notes = _FOOTNOTE_RE.findall(body)
    if len(notes) > MAX_FOOTNOTES:
        over = [m.start() for m in _FOOTNOTE_RE.finditer(body)][MAX_FOOTNOTES]
        problems.append(
            diag("FN162", path, body_line + body.count("\n", 0, over), count=len(notes), limit=MAX_FOOTNOTES)
        )
    return problems


def field_problems(fields: dict, lines: dict[str, int], path: str) -> list[Diagnostic]:
    """FN163 and FN164: too many tags or participants, at their key's line."""
    problems: list[Diagnostic] = []
    for key, code, limit in (("tags", "FN163", MAX_TAGS), ("participants", "FN164", MAX_PARTICIPANTS)):
        value = fields.get(key)
        count = len(value) if isinstance(value, list) else len(value.split(",")) if isinstance(value, str) else 0
        if count > limit:
            problems.append(diag(code, path, lines.get(key, 1), count=count, limit=limit))
    return problems


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def name_problems(article: Article, line: Callable[[str], int]) -> list[Diagnostic]:
    """FN166 for a slug, topic, person or old address that would make a file or folder name over
    MAX_SEGMENT_BYTES (a title is cut to 80 characters; these are not), at its key's line."""
    named = [("slug", article.slug, article.slug)]
    named += [("tags", tag.name, tag.slug) for tag in article.tags]
    named += [("participants", person.name, person.slug) for person in article.participants]
    named += [("aliases", alias.url, part) for alias in article.aliases for part in alias.url.split("/")]
    problems: list[Diagnostic] = []
    for key, value, segment in named:
        size = len(segment.encode("utf-8"))
        if size > MAX_SEGMENT_BYTES:
            problems.append(
                diag(
                    "FN166",
                    article.source,
                    line(key),
                    value=value,
                    segment=written(segment),
                    size=size,
                    limit=MAX_SEGMENT_BYTES,
                )
            )
    return problems


def output_name_problems(outputs: Iterable[tuple[str, str]], found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """FN167 for each planned (URL, output path) with a name over MAX_SEGMENT_BYTES (a unit's slug, a
    slug made longer by a clash): the check `check` makes before any file is written.

    None while an article's FN166 in `found` names the cause at its line: its pages would repeat it.
    """
    problems: list[Diagnostic] = []
    if any(d.code == "FN166" for d in found):
        return problems
    for url, output_path in outputs:
        if any(len(part.encode("utf-8")) > MAX_SEGMENT_BYTES for part in output_path.split("/")):
            segment = max(output_path.split("/"), key=lambda part: len(part.encode("utf-8")))
            problems.append(
                diag(
                    "FN167",
                    written(url),
                    0,
                    url=written(url),
                    segment=written(segment),
                    size=len(segment.encode("utf-8")),
                    limit=MAX_SEGMENT_BYTES,
                )
            )
    return problems
