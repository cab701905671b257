"""Find the site's content files and read them, with a digest of their bytes; decode on demand."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, diag

CONTENT_DIR = "content"
ARTICLE_SUFFIX = ".md"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # relative to the site root, POSIX style
    raw: bytes
    digest: str  # sha256 of the raw bytes

    def decode(self) -> tuple[str | None, Diagnostic | None]:
        """NFC text with LF line ends and no BOM, or FN100 at the line of the first bad byte."""
        try:
            return decode_text(self.raw), None
        except UnicodeDecodeError as exc:
            line = self.raw[: exc.start].count(b"\n") + 1
            return None, diag("FN100", self.path, line, position=exc.start)

    @property
    def text(self) -> str:
        return decode_text(self.raw)


def list_sources(root: Path) -> tuple[SourceFile, ...]:
    """Every content/**/*.md in sorted order, read and hashed but not decoded.

    A rebuild decodes only the files whose digest has no cached article (os.scandir, not
    Path.rglob: pathlib's per-file objects cost more than reading the files).
    """
    content = root / CONTENT_DIR
    if not content.is_dir():
        return ()
    found: list[tuple[str, str]] = []
    stack = [(f"{CONTENT_DIR}/", str(content))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith((".", "_")):  # dot-files and editor leftovers (`.#a.md`)
                    continue
                if entry.is_dir() and not entry.is_symlink():  # as Path.rglob: links not followed
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.name.endswith(ARTICLE_SUFFIX) and entry.is_file():
                    found.append((prefix + entry.name, entry.path))
    return tuple(_read(path, file) for path, file in sorted(found, key=lambda item: item[0].split("/")))


def _read(path: str, file: str) -> SourceFile:
    with open(file, "rb") as handle:
        raw = handle.read()
    return SourceFile(path, raw, hashlib.sha256(raw).hexdigest())


def find_sources(root: Path) -> tuple[tuple[SourceFile, ...], list[Diagnostic]]:
    """Every content file, decoded; undecodable files become diagnostics."""
    sources: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for source in list_sources(root):
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
    """UTF-8 (with or without BOM) to NFC text with LF line ends."""
    text = raw.decode("utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
