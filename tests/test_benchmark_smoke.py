"""The benchmark runs end to end at a tiny N (a smoke test: nothing here is timed)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "benchmarks" / "run.py"


@pytest.mark.slow
def test_benchmark_table_at_small_n(tmp_path):
    result = subprocess.run([sys.executable, str(BENCH), "--n", "30", "--repeat", "1", "--dir", str(tmp_path / "site")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in result.stdout.splitlines() if line.startswith("| ") and "scenario" not in line}
    assert list(rows) == ["cold build", "no-change rebuild", "one-article text edit", "one-article tag edit",
                          "one template edit", "base template edit", "article added", "article deleted"]
    assert rows["no-change rebuild"][3:] == ["0", "0"]  # pages rendered, files written
    assert int(rows["cold build"][3]) > 30 and int(rows["one-article text edit"][3]) >= 1
    # 404.html is in the 404 page's template set alone (the edit, a comment outside its blocks, shows
    # nowhere); base.html is in every HTML page's (the feeds and sitemaps have no template)
    assert rows["one template edit"][3:] == ["1", "0"]
    assert int(rows["base template edit"][3]) > int(rows["cold build"][3]) // 2
