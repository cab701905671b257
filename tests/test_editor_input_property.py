"""Whatever an editor types: random front matter and bodies, built for real.

Properties: no exception escapes the build; every problem is a `path:line: FNxxx` diagnostic in
Vietnamese; an article with no diagnostic shows its title, topics and participants' names on its
page as they were written (spaces tidied, HTML-escaped).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from frontnews.vi.text import clean_inline, slugify_vi
from sitefactory import build_site, write_site

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
# What YAML gives meaning to, and what Word pastes (no-break, invisible and control characters).
SYNTAX = " :#-[]{}&*!|>'\",%@`?~.\\/<=\t0123456789\u00a0"
PASTED = "\u200b\u00ad\x07\x0b\u2028\ufeff"
TRICKY = SYNTAX + PASTED
DIAGNOSTIC_RE = re.compile(r"content/[^:]+\.md:[1-9]\d*: FN\d{3} |content/units\.yaml:[1-9]\d*: FN\d{3} ")
ENGLISH = ("found", "expected", "while scanning", "while parsing", "unacceptable", "character #x")


def mostly(usual, unusual, times=3):
    """`usual` `times` times as often as `unusual`: many articles pass, so that pages get checked too."""
    return st.one_of(*[usual] * times, unusual)


words = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=8)
names = st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=7), min_size=2, max_size=4).map(" ".join)
texts = mostly(
    st.lists(st.one_of(words, st.text(alphabet=LETTERS + SYNTAX, min_size=1, max_size=6)), min_size=1, max_size=6).map(
        " ".join
    ),
    st.one_of(st.text(alphabet=LETTERS + TRICKY, min_size=1, max_size=30), st.text(min_size=1, max_size=20)),
    times=7,
)
GOOD_DATES = ["07/10/2020 - 03:35 PM", "2020-10-07", "2020-10-07T15:35:00+07:00", "7/3/2021 15h35", "2020-9-7 8:05:00"]
BAD_DATES = ["31/09/2024", "2023-02-29", "2024-13-01", "2024-09-30T25:00:00+07:00", "10/13/2024", "hôm qua", ""]
dates = mostly(st.sampled_from(GOOD_DATES), st.sampled_from(BAD_DATES))
units = mostly(
    st.sampled_from(["phuong-le-loi", "Ủy ban MTTQ Việt Nam phường Lê Lợi"]),
    st.sampled_from(["Ủy ban MTTQ Việt Nam xã Kim Sơn", "khong-co", ""]),
)
fences = mostly(st.sampled_from(["---\n", "---\n\n"]), st.sampled_from(["", "---", "--- \n", "...\n"]))
bodies = mostly(
    st.text(alphabet=LETTERS + " .,:-\n*_#>![]()", max_size=200),
    st.text(alphabet=LETTERS + TRICKY + "\n*_#>![]()", max_size=200),
)
extras = st.lists(st.sampled_from(["summary", "signature", "draft", "updated", "tag", "title", "tiêu đề"]), max_size=3)


# A comment as the README writes one (two spaces, "# "), and the separators of a [flow, list]:
# in a plain value they mean what YAML says, so such values are quoted as an editor must.
MEANT_COMMENT_RE = re.compile(r"[ \t]{2,}#(\s|$)")


def plain(value: str, flow: bool = False) -> str:
    if MEANT_COMMENT_RE.search(value) or (flow and any(c in value for c in ",[]{}")):
        return double_quoted(value)
    return value


def double_quoted(value: str, flow: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False)


def single_quoted(value: str, flow: bool = False) -> str:
    return "'" + value.replace("'", "''") + "'"


styles = st.sampled_from([plain, double_quoted, single_quoted])


@st.composite
def articles(draw, index: int):
    """(file bytes, what its page must show if it passes)."""
    title = draw(texts)
    tags = draw(st.lists(texts, max_size=4))
    # A name on its own line (`name: …`) may hold anything; "Họ tên – chức vụ" needs a plain name.
    people = draw(
        st.lists(
            st.one_of(
                st.tuples(names, st.lists(words, max_size=2), st.just(False)),
                st.tuples(texts, st.lists(words, max_size=2), st.just(True)),
            ),
            max_size=3,
        )
    )
    fields = [[f"title: {draw(styles)(title)}"], [f"date: {draw(dates)}"], [f"unit: {draw(units)}"]]
    if tags:
        style = draw(styles)
        if draw(st.booleans()):
            fields.append(["tags: [" + ", ".join(style(t, flow=True) for t in tags) + "]"])
        else:
            fields.append(["tags:"] + [f"  - {style(t)}" for t in tags])
    if people:
        lines = ["participants:"]
        for name, roles, as_mapping in people:
            if as_mapping:
                lines += [f"  - name: {draw(styles)(name)}"] + ([f"    role: {', '.join(roles)}"] if roles else [])
            else:
                lines.append(f"  - {name} – {', '.join(roles)}" if roles else f"  - {name}")
        fields.append(lines)
    for key in draw(extras):
        value = draw(st.sampled_from(["false", "no", "true"])) if key == "draft" else draw(styles)(draw(texts))
        fields.append([f"{key}: {value}"])
    fields.insert(draw(st.integers(0, len(fields))), [f"slug: bai-{index}"])
    front = "\n".join(line for field in fields for line in field)
    text = "---\n" + front + "\n" + draw(fences) + draw(bodies) + "\n"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = ("\ufeff" if draw(st.booleans()) else "") + text
    shown = {"title": title, "tags": tags, "names": [name for name, _, _ in people]}
    return raw.encode("utf-8"), shown


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.integers(1, 3).flatmap(lambda count: st.tuples(*(articles(i) for i in range(count)))))
def test_random_articles_give_diagnostics_or_pages_as_written(generated):
    with tempfile.TemporaryDirectory() as folder:
        files = {f"content/tin/bai-{i}.md": raw for i, (raw, _) in enumerate(generated)}
        root = write_site(Path(folder) / "site", files)
        report = build_site(root, jobs=1)  # any exception fails the test
        for problem in report.diagnostics:
            assert DIAGNOSTIC_RE.match(str(problem)), str(problem)
            assert not any(word in problem.message for word in ENGLISH), str(problem)
        noted = {d.path for d in report.diagnostics}
        if report.errors:  # nothing was written: build the articles without a diagnostic alone
            for path in noted:
                (root / path).unlink()
            assert build_site(root, jobs=1).diagnostics == ()
        for i, (_, shown) in enumerate(generated):
            pages = list((root / "public" / "tin-tuc").glob(f"*/*/bai-{i}/index.html"))
            if f"content/tin/bai-{i}.md" in noted or not pages:  # a diagnostic, a draft, a future date
                continue
            html_text = pages[0].read_text(encoding="utf-8")
            assert f'<h1 class="article__title">{escape(clean_inline(shown["title"]))}</h1>' in html_text
            seen: set[str] = set()
            for tag in shown["tags"]:
                if slugify_vi(clean_inline(tag)) not in seen:  # one topic per slug: the first spelling
                    seen.add(slugify_vi(clean_inline(tag)))
                    assert f">{escape(clean_inline(tag))}</a>" in html_text, tag
            for name in shown["names"]:
                assert f">{escape(clean_inline(name))}</a>" in html_text, name
