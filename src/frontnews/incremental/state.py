"""Everything kept between builds, behind one object: build() asks it questions and tells it the outcome.

Kept in .frontnews-cache/: the build cache (build_cache: the articles with their bodies, the
related lists, the page fingerprints of each output folder, the input files' digests, the last
outcome) and the bodies' HTML beside it (body_store); nothing there is code, or read as code.
Jinja's compiled templates are code: they stay in Jinja's own folder for the user, outside the
site, where a restored cache folder cannot put any (render/templates.make_environment). IncrementalState
opens them; NoState, its null version, knows nothing and keeps nothing (`check`, `schedule`, tests).
Either is used once, as a context manager: on leaving, what the build learnt is saved (unless it
raised) and the cache closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, Self

from ..content.assets import resolve_image, resolve_link
from ..content.config import SiteConfig
from ..content.sources import ListedSource
from ..content.units import UnitTree
from ..diagnostics import Diagnostic
from ..markup.bodies import NO_STORE, Body, BodyStore, still_valid
from ..models import Article, StandingPage
from ..render.change_record import CHANGES_FILE
from ..render.commit_mark import clear_mark, forget_if_interrupted
from ..render.output import Listing, OutputScan
from ..render.publish import Published
from ..site.url_clashes import MOVED_KIND
from ..workers import default_jobs
from .body_store import FOLDER as HTML_FOLDER
from .body_store import HtmlStore
from .build_cache import BuildCache
from .file_digests import CACHE_KIND as FILES_KIND
from .file_digests import FileDigests, Known
from .fingerprints import config_fingerprint
from .records import decode
from .related_cache import CACHE_KIND as RELATED_KIND
from .related_cache import LISTS_KIND, STAMPS_KIND, TEXT_KIND, Related, related_news_ahead
from .up_to_date import Outcome, clock_window, inputs_key, listing_of, previous_outcome, record_outcome, waiting
from .url_history import UrlHistory
from .warm import Warm

ARTICLE_KIND = "article"  # one record per article: (article, diagnostics, body)
FLUSH_RECORDS = 2000  # article records held in memory before they are written
SCAN_AHEAD_PAGES = 5000  # from this many pages, the output folder is listed by another process

Record = tuple[Article | StandingPage | None, list[Diagnostic], Body | None]
MovedBody = tuple[Body, str]


class Report(Protocol):
    """What the state keeps of a build's report (build.BuildReport)."""

    @property
    def articles(self) -> int: ...

    @property
    def pages(self) -> int: ...

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]: ...

    @property
    def ok(self) -> bool: ...


class State:
    """What a build asks of the state between builds and tells it, answered here as for a first
    build that keeps nothing: NoState. IncrementalState answers from the cache."""

    notice: str | None = None  # e.g. the cache was unreadable and is rebuilt
    keeps_bytecode = False  # Jinja keeps compiled templates between builds

    def __init__(self) -> None:
        self.file_digests = FileDigests()  # every file read and hashed
        self.body_store: BodyStore = NO_STORE  # bodies' HTML stays with their articles

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        pass

    def up_to_date(self, now: dt.datetime) -> Outcome | None:
        """The last build's outcome if the site is unchanged since: nothing to render or write."""
        return None

    def cached_articles(self, listed: Sequence[ListedSource]) -> dict[str, Record]:
        """By source path, the records of the articles whose bytes are unchanged and still valid."""
        return {}

    def keep_article(self, path: str, digest: str, record: bytes) -> None:
        """Keep an article's record (encoded in the worker that made it) for its file's digest."""

    def moved_body(self, source: str, digest: str) -> tuple[Body, str] | None:
        """The body of an article moved to another address (site.url_clashes), as kept for its digest."""
        return None

    def keep_moved_body(self, source: str, digest: str, body: tuple[Body, str]) -> None:
        """Keep the body of a moved article for its digest."""

    def remember_urls(self, urls: UrlHistory) -> None:
        """Keep the published articles' addresses: the next build warns of those that moved."""

    def related_lists(
        self, articles: Sequence[Article], units: UnitTree, config: SiteConfig, jobs: int | None
    ) -> Callable[[], Related]:
        """The related lists, as a function to call when they are needed (related_cache)."""
        return related_news_ahead(articles, units, config, None, jobs)

    def loaded(
        self,
        articles: Sequence[Article],
        published: Sequence[Article],
        now: dt.datetime,
        pages: Sequence[StandingPage] = (),
    ) -> None:
        """Learn what the build read (drafts and future articles too, and every standing page), what it
        publishes, and when."""

    def previous_fingerprints(self) -> dict[str, str]:
        """By output path, the fingerprints of the pages in the output folder: the others must render."""
        return {}

    def output_listing(self) -> Callable[[], Listing] | None:
        """The output folder's listing, if it is being taken ahead."""
        return None

    def record(self, done: Published, report: Report) -> None:
        """Keep what the build published: its pages' fingerprints, its records, its outcome."""


