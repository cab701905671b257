"""Write the site into a staging folder and swap it in only when the whole build succeeded."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from ..workers import Ahead

Listing = tuple[set[str], list[str]]  # what `scan` returns: the files, and the symlinks


class UnsafePath(ValueError):
    """A path from content that would land outside the output folder."""


def safe_relative(relative: str) -> PurePosixPath:
    """The lexical half of the check: no absolute path, no `..`, no backslash, not empty."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not relative or relative == ".":
        raise UnsafePath(relative)
    return pure


def safe_path(root: Path, relative: str) -> Path:
    """Join and check with resolve() (symlinks followed): never a string-prefix test."""
    target = (root / safe_relative(relative)).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnsafePath(relative)
    return target


@dataclass(frozen=True, slots=True)
class Changes:
    """Output files (POSIX paths relative to the output root) since the previous build."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class Staging:
    """New and changed files go to a sibling folder; `commit()` moves them into the output.

    Nothing in the output changes until the whole build has succeeded. A file whose bytes equal
    the previous build's is not written at all, so its modification time stays and upload tools
    (rsync, s3 sync) skip it; an unchanged page costs nothing. On commit each new file replaces its
    old version atomically (os.replace), then the files of removed pages are deleted. The first
    build of a folder is one rename of the whole staging folder.
    """

    def __init__(self, out: Path, listing: Callable[[], Listing] | None = None) -> None:
        """`listing` gives the output folder's `scan`, if it was taken ahead (OutputScan.result)."""
        self.out = out.resolve()
        self.dir = self.out.with_name(f".{self.out.name}.staging-{os.getpid()}")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.previous, self.links = listing() if listing is not None else scan(self.out)
        self.written: list[str] = []
        self.reused: list[str] = []
        self.made: set[Path] = set()  # staging folders made by this process

    def _same_as_previous(self, relative: str, data: bytes) -> bool:
        if relative not in self.previous:
            return False
        old = self.out / relative
        return old.stat().st_size == len(data) and old.read_bytes() == data

    def _target(self, relative: str, pure: PurePosixPath | None = None) -> Path:
        # The staging folder is new and holds only folders and regular files that we made, so
        # the lexical check is the whole check here: no symlink inside can lead out.
        target = self.dir / (pure if pure is not None else safe_relative(relative))
        folder = target.parent
        if folder not in self.made:  # one mkdir per folder, not per file
            folder.mkdir(parents=True, exist_ok=True)
            self.made.add(folder)
        return target

    def write(self, relative: str, data: bytes, record: bool = True) -> bool:
        """Stage one file; True if written, False if the previous file stays as it is.

        Worker processes pass record=False and the parent records what they report.
        """
        pure = safe_relative(relative)
        written = not self._same_as_previous(relative, data)
        if written:
            with open(self._target(relative, pure), "wb") as handle:
                handle.write(data)
        if record:
            self.record(relative, written)
        return written

    def copy(self, source: Path, relative: str) -> bool:
        safe_relative(relative)
        written = not (relative in self.previous and _same_file_content(self.out / relative, source))
        if written:
            shutil.copyfile(source, self._target(relative))
        self.record(relative, written)
        return written

    def reuse(self, relative: str) -> bool:
        """Keep the previous build's file unread (its inputs did not change); False if there is none."""
        if relative not in self.previous:
            return False
        self.record(relative, False)
        return True

    def record(self, relative: str, written: bool) -> None:
        """Count a staged file; worker processes stage files and the parent records them."""
        (self.written if written else self.reused).append(relative)

    def changes(self) -> Changes:
        """What committing will add, change and remove in the output."""
        after = set(self.written) | set(self.reused)
        return Changes(
            added=tuple(sorted(after - self.previous)),
            changed=tuple(sorted(set(self.written) & self.previous)),
            removed=tuple(sorted(self.previous - after)),
        )

    def commit(self) -> None:
        if not self.out.exists():
            os.replace(self.dir, self.out)
            return
        for link in self.links:  # never ours: a symlink in the output could lead a write out of it
            os.unlink(self.out / link)
        removed = self.changes().removed
        for relative in removed:
            (self.out / relative).unlink(missing_ok=True)
        for relative in self.written:
            target = self.out / relative
            _make_folder(self.out, target.parent)
            os.replace(self.dir / relative, target)
        _prune_empty_folders(self.out, removed)
        shutil.rmtree(self.dir, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _make_folder(root: Path, folder: Path) -> None:
    """mkdir -p, replacing a file that stands where a folder must go (an old page's file)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        relative = folder.relative_to(root)
        for part in [*reversed(relative.parents[:-1]), relative]:  # from the top down
            path = root / part
            if path.is_file():
                path.unlink()
        folder.mkdir(parents=True, exist_ok=True)


def _prune_empty_folders(root: Path, removed: Sequence[str]) -> None:
    for deepest in sorted({(root / r).parent for r in removed}, key=lambda p: -len(p.parts)):
        folder = deepest
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


class OutputScan(Ahead[Listing]):
    """The output folder's `scan`, taken ahead by a forked process while the build reads and plans.

    Listing a large site's output (more than three entries an article) is slow, much of it the
    kernel's work, and a rebuild after one edit needs it only at the end: the other core takes
    it meanwhile. A small folder is listed when asked, as a process costs more than its listing.
    Whatever goes wrong in the process, the folder is listed again here: never a wrong listing.
    """

    def __init__(self, root: Path, ahead: bool = False) -> None:
        super().__init__(partial(scan, root), fork=ahead)


def scan(root: Path) -> Listing:
    """POSIX paths of the regular files under root, and of the symlinks there (never followed)."""
    files: set[str] = set()
    links: list[str] = []
    if not root.is_dir():
        return files, links
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_symlink():
                    links.append(name)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append((name + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    files.add(name)
    return files, sorted(links)


def _same_file_content(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk = fa.read(1 << 16)
            if chunk != fb.read(1 << 16):
                return False
            if not chunk:
                return True
