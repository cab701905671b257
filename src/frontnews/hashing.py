"""Fingerprints: stable digests of many strings, for what is kept between builds and compared.

A file's own digest is the sha256 of its bytes (hashlib, where the bytes are read); a fingerprint
combines such digests and other strings (names, settings) into one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def fingerprint(*parts: Iterable[str] | str) -> str:
    """A stable hash of strings (and iterables of strings), framed so that no two inputs collide.

    Each string is written as its length, a colon and itself; each part ends with "|". One hash
    update for the whole text.
    """
    pieces: list[str] = []
    for part in parts:
        for item in [part] if isinstance(part, str) else part:
            pieces += (str(len(item)), ":", item)
        pieces.append("|")
    return hashlib.sha256("".join(pieces).encode("utf-8")).hexdigest()


def joined_fingerprint(strings: Iterable[str]) -> str:
    """`fingerprint` of strings none of which holds NUL (paths, URLs, names, hex digests).

    Joined by NUL, unambiguous for such strings, and joined in C: for what is made for every page
    or every article of every build.
    """
    return hashlib.sha256("\x00".join(strings).encode("utf-8", "surrogatepass")).hexdigest()


def file_fingerprint(path: Path) -> str:
    """The sha256 of a file's bytes, or "-" for a file that cannot be read (a site may lack it)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"
