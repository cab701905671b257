"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Collection, Sequence
from functools import partial
from operator import attrgetter

from ..content.config import SiteConfig
from ..content.units import UnitTree
from ..hashing import fingerprint
from ..models import Article
from ..site.related import RelatedWeights, feature_keys, rarity_scale, related_lists, remade_after_edit, shown_features
from ..workers import Ahead
from .build_cache import BuildCache, pickled

CACHE_KIND = "related"  # one record: the lists, and what they were made from
STAMPS_KIND = "related-stamp"  # one record per article: what its list and the others read of it
SHAPE = "6"  # of the stored records: bump when it changes
EDITS_AT_MOST = 100  # articles changed, added or removed; more (and a tenth of the site) remake every list
AHEAD_FROM = 10_000  # articles: on smaller sites remaking a few lists costs less than forking for them

Related = dict[str, tuple[str, ...]]  # by source: the sources of its “Các tin tức khác”, in order
Stamp = tuple[float, tuple]  # an article's date, and its shown_features

_source, _digest = attrgetter("source"), attrgetter("digest")


def related_news(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                 cache: BuildCache | None, jobs: int | None = None) -> Related:
    """find_related, remade in part or not at all when only some articles changed.

    What an article shows the lists (its date, unit, people and tags) is read from its file
    alone, within one build cache (whose key holds the config and the units): equal digests mean
    equal inputs. So the stored lists hold a digest of every article's source and digest, and an
    unchanged site costs that digest. Each article's stamp is stored apart, under its digest:
    when some articles changed, came or went, only those articles' stamps are read, and only
    the lists `related.affected_by` names are made: none after a text edit, those of the
    articles sharing a feature with it after any other. Many changes at once remake every list.
    """
    return related_news_ahead(articles, units, config, cache, jobs, fork=False)()


def related_news_ahead(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                       cache: BuildCache | None, jobs: int | None = None,
                       fork: bool = True) -> Callable[[], Related]:
    """`related_news`, as a function to call when the lists are needed (once).

    After an edit, the lists it can change are remade by a forked process (with `fork`, from
    AHEAD_FROM articles) while the caller goes on: the build plans its other pages meanwhile.
    The cache is read and written in the caller's process only, and written when the function
    is called.
    """
    weights, count = config.related_weights, config.related_count
    # The lists depend on the site's size only through rarity_scale: when it changes, all are made anew.
    settings = fingerprint(SHAPE, repr(weights), str(count), repr(units), str(rarity_scale(len(articles))))
    pairs = sorted(zip(map(_source, articles), map(_digest, articles), strict=True))
    made_from = (_digest_of(pair[0] for pair in pairs), _digest_of(pair[1] for pair in pairs))
    stored = cache.get(CACHE_KIND, "site", settings) if cache else None
    if stored is not None and stored[0] == made_from:
        return partial(pickle.loads, stored[1])
    old: Related | None = pickle.loads(stored[1]) if stored is not None else None
    edit = _edit(articles, cache, old.keys()) if cache is not None and old is not None else None
    if edit is not None and old is not None and stored is not None:  # the lists hold, but those the edit can change
        stamps, keys, edited, moved = edit
        if moved:  # the site's latest articles may have changed
            edited |= stored[2]
        gone = old.keys() - {a.source for a in articles}
        remaking = Ahead(partial(_remade, articles, units, weights, count, keys, edited, jobs, old, gone, stored[2]),
                         fork and len(articles) >= AHEAD_FROM) if edited else None

        def after_edit() -> Related:
            # Unchanged lists are stored again as they are: pickling every list anew would make
            # one edit pay for the whole site's lists.
            remade, filled, lists = remaking.result() if remaking else ({}, stored[2], stored[1])
            for source in gone:
                del old[source]
            old.update(remade)
            _keep(cache, settings, made_from, lists, filled, [a for a in articles if a.source in stamps])
            return old

        return after_edit

    def full() -> Related:
        related, filled = related_lists(articles, units.units, weights, count, jobs=jobs)
        _keep(cache, settings, made_from, pickled(related), filled, articles)
        return related

    return full


def _keep(cache: BuildCache | None, settings: str, made_from: tuple[str, str], lists: bytes,
          filled: Collection[str], stamped: Sequence[Article]) -> None:
    """Put the lists with the stamps of `stamped` at once: the next build trusts them as a pair."""
    if cache:
        for article in stamped:
            cache.put(STAMPS_KIND, article.source, article.digest, _stamp(article))
        cache.put_pickled(CACHE_KIND, "site", settings, pickled((made_from, lists, frozenset(filled))))


def _edit(articles: Sequence[Article], cache: BuildCache,
          before_sources: Collection[str]) -> tuple[dict[str, Stamp], set[str], set[str], bool] | None:
    """What changed since the stored lists: the changed or new articles' stamps, the features
    whose posting lists changed, the sources edited (their own lists change), and whether an
    article came, went or moved in time.

    None if every list had better be remade: many changes (a full run costs less), or a stamp
    lost. The stamps stored are those of the articles the lists were made from (both are put by
    each run, and saved together): an article whose stamp has another digest was edited since.
    """
    stamped = cache.digests(STAMPS_KIND)
    before_sources = set(before_sources)
    now = {a.source: _stamp(a) for a in articles
           if a.source not in before_sources or stamped.get(a.source) != a.digest}
    gone = before_sources - {a.source for a in articles}
    if len(now) + len(gone) > max(EDITS_AT_MOST, len(articles) // 10):
        return None
    before = {source: cache.get_one(STAMPS_KIND, source, stamped.get(source, ""))
              for source in gone | (now.keys() & before_sources)}
    if any(stamp is None for stamp in before.values()):
        return None
    keys: set[str] = set()
    edited: set[str] = set()
    moved = False
    for source in now.keys() | gone:
        old, new = before.get(source), now.get(source)
        if old == new:  # a text edit: nothing the lists read
            continue
        edited.add(source)
        old_keys = feature_keys(old[1]) if old else frozenset()
        new_keys = feature_keys(new[1]) if new else frozenset()
        if old is None or new is None or old[0] != new[0]:  # came, went or moved: in every list it is in
            keys |= old_keys | new_keys
            moved = True
        else:
            keys |= old_keys ^ new_keys
    return now, keys, edited, moved


def _remade(articles: Sequence[Article], units: UnitTree, weights: RelatedWeights, count: int,
            keys: set[str], edited: set[str], jobs: int | None, old: Related, gone: set[str],
            filled: frozenset[str]) -> tuple[Related, set[str], bytes]:
    """The lists the edit can change; the sources the site's latest articles now fill; all the
    lists pickled as stored. Run by the process ahead: `old` is not changed here."""
    remade, remade_filled = remade_after_edit(articles, units.units, weights, count, keys, edited, jobs)
    related = {source: lists for source, lists in old.items() if source not in gone}
    related.update(remade)
    still = {source for source in filled if source not in gone and source not in remade}
    return remade, still | remade_filled, pickled(related)


def _stamp(article: Article) -> Stamp:
    """What the lists read of one article besides its source: its date, and its shown_features."""
    return article.published.timestamp(), shown_features(article)


def _digest_of(strings) -> str:
    """One digest of many strings, none holding NUL (sources, hex digests), joined in C."""
    return hashlib.sha256("\x00".join(strings).encode("utf-8", "surrogatepass")).hexdigest()
