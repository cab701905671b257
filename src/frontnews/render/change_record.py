"""`.frontnews/changes.json`: the URLs a build added, changed and removed, for cache purges and pings.

commit.py stages it with the other files of a commit, so it arrives with the site it describes;
a build that changed no URL leaves the last one as it was (bytes and modification time).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from .output import Changes
from .output_folder import CHANGES_FILE

__all__ = ["CHANGES_FILE", "changes_json", "public_changes", "url_of"]
FORMAT_VERSION = 1
# Build records inside the output describe the site; they are not part of it.
PRIVATE_PREFIX = ".frontnews/"


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
