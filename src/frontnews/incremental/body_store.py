"""Rendered article bodies kept as files in the build cache, written by the workers that render them.

Sending every body back to the parent and writing it into SQLite kept the parent, which works
alone, busier than the workers rendering them; a file per article costs the parent nothing. A file is
named after its article's source path and starts with a line of the article's digest and the
HTML's checksum: a stale, damaged or half-written file is never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

FOLDER = "html"  # inside the cache folder


class HtmlStore:
    """One file per article under `folder` (plain os.path strings: pathlib's objects cost more here)."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.made: set[str] = set()  # subfolders known to exist, in this process

    def _file(self, source: str) -> tuple[str, str]:
        name = hashlib.sha256(source.encode("utf-8")).hexdigest()
        folder = os.path.join(self.folder, name[:2])
        return folder, os.path.join(folder, f"{name[2:]}.html")

    def write(self, source: str, digest: str, html: str) -> bool:
        """Store the HTML of `source` at `digest` (temp file, then rename); False if it could not be."""
        data = html.encode("utf-8")
        folder, target = self._file(source)
        temp = f"{target}.{os.getpid()}.tmp"
        try:
            if folder not in self.made:
                os.makedirs(folder, exist_ok=True)
                self.made.add(folder)
            with open(temp, "wb") as handle:
                handle.write(f"{digest} {hashlib.sha256(data).hexdigest()}\n".encode("ascii") + data)
            os.replace(temp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            return False
        return True

    def read(self, source: str, digest: str) -> str | None:
        """The HTML stored for `source` at exactly `digest`, or None."""
        try:
            with open(self._file(source)[1], "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        header, _, html = data.partition(b"\n")
        if header != f"{digest} {hashlib.sha256(html).hexdigest()}".encode("ascii"):
            return None
        try:
            return html.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def remove(self, sources: Iterable[str]) -> None:
        """Forget the bodies of articles that are gone."""
        for source in sources:
            with contextlib.suppress(OSError):
                os.unlink(self._file(source)[1])
