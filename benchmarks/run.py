"""The frontnews benchmark: build a generated site and time the builds editors and CI live with.

    python benchmarks/run.py --n 10000 [--dir /dev/shm/frontnews-bench] [--repeat 3]

Prints a table: cold build (no cache, no output), no-change rebuild, one-article text edit,
one-article tag edit (changes other pages' sidebars), one template edit (404.html, in one page's
template set), base template edit (in every page's), article added, article deleted — each as
wall seconds (median of --repeat runs), CPU seconds, peak RSS, pages rendered and files written.
Each build runs in a fresh process, measured with os.wait4.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate

BUILD = (
    "import json, sys, datetime as dt; from pathlib import Path;"
    "from frontnews.build import build, BuildOptions;"
    "r = build(BuildOptions(root=Path(sys.argv[1]), now=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)));"
    "print(json.dumps({'ok': r.ok, 'rendered': r.rendered, 'written': r.written, 'pages': r.pages,"
    " 'errors': [str(d) for d in r.errors][:5]}))"
)


def measure(site: Path) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", BUILD, str(site)], stdout=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    result = json.loads(process.stdout.read())
    process.stdout.close()
    if status != 0 or not result["ok"]:
        raise SystemExit(f"build failed: {result}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, **result}


def article_path(site: Path, k: int) -> Path:
    return site / "content" / "tin-tuc" / f"{k // 1000:03d}" / f"bai-{k:06d}.md"


def edit_text(site: Path, k: int, round_: int) -> None:
    path = article_path(site, k)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", "\n---\n" + f"Cập nhật lần {round_}. ", 1), encoding="utf-8")


def edit_tags(site: Path, k: int, round_: int) -> None:
    path = article_path(site, k)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tags: [", f"tags: [chủ đề thử {round_}, ", 1), encoding="utf-8")


def edit_template(site: Path, _k: int, round_: int) -> None:
    folder = site / "templates"
    folder.mkdir(exist_ok=True)
    theme = Path(__file__).parent.parent / "templates" / "404.html"
    (folder / "404.html").write_text(theme.read_text(encoding="utf-8") + f"\n{{# sửa {round_} #}}\n", encoding="utf-8")


def edit_base_template(site: Path, _k: int, round_: int) -> None:
    """base.html is in every page's template set: every page renders again (and none changes)."""
    folder = site / "templates"
    folder.mkdir(exist_ok=True)
    theme = Path(__file__).parent.parent / "templates" / "base.html"
    (folder / "base.html").write_text(theme.read_text(encoding="utf-8") + f"\n{{# sửa {round_} #}}\n", encoding="utf-8")


def add_article(site: Path, k: int, round_: int) -> None:
    source = article_path(site, k).read_text(encoding="utf-8")
    target = site / "content" / "tin-tuc" / "them" / f"bai-moi-{round_}.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(source.replace('title: "', f'title: "Tin mới {round_} ', 1), encoding="utf-8")


def delete_article(site: Path, k: int, round_: int) -> None:
    article_path(site, k + round_).unlink()


SCENARIOS = [
    ("no-change rebuild", None),
    ("one-article text edit", edit_text),
    ("one-article tag edit", edit_tags),
    ("one template edit", edit_template),
    ("base template edit", edit_base_template),
    ("article added", add_article),
    ("article deleted", delete_article),
]


def run(n: int, site: Path, repeat: int) -> list[tuple[str, list[dict]]]:
    shutil.rmtree(site, ignore_errors=True)  # the scenarios edit the site: start from the seed each time
    generate(n, site)
    rows = []
    cold = []
    for _ in range(repeat):
        shutil.rmtree(site / "public", ignore_errors=True)
        shutil.rmtree(site / ".frontnews-cache", ignore_errors=True)
        cold.append(measure(site))
    rows.append(("cold build", cold))
    for name, change in SCENARIOS:
        runs = []
        for round_ in range(repeat):
            if change:
                change(site, n // 2, round_)
            runs.append(measure(site))
        rows.append((name, runs))
    return rows


def table(rows: list[tuple[str, list[dict]]]) -> str:
    lines = ["| scenario | wall s (median) | CPU s | peak RSS MB | pages rendered | files written |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, runs in rows:
        mid = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
        lines.append(f"| {name} | {statistics.median(r['wall'] for r in runs):.2f} | {mid['cpu']:.2f} | "
                     f"{max(r['rss'] for r in runs):.0f} | {mid['rendered']} | {mid['written']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where the site is generated (default /dev/shm)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    site = args.dir or Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / f"frontnews-bench-{args.n}"
    rows = run(args.n, site, args.repeat)
    print(f"frontnews benchmark, N = {args.n}, site in {site}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.machine()}")
    print(table(rows))


if __name__ == "__main__":
    main()
