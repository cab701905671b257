"""Find the site's content files with a digest of their bytes; read and decode them on demand."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from ..diagnostics import Diagnostic
from ..paths import CONTENT_DIR
from .encoding import not_utf8
from .site_files import link_problem, unreadable, walk

ARTICLE_SUFFIX = ".md"


class Digests(Protocol):
    """Gives a listed file's digest: incremental.file_digests.FileDigests remembers them between builds."""

    def once(self, path: str, st: Callable[[], os.stat_result]) -> str: ...


class ReadEach:
    """Digests taken by reading every file: nothing is remembered from a previous build."""

    def once(self, path: str, st: Callable[[], os.stat_result]) -> str:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()


READ_EACH = ReadEach()


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # relative to the site root, POSIX style
    raw: bytes
    digest: str  # sha256 of the raw bytes

    def decode(self) -> tuple[str | None, Diagnostic | None]:
        """NFC text with LF line ends and no BOM, or FN100 at the line and column of the first bad byte."""
        try:
            return decode_text(self.raw), None
        except UnicodeDecodeError as exc:
            return None, not_utf8(self.raw, self.path, exc)

    @property
    def text(self) -> str:
        return decode_text(self.raw)


class ListedSource(NamedTuple):
    """A content file found and identified by its digest, not read (a cached article may do).

    A named tuple: made for every file of every build, and a frozen dataclass is slow to make.
    """

    path: str  # relative to the site root, POSIX style
    file: str  # absolute
    digest: str

    def read(self) -> SourceFile:
        """The bytes now on disk, with their own digest: the file may have changed since it was listed."""
        return _read(self.path, self.file)


def list_sources(
    root: Path, digests: Digests = READ_EACH, problems: list[Diagnostic] | None = None
) -> tuple[ListedSource, ...]:
    """Every content/**/*.md in sorted order, with its digest; files read only when it is unknown.

    os.scandir, not Path.rglob: pathlib's per-file objects would weigh on a rebuild that reads nothing.
    An article linked from outside content/, a link that leads nowhere, a file or folder that cannot
    be read are left out, each with its diagnostic in `problems` (site_files).
    """
    content = (root / CONTENT_DIR).resolve()
    if not content.is_dir():
        return ()
    said = problems if problems is not None else []
    found: list[tuple[str, os.DirEntry]] = []
    # Dot-files and editor leftovers (`.#a.md`) are skipped, and the folders they name not entered.
    for relative, entry in walk(str(content), f"{CONTENT_DIR}/", said, skip=lambda name: name.startswith((".", "_"))):
        if entry.is_symlink():
            if not entry.name.endswith(ARTICLE_SUFFIX):
                continue  # as Path.rglob: links to folders not followed
            if (problem := link_problem(entry.path, relative, content)) is not None:
                said.append(problem)
                continue
        if entry.name.endswith(ARTICLE_SUFFIX) and entry.is_file():
            found.append((relative, entry))
    found.sort(key=lambda item: item[0].split("/"))
    listed: list[ListedSource] = []
    for path, entry in found:
        try:
            listed.append(ListedSource(path, entry.path, digests.once(entry.path, entry.stat)))
        except OSError as exc:
            said.append(unreadable(path, exc))
    return tuple(listed)


def _read(path: str, file: str) -> SourceFile:
    with open(file, "rb") as handle:
        raw = handle.read()
    return SourceFile(path, raw, hashlib.sha256(raw).hexdigest())


def find_sources(root: Path) -> tuple[tuple[SourceFile, ...], list[Diagnostic]]:
    """Every content file, decoded; undecodable files become diagnostics."""
    sources: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for listed in list_sources(root):
        source = listed.read()
        _, problem = source.decode()
        if problem:
            problems.append(problem)
        else:
            sources.append(source)
    return tuple(sources), problems


def read_source(root: Path, file: Path) -> tuple[SourceFile | None, Diagnostic | None]:
    source = _read(file.relative_to(root).as_posix(), str(file))
    _, problem = source.decode()
    return (None, problem) if problem else (source, None)


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM, even doubled by an editor) to NFC text with LF line ends."""
    text = raw.decode("utf-8-sig").lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
