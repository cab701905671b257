"""The whole pipeline as one story: read, validate, plan, render, then publish atomically."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import pickle
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Mapping, Sequence

from .articles import parse_article
from .assets import resolve_image
from .bodies import Body, assemble, render_body, still_valid
from .cache import BuildCache, fingerprint, pickled
from .changes import CHANGES_FILE, read_record, record_changes
from .config import CONFIG_FILE, SiteConfig, load_config
from .diagnostics import Diagnostic, diag, sort_key
from .filedigests import CACHE_KIND as FILES_KIND, FileDigests
from .frontmatter import split
from .htmlstore import FOLDER as HTML_FOLDER, HtmlStore
from .indexes import build_index
from .models import Article, changed_article
from .navigation import plan_menu
from .output import OutputScan
from .pages import page_clashes, plan_pages
from .parallel import default_jobs, run_chunks
from .publish import Progress, Published, publish
from .relatedcache import CACHE_KIND as RELATED_KIND, STAMPS_KIND, related_news_ahead
from .schedule import near_future_warnings
from .sources import ListedSource, SourceFile, list_sources
from .templates import make_environment, template_keys, theme_templates
from .terms import terms_of
from .unchanged import Outcome, clock_window, inputs_key, listing_of, previous_outcome, record_outcome
from .units import UNITS_FILE, UnitTree, load_units

OUTPUT_DIR = "public"
FLUSH_RECORDS = 2000  # cache records held in memory before they are written
SCAN_AHEAD_PAGES = 5000  # from this many pages, the output folder is listed by another process


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

    @property
    def out_dir(self) -> Path:
        return self.out if self.out is not None else self.root / OUTPUT_DIR


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
    all_articles: tuple[Article, ...] = ()  # drafts and future ones too
    now: dt.datetime | None = None  # the clock reading that chose `published`
    bodies: Mapping[str, tuple[Body, str | None]] = field(default_factory=dict)  # by source, if rendered


def load_site(options: BuildOptions, cache: BuildCache | None = None, digests: FileDigests | None = None,
              bodies: bool = False) -> tuple[LoadedSite, list[Diagnostic]]:
    """Read and check the whole site; with `bodies`, render the articles' bodies too (see load_articles)."""
    root = options.root
    config, problems = load_config(root)
    if options.base_url:
        config = replace(config, base_url=options.base_url.rstrip("/") + "/")
    units, more = load_units(root)
    problems += more
    articles, more, rendered = load_articles(root, config, units, cache, digests, options.jobs, bodies)
    problems += more
    # The build's only clock read, in the site's time zone as the articles' dates mostly are:
    # datetimes of one tzinfo compare without asking it for their offsets (100,000s of comparisons).
    now = (options.now or dt.datetime.now(config.tz)).astimezone(config.tz)
    published = select_published(articles, options, now)
    problems += near_future_warnings(articles, now, config.tz, root)
    problems += duplicate_urls(published)
    return LoadedSite(config, units, tuple(published), tuple(articles), now, rendered), problems


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    if not options.write:
        return _unfreezing(options, None, None, None, started)
    cache = BuildCache(options.root, site_key(options.root))
    digests = FileDigests(cache.get(FILES_KIND, "inputs", "-"))
    options_key = repr((cache.key, options.drafts, options.future, options.strict, options.preview,
                        options.base_url, str(options.out_dir.resolve())))
    out = options.out_dir.resolve()
    scanning = OutputScan(out, ahead=cache.page_count(out) >= SCAN_AHEAD_PAGES)
    try:
        inputs = inputs_key(options.root, options.out_dir, options_key, digests)
        # Any clock reads the same instant: only comparisons with article dates use it here.
        now = options.now or dt.datetime.now(dt.timezone.utc)
        last = previous_outcome(cache, inputs, out, now, scanning.result)
        if last is not None:  # nothing changed: the full build would render and write nothing
            _remember(cache, digests)
            cache.save({}, None, {})
            return BuildReport(last.articles, last.pages, 0, last.diagnostics, time.perf_counter() - started,
                               options.strict, 0, last.reused, None)
        return _unfreezing(options, cache, digests, inputs, started, scanning)
    finally:
        scanning.close()


def _remember(cache: BuildCache, digests: FileDigests | None) -> None:
    """Keep the input files' digests for the next build, whatever this one's outcome (saved with the cache)."""
    if digests is not None and digests.changed():
        cache.put(FILES_KIND, "inputs", "-", digests.seen)


