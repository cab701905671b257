import os

import pytest

from frontnews.render.output import OutputScan, Staging, UnsafePath, safe_path, scan


@pytest.mark.parametrize("relative", ["../x.html", "a/../../x", "/etc/passwd", "", "a\\..\\b"])
def test_safe_path_refuses_escapes(tmp_path, relative):
    with pytest.raises(UnsafePath):
        safe_path(tmp_path, relative)


def test_safe_path_refuses_a_symlink_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    os.symlink(outside, root / "link")
    with pytest.raises(UnsafePath):
        safe_path(root, "link/x.html")
    assert safe_path(root, "a/b/index.html") == (root / "a/b/index.html").resolve()


def test_staging_swaps_in_only_on_commit(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "old.html").write_text("cũ")
    staging = Staging(out)
    staging.write("a/index.html", b"moi")
    assert (out / "old.html").exists() and not (out / "a").exists()
    staging.commit()
    assert (out / "a/index.html").read_bytes() == b"moi" and not (out / "old.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_discard_leaves_output_alone(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("tốt")
    staging = Staging(out)
    staging.write("index.html", b"hong")
    staging.discard()
    assert (out / "index.html").read_text() == "tốt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_unchanged_files_keep_their_modification_time(tmp_path):
    out = tmp_path / "public"
    first = Staging(out)
    first.write("a/index.html", b"giu nguyen")
    first.write("b/index.html", b"cu")
    first.write("c/index.html", b"se xoa")
    first.commit()
    old_time = 1_000_000_000
    os.utime(out / "a/index.html", (old_time, old_time))
    second = Staging(out)
    second.write("a/index.html", b"giu nguyen")
    second.write("b/index.html", b"moi")
    second.write("d/index.html", b"them")
    changes = second.changes()
    second.commit()
    assert (out / "a/index.html").stat().st_mtime == old_time
    assert second.written == ["b/index.html", "d/index.html"] and second.reused == ["a/index.html"]
    assert (changes.added, changes.changed, changes.removed) == (("d/index.html",), ("b/index.html",), ("c/index.html",))
    assert not (out / "c").exists()


def test_previous_files_behind_symlinks_are_never_reused(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "index.html").write_bytes(b"bi mat")
    out = tmp_path / "public"
    out.mkdir()
    os.symlink(secret, out / "a")
    os.symlink(secret / "index.html", out / "b.html")
    staging = Staging(out)
    assert staging.previous == set()
    assert not staging.reuse("a/index.html") and not staging.reuse("b.html")
    staging.write("a/index.html", b"bi mat")
    assert staging.written == ["a/index.html"]
    staging.discard()


def test_commit_never_writes_through_a_symlink_and_prunes_removed_pages(tmp_path):
    outside = tmp_path / "ngoai"
    outside.mkdir()
    out = tmp_path / "public"
    first = Staging(out)
    first.write("cu/index.html", b"trang cu")
    first.write("tin", b"mot tep")
    first.commit()
    os.symlink(outside, out / "a")
    second = Staging(out)
    second.write("a/index.html", b"moi")
    second.write("tin/index.html", b"tep thanh thu muc")
    second.commit()
    assert list(outside.iterdir()) == []
    assert (out / "a").is_dir() and not (out / "a").is_symlink()
    assert (out / "a/index.html").read_bytes() == b"moi"
    assert (out / "tin/index.html").read_bytes() == b"tep thanh thu muc"
    assert not (out / "cu").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ngoai", "public"]


def _folder_with_a_link(tmp_path):
    out = tmp_path / "public"
    (out / "a/b").mkdir(parents=True)
    (out / "a/b/index.html").write_text("trang")
    (out / "x.xml").write_text("<x/>")
    os.symlink(tmp_path, out / "link")
    return out


def test_a_listing_taken_ahead_equals_the_listing_taken_here(tmp_path):
    out = _folder_with_a_link(tmp_path)
    ahead = OutputScan(out, ahead=True)
    assert ahead.process is not None
    assert ahead.result() == scan(out) == ({"a/b/index.html", "x.xml"}, ["link"])
    assert ahead.process is None  # joined once its listing came


def test_a_failed_listing_process_means_listing_here(tmp_path):
    out = _folder_with_a_link(tmp_path)
    ahead = OutputScan(out, ahead=True)
    ahead.process.kill()
    ahead.process.join()
    ahead.receiver.close()  # nothing will come: as if the pipe broke
    (out / "new.html").write_text("mới")
    assert ahead.result() == scan(out) and "new.html" in ahead.result()[0]


def test_an_unneeded_listing_process_is_stopped(tmp_path):
    ahead = OutputScan(_folder_with_a_link(tmp_path), ahead=True)
    process = ahead.process
    ahead.close()
    assert not process.is_alive() and ahead.process is None
