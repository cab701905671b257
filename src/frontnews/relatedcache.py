"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

import hashlib
import pickle
from operator import attrgetter
from typing import Sequence

from .cache import BuildCache, fingerprint, pickled
from .config import SiteConfig
from .models import Article
from .related import related_sources, remade_after_edit, shown_features
from .units import UnitTree

CACHE_KIND = "related"  # one record: the lists, and what they were made from
STAMPS_KIND = "related-stamp"  # one record per article: what its list and the others read of it
SHAPE = "5"  # of the stored records: bump when it changes

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
    weights, count = config.related_weights, config.related_count
    settings = fingerprint(SHAPE, repr(weights), str(count), repr(units))
    pairs = sorted(zip(map(_source, articles), map(_digest, articles)))
    made_from = (_digest_of(pair[0] for pair in pairs), _digest_of(pair[1] for pair in pairs))
    stored = cache.get(CACHE_KIND, "site", settings) if cache else None
    if stored is not None and stored[0] == made_from:
        return pickle.loads(stored[1])
    if stored is not None and stored[0][0] == made_from[0]:  # the same articles: perhaps the same frame
        related = pickle.loads(stored[1])
        remade = _after_edit(articles, units, config, cache, jobs, related)
        if remade is not None:  # unchanged lists are stored again as they are: 100,000 take 0.2 s to pickle
            cache.put_pickled(CACHE_KIND, "site", settings,
                              pickled((made_from, pickled(related) if remade else stored[1])))
            return related
    related = related_sources(articles, units.units, weights, count, jobs=jobs)
    if cache:
        for article in articles:
            cache.put(STAMPS_KIND, article.source, article.digest, _stamp(article))
        cache.put(CACHE_KIND, "site", settings, (made_from, pickled(related)))
    return related


def _after_edit(articles: Sequence[Article], units: UnitTree, config: SiteConfig, cache: BuildCache,
                jobs: int | None, related: Related) -> bool | None:
    """Remake in `related` the lists the edited articles can change: whether any was; None if every list must be.

    The stamps stored are those of the articles the lists were made from (both are put by each
    run, and saved together): an article whose stamp has another digest was edited since.
    """
    stamped = cache.digests(STAMPS_KIND)
    edited = [a for a in articles if stamped.get(a.source) != a.digest]
    now = {a.source: _stamp(a) for a in edited}
    before = {a.source: cache.get_one(STAMPS_KIND, a.source, stamped.get(a.source, "")) for a in edited}
    if any(before[source] is None or before[source][0] != stamp[0] for source, stamp in now.items()):
        return None  # moved in time, or a stamp lost: not the same frame
    moved = {source: (before[source][1], stamp[1]) for source, stamp in now.items() if before[source] != stamp}
    if moved:
        related.update(remade_after_edit(articles, units.units, config.related_weights, config.related_count,
                                         moved, jobs))
    for article in edited:
        cache.put(STAMPS_KIND, article.source, article.digest, now[article.source])
    return bool(moved)


def _stamp(article: Article) -> Stamp:
    """What the lists read of one article besides its source: its date, and its shown_features."""
    return article.published.timestamp(), shown_features(article)


def _digest_of(strings) -> str:
    """One digest of many strings, none holding NUL (sources, hex digests), joined in C."""
    return hashlib.sha256("\x00".join(strings).encode("utf-8", "surrogatepass")).hexdigest()
