"""The frontnews benchmark: build a generated site and time the builds editors and CI live with.

    python benchmarks/run.py --n 10000 [--dir /dev/shm/frontnews-bench] [--repeat 3] [--scenarios K]

Prints a table: cold build (no cache, no output), no-change rebuild, one-article text edit,
one-article tag edit (changes other pages' sidebars), one template edit (404.html, in one page's
template set), base template edit (in every page's), article added (a copy of an article from the
middle of the corpus, with its date), newest article added (dated after all others, as today's
news is), article deleted — each as wall seconds (median of --repeat runs), CPU seconds, peak RSS,
pages rendered and files written. After the cold build it prints the output's size: its bytes and
files, and the bytes of its HTML pages.
Each build runs in a fresh process, measured with os.wait4 (its CPU seconds include Pagefind's and
the worker processes'). `--scenarios K` runs the cold build and the first K scenarios only (at
100,000 articles the later ones take many minutes); `--short` only the cold build, the no-change
rebuild and the text edit; `--no-search` builds the site with `search: false`.
With `--scheduled K`, K more articles wait for their time after the builds' clock, one every 6
hours (a site using `frontnews schedule`): the first is due within hours, so FN115 is in every
report. `--only TEXT` runs the scenarios whose name holds it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)  # the builds' clock
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


def add_newest_article(site: Path, k: int, round_: int) -> None:
    """As an editor adds today's news: dated after every other article (the site is built in 2030)."""
    source = article_path(site, k).read_text(encoding="utf-8")
    source = re.sub(r"^date: .*$", f"date: {round_ + 1:02d}/01/2029 08:00", source, count=1, flags=re.M)
    target = site / "content" / "tin-tuc" / "them" / f"bai-moi-nhat-{round_}.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(source.replace('title: "', f'title: "Tin mới nhất {round_} ', 1), encoding="utf-8")


def delete_article(site: Path, k: int, round_: int) -> None:
    article_path(site, k + round_).unlink()


SCENARIOS = [
    ("no-change rebuild", None),
    ("one-article text edit", edit_text),
    ("one-article tag edit", edit_tags),
    ("one template edit", edit_template),
    ("base template edit", edit_base_template),
    ("article added", add_article),
    ("newest article added", add_newest_article),
    ("article deleted", delete_article),
]


SHORT = ("no-change rebuild", "one-article text edit")  # --short: what a large site is measured by first


def output_size(public: Path) -> dict:
    """Bytes and files of the published site, and how much of it is HTML."""
    files = [p for p in public.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "html_files": len(html),
        "html_bytes": sum(p.stat().st_size for p in html),
    }


def schedule(site: Path, count: int) -> None:
    """`count` copies of the first article, dated after NOW: the first 3 hours after, then every 6 hours."""
    folder = site / "content" / "tin-tuc" / "hen-gio"
    folder.mkdir(exist_ok=True)
    text = article_path(site, 0).read_text(encoding="utf-8")
    date = next(line for line in text.splitlines() if line.startswith("date: "))
    for k in range(count):
        when = (NOW + dt.timedelta(hours=3 + 6 * k)).astimezone(dt.timezone(dt.timedelta(hours=7)))
        (folder / f"hen-{k:04d}.md").write_text(
            text.replace(date, f"date: {when:%d/%m/%Y %H:%M}", 1).replace('title: "', f'title: "Hẹn giờ {k} ', 1),
            encoding="utf-8",
        )


def run(
    n: int,
    site: Path,
    repeat: int,
    scenarios: int = len(SCENARIOS),
    search: bool = True,
    short: bool = False,
    scheduled: int = 0,
    only: list[str] | None = None,
) -> tuple[list[tuple[str, list[dict]]], dict]:
    shutil.rmtree(site, ignore_errors=True)  # the scenarios edit the site: start from the seed each time
    generate(n, site)
    schedule(site, scheduled)
    if not search:  # the site without its Pagefind index, to tell the index's share
        with open(site / "frontnews.yaml", "a", encoding="utf-8") as config:
            config.write("search: false\n")
    rows = []
    cold = []
    for _ in range(repeat):
        shutil.rmtree(site / "public", ignore_errors=True)
        shutil.rmtree(site / ".frontnews-cache", ignore_errors=True)
        cold.append(measure(site))
    rows.append(("cold build", cold))
    size = output_size(site / "public")
    for name, change in SCENARIOS[:scenarios]:
        if (short and name not in SHORT) or (only and not any(part in name for part in only)):
            continue
        runs = []
        for round_ in range(repeat):
            if change:
                change(site, n // 2, round_)
            runs.append(measure(site))
        rows.append((name, runs))
    return rows, size


def table(rows: list[tuple[str, list[dict]]]) -> str:
    lines = [
        "| scenario | wall s (median) | CPU s | peak RSS MB | pages rendered | files written |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, runs in rows:
        mid = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
        lines.append(
            f"| {name} | {statistics.median(r['wall'] for r in runs):.2f} | {mid['cpu']:.2f} | "
            f"{max(r['rss'] for r in runs):.0f} | {mid['rendered']} | {mid['written']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where the site is generated (default /dev/shm)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scenarios", type=int, default=len(SCENARIOS), help="run only the first K scenarios")
    parser.add_argument("--no-search", action="store_true", help="build without the search index (search: false)")
    parser.add_argument("--short", action="store_true", help="only the cold build, " + " and ".join(SHORT))
    parser.add_argument("--scheduled", type=int, default=0, help="articles waiting for their time (default 0)")
    parser.add_argument("--only", action="append", help="run the scenarios whose name holds this (repeatable)")
    args = parser.parse_args()
    site = args.dir or Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / f"frontnews-bench-{args.n}"
    rows, size = run(
        args.n,
        site,
        args.repeat,
        args.scenarios,
        search=not args.no_search,
        short=args.short,
        scheduled=args.scheduled,
        only=args.only,
    )
    waiting = f", {args.scheduled} scheduled" if args.scheduled else ""
    print(
        f"frontnews benchmark, N = {args.n}{' without search' if args.no_search else ''}{waiting}, site in {site}, "
        f"{os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    print(table(rows))
    print(
        f"\noutput after the cold build: {size['bytes'] / 1e6:.1f} MB in {size['files']:,} files; "
        f"HTML {size['html_bytes'] / 1e6:.1f} MB in {size['html_files']:,} pages"
    )


if __name__ == "__main__":
    main()
