"""Write the site into a staging folder and swap it in only when the whole build succeeded."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


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
    """A sibling folder of the output; `commit()` swaps it in, `discard()` removes it.

    A file whose bytes equal the previous build's is hard-linked from it instead of written,
    so its modification time stays and upload tools (rsync, s3 sync) skip it.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.dir = self.out.with_name(f".{self.out.name}.staging-{os.getpid()}")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.previous = regular_files(self.out)
        self.written: list[str] = []
        self.reused: list[str] = []

    def _previous(self, relative: str) -> Path | None:
        """The previous build's regular file at `relative` (found without following symlinks)."""
        return self.out / relative if relative in self.previous else None

    def _target(self, relative: str) -> Path:
        # The staging folder is new and holds only folders and regular files that we made, so
        # the lexical check is the whole check here: no symlink inside can lead out.
        target = self.dir / safe_relative(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, relative: str, data: bytes, record: bool = True) -> bool:
        """Stage one file; True if written, False if the previous file was reused.

        Worker processes pass record=False and the parent records what they report.
        """
        target = self._target(relative)
        old = self._previous(relative)
        if old is not None and old.stat().st_size == len(data) and old.read_bytes() == data:
            written = not self._link(old, target)
        else:
            written = True
        if written:
            target.write_bytes(data)
        if record:
            self.record(relative, written)
        return written

    def copy(self, source: Path, relative: str) -> bool:
        target = self._target(relative)
        old = self._previous(relative)
        written = not (old is not None and _same_file_content(old, source) and self._link(old, target))
        if written:
            shutil.copyfile(source, target)
        self.record(relative, written)
        return written

    def reuse(self, relative: str) -> bool:
        """Take the previous build's file unread (its inputs did not change); False if there is none."""
        old = self._previous(relative)
        if old is None or not self._link(old, self._target(relative)):
            return False
        self.record(relative, False)
        return True

    def record(self, relative: str, written: bool) -> None:
        """Count a staged file; worker processes stage files and the parent records them."""
        (self.written if written else self.reused).append(relative)

    @staticmethod
    def _link(old: Path, target: Path) -> bool:
        try:
            os.link(old, target)
        except OSError:  # a file system without hard links
            try:
                shutil.copy2(old, target)
            except OSError:
                return False
        return True

    def changes(self) -> Changes:
        """What this staging folder adds, changes and removes against the current output."""
        before = self.previous
        after = set(self.written) | set(self.reused)
        return Changes(
            added=tuple(sorted(after - before)),
            changed=tuple(sorted(set(self.written) & before)),
            removed=tuple(sorted(before - after)),
        )

    def commit(self) -> None:
        """Swap: rename the old output aside, rename staging in, then delete the old one."""
        old = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
        if self.out.exists():
            os.replace(self.out, old)
        os.replace(self.dir, self.out)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def regular_files(root: Path) -> set[str]:
    """POSIX paths of the regular files under root; symlinks (to files or folders) are skipped."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):  # os.walk does not follow symlinked folders
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in files:
            if not os.path.islink(os.path.join(folder, name)):
                found.add(prefix + name)
    return found


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
