"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from functools import partial
from operator import attrgetter

from ..content.config import RelatedWeights, SiteConfig
from ..content.units import UnitTree
from ..hashing import fingerprint
from ..models import Article
from ..site.related import related_lists, remade_after_edit
from ..site.related_index import feature_keys, rarity_scale, shown_features, site_vectors
from ..site.text_vectors import Vector, crossed, idf_by_level, term_weights, vector, vector_terms
from ..vi.terms import unpack
from ..workers import Ahead
from .build_cache import BuildCache, encoded
from .records import RecordError, decode

CACHE_KIND = "related"  # one record: what the lists were made from, and the sources the latest fill
LISTS_KIND = "related-lists"  # one record: the lists, valid for CACHE_KIND's record (_lists_digest)
TEXT_KIND = "related-text"  # one record: the site's terms (Text), valid as LISTS_KIND's is
STAMPS_KIND = "related-stamp"  # one record per article: what its list and the others read of it
SHAPE = "8"  # of the stored records: bump when it changes
EDITS_AT_MOST = 100  # articles changed, added or removed; more (and a tenth of the site) remake every list
AHEAD_FROM = 10_000  # articles: on smaller sites remaking a few lists costs less than forking for them

Related = dict[str, tuple[str, ...]]  # by source: the sources of its “Các tin tức khác”, in order
# An article's date, its shown_features (its unit, people and tags as (slug, name)) and its terms.
Stamp = tuple[float, tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]], bytes]
Made = tuple[tuple[str, str], frozenset[str]]  # CACHE_KIND's record: made_from, and `filled`
Text = tuple[
    Counter[int], dict[str, Vector]
]  # the site's document frequencies and vectors (site.related_index.site_vectors)
TextRecord = tuple[bytes, dict[str, bytes]]  # Text as stored: the df packed (_text_record), the vectors
TermsEdit = tuple[str, bytes, bytes]  # an article's source, its terms before and after (b"": none)

_source, _digest = attrgetter("source"), attrgetter("digest")


def related_news(
    articles: Sequence[Article], units: UnitTree, config: SiteConfig, cache: BuildCache | None, jobs: int | None = None
) -> Related:
    """find_related, remade in part or not at all when only some articles changed.

    What an article shows the lists (its date, unit, people, tags and terms) is read from its
    file alone, within one build cache (whose key holds the config and the units): equal digests
    mean equal inputs. So the stored lists hold a digest of every article's source and digest,
    and an unchanged site costs that digest. Each article's stamp is stored apart, under its
    digest: when some articles changed, came or went, only those articles' stamps are read, and
    only the lists `site.related_index.affected_by` names are made: after a text edit, none if the
    article's vector stayed the same, else those of the articles sharing a term of its vector
    before or after (and when a term's weight changed, see site/text_vectors, those of the articles
    whose vector changed with it, and so on); after any other, those of the articles sharing a
    feature with it. Many changes at once remake every list.
    """
    return related_news_ahead(articles, units, config, cache, jobs, fork=False)()


def related_news_ahead(
    articles: Sequence[Article],
    units: UnitTree,
    config: SiteConfig,
    cache: BuildCache | None,
    jobs: int | None = None,
    fork: bool = True,
) -> Callable[[], Related]:
    """`related_news`, as a function to call when the lists are needed (once).

    After an edit, the lists it can change are remade by a forked process (with `fork`, from
    AHEAD_FROM articles) while the caller goes on: the build plans its other pages meanwhile.
    That process also brings the site's terms up to date. The cache is read and written in the
    caller's process only, and written when the function is called.
    """
    weights, count = config.related_weights, config.related_count
    # The lists depend on the site's size only through rarity_scale: when it changes, all are made anew.
    settings = fingerprint(SHAPE, repr(weights), str(count), repr(units), str(rarity_scale(len(articles))))
    pairs = sorted(zip(map(_source, articles), map(_digest, articles), strict=True))
    made_from = (_digest_of(pair[0] for pair in pairs), _digest_of(pair[1] for pair in pairs))

    def full() -> Related:
        site_text = site_vectors(articles, jobs) if weights.text > 0 else None
        related, filled = related_lists(
            articles, units.units, weights, count, jobs=jobs, vectors=site_text[1] if site_text else None
        )
        _keep(
            cache,
            settings,
            made_from,
            encoded(related),
            filled,
            articles,
            _text_record(site_text) if site_text is not None else None,
        )
        return related

    stored = _stored(cache, settings) if cache else None
    if stored is not None and stored[0] == made_from:
        unchanged = stored[3]
        return lambda: unchanged
    old: Related | None = stored[3] if stored is not None else None
    edit = _edit(articles, cache, old.keys()) if cache is not None and old is not None else None
    text: bytes | None = None  # the site's terms as stored, read by the process ahead
    if edit is not None and stored is not None and cache is not None and weights.text > 0:
        text = cache.get_encoded(TEXT_KIND, "site", _lists_digest(settings, stored[0]))
        if text is None:  # the terms are lost: every list is made anew
            edit = None
    if edit is not None and old is not None and stored is not None:  # the lists hold, but those the edit can change
        stamps, keys, edited, moved, texts = edit
        if moved:  # the site's latest articles may have changed
            edited |= stored[2]
        gone = old.keys() - {a.source for a in articles}
        work = partial(
            _remade, articles, units, weights, count, keys, edited, moved, texts, text, jobs, old, gone, stored[2]
        )
        remaking = Ahead(work, fork and len(articles) >= AHEAD_FROM) if edited or (texts and text) else None

        def after_edit() -> Related:
            # Unchanged lists are stored again as they are: encoding every list anew would make
            # one edit pay for the whole site's lists.
            try:
                remade, filled, lists, terms = remaking.result() if remaking else ({}, stored[2], None, text)
            except RecordError:  # the stored terms are not a Text: no record, so every list is made anew
                return full()
            lists = stored[1] if lists is None else lists
            for source in gone:
                del old[source]
            old.update(remade)
            _keep(cache, settings, made_from, lists, filled, [a for a in articles if a.source in stamps], terms)
            return old

        return after_edit

    return full


