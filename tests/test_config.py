from frontnews.content.config import SiteConfig, load_config
from test_editor_input import cp1258


def write(tmp_path, text):
    (tmp_path / "frontnews.yaml").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def test_missing_file_gives_defaults(tmp_path):
    config, problems = load_config(tmp_path)
    assert problems == [] and config == SiteConfig()
    assert config.timezone == "Asia/Ho_Chi_Minh" and config.per_page == 20


def test_values_are_read(tmp_path):
    config, problems = write(
        tmp_path,
        "title: Trang A\nbase_url: https://a.example.vn/du-an\nper_page: 5\n"
        "related:\n  count: 3\n  weights: {tag: 1}\nnav:\n  - {title: Trang chủ, url: /}\n",
    )
    assert problems == []
    assert config.title == "Trang A" and config.per_page == 5 and config.related_count == 3
    assert config.base_url == "https://a.example.vn/du-an/" and config.base_path == "/du-an"
    assert config.related_weights.tag == 1.0 and config.nav[0].title == "Trang chủ"


def test_bad_values_are_errors_at_their_lines(tmp_path):
    _, problems = write(tmp_path, "title: A\nper_page: 0\ntimezone: Sao/Hoa\narticle_url: /{year}/\n")
    assert sorted((p.line, p.code) for p in problems) == [(2, "FN002"), (3, "FN002"), (4, "FN002")]
    assert all(p.path == "frontnews.yaml" for p in problems)


def test_unknown_key_is_a_warning_with_a_suggestion(tmp_path):
    _, problems = write(tmp_path, "titel: A\n")
    assert problems[0].code == "FN005" and not problems[0].is_error
    assert "title" in problems[0].message


def test_yaml_error_in_config(tmp_path):
    _, problems = write(tmp_path, "title: a: b\n")
    assert (problems[0].code, problems[0].line) == ("FN001", 1)


def test_a_config_saved_in_windows_1258_is_fn100_not_a_traceback(tmp_path):
    legacy = cp1258("title: Ủy ban MTTQ phường Lê Lợi\n")
    (tmp_path / "frontnews.yaml").write_bytes(legacy)
    config, problems = load_config(tmp_path)
    assert config == SiteConfig()
    assert [(p.code, p.path, p.line) for p in problems] == [("FN100", "frontnews.yaml", 1)]
    assert "Windows-1258" in problems[0].message
