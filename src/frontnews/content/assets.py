"""Resolve an image path written in an article to a file of the site and its output URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..models import Asset
from ..paths import STATIC_DIR


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where an image is served from; `asset` when it must be copied; `code` on failure."""

    url: str
    asset: Asset | None = None
    code: str | None = None


def resolve_image(src: str, article_source: str, article_url: str, root: Path) -> Resolved:
    """Look beside the article first, then under static/; refuse anything that leaves the site."""
    src = src.strip()
    if "://" in src or src.startswith(("//", "data:")):
        return Resolved(src, code="FN203")
    relative = PurePosixPath(src)
    if not src or src.startswith("/") or "\\" in src or ".." in relative.parts:
        return Resolved(src, code="FN202")
    article_dir = PurePosixPath(article_source).parent
    beside = _inside(root / article_dir / relative, root / article_dir.parts[0])
    if beside:
        output_path = PurePosixPath(article_url.strip("/")) / relative
        return Resolved(article_url + quote(relative.as_posix()),
                        Asset((article_dir / relative).as_posix(), output_path.as_posix()))
    if _inside(root / STATIC_DIR / relative, root / STATIC_DIR):
        return Resolved(f"/{STATIC_DIR}/" + quote(relative.as_posix()))
    return Resolved(src, code="FN201")


def _inside(candidate: Path, allowed_root: Path) -> bool:
    """An existing file whose real path (symlinks followed) stays under allowed_root."""
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real.is_file() and real.is_relative_to(allowed_root.resolve())
