"""A build with nothing to do, proven cheaply: the same files, the same clock window, the same output.

A rebuild with no change still loads, plans and fingerprints every page (work that grows with
the site) only to render none. Instead, each successful build records a hash of every file it
could have read — frontnews.yaml, content/, templates/ and static/ (what `serve` watches), and
the frontnews package itself (code and theme) — with the build's options, the span of time in which the same articles
are published, and a listing of the output it left. When all of these match, the previous build's
report is the answer: the full build would render nothing and write nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from ..content.schedule import NEAR_FUTURE, due_soon_warnings
from ..diagnostics import Diagnostic, sort_key
from ..hashing import fingerprint
from ..models import Article
from ..paths import CACHE_DIR, PACKAGE_DIR, SITE_DIRS, SITE_FILES, THEME_STATIC, THEME_TEMPLATES
from ..render.output import Listing, scan
from .build_cache import BuildCache
from .file_digests import FileDigests

CACHE_KIND = "unchanged"  # one record per output folder
SITE_INPUTS = SITE_DIRS + SITE_FILES  # everything a build reads from the site folder


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the last build reported, and when and where that report still holds."""

    since: dt.datetime | None  # the newest publication date then past: `now` may not go before it
    until: dt.datetime | None  # the next article's date or pin's end: the site changes then
    output: str  # the listing of the output folder after the build
    articles: int
    pages: int
    reused: int
    diagnostics: tuple[Diagnostic, ...]  # without FN115, which depends on the clock: made again
    waiting: tuple[tuple[str, dt.datetime], ...] = ()  # the articles FN115 may name before `until`
    tz: str | None = None  # the key of the site's time zone, in which FN115 tells the time


def inputs_key(root: Path, out: Path, options: str, digests: FileDigests) -> str | None:
    """A hash of the options and of the path and bytes of every file a build may read.

    None (no shortcut) when an input holds a link to a folder: what lies behind it is not hashed.
    (The package's theme folders may be links, in a source checkout: they are walked themselves.)
    Only files whose stat changed since `digests` recorded them are read.
    """
    skip = {out.resolve(), (root / CACHE_DIR).resolve()}  # in case either sits in an input folder
    tops = [root / name for name in SITE_INPUTS] + [PACKAGE_DIR, THEME_TEMPLATES, THEME_STATIC]
    walked = {top.resolve() for top in tops[len(SITE_INPUTS) :]}
    digest = hashlib.sha256(options.encode("utf-8"))
    try:
        for top in tops:
            files = _files(top.resolve(), skip, walked) if top.is_dir() else [(str(top), None)] if top.is_file() else []
            if files is None or (top.is_symlink() and top.is_dir() and top.resolve() not in walked):
                return None
            for path, st in files:
                digest.update(f"{len(path)}:{path}".encode("utf-8", "surrogateescape"))
                digest.update(bytes.fromhex(digests.digest(path, st)))
    except (OSError, RuntimeError):  # an unreadable file, a symlink loop: the full build says where
        return None
    return digest.hexdigest()


def _files(top: Path, skip: set[Path], walked: set[Path]) -> list[tuple[str, os.stat_result]] | None:
    found: list[tuple[str, os.stat_result]] = []
    stack = [str(top)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_symlink() and entry.is_dir():
                    if Path(entry.path).resolve() not in walked:
                        return None
                elif entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__" and Path(entry.path) not in skip:
                        stack.append(entry.path)
                elif entry.is_file():
                    found.append((entry.path, entry.stat()))
    return sorted(found, key=lambda item: item[0])


def clock_window(articles: Sequence[Article], now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The span of `now` that publishes the same articles as `now` and holds the same pins (an
    expired pin puts its article back in place): the site changes only when an article's time
    comes or a pin ends. (Which articles FN115 warns about changes within it: see `waiting`.)

    Drafts count too: with --drafts they are published by date like the others.
    """
    ends = [a.pinned_until for a in articles if a.pinned_until is not None]
    since = max([a.published for a in articles if a.published <= now] + [e for e in ends if e <= now], default=None)
    until = min((a.published for a in articles if a.published > now), default=None)
    expiry = min((e for e in ends if e > now), default=None)
    return since, min([limit for limit in (until, expiry) if limit is not None], default=None)


def waiting(
    articles: Sequence[Article], now: dt.datetime, until: dt.datetime | None
) -> tuple[tuple[str, dt.datetime], ...]:
    """The articles FN115 may warn about for a clock reading from `now` to `until` (content.schedule)."""
    if until is None:
        return ()
    return tuple(
        sorted((a.source, a.published) for a in articles if not a.draft and now < a.published < until + NEAR_FUTURE)
    )


def listing(out: Path) -> str:
    files, links = scan(out)
    return listing_of(files, links)


def listing_of(files: Iterable[str], links: Sequence[str] = ()) -> str:
    """The listing of an output folder holding these files (and these symlinks), as `listing` reads it."""
    return fingerprint(sorted(files), ["->"], links)


def previous_outcome(
    cache: BuildCache,
    key: str | None,
    out: Path,
    now: dt.datetime,
    root: Path,
    scanned: Callable[[], Listing] | None = None,
) -> Outcome | None:
    """The last build's outcome if it holds now: same inputs, `now` in its window, output untouched.

    Its diagnostics are those of `now`: FN115 is made again for the articles then due within hours.
    `scanned` gives the output folder's listing if it was taken ahead (output.OutputScan).
    """
    if key is None or cache.notice:
        return None
    outcome: Outcome | None = cache.get(CACHE_KIND, str(out), key, Outcome)
    if outcome is None:
        return None
    if (outcome.since and now < outcome.since) or (outcome.until and now >= outcome.until):
        return None
    found = listing_of(*scanned()) if scanned is not None else listing(out)
    if found != outcome.output:
        return None
    soon = due_soon_warnings(outcome.waiting, now, ZoneInfo(outcome.tz) if outcome.tz else dt.UTC, root)
    return replace(outcome, diagnostics=tuple(sorted(outcome.diagnostics + tuple(soon), key=sort_key)))


def record_outcome(cache: BuildCache, key: str | None, out: Path, outcome: Outcome, now: dt.datetime) -> None:
    """Kept for a build whose outcome holds from `now` on (FN115 set apart: see Outcome.diagnostics)."""
    if key is not None and (outcome.until is None or now < outcome.until):
        cache.put(CACHE_KIND, str(out), key, outcome)
