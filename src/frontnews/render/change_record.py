"""`.frontnews/changes.json`: the URLs a build added, changed and removed, for cache purges and pings."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..diagnostics import Diagnostic, diag
from .output import Changes, UnsafePath, safe_path

CHANGES_FILE = ".frontnews/changes.json"
FORMAT_VERSION = 1
# Build records inside the output describe the site; they are not part of it.
PRIVATE_PREFIX = ".frontnews/"


@dataclass(frozen=True, slots=True)
class Record:
    """The previous build's record, read before the swap removes it."""

    data: bytes
    atime_ns: int
    mtime_ns: int


def url_of(output_path: str) -> str:
    """The path a file is served at: clean URLs for `index.html`, the file's own path otherwise."""
    if output_path == "index.html":
        return "/"
    if output_path.endswith("/index.html"):
        return "/" + output_path[: -len("index.html")]
    return "/" + output_path


def public_changes(changes: Changes) -> Changes:
    def keep(paths: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p for p in paths if not p.startswith(PRIVATE_PREFIX))
    return Changes(keep(changes.added), keep(changes.changed), keep(changes.removed))


def changes_json(changes: Changes, base_url: str) -> bytes:
    """Absolute URLs, each list sorted, so the same build gives the same bytes."""
    base = base_url.rstrip("/")
    changes = public_changes(changes)

    def urls(paths: tuple[str, ...]) -> list[str]:
        return sorted(base + quote(url_of(p), safe="/") for p in paths)

    record = {
        "version": FORMAT_VERSION,
        "base_url": base_url,
        "added": urls(changes.added),
        "changed": urls(changes.changed),
        "removed": urls(changes.removed),
    }
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_record(out: Path) -> Record | None:
    try:
        file = safe_path(out, CHANGES_FILE)
        stat = file.stat()
        return Record(file.read_bytes(), stat.st_atime_ns, stat.st_mtime_ns)
    except (OSError, UnsafePath):
        return None


def record_changes(out: Path, changes: Changes, base_url: str, previous: Record | None) -> list[Diagnostic]:
    """Write the record into the swapped-in output (temp file, then an atomic rename).

    A build that changed nothing leaves the whole output as it was, this record included (bytes and
    modification time): the record then still lists the last build that changed the site.
    """
    kept = previous if public_changes(changes) == Changes() else None
    try:
        target = safe_path(out, CHANGES_FILE)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(kept.data if kept is not None else changes_json(changes, base_url))
        if kept is not None:
            os.utime(temp, ns=(kept.atime_ns, kept.mtime_ns))
        os.replace(temp, target)
    except UnsafePath as exc:  # `.frontnews` is a symlink out of the output folder
        return [diag("FN302", str(out), 0, value=str(exc))]
    except OSError as exc:
        return [diag("FN303", str(out), 0, detail=str(exc))]
    return []
