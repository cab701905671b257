"""A commit that is killed or fails midway never leaves a wrong site for good (render/commit.py).

The build runs in a child process and is stopped at a chosen point of its commit by the test hook
FRONTNEWS_TEST_FAULT (POINT:kill sends it SIGKILL there, POINT:fail raises an I/O error). Each case
runs both ways of committing: "exchange" (the twin switched in one step, Linux) and "per-file"
(what a build does where that is not available, and on CI without a twin: CI=true).
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from frontnews.render.twin import exchange_supported
from sitefactory import article, build_site, read_tree, write_site

NOW = "2026-01-01T00:00+00:00"
BASE = "https://thu.example.vn"
MODES = ["exchange", "per-file"]


def env_for(mode, fault=None):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "FRONTNEWS_TEST_FAULT")}
    if mode == "per-file":
        env["CI"] = "true"
    if fault:
        env["FRONTNEWS_TEST_FAULT"] = fault
    return env


def build_in_child(root, mode, fault=None, user=None, **kwargs):
    command = [sys.executable, "-m", "frontnews.cli.main", "build", str(root), "--now", NOW]
    if user is not None:  # root ignores read-only folders: run as nobody
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, env=env_for(mode, fault), capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(params=MODES)
def mode(request, tmp_path, monkeypatch):
    if request.param == "exchange" and not exchange_supported(tmp_path):
        pytest.skip("this file system cannot exchange two folders")
    monkeypatch.delenv("FRONTNEWS_TEST_FAULT", raising=False)
    if request.param == "per-file":
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    return request.param


def site_files(body="Nội dung đầu."):
    files = {
        f"content/tin/a{k}.md": article(f"Bài {k}", date=f"0{k + 1}/10/2024 08:00", tags=f"[chu-de-{k}]")
        for k in range(6)
    }
    files["content/tin/a0.md"] = article("Bài 0", date="01/10/2024 08:00", tags="[chu-de-0]", body=body)
    return files


def clean_tree(root, tmp_path):
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", ".frontnews-cache", ".public.frontnews"))
    assert build_site(clean).ok
    return read_tree(clean / "public")


def stagings(root):
    return list(root.glob(".public.frontnews/staging-*")) + list(root.glob(".public.staging-*"))


def empty_folders(out):
    return [p for p in out.rglob("*") if p.is_dir() and not any(p.iterdir())]


@pytest.mark.slow
@pytest.mark.parametrize("point", ["commit-begun", "commit-removed", "commit-halfway", "commit-done"])
def test_a_build_killed_in_its_commit_then_reverted_gives_the_right_site(tmp_path, mode, point):
    """Before the commit mark, a kill after the output changed and a revert of the edit left the
    old fingerprints, which matched again: every later build reused the killed build's pages."""
    if mode == "exchange" and point == "commit-removed":
        pytest.skip("an exchange deletes nothing from the output")
    root = write_site(tmp_path / "site", site_files())
    assert build_site(root).ok and build_site(root).ok
    v1 = read_tree(root / "public")
    a0 = root / "content/tin/a0.md"
    a0.write_text(article("Bài 0", date="01/10/2024 08:00", tags="[chu-de-0]", body="Nội dung sửa."), "utf-8")
    (root / "content/tin/a5.md").unlink()  # and pages removed
    v2 = clean_tree(root, tmp_path)
    killed = build_in_child(root, mode, f"{point}:kill")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    during = read_tree(root / "public")
    if mode == "exchange" or point == "commit-begun":
        assert during in (v1, v2)  # never a mix
    if point == "commit-done":
        assert during == v2
    a0.write_text(site_files()["content/tin/a0.md"], "utf-8")  # the edit reverted, a5 back
    (root / "content/tin/a5.md").write_text(site_files()["content/tin/a5.md"], "utf-8")
    report = build_site(root)
    assert report.ok and "dừng giữa chừng" in (report.notice or "")
    assert read_tree(root / "public") == v1
    assert not stagings(root) and not empty_folders(root / "public")
    again = build_site(root)
    assert (again.rendered, again.written, again.notice) == (0, 0, None)


@pytest.mark.slow
def test_after_a_kill_midway_the_next_build_finishes_and_lists_every_change(tmp_path, mode):
    root = write_site(tmp_path / "site", site_files())
    assert build_site(root).ok and build_site(root).ok
    (root / "content/tin/a0.md").write_text(
        article("Bài 0", date="01/10/2024 08:00", tags="[chu-de-0]", body="Nội dung sửa."), "utf-8"
    )
    assert build_in_child(root, mode, "commit-halfway:kill").returncode == -signal.SIGKILL
    report = build_site(root)
    assert report.ok and read_tree(root / "public") == clean_tree(root, tmp_path)
    changed = json.loads((root / "public/.frontnews/changes.json").read_text(encoding="utf-8"))["changed"]
    assert BASE + "/tin-tuc/2024/10/bai-0/" in changed  # against the last complete build
    assert not stagings(root)


