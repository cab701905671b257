"""One build of a site at a time: an exclusive lock on `.frontnews-cache/build.lock`.

Two builds of one site share its cache and usually its output folder: run together, each would
swap in pages over the other's and save page fingerprints that describe neither (Hugo takes
`.hugo_build.lock` for the same reason). The lock is the operating system's own (`flock` on
POSIX, `msvcrt.locking` on Windows), held on an open file: the kernel releases it when the process
ends, however it ends (`kill -9`, a crash, a power cut), so no stale lock ever needs removing by
hand. The file stays; it holds the pid of the build that last took it, for the waiting message.

A second build waits for the first (`serve` rebuilding while `frontnews build` runs, or two
terminals), saying once whom it waits for; after WAIT_SECONDS (or FRONTNEWS_LOCK_WAIT seconds) it
gives up with FN314. A site whose cache folder cannot be made (a read-only checkout) has no cache
to protect: it is built without the lock.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..diagnostics import Diagnostic, diag
from ..paths import CACHE_DIR

LOCK_FILE = "build.lock"
WAIT_SECONDS = 600.0  # a cold build of a very large site takes minutes
WAIT_ENV = "FRONTNEWS_LOCK_WAIT"
POLL_SECONDS = 0.1

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _FAR = 1 << 30  # lock a byte far past the pid, so that a waiting build can still read it

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _FAR, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, _FAR, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ[WAIT_ENV]))
    except (KeyError, ValueError):
        return WAIT_SECONDS


class SiteLock:
    """`with SiteLock(root) as lock:` — the build runs inside; `lock.problems` holds FN314 if it gave up."""

    def __init__(
        self,
        root: Path,
        wait: float | None = None,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(root) / CACHE_DIR / LOCK_FILE
        self.wait = wait_seconds() if wait is None else wait
        self.stream = stream
        self.clock = clock
        self.fd: int | None = None
        self.problems: list[Diagnostic] = []

    def __enter__(self) -> SiteLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return self  # no cache folder: nothing shared to protect
        deadline = self.clock() + self.wait
        said = False
        while not _try_lock(fd):
            holder = _holder(fd)
            if self.clock() >= deadline:
                os.close(fd)
                self.problems.append(
                    diag("FN314", f"{CACHE_DIR}/{LOCK_FILE}", 0, pid=holder or "?", seconds=f"{self.wait:g}")
                )
                return self
            if not said:
                print(
                    f"frontnews: trang này đang được dựng bởi tiến trình {holder or 'khác'}; "
                    f"chờ lần dựng ấy xong (tối đa {self.wait:g} giây)…",
                    file=self.stream or sys.stderr,
                )
                said = True
            time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self.fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            try:
                _unlock(self.fd)
            finally:
                os.close(self.fd)
                self.fd = None


def _holder(fd: int) -> str:
    """The pid written by the build that holds the lock (it may not have written it yet)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""
