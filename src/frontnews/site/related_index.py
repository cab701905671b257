"""The index related news is read from: postings of people, tags, units and terms; what an edit changes.

Made once per run, before related.py forks its workers, and only read after.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from ..models import Article, Unit
from ..workers import run_chunks
from .text_vectors import Vector, document_frequencies, idf_by_level, term_weights, vector, vector_items

CHUNK = 1000  # articles per task when vectors are made in several processes
PARALLEL_FROM = 1000  # fewer are made in this process: forking costs more

PERSON, TAG, UNIT, FAMILY = "p", "t", "u", "f"

Vectors = Mapping[str, Vector]  # by source: each article's vector (text_vectors.vector)


def feature_key(kind: str, slug: str) -> str:
    """A feature as one string ("t:tap-huan"): strings cache their hash, tuples do not."""
    return f"{kind}:{slug}"


@dataclass(frozen=True, slots=True)
class Index:
    """Articles oldest first (ties by source); every posting list holds their positions, sorted."""

    articles: tuple[Article, ...]
    times: tuple[float, ...]
    unit_of: tuple[str, ...]
    postings: dict[str, list[int]]  # feature key -> positions; "f:<unit>" lists the unit's family
    units: Mapping[str, Unit]
    vectors: tuple[Vector, ...] = ()  # each article's, packed (text_vectors.vector); () without text
    words: dict[int, tuple[array, array]] = field(default_factory=dict)  # term -> positions ("i"), weights ("d")
    sets: dict[str, frozenset[int]] = field(default_factory=dict)  # postings as sets, as asked


_unit_of, _participants_of, _tags_of = attrgetter("unit"), attrgetter("participants"), attrgetter("tags")
_terms_of = attrgetter("terms")


def build_index(
    articles: Sequence[Article], units: Mapping[str, Unit], text: bool = True, vectors: Vectors | None = None
) -> Index:
    """The index of the articles; with `text`, of their vectors too (`vectors`, or made here)."""
    stamped = sorted((a.published.timestamp(), a.source, a) for a in articles)  # sources are unique
    ordered = tuple(article for _, _, article in stamped)
    at_unit: dict[str, list[int]] = {}
    people: dict[str, list[int]] = {}
    tags: dict[str, list[int]] = {}
    for i, unit in enumerate(map(_unit_of, ordered)):  # i grows, so every list stays sorted
        at_unit.setdefault(unit, []).append(i)
    for lists, items_of in ((people, _participants_of), (tags, _tags_of)):
        for i, items in enumerate(map(items_of, ordered)):
            for item in items:
                found = lists.get(item.slug)
                if found is None:
                    lists[item.slug] = [i]
                elif found[-1] != i:  # a slug given twice counts once
                    found.append(i)
    postings = {
        feature_key(kind, slug): found
        for kind, lists in ((PERSON, people), (TAG, tags), (UNIT, at_unit))
        for slug, found in lists.items()
    }
    family = families(units)
    for slug in sorted(at_unit):
        merged = [i for near in sorted(family.get(slug, ())) for i in at_unit.get(near, ())]
        postings[feature_key(FAMILY, slug)] = sorted(merged)
    packed: tuple[Vector, ...] = ()
    words: dict[int, tuple[array, array]] = {}  # arrays: a real site's 100,000 vectors hold millions of terms
    if text:
        if vectors is None:
            vectors = site_vectors(ordered)[1]
        packed = tuple(vectors[a.source] for a in ordered)
        for i, vec in enumerate(packed):
            for term, weight in vector_items(vec):
                posted = words.get(term)
                if posted is None:
                    words[term] = (array("i", [i]), array("d", [weight]))
                else:
                    posted[0].append(i)
                    posted[1].append(weight)
    return Index(
        articles=ordered,
        times=tuple(time for time, _, _ in stamped),
        unit_of=tuple(map(_unit_of, ordered)),
        postings=postings,
        units=units,
        vectors=packed,
        words=words,
    )


def shown_features(article: Article) -> tuple:
    """All that find_related reads of one article besides its source and date: unit, people, tags."""
    return (article.unit, tuple(map(_slug_and_name, article.participants)), tuple(map(_slug_and_name, article.tags)))


_slug_and_name = attrgetter("slug", "name")


def feature_keys(shown: tuple) -> frozenset[str]:
    unit, people, tags = shown
    return frozenset(
        [
            feature_key(UNIT, unit),
            *(feature_key(PERSON, slug) for slug, _ in people),
            *(feature_key(TAG, slug) for slug, _ in tags),
        ]
    )


def affected_by(index: Index, keys: Collection[str], edited: Collection[str], terms: Collection[int] = ()) -> set[str]:
    """The sources whose lists may change when the posting lists of `keys` and `terms` changed, with `edited`.

    `index` is made from the articles after the edit. A list depends on its article's own
    features and vector, on the posting lists of those features and terms (which give the
    candidates, the windows and a person's or tag's rarity, which depends on the site's size
    only through `rarity_scale`) and on its candidates' membership in them, their weights and
    their dates. An article that gains or loses a feature changes that feature's posting list;
    one whose vector changed, the posting lists of the terms it had and has; one that comes,
    goes or moves in time changes (the order of) the posting list of every feature and term it
    has; a unit's list changes the family lists of the units next to it. So only the articles
    having such a feature or term can change, with the edited ones themselves; and, when an
    article came, went or moved, those filled with the site's latest articles (the caller adds
    them to `edited`). Read from the postings: no pass over every article.
    """
    family = families(index.units)
    unit_prefix = UNIT + ":"
    wanted = {key for key in keys if not key.startswith(unit_prefix)}
    for key in set(keys) - wanted:  # a unit's articles, and those of the units next to it
        unit = key.split(":", 1)[1]
        wanted |= {feature_key(UNIT, near) for near in (unit, *family.get(unit, ()))}
    positions = {i for key in wanted for i in index.postings.get(key, ())}
    for term in terms:
        positions.update(index.words.get(term, ((), ()))[0])
    return set(edited) | {index.articles[i].source for i in positions}


def families(units: Mapping[str, Unit]) -> dict[str, frozenset[str]]:
    """Each unit's parent and children."""
    near: dict[str, set[str]] = {slug: set() for slug in units}
    for slug, unit in units.items():
        if unit.parent and unit.parent != slug:
            near[slug].add(unit.parent)
            near.setdefault(unit.parent, set()).add(slug)
    return {slug: frozenset(others) for slug, others in near.items()}


