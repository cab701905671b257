"""The site's articles: each from its cache record while its file is unchanged, else read anew.

A file is read, parsed and (for a build) its body rendered in one worker process: read once. The
article travels back as (article, diagnostics, body) with that record already encoded for the
cache (a worker's work, not the parent's): without its Markdown, and with its HTML only when the
body store could not keep it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..content.config import SiteConfig
from ..content.parsing import parse_source
from ..content.site_files import unreadable
from ..content.sources import ListedSource, list_sources
from ..content.units import UnitTree
from ..diagnostics import Diagnostic
from ..markup.bodies import NO_STORE, Body, render_body
from ..models import Article, StandingPage, lean
from ..workers import run_chunks
from .build_cache import encoded
from .state import Record, State

Bodies = dict[str, tuple[Body, str | None]]  # by source: the body and its HTML (None: in the body store)


def load_articles(
    root: Path, config: SiteConfig, units: UnitTree, state: State, jobs: int | None = 1, bodies: bool = False
) -> tuple[list[Article | StandingPage], list[Diagnostic], Bodies]:
    """Cached articles (and standing pages) as they were; the others read, parsed and checked in `jobs` processes.

    With `bodies`, each worker renders the body of what it parsed (a build needs them; `schedule`
    does not), and an article is cached with its body as one record.
    """
    problems: list[Diagnostic] = []  # files that cannot be read or lead out of content/
    listed = list_sources(root, state.file_digests, problems)
    cached = state.cached_articles(listed) if bodies else {}
    loaded: dict[str, tuple[Article | StandingPage | None, list[Diagnostic], Body | None, str | None]]
    loaded = {path: (*record, None) for path, record in cached.items()}
    todo = [source for source in listed if source.path not in loaded]
    store = state.body_store

    def work(chunk: Sequence[ListedSource]) -> list[tuple[str, str, Record, bytes | None, str | None]]:
        """Only here is a file read and decoded: a cached article is valid for these very bytes."""
        done: list[tuple[str, str, Record, bytes | None, str | None]] = []
        for listed in chunk:
            try:
                source = listed.read()
            except OSError as exc:  # gone or made unreadable since it was listed: reported, never cached
                done.append((listed.path, listed.digest, (None, [unreadable(listed.path, exc)], None), None, None))
                continue
            article, found = parse_source(source, config, units, root)
            body, html, cacheable = None, None, False
            if article is not None and bodies:
                valid = not any(p.is_error for p in found)  # else its HTML is not stored: it is not cached
                article, body, html, cacheable = render_body(
                    article, root, config.unsafe_html, store if valid else NO_STORE
                )
            elif article is not None:
                article = lean(article, body=None)
            record = (article, found, body)
            done.append((source.path, source.digest, record, encoded(record) if cacheable else None, html))
        return done

    for results in run_chunks(work, todo, jobs):
        for path, digest, record, data, html in results:
            loaded[path] = (*record, html)
            if data is not None:
                state.keep_article(path, digest, data)
    articles: list[Article | StandingPage] = []
    rendered: Bodies = {}
    for source in listed:
        article, found, body, html = loaded[source.path]
        problems += found
        if article is not None:
            articles.append(article)
            if body is not None:
                rendered[article.source] = (body, html)
    return articles, problems, rendered
