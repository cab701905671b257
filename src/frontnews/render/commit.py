"""Commit a staged build into the output folder: plan what changes, then switch or rename.

The plan compares the build's files with the output's record (output_folder.py): frontnews' files
that the build no longer makes are removed, files put in by hand are kept (and one standing where
the build must write is an error, FN313), and `changes.json` is computed against the last complete
build. Then one of three ways, each preceded by the commit mark (commit_mark.py):

- the output does not exist yet: the staging folder is renamed into place;
- the file system exchanges folders (Linux): the twin becomes the new site and the two are
  exchanged in one step (twin.py);
- otherwise, file by file, as frontnews 0.1.0 did, but only after checking that every folder to
  be written is writable (FN315: nothing changed), and saying so when an error still stops it
  midway (FN316: partly updated; the mark makes the next build finish the job).

On CI (the CI variable set), where nobody reads the output while it is built, a build with no
twin ready renames file by file rather than linking every file into a twin the job throws away.

FRONTNEWS_TEST_FAULT=POINT:kill|fail stops a commit at a chosen point, for the tests that kill a
build (`kill` sends the process SIGKILL, `fail` raises an I/O error there); unset, it does nothing.
The points are `commit-begun` (marked, nothing changed), `commit-removed` (file by file: the
removed pages deleted, their folders not yet), `commit-halfway` (half the files placed) and
`commit-done` (the output complete, the cache not yet saved).
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostic, diag
from .change_record import changes_json, public_changes
from .commit_mark import CommitMark, read_mark, write_mark
from .leftovers import remove_tree
from .output import Changes, Staging
from .output_folder import CHANGES_FILE, RECORD_FILE, OutputRecord, next_build, read_record, record_bytes, shown_path
from .twin import (
    copy_as_links,
    exchange,
    exchange_supported,
    invalidate,
    link_into,
    make_folder,
    mirrors,
    prune_empty_folders,
    twin_path,
)

FAULT_ENV = "FRONTNEWS_TEST_FAULT"
PARTLY_UPDATED = "FN316"


@dataclass(frozen=True, slots=True)
class Committed:
    changes: Changes = Changes()
    files: frozenset[str] = frozenset()  # every file of the output after the commit
    problems: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    staged: tuple[str, ...]  # files of the staging folder to place, the record last
    removed: tuple[str, ...]  # frontnews' files of the output that go
    kept: frozenset[str]  # files and symlinks put in by hand, kept
    after: frozenset[str]  # the build's files, its records included
    changes: Changes  # against the last complete build
    clashes: tuple[str, ...]  # hand-placed files where the build must write
    prune: tuple[str, ...]  # removed files whose folders may be left empty
    mark: CommitMark
    needed: bool  # False: the output already holds this build
    files: frozenset[str]  # every file of the output after the commit: `after` and `kept`


def fault(point: str, fail: bool = True) -> None:
    """The test hook (module docstring); `fail` False where an error would mean nothing (all is done)."""
    wanted = os.environ.get(FAULT_ENV, "")
    if wanted.partition(":")[0] == point:
        if wanted.endswith(":kill"):
            os.kill(os.getpid(), signal.SIGKILL)
        if fail:
            raise OSError(errno.EIO, f"lỗi giả lập tại {point}")


def commit(staging: Staging, base_url: str, root: Path | None) -> Committed:
    """Place the staged build into the output; the staging folder is gone afterwards.

    `root` is the site, whose cache folder holds the commit mark (None: no mark, for tests of
    this module alone).
    """
    out = staging.out
    try:
        record = read_record(out) if out.exists() else None
        earlier = read_mark(root, out) if root is not None else None
        plan = make_plan(staging, record, earlier)
        if plan.clashes:
            return Committed(problems=tuple(diag("FN313", shown_path(root, out / path), 0) for path in plan.clashes))
        if not plan.needed:
            return Committed(Changes(), plan.files)
        plan = replace(plan, staged=_stage_records(staging, plan, record, base_url))
        problem = _place(staging, plan, record, root)
        if problem is not None:
            problem = replace(problem, path=shown_path(root, out))
        return Committed(plan.changes, plan.files, (problem,) if problem else ())
    finally:
        staging.discard()


def make_plan(staging: Staging, record: OutputRecord | None, earlier: CommitMark | None) -> Plan:
    """What the commit does. A large site's output lists 170,000 files: each set operation here
    passes over them at most once, in C, and builds only a small result."""
    written = set(staging.written)
    after = frozenset(written.union(staging.reused, (RECORD_FILE, CHANGES_FILE)))
    present, links = staging.previous, set(staging.links)
    legacy = record is not None and record.legacy
    complete = record.files if record is not None and not legacy else frozenset()
    # A commit that was renaming file by file when it stopped left a mix: its files are ours too.
    mixed = earlier is not None and earlier.mode != "exchange" and (record is None or earlier.build != record.build)
    touched = (earlier.written | earlier.removed) if mixed and earlier else frozenset()
    owned: frozenset[str]
    if legacy:
        owned = frozenset(present & after) | {CHANGES_FILE}
        complete = owned - {CHANGES_FILE}
    else:
        extra = {RECORD_FILE, CHANGES_FILE} | (earlier.written if mixed and earlier else frozenset())
        owned = complete if extra <= complete else complete | extra
    hand = (present - owned) | links
    clashes = _clashes(hand, after)
    removed = tuple(sorted(path for path in owned - after if path in present))
    kept = frozenset(hand)
    changes = Changes(
        added=tuple(sorted(after - complete)),
        changed=tuple(sorted((written | touched) & after & complete)),
        removed=tuple(sorted(complete - after)),
    )
    previous_build = record.build if record is not None else ""
    mark = CommitMark(next_build(previous_build, written, removed), "", frozenset(written), frozenset(removed))
    needed = bool(written or removed or mixed or legacy) or record is None or after != complete or kept != record.kept
    staged = tuple(sorted(written))
    prune = tuple(sorted(set(removed) | (earlier.removed if mixed and earlier else frozenset())))
    return Plan(staged, removed, kept, after, changes, clashes, prune, mark, needed, after | kept if kept else after)


def _clashes(hand: set[str], after: frozenset[str]) -> tuple[str, ...]:
    """Hand-placed entries at a path the build writes, or where it needs a folder, or inside one of its files."""
    if not hand:
        return ()
    folders = {parent for path in after for parent in _parents(path)}
    return tuple(sorted(h for h in hand if h in after or h in folders or any(p in after for p in _parents(h))))


def _parents(path: str) -> Iterable[str]:
    parts = path.split("/")
    return ("/".join(parts[:i]) for i in range(1, len(parts)))


def _stage_records(staging: Staging, plan: Plan, record: OutputRecord | None, base_url: str) -> tuple[str, ...]:
    """Stage the record, and changes.json when readers' URLs changed (else the last one stays): the
    files to place, the record last (its arrival completes a commit file by file)."""
    staged = list(plan.staged)
    if public_changes(plan.changes) != Changes() or CHANGES_FILE not in staging.previous:
        staging.put(CHANGES_FILE, changes_json(plan.changes, base_url))
        staged.append(CHANGES_FILE)
    body = record.body if record is not None and record.files == plan.after and record.kept == plan.kept else b""
    staging.put(RECORD_FILE, record_bytes(plan.after, plan.kept, plan.mark.build, body or None))
    staged.append(RECORD_FILE)
    return tuple(staged)


def _place(staging: Staging, plan: Plan, record: OutputRecord | None, root: Path | None) -> Diagnostic | None:
    out = staging.out
    twin = twin_path(out)
    if not out.exists():
        _mark(root, out, plan, "exchange")
        fault("commit-begun")
        os.replace(staging.dir, out)
        fault("commit-done", fail=False)
        return None
    if _exchangeable(out, staging.dir.parent) and (mirrors(out, twin) or not _on_ci()):
        try:
            held = _twin_ready(staging, plan, record, twin)
        except OSError:
            held = None  # the twin cannot be made here: rename file by file instead
        if held is not None:
            return _exchange(staging, plan, twin, held, root)
    return _per_file(staging, plan, twin, root)


def _exchangeable(out: Path, state: Path) -> bool:
    """The output can trade places with a folder of its state folder: one file system, not a mount point."""
    try:
        same = out.stat().st_dev == state.stat().st_dev
    except OSError:
        return False
    return same and not os.path.ismount(out) and exchange_supported(state)


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _mark(root: Path | None, out: Path, plan: Plan, mode: str) -> None:
    if root is not None:
        write_mark(root, out, CommitMark(plan.mark.build, mode, plan.mark.written, plan.mark.removed))


def _twin_ready(staging: Staging, plan: Plan, record: OutputRecord | None, twin: Path) -> frozenset[str] | set[str]:
    """Make the twin mirror the output as it is now, hand-placed files included; what it holds.

    A twin holding the output's very record holds what that record lists (twin.py).
    """
    out = staging.out
    if record is None or record.legacy or not mirrors(out, twin):
        entries = staging.previous | set(staging.links)
        copy_as_links(out, twin, entries)
        return entries
    for path in sorted(plan.kept):
        if not _same_inode(out / path, twin / path):
            link_into(out, twin, path)
    return record.files | record.kept | plan.kept


def _same_inode(a: Path, b: Path) -> bool:
    try:
        x, y = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (x.st_dev, x.st_ino) == (y.st_dev, y.st_ino)


def _exchange(
    staging: Staging, plan: Plan, twin: Path, held: frozenset[str] | set[str], root: Path | None
) -> Diagnostic | None:
    out = staging.out
    target = plan.files
    try:
        _mark(root, out, plan, "exchange")
        fault("commit-begun")
        invalidate(twin)
        gone = sorted(held - target)
        for path in gone:
            _unlink(twin / path)
        prune_empty_folders(twin, gone)
        _move_staged(staging.dir, twin, plan.staged)
        for path in sorted(plan.after - held - set(plan.staged)):
            link_into(out, twin, path)  # a reused file the twin lacks
        exchange(out, twin)
    except OSError as exc:
        return diag("FN303", str(out), 0, detail=str(exc))
    fault("commit-done", fail=False)
    # The twin now holds the previous site: bring it to this one, its record last.
    try:
        old = sorted((staging.previous - target) | (set(staging.links) - target))
        for path in old:
            _unlink(twin / path)
        prune_empty_folders(twin, old)
        made: set[Path] = set()
        for path in plan.staged:
            if path != RECORD_FILE:
                link_into(out, twin, path, made)
        link_into(out, twin, RECORD_FILE, made)
    except OSError:
        pass  # the twin mirrors nothing now: the next commit makes it again
    return None


def _per_file(staging: Staging, plan: Plan, twin: Path, root: Path | None) -> Diagnostic | None:
    out = staging.out
    problem = precheck(out, plan.staged, plan.removed)
    if problem:
        return problem
    done = 0
    try:
        _mark(root, out, plan, "per-file")
        if twin.exists():
            invalidate(twin)  # the output changes under it
        fault("commit-begun")
        for path in plan.removed:
            _unlink(out / path)
            done += 1
        fault("commit-removed")
        prune_empty_folders(out, plan.prune)
        done += _move_staged(staging.dir, out, plan.staged, counted=True)
    except _Stopped as stopped:
        done += stopped.done
        exc = stopped.error
    except OSError as error:
        exc = error
    else:
        fault("commit-done", fail=False)
        return None
    total = len(plan.removed) + len(plan.staged)
    if done == 0:
        return diag("FN303", str(out), 0, detail=str(exc))
    return diag(PARTLY_UPDATED, str(out), 0, detail=str(exc), done=done, total=total)


class _Stopped(Exception):
    def __init__(self, done: int, error: OSError) -> None:
        super().__init__(str(error))
        self.done, self.error = done, error


def _move_staged(source: Path, target: Path, staged: Sequence[str], counted: bool = False) -> int:
    """Rename each staged file over its old version (a folder where it goes is made, a file there replaced)."""
    made: set[Path] = set()
    halfway = len(staged) // 2
    for done, path in enumerate(staged):
        try:
            if done == halfway:
                fault("commit-halfway")
            destination = target / path
            if destination.parent not in made:
                make_folder(target, destination.parent)
                made.add(destination.parent)
            if destination.is_dir() and not destination.is_symlink():
                remove_tree(destination)
            os.replace(source / path, destination)
        except OSError as exc:
            if counted:
                raise _Stopped(done, exc) from exc
            raise
    return len(staged)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        remove_tree(path)


def precheck(out: Path, staged: Iterable[str], removed: Iterable[str]) -> Diagnostic | None:
    """Every folder a per-file commit writes in must be writable: find out before renaming anything."""
    seen: set[Path] = set()
    for path in [*staged, *removed]:
        folder = (out / path).parent
        if folder in seen:
            continue
        seen.add(folder)
        existing = folder
        while existing != out and not existing.is_dir():  # made by the commit: its parent is written
            existing = existing.parent
        if not os.access(existing, os.W_OK | os.X_OK):
            shown = existing.relative_to(out).as_posix() + "/" if existing != out else "./"
            return diag("FN315", str(out), 0, folder=shown)  # commit() names the output as the site sees it
    return None
