"""Each folder in sites/invalid/ is a broken site with the exact diagnostics it must give."""

import shutil
from pathlib import Path

import pytest

from sitefactory import build_site, read_tree, write_site

CASES = sorted(p for p in (Path(__file__).parent / "sites" / "invalid").iterdir() if p.is_dir())


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_expected_diagnostics_and_output_kept(case, tmp_path):
    root = tmp_path / "site"
    write_site(
        root, {"content/tin-tuc/tot.md": "---\ntitle: Bài tốt\ndate: 01/01/2020\nunit: phuong-le-loi\n---\nTốt.\n"}
    )
    assert build_site(root).ok
    before = read_tree(root / "public")
    shutil.copytree(case / "content", root / "content", dirs_exist_ok=True)
    report = build_site(root)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(d) for d in report.diagnostics] == expected
    if report.errors:
        assert not report.ok
        assert read_tree(root / "public") == before
