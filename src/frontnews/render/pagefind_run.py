"""Find the Pagefind binary and index one folder of pages with it.

`pagefind[bin]` installs the binary with the `pagefind` package, whose `get_executable` finds it
(or the one named by PAGEFIND_BINARY_PATH, or one on PATH). The package's Python API drives the
same binary over a pipe but reads each reply after a 0.1 s sleep: indexing page by page costs
0.1 s a page, and even a whole folder waits 0.3–0.4 s for its three replies. The binary's own
command line indexes a folder with the same code and no waiting, so that is what runs here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def find_pagefind() -> Path | None:
    """The Pagefind binary, or None when there is none to run."""
    found: Path | None = None
    try:
        from pagefind.service import get_executable
        found = get_executable()
    except (ImportError, OSError):  # the package is missing, or its binary package lacks the file
        found = None
    if found is None:
        which = shutil.which("pagefind")
        found = Path(which) if which else None
    return found if found is not None and found.is_file() and os.access(found, os.X_OK) else None


def _environment() -> dict[str, str]:
    """Ours, without PAGEFIND_* settings, which would change what the command line does."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}


def pagefind_version(binary: Path) -> str | None:
    """`pagefind 1.5.2` as the binary prints it; None if it cannot tell."""
    try:
        done = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60,
                              env=_environment())
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def run_pagefind(binary: Path, site: Path, out: Path, language: str) -> str | None:
    """Index the HTML pages under `site` into `out`; None on success, else what Pagefind said.

    It runs in `site`'s parent folder, ours, so that no pagefind.yml of the user's working folder
    changes the index.
    """
    command = [str(binary), "--site", str(site), "--output-path", str(out), "--force-language", language,
               "--silent"]
    try:
        done = subprocess.run(command, cwd=site.parent, capture_output=True, text=True, env=_environment())
    except OSError as exc:
        return str(exc)
    if done.returncode == 0 and (out / "pagefind-entry.json").is_file():
        return None
    said = " ".join((done.stderr + " " + done.stdout).split())
    return said[-500:] or f"Pagefind kết thúc với mã {done.returncode}"
