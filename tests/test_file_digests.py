"""Input files are read again only when their stat changed, and no edit ever goes unseen."""

import hashlib
import os

import pytest

from frontnews.incremental import file_digests as filedigests
from frontnews.incremental.build_cache import BuildCache
from frontnews.incremental.file_digests import FileDigests
from sitefactory import article, build_site, read_tree, write_site


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_unchanged_file_is_not_read_again(tmp_path, monkeypatch):
    monkeypatch.setattr(filedigests, "RACY_NS", 0)
    file = tmp_path / "a.md"
    file.write_text("một", encoding="utf-8")
    first = FileDigests()
    assert first.digest(str(file)) == _sha(file) and first.read == 1
    second = FileDigests(first.seen)
    assert second.digest(str(file)) == _sha(file) and second.read == 0
    assert not second.changed()


def test_same_size_and_mtime_but_new_bytes_is_seen_by_the_change_time(tmp_path, monkeypatch):
    monkeypatch.setattr(filedigests, "RACY_NS", 0)
    file = tmp_path / "a.md"
    file.write_text("một", encoding="utf-8")
    known = FileDigests()
    known.digest(str(file))
    before = file.stat()
    file.write_text("hai", encoding="utf-8")  # as many bytes
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    again = FileDigests(known.seen)
    assert again.digest(str(file)) == _sha(file) and again.read == 1


def test_a_file_written_just_now_is_not_trusted_by_its_stat(tmp_path):
    file = tmp_path / "a.md"
    file.write_text("một", encoding="utf-8")
    digests = FileDigests()
    digests.digest(str(file))
    assert str(file) not in digests.seen  # a second write in the same clock tick could keep the stat


def test_a_damaged_record_means_reading_everything(tmp_path):
    file = tmp_path / "a.md"
    file.write_text("một", encoding="utf-8")
    cache = BuildCache(tmp_path, "site")
    cache.put(filedigests.CACHE_KIND, "inputs", "-", {str(file): "not a stat and a digest"})
    cache.save({}, None, {})
    cache.close()
    known = BuildCache(tmp_path, "site").get(filedigests.CACHE_KIND, "inputs", "-", filedigests.Known)
    assert known is None
    digests = FileDigests(known)
    assert digests.digest(str(file)) == _sha(file) and digests.read == 1


@pytest.mark.slow
def test_a_rebuild_after_a_same_size_edit_equals_a_clean_build(make_site, tmp_path, monkeypatch):
    monkeypatch.setattr(filedigests, "RACY_NS", 0)
    root = make_site({"content/tin/a.md": article("Bài A", body="Nội dung một."), "content/tin/b.md": article("Bài B")})
    assert build_site(root).ok
    file = root / "content/tin/a.md"
    before = file.stat()
    file.write_text(article("Bài A", body="Nội dung hai."), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert build_site(root).written >= 1
    clean = tmp_path / "clean"
    assert build_site(root, out=clean).ok
    assert read_tree(root / "public") == read_tree(clean)


@pytest.mark.slow
def test_a_build_stats_each_article_once(tmp_path, monkeypatch):
    """inputs_key hashes content/ first; listing the articles then takes the same digests, unstat'ed."""
    root = write_site(tmp_path / "site", {f"content/tin/a{k}.md": article(f"Bài {k}") for k in range(2)})
    listed = []
    once = FileDigests.once

    def spy(self, path, st):
        listed.append(path in self.taken)
        return once(self, path, st)

    monkeypatch.setattr(FileDigests, "once", spy)
    report = build_site(root)
    assert report.ok and report.articles == 2 and listed == [True, True]
    digests = FileDigests()
    assert (
        digests.once(str(root / "content/tin/a0.md"), lambda: os.stat(root / "content/tin/a0.md"))
        == _sha(root / "content/tin/a0.md")
        and digests.read == 1
    )
    assert (
        digests.once(str(root / "content/tin/a0.md"), lambda: pytest.fail("stat again"))
        == _sha(root / "content/tin/a0.md")
        and digests.read == 1
    )
