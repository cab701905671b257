"""`frontnews new`: a draft of the site's own unit, whose placeholder body cannot be published unnoticed."""

import datetime as dt
import re

import pytest

from frontnews.cli.new_article import NewArticleError, write_new_article
from frontnews.content.front_matter import split
from frontnews.content.placeholder import MARKER
from sitefactory import CONFIG, build_site, write_site

NOW = dt.datetime(2025, 3, 4, 1, 30, tzinfo=dt.UTC)  # 08:30 in Việt Nam


def new(root, title="Hội nghị tổng kết", unit=None):
    return write_new_article(root, title, unit, "tin-tuc", NOW)


def front_matter(path):
    front, problems = split(path.read_text(encoding="utf-8"), "a.md")
    assert problems == []
    return front.fields


def test_a_new_article_is_a_draft_with_a_comment_saying_how_to_publish(tmp_path):
    root = write_site(tmp_path / "s", {})
    path = new(root, "Phường Lê Lợi ra quân", "phuong-le-loi")
    fields = front_matter(path)  # front matter is text: `draft` is read by articles._flag
    assert fields["draft"] == "true" and fields["unit"] == "phuong-le-loi" and fields["date"] == "04/03/2025 08:30"
    [line] = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("draft:")]
    assert "xóa dòng này để đăng bài" in line
    report = build_site(root, write=False)
    assert report.ok and report.articles == 0 and report.diagnostics == ()


@pytest.mark.parametrize(
    "config, unit, expected",
    [
        ("", None, "thi-xa-dong-lam"),  # no site_unit: the first unit of units.yaml
        ("site_unit: phuong-le-loi\n", None, "phuong-le-loi"),
        ("site_unit: MTTQ phường Lê Lợi\n", None, "phuong-le-loi"),  # a unit's name works as in articles
        ("site_unit: phuong-le-loi\n", "xa-kim-son", "xa-kim-son"),  # --unit first
    ],
)
@pytest.mark.slow
def test_the_unit_comes_from_the_option_then_the_site_then_the_first(tmp_path, config, unit, expected):
    root = write_site(tmp_path / "s", {"frontnews.yaml": CONFIG + config})
    assert front_matter(new(root, unit=unit))["unit"] == expected
    assert build_site(root, write=False).diagnostics == ()


def test_a_site_unit_that_names_no_unit(tmp_path):
    root = write_site(tmp_path / "s", {"frontnews.yaml": CONFIG + "site_unit: phuong-le-lo\n"})
    message = "site_unit “phuong-le-lo” trong frontnews.yaml không phải đơn vị"
    with pytest.raises(NewArticleError, match=re.escape(message)):
        new(root)
    assert not (root / "content/tin-tuc").exists()
    assert front_matter(new(root, unit="phuong-le-loi"))["unit"] == "phuong-le-loi"
    [warning] = build_site(root, write=False).diagnostics
    assert str(warning) == (
        "frontnews.yaml:3: FN008 (cảnh báo) site_unit “phuong-le-lo” trong frontnews.yaml không phải đơn vị "
        "nào trong content/units.yaml. Có phải ý bạn là “phuong-le-loi”? Hãy ghi slug của "
        "đơn vị làm trang này."
    )
    assert not warning.is_error


@pytest.mark.slow
def test_a_placeholder_left_in_a_published_article_is_a_warning_at_its_line(tmp_path):
    root = write_site(tmp_path / "s", {})
    path = new(root, unit="phuong-le-loi")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert build_site(root, write=False, drafts=True).diagnostics == ()  # a draft may hold it
    published = [line for line in lines if not line.startswith("draft:")]
    path.write_text("\n".join(published) + "\n", encoding="utf-8")
    report = build_site(root)
    [warning] = report.diagnostics
    line = next(i for i, text in enumerate(published, 1) if MARKER in text)
    assert (warning.code, warning.path, warning.line) == ("FN007", "content/tin-tuc/hoi-nghi-tong-ket.md", line)
    assert "nội dung mẫu" in warning.message and report.articles == 1
    assert not build_site(root, strict=True).ok
    path.write_text(
        "\n".join(published[:-1] + ["Sáng 4/3, Ủy ban MTTQ phường Lê Lợi tổ chức hội nghị."]) + "\n", encoding="utf-8"
    )
    assert build_site(root).diagnostics == ()  # the cached article is read again: the warning goes


def test_any_title_is_written_as_typed(tmp_path):
    root = write_site(tmp_path / "s", {})
    title = 'Nói "không" với rác thải: C:\\thu-muc # 2'
    assert front_matter(new(root, title, "phuong-le-loi"))["title"] == title
