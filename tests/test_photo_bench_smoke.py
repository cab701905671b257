"""The photo benchmark runs end to end on a few small photos (a smoke test: nothing here is timed)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "benchmarks" / "photo_bench.py"


@pytest.mark.slow
def test_photo_benchmark_table_at_small_n(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH), "--n", "4", "--megapixels", "0.5", "--dir", str(tmp_path / "site")],
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
    assert list(rows) == ["cold build", "one photo changed", "one article text edit", "no change"]
    assert [row[-1] for row in rows.values()] == ["8", "2", "0", "0"]  # each lead photo: its sizes and its crops
    assert "article page on a 390 px phone" in result.stdout
