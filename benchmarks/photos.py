"""Photo-like pictures drawn with Pillow: a meeting hall, a village road, a handover of a house.

Used by the example site's photos (drawn once, committed, CC0), the tests and the photo benchmark.
They are drawings, but with what makes a phone photo heavy to compress: soft light, many edges, and
sensor noise. `python benchmarks/photos.py OUT.jpg --scene hall --size 1600x1200 --seed 3`;
`python benchmarks/photos.py . --example` draws the example site's photos again.
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SKIN = [(224, 184, 150), (205, 160, 125), (186, 140, 105), (235, 200, 170)]
SHIRTS = [(245, 245, 240), (40, 60, 110), (200, 200, 205), (90, 110, 80), (150, 30, 40), (230, 220, 190)]


def _gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    column = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=False)))
    return column.resize(size, Image.Resampling.BILINEAR)


def _people(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, rows: int, top: float) -> None:
    """Rows of seated people seen from behind and the side, smaller towards the back."""
    for row in range(rows):
        depth = row / max(1, rows - 1)
        scale = 0.55 + 0.45 * depth
        y = h * (top + 0.45 * depth)
        x = -rng.random() * 60 * scale
        while x < w:
            head = 26 * scale * w / 1600
            body_w, body_h = head * 3.2, head * 4.5
            shirt = rng.choice(SHIRTS)
            draw.rounded_rectangle((x, y, x + body_w, y + body_h), radius=head, fill=shirt)
            hx = x + body_w / 2
            draw.ellipse((hx - head, y - head * 2, hx + head, y + head * 0.3), fill=rng.choice(SKIN))
            draw.pieslice(
                (hx - head * 1.05, y - head * 2.1, hx + head * 1.05, y + head * 0.1), 180, 360, fill=(25, 20, 18)
            )
            x += body_w * (1.05 + rng.random() * 0.35)


def hall(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A conference hall: a red backdrop with a yellow banner, a presidium table with flowers, the audience."""
    w, h = size
    image = _gradient(size, (236, 226, 208), (170, 150, 130))
    draw = ImageDraw.Draw(image)
    draw.rectangle((w * 0.12, h * 0.05, w * 0.88, h * 0.48), fill=(170, 22, 30))
    draw.rectangle((w * 0.18, h * 0.1, w * 0.82, h * 0.2), fill=(232, 196, 60))
    for i in range(18):  # the banner's letters, as blocks
        x = w * (0.2 + i * 0.034)
        draw.rectangle((x, h * 0.125, x + w * 0.022, h * 0.175), fill=(160, 20, 28))
    star = [
        (
            w * 0.5 + h * (0.08 if i % 2 == 0 else 0.032) * math.sin(i * math.pi / 5),
            h * 0.32 - h * (0.08 if i % 2 == 0 else 0.032) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=(250, 215, 60))
    draw.rectangle((w * 0.15, h * 0.42, w * 0.85, h * 0.55), fill=(120, 70, 40))
    draw.rectangle((w * 0.15, h * 0.42, w * 0.85, h * 0.44), fill=(240, 240, 235))
    for i in range(7):  # flowers on the table
        cx, cy = w * (0.2 + i * 0.1), h * 0.42
        for _ in range(14):
            r = h * 0.012
            dx, dy = rng.uniform(-1, 1) * h * 0.03, rng.uniform(-1, 0.2) * h * 0.03
            draw.ellipse(
                (cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r),
                fill=rng.choice([(230, 60, 70), (250, 200, 60), (245, 240, 230)]),
            )
    _people(draw, rng, w, h, rows=5, top=0.6)
    return image


def road(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A village road between rice fields, houses with red roofs, people walking."""
    w, h = size
    image = _gradient(size, (150, 195, 235), (235, 240, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.45, w, h), fill=(95, 150, 60))
    for i in range(40):  # rows of rice
        y = h * (0.46 + i * 0.014)
        draw.line(
            (0, y, w, y + rng.uniform(-4, 4)),
            fill=(70 + rng.randrange(40), 130 + rng.randrange(40), 50),
            width=max(1, round(h * 0.004)),
        )
    draw.polygon([(w * 0.42, h * 0.45), (w * 0.58, h * 0.45), (w * 0.95, h), (w * 0.05, h)], fill=(160, 155, 150))
    for i in range(9):  # houses on the horizon
        x = w * (0.02 + i * 0.11 + rng.uniform(0, 0.03))
        hw, hh = w * 0.07, h * 0.08
        draw.rectangle((x, h * 0.45 - hh, x + hw, h * 0.45), fill=(235, 225, 200))
        draw.polygon(
            [(x - hw * 0.1, h * 0.45 - hh), (x + hw / 2, h * 0.45 - hh * 1.7), (x + hw * 1.1, h * 0.45 - hh)],
            fill=(180, 60, 40),
        )
    for _ in range(30):  # trees
        x, r = rng.uniform(0, w), h * rng.uniform(0.02, 0.05)
        draw.ellipse((x - r, h * 0.42 - r * 2, x + r, h * 0.45), fill=(40, 100 + rng.randrange(40), 40))
    _people(draw, rng, w, h, rows=2, top=0.7)
    return image


def house(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A new house with a red ribbon, people in front holding a sign."""
    w, h = size
    image = _gradient(size, (170, 205, 240), (225, 235, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.7, w, h), fill=(150, 140, 120))
    draw.rectangle((w * 0.2, h * 0.25, w * 0.8, h * 0.7), fill=(240, 230, 190))
    draw.polygon([(w * 0.15, h * 0.27), (w * 0.5, h * 0.05), (w * 0.85, h * 0.27)], fill=(190, 70, 50))
    draw.rectangle((w * 0.44, h * 0.45, w * 0.56, h * 0.7), fill=(110, 70, 40))
    for x in (0.27, 0.63):
        draw.rectangle((w * x, h * 0.38, w * (x + 0.1), h * 0.52), fill=(90, 130, 170))
    draw.line((w * 0.1, h * 0.6, w * 0.9, h * 0.6), fill=(210, 20, 30), width=max(2, round(h * 0.012)))
    draw.rectangle((w * 0.35, h * 0.52, w * 0.65, h * 0.6), fill=(200, 30, 35))
    draw.rectangle((w * 0.37, h * 0.535, w * 0.63, h * 0.585), fill=(245, 210, 70))
    _people(draw, rng, w, h, rows=2, top=0.66)
    return image


SCENES = {"hall": hall, "road": road, "house": house}


def _texture(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Detail at every scale, as cloth, leaves and skin have: noise at 1, 1/4 and 1/16 size, enlarged."""
    w, h = size
    layers = []
    for step in (1, 4, 16):
        small = Image.effect_noise((max(1, w // step), max(1, h // step)), 40 + rng.random())
        layers.append(small.resize(size, Image.Resampling.BICUBIC))
    return Image.merge("RGB", layers)


def photo(scene: str, size: tuple[int, int], seed: int = 0, grain: float = 0.22) -> Image.Image:
    """A drawn scene softened like a lens, with the detail and sensor noise of a phone photo."""
    rng = random.Random(seed)
    image = SCENES[scene](size, rng).filter(ImageFilter.GaussianBlur(max(0.6, size[0] / 2500)))
    texture = _texture(size, rng)
    return Image.blend(image, Image.blend(image, texture, 0.5), grain)


# The example site's photos: (file, scene, seed, stored as a phone stores a portrait-held shot).
EXAMPLE = (
    ("content/tin-tuc/hoi-nghi-quang-trung-2020.jpg", "hall", 2020, True),
    ("content/tin-tuc/duong-thon-kim-bang.jpg", "road", 2024, False),
    ("content/tin-tuc/khoi-cong-nha-thanh-my.jpg", "house", 2023, False),
)
LICENCE = "CC0 1.0: drawn for frontnews by benchmarks/photos.py"


def phone_jpeg(image: Image.Image, out: Path, quality: int, sideways: bool) -> None:
    """Saved as a phone saves it: EXIF with make, model, serial, a GPS position and, if `sideways`, the
    pixels stored turned and orientation 6 saying how to turn them back. The build drops all of it."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0xA431] = "Điện thoại", "Mẫu thử", "SO-MAY-0001"
    exif[0x8298] = LICENCE
    exif[0x8825] = {1: "N", 2: (18.0, 40.0, 12.0), 3: "E", 4: (105.0, 41.0, 30.0)}
    if sideways:
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    image.save(out, "JPEG", quality=quality, exif=exif, optimize=True)


def example_photos(root: Path) -> None:
    """Draw the example site's photos again (1600×1200, about 150 KB each)."""
    for name, scene, seed, sideways in EXAMPLE:
        phone_jpeg(photo(scene, (1600, 1200), seed), root / name, 78, sideways)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the photo to write; with --example, the site's root")
    parser.add_argument("--example", action="store_true", help="draw the example site's photos again")
    parser.add_argument("--scene", choices=sorted(SCENES), default="hall")
    parser.add_argument("--size", default="1600x1200")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quality", type=int, default=82)
    args = parser.parse_args()
    if args.example:
        example_photos(args.out)
        return
    w, h = (int(v) for v in args.size.split("x"))
    photo(args.scene, (w, h), args.seed).save(args.out, quality=args.quality)


if __name__ == "__main__":
    main()
