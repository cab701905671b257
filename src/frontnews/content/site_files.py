"""The site's folders as a build may read them: nothing outside the site, and every unreadable entry said.

A symlink in static/ to /proc/self/environ would publish the CI job's secrets; one in content/ or
templates/ would publish or run a file from elsewhere. As for photos (assets._inside), a file
counts only if its real path (`Path.resolve`) stays in its own top folder; else FN202 at the link.
A link that leads nowhere (a loop, a missing target) is FN241, a file or folder that cannot be read
FN240: each a line of the report, never a traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, diag
from ..paths import STATIC_DIR, TEMPLATES_DIR
from .image_files import image_problem


def link_problem(path: str, relative: str, inside: Path) -> Diagnostic | None:
    """FN202 for a symlink whose real path leaves `inside` (already resolved), FN241 for one that leads nowhere."""
    try:
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return diag("FN241", relative, 0, reason=_reason(exc))
    if real.is_relative_to(inside):
        return None
    return diag("FN202", relative, 0, src=relative, hint=f" (liên kết tượng trưng tới {real})")


def unreadable(relative: str, exc: OSError, folder: bool = False) -> Diagnostic:
    """FN240 for a file or folder the build cannot read."""
    return diag("FN240", relative, 0, what="thư mục" if folder else "tệp", reason=_reason(exc))


def walk(
    top: str, prefix: str, problems: list[Diagnostic], skip: Callable[[str], bool] = lambda name: False
) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry below the folder `top` whose name `skip` keeps, as (its path from the site, the entry),
    with os.scandir; folders (never links to them) are entered. A folder that cannot be read is FN240."""
    stack = [(prefix, top)]
    while stack:
        folder_prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(unreadable(folder_prefix.rstrip("/"), exc, folder=True))
            continue
        for entry in entries:
            if skip(entry.name):
                continue
            relative = folder_prefix + entry.name
            yield relative, entry
            if entry.is_dir(follow_symlinks=False):
                stack.append((relative + "/", entry.path))


def folder_problems(root: Path, name: str) -> list[Diagnostic]:
    """Every FN202, FN240 and FN241 in one of the site's folders (static/, templates/)."""
    top = root / name
    if not top.is_dir():
        return []
    inside = top.resolve()
    problems: list[Diagnostic] = []
    for relative, entry in walk(str(top), f"{name}/", problems):
        if entry.is_symlink() and (problem := link_problem(entry.path, relative, inside)) is not None:
            problems.append(problem)
        elif entry.is_dir(follow_symlinks=False):
            continue
        elif entry.is_file() and not os.access(entry.path, os.R_OK):
            problems.append(unreadable(relative, PermissionError(errno.EACCES, "")))
        elif entry.name.lower().endswith(".svg") and image_problem(Path(entry.path)) == "FN245":
            problems.append(diag("FN245", relative, 0, src=relative))  # published at the site's origin
    return sorted(problems, key=lambda d: d.path)


def site_folder_problems(root: Path) -> list[Diagnostic]:
    """The static/ and templates/ folders' problems (content/ is checked as its articles are listed)."""
    return folder_problems(root, STATIC_DIR) + folder_problems(root, TEMPLATES_DIR)


def _reason(exc: BaseException) -> str:
    """Why, in Vietnamese: the errors editors meet, else the system's own words."""
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "vòng lặp liên kết tượng trưng: liên kết trỏ vòng lại chính nó"
    if isinstance(exc, FileNotFoundError):
        return "tệp đích không còn"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc"
    return getattr(exc, "strerror", None) or type(exc).__name__


def read_site_file(root: Path, name: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of frontnews.yaml or content/units.yaml: None and no problem when there is none.

    A folder of that name (FN242), a link leading nowhere (FN241) or a file that cannot be read
    (FN240) is said, never taken for a missing file.
    """
    file = root / name
    try:
        if file.is_dir():
            return None, [diag("FN242", name, 0, name=name)]
        if not file.exists():
            return None, [diag("FN241", name, 0, reason=_reason(_stat_error(file)))] if file.is_symlink() else []
        return file.read_bytes(), []
    except OSError as exc:
        return None, [unreadable(name, exc)]


def _stat_error(file: Path) -> OSError:
    try:
        file.stat()
    except OSError as exc:
        return exc
    return FileNotFoundError(errno.ENOENT, "")
