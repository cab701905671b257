"""Where a photo's files are published, and how a page names them: <source> and <img> candidates.

Sizes go beside the photo's own URL (`anh.480w.webp` beside `anh.jpg`); the original's URL itself
serves the widest fallback (or, with `keep_original`, the full photo), always without metadata. A
photo of static/ is copied as it is by the static files, so its widest fallback gets a name of its
own. The list thumbnails and the share picture of an article's lead photo go beside its page
(`anh.card-320w.webp`, `anh.share.jpg`): their names and sizes depend only on the article and the
settings, never on the photo's pixels, so list pages need not know the photo to stay up to date.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TypeGuard
from urllib.parse import quote, unquote

from ..content.assets import PHOTO_TYPES, STATIC_DIR
from ..content.image_settings import ImageSettings
from ..models import Article, Image, StandingPage
from .photo import CARD_SIZES, SHARE_SIZE, SUFFIX_OF_FORMAT, formats_for

MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "AVIF": "image/avif"}


@dataclass(frozen=True, slots=True)
class Candidate:
    url: str  # root-relative, as in the body's HTML; templates add the site's base path
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Rendition:
    """One photo as a page shows it: each modern format's candidates, then the fallback's."""

    width: int
    height: int
    sources: tuple[tuple[str, tuple[Candidate, ...]], ...]  # (MIME type, candidates), the fallback's last


def is_photo(image: Image | None) -> TypeGuard[Image]:
    """A raster photo the build resizes (JPEG, PNG, WebP); SVG drawings and GIFs are published as they are."""
    return image is not None and _suffix(image.source) in PHOTO_TYPES


def owns_original(source: str) -> bool:
    """A photo beside an article has its URL published by us; one of static/ is copied with static/."""
    return not source.startswith(STATIC_DIR + "/")


# Plain string operations on POSIX paths: these run for every file of every photo of every build.
def _suffix(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


def _beside(path: str, name: str) -> str:
    """`name` in the folder of `path`, after `path`'s stem: ("a/anh.jpg", "480w.webp") → "a/anh.480w.webp"."""
    return f"{posixpath.splitext(path)[0]}.{name}"


def _url(path: str) -> str:
    return "/" + quote(path)


def sized_files(
    image: Image, widths: tuple[int, ...], height_of, settings: ImageSettings
) -> list[tuple[str, str, str, int, int]]:
    """(entry file, output path, format, width, height) of every size of the photo at `image.url`."""
    original = unquote(image.url).lstrip("/")
    formats = formats_for(_suffix(original), settings)
    takes_original = owns_original(image.source) and not settings.keep_original
    found = []
    for w in widths:
        for fmt in formats:
            name = f"{w}w.{SUFFIX_OF_FORMAT[fmt]}"
            widest_fallback = w == widths[-1] and fmt == formats[-1]
            path = original if takes_original and widest_fallback else _beside(original, name)
            found.append((name, path, fmt, w, height_of(w)))
    return found


def rendition(image: Image, width: int, height: int, widths: tuple[int, ...], settings: ImageSettings) -> Rendition:
    def height_of(w: int) -> int:
        return max(1, round(w * height / width))

    by_format: dict[str, list[Candidate]] = {}
    for _, path, fmt, w, h in sized_files(image, widths, height_of, settings):
        by_format.setdefault(fmt, []).append(Candidate(_url(path), w, h))
    widest = widths[-1]
    return Rendition(widest, height_of(widest), tuple((MIME[f], tuple(c)) for f, c in by_format.items()))


def _beside_page(article: Article | StandingPage, image: Image, name: str) -> str:
    return _beside(posixpath.join(posixpath.dirname(article.output_path), posixpath.basename(image.source)), name)


def crop_files(article: Article | StandingPage, image: Image, settings: ImageSettings) -> list[tuple[str, str]]:
    """(entry file, output path) of the lead photo's list thumbnails and share picture."""
    found = []
    for w, _ in CARD_SIZES:
        for fmt in formats_for(_suffix(image.source), settings):
            name = f"card-{w}w.{SUFFIX_OF_FORMAT[fmt]}"
            found.append((name, _beside_page(article, image, name)))
    found.append(("share.jpg", _beside_page(article, image, "share.jpg")))
    return found


def card_rendition(article: Article, settings: ImageSettings) -> Rendition | None:
    """The list thumbnail of the article's lead photo: fixed sizes, so a card never depends on the pixels."""
    image = article.image
    if not is_photo(image):
        return None
    by_format: dict[str, list[Candidate]] = {}
    for w, h in CARD_SIZES:
        for fmt in formats_for(_suffix(image.source), settings):
            path = _beside_page(article, image, f"card-{w}w.{SUFFIX_OF_FORMAT[fmt]}")
            by_format.setdefault(fmt, []).append(Candidate(_url(path), w, h))
    w, h = CARD_SIZES[0]
    return Rendition(w, h, tuple((MIME[f], tuple(c)) for f, c in by_format.items()))


def share_image(article: Article | StandingPage) -> tuple[str, int, int] | None:
    """(URL, width, height) of the picture for og:image and JSON-LD: the lead photo cut to 1200×630."""
    if not is_photo(article.image):
        return None
    return _url(_beside_page(article, article.image, "share.jpg")), *SHARE_SIZE
