"""The life of the processes `workers` forks: started with Ctrl-C ignored, stopped at once, never waited for in vain.

A terminal's Ctrl-C reaches every process of its group. Children ignore it and die on SIGTERM
(whatever handler the parent set, e.g. serve's), so the parent alone decides and stops them at
once: no traceback from each child, no wait for their chunks. A child that dies all the same
(the OOM killer) is seen by its sentinel and raises `WorkerLost`, which the build reports as
FN330. `Stoppable` lets another thread stop the children of the work it wraps (`serve` on Ctrl-C).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing.util  # noqa: F401 - its exit handler (join children) is registered before ours
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.process import BaseProcess

from .diagnostics import Diagnostic, diag

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
# Tests only: "kill:NAME" or "hold:NAME" makes the child that takes the first chunk of work whose
# qualified name contains NAME (load_articles, _render_all, _find, _remade, scan) kill itself with
# SIGKILL, or print HOLD_LINE and wait for ever, before it starts. Unset in real use.
FAULT_VARIABLE = "FRONTNEWS_TEST_WORKER"
HOLD_LINE = "frontnews: FRONTNEWS_TEST_WORKER hold"


class Stopped(BaseException):
    """The work was stopped from another thread (`Stoppable.stop`); not an error of the work.

    A BaseException, like KeyboardInterrupt: the `except Exception` of a stage must not take it
    for a failure to recover from.
    """


class WorkerLost(Exception):
    """A child process died before it sent its result (killed, out of memory)."""

    def __init__(self, exitcode: int | None, files: tuple[str, ...] = ()) -> None:
        self.exitcode = exitcode
        self.files = files  # what it was working on, when the items are files
        super().__init__(f"a worker process died ({_reason(exitcode)})")

    def diagnostic(self) -> Diagnostic:
        where = ""
        if self.files:
            more = f" cùng {len(self.files) - 1} tệp khác" if len(self.files) > 1 else ""
            where = f" Lúc đó tiến trình đang xử lý tệp này{more}."
        return diag("FN330", self.files[0] if self.files else ".", 0, reason=_reason(self.exitcode), where=where)


def _reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return f"bị dừng bằng tín hiệu {name}" + (", thường do máy hết bộ nhớ" if name == "SIGKILL" else "")
    return f"thoát với mã {exitcode}" if exitcode is not None else "không rõ lý do"


class Stoppable:
    """The children started by work run `with stoppable.running():`, which `stop()` ends from any thread.

    After `stop()`, the work raises `Stopped` at its next chunk, pool or `Ahead` result, and
    never starts a child again. Children the work left running end with the `with` block.
    """

    def __init__(self) -> None:
        self.stopped = False
        self._lock = threading.Lock()
        self._children: set[BaseProcess] = set()

    @contextmanager
    def running(self) -> Iterator[Stoppable]:
        previous = getattr(_local, "current", None)
        _local.current = self
        try:
            yield self
        finally:
            _local.current = previous
            self.terminate_all()

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
        self.terminate_all()

    def check(self) -> None:
        if self.stopped:
            raise Stopped

    def terminate_all(self) -> None:
        # Under the lock: a child is forgotten (`finished`) before it is joined, so a pid
        # signalled here is never one already reaped and reused.
        with self._lock:
            for child in self._children:
                if child.exitcode is None:
                    child.terminate()

    def start(self, child: BaseProcess) -> None:
        """Start `child` with Ctrl-C and SIGTERM held until it has set its own handlers (become_child)."""
        self.check()
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            child.start()
            with self._lock:
                self._children.add(child)
                if self.stopped:
                    child.terminate()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def finished(self, child: BaseProcess, terminate: bool = False) -> None:
        """Forget `child`, end it if asked (or if it outlived its use), and reap it."""
        with self._lock:
            self._children.discard(child)
            if terminate and child.exitcode is None:
                child.terminate()
        child.join(5)
        if child.exitcode is None:  # stuck in the kernel: SIGKILL cannot be caught
            child.kill()
            child.join()


_local = threading.local()
_everywhere = Stoppable()  # the children of work run outside any `running()` block


def current() -> Stoppable:
    """The Stoppable of the work this thread runs."""
    return getattr(_local, "current", None) or _everywhere


def become_child() -> None:
    """First thing in a child: the signals as the module's docstring says, and the collector."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    gc.enable()  # collect as usual, even when forked from a build that paused the collector


def fault_for_tests(work: Callable) -> None:
    """FAULT_VARIABLE's fault, if it names `work`; called by the child that takes the first chunk."""
    action, _, name = os.environ.get(FAULT_VARIABLE, "").partition(":")
    target = getattr(work, "func", work)  # a functools.partial names its function
    if not name or name not in getattr(target, "__qualname__", ""):
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "hold":
        print(f"{HOLD_LINE} {os.getpid()}", file=sys.stderr, flush=True)
        while True:
            time.sleep(3600)


def _after_fork_in_child() -> None:
    # A lock held by another thread of the parent at fork time would never be released here.
    global _everywhere, _local  # noqa: PLW0603 - module state made anew in a forked child
    _everywhere = Stoppable()
    _local = threading.local()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
# Children whose result was never asked for (a build interrupted by Ctrl-C) end with the process,
# before multiprocessing's own exit handler would wait for them.
atexit.register(_everywhere.terminate_all)
