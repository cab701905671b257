"""Content digests of input files, remembered by stat: a rebuild reads only the files that changed.

A file whose inode, size, modification time and change time all equal those recorded with its
digest is not read again (as git's index does). The change time cannot be set back by tools, so
an edit, `touch` or `git checkout` is always seen. A file changed less than RACY_NS before it was
recorded is not remembered: a second write within the same clock tick would leave its stat as it was.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from typing import Any

RACY_NS = 2_000_000_000
CACHE_KIND = "files"  # one record: every input file's stat and digest

Stat = tuple[int, int, int, int]


def stat_key(st: os.stat_result) -> Stat:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class FileDigests:
    """sha256 digests by absolute path; `seen` is what the next build may trust."""

    def __init__(self, known: Any = None) -> None:
        self.known: dict[str, tuple[Stat, str]] = known if isinstance(known, dict) else {}
        self.seen: dict[str, tuple[Stat, str]] = {}
        self.taken: dict[str, str] = {}  # every digest taken by this build, trusted or not
        self.read = 0  # files read and hashed by this build

    def digest(self, path: str, st: os.stat_result | None = None) -> str:
        """The file's digest; `st` is its stat, if the caller has it (os.DirEntry.stat())."""
        key = stat_key(st if st is not None else os.stat(path))
        old = self.known.get(path)
        if old is not None and old[0] == key:
            self.seen[path] = old
            self.taken[path] = old[1]
            return old[1]
        with open(path, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        self.read += 1
        if time.time_ns() - max(key[2], key[3]) > RACY_NS:
            self.seen[path] = (key, digest)
        self.taken[path] = digest
        return digest

    def once(self, path: str, st: Callable[[], os.stat_result]) -> str:
        """The digest this build took of `path` already, else `digest` with the stat `st()` gives.

        A build hashes its inputs (up_to_date.inputs_key) and then lists its articles: one stat per
        file, not two. A file saved in between is seen by the next build, as any save racing a build.
        """
        taken = self.taken.get(path)
        return taken if taken is not None else self.digest(path, st())

    def changed(self) -> bool:
        """Whether the record differs from the one loaded (worth saving again)."""
        return self.seen != self.known
