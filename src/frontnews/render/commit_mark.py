"""The commit mark: a commit into the output folder in progress, until the cache describes its result.

The cache keeps each page's fingerprint so that an unchanged page is not rendered again; that is
right only while the output holds what those fingerprints describe. A build that stops between
its first change to the output and the saving of its fingerprints (killed, an I/O error, a busy
database) breaks that. So before the first change a commit writes this mark into the cache
folder, naming the output and what it was about to write and remove, and the build drops it only
after the cache is saved. A build that finds a mark forgets that folder's fingerprints and renders
every page again, writing only the files whose bytes differ: the output is made right whatever
happened. The mark lives beside the fingerprints it calls into doubt: delete the cache and both go.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..paths import CACHE_DIR

NOTICE = (
    "Lần dựng trước dừng giữa chừng khi đang thay các trang trong thư mục xuất bản: lần này dựng lại "
    "mọi trang của thư mục ấy và chỉ ghi những tệp khác đi."
)


@dataclass(frozen=True, slots=True)
class CommitMark:
    build: str  # the record's build id once the commit is complete (output_folder.OutputRecord)
    mode: str  # "exchange": the output was switched at once; "per-file": renamed one by one
    written: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()


class ForgetsPages(Protocol):  # incremental.build_cache.BuildCache
    notice: str | None

    def forget_pages(self) -> None: ...


def mark_path(root: Path, out: Path) -> Path:
    key = hashlib.sha256(str(out.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return root / CACHE_DIR / f"commit-{key}.json"


def read_mark(root: Path, out: Path) -> CommitMark | None:
    """The mark left for `out`; one that cannot be read still counts (nothing known of its files)."""
    path = mark_path(root, out)
    try:
        data = json.loads(path.read_bytes())
        return CommitMark(str(data["build"]), str(data["mode"]), frozenset(data["written"]), frozenset(data["removed"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return CommitMark("", "per-file") if path.exists() else None


def write_mark(root: Path, out: Path, mark: CommitMark) -> None:
    path = mark_path(root, out)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = {
        "out": str(out.resolve()),
        "build": mark.build,
        "mode": mark.mode,
        "written": sorted(mark.written),
        "removed": sorted(mark.removed),
    }
    temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temp, path)


def clear_mark(root: Path, out: Path) -> None:
    """The cache now describes the output: called by the build once the cache is saved."""
    with contextlib.suppress(OSError):
        mark_path(root, out).unlink(missing_ok=True)


def forget_if_interrupted(cache: ForgetsPages, root: Path, out: Path) -> bool:
    """If a commit into `out` was interrupted, render every page of it this time, and say so."""
    if not mark_path(root, out).exists():
        return False
    cache.forget_pages()
    cache.notice = cache.notice or NOTICE
    return True
