"""Resolve a path written in an article (an image, a linked file or page) to a file of the site and its URL.

A relative path is looked for beside the article first, then under static/; a root-relative one
(`/static/a.pdf`, `/images/a.jpg`, as editors write them) under static/, which the site publishes
at /static/. Nothing that leaves the site is read: `..`, backslashes, and symlinks whose real path
(`Path.resolve().is_relative_to`) leads out of content/ or static/ are refused.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from ..models import Asset
from ..paths import STATIC_DIR
from .image_files import image_problem, is_image_name

# Files an article may link and have published beside it: an allow-list, so that nothing else
# found beside an article (its Markdown, a note, a script) is ever published by a link.
LINKED_TYPES = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
        ".rtf",
        ".txt",
        ".csv",
        ".zip",
        ".rar",
        ".7z",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".svg",
        ".mp3",
        ".mp4",
    }
)
# Raster photos, which the build resizes and strips of metadata (media/); others are published as they are.
PHOTO_TYPES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
_SCHEME_RE = re.compile(r"[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
# A file of the editor's own computer: C:\Users\..., file:///home/...
_LOCAL_FILE_RE = re.compile(r"(?:[a-z]:[\\/]|file:)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where a path leads: its URL; `asset` when it must be copied; `code` on failure.

    A cached body holds while `source`, the site file it shows, still exists and the files of
    `absent`, looked for first in vain, still do not. `check` is a (code, URL path) to look up once
    the site's pages are planned (links only).
    """

    url: str
    asset: Asset | None = None
    code: str | None = None
    source: str | None = None
    check: tuple[str, str] | None = None
    absent: tuple[str, ...] = ()


def resolve_image(src: str, article_source: str, article_url: str, root: Path) -> Resolved:
    """Beside the article, then under static/; refuse anything that leaves the site or another host."""
    src = src.strip()
    if "://" in src or src.startswith(("//", "data:")):
        return Resolved(src, code="FN203")
    path = unquote(src)
    if path.startswith("/"):
        relative = _relative(_under_static(path))
        found = _in_static(relative, root) if relative else None
        return _checked(found, root) or Resolved(src, code="FN201" if relative else "FN202")
    relative = _relative(path)
    if relative is None:
        return Resolved(src, code="FN202")
    if not is_image_name(path):  # `![ảnh](index.html)` would put the editor's page in place of the article's
        return Resolved(src, code="FN243")
    return _checked(_find(relative, article_source, article_url, root), root) or Resolved(src, code="FN201")


def _checked(found: Resolved | None, root: Path) -> Resolved | None:
    """The found file, or its FN243–FN245 when it is not an image, or an SVG that runs code."""
    if found is None or found.source is None:
        return found
    if not is_image_name(found.source):
        return replace(found, asset=None, code="FN243")
    if PurePosixPath(found.source).suffix.lower() in PHOTO_TYPES:
        return found  # read by media/, which says what it cannot read (FN230)
    code = image_problem(root / found.source)
    return replace(found, asset=None, code=code) if code else found


def _linked_image(found: Resolved, root: Path) -> Resolved:
    """A linked image file is published as it is: its bytes must be an image, an SVG without script."""
    code = image_problem(root / found.source) if found.source else None
    return replace(found, asset=None, code=code) if code else found


def resolve_link(href: str, article_source: str, article_url: str, root: Path) -> Resolved:
    """A link's published URL: files copied or found in static/, pages checked after planning.

    External links (any scheme, `//host`), anchors and queries are kept as written.
    """
    text = href.strip()
    if _LOCAL_FILE_RE.match(text):
        return Resolved(href, code="FN205")
    if not text or text.startswith(("#", "?", "//")) or _SCHEME_RE.match(html.unescape(text)):
        return Resolved(href)
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    path, rest = unquote(text[:cut]), text[cut:]
    if "\\" in path:
        return Resolved(href, code="FN205")
    if path.startswith("/"):
        return _root_link(href, path, rest, root)
    relative = PurePosixPath(path)
    if relative.suffix.lower() in LINKED_TYPES:
        if ".." in relative.parts:
            return Resolved(href, code="FN205")
        found = _find(relative, article_source, article_url, root)
        if found is not None and is_image_name(found.source or ""):  # opened by its URL: is it an image?
            found = _linked_image(found, root)
        return _with(found, rest) if found else Resolved(href, code="FN204")
    absent: tuple[str, ...] = ()
    if ".." not in relative.parts and path:
        if _beside(relative, article_source, article_url, root):
            return Resolved(href, code="FN206")  # a file, but not of a type that is published
        absent = (_beside_source(relative, article_source),)
    # As a browser reads it: relative to the article's URL (a folder, /tin-tuc/2024/10/ten-bai/).
    base = article_url if article_url.endswith("/") else article_url.rsplit("/", 1)[0] + "/"
    target = _page_path(base + path)
    return Resolved(href, code="FN205") if target is None else Resolved(href, check=("FN207", target), absent=absent)


