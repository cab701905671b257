"""One photo through Pillow: read it safely, turn it upright, make it sRGB, drop its metadata, encode its sizes.

Every decision about pixels is here; what the files are called and where they go is `names`, and the
cache of processed photos is `store`. Problems are returned as (code, values) for the caller to turn
into diagnostics at the line that names the photo: this module knows no article.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..content.image_settings import ImageSettings

# The format an extension promises; a phone's multi-picture JPEG (MPO) is a JPEG.
FORMAT_OF_SUFFIX = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
SAME_AS = {"MPO": "JPEG"}
SUFFIX_OF_FORMAT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
BIG_FILE = 20 * 1024 * 1024  # bytes: a warning above, the photo is still processed
BIG_PIXELS = 40_000_000  # pixels: the same
CARD_SIZES = ((320, 240), (640, 480))  # list thumbnails, 4:3 as the card shows them beside the title
SHARE_SIZE = (1200, 630)  # og:image and JSON-LD, the size Facebook and Zalo show
ORIGINAL_QUALITY = 92  # keep_original: full size, only re-encoded to drop the metadata
_SWAPS_SIDES = {5, 6, 7, 8}  # EXIF orientations that turn the picture by 90 degrees
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

Problem = tuple[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class Made:
    """What processing gave: the upright size, the files by name, and the problems (errors leave no files)."""

    width: int = 0
    height: int = 0
    files: dict[str, bytes] | None = None
    problems: tuple[Problem, ...] = ()


def widths_for(width: int, settings: ImageSettings) -> tuple[int, ...]:
    """The widths published for a photo `width` pixels wide: never wider than the photo itself."""
    return tuple(sorted({w for w in settings.widths if w < width} | {min(width, max(settings.widths))}))


def fallback_format(suffix: str) -> str:
    """The photo's own format, as its extension names it: browsers without WebP get that."""
    return FORMAT_OF_SUFFIX[suffix.lower()]


def formats_for(suffix: str, settings: ImageSettings) -> tuple[str, ...]:
    """Modern formats first (each a <source>), then the fallback, each once."""
    fallback = fallback_format(suffix)
    modern = tuple(f.upper() for f in settings.formats if f.upper() != fallback)
    return modern + (fallback,)


def process(path: Path, settings: ImageSettings, focus: tuple[float, float] | None = None) -> Made:
    """The sizes of one photo: each width in each format ("480w.webp"), and "full.jpg" with keep_original.
    With `focus`, instead the lead photo's crops around it: "card-320w.webp"…, "share.jpg". Two jobs
    for a lead photo, so that one changed photo is processed on two cores.
    """
    suffix = path.suffix.lower()
    problems: list[Problem] = []
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Made(problems=(("FN230", {"detail": exc.strerror or str(exc)}),))
    if size > BIG_FILE:
        problems.append(("FN234", {"size": f"{size / 2**20:.0f}"}))
    with warnings.catch_warnings():
        # Pillow warns between its limit and twice it; FN235 says it better, and above twice it refuses.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                return _process(image, suffix, settings, focus, problems)
        except Image.DecompressionBombError:
            return Made(problems=(("FN232", {"limit": f"{(Image.MAX_IMAGE_PIXELS or 0) * 2 / 1e6:.0f}"}),))
        except (UnidentifiedImageError, SyntaxError, ValueError, EOFError, OSError) as exc:
            if "truncated" in str(exc):
                return Made(problems=tuple(problems) + (("FN231", {}),))
            return Made(problems=tuple(problems) + (("FN230", {"detail": _reason(exc)}),))


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnidentifiedImageError):
        return "tệp không phải ảnh JPEG, PNG hay WebP (ảnh HEIC của iPhone cũng phải chuyển sang JPEG trước)"
    return "tệp ảnh bị hỏng"


