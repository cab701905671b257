"""The whole pipeline as one story: read, validate, plan, render, then publish atomically."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from jinja2 import Environment

from .content.config import SiteConfig, load_config
from .content.limits import output_name_problems
from .content.schedule import near_future_warnings, select_published
from .content.sections import Section, site_sections
from .content.site_files import site_folder_problems
from .content.site_unit import site_unit_problems
from .content.units import UnitTree, load_units
from .diagnostics import Diagnostic, sort_key
from .incremental.fingerprints import page_fingerprints, template_bases
from .incremental.loading import Bodies, load_articles
from .incremental.state import IncrementalState, NoState, State
from .incremental.url_history import UrlHistory
from .incremental.warm import Warm
from .markup.bodies import assemble
from .media.photos import PHOTO_DIR, prepare_photos
from .models import Article, Asset, StandingPage
from .paths import CACHE_DIR, OUTPUT_DIR
from .render.leftovers import claim_preview
from .render.link_check import unreached_links
from .render.output_folder import refuse_output
from .render.pagefind_run import pagefind_stamp
from .render.publish import Progress, Published, StageMore, publish
from .render.search_index import ARTICLE_TEMPLATE, SearchStep
from .render.site_lock import SiteLock
from .render.templates import make_environment
from .site.indexes import build_index
from .site.navigation import plan_menu
from .site.people import identify_people, topic_spellings
from .site.planner import Page, page_clashes, plan_pages
from .site.redirects import alias_problems
from .site.url_clashes import place_articles, rendered_again
from .workers import WorkerLost, collector_paused


@dataclass(frozen=True, slots=True)
class BuildOptions:
    root: Path
    out: Path | None = None  # default: <root>/public
    drafts: bool = False
    future: bool = False
    strict: bool = False
    now: dt.datetime | None = None  # fixed "now" for reproducible builds
    write: bool = True  # False for `frontnews check`
    preview: bool = False
    jobs: int | None = None  # worker processes; None: one per core, 1: no pool
    progress: Progress | None = field(default=None, compare=False)  # called as pages render
    base_url: str | None = None  # overrides frontnews.yaml, e.g. for a preview deployment
    warm: Warm | None = field(default=None, compare=False)  # kept in memory between builds (`serve`)

    @property
    def out_dir(self) -> Path:
        return self.out if self.out is not None else self.root / OUTPUT_DIR

    @property
    def settings(self) -> str:
        """The options that change a build's output or report (`now` only through the articles it publishes)."""
        return repr((self.drafts, self.future, self.strict, self.preview, self.base_url))


@dataclass(frozen=True, slots=True)
class BuildReport:
    articles: int = 0
    pages: int = 0
    written: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0
    strict: bool = field(default=False, repr=False)
    rendered: int = 0  # pages rendered; the others were unchanged and reused
    reused: int = 0  # output files taken unchanged from the previous build
    notice: str | None = None  # e.g. the build cache was unreadable and rebuilt

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)

    @property
    def ok(self) -> bool:
        return not self.errors and not (self.strict and self.warnings)


@dataclass(frozen=True, slots=True)
class LoadedSite:
    """Everything read and validated, before any page is planned."""

    config: SiteConfig
    units: UnitTree
    published: tuple[Article, ...]
    all_articles: tuple[Article, ...]  # drafts and future ones too
    now: dt.datetime  # the clock reading that chose `published`
    bodies: Bodies  # by source, if rendered
    sections: tuple[Section, ...] = ()  # in the order of the menu
    pages: tuple[StandingPage, ...] = ()  # the standing pages published
    all_pages: tuple[StandingPage, ...] = ()  # drafts too


def load_site(options: BuildOptions, state: State, bodies: bool = False) -> tuple[LoadedSite, list[Diagnostic]]:
    """Read and check the whole site; with `bodies`, render the articles' bodies too (see load_articles)."""
    root = options.root
    config, problems = load_config(root)
    if options.base_url:
        config = replace(config, base_url=options.base_url.rstrip("/") + "/")
    units, more = load_units(root)
    problems += more + site_unit_problems(config, units) + site_folder_problems(root)
    loaded, more, rendered = load_articles(root, config, units, state, options.jobs, bodies)
    problems += more
    articles = [item for item in loaded if type(item) is Article]
    all_pages = tuple(item for item in loaded if type(item) is StandingPage)
    # The build's only clock read, in the site's time zone as the articles' dates mostly are:
    # datetimes of one tzinfo compare without asking it for their offsets (a comparison per article).
    now = (options.now or dt.datetime.now(config.tz)).astimezone(config.tz)
    problems += near_future_warnings(articles, now, config.tz, root)
    published, more, moved = place_articles(
        select_published(articles, now, options.drafts, options.future), config, units, root
    )
    if moved and bodies:
        rendered.update(rendered_again(published, moved, root, config.unsafe_html, state))
    published, found = identify_people(published, root)
    problems += more + found + topic_spellings(published, root)
    sections, more = site_sections(config, (a.source for a in published))
    pages = tuple(p for p in all_pages if options.drafts or not p.draft)
    return LoadedSite(
        config, units, tuple(published), tuple(articles), now, rendered, sections, pages, all_pages
    ), problems + more