def _stored(cache: BuildCache, settings: str) -> tuple[tuple[str, str], bytes, frozenset[str], Related] | None:
    """What the lists were made from, the lists as stored, the sources filled, the lists read."""
    made: Made | None = cache.get(CACHE_KIND, "site", settings, Made)
    lists = cache.get_encoded(LISTS_KIND, "site", _lists_digest(settings, made[0])) if made else None
    if made is None or lists is None:
        return None
    try:
        return made[0], lists, made[1], decode(lists, Related)
    except (RecordError, TypeError, ValueError):
        return None


def _lists_digest(settings: str, made_from: tuple[str, str]) -> str:
    """The lists (and the site's terms) are valid for these settings and these articles only."""
    return fingerprint(settings, *made_from)


def _text_record(text: Text) -> bytes:
    """The site's terms as stored: the df as packed arrays (the hashes, then their counts), the
    vectors as they are (bytes): a JSON list of every term of the site would cost more to read."""
    df, vectors = text
    packed = array("I", df.keys()).tobytes() + array("I", df.values()).tobytes()
    return encoded((packed, vectors))


def _text_of(data: bytes) -> Text:
    """The site's terms `_text_record` stored; RecordError if the bytes do not hold them."""
    packed, vectors = decode(data, TextRecord)
    if len(packed) % 8 or any(len(vec) % 12 for vec in vectors.values()):  # see vi.terms, text_vectors.Vector
        raise RecordError("the site's terms are damaged")
    n = len(packed) // 8
    view = memoryview(packed)
    df = Counter(dict(zip(view[: 4 * n].cast("I"), view[4 * n :].cast("I"), strict=True)))
    return df, vectors


def _keep(
    cache: BuildCache | None,
    settings: str,
    made_from: tuple[str, str],
    lists: bytes,
    filled: Collection[str],
    stamped: Sequence[Article],
    text: bytes | None,
) -> None:
    """Put the lists with the stamps of `stamped` (and the site's terms) at once: the next build
    trusts them together."""
    if cache:
        for article in stamped:
            cache.put(STAMPS_KIND, article.source, article.digest, _stamp(article))
        digest = _lists_digest(settings, made_from)
        cache.put_encoded(LISTS_KIND, "site", digest, lists)
        if text is not None:
            cache.put_encoded(TEXT_KIND, "site", digest, text)
        cache.put(CACHE_KIND, "site", settings, (made_from, frozenset(filled)))
        cache.flush()  # a stamp holds its article's terms: a large site's are not kept in memory till the end


