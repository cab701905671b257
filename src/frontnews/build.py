"""The whole pipeline as one story: read, validate, plan, render, then publish atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from .articles import parse_article
from .assets import resolve_image
from .bodies import render_bodies
from .cache import BuildCache, fingerprint
from .changes import read_record, record_changes
from .config import CONFIG_FILE, SiteConfig, load_config
from .diagnostics import Diagnostic, diag, sort_key
from .frontmatter import split
from .indexes import build_index
from .models import Article
from .navigation import plan_menu
from .pages import page_clashes, plan_pages
from .publish import Progress, Published, publish
from .related import find_related
from .schedule import near_future_warnings
from .sources import find_sources
from .templates import make_environment, theme_templates
from .units import UNITS_FILE, UnitTree, load_units

OUTPUT_DIR = "public"


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


def load_site(options: BuildOptions, cache: BuildCache | None = None) -> tuple[LoadedSite, list[Diagnostic]]:
    root = options.root
    config, problems = load_config(root)
    if options.base_url:
        config = replace(config, base_url=options.base_url.rstrip("/") + "/")
    units, more = load_units(root)
    problems += more
    articles, more = load_articles(root, config, units, cache)
    problems += more
    now = options.now or dt.datetime.now(config.tz)  # the build's only clock read
    published = select_published(articles, options, now)
    problems += near_future_warnings(articles, now, config.tz, root)
    problems += duplicate_urls(published)
    return LoadedSite(config, units, tuple(published), tuple(articles)), problems


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    root = options.root
    cache = BuildCache(root, site_key(root)) if options.write else None
    site, problems = load_site(options, cache)
    config, units, published = site.config, site.units, site.published
    bodies = render_bodies(published, config, root, cache, options.jobs)
    problems += bodies.problems
    published = bodies.articles
    index = build_index(published)
    related = related_news(index.articles, units, config, cache)
    menu, more = plan_menu(config, units, index)
    problems += more
    pages = plan_pages(config, index, related, bodies.html, units, menu)
    problems += page_clashes(pages)

    def report(done: Published = Published()) -> BuildReport:
        found = tuple(sorted(problems + list(done.problems), key=sort_key))
        return BuildReport(len(published), len(pages), done.written, found, time.perf_counter() - started,
                           options.strict, done.rendered, done.reused, cache.notice if cache else None)

    if any(p.is_error for p in problems) or (options.strict and problems):
        return report()
    env = make_environment(root, config, units.units, preview=options.preview)
    key = fingerprint(repr(config), repr(units), templates_key(root), str(options.preview))
    out = options.out_dir.resolve()
    previous = cache.page_fingerprints(out) if cache else {}
    record = read_record(options.out_dir) if options.write else None  # the swap removes it
    done = publish(pages, bodies.assets, env, root, options.out_dir if options.write else None, key, previous,
                   options.jobs, options.progress)
    if options.write and not done.problems:
        done = replace(done, problems=tuple(record_changes(options.out_dir, done.changes, config.base_url, record)))
    if cache and not done.problems:
        sources = {a.source for a in published}
        cache.save({"article": {a.source for a in site.all_articles}, "body": sources, "related": {"site"}},
                   out, done.fingerprints)
    return report(done)


def related_news(articles: Sequence[Article], units: UnitTree, config: SiteConfig,
                 cache: BuildCache | None) -> dict:
    """find_related, skipped when no article's date, unit, tags or people changed (a text edit)."""
    key = fingerprint(repr(config.related_weights), str(config.related_count), repr(units),
                      (repr((a.source, a.published, a.unit, a.tags, a.participants)) for a in articles))
    cached = cache.get("related", "site", key) if cache else None
    if cached is not None:
        return cached
    related = find_related(articles, units.units, config.related_weights, config.related_count)
    if cache:
        cache.put("related", "site", key, related)
    return related


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


def load_articles(root: Path, config: SiteConfig, units: UnitTree,
                  cache: BuildCache | None = None) -> tuple[list[Article], list[Diagnostic]]:
    sources, problems = find_sources(root)
    articles: list[Article] = []
    for source in sources:
        cached = cache.get("article", source.path, source.digest) if cache else None
        if cached is not None and _images_exist(cached[0], root):
            article, found = cached
        else:
            article, found = parse_source(source, config, units, root)
            if cache and article is not None and not any(p.is_error for p in found):
                cache.put("article", source.path, source.digest, (article, found))
        problems += found
        if article is not None:
            articles.append(article)
    return articles, problems


def parse_source(source, config: SiteConfig, units: UnitTree, root: Path) -> tuple[Article | None, list[Diagnostic]]:
    front, found = split(source.text, source.path)
    if front is None:
        return None, found
    return parse_article(source, front, config, units, root)


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
