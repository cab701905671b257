"""Build state kept between builds: versioned, checksummed, disposable (SQLite in .frontnews-cache/).

Records are JSON read back by their declared type (records.py), never pickled: the cache folder
may come from elsewhere (a CI cache restored), and reading it must not run code.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from .. import __version__
from ..hashing import fingerprint
from ..paths import CACHE_DIR
from .records import RecordError, decode, encode

CACHE_FILE = "build.sqlite"
# Bump when the shape of any record changes, or what the same bytes give (a record holds an
# article's diagnostics too).
FORMAT = 21
BUSY_SECONDS = 5.0  # how long to wait for another program's lock on the database
BUSY_NOTICE = (
    "Bộ nhớ đệm đang bị một chương trình khác giữ (.frontnews-cache/build.sqlite): lần này dựng "
    "không dùng bộ nhớ đệm, và bộ nhớ đệm được để nguyên."
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL,
    checksum TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (kind, path));
CREATE TABLE IF NOT EXISTS pages (out TEXT NOT NULL, output_path TEXT NOT NULL, fingerprint TEXT NOT NULL,
    PRIMARY KEY (out, output_path));
CREATE TABLE IF NOT EXISTS urls (path TEXT PRIMARY KEY, url TEXT NOT NULL);
"""


def encoded(value: Any) -> bytes:
    """A record's bytes, as `BuildCache.put` stores them (records.encode)."""
    return encode(value)


def _busy(exc: Exception) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: another connection holds a lock past our timeout."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def _value(row: tuple[str, str, bytes] | None, digest: str, shape: Any) -> Any | None:
    """A stored row's value of type `shape` if it is valid for `digest` and its checksum holds, else None."""
    if row is None or row[0] != digest or hashlib.sha256(row[2]).hexdigest() != row[1]:
        return None
    try:
        return decode(row[2], shape)
    except (RecordError, TypeError, ValueError, OverflowError):  # another shape: no record
        return None


