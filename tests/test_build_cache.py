"""BuildCache: records valid for one digest, read in bulk or one at a time."""

from __future__ import annotations

import hashlib
import pickle
import sqlite3

from frontnews.incremental.build_cache import BuildCache

STAMP = tuple[str, int]


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
    assert cache.get_one("stamp", "b.md", "2" * 64, STAMP) == ("b", 2)
    assert cache.get_one("stamp", "b.md", "3" * 64, STAMP) is None  # another version of the file
    assert cache.get_one("stamp", "c.md", "2" * 64, STAMP) is None
    assert "stamp" not in cache.stored  # nothing read in bulk
    assert cache.get("stamp", "a.md", "1" * 64, STAMP) == ("a", 1)  # read in bulk, then the same answers
    assert cache.get_one("stamp", "b.md", "2" * 64, STAMP) == ("b", 2)
    assert cache.digests("stamp") == {"a.md": "1" * 64, "b.md": "2" * 64}


def test_a_damaged_record_read_alone_is_no_record(tmp_path):
    saved(tmp_path, [("a.md", "1" * 64, ("a", 1))]).close()
    with sqlite3.connect(tmp_path / ".frontnews-cache" / "build.sqlite") as conn:
        conn.execute("UPDATE records SET data = substr(data, 1, 5) WHERE path = 'a.md'")
    cache = BuildCache(tmp_path, "site")
    assert cache.digests("stamp") == {"a.md": "1" * 64}
    assert cache.get_one("stamp", "a.md", "1" * 64, STAMP) is None


def test_a_pickle_put_into_the_cache_is_no_record_and_runs_nothing(tmp_path):
    """Records are JSON read by their type: a pickle that runs code when loaded (a CI cache
    restored from a branch anyone could push) is only a damaged record, even with a right checksum."""
    saved(tmp_path, [("a.md", "1" * 64, ("a", 1))]).close()
    marker = tmp_path / "ran"
    payload = pickle.dumps(Runs(str(marker)))
    with sqlite3.connect(tmp_path / ".frontnews-cache" / "build.sqlite") as conn:
        conn.execute(
            "UPDATE records SET data = ?, checksum = ? WHERE path = 'a.md'",
            (payload, hashlib.sha256(payload).hexdigest()),
        )
    cache = BuildCache(tmp_path, "site")
    assert cache.get_one("stamp", "a.md", "1" * 64, STAMP) is None
    assert cache.get("stamp", "a.md", "1" * 64, STAMP) is None
    assert not marker.exists()
    pickle.loads(payload)  # what unpickling it would have done
    assert marker.exists()


def test_a_record_of_another_shape_is_no_record(tmp_path):
    cache = saved(tmp_path, [("a.md", "1" * 64, ("a", "b")), ("b.md", "2" * 64, ["b", 2, 3])])
    assert cache.get("stamp", "a.md", "1" * 64, STAMP) is None
    assert cache.get("stamp", "b.md", "2" * 64, STAMP) is None


class Runs:
    """Pickled as a call of open(): loading the pickle creates the file."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))
