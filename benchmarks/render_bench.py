"""Time the rendering of a site's planned pages (Jinja) in one process, by template.

    python benchmarks/render_bench.py SITE [--repeat 3] [--profile out.prof]

Loads and plans SITE once (no build cache, nothing written), then renders every templated page
`--repeat` times, each round with a fresh Jinja environment (as a build makes one per process, so
whatever it memoizes starts cold). Times are CPU time of this process (other processes on the
machine disturb them less than wall time); prints ms/page by template, each template's best round.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import sys
import time
from collections import defaultdict
from pathlib import Path

from frontnews.build import BuildOptions, load_site
from frontnews.incremental.related_cache import related_news
from frontnews.incremental.state import NoState
from frontnews.markup.bodies import assemble
from frontnews.render.renderer import render_page
from frontnews.render.templates import make_environment
from frontnews.site.indexes import build_index
from frontnews.site.navigation import plan_menu
from frontnews.site.planner import plan_pages

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def plan(root: Path, preview: bool = False):
    options = BuildOptions(root=root, now=NOW, jobs=1, preview=preview, drafts=preview, future=preview)
    site, _ = load_site(options, NoState(), bodies=True)
    bodies = assemble(site.published, site.bodies, None, root, site.config.unsafe_html)
    index = build_index(site.published)
    related = related_news(index.articles, site.units, site.config, None)
    menu, _ = plan_menu(site.config, site.units, index)
    pages = plan_pages(site.config, index, related, bodies.html, site.units, menu)
    return site, [p for p in pages if p.renderer is None]


def render_round(root: Path, site, pages, preview: bool) -> dict[str, list[float]]:
    env = make_environment(root, site.config, site.units.units, preview=preview)
    times: dict[str, list[float]] = defaultdict(list)
    clock = time.process_time
    for page in pages:
        started = clock()
        _, problem = render_page(page, env)
        times[page.template].append(clock() - started)
        if problem:
            raise SystemExit(str(problem))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--preview", action="store_true")
    parser.add_argument("--profile", type=Path, help="write a cProfile of one more round here")
    args = parser.parse_args()
    started = time.perf_counter()
    site, pages = plan(args.site, args.preview)
    print(f"planned {len(pages)} templated pages in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    gc.freeze()
    best: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for name, values in render_round(args.site, site, pages, args.preview).items():
            if name not in best or sum(values) < sum(best[name]):
                best[name] = values
    print(f"{'template':<16} {'pages':>6} {'ms/page':>8} {'total s':>8}")
    for name in sorted(best, key=lambda n: -sum(best[n])):
        values = best[name]
        print(f"{name:<16} {len(values):>6} {1000 * sum(values) / len(values):>8.3f} {sum(values):>8.2f}")
    count = sum(len(v) for v in best.values())
    total = sum(map(sum, best.values()))
    print(f"{'all':<16} {count:>6} {1000 * total / count:>8.3f} {total:>8.2f}")
    if args.profile:
        cProfile.runctx(
            "render_round(args.site, site, pages, args.preview)",
            globals(),
            {"args": args, "site": site, "pages": pages},
            str(args.profile),
        )


if __name__ == "__main__":
    main()