def _edit(
    articles: Sequence[Article],
    cache: BuildCache,
    before_sources: Collection[str],
) -> tuple[dict[str, Stamp], set[str], set[str], set[str], list[TermsEdit]] | None:
    """What changed since the stored lists: the changed or new articles' stamps, the features
    whose posting lists changed, the sources edited (their own lists change), those that came,
    went or moved in time, and the articles whose terms changed (in order of source).

    None if every list had better be remade: many changes (a full run costs less), or a stamp
    lost. The stamps stored are those of the articles the lists were made from (both are put by
    each run, and saved together): an article whose stamp has another digest was edited since.
    """
    stamped = cache.digests(STAMPS_KIND)
    before_sources = set(before_sources)
    now = {a.source: _stamp(a) for a in articles if a.source not in before_sources or stamped.get(a.source) != a.digest}
    gone = before_sources - {a.source for a in articles}
    if len(now) + len(gone) > max(EDITS_AT_MOST, len(articles) // 10):
        return None
    before: dict[str, Stamp | None] = {
        source: cache.get_one(STAMPS_KIND, source, stamped.get(source, ""), Stamp)
        for source in gone | (now.keys() & before_sources)
    }
    if any(stamp is None for stamp in before.values()):
        return None
    keys: set[str] = set()
    edited: set[str] = set()
    moved: set[str] = set()
    texts: list[TermsEdit] = []
    for source in sorted(now.keys() | gone):
        old, new = before.get(source), now.get(source)
        if old is None or new is None or old[2] != new[2]:
            texts.append((source, old[2] if old else b"", new[2] if new else b""))
        if old is not None and new is not None and old[:2] == new[:2]:  # nothing but the text
            continue
        edited.add(source)
        old_keys = feature_keys(old[1]) if old else frozenset()
        new_keys = feature_keys(new[1]) if new else frozenset()
        if old is None or new is None or old[0] != new[0]:  # came, went or moved: in every list it is in
            keys |= old_keys | new_keys
            moved.add(source)
        else:
            keys |= old_keys ^ new_keys
    return now, keys, edited, moved, texts


def _remade(
    articles: Sequence[Article],
    units: UnitTree,
    weights: RelatedWeights,
    count: int,
    keys: set[str],
    edited: set[str],
    moved: set[str],
    texts: list[TermsEdit],
    text: bytes | None,
    jobs: int | None,
    old: Related,
    gone: set[str],
    filled: frozenset[str],
) -> tuple[Related, set[str], bytes | None, bytes | None]:
    """The lists the edit can change; the sources the site's latest articles now fill; all the
    lists encoded as stored (None: as they were); the site's terms as stored. Run by the process
    ahead: `old` is not changed here. RecordError if the stored terms are damaged."""
    vectors, terms = None, set[int]()
    if text is not None:
        df, vectors = _text_of(text)
        changed, terms = _new_vectors(articles, df, vectors, texts, moved)
        edited = edited | changed
        text = _text_record((df, vectors))
    if not edited:  # the text changed, and no vector with it: the lists as stored
        return {}, set(filled), None, text
    remade, remade_filled = remade_after_edit(articles, units.units, weights, count, keys, edited, jobs, vectors, terms)
    related = {source: lists for source, lists in old.items() if source not in gone}
    related.update(remade)
    still = {source for source in filled if source not in gone and source not in remade}
    return remade, still | remade_filled, encoded(related), text


def _new_vectors(
    articles: Sequence[Article], df: Counter, vectors: dict[str, Vector], texts: list[TermsEdit], moved: set[str]
) -> tuple[set[str], set[int]]:
    """Bring the site's terms up to date after the edit `texts` (df and vectors, in place).

    Returns the sources whose vector changed, and the terms whose posting lists changed: those
    of the vectors that changed (before and after) and of the articles that came, went or moved.
    """
    before: dict[int, int] = {}
    for _, old, new in texts:
        old_terms, new_terms = set(unpack(old)[0]), set(unpack(new)[0])
        for term in old_terms ^ new_terms:
            before.setdefault(term, df[term])
        df.subtract(old_terms - new_terms)
        df.update(new_terms - old_terms)
    for term in [term for term in before if df[term] <= 0]:
        del df[term]
    idf = idf_by_level(rarity_scale(len(articles)))
    weighed_anew = crossed(before, df, before, idf)
    present = {a.source: a for a in articles}
    redo = {source for source, _, _ in texts if source in present}
    gone = {source for source, _, _ in texts if source not in present}
    if weighed_anew:  # the vectors of every article having such a term may change
        redo |= {a.source for a in articles if not weighed_anew.isdisjoint(unpack(a.terms)[0])}
    weights = term_weights(df, idf, {term for source in redo for term in unpack(present[source].terms)[0]})
    changed: set[str] = set()
    terms: set[int] = set()
    for source in sorted(redo | gone):
        was = vectors.pop(source, b"")
        now = vector(present[source].terms, weights) if source in redo else b""
        if source in redo:
            vectors[source] = now
        if was != now or source in moved:
            changed.add(source)
            terms.update(vector_terms(was), vector_terms(now))
    for source in moved - changed:
        terms.update(vector_terms(vectors.get(source, b"")))
    return changed - gone, terms


def _stamp(article: Article) -> Stamp:
    """What the lists read of one article besides its source: its date, shown_features and terms."""
    return article.published.timestamp(), shown_features(article), article.terms


def _digest_of(strings) -> str:
    """One digest of many strings, none holding NUL (sources, hex digests), joined in C."""
    return hashlib.sha256("\x00".join(strings).encode("utf-8", "surrogatepass")).hexdigest()
