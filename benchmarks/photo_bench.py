"""The photo benchmark: a site whose every article leads with its own phone-sized photo.

    python benchmarks/photo_bench.py --n 1000 --megapixels 12 [--dir /tmp/frontnews-photos]

Builds the generated corpus (benchmarks/corpus.py) with one JPEG beside each article, as heavy as a
phone's (about 3 MB at 12 megapixels: drawn scenes with phone-like grain, benchmarks/photos.py), and
prints a table: the cold build (no cache, no output), a one-photo change (the photo's bytes
replaced, same name), a one-article text edit, and a build with no change, each with wall and CPU
seconds, the peak RSS of the largest process, and the photos processed (entries made in the photo
store). Then the sizes of what readers get: each 1600 px WebP, and an article page with its photo
on a 390 px phone screen (HTML, CSS, JS and the 480 px WebP).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate
from photos import photo
from run import measure

SCENES = ("hall", "road", "house")
STORE = ".frontnews-cache/photos"


def photo_size(megapixels: float) -> tuple[int, int]:
    width = round((megapixels * 1e6 * 4 / 3) ** 0.5)
    return width, round(width * 3 / 4)


_bases: dict[str, Image.Image] = {}


def _write_photo(job: tuple[Path, str, tuple[int, int], int]) -> int:
    """One unique photo: a scene drawn once per process, with a mark of its own (so its digest is its own)."""
    path, scene, size, k = job
    if scene not in _bases:
        _bases[scene] = photo(scene, size, seed=1, grain=0.6)
    image = _bases[scene].copy()
    rng = random.Random(k)
    for _ in range(6):
        x, y = rng.randrange(size[0] - 200), rng.randrange(size[1] - 200)
        image.paste(tuple(rng.randrange(256) for _ in range(3)), (x, y, x + rng.randrange(40, 200), y + 40))
    image.save(path, "JPEG", quality=90)
    return path.stat().st_size


def make_site(n: int, site: Path, megapixels: float) -> float:
    """The corpus with a lead photo beside every article; returns the photos' mean size in MB."""
    generate(n, site)
    size = photo_size(megapixels)
    jobs = []
    for k, article in enumerate(sorted((site / "content" / "tin-tuc").rglob("*.md"))):
        text = article.read_text(encoding="utf-8")
        lead = f"image:\n  src: {article.stem}.jpg\n  alt: Quang cảnh buổi lễ số {k}\n"
        article.write_text(text.replace("\n---\n", "\n" + lead + "---\n", 1), encoding="utf-8")
        jobs.append((article.with_suffix(".jpg"), SCENES[k % 3], size, k))
    with multiprocessing.get_context("fork").Pool() as pool:
        sizes = pool.map(_write_photo, jobs, chunksize=8)
    return statistics.mean(sizes) / 1e6


def processed(site: Path) -> set[str]:
    return {p.name for p in (site / STORE).glob("*/*") if p.is_dir()}


def run(n: int, site: Path, megapixels: float, reuse: bool = False) -> None:
    started = time.perf_counter()
    if reuse and (site / "content").is_dir():  # the same photos again, from no cache and no output
        shutil.rmtree(site / ".frontnews-cache", ignore_errors=True)
        shutil.rmtree(site / "public", ignore_errors=True)
        mean_mb = statistics.mean(p.stat().st_size for p in (site / "content").rglob("*.jpg")) / 1e6
    else:
        shutil.rmtree(site, ignore_errors=True)
        mean_mb = make_site(n, site, megapixels)
    w, h = photo_size(megapixels)
    made = "kept from an earlier run" if reuse else f"made in {time.perf_counter() - started:.0f} s"
    print(
        f"frontnews photo benchmark: {n} articles, each with its own {w}×{h} JPEG ({mean_mb:.1f} MB on average), "
        f"{made}; {os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    rows = []
    before = processed(site)
    rows.append(("cold build", measure(site), len(processed(site) - before)))
    target = sorted((site / "content" / "tin-tuc").rglob("*.jpg"))[n // 2]
    before = processed(site)
    _write_photo((target, "road", photo_size(megapixels), 10**6))
    rows.append(("one photo changed", measure(site), len(processed(site) - before)))
    article = target.with_suffix(".md")
    article.write_text(article.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    before = processed(site)
    rows.append(("one article text edit", measure(site), len(processed(site) - before)))
    before = processed(site)
    rows.append(("no change", measure(site), len(processed(site) - before)))
    print("| scenario | wall s | CPU s | peak RSS MB | pages rendered | photos processed |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, m, made in rows:
        print(f"| {name} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['rss']:.0f} | {m['rendered']} | {made} |")
    webp = [p.stat().st_size / 1024 for p in (site / "public").rglob("*.1600w.webp")]
    if webp:
        print(f"\n1600 px WebP: {len(webp)} files, mean {statistics.mean(webp):.0f} KB, max {max(webp):.0f} KB")
    page = next((site / "public").rglob("bai-*.480w.webp"))
    parts = [page.parent / "index.html", site / "public/static/css/style.css", site / "public/static/js/menu.js", page]
    print(
        "article page on a 390 px phone: "
        + " + ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KB" for p in parts)
        + f" = {sum(p.stat().st_size for p in parts) / 1024:.0f} KB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/frontnews-photos"))
    parser.add_argument("--reuse", action="store_true", help="keep the photos made by an earlier run in --dir")
    args = parser.parse_args()
    run(args.n, args.dir, args.megapixels, args.reuse)


if __name__ == "__main__":
    main()
