"""Why a file is not UTF-8: where, which old encoding it seems to be in, and how to convert it.

Older Vietnamese Windows machines save "ANSI" text in Windows-1258, and Notepad's "Unicode" is
UTF-16; both are read as UTF-8 here and fail at their first non-ASCII byte.
"""

from __future__ import annotations

import re
import unicodedata

from ..diagnostics import Diagnostic, diag

# Letters only Vietnamese uses (ă đ ĩ ũ ơ ư and the block of ạ ả ấ … ỹ): cp1252 text never has them.
_VIETNAMESE_RE = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
_SHOWN = 60  # characters of the line shown as read in Windows-1258


def not_utf8(raw: bytes, path: str, error: UnicodeDecodeError) -> Diagnostic:
    """FN100 at the line and column of the first byte that is not UTF-8."""
    start = error.start
    line_start = raw.rfind(b"\n", 0, start) + 1
    line = raw.count(b"\n", 0, start) + 1
    before = raw[line_start:start].decode("utf-8", errors="replace").lstrip("\ufeff")
    hint, convert = "", ""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        hint = " Tệp được lưu bằng bảng mã UTF-16 (Notepad gọi là “Unicode”)."
    elif (legacy := _as_cp1258(raw)) is not None:
        shown = legacy.split("\n")[line - 1].strip()
        shown = shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "…"
        hint = (
            " Tệp có vẻ được lưu bằng bảng mã Windows-1258 (bảng mã tiếng Việt cũ của Windows): "
            f"đọc theo bảng mã đó, dòng này là “{shown}”."
        )
        convert = (
            f" Hoặc chuyển bằng lệnh: iconv -f CP1258 -t UTF-8 {path} > bai-utf8.md, rồi dùng tệp mới thay cho tệp cũ."
        )
    return diag("FN100", path, line, column=len(before) + 1, hint=hint, convert=convert)


def _as_cp1258(raw: bytes) -> str | None:
    """The text if the bytes read cleanly as Windows-1258 and then hold Vietnamese letters."""
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if _VIETNAMESE_RE.search(text) else None
