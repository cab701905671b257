"""“Các tin tức khác”: weighted related articles through an inverted index, sub-quadratic.

Two articles are related by what they say (their vectors of top terms, text_vectors.py) and by
what they share: people, tags, unit, the units next to it; people and tags weigh by their rarity.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..content.config import RelatedWeights
from ..models import Article, RelatedItem, Unit
from ..workers import run_chunks
from .related_index import (
    FAMILY,
    PERSON,
    TAG,
    UNIT,
    Index,
    Vectors,
    affected_by,
    build_index,
    feature_key,
    posting_set,
    rarity,
    rarity_scale,
)
from .related_index import window as posting_window
from .text_vectors import QUERY_TERMS, query_items, vector_items

# The most postings read per feature of one article. A "rare" feature (at most WINDOW postings) is
# read in full. A "common" one (a tag on 30% of the site, a unit with 20,000 articles) is read
# only through the WINDOW postings centred on the article's own place in time. Every candidate so
# found is then checked against each common feature by set membership, so its score is exact.
# With R rare and C common features (participants, tags, unit, unit family), one article costs
#     at most WINDOW × (R + (R + C) × C)
# posting visits and membership checks, whatever N is: the whole run grows linearly with N.
# The price: an article sharing only common features is found only if it is near in time.
# An article's words add at most QUERY_TERMS × TEXT_WINDOW postings read (its query's terms share
# them by weight, see `_query`), and their TEXT_CANDIDATES best candidates. When they found some,
# the windows of the common features are not read: the candidates are those the words and the
# rare features found, at most TEXT_CANDIDATES + WINDOW × R, each checked against the C common.
WINDOW = 100
TEXT_WINDOW = 40
TEXT_CANDIDATES = 100  # the articles best by their words that are scored on (others only if a feature finds them)
CHUNK = 250  # articles per task when lists are made in several processes
PARALLEL_FROM = 1000  # fewer lists are made in this process: forking a large build costs more

REASON_UNIT = "cùng đơn vị"
REASON_LATEST = "tin mới"
REASON_TEXT = "gần về nội dung"
SHOWN_TERMS = 8  # shared terms `explain` names per entry


@dataclass(frozen=True, slots=True)
class RelatedStats:
    """How much work a run did, to check that it stays bounded."""

    articles: int
    scanned: int  # posting entries visited and membership checks made, all articles together
    max_scanned: int  # the most of them for one article
    window: int  # the cap on postings read per feature
    capped: int  # features of the site with more postings than the window


@dataclass(frozen=True, slots=True)
class _Feature:
    """Something an article has that another may share, in a fixed order per article."""

    kind: str
    slug: str  # a participant, tag or unit slug
    key: str  # kind and slug, as in the postings
    weight: float
    label: str = ""  # what an editor reads: a person's or a tag's name


def find_related(
    articles: Sequence[Article],
    units: Mapping[str, Unit],
    weights: RelatedWeights = RelatedWeights(),
    count: int = 5,
    only: Collection[str] | None = None,
    jobs: int | None = 1,
) -> dict[str, tuple[RelatedItem, ...]]:
    """Keyed by Article.source; RelatedItem.source is the related article's.

    `articles` are the published ones only (no drafts, nothing dated in the future): the caller
    filters them, this function does not look at dates except to break ties. Sources are unique.
    With `only` (sources), just those articles' lists are made, each as the full run makes it.
    """
    return find_related_with_stats(articles, units, weights, count, only=only, jobs=jobs)[0]


def find_related_with_stats(
    articles: Sequence[Article],
    units: Mapping[str, Unit],
    weights: RelatedWeights = RelatedWeights(),
    count: int = 5,
    *,
    window: int = WINDOW,
    only: Collection[str] | None = None,
    jobs: int | None = 1,
) -> tuple[dict[str, tuple[RelatedItem, ...]], RelatedStats]:
    """`find_related`, plus the work it took; `window` caps the postings read per feature.

    Each list is made from the index alone, so `jobs` processes share the articles between them
    (forked after the index is built) and the result does not depend on how many there are.
    """
    return _find(build_index(articles, units, weights.text > 0), weights, count, window, only, jobs, None)[:2]


def related_sources(
    articles: Sequence[Article],
    units: Mapping[str, Unit],
    weights: RelatedWeights = RelatedWeights(),
    count: int = 5,
    only: Collection[str] | None = None,
    jobs: int | None = 1,
) -> dict[str, tuple[str, ...]]:
    """`find_related`'s lists as the related articles' sources alone, as pages need them.

    Made so in the workers: the parent, which works alone, then unpickles strings, not RelatedItems.
    """
    return related_lists(articles, units, weights, count, only, jobs)[0]


def related_lists(
    articles: Sequence[Article],
    units: Mapping[str, Unit],
    weights: RelatedWeights,
    count: int,
    only: Collection[str] | None = None,
    jobs: int | None = 1,
    vectors: Vectors | None = None,
) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """`related_sources`, and the sources whose list ends with the site's latest articles (REASON_LATEST).

    Those lists depend on which articles are the site's newest: an article added, removed or
    moved in time may change them whatever it shares with them. `vectors`, if given, are those
    `site_vectors` gives for these articles.
    """
    index = build_index(articles, units, weights.text > 0, vectors)
    found, _, filled = _find(index, weights, count, WINDOW, only, jobs, _sources_of)
    return found, filled


def remade_after_edit(
    articles: Sequence[Article],
    units: Mapping[str, Unit],
    weights: RelatedWeights,
    count: int,
    keys: Collection[str],
    edited: Collection[str],
    jobs: int | None = 1,
    vectors: Vectors | None = None,
    terms: Collection[int] = (),
) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """The lists an edit can change, made anew (as `related_lists`): see `affected_by`.

    `keys` are the features whose posting lists the edit changed, `terms` the terms of the
    vectors that changed (before and after), `edited` the sources edited (with any whose list
    must be made anyway, those whose vector changed among them); `articles` are those after the
    edit, and `vectors` theirs.
    """
    index = build_index(articles, units, weights.text > 0, vectors)
    only = affected_by(index, keys, edited, terms)
    found, _, filled = _find(index, weights, count, WINDOW, only, jobs, _sources_of)
    return found, filled


def _sources_of(items: tuple[RelatedItem, ...]) -> tuple[str, ...]:
    return tuple(item.source for item in items)


def _find(
    index: Index,
    weights: RelatedWeights,
    count: int,
    window: int,
    only: Collection[str] | None,
    jobs: int | None,
    shape: Callable[[tuple[RelatedItem, ...]], tuple] | None,
) -> tuple[dict[str, tuple], RelatedStats, set[str]]:
    """The lists of `only` (all if None); the work it took; which lists the site's latest articles filled."""
    window = max(window, 1)
    todo = [i for i, article in enumerate(index.articles) if only is None or article.source in only]
    jobs = jobs if len(todo) >= PARALLEL_FROM else 1  # the result is the same either way

    def work(chunk: Sequence[int]) -> list[tuple[str, tuple, int, bool]]:
        done = []
        for i in chunk:
            features = _features(index, i, weights)
            query = _query(index, i, weights.text, QUERY_TERMS * min(window, TEXT_WINDOW))
            text = _text_scores(index, i, query)
            scores, scanned = _score(index, i, features, text, window)
            scanned += sum(end - start for _, _, start, end in query)
            items = _choose(index, i, features, text, scores, count)
            filled = any(item.reasons == (REASON_LATEST,) for item in items)
            done.append((index.articles[i].source, shape(items) if shape else items, scanned, filled))
        return done

    found: dict[str, tuple] = {}
    filled: set[str] = set()
    total = most = 0
    for results in run_chunks(work, todo, jobs, chunk_size=CHUNK):
        for source, items, scanned, latest in results:
            total, most = total + scanned, max(most, scanned)
            found[source] = items
            if latest:
                filled.add(source)
    capped = sum(1 for postings in index.postings.values() if len(postings) > window)
    stats = RelatedStats(len(index.articles), total, most, window, capped)
    return {source: found[source] for source in sorted(found)}, stats, filled


