"""The `images:` section of frontnews.yaml: the widths, quality and formats photos are published in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FORMATS = ("webp", "avif")  # besides the photo's own format, which is always the fallback


@dataclass(frozen=True, slots=True)
class ImageSettings:
    widths: tuple[int, ...] = (480, 960, 1600)
    quality: int = 72  # WebP 72: a 12-megapixel phone photo is about 150-250 KB at 1600 px
    formats: tuple[str, ...] = ("webp",)
    keep_original: bool = False  # also publish the full-size photo (still upright and without metadata)


def read_images(section: Any, bad: Callable[[str, str], None]) -> dict[str, ImageSettings]:
    """`images: {widths: [480, 960, 1600], quality: 72, formats: [webp], keep_original: false}`."""
    if section is None:
        return {}
    if not isinstance(section, dict) or not set(section) <= {"widths", "quality", "formats", "keep_original"}:
        bad("images", "chỉ gồm widths, quality, formats và keep_original")
        return {}
    values: dict[str, Any] = {}
    widths = section.get("widths")
    if widths is not None:
        if isinstance(widths, list) and widths and all(_int_in(w, 16, 8192) for w in widths):
            values["widths"] = tuple(sorted(set(widths)))
        else:
            bad("images.widths", "phải là danh sách độ rộng tính bằng điểm ảnh, từ 16 đến 8192, ví dụ [480, 960, 1600]")
    quality = section.get("quality")
    if quality is not None:
        if _int_in(quality, 1, 100):
            values["quality"] = quality
        else:
            bad("images.quality", "phải là số nguyên từ 1 đến 100, ví dụ 72")
    formats = section.get("formats")
    if formats is not None:
        if isinstance(formats, list) and all(isinstance(f, str) and f.lower() in FORMATS for f in formats):
            values["formats"] = tuple(dict.fromkeys(f.lower() for f in formats))
        else:
            bad(
                "images.formats", "phải là danh sách gồm " + ", ".join(FORMATS) + " (hoặc [] để chỉ đăng định dạng gốc)"
            )
    keep = section.get("keep_original")
    if keep is not None:
        if isinstance(keep, bool):
            values["keep_original"] = keep
        else:
            bad("images.keep_original", "phải là true hoặc false")
    return {"images": ImageSettings(**values)}


def _int_in(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
