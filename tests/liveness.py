"""Helpers for tests of processes and threads: a hang fails instead of blocking, and whatever a
test started is seen to end (imported by test modules as `liveness`)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def wait_for(predicate: Callable[[], object], timeout: float = 30.0, what: str = "", poll: float = 0.02):
    """Poll until `predicate()` is true and return it; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or predicate}")
        time.sleep(poll)


def within(seconds: float, call: Callable[[], object]):
    """`call()`'s value or exception; a failure if it is still running after `seconds` (a hang)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it hangs"
    if "error" in box:
        raise box["error"]
    return box["value"]


def _processes() -> Iterable[tuple[int, str, int, int]]:
    """(pid, state, parent pid, process group) of every process."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            yield int(entry.name), fields[0], int(fields[1]), int(fields[2])


def running(pid: int) -> bool:
    """Whether a process exists and is not a zombie (an orphan's zombie may never be reaped here)."""
    return any(p == pid and state not in ("Z", "X") for p, state, _, _ in _processes())


def live_children(parent: int | None = None) -> set[int]:
    """The running children of `parent` (this process by default)."""
    parent = os.getpid() if parent is None else parent
    return {pid for pid, state, ppid, _ in _processes() if ppid == parent and state not in ("Z", "X")}


def group_members(group: int) -> set[int]:
    """The running processes of a process group (a child started with start_new_session)."""
    return {pid for pid, state, _, pgrp in _processes() if pgrp == group and state not in ("Z", "X")}


def wait_gone(pids: Iterable[int], timeout: float = 30.0) -> None:
    pids = set(pids)
    wait_for(lambda: not any(running(pid) for pid in pids), timeout, f"processes {sorted(pids)} to end")
