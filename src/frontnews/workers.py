"""Run a function over many items on all cores, in order, or one function ahead, in another process."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from .processes import Stoppable, WorkerLost, become_child, current, fault_for_tests

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting processes costs more than it saves.
MIN_ITEMS = 64
CHUNK = 64
# Chunks a worker holds before it sends its first result: it never waits for a busy parent's reply.
QUEUED = 2


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def chunked(items: Sequence[T], size: int = CHUNK) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_chunks(
    work: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    jobs: int | None = None,
    chunk_size: int = CHUNK,
    min_items: int = MIN_ITEMS,
) -> Iterator[list[R]]:
    """Yield `work(chunk)` for consecutive chunks of `items`, in order.

    Workers are forked, so `work` and everything it reads (planned pages, the Jinja environment,
    the chunks themselves) are inherited, not pickled; only chunk numbers go out and results come
    back. Results come in order, so output does not depend on scheduling. Heavy items (photos)
    pass a lower `min_items`. A worker that dies
    raises WorkerLost here; an exception in `work` is raised here as it was raised there.
    """
    jobs = default_jobs() if jobs is None else jobs
    chunks = chunked(items, chunk_size)
    stoppable = current()
    if jobs <= 1 or len(items) < min_items or not can_fork():
        for chunk in chunks:
            stoppable.check()
            yield work(chunk)
        return
    yield from _Pool(work, chunks, stoppable).results(min(jobs, len(chunks)))


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection  # the parent's end: chunk numbers out, results back
    chunks: deque[int] = field(default_factory=deque)  # sent to it and not answered yet, in order


class _Pool:
    """Forked workers, each holding up to QUEUED chunk numbers: one more for each result it sends."""

    def __init__(self, work: Callable, chunks: list[Sequence], stoppable: Stoppable) -> None:
        self.work, self.chunks, self.stoppable = work, chunks, stoppable
        self.workers: list[_Worker] = []
        self.next = 0

    def results(self, jobs: int) -> Iterator:
        done: dict[int, object] = {}
        try:
            context = multiprocessing.get_context("fork")
            for _ in range(jobs):
                conn, child_end = context.Pipe()
                # A worker closes the parent's ends it inherits: when the parent dies, it reads EOF and ends.
                parent_ends = [w.conn for w in self.workers] + [conn]
                process = context.Process(
                    target=_serve_chunks, args=(self.work, self.chunks, child_end, parent_ends), daemon=True
                )
                self.stoppable.start(process)
                child_end.close()
                self.workers.append(_Worker(process, conn))
                for _ in range(QUEUED):
                    self._give(self.workers[-1])
            for wanted in range(len(self.chunks)):
                while wanted not in done:
                    done.update(self._receive())
                yield done.pop(wanted)
        finally:
            self._close()

    def _give(self, worker: _Worker) -> None:
        """The next chunk's number; None once none is left and the worker has answered all its own."""
        if self.next < len(self.chunks):
            worker.chunks.append(self.next)
            self.next += 1
        elif worker.chunks:
            return
        try:
            worker.conn.send(worker.chunks[-1] if worker.chunks else None)
        except OSError:
            self._lost(worker)

    def _receive(self) -> dict[int, object]:
        """The results sent by the time any busy worker has one ready (or died)."""
        busy: dict[Any, _Worker] = {w.conn: w for w in self.workers if w.chunks}
        busy.update({w.process.sentinel: w for w in list(busy.values())})
        ready = wait(list(busy))
        self.stoppable.check()  # stop() ends the workers, which wakes this wait
        got = {}
        for handle in ready:
            worker = busy[handle]
            if handle is not worker.conn:  # it exited with chunks unanswered
                self._lost(worker)
            try:
                ok, value, remote = worker.conn.recv()
            except (EOFError, OSError):
                self._lost(worker)
            if not ok:
                raise value from RemoteTraceback(remote)
            got[worker.chunks.popleft()] = value
            self._give(worker)
        return got

    def _lost(self, worker: _Worker) -> None:
        worker.process.join(5)  # it is dying: its exit code says how
        try:
            while worker.chunks and worker.conn.poll():  # answered before it died: not the chunk it was on
                worker.conn.recv()
                worker.chunks.popleft()
        except (EOFError, OSError):
            pass
        chunk = self.chunks[worker.chunks[0]] if worker.chunks else ()
        files = tuple(item.path for item in chunk if isinstance(getattr(item, "path", None), str))
        raise WorkerLost(worker.process.exitcode, files)

    def _close(self) -> None:
        """Workers that finished have ended; any other (an error, Ctrl-C, a lost one) is ended now."""
        for worker in self.workers:
            self.stoppable.finished(worker.process, terminate=bool(worker.chunks))
            worker.conn.close()


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, as its cause: where it happened there."""

    def __str__(self) -> str:
        return "\n" + self.args[0]


def _serve_chunks(work: Callable, chunks: list[Sequence], conn: Connection, parent_ends: list[Connection]) -> None:
    become_child()
    gc.enable()  # a worker collects as usual, even when forked from a build that paused the collector
    for end in parent_ends:
        end.close()
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if chunk is None:
            return
        if chunk == 0:
            fault_for_tests(work)
        try:
            reply = (True, work(chunks[chunk]), "")
        except Exception as exc:  # noqa: BLE001 - raised again in the parent
            reply = (False, exc, traceback.format_exc())
        try:
            conn.send(reply)
        except OSError:
            return  # the parent is gone
        except Exception:  # noqa: BLE001 - the result or the exception does not pickle: say so
            conn.send((False, RuntimeError(f"a worker's result could not be sent: {traceback.format_exc()}"), ""))


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
    related lists), on the core the parent leaves idle. Whatever goes wrong in the process (an
    exception, a kill), or without fork, or when `fork` is false, `result()` runs `work` here:
    never a wrong value. `work` must not use what a fork cannot share (the parent's SQLite
    connection): read it before.
    """

    def __init__(self, work: Callable[[], R], fork: bool = True) -> None:
        self.work = work
        self.done: tuple[R] | None = None
        self.process: BaseProcess | None = None
        self.receiver: Connection | None = None
        self.stoppable = current()
        if fork and can_fork() and not self.stoppable.stopped:
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            # Not a daemon: the work may start a pool of its own (run_chunks).
            self.process = context.Process(target=_send, args=(work, sender), daemon=False)
            self.stoppable.start(self.process)
            sender.close()

    def result(self) -> R:
        if self.done is None:
            if self.receiver is not None:
                self.done = self._received()
                self.close()
            if self.done is None:
                self.stoppable.check()  # stopped: not here either
                self.done = (self.work(),)
        return self.done[0]

    def _received(self) -> tuple[R] | None:
        receiver, process = self.receiver, self.process
        assert receiver is not None and process is not None
        try:
            # The sentinel too: a pool the process started may hold its pipe open after it died.
            wait([receiver, process.sentinel])
            if receiver.poll():
                return (receiver.recv(),)
        except (EOFError, OSError):
            pass  # the process failed: do the work here, and meet the same error if any
        return None

    def close(self) -> None:
        """Stop the process if its value was not needed (a build that stopped early)."""
        if self.process is not None and self.receiver is not None:  # set together
            self.receiver.close()
            self.stoppable.finished(self.process, terminate=True)
            self.process = self.receiver = None


def _send(work: Callable, sender: Connection) -> None:
    become_child()
    fault_for_tests(work)
    try:
        sender.send(work())
    except Exception:  # noqa: BLE001, S110 - nothing sent: the parent does the work itself
        pass
    finally:
        sender.close()