def rarity(df: int, n: int) -> float:
    """log(1 + N/df) / log(1 + N): 1.0 for a tag on one article, log 2 / log(1 + N) on all.

    A smoothed idf normalised to (0, 1], so the configured tag weight stays the most one tag can
    add, a common tag never drops to zero, and the value needs only `math.log` (deterministic).
    N is the site's size rounded up to a power of two (`rarity_scale`).
    """
    if n <= 0 or df <= 0:
        return 0.0
    return math.log1p(n / df) / math.log1p(n)


def rarity_scale(articles: int) -> int:
    """The site's size rounded up to a power of two: what `rarity` divides by.

    So adding or removing an article changes the weight of its own tags only (until the size
    passes a power of two): the lists it can change are those of the articles sharing a feature
    with it (see `affected_by`), not every list of the site.
    """
    return 1 << max(articles - 1, 0).bit_length()


def site_vectors(articles: Iterable[Article], jobs: int | None = 1) -> tuple[Counter[int], dict[str, Vector]]:
    """The document frequency of every term of the site, and each article's vector by source
    (made by `jobs` processes on large sites)."""
    articles = list(articles)
    df = document_frequencies(map(_terms_of, articles))
    weights = term_weights(df, idf_by_level(rarity_scale(len(articles))))

    def work(chunk: Sequence[Article]) -> list[tuple[str, Vector]]:
        return [(article.source, vector(article.terms, weights)) for article in chunk]

    jobs = jobs if len(articles) >= PARALLEL_FROM else 1
    return df, dict(pair for done in run_chunks(work, articles, jobs, chunk_size=CHUNK) for pair in done)


def posting_set(index: Index, key: str) -> frozenset[int]:
    """A feature's postings as a set, made once per process."""
    found = index.sets.get(key)
    if found is None:
        found = index.sets[key] = frozenset(index.postings[key])
    return found


def window(postings: list[int], i: int, size: int) -> list[int]:
    """All postings, or the `size` of them centred on position `i` (nearest in time)."""
    start, end = span(postings, i, size)
    return postings[start:end]


def span(postings: Sequence[int], i: int, size: int) -> tuple[int, int]:
    """The start and end of `window` in `postings`."""
    if len(postings) <= size:
        return 0, len(postings)
    start = bisect_left(postings, i) - size // 2
    start = min(max(start, 0), len(postings) - size)
    return start, start + size
