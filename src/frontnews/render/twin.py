"""The output folder switched in one step: a twin folder and Linux's `renameat2(RENAME_EXCHANGE)`.

Readers of the output (a web server whose root it is) must never see half of a build. Renaming
file by file cannot promise that, and building a whole new folder costs a link per file on every
build. So the output has a twin in its state folder, `.NAME.frontnews/previous/`: a copy of it
made of hard links (no file's bytes are copied, and no inode is written in place: every change
arrives as a new file renamed over the old one). A commit brings the twin up to the new site (the
changed files only), then exchanges the two folders atomically; the old output, now the twin, is
brought up to the same site by linking the changed files in. A rebuild thus costs twice the files
it changes, whatever the size of the site.

The twin is known to mirror the output when both hold the same inode as their record
(`.frontnews/output.json`): its last step links that file in, and the first step of any change
to it removes it. Otherwise it is made again from the output (a link per file). Hand-placed files
of the output are linked into the twin before each exchange, so they stay. Where the exchange is
not available (another system, a file system without it) commit.py renames file by file.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .leftovers import remove_tree
from .output_folder import RECORD_FILE, state_dir

TWIN = "previous"
RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}
_supported: dict[int, bool] = {}  # by device: probed once per process


def twin_path(out: Path) -> Path:
    return state_dir(out) / TWIN


def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically (both must exist, on one file system); OSError otherwise."""
    if _RENAMEAT2 is None:
        raise OSError(errno.ENOSYS, "renameat2 không có trên hệ thống này")
    if _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def exchange_supported(folder: Path) -> bool:
    """Whether this folder's file system exchanges two folders (probed with two empty ones)."""
    try:
        device = folder.stat().st_dev
    except OSError:
        return False
    if device not in _supported:
        a, b = folder / f".probe-a-{os.getpid()}", folder / f".probe-b-{os.getpid()}"
        try:
            a.mkdir()
            b.mkdir()
            (a / "a").mkdir()
            exchange(a, b)
            _supported[device] = (b / "a").is_dir()
        except OSError as exc:
            if exc.errno not in _UNSUPPORTED:
                return False  # e.g. no right to write here: ask again next time
            _supported[device] = False
        finally:
            for path in (a / "a", b / "a", a, b):
                with contextlib.suppress(OSError):
                    path.rmdir()
    return _supported[device]


def mirrors(out: Path, twin: Path) -> bool:
    """True if the twin holds what the output holds (the same record file, linked in last)."""
    try:
        a, b = os.lstat(out / RECORD_FILE), os.lstat(twin / RECORD_FILE)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def invalidate(twin: Path) -> None:
    """The first step of any change to the twin: until it is complete, it mirrors nothing."""
    (twin / RECORD_FILE).unlink(missing_ok=True)


def copy_as_links(out: Path, twin: Path, entries: Iterable[str]) -> None:
    """Make the twin again: a hard link to each file (and symlink) of the output, the record last.

    Into a new folder, so each file is one link(2), each folder one mkdir(2): this runs for every
    file of a large site, once.
    """
    if os.path.lexists(twin) and not remove_tree(twin):
        raise OSError(errno.ENOTEMPTY, "không xóa được bản sao cũ", str(twin))
    source, target = str(out), str(twin)
    os.mkdir(target)
    made = {""}
    for relative in sorted(entries, key=lambda r: r == RECORD_FILE):
        folder = relative.rpartition("/")[0]
        if folder not in made:
            os.makedirs(f"{target}/{folder}", exist_ok=True)
            made.add(folder)
        os.link(f"{source}/{relative}", f"{target}/{relative}", follow_symlinks=False)


def link_into(source: Path, target: Path, relative: str, made: set[Path] | None = None) -> None:
    """target/relative becomes a hard link to source/relative (a symlink is linked, not followed)."""
    destination = target / relative
    folder = destination.parent
    if made is None or folder not in made:
        make_folder(target, folder)
        if made is not None:
            made.add(folder)
    temp = destination.with_name(f".{destination.name}.link-{os.getpid()}")
    os.link(source / relative, temp, follow_symlinks=False)
    try:
        if destination.is_dir() and not destination.is_symlink():
            remove_tree(destination)
        os.replace(temp, destination)
    except OSError:
        temp.unlink(missing_ok=True)
        raise


def make_folder(root: Path, folder: Path) -> None:
    """mkdir -p, replacing a file that stands where a folder must go (an old page's file)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        relative = folder.relative_to(root)
        for part in [*reversed(relative.parents[:-1]), relative]:  # from the top down
            path = root / part
            if path.is_symlink() or path.is_file():
                path.unlink()
        folder.mkdir(parents=True, exist_ok=True)


def prune_empty_folders(root: Path, removed: Iterable[str]) -> None:
    """Remove the folders that removing these files left empty, up to (not including) root."""
    for deepest in sorted({(root / r).parent for r in removed}, key=lambda p: -len(p.parts)):
        folder = deepest
        try:
            while folder != root and folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        except OSError:
            continue
