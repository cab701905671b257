"""BuildCache: records valid for one digest, read in bulk or one at a time."""

from __future__ import annotations

import hashlib
import sqlite3

from frontnews.incremental.build_cache import BuildCache


def saved(tmp_path, records):
    cache = BuildCache(tmp_path, "site")
    for path, digest, value in records:
        cache.put("stamp", path, digest, value)
    cache.save({}, None, {})
    cache.close()
    return BuildCache(tmp_path, "site")


def test_one_record_is_read_alone_and_only_for_its_digest(tmp_path):
    cache = saved(tmp_path, [("a.md", "1" * 64, ("a", 1)), ("b.md", "2" * 64, ("b", 2))])
    assert cache.digests("stamp") == {"a.md": "1" * 64, "b.md": "2" * 64}
    assert cache.get_one("stamp", "b.md", "2" * 64) == ("b", 2)
    assert cache.get_one("stamp", "b.md", "3" * 64) is None  # another version of the file
    assert cache.get_one("stamp", "c.md", "2" * 64) is None
    assert "stamp" not in cache.stored  # nothing read in bulk
    assert cache.get("stamp", "a.md", "1" * 64) == ("a", 1)  # read in bulk, then the same answers
    assert cache.get_one("stamp", "b.md", "2" * 64) == ("b", 2)
    assert cache.digests("stamp") == {"a.md": "1" * 64, "b.md": "2" * 64}


def test_a_damaged_record_read_alone_is_no_record(tmp_path):
    saved(tmp_path, [("a.md", "1" * 64, ("a", 1))]).close()
    with sqlite3.connect(tmp_path / ".frontnews-cache" / "build.sqlite") as conn:
        conn.execute("UPDATE records SET data = substr(data, 1, 5) WHERE path = 'a.md'")
    cache = BuildCache(tmp_path, "site")
    assert cache.digests("stamp") == {"a.md": "1" * 64}
    assert cache.get_one("stamp", "a.md", "1" * 64) is None


def test_a_record_naming_a_module_that_moved_is_no_record(tmp_path):
    """Records pickle class paths: after a module moves, an old record reads as none, not a traceback."""
    saved(tmp_path, [("a.md", "1" * 64, ("a", 1))]).close()
    moved = b"cfrontnews.cache\nStamp\n."  # pickle's GLOBAL opcode: a class of a module that moved
    with sqlite3.connect(tmp_path / ".frontnews-cache" / "build.sqlite") as conn:
        conn.execute("UPDATE records SET data = ?, checksum = ? WHERE path = 'a.md'",
                     (moved, hashlib.sha256(moved).hexdigest()))
    cache = BuildCache(tmp_path, "site")
    assert cache.get_one("stamp", "a.md", "1" * 64) is None
    assert cache.get("stamp", "a.md", "1" * 64) is None
