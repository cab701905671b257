"""Run a function over many items on all cores, in order, or one function ahead, in another process."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting processes costs more than it saves.
MIN_ITEMS = 64

_work: Callable | None = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


CHUNK = 64


def chunked(items: Sequence[T], size: int = CHUNK) -> list[Sequence[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def run_chunks(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int | None = None,
               chunk_size: int = CHUNK) -> Iterator[list[R]]:
    """Yield `work(chunk)` for consecutive chunks of `items`, in order.

    Workers are forked, so `work` and everything it reads (planned pages, the Jinja environment)
    are inherited, not pickled; only the chunks' results travel back. Results come in order, so
    output does not depend on scheduling.
    """
    global _work  # noqa: PLW0603 - forked workers inherit `work` through it: nothing is pickled
    jobs = default_jobs() if jobs is None else jobs
    chunks = chunked(items, chunk_size)
    if jobs <= 1 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield work(chunk)
        return
    _work = work
    try:
        # A worker collects garbage as usual, even when forked from a build that paused the collector.
        with multiprocessing.get_context("fork").Pool(jobs, initializer=gc.enable) as pool:
            yield from pool.imap(_call, chunks)
    finally:
        _work = None


def _call(chunk):
    assert _work is not None, "set by run_chunks before the pool forks"
    return _work(chunk)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off, for a build that makes mostly objects living as long as itself.

    Until the pages are planned, nearly every object a build makes lives to its end: the
    collector's passes would free nothing, at a high price. The build may then gc.freeze() what
    it made, exempting it from later full passes, which also leaves untouched the memory that
    forked workers share. Workers collect as usual (run_chunks). On leaving, all is as before.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()  # what the build froze may be collected again (`serve` builds many times)
        if collecting:
            gc.enable()


class Ahead(Generic[R]):
    """`work()` run by a forked process while the caller goes on; `result()` waits for its value.

    For work whose value the build needs only later (listing the output folder, remaking some
    related lists), on the core the parent leaves idle. Whatever goes wrong in the process, or
    without fork, or when `fork` is false, `result()` runs `work` here: never a wrong value. `work`
    must not use what a fork cannot share (the parent's SQLite connection): read it before.
    """

    def __init__(self, work: Callable[[], R], fork: bool = True) -> None:
        self.work = work
        self.done: tuple[R] | None = None
        self.process: multiprocessing.process.BaseProcess | None = None
        self.receiver: Connection | None = None
        if fork and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            # Not a daemon: the work may start a pool of its own (run_chunks).
            self.process = context.Process(target=_send, args=(work, sender), daemon=False)
            self.process.start()
            sender.close()

    def result(self) -> R:
        if self.done is None:
            if self.receiver is not None:
                # If the process failed, do the work here, and meet the same error if any.
                with contextlib.suppress(EOFError, OSError):
                    self.done = (self.receiver.recv(),)
                self.close()
            if self.done is None:
                self.done = (self.work(),)
        return self.done[0]

    def close(self) -> None:
        """Stop the process if its value was not needed (a build that stopped early)."""
        if self.process is not None and self.receiver is not None:  # set together
            self.receiver.close()
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.process = self.receiver = None


def _send(work: Callable, sender: Connection) -> None:
    try:
        sender.send(work())
    except Exception:  # noqa: BLE001, S110 - nothing sent: the parent does the work itself
        pass
    finally:
        sender.close()
