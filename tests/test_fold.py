"""vi/fold.py: Vietnamese folded for search, đ included; and the shards of the search index."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontnews.models import Article
from frontnews.site.search_input import SHARD_ARTICLES, plan_shards, searchable, shard_size
from frontnews.vi.fold import d_words, fold

TZ = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sơn Tây", "son tay"),
        ("SƠN TÂY", "son tay"),
        ("son tay", "son tay"),
        ("Đinh", "dinh"),
        ("đinh", "dinh"),
        ("Đường Lâm", "duong lam"),
        ("ĐƯỜNG LÂM", "duong lam"),
        ("Người cao tuổi ăn Tết", "nguoi cao tuoi an tet"),
        ("Ủy ban MTTQ Việt Nam", "uy ban mttq viet nam"),
        ("ỷ ỹ ỵ ữ ự ở ợ ẫ ậ ằ ặ", "y y y u u o o a a a a"),
        ("Quỹ “Vì người nghèo” 2024", "quy “vi nguoi ngheo” 2024"),
    ],
)
def test_fold_takes_off_every_mark_and_đ(text, folded):
    assert fold(text) == folded


def test_fold_reads_text_typed_with_combining_marks_like_precomposed_text():
    typed = unicodedata.normalize("NFD", "Đường Lâm, Sơn Tây")
    assert typed != "Đường Lâm, Sơn Tây"
    assert fold(typed) == fold("Đường Lâm, Sơn Tây") == "duong lam, son tay"


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠƯ àáảãạèéẻẽẹ̣́̀̉̃ ,.-0123456789"))
def test_fold_leaves_no_mark_no_đ_and_is_stable(text):
    folded = fold(text)
    assert "đ" not in folded and "Đ" not in folded
    assert not any(unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFD", folded))
    assert fold(folded) == folded
    assert folded == folded.lower()


def test_d_words_are_the_words_with_đ_folded_in_order_with_repeats():
    text = "Ông Đinh Công Lực đến làng cổ Đường Lâm; đồng chí Đinh phát biểu."
    assert d_words(text) == ["dinh", "den", "duong", "dong", "dinh"]


def test_d_words_of_text_without_đ_is_empty():
    assert d_words("Sơn Tây, Quang Trung, tập huấn") == []


def article(source: str, published: dt.datetime, draft: bool = False) -> Article:
    return Article(
        source,
        "d",
        source,
        f"/{source}/",
        f"{source}/index.html",
        source,
        published,
        None,
        "u",
        (),
        (),
        "",
        None,
        "",
        draft,
        None,
        1,
    )


def test_drafts_and_articles_not_yet_due_are_not_searchable():
    now = dt.datetime(2024, 6, 1, tzinfo=TZ)
    published = article("a", dt.datetime(2024, 5, 1, tzinfo=TZ))
    draft = article("b", dt.datetime(2024, 5, 1, tzinfo=TZ), draft=True)
    future = article("c", dt.datetime(2024, 6, 2, tzinfo=TZ))
    assert searchable([published, draft, future], now) == [published]


def monthly(counts: dict[tuple[int, int], int]) -> list[Article]:
    return [
        article(f"{y}-{m}-{i}", dt.datetime(y, m, 1 + i % 27, tzinfo=TZ))
        for (y, m), n in counts.items()
        for i in range(n)
    ]


def test_a_small_site_is_one_shard_named_for_its_first_month():
    shards = plan_shards(monthly({(2021, 3): 5, (2024, 10): 7}))
    assert [s.name for s in shards] == ["2021-03"]
    assert len(shards[0].pages) == 12 and list(shards[0].pages) == sorted(shards[0].pages)


def test_shards_close_at_their_size_and_a_new_article_changes_only_the_newest():
    third = SHARD_ARTICLES // 3 + 1
    counts = {(2020, m): third for m in range(1, 13)}
    before = plan_shards(monthly(counts))
    assert [s.name for s in before] == ["2020-01", "2020-04", "2020-07", "2020-10"]
    assert all(len(s.pages) == 3 * third for s in before)
    after = plan_shards(monthly({**counts, (2020, 12): third + 1}))
    assert before[:-1] == after[:-1] and before[-1] != after[-1]


def test_a_month_is_never_split_and_a_large_site_gets_larger_shards():
    big = 5 * SHARD_ARTICLES
    assert [len(s.pages) for s in plan_shards(monthly({(2022, 1): big, (2022, 2): 10}))] == [big, 10]
    assert shard_size(32 * SHARD_ARTICLES) == SHARD_ARTICLES
    assert shard_size(32 * SHARD_ARTICLES + 1) == 2 * SHARD_ARTICLES
    assert len(plan_shards(monthly({(2000 + y, m): 700 for y in range(12) for m in range(1, 13)}))) <= 32