def _root_link(href: str, path: str, rest: str, root: Path) -> Resolved:
    """`/static/x` and `/x` name static/x when it is a file; anything else is a page (or file) of the site."""
    is_file = path.startswith(f"/{STATIC_DIR}/") or PurePosixPath(path).suffix.lower() in LINKED_TYPES
    if is_file:
        relative = _relative(_under_static(path))
        if relative is None:
            return Resolved(href, code="FN205")
        found = _in_static(relative, root)
        # Not in static/: perhaps a file the build publishes (another article's, the theme's).
        return (
            _with(found, rest)
            if found
            else Resolved(href, check=("FN204", path), absent=(f"{STATIC_DIR}/{relative.as_posix()}",))
        )
    target = _page_path(path)
    return Resolved(href, code="FN205") if target is None else Resolved(href, check=("FN207", target))


def _page_path(path: str) -> str | None:
    """The URL path with `.` and `..` taken out, or None when `..` climbs above the site's root."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    folder = path.endswith(("/", "/.", "/..")) or not parts
    return "/" + "/".join(parts) + ("/" if folder and parts else "")


def _with(found: Resolved, rest: str) -> Resolved:
    """The found file's URL with the link's own query and fragment (`#page=3`)."""
    return replace(found, url=found.url + rest)


def _under_static(path: str) -> str:
    """A root-relative path as a path inside static/: `/static/a/b.pdf` and `/a/b.pdf` are static/a/b.pdf."""
    path = path[1:]
    return path[len(STATIC_DIR) + 1 :] if path.startswith(STATIC_DIR + "/") else path


def _relative(text: str) -> PurePosixPath | None:
    """A relative path that stays where it is written from, or None (`..`, absolute, backslash, empty)."""
    relative = PurePosixPath(text)
    if not text or text.startswith("/") or "\\" in text or ".." in relative.parts:
        return None
    return relative


def _find(relative: PurePosixPath, article_source: str, article_url: str, root: Path) -> Resolved | None:
    """Beside the article, else in static/ (then a file put beside it later must be seen)."""
    found = _beside(relative, article_source, article_url, root)
    if found is None:
        found = _in_static(relative, root)
        if found is not None:
            found = replace(found, absent=(_beside_source(relative, article_source),))
    return found


def _beside_source(relative: PurePosixPath, article_source: str) -> str:
    return (PurePosixPath(article_source).parent / relative).as_posix()


def _beside(relative: PurePosixPath, article_source: str, article_url: str, root: Path) -> Resolved | None:
    article_dir = PurePosixPath(article_source).parent
    if not _inside(root / article_dir / relative, root / article_dir.parts[0]):
        return None
    source = _beside_source(relative, article_source)
    output_path = PurePosixPath(article_url.strip("/")) / relative
    return Resolved(article_url + quote(relative.as_posix()), Asset(source, output_path.as_posix()), source=source)


def _in_static(relative: PurePosixPath, root: Path) -> Resolved | None:
    if not _inside(root / STATIC_DIR / relative, root / STATIC_DIR):
        return None
    return Resolved(f"/{STATIC_DIR}/" + quote(relative.as_posix()), source=f"{STATIC_DIR}/{relative.as_posix()}")


def _inside(candidate: Path, allowed_root: Path) -> bool:
    """An existing file whose real path (symlinks followed) stays under allowed_root."""
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real.is_file() and real.is_relative_to(allowed_root.resolve())
