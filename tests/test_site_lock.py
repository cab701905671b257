"""One build of a site at a time (render/site_lock.py), and a busy cache is never deleted."""

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from frontnews.incremental.build_cache import BUSY_NOTICE, CACHE_DIR, CACHE_FILE
from frontnews.render import site_lock
from frontnews.render.site_lock import SiteLock
from sitefactory import article, build_site, read_tree, write_site

NOW = "2026-01-01T00:00+00:00"


def site_files(body="Nội dung."):
    return {f"content/tin/a{k}.md": article(f"Bài {k}", date=f"0{k + 1}/10/2024 08:00", body=body) for k in range(5)}


def start_build(root, log, **env):
    return subprocess.Popen(
        [sys.executable, "-m", "frontnews.cli.main", "build", str(root), "--now", NOW],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


def wait_for(predicate, seconds=120.0):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def clean_tree(root, tmp_path):
    clean = write_site(
        tmp_path / "clean",
        {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()},
    )
    assert build_site(clean).ok
    return read_tree(clean / "public")


def test_the_cache_folder_name_is_the_caches():
    assert site_lock.CACHE_DIR == CACHE_DIR


@pytest.mark.slow
def test_two_builds_at_once_take_turns_and_leave_a_right_site(tmp_path):
    """Overlapping builds used to swap pages over each other and save fingerprints of neither."""
    root = write_site(tmp_path / "site", site_files())
    assert build_site(root).ok
    for k in range(5):
        (root / f"content/tin/a{k}.md").write_text(
            article(f"Bài {k}", date=f"0{k + 1}/10/2024 08:00", body="Nội dung mới."), encoding="utf-8"
        )
    logs = [tmp_path / "mot.txt", tmp_path / "hai.txt"]
    with SiteLock(root) as held:  # both start while a build holds the site: both wait
        assert held.fd is not None
        children = [start_build(root, log.open("w")) for log in logs]
        wait_for(lambda: all("đang được dựng bởi tiến trình" in log.read_text(encoding="utf-8") for log in logs))
        assert f"tiến trình {os.getpid()}" in logs[0].read_text(encoding="utf-8")
    assert [child.wait(timeout=300) for child in children] == [0, 0]
    after = build_site(root)
    assert (after.rendered, after.written, after.notice) == (0, 0, None)
    assert read_tree(root / "public") == clean_tree(root, tmp_path)


def test_a_build_that_cannot_wait_says_who_holds_the_site(tmp_path):
    root = write_site(tmp_path / "site", site_files())
    with SiteLock(root):
        result = subprocess.run(
            [sys.executable, "-m", "frontnews.cli.main", "build", str(root), "--now", NOW],
            env={**os.environ, "FRONTNEWS_LOCK_WAIT": "0"},
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 1
    assert (
        f".frontnews-cache/build.lock: FN314 Một lần dựng khác của trang này (tiến trình {os.getpid()}) "
        "vẫn chưa xong sau 0 giây chờ"
    ) in result.stderr
    assert not (root / "public").exists()
    assert build_site(root).ok  # released: the next one runs


@pytest.mark.slow
def test_a_busy_cache_is_no_cache_this_time_never_a_deletion(tmp_path):
    """Another program held the database's lock: the build called the cache corrupt and deleted it.
    Its output must also never be reused later by fingerprints that do not describe it."""
    root = write_site(tmp_path / "site", site_files())
    assert build_site(root).ok
    v1 = read_tree(root / "public")
    database = root / CACHE_DIR / CACHE_FILE
    inode = database.stat().st_ino
    (root / "content/tin/a0.md").write_text(article("Bài 0", date="01/10/2024 08:00", body="Sửa."), encoding="utf-8")
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        busy = build_site(root)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert busy.ok and busy.notice == BUSY_NOTICE and busy.rendered == busy.pages
    assert database.stat().st_ino == inode
    with sqlite3.connect(database) as check:
        assert check.execute("SELECT count(*) FROM records").fetchone()[0] > 0
    (root / "content/tin/a0.md").write_text(site_files()["content/tin/a0.md"], encoding="utf-8")  # reverted
    report = build_site(root)
    assert report.ok and read_tree(root / "public") == v1
    assert build_site(root).rendered == 0