def _unfreezing(options: BuildOptions, cache: BuildCache | None, digests: FileDigests | None,
                inputs: str | None, started: float, scanning: OutputScan | None = None) -> BuildReport:
    collecting = gc.isenabled()
    try:
        return _build(options, cache, digests, inputs, started, scanning)
    finally:
        gc.unfreeze()  # what the build froze may be collected again (`serve` builds many times)
        if collecting:
            gc.enable()


def _build(options: BuildOptions, cache: BuildCache | None, digests: FileDigests | None, inputs: str | None,
           started: float, scanning: OutputScan | None) -> BuildReport:
    root = options.root
    # Until the pages are planned, nearly every object made lives as long as the build: the
    # collector's passes would free nothing and took 40% of planning. Workers collect as usual.
    gc.disable()
    site, problems = load_site(options, cache, digests, bodies=True)
    # The articles, and later the planned pages, live as long as the build: exempt them from the
    # collector's full passes, which cost a second at 10,000 articles and free nothing. Freezing
    # before the worker processes fork also keeps their copy-on-write pages shared.
    gc.freeze()
    config, units, published = site.config, site.units, site.published
    all_sources = {a.source for a in site.all_articles}
    published_sources = {a.source for a in published}
    since, until = clock_window(site.all_articles, site.now)
    now = site.now
    bodies = assemble(published, site.bodies, _html_store(cache), root, config.unsafe_html)
    del site
    problems += bodies.problems
    # Lists an edit changed are remade by another process (when there are cores for it) while
    # the index is built and the pages that show no list are planned: plan_pages calls `related`.
    related = related_news_ahead(published, units, config, cache, options.jobs,
                                 fork=(options.jobs or default_jobs()) > 1)
    index = build_index(published)
    menu, more = plan_menu(config, units, index)
    problems += more
    pages = plan_pages(config, index, related, bodies.html, units, menu)
    problems += page_clashes(pages)
    gc.freeze()
    gc.enable()  # rendering makes short-lived cycles (Jinja contexts), in one process or in workers

    def report(done: Published = Published()) -> BuildReport:
        found = tuple(sorted(problems + list(done.problems), key=sort_key))
        return BuildReport(len(published), len(pages), done.written, found, time.perf_counter() - started,
                           options.strict, done.rendered, done.reused, cache.notice if cache else None)

    if any(p.is_error for p in problems) or (options.strict and problems):
        if cache:
            _remember(cache, digests)
            cache.save({}, None, {})
        return report()
    env = make_environment(root, config, units.units, preview=options.preview,
                           bytecode_dir=cache.path.parent / "jinja" if cache else None)
    # Each page's fingerprint holds its template set's digest: a template edit renders only its pages.
    key = fingerprint(repr(config), repr(units), str(options.preview))
    templates = template_keys(env, {page.template for page in pages if page.renderer is None},
                              partial(templates_key, root))  # all templates: read only if needed
    keys = {page.template: fingerprint(key, templates.get(page.template, "")) for page in pages}
    out = options.out_dir.resolve()
    previous = cache.page_fingerprints(out) if cache else {}
    record = read_record(options.out_dir) if options.write else None  # the swap removes it
    done = publish(pages, bodies.assets, env, root, options.out_dir if options.write else None, keys, previous,
                   options.jobs, options.progress, scanning.result if scanning else None)
    if options.write and not done.problems:
        done = replace(done, problems=tuple(record_changes(options.out_dir, done.changes, config.base_url, record)))
    if cache and not done.problems:
        removed = cache.save({"article": all_sources, RELATED_KIND: {"site"}, STAMPS_KIND: published_sources},
                             out if done.fingerprints != previous else None, done.fingerprints)  # unchanged: kept
        _html_store(cache).remove(removed.get("article", ()))
    final = report(done)
    if cache and final.ok:
        # The output now holds what the build staged and its record of changes: no need to list it again.
        outcome = Outcome(since, until, listing_of(done.files | {CHANGES_FILE}), final.articles, final.pages,
                          done.written + done.reused, final.diagnostics)
        record_outcome(cache, inputs, out, outcome, now)
    if cache:
        _remember(cache, digests)
        cache.save({}, None, {})
    return final


def site_key(root: Path) -> str:
    """What every cached article depends on: the config and the units."""
    return fingerprint(*(_read(root / name) for name in (CONFIG_FILE, UNITS_FILE)))


