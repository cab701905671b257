"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Sequence

from .cache import BuildCache, fingerprint
from .config import SiteConfig
from .models import Article
from .related import affected_by, related_sources, shown_features
from .units import UnitTree

CACHE_KIND = "related"
SHAPE = "2"  # of the stored record: bump when it changes

Related = dict[str, tuple[str, ...]]  # by source: the sources of its “Các tin tức khác”, in order

_published = attrgetter("published")
_source = attrgetter("source")


def related_news(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                 cache: BuildCache | None, jobs: int | None = None) -> Related:
    """find_related, remade in part or not at all when only some articles' features changed.

    The stored map is valid for one frame: the settings, the units and every article's source and
    date (the order in time and the site's size, which every list depends on). Within it, a text
    edit changes no list and a tag or people edit changes only the lists `affected_by` names.
    What each article showed is stored in the order given, so that an unchanged site is one
    comparison of lists (made in C) away from the stored map.
    """
    weights, count = config.related_weights, config.related_count
    settings = fingerprint(SHAPE, repr(weights), str(count), repr(units))
    # map() over C functions: a comprehension calling .timestamp() took twice as long.
    seen = (list(map(_source, articles)), list(map(dt.datetime.timestamp, map(_published, articles))),
            list(map(shown_features, articles)))
    stored = cache.get(CACHE_KIND, "site", settings) if cache else None
    if stored is not None and stored[:3] == seen:
        return stored[3]
    related = None
    if stored is not None:
        (old_sources, old_times, old_shown, old), (sources, times, shown) = stored, seen
        if dict(zip(sources, times)) == dict(zip(old_sources, old_times)):  # the same frame, in any order
            only = affected_by(dict(zip(old_sources, old_shown)), dict(zip(sources, shown)), units.units)
            related = {**old, **related_sources(articles, units.units, weights, count, only=only, jobs=jobs)} \
                if only else old
    if related is None:
        related = related_sources(articles, units.units, weights, count, jobs=jobs)
    if cache:
        cache.put(CACHE_KIND, "site", settings, (*seen, related))
    return related
