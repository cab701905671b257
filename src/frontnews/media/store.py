"""Processed photos kept between builds in .frontnews-cache/photos/, by content digest and settings.

Each entry is a folder named by its key (the photo's digest, the settings, the crop, Pillow's
version), holding the encoded files and `info.json` (the upright size and the problems found). It is
made in a temporary folder and renamed into place, so an entry is whole or absent; an unreadable
one is made again. The photos' digests are remembered by stat, as incremental/file_digests does for
the build's inputs, so an unchanged 5 MB photo is not read again to learn that it is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

RACY_NS = 2_000_000_000  # a file changed this recently may change again within its stat's tick
STATS_FILE = "stats.json"


class PhotoStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.known: dict[str, list[Any]] = self._read_stats()
        self.seen: dict[str, list[Any]] = {}
        self.made = 0  # entries processed by this build

    def _read_stats(self) -> dict[str, list[Any]]:
        try:
            data = json.loads((self.folder / STATS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def digest(self, path: Path) -> str:
        """sha256 of the file's bytes, read only if its stat changed since it was last hashed."""
        st = path.stat()
        key = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        old = self.known.get(str(path))
        if isinstance(old, list) and old[:4] == key and len(old) == 5:
            self.seen[str(path)] = old
            return old[4]
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
            self.seen[str(path)] = key + [digest.hexdigest()]
        return digest.hexdigest()

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def info(self, key: str) -> dict[str, Any] | None:
        """The entry's info.json, or None when it is absent or unreadable (then it is made again)."""
        try:
            data = json.loads((self.entry(key) / "info.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and "problems" in data else None

    def put(self, key: str, info: dict[str, Any], files: dict[str, bytes]) -> None:
        """Write an entry whole: into a temporary folder, then renamed into place."""
        final = self.entry(key)
        temporary = final.with_name(f".{key}.{os.getpid()}")
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir(parents=True)
        for name, data in files.items():
            (temporary / name).write_bytes(data)
        (temporary / "info.json").write_text(json.dumps(info, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)  # an unreadable entry of an earlier build
        try:
            os.replace(temporary, final)
        except OSError:
            if self.info(key) is None:
                raise
            shutil.rmtree(temporary, ignore_errors=True)  # another build (`serve` beside `build`) made it first

    def save(self) -> None:
        """Remember the digests taken, for the next build (a failure only costs reading the photos again)."""
        if self.seen == self.known:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{STATS_FILE}.{os.getpid()}"
            temporary.write_text(json.dumps(self.seen, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.folder / STATS_FILE)
        except OSError:
            pass
