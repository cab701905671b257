"""Hostile files of a site: symlinks out of it, files that cannot be read, photos that are pages or
scripts, config files that are folders. Each is `path: FNxxx`, never a leaked file or a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sitefactory import UNITS, article, build_site, write_site

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def codes(report):
    return [(d.code, d.path, d.line) for d in report.diagnostics]


@pytest.mark.parametrize("link", ["static/env.txt", "templates/base.html", "content/tin/ngoai.md"])
def test_a_symlink_out_of_the_site_is_fn202_at_the_link_and_nothing_is_published(tmp_path, link):
    secret = tmp_path / "secret.md"
    secret.write_text(article(title="Bí mật của máy CI"), encoding="utf-8")
    root = write_site(tmp_path / "site", {"content/tin/a.md": article()})
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret, root / link)
    report = build_site(root)
    assert codes(report) == [("FN202", link, 0)]
    assert "liên kết tượng trưng" in report.errors[0].message
    assert not (root / "public").exists()


def test_a_symlink_inside_its_folder_is_still_used(tmp_path):
    root = write_site(tmp_path, {"content/tin/a.md": article(), "static/van-ban/quy-che.txt": "quy chế"})
    os.symlink("van-ban/quy-che.txt", root / "static/quy-che.txt")
    report = build_site(root)
    assert report.ok, report.diagnostics
    assert (root / "public/static/quy-che.txt").read_text(encoding="utf-8") == "quy chế"


def test_a_symlink_loop_is_fn241_not_a_traceback(tmp_path):
    root = write_site(tmp_path, {"content/tin/a.md": article()})
    os.symlink("vong-2.md", root / "content/tin/vong-1.md")
    os.symlink("vong-1.md", root / "content/tin/vong-2.md")
    report = build_site(root)
    assert codes(report) == [("FN241", "content/tin/vong-1.md", 0), ("FN241", "content/tin/vong-2.md", 0)]
    assert "vòng lặp" in report.warnings[0].message
    assert report.ok and (root / "public/index.html").is_file()


@pytest.mark.skipif(shutil.which("setpriv") is None and os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_and_folder_are_fn240():
    """As a user without the right to read them (root reads anything: the build runs as nobody)."""
    top = Path(tempfile.mkdtemp(prefix="frontnews-unreadable-"))  # pytest's own folder is root's alone
    try:
        _unreadable_file_and_folder(top)
    finally:
        for folder, _, _ in os.walk(top):
            os.chmod(folder, 0o755)
        shutil.rmtree(top)


def _unreadable_file_and_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    root = write_site(
        site,
        {
            "content/tin/a.md": article(),
            "content/tin/b.md": article(title="B"),
            "content/khac/c.md": article(title="C"),
        },
    )
    os.chmod(root / "content/tin/b.md", 0)
    os.chmod(root / "content/khac", 0)
    script = (
        "import json, sys, datetime as dt; from pathlib import Path; "
        "from frontnews.build import BuildOptions, build; "
        "r = build(BuildOptions(root=Path(sys.argv[1]), write=False, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))); "
        "print(json.dumps([[d.code, d.path, d.line, d.message] for d in r.diagnostics]))"
    )
    command = [sys.executable, "-c", script, str(root)]
    if os.geteuid() == 0:
        for folder in (tmp_path, site, root / "content", root / "content/tin"):
            os.chmod(folder, 0o755)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    done = subprocess.run(command, capture_output=True, text=True, cwd="/", check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [(c, p, n) for c, p, n, _ in found] == [("FN240", "content/khac", 0), ("FN240", "content/tin/b.md", 0)]
    assert "không có quyền đọc" in found[0][3]


@pytest.mark.parametrize("name", ["frontnews.yaml", "content/units.yaml"])
def test_a_config_file_that_is_a_folder_is_fn242(tmp_path, name):
    root = write_site(tmp_path, {"content/tin/a.md": article()})
    (root / name).unlink()
    (root / name).mkdir()
    report = build_site(root, write=False)
    assert ("FN242", name, 0) in codes(report)


@pytest.mark.parametrize("parent", ["[a, b]", "5"])
def test_a_parent_that_is_not_a_slug_was_already_fn004(tmp_path, parent):
    units = UNITS + f"- slug: xa-moi\n  name: Xã Mới\n  parent: {parent}\n"
    report = build_site(write_site(tmp_path, {"content/units.yaml": units, "content/tin/a.md": article()}), write=False)
    assert [d.code for d in report.errors] == ["FN004"]


def test_a_loop_of_parents_is_fn004_once(tmp_path):
    units = UNITS + "- slug: xa-a\n  name: Xã A\n  parent: xa-b\n- slug: xa-b\n  name: Xã B\n  parent: xa-a\n"
    report = build_site(write_site(tmp_path, {"content/units.yaml": units, "content/tin/a.md": article()}), write=False)
    assert [(d.code, d.line) for d in report.errors] == [("FN004", 16)]
    assert "xa-a → xa-b → xa-a" in report.errors[0].message


def test_a_page_beside_the_article_is_no_photo(tmp_path):
    root = write_site(
        tmp_path,
        {
            "content/tin/a.md": article(body="![ảnh](index.html)\n\n![x](trang.html)"),
            "content/tin/index.html": "<script>alert(1)</script>",
            "content/tin/trang.html": "<p>trang</p>",
        },
    )
    report = build_site(root)
    assert [(d.code, d.line) for d in report.errors] == [("FN243", 6), ("FN243", 8)]
    assert not (root / "public").exists()


def test_a_linked_image_file_whose_bytes_are_no_image_is_fn244(tmp_path):
    """A linked file is published as it is (photos shown go through media/, which says FN230 for one
    that is no photo): an image file's bytes must be an image's, whatever its extension."""
    html = "<html><script>alert(1)</script></html>"
    body = "[tải ảnh](tai.png)\n\n[ảnh GIF](tot.gif)"
    root = write_site(
        tmp_path,
        {
            "content/tin/a.md": article(body=body),
            "content/tin/tai.png": html,
            "content/tin/tot.gif": b"GIF89a" + b"\x00" * 16,
        },
    )
    report = build_site(root)
    assert [(d.code, d.line) for d in report.errors] == [("FN244", 6)]


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><a href=" JavaScript:alert(1)"><text>x</text></a></svg>',
    ],
)
def test_an_svg_that_runs_script_is_fn245_as_photo_link_or_static_file(tmp_path, svg):
    root = write_site(
        tmp_path,
        {
            "content/tin/a.md": article(body="![ảnh](ve.svg)\n\n[bản vẽ](ban-ve.svg)"),
            "content/tin/ve.svg": svg,
            "content/tin/ban-ve.svg": svg,
            "static/logo.svg": svg,
        },
    )
    report = build_site(root)
    assert codes(report) == [
        ("FN245", "content/tin/a.md", 6),
        ("FN245", "content/tin/a.md", 8),
        ("FN245", "static/logo.svg", 0),
    ]


def test_a_clean_svg_is_published(tmp_path):
    root = write_site(tmp_path, {"content/tin/a.md": article(body="![ảnh](ve.svg)"), "content/tin/ve.svg": SVG})
    report = build_site(root)
    assert report.ok, report.diagnostics
    assert len(list((root / "public").rglob("ve.svg"))) == 1


def test_an_svg_given_a_script_after_a_build_is_refused_by_the_next(tmp_path):
    """The body is cached; the photo's bytes are checked again as it is copied."""
    root = write_site(tmp_path, {"content/tin/a.md": article(body="![ảnh](ve.svg)"), "content/tin/ve.svg": SVG})
    assert build_site(root).ok
    before = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    (root / "content/tin/ve.svg").write_text(SVG.replace("<rect", "<rect onclick='alert(1)'"), encoding="utf-8")
    report = build_site(root)
    assert codes(report) == [("FN245", "content/tin/ve.svg", 0)]
    assert {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()} == before
