"""Run a function over many items on all cores, in order, falling back to one process."""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterator, Sequence, TypeVar

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
    global _work
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
    return _work(chunk)
