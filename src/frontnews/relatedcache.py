"""The related-news map kept between builds: after an edit, only the lists it can change are made."""

from __future__ import annotations

from typing import Sequence

from .cache import BuildCache, fingerprint
from .config import SiteConfig
from .models import Article
from .related import affected_by, related_sources, shown_features
from .units import UnitTree

CACHE_KIND = "related"

Related = dict[str, tuple[str, ...]]  # by source: the sources of its “Các tin tức khác”, in order


def related_news(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                 cache: BuildCache | None, jobs: int | None = None) -> Related:
    """find_related, remade in part or not at all when only some articles' features changed.

    The stored map is valid for one frame: the settings, the units and every article's source and
    date (the order in time and the site's size, which every list depends on). Within it, a text
    edit changes no list and a tag or people edit changes only the lists `affected_by` names.
    """
    weights, count = config.related_weights, config.related_count
    frame = fingerprint(repr(weights), str(count), repr(units),
                        sorted(f"{a.source}\x00{a.published.timestamp()!r}" for a in articles))
    shown = {a.source: shown_features(a) for a in articles}
    stored = cache.get(CACHE_KIND, "site", frame) if cache else None
    if stored is not None and stored[0] == shown:
        return stored[1]
    if stored is None:
        related = related_sources(articles, units.units, weights, count, jobs=jobs)
    else:
        before, old = stored
        related = {**old, **related_sources(articles, units.units, weights, count,
                                            only=affected_by(before, shown, units.units), jobs=jobs)}
    if cache:
        cache.put(CACHE_KIND, "site", frame, (shown, related))
    return related
