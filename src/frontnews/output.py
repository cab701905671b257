"""Write the site into a staging folder and swap it in only when the whole build succeeded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A path from content that would land outside the output folder."""


def safe_path(root: Path, relative: str) -> Path:
    """Join and check with resolve(): never a string-prefix test."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not relative:
        raise UnsafePath(relative)
    target = (root / pure).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnsafePath(relative)
    return target


class Staging:
    """A sibling folder of the output; `commit()` swaps it in, `discard()` removes it."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.dir = self.out.with_name(f".{self.out.name}.staging-{os.getpid()}")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.written = 0

    def write(self, relative: str, data: bytes) -> None:
        target = safe_path(self.dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written += 1

    def copy(self, source: Path, relative: str) -> None:
        target = safe_path(self.dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.written += 1

    def commit(self) -> None:
        """Swap: rename the old output aside, rename staging in, then delete the old one."""
        old = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
        if self.out.exists():
            os.replace(self.out, old)
        os.replace(self.dir, self.out)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
