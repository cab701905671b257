"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from array import array
from operator import attrgetter
from typing import Sequence

from .cache import BuildCache, fingerprint, pickled
from .config import SiteConfig
from .models import Article
from .related import affected_by, related_sources, shown_features
from .units import UnitTree

CACHE_KIND = "related"
SHAPE = "3"  # of the stored record: bump when it changes

Related = dict[str, tuple[str, ...]]  # by source: the sources of its “Các tin tức khác”, in order

_source, _published, _unit = attrgetter("source"), attrgetter("published"), attrgetter("unit")
_participants, _tags = attrgetter("participants"), attrgetter("tags")


def related_news(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                 cache: BuildCache | None, jobs: int | None = None) -> Related:
    """find_related, remade in part or not at all when only some articles' features changed.

    The stored map is valid for one frame: the settings, the units and every article's source and
    date (the order in time and the site's size, which every list depends on). Within it, a text
    edit changes no list and a tag or people edit changes only the lists `affected_by` names.
    The record holds a digest of all the lists were made from, so that an unchanged site costs
    one digest; what each article showed is kept beside it, read only when the digest differs.
    """
    weights, count = config.related_weights, config.related_count
    settings = fingerprint(SHAPE, repr(weights), str(count), repr(units))
    digest, sources, times = _inputs(articles)
    stored = cache.get(CACHE_KIND, "site", settings) if cache else None
    if stored is not None and stored[0] == digest:
        return stored[1]
    shown = list(map(shown_features, articles))
    related = None
    if stored is not None:
        old, (old_sources, old_times, old_shown) = stored[1], pickle.loads(stored[2])
        if dict(zip(sources, times)) == dict(zip(old_sources, old_times)):  # the same frame, in any order
            only = affected_by(dict(zip(old_sources, old_shown)), dict(zip(sources, shown)), units.units)
            related = {**old, **related_sources(articles, units.units, weights, count, only=only, jobs=jobs)} \
                if only else old
    if related is None:
        related = related_sources(articles, units.units, weights, count, jobs=jobs)
    if cache:
        cache.put(CACHE_KIND, "site", settings, (digest, related, pickled((sources, times, shown))))
    return related


def _inputs(articles: Sequence[Article]) -> tuple[str, list[str], list[float]]:
    """A digest of every article's source, date and shown_features, in the order given; sources, dates.

    Made column by column in C loops (joins, arrays), with no tuple per article: building and
    comparing 100,000 shown_features was most of the cost of a rebuild after a text edit.
    Each column is its items' lengths and their concatenation, framed by its size in bytes.
    """
    sources = list(map(_source, articles))
    times = list(map(dt.datetime.timestamp, map(_published, articles)))
    people, tags = list(map(_participants, articles)), list(map(_tags, articles))
    parts = [array("d", times).tobytes(), array("q", map(len, people)).tobytes(), array("q", map(len, tags)).tobytes()]
    for strings in (sources, list(map(_unit, articles)),
                    [p.slug for group in people for p in group], [p.name for group in people for p in group],
                    [t.slug for group in tags for t in group], [t.name for group in tags for t in group]):
        parts += (array("q", map(len, strings)).tobytes(), "".join(strings).encode("utf-8", "surrogatepass"))
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest(), sources, times
