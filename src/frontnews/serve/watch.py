"""Watch a site's sources with watchdog; run one rebuild per burst of changes (debounced)."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from ..paths import SITE_DIRS as WATCHED_DIRS
from ..paths import SITE_FILES as WATCHED_FILES

# Writes, new files, deletions and renames change a site. Opening and reading files does not, and
# the build itself opens every file: listening to those events would rebuild for ever.
EVENT_TYPES = (
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
)
CHANGES = frozenset({"created", "modified", "deleted", "moved"})


def is_editor_junk(name: str) -> bool:
    """Temp, swap and backup files that editors write beside the file being saved."""
    return (
        name.startswith(".")  # .a.md.swp, .#a.md (Emacs lock), .a.md.tmp; the build skips them too
        or name.endswith(("~", ".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload"))
        or name == "4913"  # Vim's "can I write in this folder" probe
        or (name.startswith("#") and name.endswith("#"))
    )  # Emacs auto-save


def site_path(root: Path, path: str, ignored: Sequence[Path] = ()) -> str | None:
    """`path` relative to the site root (POSIX) if a change there can change the site, else None."""
    target = Path(path)
    if not target.is_relative_to(root) or any(target.is_relative_to(i) for i in ignored):
        return None
    parts = target.relative_to(root).parts
    if not parts or parts[0] not in WATCHED_DIRS + WATCHED_FILES:
        return None
    if any(is_editor_junk(part) for part in parts[1:]):
        return None
    return "/".join(parts)


class SiteWatcher:
    """watchdog over the site root's own entries and each source folder, recursively.

    The folders are watched one by one, not the whole root, so that .git/, public/ and the cache
    cost nothing. A folder that is deleted and made again (or replaced by `git checkout`) is
    watched again by `sync()`, which the rebuild loop calls before every rebuild.
    """

    def __init__(self, root: Path, on_change: Callable[[str], None], ignored: Sequence[Path] = ()) -> None:
        self.root = root
        self._on_change = on_change
        self._ignored = tuple(ignored)
        self._observer = _observer()
        self._handler = _Handler(self)
        self._folders: dict[str, tuple[ObservedWatch, tuple[int, int]]] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        try:
            self._observer.schedule(self._handler, str(self.root), recursive=False, event_filter=list(EVENT_TYPES))
        except OSError as exc:  # frontnews.yaml then goes unwatched; the folders may still be watched
            print(f"frontnews: không theo dõi được {self.root}: {exc}", file=sys.stderr)
        self.sync()
        self._observer.start()

    def stop(self) -> None:
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join(timeout=5)

    def sync(self) -> bool:
        """Watch every source folder that exists now; True if a watch was added or removed."""
        changed = False
        with self._lock:
            for name in WATCHED_DIRS:
                changed |= self._sync_folder(name)
        return changed

    def _sync_folder(self, name: str) -> bool:
        folder = self.root / name
        identity = _identity(folder)
        current = self._folders.get(name)
        if current and current[1] == identity and self._alive(current[0]):
            return False
        if current:
            self._folders.pop(name)
            with contextlib.suppress(KeyError, ValueError):  # its emitter already stopped and left
                self._observer.unschedule(current[0])
        if identity is None:
            return current is not None
        try:
            watch = self._observer.schedule(self._handler, str(folder), recursive=True, event_filter=list(EVENT_TYPES))
        except OSError as exc:  # e.g. the inotify watch limit; the next sync tries again
            print(f"frontnews: không theo dõi được thư mục {name}/: {exc}", file=sys.stderr)
            return current is not None
        self._folders[name] = (watch, identity)
        return True

    def _alive(self, watch: ObservedWatch) -> bool:
        # An emitter stops itself when its folder is deleted; the inode may then be reused.
        return any(e.watch == watch and e.is_alive() for e in self._observer.emitters)

    def notice(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES or (event.is_directory and event.event_type == "modified"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = site_path(self.root, os.fsdecode(raw), self._ignored) if raw else None
            if path is not None:
                self._on_change(path)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: SiteWatcher) -> None:
        self._watcher = watcher

    def dispatch(self, event: FileSystemEvent) -> None:
        # An exception here would end watchdog's thread and every later save would go unseen.
        try:
            self._watcher.notice(event)
        except Exception:  # noqa: BLE001 - the watcher must outlive any single event
            print("frontnews: lỗi khi xử lý sự kiện tệp (vẫn tiếp tục theo dõi):", file=sys.stderr)
            traceback.print_exc()


def _observer() -> BaseObserver:
    """inotify (or the platform's own) observer; polling when the system has no watches left."""
    try:
        return Observer()
    except OSError as exc:
        print(
            f"frontnews: không dùng được theo dõi tệp của hệ thống ({exc}); chuyển sang kiểm tra "
            "định kỳ, chậm hơn một chút.",
            file=sys.stderr,
        )
        return PollingObserver(timeout=1)


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        stat = folder.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino) if folder.is_dir() else None


class Debouncer:
    """Call `action(changed_paths)` once a burst of `poke()`s has been quiet for `delay` seconds.

    A continuous stream of changes still gets a rebuild every `max_wait` seconds. A poke that
    arrives while the action runs is kept: the action runs once more afterwards. `idle()` is
    called about once a second while nothing happens. Neither ever ends the loop by raising.
    """

    def __init__(
        self,
        action: Callable[[frozenset[str]], None],
        idle: Callable[[], None] = lambda: None,
        delay: float = 0.25,
        max_wait: float = 5.0,
    ) -> None:
        self.delay = delay
        self.max_wait = max_wait
        self._action = action
        self._idle = idle
        self._cond = threading.Condition()
        self._changed: set[str] = set()
        self._pending = False
        self._first = self._last = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="frontnews-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)  # a rebuild still running is abandoned (daemon thread)

    def poke(self, path: str = "") -> None:
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending, self._last = True, now
            if path:
                self._changed.add(path)
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is _STOP:
                return
            _guarded(self._idle if batch is None else functools.partial(self._action, batch))

    def _next_batch(self):
        """The changed paths of the next quiet burst; None after an idle second; _STOP at the end."""
        with self._cond:
            if not self._pending and not self._stopping:
                self._cond.wait(1.0)
            if self._stopping:
                return _STOP
            if not self._pending:
                return None
            while not self._stopping:
                left = min(self._last + self.delay, self._first + self.max_wait) - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            if self._stopping:
                return _STOP
            batch = frozenset(self._changed)
            self._changed.clear()
            self._pending = False
            return batch


_STOP = object()


def _guarded(call: Callable[[], None]) -> None:
    try:
        call()
    except Exception:  # noqa: BLE001 - the rebuild loop must outlive any single rebuild
        print("frontnews: lỗi không mong đợi (máy chủ xem trước vẫn chạy):", file=sys.stderr)
        traceback.print_exc()