class NoState(State):
    """Nothing remembered, nothing kept, every page rendered: `check`, `schedule`, `related`, tests."""


class IncrementalState(State):
    """The state kept in the site's .frontnews-cache/ for builds into the output folder `out`.

    `settings` are the build's options that change its output or report (drafts, strict, …).
    With `warm` (`serve`), the articles' records are kept in memory between builds too (warm.py).
    """

    def __init__(self, root: Path, out: Path, settings: str, warm: Warm | None = None) -> None:
        self.root, self.out = root, out.resolve()
        self.cache = BuildCache(root, config_fingerprint(root))
        forget_if_interrupted(self.cache, root, self.out)  # a commit was stopped midway: render every page
        self.warm = warm
        if warm is not None:
            warm.open(self.cache.key)
        self.notice = self.cache.notice
        self.file_digests = FileDigests(self.cache.get(FILES_KIND, "inputs", "-", Known))
        self.body_store = self.html = HtmlStore(self.cache.path.parent / HTML_FOLDER)
        self.keeps_bytecode = True
        self.settings = repr((self.cache.key, settings, str(self.out)))
        self.scanning = OutputScan(self.out, ahead=self.cache.page_count(self.out) >= SCAN_AHEAD_PAGES)
        self.inputs: str | None = None  # the fingerprint of every input file, with the settings
        self.kept: dict[str, set[str]] = {}  # by kind, the paths whose records stay
        self.window: tuple[dt.datetime | None, dt.datetime | None] = (None, None)
        self.waiting: tuple[tuple[str, dt.datetime], ...] = ()  # what FN115 may name within the window
        self.now: dt.datetime | None = None
        self.previous: dict[str, str] = {}
        self.committed = False  # the output holds this build, and its fingerprints are to be saved

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Save what this build learnt (the input files' digests, whatever its outcome); close.

        Once a commit's fingerprints are saved, the cache describes the output again: its commit
        mark (render/commit_mark) goes.
        """
        self.scanning.close()
        if kind is None:
            if self.file_digests.changed():
                self.cache.put(FILES_KIND, "inputs", "-", self.file_digests.seen)
            self.cache.save({}, None, {})
            if self.committed and not self.cache.failed:
                clear_mark(self.root, self.out)
        self.cache.close()

    def up_to_date(self, now: dt.datetime) -> Outcome | None:
        if self.warm is not None:  # `serve` rebuilds when it saw a change: walking every input would not pay
            return None
        self.inputs = inputs_key(self.root, self.out, self.settings, self.file_digests)
        return previous_outcome(self.cache, self.inputs, self.out, now, self.root, self.scanning.result)

    def cached_articles(self, listed: Sequence[ListedSource]) -> dict[str, Record]:
        found: dict[str, Record] = {}
        warm = self.warm
        # Only the few records memory lacks are read then: not the whole kind at once.
        stored = self.cache.get_one if warm is not None and warm.records else self.cache.get
        for source in listed:
            record = warm.get(source.path, source.digest) if warm is not None else None
            if record is None:
                record = stored(ARTICLE_KIND, source.path, source.digest, Record)
            if record is None:
                continue
            image = _files_found(record[0], self.root)
            if image == "same" and still_valid(record[2], self.root):
                found[source.path] = record
                if warm is not None:
                    warm.keep(source.path, source.digest, record)
            elif image == "moved":  # parsed again, but the pages showing it know it by its digest alone
                self.cache.forget_pages()
        return found

    def keep_article(self, path: str, digest: str, record: bytes) -> None:
        self.cache.put_encoded(ARTICLE_KIND, path, digest, record)
        if self.warm is not None:
            self.warm.keep(path, digest, decode(record, Record))
        if len(self.cache.pending) >= FLUSH_RECORDS:
            self.cache.flush()

    def moved_body(self, source: str, digest: str) -> tuple[Body, str] | None:
        body: MovedBody | None = self.cache.get_one(MOVED_KIND, source, digest, MovedBody)
        return body

    def keep_moved_body(self, source: str, digest: str, body: tuple[Body, str]) -> None:
        self.cache.put(MOVED_KIND, source, digest, body)

    def remember_urls(self, urls: UrlHistory) -> None:
        urls.remember(self.cache)

    def related_lists(
        self, articles: Sequence[Article], units: UnitTree, config: SiteConfig, jobs: int | None
    ) -> Callable[[], Related]:
        """Lists an edit changed are remade by another process (when there are cores for it) while
        the build goes on. Calling the function puts the lists into the cache's pending records,
        saved by `record` with the rest."""
        return related_news_ahead(articles, units, config, self.cache, jobs, fork=(jobs or default_jobs()) > 1)

    def loaded(
        self,
        articles: Sequence[Article],
        published: Sequence[Article],
        now: dt.datetime,
        pages: Sequence[StandingPage] = (),
    ) -> None:
        self.kept = {
            ARTICLE_KIND: {a.source for a in articles} | {p.source for p in pages},
            RELATED_KIND: {"site"},
            LISTS_KIND: {"site"},
            TEXT_KIND: {"site"},
            STAMPS_KIND: {a.source for a in published},
            MOVED_KIND: {a.source for a in published},
        }
        self.window, self.now = clock_window(articles, now), now
        self.waiting = waiting(articles, now, self.window[1])
        if self.warm is not None:
            self.warm.only(self.kept[ARTICLE_KIND])

    def previous_fingerprints(self) -> dict[str, str]:
        self.previous = self.cache.page_fingerprints(self.out)
        return self.previous

    def output_listing(self) -> Callable[[], Listing] | None:
        return self.scanning.result

    def record(self, done: Published, report: Report) -> None:
        if not done.problems:  # the output was swapped in
            self.committed = True
            changed = done.fingerprints != self.previous
            removed = self.cache.save(self.kept, self.out if changed else None, done.fingerprints)  # else kept
            self.html.remove(removed.get(ARTICLE_KIND, ()))
        if report.ok and self.now is not None:
            # The output now holds what the build staged and its record of changes: no need to list it again.
            since, until = self.window
            timeless = tuple(d for d in report.diagnostics if d.code != "FN115")  # made again for each clock
            outcome = Outcome(
                since,
                until,
                listing_of(done.files | {CHANGES_FILE}),
                report.articles,
                report.pages,
                done.written + done.reused,
                timeless,
                self.waiting,
                getattr(self.now.tzinfo, "key", None),
            )
            record_outcome(self.cache, self.inputs, self.out, outcome, self.now)


def _files_found(article: Article | StandingPage | None, root: Path) -> str:
    """Its lead image, then a document's file: "same", "moved" or "gone" (see _lead_image)."""
    image = _lead_image(article, root)
    document = getattr(article, "document", None)
    if image != "same" or document is None:
        return image
    resolved = resolve_link(document.file, article.source, article.url, root)  # type: ignore[union-attr]
    if resolved.code or (resolved.asset is None and resolved.source is None):
        return "gone"
    return "same" if resolved.url == document.url else "moved"


def _lead_image(article: Article | StandingPage | None, root: Path) -> str:
    """A cached article is only as good as its lead image: found where it was ("same"), now found
    in another place ("moved": beside the article or in static/), or "gone"."""
    if article is None or article.image is None:
        return "same"
    resolved = resolve_image(article.image.src, article.source, article.url, root)
    return "gone" if resolved.code else "same" if resolved.url == article.image.url else "moved"
