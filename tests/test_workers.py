"""The worker processes: results in order, a dead worker raises instead of hanging, Ctrl-C is the
parent's alone, and nothing is left running. Real forked processes, killed by real signals."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from frontnews.processes import FAULT_VARIABLE, Stoppable, Stopped, WorkerLost
from frontnews.workers import Ahead, RemoteTraceback, can_fork, run_chunks
from liveness import live_children, wait_for, wait_gone, within

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


@pytest.fixture(autouse=True)
def no_children_left():
    before = live_children()
    yield
    wait_gone(live_children() - before)


def flat(chunks) -> list:
    return [x for chunk in chunks for x in chunk]


def test_results_come_in_order_as_in_one_process():
    def work(chunk):
        time.sleep(0.01 * (chunk[0] % 3))  # chunks finish out of order
        return [x * x for x in chunk]

    assert flat(run_chunks(work, range(1000), jobs=3, chunk_size=20)) == [x * x for x in range(1000)]
    assert flat(run_chunks(work, range(1000), jobs=1)) == [x * x for x in range(1000)]


def test_a_killed_worker_raises_worker_lost_naming_its_files():
    class Item:
        def __init__(self, n: int) -> None:
            self.path = f"content/bai-{n}.md"

    items = [Item(n) for n in range(300)]

    def work(chunk):
        if chunk[0].path == "content/bai-128.md":  # the third chunk: after others have come back
            os.kill(os.getpid(), signal.SIGKILL)
        return [item.path for item in chunk]

    with pytest.raises(WorkerLost) as lost:
        within(60, lambda: flat(run_chunks(work, items, jobs=2)))
    assert lost.value.exitcode == -signal.SIGKILL
    assert lost.value.files == tuple(f"content/bai-{n}.md" for n in range(128, 192))
    problem = lost.value.diagnostic()
    assert (problem.code, problem.path, problem.is_error) == ("FN330", "content/bai-128.md", True)
    assert "SIGKILL" in problem.message and "63 tệp khác" in problem.message


def test_the_test_hook_kills_the_worker_of_the_named_work(monkeypatch):
    def lose_this_one(chunk):
        return list(chunk)

    def keep_this_one(chunk):
        return list(chunk)

    monkeypatch.setenv(FAULT_VARIABLE, "kill:lose_this_one")
    assert flat(within(60, lambda: list(run_chunks(keep_this_one, range(200), jobs=2)))) == list(range(200))
    with pytest.raises(WorkerLost) as lost:
        within(60, lambda: list(run_chunks(lose_this_one, range(200), jobs=2)))
    assert lost.value.exitcode == -signal.SIGKILL and lost.value.files == ()


def test_an_exception_in_a_worker_is_raised_with_its_traceback():
    def work(chunk):
        if 100 in chunk:
            raise ValueError("hỏng ở 100")
        return list(chunk)

    with pytest.raises(ValueError, match="hỏng ở 100") as caught:
        within(60, lambda: list(run_chunks(work, range(200), jobs=2)))
    assert isinstance(caught.value.__cause__, RemoteTraceback) and "in work" in str(caught.value.__cause__)


def test_leaving_early_ends_the_workers():
    def work(chunk):
        if chunk[0] >= 64:
            time.sleep(3600)  # only ended by the parent
        return list(chunk)

    results = run_chunks(work, range(640), jobs=2)
    assert next(results) == list(range(64))
    within(60, results.close)  # the fixture checks that no worker is left


def test_workers_ignore_ctrl_c_and_die_on_sigterm_whatever_the_parent_set():
    def masks(chunk):
        os.kill(os.getpid(), signal.SIGINT)  # what a terminal's Ctrl-C does to the whole group
        status = dict(
            line.split(":\t")
            for line in Path("/proc/self/status").read_text().splitlines()
            if line.startswith(("SigIgn", "SigCgt"))
        )
        return [(int(status["SigIgn"], 16), int(status["SigCgt"], 16))] * len(chunk)

    previous = signal.signal(signal.SIGTERM, lambda *_: None)  # as `frontnews serve` catches SIGTERM
    try:
        ignored, caught = flat(within(60, lambda: list(run_chunks(masks, range(128), jobs=2))))[0]
    finally:
        signal.signal(signal.SIGTERM, previous)
    sigint, sigterm = 1 << (signal.SIGINT - 1), 1 << (signal.SIGTERM - 1)  # bits of /proc's masks
    assert ignored & sigint
    assert not caught & sigterm and not ignored & sigterm


def test_stop_from_another_thread_ends_the_pool_at_once(tmp_path):
    started = tmp_path / "started"

    def work(chunk):
        started.write_text("x")
        time.sleep(3600)

    stoppable = Stoppable()

    def build():
        with stoppable.running():
            list(run_chunks(work, range(200), jobs=2))

    threading.Thread(
        target=lambda: (wait_for(started.exists, what="the worker to start"), stoppable.stop()), daemon=True
    ).start()
    with pytest.raises(Stopped):
        within(60, build)
    with pytest.raises(Stopped), stoppable.running():  # and it never starts again
        list(run_chunks(list, range(10), jobs=1))


def test_ahead_gives_its_value_or_does_the_work_here_if_its_process_dies():
    assert within(60, Ahead(lambda: [1, 2, 3]).result) == [1, 2, 3]
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "made here"

    assert within(60, Ahead(work).result) == "made here"


def test_ahead_whose_process_dies_while_its_own_pool_runs_does_not_wait_for_that_pool(tmp_path):
    """The pool's workers inherit the Ahead's pipe: the parent must not wait for its end of file."""
    parent = os.getpid()
    pids = tmp_path / "pids"

    def inner(chunk):
        if os.getppid() != parent:  # a worker of the Ahead process's own pool
            with open(pids, "a") as f:
                f.write(f"{os.getpid()}\n")
            if chunk[0] == 0:
                os.kill(os.getppid(), signal.SIGKILL)
                time.sleep(0.5)  # the other worker is waiting for a chunk meanwhile
        return list(chunk)

    def work():
        return flat(run_chunks(inner, range(256), jobs=2))

    assert within(60, Ahead(work).result) == list(range(256))
    wait_gone([int(line) for line in pids.read_text().split()])  # the orphaned workers ended too
