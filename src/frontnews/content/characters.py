"""Characters an editor cannot see: control and invisible ones, found and named in Vietnamese.

Text pasted from Word or a web page brings them along. YAML refuses the control ones with an
English message, and an invisible one inside a key makes an unknown key; so we find them first,
by line and column, and name them the way an editor can act on.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# What YAML refuses (its reader's "non-printable" set) and what it reads as a line break inside a
# value (NEL, U+2028, U+2029). Tab, LF and CR are fine (CR is gone once the file is decoded).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# In a body, the ones that make a page or a feed invalid (XML has no place for C0 controls);
# U+2028 and U+2029 are only line breaks there.
BODY_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Characters with no width that change nothing a reader sees, or silently reorder the text.
INVISIBLE_RE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

_NAMES = {
    "\x00": "ký tự rỗng (NUL)",
    "\x08": "ký tự lùi (backspace)",
    "\x0b": "ký tự xuống dòng của Word (tab dọc)",
    "\x0c": "ký tự sang trang (form feed)",
    "\x1b": "ký tự thoát (escape)",
    "\x7f": "ký tự xóa (delete)",
    "\x85": "ký tự xuống dòng NEL",
    "\u2028": "ký tự xuống dòng Unicode (line separator)",
    "\u2029": "ký tự ngắt đoạn Unicode (paragraph separator)",
    "\ufffe": "ký tự không hợp lệ",
    "\uffff": "ký tự không hợp lệ",
    "\u00ad": "dấu gạch nối mềm (soft hyphen)",
    "\u180e": "dấu cách vô hình tiếng Mông Cổ",
    "\u200b": "dấu cách độ rộng 0 (zero-width space)",
    "\u200c": "ký tự ngăn nối độ rộng 0 (zero-width non-joiner)",
    "\u200d": "ký tự nối độ rộng 0 (zero-width joiner)",
    "\u200e": "dấu chỉ hướng chữ trái sang phải",
    "\u200f": "dấu chỉ hướng chữ phải sang trái",
    "\u2060": "ký tự nối từ vô hình (word joiner)",
    "\ufeff": "dấu BOM ở giữa tệp",
}


class Found(NamedTuple):
    """A character at a 1-based line and column of the text it was found in."""

    line: int
    column: int
    char: str


def name_of(char: str) -> str:
    """ "dấu cách độ rộng 0 (zero-width space, U+200B)": what it is, then its code to search for."""
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char)
    if name is None:
        if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
            name = "ký tự điều khiển hướng chữ"
        elif INVISIBLE_RE.match(char):
            name = "ký tự vô hình"
        else:
            name = "ký tự điều khiển"
    return f"{name[:-1]}, {code})" if name.endswith(")") else f"{name} ({code})"


def find(pattern: re.Pattern[str], text: str, first_line: int = 1) -> list[Found]:
    """Every match of a one-character `pattern` in `text`, with its file line and column."""
    found: list[Found] = []
    if pattern.search(text) is None:  # the common case: one scan, nothing to locate
        return found
    for offset, line in enumerate(text.split("\n")):
        for match in pattern.finditer(line):
            found.append(Found(first_line + offset, match.start() + 1, match.group()))
    return found


def shown(text: str) -> str:
    """`text` with each control or invisible character written as [U+XXXX], so it can be seen."""

    def mark(match: re.Match[str]) -> str:
        return f"[U+{ord(match.group()):04X}]"

    return INVISIBLE_RE.sub(mark, CONTROL_RE.sub(mark, text))
