import io
import json

import pytest

from frontnews.build import BuildReport
from frontnews.cli.main import main
from frontnews.cli.reporting import escape_data, escape_property, print_report
from sitefactory import article, write_site

DATE_MESSAGE = (
    "Ngày “50%/02/2020” không đúng. Hãy viết theo dạng dd/mm/yyyy hoặc dd/mm/yyyy HH:MM, ví dụ 07/10/2020 15:35."
)
UNIT_MESSAGE = "Không có đơn vị “khong-co” trong content/units.yaml."
KEY_MESSAGE = "Trường “tag” không được dùng và sẽ bị bỏ qua. Có phải ý bạn là “tags”?"


@pytest.fixture
def broken_site(tmp_path):
    """Two errors and a warning; a file name with a comma, a message with a percent sign."""
    return write_site(
        tmp_path / "site",
        {
            "content/tin/a,b.md": article(date="50%/02/2020"),
            "content/tin/b.md": article("B", unit="khong-co", tag="x"),
        },
    )


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("command", ["check", "build"])
def test_github_format_gives_workflow_commands(broken_site, capsys, monkeypatch, command):
    monkeypatch.chdir(broken_site)
    code, out, err = run(capsys, command, "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=content/tin/a%2Cb.md,line=3,title=FN102::" + DATE_MESSAGE.replace("%", "%25"),
        "::error file=content/tin/b.md,line=4,title=FN105::" + UNIT_MESSAGE,
        "::warning file=content/tin/b.md,line=5,title=FN110::" + KEY_MESSAGE,
    ]
    assert err.startswith("Thất bại: 2 lỗi, 1 cảnh báo,")
    assert not (broken_site / "public").exists()


def test_github_paths_are_relative_to_the_working_directory(broken_site, capsys, monkeypatch):
    """On a runner the working directory is the checkout; the site may be a subfolder of it."""
    monkeypatch.chdir(broken_site.parent)
    code, out, _ = run(capsys, "check", "site", "--format", "github")
    assert code == 1
    assert out.splitlines()[1] == "::error file=site/content/tin/b.md,line=4,title=FN105::" + UNIT_MESSAGE


def test_json_format_is_a_list_of_diagnostics(broken_site, capsys):
    code, out, err = run(capsys, "check", str(broken_site), "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {"code": "FN102", "severity": "error", "path": "content/tin/a,b.md", "line": 3, "message": DATE_MESSAGE},
        {"code": "FN105", "severity": "error", "path": "content/tin/b.md", "line": 4, "message": UNIT_MESSAGE},
        {"code": "FN110", "severity": "warning", "path": "content/tin/b.md", "line": 5, "message": KEY_MESSAGE},
    ]
    assert "Thất bại" in err  # the summary stays out of the JSON


def test_json_format_of_a_clean_build_is_an_empty_list(tmp_path, capsys):
    root = write_site(tmp_path / "site", {"content/a.md": article()})
    code, out, err = run(capsys, "build", str(root), "--format", "json", "--now", "2026-01-01")
    assert code == 0
    assert json.loads(out) == []
    assert err.startswith("Xong: 1 bài viết,")


def test_text_format_is_unchanged(broken_site, capsys):
    code, out, err = run(capsys, "check", str(broken_site))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == "content/tin/a,b.md:3: FN102 " + DATE_MESSAGE
    assert lines[2] == "content/tin/b.md:5: FN110 (cảnh báo) " + KEY_MESSAGE
    assert lines[3].startswith("Thất bại: 2 lỗi, 1 cảnh báo,")


def test_unknown_format_is_refused(broken_site, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["check", str(broken_site), "--format", "xml"])
    assert exit.value.code == 2


def test_escaping_follows_the_runner_rules():
    assert escape_data("100% xong\r\ndòng 2: a,b") == "100%25 xong%0D%0Adòng 2: a,b"
    assert escape_property("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A"


def test_a_notice_goes_to_stderr_in_every_format():
    for fmt in ("text", "json", "github"):
        out, err = io.StringIO(), io.StringIO()
        print_report(BuildReport(articles=1, notice="Bộ nhớ đệm hỏng: dựng lại toàn bộ."), True, fmt, out=out, err=err)
        assert err.getvalue().startswith("frontnews: Bộ nhớ đệm hỏng: dựng lại toàn bộ.\n")
        assert "Bộ nhớ đệm" not in out.getvalue()


def test_progress_counts_on_one_line_and_clears_it():
    import io

    from frontnews.cli.reporting import Progress

    stream = io.StringIO()
    progress = Progress(stream)
    progress(10, 50)  # short builds: nothing shown
    assert stream.getvalue() == ""
    progress(64, 1000)
    progress(1000, 1000)
    progress.finish()
    assert stream.getvalue() == "\rĐang dựng trang: 64/1000\rĐang dựng trang: 1000/1000\r\033[K"
