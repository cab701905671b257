"""Tests for site/text_vectors.py: each article's top terms, weighted by TF-IDF against the site."""

from __future__ import annotations

import math

import pytest

from frontnews.site.text_vectors import (
    INDEX_TERMS,
    STOP_SHARE,
    crossed,
    document_frequencies,
    idf_by_level,
    query_items,
    term_weights,
    vector,
    vector_items,
)
from frontnews.vi.terms import terms_of, words


def named(vec: bytes, *texts: str) -> list[tuple[str, float]]:
    names = words(*texts)
    return [(names[h], w) for h, w in vector_items(vec)]


def site(texts: list[str]) -> tuple[dict, list[bytes]]:
    all_terms = [terms_of("", text) for text in texts]
    df = document_frequencies(all_terms)
    scale = 1 << max(len(texts) - 1, 0).bit_length()
    weights = term_weights(df, idf_by_level(scale))
    return df, [vector(terms, weights) for terms in all_terms]


def test_document_frequency_counts_articles_not_occurrences():
    df = document_frequencies([terms_of("", "dân dân dân"), terms_of("", "dân")])
    assert sorted(df.values()) == [1, 2]  # "dân dân" once, "dân" in both


def test_common_words_and_words_of_one_article_weigh_nothing():
    filler = [f"Mặt trận tổ chức hội nghị số {k}. Thôn mục {k % 7}" for k in range(60)]
    texts = [
        "Mặt trận tổ chức hội nghị. Tập huấn nghiệp vụ. Riêng biệt",
        "Mặt trận tổ chức hội nghị. Tập huấn nghiệp vụ",
        *filler,
    ]
    _, vectors = site(texts)
    terms = dict(named(vectors[0], texts[0]))
    assert set(terms) == {"tập", "huấn", "nghiệp", "vụ", "tập huấn", "huấn nghiệp", "nghiệp vụ"}
    assert math.hypot(*terms.values()) == pytest.approx(1.0)
    assert len(set(terms.values())) == 1  # each once, each on two articles: the same weight


def test_rarer_and_more_frequent_terms_weigh_more_and_come_first():
    texts = [
        "Giám sát giám sát công trình. Hiến máu",
        "Giám sát. Công trình",
        "Giám sát",
        "Giám sát. Công trình",
        "Công trình",
        "Công trình. Hiến máu",
    ] + [f"tin {k}" for k in range(200)]  # df 4 counts from 128
    _, vectors = site(texts)
    order = [name for name, _ in named(vectors[0], texts[0])]
    assert set(order[:3]) == {"giám sát", "giám", "sát"}  # twice in it, on four articles
    assert order.index("hiến máu") < order.index("công trình")  # both once in it; on two articles, on five


def test_a_vector_keeps_its_heaviest_terms_and_a_query_fewer():
    words_ = [f"từ{chr(0x61 + k // 26)}{chr(0x61 + k % 26)}" for k in range(150)]
    texts = [" . ".join(words_), " . ".join(words_)] + [f"khác {k}" for k in range(30)]
    _, vectors = site(texts)
    items = vector_items(vectors[0])
    assert len(items) == INDEX_TERMS
    query = query_items(vectors[0])
    assert len(query) == 25 and math.hypot(*(w for _, w in query)) == pytest.approx(1.0)
    assert [h for h, _ in query] == [h for h, _ in items[:25]]


def test_an_article_with_nothing_to_share_has_an_empty_vector():
    _, vectors = site(["Một", "Hai", "Ba"])
    assert vectors == [b"", b"", b""]


def test_a_weight_changes_only_when_its_df_crosses_a_power_of_two():
    idf = idf_by_level(1024)
    assert crossed({1: 0}, {1: 1}, [1], idf) == set()  # one article: weighs nothing either way
    assert crossed({1: 1}, {1: 2}, [1], idf) == {1}  # now two articles share it
    assert crossed({1: 3}, {1: 4}, [1], idf) == {1}
    assert crossed({1: 4}, {1: 7}, [1], idf) == set()
    top = int(1024 * STOP_SHARE)
    lowest_stop = 1 << top.bit_length()
    assert crossed({1: lowest_stop}, {1: lowest_stop + 1}, [1], idf) == set()  # a stop word stays one
