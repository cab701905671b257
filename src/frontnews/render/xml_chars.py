"""Characters XML 1.0 has no place for, taken out of every page and feed the build writes.

Articles and YAML files with a control character are reported (FN117) and not published; this is
the last guard for what comes another way (a site's template, a file name), since one such byte
makes a whole feed unreadable to every feed reader. On UTF-8 bytes: C0 controls never occur
inside a multi-byte character, and U+FFFE, U+FFFF are EF BF BE, EF BF BF.
"""

from __future__ import annotations

import re

_ILLEGAL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def without_illegal(data: bytes) -> bytes:
    """`data` (UTF-8) without the characters XML forbids; the same object when it has none."""
    return _ILLEGAL.sub(b"", data) if _ILLEGAL.search(data) is not None else data
