"""Find the line of a key or a name in an article's file, for warnings made after the site is read.

Articles keep no front-matter lines (they would weigh on every cached record); the few warnings
about the whole site (a clash of addresses, two people on one slug) read the file again.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..vi.text import normalize

FIRST_FIELD_LINE = 2  # the line after the opening `---`, where FN109 has always pointed


def _front_matter(root: Path, source: str) -> list[tuple[int, str]]:
    """(line number, text) of each front-matter line; none if the file cannot be read."""
    try:
        text = (root / source).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    found = []
    for number, line in enumerate(normalize(text).split("\n")[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        found.append((number, line))
    return found


def key_line(root: Path, source: str, key: str) -> int:
    """The line of a top-level `key:` of the front matter, else the first field's."""
    return next(
        (number for number, line in _front_matter(root, source) if line.startswith(f"{key}:")), FIRST_FIELD_LINE
    )


def text_line(root: Path, source: str, text: str, key: str) -> int:
    """The first line from `key:` on that holds `text` (a name, a topic) as whole words, else `key`'s line."""
    start = key_line(root, source, key)
    pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
    return next(
        (
            number
            for number, line in _front_matter(root, source)
            if number >= start and pattern.search(" ".join(line.split()))
        ),
        start,
    )
