"""The example site's output against a reviewed copy in tests/golden/example/.

MANIFEST.txt lists every output file but the search index's (pagefind/<shard>/: Pagefind names its
files by hashes that change with each Pagefind release, not with the site; tests/test_search_index.py
checks that the same pages give the same index, and the browser tests search it); the pages in
REVIEWED (one of each kind, including the article in the seed's plain style, one pasted as the seed
was laid out and one with a video; the top unit's page shows a pinned notice; a section's list, a
list of documents, a document and a standing page) are compared byte for byte. After an intended change,
regenerate with FRONTNEWS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py, then read the
diff (git diff tests/golden) before committing it.
"""

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from frontnews.build import BuildOptions, build

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "example"
NOW = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
REVIEWED = (
    "index.html",
    "404.html",
    "tin-tuc/2020/12/phuong-quang-trung-tong-ket-cong-tac-mat-tran-nam-2020/index.html",
    "tin-tuc/2025/10/phuong-trung-hung-boi-duong-nghiep-vu-cho-can-bo-mat-tran-khu-dan-cu-nam-2025/index.html",
    "tin-tuc/2025/12/phong-su-khu-dan-cu-so-5-phuong-trung-hung-chung-tay-xay-dung-tuyen-pho-van-minh/index.html",
    "don-vi/thi-xa-dong-lam/index.html",
    "chu-de/index.html",
    "nhan-vat/index.html",
    "luu-tru/index.html",
    "tim-kiem/index.html",
    "pagefind/shards.json",
    "thong-bao/index.html",
    "van-ban/index.html",
    "van-ban/2025/09/ke-hoach-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-o-khu-dan-cu-nam-2025/index.html",
    "gioi-thieu/index.html",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
)


def built_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".frontnews" not in p.parts and not _pagefind_bundle(p.relative_to(out))
    }


def _pagefind_bundle(path: Path) -> bool:
    """A file Pagefind wrote (pagefind/<shard>/…), not pagefind/shards.json, which frontnews writes."""
    return path.parts[0] == "pagefind" and len(path.parts) > 2


@pytest.mark.slow
def test_example_site_matches_the_reviewed_output(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(
        REPO,
        site,
        ignore=shutil.ignore_patterns(
            ".git",
            "public",
            ".frontnews-cache",
            "node_modules",
            "tests",
            "benchmarks",
            ".*staging*",
            ".public.frontnews",
        ),
    )
    report = build(BuildOptions(root=site, now=NOW, jobs=1))
    assert report.ok, report.diagnostics
    actual = built_files(site / "public")
    manifest = "".join(f"{name}\n" for name in sorted(actual))
    if os.environ.get("FRONTNEWS_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        (GOLDEN / "MANIFEST.txt").write_text(manifest, encoding="utf-8")
        for name in REVIEWED:
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(actual[name])
    assert manifest == (GOLDEN / "MANIFEST.txt").read_text(encoding="utf-8")
    for name in REVIEWED:
        assert actual[name].decode() == (GOLDEN / name).read_bytes().decode(), name
