"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

import hashlib
import pickle
from functools import partial
from operator import attrgetter
from typing import Callable, Sequence

from .cache import BuildCache, fingerprint, pickled
from .config import SiteConfig
from .models import Article
from .parallel import Ahead
from .related import RelatedWeights, related_sources, remade_after_edit, shown_features
from .units import UnitTree

CACHE_KIND = "related"  # one record: the lists, and what they were made from
STAMPS_KIND = "related-stamp"  # one record per article: what its list and the others read of it
SHAPE = "5"  # of the stored records: bump when it changes
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
    when some digests changed, only those articles' stamps are read. A text edit changes no
    list, a tag or people edit only the lists `affected_by` names; an article added, removed or
    moved in time remakes every list (the order in time and the site's size, which every list
    depends on, changed).
    """
    return related_news_ahead(articles, units, config, cache, jobs, fork=False)()


def related_news_ahead(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                       cache: BuildCache | None, jobs: int | None = None,
                       fork: bool = True) -> Callable[[], Related]:
    """`related_news`, as a function to call when the lists are needed (once).

    After an edit of some articles' features, their lists are remade by a forked process (with
    `fork`, from AHEAD_FROM articles) while the caller goes on: the build plans its other pages
    meanwhile. The cache is read and written in the caller's process only, and written when the
    function is called.
    """
    weights, count = config.related_weights, config.related_count
    settings = fingerprint(SHAPE, repr(weights), str(count), repr(units))
    pairs = sorted(zip(map(_source, articles), map(_digest, articles)))
    made_from = (_digest_of(pair[0] for pair in pairs), _digest_of(pair[1] for pair in pairs))
    stored = cache.get(CACHE_KIND, "site", settings) if cache else None
    if stored is not None and stored[0] == made_from:
        return partial(pickle.loads, stored[1])
    edit = _edit(articles, cache) if stored is not None and stored[0][0] == made_from[0] else None
    if edit is not None:  # the same frame: the stored lists hold but those the edit can change
        now, moved = edit
        remaking = Ahead(partial(_remade, articles, units, weights, count, moved, jobs, stored[1]),
                         fork and len(articles) >= AHEAD_FROM) if moved else None

        def after_edit() -> Related:
            # Unchanged lists are stored again as they are: 100,000 take 0.2 s to pickle.
            remade, lists = remaking.result() if remaking else ({}, stored[1])
            related = pickle.loads(stored[1])
            related.update(remade)
            _keep(cache, settings, made_from, lists, [a for a in articles if a.source in now])
            return related

        return after_edit

    def full() -> Related:
        related = related_sources(articles, units.units, weights, count, jobs=jobs)
        _keep(cache, settings, made_from, pickled(related), articles)
        return related

    return full


def _keep(cache: BuildCache | None, settings: str, made_from: tuple[str, str], lists: bytes,
          stamped: Sequence[Article]) -> None:
    """Put the lists with the stamps of `stamped` at once: the next build trusts them as a pair."""
    if cache:
        for article in stamped:
            cache.put(STAMPS_KIND, article.source, article.digest, _stamp(article))
        cache.put_pickled(CACHE_KIND, "site", settings, pickled((made_from, lists)))


def _edit(articles: Sequence[Article], cache: BuildCache) -> tuple[dict[str, Stamp], dict[str, tuple]] | None:
    """The edited articles' stamps, and the shown_features before and after of those whose changed.

    None if every list must be remade: an article moved in time, or a stamp was lost. The stamps
    stored are those of the articles the lists were made from (both are put by each run, and
    saved together): an article whose stamp has another digest was edited since.
    """
    stamped = cache.digests(STAMPS_KIND)
    now = {a.source: _stamp(a) for a in articles if stamped.get(a.source) != a.digest}
    before = {source: cache.get_one(STAMPS_KIND, source, stamped.get(source, "")) for source in now}
    if any(before[source] is None or before[source][0] != stamp[0] for source, stamp in now.items()):
        return None
    return now, {source: (before[source][1], stamp[1]) for source, stamp in now.items() if before[source] != stamp}


def _remade(articles: Sequence[Article], units: UnitTree, weights: RelatedWeights, count: int,
            moved: dict[str, tuple], jobs: int | None, lists: bytes) -> tuple[Related, bytes]:
    """The lists the edit can change, and all lists pickled as stored (in the process ahead)."""
    remade = remade_after_edit(articles, units.units, weights, count, moved, jobs)
    related = pickle.loads(lists)
    related.update(remade)
    return remade, pickled(related)


def _stamp(article: Article) -> Stamp:
    """What the lists read of one article besides its source: its date, and its shown_features."""
    return article.published.timestamp(), shown_features(article)


def _digest_of(strings) -> str:
    """One digest of many strings, none holding NUL (sources, hex digests), joined in C."""
    return hashlib.sha256("\x00".join(strings).encode("utf-8", "surrogatepass")).hexdigest()
