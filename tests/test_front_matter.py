import pytest
import yaml

from frontnews.content.front_matter import PureTextLoader, TextLoader, split

# The front-matter loader on libyaml (when PyYAML has it) and on the pure-Python parser.
LOADERS = [PureTextLoader] + ([TextLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request):
    return request.param


def test_fields_lines_and_body(loader):
    text = "---\ntitle: Tiêu đề\ndate: 07/10/2020\ntags:\n  - a\n  - b\n---\nDòng một\nDòng hai\n"
    fm, problems = split(text, "content/a.md", loader=loader)
    assert problems == []
    assert fm.fields == {"title": "Tiêu đề", "date": "07/10/2020", "tags": ["a", "b"]}
    assert fm.lines["title"] == 2 and fm.lines["date"] == 3 and fm.lines["tags"] == 4
    assert fm.lines["tags[1]"] == 6
    assert fm.body == "Dòng một\nDòng hai\n"
    assert fm.body_line == 8


@pytest.mark.parametrize(
    "text, line, code",
    [
        ("---\ntitle: a\ndate: Hội nghị: tổng kết\n---\n", 3, "FN101"),
        ('---\ntitle: "chưa đóng\ndate: 1\n---\n', 2, "FN101"),
        ("---\ntitle: a\n\tdate: 1\n---\n", 3, "FN111"),
        ("---\ntags:\n\t- a\n---\n", 3, "FN111"),
        ("no front matter\n", 1, "FN103"),
        ("---\ntitle: a\n", 1, "FN114"),
        ("---\n- a\n- b\n---\n", 2, "FN112"),
    ],
)
def test_errors_carry_code_and_file_line(loader, text, line, code):
    fm, problems = split(text, "content/a.md", loader=loader)
    assert fm is None
    assert [(p.code, p.line) for p in problems] == [(code, line)]
    assert problems[0].path == "content/a.md"


def test_both_loaders_agree_on_errors():
    text = "---\ntitle: a\ndate: x: y\n---\n"
    results = {str(split(text, "a.md", loader=loader)[1][0]).split(" ")[0:2].__repr__() for loader in LOADERS}
    assert len(results) == 1


def test_tab_error_names_the_column(loader):
    _, problems = split("---\ntitle: a\n  \tdate: 1\n---\n", "a.md", loader=loader)
    assert problems[0].code == "FN111"
    assert "cột 3" in problems[0].message


def test_empty_front_matter_is_an_empty_mapping(loader):
    fm, problems = split("---\n---\nThân bài\n", "a.md", loader=loader)
    assert problems == [] and fm.fields == {} and fm.body_line == 3


def test_unsafe_yaml_tags_are_refused(loader):
    fm, problems = split("---\ntitle: !!python/object/apply:os.system [echo]\n---\n", "a.md", loader=loader)
    assert fm is None and problems[0].code == "FN101"
