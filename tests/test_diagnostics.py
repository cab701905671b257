import re
from pathlib import Path

from frontnews.diagnostics import CATALOGUE, Severity, diag

ROOT = Path(__file__).parent.parent


def test_every_code_has_a_message_and_a_readme_row():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (FN\d{3}) \| (lỗi|cảnh báo) \|", readme, re.M))
    assert set(rows) == set(CATALOGUE)
    for code, (severity, message) in CATALOGUE.items():
        assert message.strip()
        assert rows[code] == ("lỗi" if severity is Severity.ERROR else "cảnh báo")


def test_every_code_used_in_the_source_is_catalogued():
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "src/frontnews").rglob("*.py")))
    used = set(re.findall(r'"(FN\d{3})"', source))
    assert used <= set(CATALOGUE)


def test_printed_form():
    d = diag("FN102", "content/tin-tuc/a.md", 3, value="31/02/2020")
    assert str(d).startswith("content/tin-tuc/a.md:3: FN102 Ngày “31/02/2020” không đúng.")
    warning = diag("FN110", "content/a.md", 5, key="tag")
    assert str(warning).startswith("content/a.md:5: FN110 (cảnh báo) Trường “tag”")
