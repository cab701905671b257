"""What a killed build or preview leaves behind, removed at the next start once its owner is gone.

A build killed midway leaves its staging folder (`staging-PID/` in the output's state folder, or
`.NAME.staging-PID/` beside the output for frontnews 0.1.0); a preview killed with `kill -9`
leaves its temporary copy of the site (`frontnews-preview-*/` in the system's temporary folder).
Each is removed only when the process that made it is gone: a pid that no longer runs, or runs
a program started at another time (pids are reused). Empty folders of removed pages are pruned by
the commit that removes them, and by the next one after a kill (commit.py, from the commit mark).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from .output_folder import make_state_dir, state_dir

STAGING_PREFIX = "staging-"
PREVIEW_PREFIX = "frontnews-preview-"  # serve/server.py's temporary folders
OWNER_FILE = "owner"


def process_start(pid: int) -> str:
    """When a process started (Linux: clock ticks since boot, field 22 of /proc/PID/stat); "" elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[19].decode("ascii")
    except (OSError, IndexError):
        return ""


def owner_alive(pid: int, start: str = "") -> bool:
    """True while the process runs, or when that cannot be known (another user's process)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return not start or process_start(pid) in ("", start)


def staging_name() -> str:
    return f"{STAGING_PREFIX}{os.getpid()}"


def sweep_stagings(out: Path) -> None:
    """Remove the staging folders of builds into `out` that are no longer running (and our own old one)."""
    candidates = []
    folder = state_dir(out)
    if folder.is_dir():
        candidates += [(p, p.name[len(STAGING_PREFIX) :]) for p in folder.glob(STAGING_PREFIX + "*")]
    for pattern in (f".{out.name}.staging-*", f".{out.name}.old-*"):  # frontnews 0.1.0's names
        candidates += [(p, p.name.rsplit("-", 1)[-1]) for p in out.parent.glob(pattern)]
    for path, pid in candidates:
        if pid.isdigit() and (int(pid) == os.getpid() or not owner_alive(int(pid))):
            remove_tree(path)


def claim_preview(out: Path) -> None:
    """Name this process the owner of a preview's output, and remove the previews of dead processes."""
    owner = make_state_dir(out) / OWNER_FILE
    mine = f"{os.getpid()} {process_start(os.getpid())}\n"
    try:
        if not owner.is_file() or owner.read_text(encoding="ascii") != mine:
            owner.write_text(mine, encoding="ascii")
    except (OSError, UnicodeDecodeError):
        pass
    sweep_previews(Path(tempfile.gettempdir()), keep=out.parent)


def sweep_previews(folder: Path, keep: Path | None = None) -> list[Path]:
    """Remove the preview folders whose owner is gone; those with no owner yet are left alone."""
    removed = []
    for preview in sorted(folder.glob(PREVIEW_PREFIX + "*")):
        owners = list(preview.glob(f".*.frontnews/{OWNER_FILE}"))
        if preview == keep or not owners or any(_alive(owner) for owner in owners):
            continue
        remove_tree(preview)
        removed.append(preview)
    return removed


def _alive(owner: Path) -> bool:
    try:
        pid, _, start = owner.read_text(encoding="ascii").strip().partition(" ")
        return owner_alive(int(pid), start)
    except (OSError, ValueError, UnicodeDecodeError):
        return True  # unreadable: not ours to judge


def remove_tree(path: Path) -> bool:
    """rmtree that also removes folders made read-only (ours: we may give ourselves back the right)."""

    def retry(function, name, _exc) -> None:
        parent = os.path.dirname(name)
        try:
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IRWXU)
            if function is os.rmdir or function is os.unlink:
                function(name)
            else:
                shutil.rmtree(name, ignore_errors=True)
        except OSError:
            pass

    if path.is_symlink() or path.is_file():
        try:
            path.unlink()
        except OSError:
            return False
        return True
    if path.is_dir():
        shutil.rmtree(path, onerror=retry)
    return not os.path.lexists(path)