def _features(index: Index, i: int, weights: RelatedWeights) -> list[_Feature]:
    """Participants, then tags (each by slug, weighed by rarity), then unit, then its family; zero weights dropped."""
    article, n = index.articles[i], rarity_scale(len(index.articles))
    people = {p.slug: p.name for p in article.participants}
    tags = {t.slug: t.name for t in article.tags}
    features = []
    for kind, named, weight in ((PERSON, people, weights.participant), (TAG, tags, weights.tag)):
        for slug in sorted(named):
            df = len(index.postings[feature_key(kind, slug)])
            features.append(_feature(kind, slug, weight * rarity(df, n), named[slug]))
    features.append(_feature(UNIT, article.unit, weights.unit))
    features.append(_feature(FAMILY, article.unit, weights.unit_family))
    return [f for f in features if f.weight > 0]


def _feature(kind: str, slug: str, weight: float, label: str = "") -> _Feature:
    return _Feature(kind, slug, feature_key(kind, slug), weight, label)


_Query = list[tuple[int, float, int, int]]  # per term of the query: term, weight, span of its postings read


def _query(index: Index, i: int, weight: float, budget: int) -> _Query:
    """The article's query terms (text_vectors.query_items), each with its weight times `weight`
    and the span of its postings to read, rarest term first.

    The terms share `budget` postings by weight: each may read its weight's share of what is
    left, all its postings if they fit, else as many centred on the article (nearest in time).
    So rare terms, read whole, leave more to the others, and the heaviest read the most.
    """
    if not index.vectors:
        return []
    words = index.words
    sized = sorted((len(words[term][0]), term, own) for term, own in query_items(index.vectors[i]))
    left = sum(own for _, _, own in sized)
    query = []
    for size, term, own in sized:
        share = max(int(budget * own / left), 1)
        if size <= share:
            start, end = 0, size
        else:  # as related_index.span, inlined: this runs for every term of every list
            start = min(max(bisect_left(words[term][0], i) - share // 2, 0), size - share)
            end = start + share
        budget -= end - start
        left -= own
        query.append((term, weight * own, start, end))
    return query


def _text_scores(index: Index, i: int, query: _Query) -> dict[int, float]:
    """What the shared terms add to each article read through the query's spans, summed in its
    order; never `i`."""
    scores: dict[int, float] = {}
    get = scores.get
    for term, weight, start, end in query:
        positions, weights = index.words[term]
        for j, other in zip(positions[start:end], weights[start:end], strict=True):
            scores[j] = get(j, 0.0) + weight * other
    scores.pop(i, None)
    return scores


def _score(
    index: Index, i: int, features: list[_Feature], text: dict[int, float], window: int
) -> tuple[dict[int, float], int]:
    """The scores of the candidates, each summed from its text score then feature by feature;
    never `i`. The candidates: the TEXT_CANDIDATES best by their words, those sharing a rare
    feature (its postings read in full), and, only for an article whose words found none, those
    in the windows of its common features. Each is then checked against every common feature,
    by membership, so its score is exact."""
    if len(text) > TEXT_CANDIDATES:  # the others are found by a feature, or not at all
        floor = sorted(text.values())[-TEXT_CANDIDATES]
        scores = {j: score for j, score in text.items() if score >= floor}
    else:
        scores = dict(text)
    get, text_of = scores.get, text.get
    scanned = 0
    common = []
    for feature in features:
        postings = index.postings[feature.key]
        if len(postings) > window:
            common.append(feature)
            continue
        scanned += len(postings)
        weight = feature.weight
        for j in postings:
            found = get(j)
            scores[j] = (text_of(j, 0.0) if found is None else found) + weight
    if common:
        candidates = set(scores)
        for feature in common if not text else ():  # words found candidates: no need to look near in time
            candidates.update(posting_window(index.postings[feature.key], i, window))
        scanned += len(candidates) * len(common)
        scores.update({j: text_of(j, 0.0) for j in candidates.difference(scores)})
        _add_common(index, scores, candidates, common)
    scores.pop(i, None)
    return scores, scanned


def _add_common(index: Index, scores: dict[int, float], candidates: set[int], common: list[_Feature]) -> None:
    """Add the common features each candidate shares, in feature order (the family comes last).

    A candidate shares a feature when it is in the feature's postings ("f:<unit>" lists the
    family), so each feature is one set intersection, made in C; every candidate's sum is still
    made in feature order, so the scores are the same to the last bit.
    """
    for feature in common:
        weight = feature.weight
        for j in candidates.intersection(posting_set(index, feature.key)):
            scores[j] += weight


def _shares(index: Index, j: int, feature: _Feature) -> bool:
    """Whether `j` is in the feature's postings ("f:<unit>" lists the family)."""
    return j in posting_set(index, feature.key)


def _choose(
    index: Index, i: int, features: list[_Feature], text: dict[int, float], scores: dict[int, float], count: int
) -> tuple[RelatedItem, ...]:
    """The best `count` by score, then nearness in time, then source; filled when too few."""
    if count <= 0:
        return ()
    pool: Iterable[int] = scores  # every score is > 0: weights of 0 were dropped
    if len(scores) > count:
        floor = heapq.nlargest(count, scores.values())[-1]  # the count-th best score
        pool = [j for j, score in scores.items() if score >= floor]
    best = sorted(pool, key=lambda j: _rank(index, i, j, scores[j]))[:count]
    # `_score` summed rare features first: re-sum the chosen in the features' order, with reasons.
    exact = {j: _exact(index, j, features, text.get(j, 0.0)) for j in best}
    best.sort(key=lambda j: _rank(index, i, j, exact[j][0]))
    items = [RelatedItem(index.articles[j].source, exact[j][0], exact[j][1]) for j in best]
    return tuple(items + _fill(index, i, set(best) | {i}, count - len(items)))


def _rank(index: Index, i: int, j: int, score: float) -> tuple[float, float, str]:
    return -score, abs(index.times[j] - index.times[i]), index.articles[j].source


def _exact(index: Index, j: int, features: list[_Feature], text: float) -> tuple[float, tuple[str, ...]]:
    """The full score of `j`: its text score, then the features in order; and its reasons in that order."""
    score = text
    reasons = [f"{REASON_TEXT} (+{text:.2f})"] if text > 0 else []
    for feature in features:
        if _shares(index, j, feature):
            score += feature.weight
            reasons.append(_reason(index, feature, j))
    return score, tuple(reasons)


def _shared_terms(index: Index, j: int, query: _Query) -> list[tuple[int, float, float]]:
    """The query's terms `j` has and was read for (in their span), with the query's and `j`'s weights."""
    found = []
    own = dict(vector_items(index.vectors[j])) if index.vectors else {}
    for term, weight, start, end in query:
        share = own.get(term)
        if share is not None:
            positions = index.words[term][0]
            if positions[start] <= j <= positions[end - 1]:
                found.append((term, weight, share))
    return found


def _reason(index: Index, feature: _Feature, j: int) -> str:
    if feature.kind == PERSON:
        return f"chung nhân vật: {feature.label} (+{feature.weight:.2f})"
    if feature.kind == TAG:
        return f"chung chủ đề: {feature.label} (+{feature.weight:.2f})"
    if feature.kind == UNIT:
        return REASON_UNIT
    own, other = index.units.get(feature.slug), index.unit_of[j]
    name = index.units[other].short_name if other in index.units else other
    return f"đơn vị cấp {'trên' if own and own.parent == other else 'dưới'}: {name}"


def _fill(index: Index, i: int, taken: set[int], missing: int) -> list[RelatedItem]:
    """The latest articles of the same unit, then of the whole site, not already listed."""
    items: list[RelatedItem] = []
    passes = (
        (reversed(index.postings[feature_key(UNIT, index.unit_of[i])]), REASON_UNIT),
        (range(len(index.articles) - 1, -1, -1), REASON_LATEST),
    )
    for positions, reason in passes:
        for j in positions:
            if len(items) >= missing:
                return items
            if j not in taken:
                taken.add(j)
                items.append(RelatedItem(index.articles[j].source, 0.0, (reason,)))
    return items


def explain(
    articles: Sequence[Article],
    units: Mapping[str, Unit],
    weights: RelatedWeights,
    count: int,
    source: str,
    words_of: Callable[[str], Mapping[int, str]],
) -> list[str]:
    """Printable lines for `frontnews related PATH`: each entry of the article's list with its
    score, title and source, then why: the shared terms with what each adds, people, tags, unit.

    `words_of(source)` names the terms of an article (vi.terms.words), read only for the entries.
    """
    index = build_index(articles, units, weights.text > 0)
    i = next(k for k, article in enumerate(index.articles) if article.source == source)
    features = _features(index, i, weights)
    query = _query(index, i, weights.text, QUERY_TERMS * min(WINDOW, TEXT_WINDOW))
    text = _text_scores(index, i, query)
    items = _choose(index, i, features, text, _score(index, i, features, text, WINDOW)[0], count)
    if not items:
        return ["(Trang chưa có tin nào khác.)"]
    by_source = {article.source: k for k, article in enumerate(index.articles)}
    lines = []
    for number, item in enumerate(items, start=1):
        j = by_source[item.source]
        lines.append(f"{number}. {item.score:.2f}  {index.articles[j].title} ({item.source})")
        shared = sorted(
            ((weight * share, term) for term, weight, share in _shared_terms(index, j, query)),
            key=lambda pair: (-pair[0], pair[1]),
        )
        if shared and item.score > 0:
            names = {**words_of(source), **words_of(item.source)}
            lines.append(
                f"   {item.reasons[0]}: "
                + ", ".join(f"“{names.get(term, '?')}” {added:.2f}" for added, term in shared[:SHOWN_TERMS])
            )
        lines += [f"   {reason}" for reason in item.reasons[1 if shared and item.score > 0 else 0 :]]
    return lines
