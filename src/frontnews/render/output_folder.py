"""Which folders a build may publish into, and the record of the files frontnews wrote there.

A build deletes only what an earlier build of frontnews wrote. Every commit leaves in the output
`.frontnews/output.json`: the files the build made and the files it found there and kept (a
`CNAME`, `.well-known/security.txt`, anything put in by hand). A folder without that record is
frontnews' only if it is empty (hosting files aside); a folder of frontnews 0.1.0, which wrote
`.frontnews/changes.json` but kept no record, is taken over without deleting anything.

Beside the output sits its state folder, `.NAME.frontnews/`: the staging folder of a running
build, the previous generation of the site (see twin.py) and, for a preview, its owner. It holds
a `.gitignore` of `*`, so that git never offers it for a commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, diag
from ..paths import CACHE_DIR, CONFIG_FILE, SITE_DIRS

RECORD_FILE = ".frontnews/output.json"
CHANGES_FILE = ".frontnews/changes.json"  # written by change_record
RECORD_VERSION = 1
SOURCES = (*SITE_DIRS, CACHE_DIR)
SOURCE_FILES = (CONFIG_FILE,)
# What hosts put into a publishing folder themselves (GitHub Pages' /docs, a gh-pages checkout):
# their presence does not make the folder someone else's.
HOSTING_FILES = ("CNAME", ".nojekyll", ".well-known", ".git")


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """What the last complete commit left in the output: its files, and the files it kept."""

    files: frozenset[str]
    kept: frozenset[str]
    build: str  # changes with every commit: a commit mark names the build it was committing
    legacy: bool = False  # a folder of frontnews 0.1.0 (changes.json, no record)
    body: bytes = b""  # the record's second line as read: written again as it is if nothing changed


def state_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.frontnews"


def make_state_dir(out: Path) -> Path:
    folder = state_dir(out)
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Thư mục làm việc của frontnews: không đưa lên kho.\n*\n", encoding="utf-8")
    return folder


def drop_state_dir(out: Path) -> None:
    """Remove the state folder if it holds nothing but its .gitignore."""
    folder = state_dir(out)
    try:
        if {p.name for p in folder.iterdir()} <= {".gitignore"}:
            (folder / ".gitignore").unlink(missing_ok=True)
            folder.rmdir()
    except OSError:
        pass


def read_record(out: Path) -> OutputRecord | None:
    """The record of the output folder; a legacy one for a folder of 0.1.0; None if neither."""
    try:
        head, _, body = (out / RECORD_FILE).read_bytes().partition(b"\n")
        header, files = json.loads(head), json.loads(body)
        if header.get("version") == RECORD_VERSION:
            return OutputRecord(frozenset(files["files"]), frozenset(files["kept"]), str(header["build"]), body=body)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    if (out / CHANGES_FILE).is_file() and not (out / CHANGES_FILE).is_symlink():
        return OutputRecord(frozenset(), frozenset(), "", legacy=True)
    return None


def record_bytes(files: Iterable[str], kept: Iterable[str], build: str, body: bytes | None = None) -> bytes:
    """Two lines: the version and build id, then the files, sorted and compact (the same build gives
    the same bytes). `body`: the previous record's second line, when the files are the same: most
    commits change files' bytes, not which files there are, and a large site lists 170,000."""
    if body is None:
        listed = {"files": sorted(files), "kept": sorted(kept)}
        body = (json.dumps(listed, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    head = json.dumps({"version": RECORD_VERSION, "build": build}, separators=(",", ":"))
    return head.encode("ascii") + b"\n" + body


def next_build(previous: str, written: Iterable[str], removed: Iterable[str]) -> str:
    """The id of a commit: its predecessor's and what it changes, so that it differs from both."""
    digest = hashlib.sha256(previous.encode("ascii"))
    for part in (sorted(written), ["\x00"], sorted(removed)):
        digest.update("\x00".join(part).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]


def refuse_output(root: Path, out: Path) -> list[Diagnostic]:
    """The reasons not to publish into `out`, each with its fix; none for a folder frontnews may use."""
    root, out = root.resolve(), out.resolve()
    shown = shown_path(root, out)
    if out == root or root.is_relative_to(out):
        return [diag("FN310", shown, 0)]
    for name in SOURCES:
        source = (root / name).resolve()
        if out.is_relative_to(source):
            return [diag("FN311", shown, 0, relation="nằm trong", source=f"{name}/")]
    for name in SOURCES + SOURCE_FILES:
        if (root / name).exists() and (root / name).resolve().is_relative_to(out):
            return [diag("FN311", shown, 0, relation="chứa", source=name)]
    if out.exists() and not out.is_dir():
        return [diag("FN312", shown, 0, example="đây là một tệp, không phải thư mục")]
    if out.is_dir() and read_record(out) is None:
        try:
            strangers = _strangers(out)
        except OSError as exc:
            return [diag("FN303", shown, 0, detail=str(exc))]
        if strangers:
            return [diag("FN312", shown, 0, example=", ".join(strangers[:3]))]
    return []


def _strangers(out: Path) -> list[str]:
    with os.scandir(out) as entries:
        return sorted(
            e.name + ("/" if e.is_dir(follow_symlinks=False) else "") for e in entries if e.name not in HOSTING_FILES
        )


def shown_path(root: Path | None, path: Path) -> str:
    """A path as a diagnostic names it: relative to the site when inside it, else absolute."""
    if root is not None and path.is_relative_to(root.resolve()) and path != root.resolve():
        return path.relative_to(root.resolve()).as_posix()
    return str(path)
