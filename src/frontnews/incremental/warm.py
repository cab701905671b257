"""What `frontnews serve` keeps in memory from one rebuild to the next.

A build started afresh loads every article's record from the cache (10,000 unpickled for one
edit); the preview server lives on between rebuilds, so it keeps the records it loaded, as loaded,
and a save reads, parses and renders the one file that changed. A record is valid for its file's
digest within one cache key (the frontnews version, the cache format, the config and the units),
exactly as in the cache: another key empties the memory too. The records are frozen values
(articles, bodies, diagnostics): the builds that share them cannot change them.
"""

from __future__ import annotations

from typing import Any


class Warm:
    """The records of the articles the last rebuilds loaded, by source path, with their digests."""

    def __init__(self) -> None:
        self.key: str | None = None
        self.records: dict[str, tuple[str, Any]] = {}  # by path: (digest, record)

    def open(self, key: str) -> None:
        """Start a build under this cache key: records of another key are forgotten."""
        if key != self.key:
            self.key, self.records = key, {}

    def get(self, path: str, digest: str) -> Any | None:
        found = self.records.get(path)
        return found[1] if found is not None and found[0] == digest else None

    def keep(self, path: str, digest: str, record: Any) -> None:
        self.records[path] = (digest, record)

    def only(self, paths: set[str]) -> None:
        """Forget the records of files that are gone."""
        self.records = {path: found for path, found in self.records.items() if path in paths}