@pytest.mark.slow
def test_an_error_midway_says_partly_updated_only_when_it_is(tmp_path, mode):
    root = write_site(tmp_path / "site", site_files())
    assert build_site(root).ok and build_site(root).ok
    before = read_tree(root / "public")
    (root / "content/tin/a0.md").write_text(
        article("Bài 0", date="01/10/2024 08:00", tags="[chu-de-0]", body="Nội dung sửa."), "utf-8"
    )
    failed = build_in_child(root, mode, "commit-halfway:fail")
    assert failed.returncode == 1
    if mode == "exchange":  # the twin was being prepared: the output is as it was, and says so
        assert ": FN303 " in failed.stderr and "Trang đã xuất bản trước đó được giữ nguyên." in failed.stderr
        assert read_tree(root / "public") == before
    else:
        assert ": FN316 " in failed.stderr and "chỉ được cập nhật một phần" in failed.stderr
        assert "giữ nguyên" not in failed.stderr
        assert read_tree(root / "public") != before
    report = build_site(root)
    assert report.ok and read_tree(root / "public") == clean_tree(root, tmp_path)


def _shared_temp_folder():
    """A folder another user can enter (pytest's own is private to root)."""
    folder = Path(__import__("tempfile").mkdtemp(prefix="frontnews-test-ro-"))
    folder.chmod(0o755)
    return folder


@pytest.mark.slow
def test_a_read_only_subfolder(mode):
    """File by file: refused before any rename (FN315). Exchanged: the folder is replaced whole."""
    user = 65534 if os.geteuid() == 0 else None
    if user is not None and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a read-only folder stops nothing")
    base = _shared_temp_folder()
    root = write_site(base / "site", site_files())
    try:
        if user is not None:
            subprocess.run(["chown", "-R", f"{user}:{user}", str(base)], check=True)
        assert build_in_child(root, mode, user=user).returncode == 0
        assert build_in_child(root, mode, user=user).returncode == 0
        before = read_tree(root / "public")
        (root / "content/tin/a0.md").write_text(
            article("Bài 0", date="01/10/2024 08:00", tags="[chu-de-0]", body="Nội dung sửa."), "utf-8"
        )
        locked = root / "public/tin-tuc/2024/10/bai-0"
        locked.chmod(0o555)
        result = build_in_child(root, mode, user=user)
        if mode == "per-file":
            assert result.returncode == 1
            assert ": FN315 Không có quyền ghi vào thư mục tin-tuc/2024/10/bai-0/" in result.stderr
            assert "Trang đã xuất bản trước đó được giữ nguyên." in result.stderr
            assert read_tree(root / "public") == before
            locked.chmod(0o755)
            assert build_in_child(root, mode, user=user).returncode == 0
        else:
            assert result.returncode == 0, result.stderr
            (root / "content/tin/a1.md").write_text(article("Bài 1", date="02/10/2024 08:00", body="Sửa."), "utf-8")
            again = build_in_child(root, mode, user=user)  # its twin now holds the read-only folder
            assert again.returncode == 0, again.stderr
        expected = clean_tree(root, base)
        assert read_tree(root / "public") == expected
    finally:
        for folder in base.rglob("*"):
            if folder.is_dir() and not folder.is_symlink():
                folder.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_the_exchange_keeps_a_twin_of_links_and_rebuilds_cost_the_changes(tmp_path, monkeypatch):
    if not exchange_supported(tmp_path):
        pytest.skip("this file system cannot exchange two folders")
    monkeypatch.delenv("CI", raising=False)
    root = write_site(tmp_path / "site", site_files())
    assert build_site(root).ok
    out, twin = root / "public", root / ".public.frontnews/previous"
    assert not twin.exists()  # a first build is one rename
    (root / "content/tin/a1.md").write_text(article("Bài 1", date="02/10/2024 08:00", body="Sửa."), "utf-8")
    assert build_site(root).ok
    (root / "content/tin/a2.md").write_text(article("Bài 2", date="03/10/2024 08:00", body="Sửa."), "utf-8")
    before = {p: (p.read_bytes(), p.stat().st_ino) for p in out.rglob("*") if p.is_file()}
    assert build_site(root).ok
    same = [p for p, (data, _) in before.items() if p.is_file() and p.read_bytes() == data]
    assert same and all(p.stat().st_ino == before[p][1] for p in same)  # an unchanged file is never copied
    assert read_tree(twin) == read_tree(out)
    for file in out.rglob("*"):
        if file.is_file():
            assert (twin / file.relative_to(out)).stat().st_ino == file.stat().st_ino
    assert (root / ".public.frontnews/.gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert sorted(p.name for p in (root / ".public.frontnews").iterdir()) == [".gitignore", "previous"]


@pytest.mark.slow
def test_empty_folders_of_pages_removed_by_a_killed_build_go_at_the_next_build(tmp_path, monkeypatch):
    """File by file, a build killed after deleting the removed pages' files leaves their folders."""
    monkeypatch.setenv("CI", "true")
    root = write_site(tmp_path / "site", site_files())
    assert build_site(root).ok and build_site(root).ok
    (root / "content/tin/a5.md").unlink()  # its page and its topic's page go
    killed = build_in_child(root, "per-file", "commit-removed:kill")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = {p.relative_to(root / "public").as_posix() for p in empty_folders(root / "public")}
    assert "chu-de/chu-de-5" in left
    report = build_site(root)
    assert report.ok and "dừng giữa chừng" in (report.notice or "")
    assert not empty_folders(root / "public") and not stagings(root)
    assert read_tree(root / "public") == clean_tree(root, tmp_path)
