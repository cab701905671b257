"""The benchmark runs end to end at a tiny N (a smoke test: nothing here is timed)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "benchmarks" / "run.py"


@pytest.mark.slow
def test_benchmark_table_at_small_n(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH), "--n", "30", "--repeat", "1", "--dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    rows = {
        line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
        for line in result.stdout.splitlines()
        if line.startswith("| ") and "scenario" not in line
    }
    assert list(rows) == [
        "cold build",
        "no-change rebuild",
        "one-article text edit",
        "one-article tag edit",
        "one template edit",
        "base template edit",
        "article added",
        "newest article added",
        "article deleted",
    ]
    assert rows["no-change rebuild"][3:] == ["0", "0"]  # pages rendered, files written
    assert int(rows["cold build"][3]) > 30 and int(rows["one-article text edit"][3]) >= 1
    # 404.html is in the 404 page's template set alone (the edit, a comment outside its blocks, shows
    # nowhere); base.html is in every HTML page's (the feeds and sitemaps have no template)
    assert rows["one template edit"][3:] == ["1", "0"]
    assert int(rows["base template edit"][3]) > int(rows["cold build"][3]) // 2


def test_the_hugo_flavour_holds_the_same_articles(tmp_path):
    """Hugo is not a dependency: only the conversion is checked here (benchmarks/hugo_flavour.py)."""
    sys.path.insert(0, str(BENCH.parent))
    from corpus import generate
    from hugo_flavour import hugo_site

    ours = generate(12, tmp_path / "frontnews")
    theirs = hugo_site(ours, tmp_path / "hugo")
    sources = sorted(p.relative_to(ours / "content") for p in (ours / "content").rglob("*.md"))
    assert sorted(p.relative_to(theirs / "content") for p in (theirs / "content").rglob("*.md")) == sources
    mine = (ours / "content" / sources[0]).read_text(encoding="utf-8")
    hugo = (theirs / "content" / sources[0]).read_text(encoding="utf-8")
    assert mine.split("---\n", 2)[2] == hugo.split("---\n", 2)[2]  # the same body
    front = hugo.split("---\n", 2)[1]
    assert "+07:00" in front and "donvi:" in front and "title:" in front
    assert (theirs / "hugo.yaml").read_text(encoding="utf-8").count("weight:") == 3  # related: people, tags, unit
