"""The site's articles: each from its cache record while its file is unchanged, else read anew.

A file is read, parsed and (for a build) its body rendered in one worker process: read once. The
article travels back as its cache record, (article, diagnostics, body) pickled once, which the
parent loads and keeps as it is: without its Markdown, and with its HTML only when the body
store could not keep it.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path

from ..content.config import SiteConfig
from ..content.parsing import parse_source
from ..content.sources import ListedSource, list_sources
from ..content.units import UnitTree
from ..diagnostics import Diagnostic
from ..markup.bodies import NO_STORE, Body, render_body
from ..models import Article, StandingPage, lean
from ..workers import run_chunks
from .build_cache import pickled
from .state import State

Bodies = dict[str, tuple[Body, str | None]]  # by source: the body and its HTML (None: in the body store)


def load_articles(root: Path, config: SiteConfig, units: UnitTree, state: State, jobs: int | None = 1,
                  bodies: bool = False) -> tuple[list[Article | StandingPage], list[Diagnostic], Bodies]:
    """Cached articles (and standing pages) as they were; the others read, parsed and checked in `jobs` processes.

    With `bodies`, each worker renders the body of what it parsed (a build needs them; `schedule`
    does not), and an article is cached with its body as one record.
    """
    listed = list_sources(root, state.file_digests)
    cached = state.cached_articles(listed) if bodies else {}
    loaded = {path: (*record, None) for path, record in cached.items()}
    todo = [source for source in listed if source.path not in loaded]
    store = state.body_store

    def work(chunk: Sequence[ListedSource]) -> list[tuple[str, str, bytes, str | None, bool]]:
        """Only here is a file read and decoded: a cached article is valid for these very bytes."""
        done = []
        for listed in chunk:
            source = listed.read()
            article, found = parse_source(source, config, units, root)
            body, html, cacheable = None, None, False
            if article is not None and bodies:
                valid = not any(p.is_error for p in found)  # else its HTML is not stored: it is not cached
                article, body, html, cacheable = render_body(article, root, config.unsafe_html,
                                                             store if valid else NO_STORE)
            elif article is not None:
                article = lean(article, body=None)
            done.append((source.path, source.digest, pickled((article, found, body)), html, cacheable))
        return done

    for results in run_chunks(work, todo, jobs):
        for path, digest, record, html, cacheable in results:
            loaded[path] = (*pickle.loads(record), html)
            if cacheable:
                state.keep_article(path, digest, record)
    articles: list[Article | StandingPage] = []
    problems: list[Diagnostic] = []
    rendered: Bodies = {}
    for source in listed:
        article, found, body, html = loaded[source.path]
        problems += found
        if article is not None:
            articles.append(article)
            if body is not None:
                rendered[article.source] = (body, html)
    return articles, problems, rendered