def build(options: BuildOptions) -> BuildReport:
    """One build of a site at a time (render/site_lock), and never into a folder it must not touch."""
    if not options.write:
        return _build_once(options)
    with SiteLock(options.root) as lock:
        refused = lock.problems or refuse_output(options.root, options.out_dir)
        if options.preview and not refused:
            claim_preview(options.out_dir)
        return BuildReport(diagnostics=tuple(refused), strict=options.strict) if refused else _build_once(options)


def _build_once(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    try:
        # `check` writes no site: it keeps nothing between builds, and every page renders.
        # The Pagefind at hand is a setting too: one installed after a build without it makes the index due.
        settings = options.settings + pagefind_stamp()
        with (
            IncrementalState(options.root, options.out_dir, settings, options.warm) if options.write else NoState()
        ) as state:
            # Any clock reads the same instant: only comparisons with article dates use it here.
            last = state.up_to_date(options.now or dt.datetime.now(dt.UTC))
            # Nothing changed: the full build would render and write nothing (with --strict, a
            # warning of the clock's, FN115, stops it before it writes: the long way reports that).
            if last is not None and not (options.strict and last.diagnostics):
                return BuildReport(
                    last.articles,
                    last.pages,
                    0,
                    last.diagnostics,
                    time.perf_counter() - started,
                    options.strict,
                    0,
                    last.reused,
                )
            with collector_paused():
                return _build(options, state, started)
    except WorkerLost as lost:  # a worker killed (out of memory): FN330, never a hang; nothing is kept
        return BuildReport(
            diagnostics=(lost.diagnostic(),), seconds=time.perf_counter() - started, strict=options.strict
        )


def _build(options: BuildOptions, state: State, started: float) -> BuildReport:
    site, problems = load_site(options, state, bodies=True)
    gc.freeze()  # the articles live as long as the build (collector_paused)
    state.loaded(site.all_articles, site.published, site.now, site.all_pages)
    config, units, published, now = site.config, site.units, site.published, site.now
    sections, standing = site.sections, site.pages
    bodies = assemble((*published, *standing), site.bodies, state.body_store, options.root, config.unsafe_html)
    photos = prepare_photos(
        (*published, *standing), bodies, config.images, options.root, options.root / CACHE_DIR / PHOTO_DIR, options.jobs
    )
    bodies, problems = photos.bodies, problems + list(photos.problems)
    urls = UrlHistory.read(options.root, published, site.now)  # the addresses readers had last time
    del site  # the bodies' HTML is in `bodies` now: not twice in memory
    problems += urls.warnings(published, options.root)
    problems += bodies.problems
    related = state.related_lists(published, units, config, options.jobs)  # the planner calls it
    index = build_index(published, now)  # the clock decides which pins hold
    menu, more = plan_menu(config, units, index, sections, standing)
    problems += more
    pages = plan_pages(config, index, related, bodies.html, units, menu, bodies.inputs, sections, standing)
    problems += page_clashes(pages) + alias_problems(index.articles, pages)
    problems += output_name_problems(((page.url, page.output_path) for page in pages), problems)
    problems += unreached_links(bodies.links, pages, bodies.assets, options.root)
    search = SearchStep(config, index.articles, now, bodies.inputs, write=options.write, defer=options.preview)
    problems += search.problems  # no Pagefind to run: said once, and the pages are built
    gc.freeze()  # the planned pages too
    gc.enable()  # rendering makes short-lived cycles (Jinja contexts), in one process or in workers
    if any(p.is_error for p in problems) or (options.strict and problems):
        return _report(options, state, started, len(published), pages, problems, Published())
    env = make_environment(
        options.root, config, units.units, options.preview, state.keeps_bytecode, photos=photos.renditions
    )
    bases = template_bases(pages, env, config, units, options.preview, options.root)
    fingerprints = page_fingerprints(pages, bases)
    stage_search = partial(search.stage, site=bases.get(ARTICLE_TEMPLATE, "-"))
    done = _publish(options, pages, bodies.assets, env, fingerprints, state, config.base_url, stage_search)
    report = _report(options, state, started, len(published), pages, problems, done)
    state.record(done, report)
    if report.ok and not options.preview:  # what readers got: the next build compares with it
        state.remember_urls(urls)
    return report


def _publish(
    options: BuildOptions,
    pages: Sequence[Page],
    assets: Sequence[Asset],
    env: Environment,
    fingerprints: dict[str, str],
    state: State,
    base_url: str,
    stage_more: StageMore,
) -> Published:
    """Render the pages whose fingerprints changed, stage the search index, and commit them with the
    record of changes.

    `check` renders every page into no folder.
    """
    out = options.out_dir if options.write else None
    return publish(
        pages,
        assets,
        env,
        options.root,
        out,
        fingerprints,
        state.previous_fingerprints(),
        options.jobs,
        options.progress,
        state.output_listing(),
        base_url,
        stage_more,
    )


def _report(
    options: BuildOptions,
    state: State,
    started: float,
    articles: int,
    pages: Sequence[Page],
    problems: list[Diagnostic],
    done: Published,
) -> BuildReport:
    found = tuple(sorted(problems + list(done.problems), key=sort_key))
    return BuildReport(
        articles,
        len(pages),
        done.written,
        found,
        time.perf_counter() - started,
        options.strict,
        done.rendered,
        done.reused,
        state.notice,
    )
