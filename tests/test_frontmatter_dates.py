"""Dates as editors type them in front matter and units.yaml: unquoted, impossible, in every form.

Every case is a real site built by `check`, through the libyaml loader and the pure-Python one.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from frontnews.build import BuildOptions, load_site
from frontnews.cli.main import main
from frontnews.content import front_matter as frontmatter
from frontnews.incremental.state import NoState
from sitefactory import UNITS, article, build_site

VN = dt.timezone(dt.timedelta(hours=7))
LOADERS = [frontmatter.PureTextLoader] + ([frontmatter.TextLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch):
    """Front matter and units.yaml read by this loader for the whole build."""
    monkeypatch.setattr(frontmatter, "TEXT_LOADER", request.param)
    return request.param


def check(root):
    return build_site(root, write=False, jobs=1)


@pytest.mark.parametrize(
    "written, why",
    [
        ("2024-09-31", "Tháng 9 chỉ có 30 ngày."),
        ("2023-02-29", "Năm 2023 không phải năm nhuận, tháng 2 chỉ có 28 ngày."),
        ("2024-02-30", "Tháng 2 năm 2024 chỉ có 29 ngày."),
        ("2024-13-01", "Không có tháng 13."),
        ("2024-00-10", "Không có tháng 0."),
        ("2024-10-00", "Không có ngày 0."),
        ("2024-09-30T25:00:00+07:00", "Giờ phải từ 0 đến 23."),
        ("2024-09-30 10:60", "Phút phải từ 0 đến 59."),
        ("2024-09-30T10:30:61", "Giây phải từ 0 đến 59."),
        ("2024-09-30T10:30:00+25:00", "Múi giờ phải nhỏ hơn 24 giờ, ví dụ +07:00."),
        ("2024-9-31 8:05:00", "Tháng 9 chỉ có 30 ngày."),  # YAML 1.1's looser timestamp form
        ("31/09/2024", "Tháng 9 chỉ có 30 ngày."),
        ("29/02/2023 - 03:35 PM", "Năm 2023 không phải năm nhuận, tháng 2 chỉ có 28 ngày."),
        ("10/13/2024", "Không có tháng 13. Ngày viết trước tháng: có phải ý bạn là 13/10/2024?"),
        ("07.10.2024 24:00", "Giờ phải từ 0 đến 23."),
        ("07/10/2024 13:35 CH", "Giờ viết kèm CH phải từ 1 đến 12."),
        ("07-10-2024 15h75", "Phút phải từ 0 đến 59."),
    ],
)
def test_an_unquoted_impossible_date_is_fn102_at_its_line_saying_why(make_site, loader, written, why):
    root = make_site({"content/tin/a.md": article(date=written)})
    report = check(root)
    assert [(d.path, d.line, d.code) for d in report.diagnostics] == [("content/tin/a.md", 3, "FN102")]
    assert report.diagnostics[0].message == (
        f"Ngày “{written}” không đúng. {why} Hãy viết theo dạng dd/mm/yyyy hoặc dd/mm/yyyy HH:MM, "
        "ví dụ 07/10/2020 15:35."
    )


def test_updated_and_date_each_get_their_own_line(make_site, loader):
    root = make_site({"content/tin/a.md": article(date="2024-09-31", updated="2025-02-30")})
    report = check(root)
    assert [(d.line, d.code) for d in report.diagnostics] == [(3, "FN102"), (5, "FN102")]
    assert "Tháng 2 năm 2025 chỉ có 28 ngày." in report.diagnostics[1].message


def test_a_date_of_no_known_form_names_the_forms_only(make_site, loader):
    root = make_site({"content/tin/a.md": article(date="hôm qua")})
    [problem] = check(root).diagnostics
    assert problem.message.startswith("Ngày “hôm qua” không đúng. Hãy viết theo dạng dd/mm/yyyy")


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2024-10-07", dt.datetime(2024, 10, 7, tzinfo=VN)),
        ("2024-10-07 15:35", dt.datetime(2024, 10, 7, 15, 35, tzinfo=VN)),
        ("2024-10-07T15:35:00+07:00", dt.datetime(2024, 10, 7, 15, 35, tzinfo=VN)),
        ("2024-10-07T08:35:00Z", dt.datetime(2024, 10, 7, 8, 35, tzinfo=dt.UTC)),
        ("2024-10-07 15:35:20.5 +7", dt.datetime(2024, 10, 7, 15, 35, 20, 500000, tzinfo=VN)),
        ("2024-10-7 8:05:00", dt.datetime(2024, 10, 7, 8, 5, tzinfo=VN)),
        ('"2024-10-07"', dt.datetime(2024, 10, 7, tzinfo=VN)),
        ("07/10/2024 - 03:35 PM", dt.datetime(2024, 10, 7, 15, 35, tzinfo=VN)),
    ],
)
def test_unquoted_dates_are_read_by_our_own_code(make_site, loader, written, expected):
    root = make_site({"content/tin/a.md": article(date=written)})
    site, problems = load_site(BuildOptions(root=root, jobs=1), NoState())
    assert problems == []
    [published] = [a.published for a in site.published]
    assert published == expected
    assert published.utcoffset() == expected.utcoffset()


def test_a_date_written_as_a_list_is_the_wrong_type(make_site, loader):
    root = make_site({"content/tin/a.md": article(date="[07/10/2024]")})
    assert [(d.line, d.code) for d in check(root).diagnostics] == [(3, "FN107")]


@pytest.mark.parametrize(
    "until, why",
    [
        ("2025-02-30", "Tháng 2 năm 2025 chỉ có 28 ngày."),
        ("31/06/2025", "Tháng 6 chỉ có 30 ngày."),
    ],
)
def test_an_impossible_until_in_units_yaml_is_fn102_at_its_line(make_site, loader, until, why):
    units = UNITS.replace("until: 2025-06-30", f"until: {until}")
    root = make_site({"content/units.yaml": units, "content/tin/a.md": article()})
    report = check(root)
    line = units.splitlines().index(f"  until: {until}") + 1
    assert [(d.path, d.line, d.code) for d in report.diagnostics] == [("content/units.yaml", line, "FN102")]
    assert why in report.diagnostics[0].message


@pytest.mark.slow
def test_an_unquoted_until_still_ends_a_unit(make_site, loader):
    root = make_site({"content/tin/a.md": article(unit="xa-kim-son", date="2025-07-01")})
    assert [d.code for d in check(root).diagnostics] == ["FN113"]


@pytest.mark.parametrize("fmt", ["json", "github", "text"])
def test_no_traceback_in_any_output_format(make_site, loader, capsys, fmt):
    root = make_site({"content/tin/a.md": article(date="2024-09-30T25:00:00+07:00")})
    assert main(["check", str(root), "--format", fmt]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "ValueError" not in out + err
    if fmt == "json":
        [problem] = json.loads(out)
        assert (problem["path"], problem["line"], problem["code"]) == ("content/tin/a.md", 3, "FN102")
        assert "Giờ phải từ 0 đến 23." in problem["message"]