def _process(
    image: Image.Image, suffix: str, settings: ImageSettings, focus: tuple[float, float] | None, problems: list[Problem]
) -> Made:
    real = SAME_AS.get(image.format or "", image.format or "")
    if real != fallback_format(suffix):
        right = SUFFIX_OF_FORMAT.get(real, real.lower())
        problems.append(("FN233", {"real": real, "suffix": suffix, "right": right}))
    stored_w, stored_h = image.size
    if stored_w * stored_h > BIG_PIXELS:
        problems.append(("FN235", {"megapixels": f"{stored_w * stored_h / 1e6:.0f}"}))
    turned = image.getexif().get(0x0112) in _SWAPS_SIDES
    width, height = (stored_h, stored_w) if turned else (stored_w, stored_h)
    widths = widths_for(width, settings)
    full = settings.keep_original and focus is None
    scale = 1.0 if full else _needed_scale(width, height, widths[-1], focus)
    if image.format == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 when every output is that small: a phone photo decodes in a fraction.
        image.draft(None, (math.ceil(stored_w * scale), math.ceil(stored_h * scale)))
    image.load()  # a truncated or broken file fails here, on all its bytes
    picture = _srgb(ImageOps.exif_transpose(image))
    picture.info = {}  # EXIF (GPS, serial numbers), XMP, comments, the ICC profile: none is written
    formats = formats_for(suffix, settings)
    if focus is not None:
        return Made(width, height, _crops(picture, formats, settings.quality, focus), tuple(problems))
    files: dict[str, bytes] = {}
    # Widest first, each made from the smallest picture made so far that is at least its size: a
    # 480 px copy of a 960 px one is as sharp, and costs a fraction of one from the photo.
    made = [picture]
    for w in reversed(widths):
        resized = _resized(_smallest(made, w, 1), (w, max(1, round(w * height / width))))
        made.append(resized)
        for fmt in formats:
            files[f"{w}w.{SUFFIX_OF_FORMAT[fmt]}"] = encode(resized, fmt, settings.quality)
    if full:
        fallback = formats[-1]
        files[f"full.{SUFFIX_OF_FORMAT[fallback]}"] = encode(picture, fallback, max(settings.quality, ORIGINAL_QUALITY))
    return Made(width, height, files, tuple(problems))


def _crops(
    picture: Image.Image, formats: tuple[str, ...], quality: int, focus: tuple[float, float]
) -> dict[str, bytes]:
    """The list thumbnails in each format, and the share picture (JPEG, which every app reads)."""
    files: dict[str, bytes] = {}
    for size in CARD_SIZES:
        crop = cover(picture, size, focus)
        for fmt in formats:
            files[f"card-{size[0]}w.{SUFFIX_OF_FORMAT[fmt]}"] = encode(crop, fmt, quality)
    files["share.jpg"] = encode(cover(picture, SHARE_SIZE, focus), "JPEG", quality)
    return files


def _smallest(made: list[Image.Image], width: int, height: int) -> Image.Image:
    """The smallest picture made that is at least `width` × `height` (else the photo itself, made[0])."""
    fits = [image for image in made if image.width >= width and image.height >= height]
    return min(fits, key=lambda image: image.width) if fits else made[0]


def _needed_scale(width: int, height: int, widest: int, focus: tuple[float, float] | None) -> float:
    """The smallest scale of the photo that every output can be made from without enlarging it."""
    if focus is None:
        return min(1.0, widest / width)
    return min(1.0, max(max(w / width, h / height) for w, h in (*CARD_SIZES, SHARE_SIZE)))


def _srgb(image: Image.Image) -> Image.Image:
    """RGB (RGBA if it has transparency) in sRGB: an embedded profile (Display P3, Adobe RGB, CMYK) is converted."""
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if alpha else "RGB"
    icc = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(mode)
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode if image.mode != "L" else "RGB")
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an unreadable profile: the pixels are taken as sRGB, as browsers would
    return image if image.mode == mode else image.convert(mode)


def _resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def cover(image: Image.Image, size: tuple[int, int], focus: tuple[float, float]) -> Image.Image:
    """`size` filled by the photo, cut around `focus` (fractions of its width and height from the top left)."""
    target_w, target_h = size
    width, height = image.size
    scale = max(target_w / width, target_h / height)
    crop_w, crop_h = target_w / scale, target_h / scale
    left = min(max(focus[0] * width - crop_w / 2, 0.0), width - crop_w)
    top = min(max(focus[1] * height - crop_h / 2, 0.0), height - crop_h)
    return image.resize(size, Image.Resampling.LANCZOS, box=(left, top, left + crop_w, top + crop_h), reducing_gap=3.0)


def encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    """The image in `fmt`, with no metadata; JPEG has no transparency, so it is laid on white."""
    if fmt == "JPEG" and image.mode == "RGBA":
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=quality, method=4)
    elif fmt == "AVIF":
        image.save(out, "AVIF", quality=quality)
    else:
        image.save(out, "PNG", compress_level=6)
    return out.getvalue()
