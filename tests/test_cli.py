import subprocess
import sys

import pytest

from frontnews.cli.main import main
from sitefactory import article, write_site


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "frontnews.cli.main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": ":".join(sys.path)},
    )


@pytest.mark.slow
def test_build_prints_summary_and_exits_zero(tmp_path):
    root = write_site(tmp_path / "s", {"content/a.md": article()})
    result = run("build", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Xong: 1 bài viết,") and "cảnh báo" in result.stdout


@pytest.mark.slow
def test_build_with_errors_exits_one_and_lists_them(tmp_path):
    root = write_site(
        tmp_path / "s",
        {"content/tin/a.md": article(date="31/02/2020"), "content/tin/b.md": article("B", unit="khong-co")},
    )
    result = run("build", str(root))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("content/tin/a.md:3: FN102 Ngày “31/02/2020” không đúng.")
    assert lines[1].startswith("content/tin/b.md:4: FN105")
    assert not (root / "public").exists()


@pytest.mark.slow
def test_check_writes_nothing(tmp_path):
    root = write_site(tmp_path / "s", {"content/a.md": article()})
    assert run("check", str(root)).returncode == 0
    assert not (root / "public").exists()


@pytest.mark.slow
def test_new_then_build(tmp_path):
    root = write_site(tmp_path / "s", {})
    result = run("new", "Phường Lê Lợi ra quân dọn vệ sinh", "--unit", "phuong-le-loi", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/tin-tuc/phuong-le-loi-ra-quan-don-ve-sinh.md"
    text = (root / result.stdout.strip()).read_text(encoding="utf-8")
    assert "unit: phuong-le-loi" in text and "# participants:" in text and "\ndraft: true " in text
    assert run("new", "Phường Lê Lợi ra quân dọn vệ sinh", cwd=root).returncode == 1
    build = run("build", str(root), "--now", "2100-01-01")
    assert build.returncode == 0, build.stderr
    assert "0 bài viết" in build.stdout  # a draft until the editor removes the line
    build = run("build", str(root), "--now", "2100-01-01", "--drafts")
    assert build.returncode == 0, build.stderr
    assert "1 bài viết" in build.stdout


def test_help_has_examples(capsys):
    for command in ("build", "check", "new", "related"):
        try:
            main([command, "--help"])
        except SystemExit as exit:
            assert exit.code == 0
        assert "ví dụ:" in capsys.readouterr().out


@pytest.mark.slow
def test_related_explains_scores(tmp_path):
    root = write_site(
        tmp_path / "s",
        {
            "content/a.md": article("Bài A", tags="[bầu cử]"),
            "content/b.md": article("Bài B", tags="[bầu cử]"),
            "content/c.md": article("Bài C", unit="xa-kim-son"),
        },
    )
    result = run("related", str(root / "content/a.md"), str(root))
    assert result.returncode == 0, result.stderr
    assert "Bài B" in result.stdout.splitlines()[1]


@pytest.mark.slow
def test_argparse_speaks_vietnamese_too(tmp_path):
    """Its headings, its help lines and its errors: an editor reads no English."""
    help_text = run("build", "--help").stdout
    assert help_text.startswith("cách dùng: frontnews build")
    assert "\ntham số:\n" in help_text and "\ntùy chọn:\n" in help_text
    assert "in hướng dẫn này rồi thoát" in help_text
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in help_text
    wrong = run("buld")
    assert wrong.returncode == 2
    assert "frontnews: lỗi: tham số LỆNH: không có lựa chọn 'buld' (chọn một trong: 'build'," in wrong.stderr
    assert "frontnews new: lỗi: thiếu tham số bắt buộc: title" in run("new").stderr
    assert "lỗi: tham số --port: giá trị không hợp lệ: 'abc'" in run("serve", "--port", "abc").stderr


def test_argparse_is_itself_again_after_the_command(capsys):
    import argparse
    import gettext

    try:
        main(["--version"])
    except SystemExit as exit:
        assert exit.code == 0
    assert "frontnews" in capsys.readouterr().out
    assert argparse._ is gettext.gettext  # other users of argparse in this process are untouched
