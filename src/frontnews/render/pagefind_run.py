"""Find the Pagefind binary and index one folder of pages with it.

`pagefind[bin]` installs the binary in the `pagefind_bin` package (`pagefind[extended]` in
`pagefind_bin_extended`); it is looked for where the `pagefind` package's own `get_executable`
looks, in the same order, without importing that package, which loads asyncio for its API: a
cost paid by every build (docs/performance.md). That Python API drives the same binary over a
pipe, but its poll loop sleeps before reading each reply (`asyncio.sleep(0.1)`): indexing page by
page waits once per page, and a whole folder still waits for each of its replies. The binary's own
command line indexes a folder with the same code and no waiting, so that is what runs here.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import shutil
import subprocess
from pathlib import Path


def find_pagefind() -> Path | None:
    """The Pagefind binary, or None when there is none to run: PAGEFIND_BINARY_PATH, then the
    binary of `pagefind[extended]`, of `pagefind[bin]`, then `pagefind_extended` or `pagefind` on PATH."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    candidates = [Path(named)] if named else []
    if not named:
        for package in ("pagefind_bin_extended", "pagefind_bin"):
            try:
                candidates.append(importlib.import_module(package).get_executable())
            except (ImportError, OSError):  # not installed, or its binary is missing
                continue
        candidates += [Path(found) for found in map(shutil.which, ("pagefind_extended", "pagefind")) if found]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def pagefind_stamp() -> str:
    """Which Pagefind a build would run, by path, size and time, without reading it: a build that
    found none, or another, is not up to date once one is installed (its index is due)."""
    binary = find_pagefind()
    if binary is None:
        return "-"
    stat = binary.stat()
    return f"{binary}:{stat.st_size}:{stat.st_mtime_ns}"


def pagefind_identity(binary: Path) -> str:
    """A digest of the binary's bytes: another Pagefind may index the same pages differently."""
    stat = binary.stat()
    return _digest(str(binary), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    """Read once per process for a given file (the preview builds many times)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _environment() -> dict[str, str]:
    """Ours, without PAGEFIND_* settings, which would change what the command line does."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}


def run_pagefind(binary: Path, site: Path, out: Path, language: str) -> str | None:
    """Index the HTML pages under `site` into `out`; None on success, else what Pagefind said.

    It runs in `site`'s parent folder, ours, so that no pagefind.yml of the user's working folder
    changes the index.
    """
    command = [str(binary), "--site", str(site), "--output-path", str(out), "--force-language", language, "--silent"]
    try:
        done = subprocess.run(command, cwd=site.parent, capture_output=True, text=True, env=_environment(), check=False)
    except OSError as exc:
        return str(exc)
    if done.returncode == 0 and (out / "pagefind-entry.json").is_file():
        return None
    said = " ".join((done.stderr + " " + done.stdout).split())
    return said[-500:] or f"Pagefind kết thúc với mã {done.returncode}"
