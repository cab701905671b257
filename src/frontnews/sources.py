"""Find the site's content files and read them as text, with a digest of their bytes."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, diag

CONTENT_DIR = "content"
ARTICLE_SUFFIX = ".md"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # relative to the site root, POSIX style
    text: str  # NFC, LF line ends, no BOM
    digest: str  # sha256 of the raw bytes


def find_sources(root: Path) -> tuple[tuple[SourceFile, ...], list[Diagnostic]]:
    """Read every content/**/*.md in sorted order; undecodable files become diagnostics."""
    content = root / CONTENT_DIR
    sources: list[SourceFile] = []
    problems: list[Diagnostic] = []
    if not content.is_dir():
        return (), problems
    for file in sorted(content.rglob(f"*{ARTICLE_SUFFIX}")):
        if not file.is_file() or _is_hidden(file.relative_to(content)):
            continue
        source, problem = read_source(root, file)
        if problem:
            problems.append(problem)
        else:
            sources.append(source)
    return tuple(sources), problems


def _is_hidden(relative: Path) -> bool:
    """Skip dot-files and editor leftovers (`.#a.md`, `a.md~`)."""
    return any(part.startswith((".", "_")) for part in relative.parts)


def read_source(root: Path, file: Path) -> tuple[SourceFile | None, Diagnostic | None]:
    raw = file.read_bytes()
    path = file.relative_to(root).as_posix()
    try:
        text = decode_text(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, diag("FN100", path, line, position=exc.start)
    return SourceFile(path, text, hashlib.sha256(raw).hexdigest()), None


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM) to NFC text with LF line ends."""
    text = raw.decode("utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
