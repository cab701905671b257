"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

import pickle
from operator import attrgetter
from typing import Sequence

from .cache import BuildCache, fingerprint, pickled
from .config import SiteConfig
from .models import Article
from .related import related_sources, remade_after_edit, shown_features
from .units import UnitTree

CACHE_KIND = "related"
SHAPE = "4"  # of the stored record: bump when it changes

Related = dict[str, tuple[str, ...]]  # by source: the sources of its “Các tin tức khác”, in order

_source, _digest = attrgetter("source"), attrgetter("digest")


def related_news(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                 cache: BuildCache | None, jobs: int | None = None) -> Related:
    """find_related, remade in part or not at all when only some articles changed.

    The stored map is valid for one set of settings (weights, count, units) and holds, by source,
    the digest of each article it was made from: what an article shows the lists (its date, unit,
    people and tags) is read from its file alone, within one build cache (whose key holds the
    config and units), so equal digests mean equal inputs, and an unchanged site costs one
    comparison of digests. Only the articles whose digest changed are looked at: a text edit
    changes no list, a tag or people edit only the lists `affected_by` names; an article added,
    removed or moved in time remakes every list (the order in time and the site's size, which
    every list depends on, changed).
    """
    weights, count = config.related_weights, config.related_count
    settings = fingerprint(SHAPE, repr(weights), str(count), repr(units))
    digests = dict(zip(map(_source, articles), map(_digest, articles)))
    stored = cache.get(CACHE_KIND, "site", settings) if cache else None
    if stored is not None and stored[0] == digests:
        return pickle.loads(stored[1])
    if stored is not None and stored[0].keys() == digests.keys():
        old_digests, lists, old_shown = stored
        now = {a.source: _stamp(a) for a in articles if old_digests[a.source] != a.digest}
        before = {source: pickle.loads(old_shown[source]) for source in now}
        if all(before[s][0] == now[s][0] for s in now):  # no date moved: the same frame
            related = pickle.loads(lists)
            moved = {s: (before[s][1], now[s][1]) for s in now if before[s][1] != now[s][1]}
            if moved:
                related.update(remade_after_edit(articles, units.units, weights, count, moved, jobs))
                lists = pickled(related)
            shown = {**old_shown, **{source: pickled(stamp) for source, stamp in now.items()}}
            _keep(cache, settings, digests, lists, shown)
            return related
    related = related_sources(articles, units.units, weights, count, jobs=jobs)
    _keep(cache, settings, digests, pickled(related), {a.source: pickled(_stamp(a)) for a in articles})
    return related


def _stamp(article: Article) -> tuple[float, tuple]:
    """What the lists read of one article besides its source: its date, and its shown_features."""
    return article.published.timestamp(), shown_features(article)


def _keep(cache: BuildCache | None, settings: str, digests: dict[str, str], lists: bytes,
          shown: dict[str, bytes]) -> None:
    """Store the map for the next build, its lists and each article's stamp pickled apart.

    So they are loaded only when needed (the stamps of the edited articles alone) and stored
    again as they are when they did not change: 100,000 lists cost half a second to pickle.
    """
    if cache:
        cache.put(CACHE_KIND, "site", settings, (digests, lists, shown))