class BuildCache:
    """Records keyed by (kind, source path) and valid for one content digest; page fingerprints.

    Anything unreadable — a corrupt or truncated file, another format or frontnews version, a
    record whose checksum fails — means starting empty, with one notice; never a wrong page.
    Content is addressed by digest, not mtime: `git checkout` resets mtimes.
    """

    def __init__(self, root: Path, config_digest: str) -> None:
        self.path = root / CACHE_DIR / CACHE_FILE
        # Every record depends on the config and the units: another config starts an empty cache.
        self.key = fingerprint(__version__, str(FORMAT), config_digest)
        self.notice: str | None = None
        self.pending: dict[tuple[str, str], tuple[str, str, bytes]] = {}
        self.stored: dict[str, dict[str, tuple[str, str, bytes]]] = {}  # by kind, read on first use
        self.pages: dict[Path, dict[str, str]] = {}  # page fingerprints by output folder, read once
        self.forgotten = False  # set by forget_pages: no page is reused by this build
        self.failed = False  # a save did not reach the database: it may not describe the output
        self.conn = self._open()

    def _open(self) -> sqlite3.Connection | None:
        conn = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
            conn.executescript(_SCHEMA)
            row = conn.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
            if row is not None and row[0] != self.key:
                self.notice = "Bộ nhớ đệm được tạo bởi phiên bản hoặc cấu hình khác: dựng lại toàn bộ."
                conn.executescript("DELETE FROM records; DELETE FROM pages; DELETE FROM meta;")
            return conn
        except (sqlite3.Error, OSError) as exc:
            if _busy(exc):  # another program holds it: sound, only not ours to use now
                if conn is not None:
                    conn.close()
                self.notice = BUSY_NOTICE
                self.failed = True
                return None
            return self._start_over(exc)

    def _start_over(self, exc: Exception) -> sqlite3.Connection | None:
        self.notice = f"Bộ nhớ đệm hỏng ({exc.__class__.__name__}): đã xóa và dựng lại toàn bộ."
        try:
            self.path.unlink(missing_ok=True)
            conn = sqlite3.connect(self.path)
            conn.executescript(_SCHEMA)
            return conn
        except (sqlite3.Error, OSError):
            return None  # no cache at all: every build is a full build

    def get(self, kind: str, path: str, digest: str, shape: Any) -> Any | None:
        """The record of type `shape` stored for this path and exactly this digest, or None."""
        return _value(self._rows(kind).get(path), digest, shape)

    def get_encoded(self, kind: str, path: str, digest: str) -> bytes | None:
        """A record's bytes as stored, if valid for this digest and checksum: to decode later, or store again."""
        row = self._rows(kind).get(path)
        if row is None or row[0] != digest or hashlib.sha256(row[2]).hexdigest() != row[1]:
            return None
        return row[2]

    def get_one(self, kind: str, path: str, digest: str, shape: Any) -> Any | None:
        """`get`, reading this one record alone: for a kind of many records of which a build reads few."""
        if kind in self.stored or self.conn is None:
            return self.get(kind, path, digest, shape)
        try:
            query = "SELECT digest, checksum, data FROM records WHERE kind = ? AND path = ?"
            return _value(self.conn.execute(query, (kind, path)).fetchone(), digest, shape)
        except sqlite3.Error:
            return None

    def digests(self, kind: str) -> dict[str, str]:
        """The path and digest of every record of one kind, without reading the records."""
        if kind in self.stored or self.conn is None:
            return {path: row[0] for path, row in self._rows(kind).items()}
        try:
            return dict(self.conn.execute("SELECT path, digest FROM records WHERE kind = ?", (kind,)))
        except sqlite3.Error:
            return {}

    def _rows(self, kind: str) -> dict[str, tuple[str, str, bytes]]:
        """All records of one kind in one query: a query per record pays SQLite's statement cost each time."""
        if kind not in self.stored:
            rows: dict[str, tuple[str, str, bytes]] = {}
            if self.conn is not None:
                try:
                    query = "SELECT path, digest, checksum, data FROM records WHERE kind = ?"
                    rows = {
                        path: (digest, checksum, data)
                        for path, digest, checksum, data in self.conn.execute(query, (kind,))
                    }
                except sqlite3.Error:
                    rows = {}
            self.stored[kind] = rows
        return self.stored[kind]

    def put(self, kind: str, path: str, digest: str, value: Any) -> None:
        self.put_encoded(kind, path, digest, encoded(value))

    def put_encoded(self, kind: str, path: str, digest: str, data: bytes) -> None:
        """`put`, for a value encoded already (by a worker process, with `encoded`)."""
        self.pending[(kind, path)] = (digest, hashlib.sha256(data).hexdigest(), data)

    def _insert_pending(self, conn: sqlite3.Connection) -> None:
        """Within a transaction: write every record put since the last write."""
        conn.executemany(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)",
            [(kind, path, *value) for (kind, path), value in sorted(self.pending.items())],
        )

    def flush(self) -> None:
        """Write the records put so far, so that they need not stay in memory until `save`.

        Records are valid for their digest whatever becomes of this build; `save` still decides
        which paths are kept, and the pages.
        """
        if self.conn is None or not self.pending:
            return
        try:
            with self.conn:
                self._insert_pending(self.conn)
            self.pending.clear()
        except sqlite3.Error:
            pass  # kept pending: `save` tries again

    def forget_pages(self) -> None:
        """Render every page in this build: what some show changed though no article's digest did
        (a lead image now found in another place: build.load_articles). Rare enough to need no more."""
        self.forgotten = True

    def page_fingerprints(self, out: Path) -> dict[str, str]:
        """The fingerprints of the pages last written into the output folder `out` (none if forgotten).

        Kept per folder: a preview or a build into --out must neither reuse nor spoil public/.
        """
        return {} if self.forgotten else dict(self._page_rows(out))

    def _page_rows(self, out: Path) -> dict[str, str]:
        if out not in self.pages:
            try:
                query = "SELECT output_path, fingerprint FROM pages WHERE out = ?"
                self.pages[out] = dict(self.conn.execute(query, (str(out),))) if self.conn is not None else {}
            except sqlite3.Error:
                self.pages[out] = {}
        return self.pages[out]

    def page_count(self, out: Path) -> int:
        """How many pages the last build wrote into `out`, without reading them."""
        try:
            query = "SELECT count(*) FROM pages WHERE out = ?"
            return self.conn.execute(query, (str(out),)).fetchone()[0] if self.conn is not None else 0
        except sqlite3.Error:
            return 0

    def save(self, kept: dict[str, set[str]], out: Path | None, pages: dict[str, str]) -> dict[str, list[str]]:
        """Commit in one transaction: new records, records of `kept` paths only, the pages of `out`.

        Returns the paths whose records were removed, by kind.
        """
        removed: dict[str, list[str]] = {}
        if self.conn is None:
            self.failed = True
            return removed
        try:
            with self.conn:
                self._insert_pending(self.conn)
                for kind, paths in kept.items():
                    stored = [row[0] for row in self.conn.execute("SELECT path FROM records WHERE kind = ?", (kind,))]
                    removed[kind] = sorted(p for p in stored if p not in paths)
                    self.conn.executemany(
                        "DELETE FROM records WHERE kind = ? AND path = ?", [(kind, p) for p in removed[kind]]
                    )
                if out is not None:
                    folders = [row[0] for row in self.conn.execute("SELECT DISTINCT out FROM pages")]
                    for folder in folders:  # those deleted since (old previews)
                        if folder != str(out) and not Path(folder).is_dir():
                            self.conn.execute("DELETE FROM pages WHERE out = ?", (folder,))
                    # Only the rows that changed: after an edit, a few among all the site's pages.
                    written = dict(self._page_rows(out))
                    self.conn.executemany(
                        "DELETE FROM pages WHERE out = ? AND output_path = ?",
                        sorted((str(out), path) for path in written if path not in pages),
                    )
                    self.conn.executemany(
                        "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
                        sorted((str(out), path, fp) for path, fp in pages.items() if written.get(path) != fp),
                    )
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (self.key,))
            self.pending.clear()
            self.stored.clear()
            self.pages.clear()
        except sqlite3.Error:
            self.failed = True
            return {}  # the cache is disposable: the next build starts over
        return removed

    def remember_urls(self, before: dict[str, str], now: dict[str, str], digest: str) -> None:
        """Each published article's URL by source (urlhistory.py), kept when the rest is emptied for
        another version or config: those are the very changes that move articles. `before` is what
        the table held (urlhistory.stored_urls), `digest` that of `now`, kept in the row of path "";
        only the rows that changed are written."""
        if self.conn is None or before is now:
            return
        try:
            with self.conn:
                self.conn.executemany("DELETE FROM urls WHERE path = ?", sorted((p,) for p in before if p not in now))
                self.conn.executemany(
                    "INSERT OR REPLACE INTO urls VALUES (?, ?)",
                    sorted((p, u) for p, u in now.items() if before.get(p) != u),
                )
                self.conn.execute("INSERT OR REPLACE INTO urls VALUES ('', ?)", (digest,))
        except sqlite3.Error:
            pass  # the cache is disposable: the next build only warns less

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