def templates_key(root: Path) -> str:
    """Names and bytes of every template a page may use, the site's over the theme's."""
    parts = []
    for folder in (root / "templates", theme_templates()):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    parts += [file.relative_to(folder).as_posix(), _read(file)]
    return fingerprint(parts)


def _read(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def load_articles(root: Path, config: SiteConfig, units: UnitTree, cache: BuildCache | None = None,
                  digests: FileDigests | None = None, jobs: int | None = 1,
                  bodies: bool = False) -> tuple[list[Article], list[Diagnostic], dict[str, tuple[Body, str | None]]]:
    """Cached articles as they were; the others read, parsed and checked in `jobs` processes.

    With `bodies`, each worker renders the body of what it parsed (build needs them; `schedule` does
    not): a file is read once, and an article is cached with its body as one record. Returns the
    articles, their problems, and by source each body with its HTML (None: in the cache's store).
    """
    listed = list_sources(root, digests)
    store = _html_store(cache)
    loaded: dict[str, tuple[Article | None, list[Diagnostic], Body | None, str | None]] = {}
    for source in listed:
        cached = cache.get("article", source.path, source.digest) if cache and bodies else None
        if cached is not None and _images_exist(cached[0], root) and still_valid(cached[2], root):
            loaded[source.path] = (*cached, None)
    todo = [source for source in listed if source.path not in loaded]

    def work(chunk: Sequence[ListedSource]) -> list[tuple[str, str, bytes, str | None, bool]]:
        """Only here is a file read and decoded: a cached article is valid for these very bytes.

        Each article travels back as its cache record, (article, diagnostics, body) pickled once,
        which the parent loads and stores as it is; without its Markdown, and with its HTML only
        when the cache's store could not keep it.
        """
        done = []
        for listed in chunk:
            source = listed.read()
            article, found = parse_source(source, config, units, root)
            body, html, cacheable = None, None, False
            if article is not None and bodies:
                valid = not any(p.is_error for p in found)  # else its HTML is not stored: it is not cached
                article, body, html, cacheable = render_body(article, root, config.unsafe_html, store if valid else None)
            elif article is not None:
                article = changed_article(article, body=None)
            done.append((source.path, source.digest, pickled((article, found, body)), html, cacheable))
        return done

    for results in run_chunks(work, todo, jobs):
        for path, digest, record, html, cacheable in results:
            loaded[path] = (*pickle.loads(record), html)
            if cache and cacheable:
                cache.put_pickled("article", path, digest, record)
        if cache and len(cache.pending) >= FLUSH_RECORDS:
            cache.flush()
    articles: list[Article] = []
    problems: list[Diagnostic] = []
    rendered: dict[str, tuple[Body, str | None]] = {}
    for source in listed:
        article, found, body, html = loaded[source.path]
        problems += found
        if article is not None:
            articles.append(article)
            if body is not None:
                rendered[article.source] = (body, html)
    return articles, problems, rendered


def _html_store(cache: BuildCache | None) -> HtmlStore | None:
    return HtmlStore(cache.path.parent / HTML_FOLDER) if cache else None


def parse_source(source: SourceFile, config: SiteConfig, units: UnitTree,
                 root: Path) -> tuple[Article | None, list[Diagnostic]]:
    text, problem = source.decode()
    if text is None:
        return None, [problem]
    front, found = split(text, source.path)
    if front is None:
        return None, found
    article, found = parse_article(source, front, config, units, root)
    if article is not None:  # its words for related news, while the body is at hand
        article = changed_article(article, terms=terms_of(article.title, article.body or ""))
    return article, found


def _images_exist(article: Article, root: Path) -> bool:
    """A cached article is only as good as the lead image it points to."""
    image = article.image
    return image is None or resolve_image(image.src, article.source, article.url, root).code is None


def select_published(articles: Sequence[Article], options: BuildOptions, now: dt.datetime) -> list[Article]:
    """Drafts and future articles stay out unless asked for."""
    return [a for a in articles
            if (options.drafts or not a.draft) and (options.future or a.published <= now)]


def duplicate_urls(articles: Sequence[Article]) -> list[Diagnostic]:
    """Two files on one URL is an error in both files, never a silent overwrite."""
    first: dict[str, Article] = {}
    problems: list[Diagnostic] = []
    for article in sorted(articles, key=lambda a: a.source):
        other = first.setdefault(article.url, article)
        if other is not article:
            problems.append(diag("FN109", article.source, 2, url=article.url, other=other.source))
            problems.append(diag("FN109", other.source, 2, url=article.url, other=article.source))
    return problems
