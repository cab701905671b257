"""Render planned pages into the staging folder, only those whose inputs changed, then commit it."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from ..content.image_files import image_problem
from ..diagnostics import Diagnostic, diag, sort_key
from ..models import Asset
from ..paths import STATIC_DIR
from ..site.planner import Page
from ..workers import run_chunks
from .commit import commit
from .output import Changes, Listing, Staging, UnsafePath
from .renderer import render_page
from .templates import theme_static

Progress = Callable[[int, int], None]
RACY_NS = 2_000_000_000  # as incremental/file_digests: a file this recent may change again unseen
# Stages more files once the pages are staged, before the swap (the search index); returns problems.
StageMore = Callable[[Staging], Sequence[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Published:
    rendered: int = 0
    written: int = 0
    reused: int = 0
    changes: Changes = Changes()
    problems: tuple[Diagnostic, ...] = ()
    fingerprints: dict[str, str] = field(default_factory=dict)
    files: frozenset[str] = frozenset()  # every file of the output after the swap


def publish(
    pages: Sequence[Page],
    assets: Sequence[Asset],
    env: Environment,
    root: Path,
    out: Path | None,
    fingerprints: dict[str, str],
    previous: Mapping[str, str],
    jobs: int | None = None,
    progress: Progress | None = None,
    listing: Callable[[], Listing] | None = None,
    base_url: str = "",
    stage_more: StageMore | None = None,
) -> Published:
    """Render into a staging folder (or nowhere when `out` is None: `check`); commit on success.

    A page whose fingerprint (by output path) is its `previous` one reuses the file already there.
    `listing` gives the output folder's listing if it was taken ahead (output.OutputScan).
    `base_url` makes the absolute URLs of changes.json. `stage_more` is given the staging folder
    once every page is staged (the search index).
    """
    staging = Staging(out, listing) if out is not None else None
    try:
        todo = [
            i
            for i, page in enumerate(pages)
            if not (
                staging
                and previous.get(page.output_path) == fingerprints[page.output_path]
                and staging.reuse(page.output_path)
            )
        ]
        problems = _render_all(pages, todo, env, staging, jobs, progress)
        if problems or staging is None:
            if staging:
                staging.discard()
            return Published(rendered=len(todo), problems=tuple(sorted(set(problems), key=sort_key)))
        bad: list[Diagnostic] = []
        for asset in assets:
            source = root / asset.source
            fingerprints[asset.output_path] = mark = asset_mark(asset, source)
            if not (mark and previous.get(asset.output_path) == mark and staging.reuse(asset.output_path)):
                # Checked again as copied: a cached body does not see a file's bytes change (an SVG given a script).
                if code := image_problem(source):
                    bad.append(diag(code, asset.source, 0, src=asset.source))
                else:
                    staging.copy(source, asset.output_path)
        if bad:
            staging.discard()
            return Published(rendered=len(todo), problems=tuple(bad))
        for source, relative in static_files(root):
            staging.copy(source, relative)
        more = list(stage_more(staging)) if stage_more is not None else []
        if more:
            staging.discard()
            return Published(rendered=len(todo), problems=tuple(sorted(more, key=sort_key)))
        done = commit(staging, base_url, root)
    except UnsafePath as exc:
        if staging is not None:
            staging.discard()
        return Published(problems=(diag("FN302", str(out), 0, value=str(exc)),))
    except OSError as exc:
        if staging is not None:  # `check` writes nothing, but reads templates and files
            staging.discard()
        return Published(problems=(diag("FN303", str(out), 0, detail=str(exc)),))
    if done.problems:
        return Published(rendered=len(todo), problems=done.problems)
    return Published(len(todo), len(staging.written), len(staging.reused), done.changes, (), fingerprints, done.files)


def asset_mark(asset: Asset, source: Path) -> str:
    """The fingerprint of a copied file: its source's path and stat. An unchanged mark means the output
    file is reused unread, as an unchanged page is: a site's photos are thousands of files, which
    comparing byte for byte at every build cost more than all else. A source changed within
    RACY_NS gets no mark (compared next time): a second write in the same clock tick keeps its stat."""
    st = source.stat()
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return ""
    return f"asset\x00{asset.source}\x00{st.st_ino}\x00{st.st_size}\x00{st.st_mtime_ns}\x00{st.st_ctime_ns}"


def _render_all(
    pages: Sequence[Page],
    todo: list[int],
    env: Environment,
    staging: Staging | None,
    jobs: int | None,
    progress: Progress | None,
) -> list[Diagnostic]:
    def work(chunk: Sequence[int]) -> list[tuple[int, bool, Diagnostic | None]]:
        results = []
        for i in chunk:
            html, problem = render_page(pages[i], env)
            written = staging.write(pages[i].output_path, html, record=False) if html and staging else False
            results.append((i, written, problem))
        return results

    problems: list[Diagnostic] = []
    done = 0
    for results in run_chunks(work, todo, jobs):
        for i, written, problem in results:
            if problem:
                problems.append(problem)
            elif staging:
                staging.record(pages[i].output_path, written)
        done += len(results)
        if progress:
            progress(done, len(todo))
    return problems


def static_files(root: Path) -> list[tuple[Path, str]]:
    """The theme's static files, then the site's, which win on the same path."""
    files: dict[str, Path] = {}
    for folder in (theme_static(), root / STATIC_DIR):
        if folder.is_dir():
            inside = folder.resolve()
            for file in sorted(folder.rglob("*")):
                # A link out of the folder is never copied (FN202, site_files): it may be /etc/passwd.
                if (
                    file.is_file()
                    and not file.name.startswith(".")
                    and (not file.is_symlink() or file.resolve().is_relative_to(inside))
                ):
                    files[f"{STATIC_DIR}/{file.relative_to(folder).as_posix()}"] = file
    return [(files[k], k) for k in sorted(files)]
