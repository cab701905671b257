"""A worker killed during a build (what the OOM killer does) fails the build with FN330, in
`build` and in `serve`, and Ctrl-C to the process group during a (re)build stops everything at
once, without tracebacks. Workers are killed or held by FRONTNEWS_TEST_WORKER (processes.py)."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from frontnews.incremental.build_cache import CACHE_DIR
from frontnews.processes import FAULT_VARIABLE, HOLD_LINE
from frontnews.serve.server import PreviewServer
from frontnews.workers import MIN_ITEMS, can_fork, default_jobs
from liveness import group_members, live_children, wait_for, wait_gone
from sitefactory import article, build_site, read_tree, write_site

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not can_fork(), reason="worker processes are forked")]
# `frontnews build` and `serve` choose their number of workers: one per core.
several_cores = pytest.mark.skipif(default_jobs() < 2, reason="the commands start workers only with 2 cores or more")

ARTICLES = MIN_ITEMS + 6  # enough for the pool
ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONUNBUFFERED": "1"}


def many_articles(root: Path) -> Path:
    return write_site(
        root,
        {
            f"content/tin-tuc/bai-{n:03}.md": article(f"Hội nghị thứ {n}", slug=f"bai-{n:03}", tags="[hội nghị]")
            for n in range(ARTICLES)
        },
    )


def retitle(root: Path, title: str) -> None:
    """A config edit: every article is read again and every page rendered again."""
    config = root / "frontnews.yaml"
    config.write_text(
        "\n".join(
            f"title: {title}" if line.startswith("title:") else line
            for line in config.read_text(encoding="utf-8").splitlines()
        )
        + "\n",
        encoding="utf-8",
    )


def clean_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", CACHE_DIR))
    assert build_site(clean, jobs=1).ok
    return read_tree(clean / "public")


@pytest.fixture(autouse=True)
def no_children_left():
    before = live_children()
    yield
    wait_gone(live_children() - before)


@pytest.mark.parametrize("stage, path", [("load_articles", "content/tin-tuc/bai-000.md"), ("_render_all", ".")])
def test_a_killed_worker_fails_the_build_keeps_the_site_and_the_next_build_is_right(tmp_path, monkeypatch, stage, path):
    root = many_articles(tmp_path / "site")
    assert build_site(root, jobs=2).ok
    before = read_tree(root / "public")
    retitle(root, "Trang mới")
    monkeypatch.setenv(FAULT_VARIABLE, f"kill:{stage}")
    report = build_site(root, jobs=2)
    assert [(d.code, d.path) for d in report.errors] == [("FN330", path)]
    assert "SIGKILL" in report.errors[0].message and not report.ok
    assert read_tree(root / "public") == before  # nothing published

    monkeypatch.delenv(FAULT_VARIABLE)
    report = build_site(root, jobs=2)
    assert report.ok and report.diagnostics == ()
    assert read_tree(root / "public") == clean_build(root, tmp_path)


def start(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[subprocess.Popen, queue.Queue[str]]:
    """A frontnews command in its own process group (as a terminal runs it); stderr lines in a queue."""
    process = subprocess.Popen(
        [sys.executable, "-m", "frontnews.cli.main", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=lambda s=stream: [lines.put(line) for line in s], daemon=True).start()
    return process, lines


def read_until(lines: queue.Queue[str], text: str, seen: list[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not any(text in line for line in seen):
        assert time.monotonic() < deadline, f"no line with {text!r} in {timeout} s:\n{''.join(seen)}"
        with contextlib.suppress(queue.Empty):
            seen.append(lines.get(timeout=0.5))


def finish(process: subprocess.Popen, lines: queue.Queue[str], seen: list[str]) -> str:
    """Wait for the command's end (a hang fails the test) and give everything it printed."""
    try:
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    time.sleep(0.2)  # the reader threads take the last lines
    while not lines.empty():
        seen.append(lines.get())
    return "".join(seen)


@several_cores
def test_build_command_with_a_killed_worker_exits_1_with_fn330(tmp_path):
    root = many_articles(tmp_path / "site")
    process, lines = start(["build"], root, {**ENV, FAULT_VARIABLE: "kill:load_articles"})
    printed = finish(process, lines, [])
    assert process.returncode == 1, printed
    assert "FN330" in printed and "SIGKILL" in printed and "Traceback" not in printed
    assert not (root / "public").exists()
    assert not group_members(process.pid)


@several_cores
def test_ctrl_c_during_build_stops_every_process_at_once_without_tracebacks(tmp_path):
    root = many_articles(tmp_path / "site")
    assert build_site(root).ok
    before = read_tree(root / "public")
    retitle(root, "Trang mới")
    process, lines = start(["build"], root, {**ENV, FAULT_VARIABLE: "hold:_render_all"})
    seen: list[str] = []
    read_until(lines, HOLD_LINE, seen)  # a worker is rendering, and would never finish
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    printed = finish(process, lines, seen)
    assert process.returncode == 130, printed
    assert "Traceback" not in printed and "KeyboardInterrupt" not in printed
    assert not group_members(process.pid)  # the held worker too
    assert read_tree(root / "public") == before


@several_cores
def test_serve_shows_fn330_for_a_killed_worker_then_the_next_save(tmp_path, monkeypatch):
    root = many_articles(tmp_path / "site")
    server = PreviewServer(root, port=0).start()
    try:
        monkeypatch.setenv(FAULT_VARIABLE, "kill:load_articles")
        retitle(root, "Trang hỏng")
        wait_for(
            lambda: not server.building and any(d.code == "FN330" for d in server.state.diagnostics),
            60,
            "FN330 on the error page",
        )
        assert server.state.report is not None and not server.state.ok
        monkeypatch.delenv(FAULT_VARIABLE)
        retitle(root, "Trang đã lành")
        wait_for(
            lambda: server.state.ok and "Trang đã lành" in (server.out / "index.html").read_text("utf-8"),
            60,
            "the site after the next save",
        )
    finally:
        server.stop()


@several_cores
def test_ctrl_c_during_a_serve_rebuild_stops_at_once_without_tracebacks(tmp_path):
    root = many_articles(tmp_path / "site")
    assert build_site(root).ok  # the articles are cached: serve's first build starts no reading worker
    process, lines = start(["serve", "--port", "0"], root, {**ENV, FAULT_VARIABLE: "hold:load_articles"})
    seen: list[str] = []
    read_until(lines, "Xem trước tại", seen)
    retitle(root, "Trang mới")  # every article is read again: a worker holds
    read_until(lines, HOLD_LINE, seen)
    os.killpg(process.pid, signal.SIGINT)
    printed = finish(process, lines, seen)
    assert process.returncode == 0, printed
    assert "Đã dừng máy chủ xem trước" in printed
    assert "Traceback" not in printed and "KeyboardInterrupt" not in printed
    assert not group_members(process.pid)


@several_cores
def test_stopping_serve_during_a_rebuild_ends_its_workers_and_its_rebuild_thread(tmp_path, monkeypatch, capfd):
    root = many_articles(tmp_path / "site")
    assert build_site(root).ok
    server = PreviewServer(root, port=0).start()
    try:
        monkeypatch.setenv(FAULT_VARIABLE, "hold:load_articles")
        retitle(root, "Trang mới")
        printed: list[str] = []
        wait_for(
            lambda: printed.append(capfd.readouterr().err) or HOLD_LINE in "".join(printed), 60, "a worker to hold"
        )
    finally:
        server.stop()  # a worker that would never finish its chunk
    assert not server.building
    assert "frontnews-rebuild" not in [thread.name for thread in threading.enumerate()]
