"""The preview benchmark: from an editor's save to the new text served by `frontnews serve`.

    python benchmarks/preview_bench.py --n 10000 [--dir /dev/shm/frontnews-preview-10000] [--repeat 5] [--reuse]

Generates the benchmark's corpus (benchmarks/corpus.py), starts `frontnews serve` on it in a child
process (its temporary output folder beside the site, so on the same disk), waits for the first
build, then `--repeat` times: adds a sentence to one article, saves it, and asks for that article's
page over HTTP every 10 ms until the sentence is there. Prints each time and their median, in
seconds from the save to the first answer holding the new text (the watcher's debounce included).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate
from frontnews.content.config import load_config
from frontnews.content.parsing import parse_source
from frontnews.content.sources import read_source
from frontnews.content.units import load_units
from run import article_path

SERVE = "import sys; from frontnews.cli.main import main; sys.exit(main(sys.argv[1:]))"


def article_url(site: Path, path: Path) -> str:
    """The article's address, as the build gives it."""
    config, _ = load_config(site)
    units, _ = load_units(site)
    source, _ = read_source(site, path)
    assert source is not None
    article, _ = parse_source(source, config, units, site)
    assert article is not None
    return article.url


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until `url` answers with `text` in it."""
    started = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"{url} did not show {text!r} within {timeout} s")
        time.sleep(0.01)
    return time.perf_counter() - started


def start_server(site: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """`frontnews serve --port 0` in a child process; its address once the first build is served."""
    env = {**os.environ, "TMPDIR": str(site.parent)}  # the preview's output folder on the site's disk
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, "serve", str(site), "--port", "0"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    started = time.perf_counter()
    while time.perf_counter() - started < 600:
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("Xem trước tại "):
                return server, line.split()[3].rstrip("/")
        if server.poll() is not None:
            raise SystemExit(f"frontnews serve ended:\n{log.read_text(encoding='utf-8', errors='replace')}")
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("frontnews serve did not start within 600 s")


def run(site: Path, n: int, repeat: int) -> tuple[float, list[float]]:
    path = article_path(site, n // 2)
    url = article_url(site, path)
    log = Path(tempfile.mkdtemp(prefix="frontnews-preview-bench-")) / "serve.log"
    started = time.perf_counter()
    server, base = start_server(site, log)
    try:
        first = wait_for(base + url, "</html>", 60) + time.perf_counter() - started
        times = []
        original = path.read_text(encoding="utf-8")
        for round_ in range(repeat):
            time.sleep(1.0)  # the server idle, as between an editor's saves
            mark = f"Bản sửa xem trước số {round_} lúc {time.time():.0f}."
            saved = time.perf_counter()
            path.write_text(original.replace("\n---\n", f"\n---\n{mark} ", 1), encoding="utf-8")
            wait_for(base + url, mark, 120)
            times.append(time.perf_counter() - saved)
        path.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(log.parent, ignore_errors=True)
    return first, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where the site is generated (default /dev/shm)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep the site already generated in --dir")
    args = parser.parse_args()
    site = args.dir or Path("/dev/shm" if Path("/dev/shm").is_dir() else "/tmp") / f"frontnews-preview-{args.n}"
    if not (args.reuse and (site / "frontnews.yaml").is_file()):
        shutil.rmtree(site, ignore_errors=True)
        generate(args.n, site)
    first, times = run(site, args.n, args.repeat)
    print(
        f"frontnews preview benchmark, N = {args.n}, site in {site}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    print(f"first build served: {first:.2f} s")
    print("save → new text served, s: " + ", ".join(f"{t:.2f}" for t in times))
    print(f"median: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
