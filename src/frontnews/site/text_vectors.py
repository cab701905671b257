"""Each article's top terms, weighted by TF-IDF against the whole site: the text of related news.

An article's vector is its QUERY_TERMS terms of highest weight, as Lucene's more-like-this
queries with its 25 best terms, scaled to length 1, so that the text similarity of two articles
(the dot product of their vectors) lies between 0 and 1. A term's weight is

    (1 + ln count) × idf,   idf = log2(scale / 2^(level - 1)) + 1/2,   level = df.bit_length()

where df is how many articles have the term and `scale` the site's size rounded up to a power of
two (related_index.rarity_scale). Terms that only one article has match nothing; terms on more than a
share of the site (STOP_SHARE: "của", "các", "Mặt trận" on a Front committee's site) are the
site's stop words; both weigh nothing. idf is measured in whole powers of two of df (its
level), so an edit that adds or removes a term changes that term's weight only when its df
crosses a power of two: then the vectors of the articles having it may change (`crossed`), and
otherwise only the edited article's own vector.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from operator import mul

from ..vi.terms import MAX_COUNT, Terms, unpack

QUERY_TERMS = 25  # terms an article looks for others with
INDEX_TERMS = 60  # terms in an article's vector: those others find it by
STOP_SHARE = 0.05  # terms of a level whose df reaches this share of `scale` weigh nothing

Vector = bytes  # QUERY_TERMS hashes at most (array "I"), then their weights (array "d"), by weight
_TF = [0.0] + [1.0 + math.log(count) for count in range(1, MAX_COUNT + 1)]


def document_frequencies(all_terms: Iterable[Terms]) -> Counter[int]:
    """How many articles have each term (by hash)."""
    df: Counter[int] = Counter()
    for terms in all_terms:
        df.update(unpack(terms)[0])
    return df


def idf_by_level(scale: int) -> list[float]:
    """The weight of a term by its level (df.bit_length()); 0 for levels that never match."""
    levels = [0.0] * 65
    for level in range(2, scale.bit_length() + 1):
        lowest = 1 << (level - 1)  # the smallest df of the level
        if lowest < scale * STOP_SHARE or level == 2:  # terms of two or three articles count on any site
            levels[level] = math.log2(scale / lowest) + 0.5
    return levels


def term_weights(df: Mapping[int, int], idf: list[float], terms: Iterable[int] | None = None) -> dict[int, float]:
    """The idf of each term (of `terms`, or of the site) that weighs anything."""
    found = {}
    for term in df if terms is None else terms:
        weight = idf[df.get(term, 0).bit_length()]
        if weight:
            found[term] = weight
    return found


def vector(terms: Terms, weights: Mapping[int, float]) -> Vector:
    """The article's top terms by tf-idf (ties: the lower hash first), scaled to length 1.

    `weights` are the site's term_weights: each a term's idf, missing if it weighs nothing.
    """
    hashes, counts = unpack(terms)
    weighed = sorted(weights.keys() & hashes)  # many terms weigh nothing: stop words, or this article's alone
    if not weighed:
        return b""
    count_of = dict(zip(hashes, counts, strict=True))
    tf_idf = list(map(mul, map(weights.__getitem__, weighed), map(_TF.__getitem__, map(count_of.__getitem__, weighed))))
    order = sorted(range(len(weighed)), key=tf_idf.__getitem__, reverse=True)[:INDEX_TERMS]  # stable: ties by hash
    norm = math.hypot(*map(tf_idf.__getitem__, order))
    return (
        array("I", map(weighed.__getitem__, order)).tobytes() + array("d", [tf_idf[k] / norm for k in order]).tobytes()
    )


def vector_items(vec: Vector, most: int = INDEX_TERMS) -> list[tuple[int, float]]:
    """A vector's (hash, weight) pairs, heaviest first: its `most` first."""
    n = len(vec) // 12
    view = memoryview(vec)
    return list(zip(view[: 4 * n].cast("I")[:most], view[4 * n :].cast("d")[:most], strict=True))


def query_items(vec: Vector) -> list[tuple[int, float]]:
    """The QUERY_TERMS heaviest terms of a vector, scaled to length 1."""
    items = vector_items(vec, QUERY_TERMS)
    norm = math.hypot(*(weight for _, weight in items))
    return [(term, weight / norm) for term, weight in items]


def vector_terms(vec: Vector) -> memoryview:
    return memoryview(vec)[: 4 * (len(vec) // 12)].cast("I")


def crossed(
    df_before: Mapping[int, int], df_after: Mapping[int, int], changed: Iterable[int], idf: list[float]
) -> set[int]:
    """Of the terms whose df changed, those whose weight changed with it."""
    return {
        term for term in changed if idf[df_before.get(term, 0).bit_length()] != idf[df_after.get(term, 0).bit_length()]
    }
