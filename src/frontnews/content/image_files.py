"""Is a file an image, as its name says and as its bytes say? And is an SVG free of script?

A photo is published beside the article at the site's origin: `![ảnh](index.html)` would replace
the article's own page, and an HTML file named `.png` or an SVG with `onload=` runs its script
when its URL is opened. So a photo must have an image's extension (the preview server's table),
begin as that format begins, and an SVG must hold no script, event handler or `javascript:` URL
(refused, not sanitised: editors' drawings never need one).
"""

from __future__ import annotations

import re
from pathlib import Path

IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
_SVG_HEAD = 4096  # `<svg` comes after at most an XML declaration, comments and a DOCTYPE
# Anything that runs at the site's origin when the SVG is opened by its URL; entities could hide one.
_SVG_ACTIVE = re.compile(
    rb"<\s*(?:[\w.-]+:)?(script|foreignObject|iframe|embed|object)\b"
    rb"|[\s\"'/](on[a-z]+)\s*=|(javascript|vbscript)\s*:|<!(ENTITY)",
    re.IGNORECASE,
)


def is_image_name(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_TYPES


def image_problem(file: Path) -> str | None:
    """None for an image file; else FN244 (its bytes are no image) or FN245 (an SVG that runs code)."""
    suffix = file.suffix.lower()
    if suffix not in IMAGE_TYPES:
        return None
    try:
        with open(file, "rb") as handle:  # a photo's first bytes say its format; an SVG is read whole
            data = handle.read() if suffix == ".svg" else handle.read(16)
    except OSError:
        return None  # gone since it was found: the next build says so
    if not _sniffed(suffix, data):
        return "FN244"
    return "FN245" if suffix == ".svg" and _SVG_ACTIVE.search(data) else None


def _sniffed(suffix: str, data: bytes) -> bool:
    """An image's signature at its start (WHATWG MIME Sniffing's table for images).

    A raster file of another raster type (a PNG named .jpg) is still an image: media/ warns
    about it (FN233) and browsers show it. Only a file that is no image at all is refused.
    """
    if suffix == ".svg":
        head = data[:_SVG_HEAD].lower()
        return b"<svg" in head and b"<html" not in head
    return (
        data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a"))
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or (data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"))
    )
