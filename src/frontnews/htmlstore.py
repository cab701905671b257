"""Rendered article bodies kept as files in the build cache, written by the workers that render them.

Sending 100,000 bodies back to the parent and writing them into SQLite took the parent longer
than the workers took to render them; a file per article costs the parent nothing. A file is
named after its article's source path and starts with a line of the article's digest and the
HTML's checksum: a stale, damaged or half-written file is never used.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

FOLDER = "html"  # inside the cache folder


class HtmlStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, source: str) -> Path:
        name = hashlib.sha256(source.encode("utf-8")).hexdigest()
        return self.folder / name[:2] / f"{name[2:]}.html"

    def write(self, source: str, digest: str, html: str) -> bool:
        """Store the HTML of `source` at `digest` (temp file, then rename); False if it could not be."""
        data = html.encode("utf-8")
        target = self._file(source)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(f"{digest} {hashlib.sha256(data).hexdigest()}\n".encode("ascii") + data)
            os.replace(temp, target)
        except OSError:
            temp.unlink(missing_ok=True)
            return False
        return True

    def read(self, source: str, digest: str) -> str | None:
        """The HTML stored for `source` at exactly `digest`, or None."""
        try:
            data = self._file(source).read_bytes()
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
            self._file(source).unlink(missing_ok=True)
