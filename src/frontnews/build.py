"""The whole pipeline as one story: read, validate, plan, render, then publish atomically."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .articles import parse_article
from .bodies import render_bodies
from .config import SiteConfig, load_config
from .diagnostics import Diagnostic, diag, sort_key
from .frontmatter import split
from .indexes import build_index
from .models import Article
from .output import Staging, UnsafePath
from .pages import Page, plan_pages
from .related import find_related
from .render import render_page
from .sources import find_sources
from .templates import make_environment, theme_static
from .units import UnitTree, load_units

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


def load_site(options: BuildOptions) -> tuple[LoadedSite, list[Diagnostic]]:
    root = options.root
    config, problems = load_config(root)
    units, more = load_units(root)
    problems += more
    articles, more = load_articles(root, config, units)
    problems += more
    published = select_published(articles, options, config)
    problems += duplicate_urls(published)
    return LoadedSite(config, units, tuple(published)), problems


def build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    root = options.root
    site, problems = load_site(options)
    config, units, published = site.config, site.units, site.published
    bodies = render_bodies(published, config, root)
    problems += bodies.problems
    published = bodies.articles
    index = build_index(published)
    related = find_related(index.articles, units.units, config.related_weights, config.related_count)
    pages = plan_pages(config, index, related, bodies.html, units)

    def report(written: int = 0, extra: Sequence[Diagnostic] = ()) -> BuildReport:
        found = tuple(sorted(problems + list(extra), key=sort_key))
        return BuildReport(len(published), len(pages), written, found, time.perf_counter() - started, options.strict)

    if any(p.is_error for p in problems) or (options.strict and problems):
        return report()
    env = make_environment(root, config, units.units, preview=options.preview)
    written, failures = publish(pages, bodies.assets, env, root, options)
    return report(written, failures)


def load_articles(root: Path, config: SiteConfig, units: UnitTree) -> tuple[list[Article], list[Diagnostic]]:
    sources, problems = find_sources(root)
    articles: list[Article] = []
    for source in sources:
        front, found = split(source.text, source.path)
        problems += found
        if front is None:
            continue
        article, found = parse_article(source, front, config, units, root)
        problems += found
        if article is not None:
            articles.append(article)
    return articles, problems


def select_published(articles: Sequence[Article], options: BuildOptions, config: SiteConfig) -> list[Article]:
    """Drafts and future articles stay out unless asked for."""
    now = options.now or dt.datetime.now(config.tz)  # the build's only clock read
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


def publish(pages: Sequence[Page], assets, env, root: Path, options: BuildOptions) -> tuple[int, list[Diagnostic]]:
    """Render everything; swap the staged site in only if no page failed."""
    rendered: list[tuple[str, bytes]] = []
    failures: list[Diagnostic] = []
    for page in pages:
        html, problem = render_page(page, env)
        if problem:
            failures.append(problem)
        else:
            rendered.append((page.output_path, html))
    if failures or not options.write:
        return 0, sorted(set(failures), key=sort_key)
    staging = Staging(options.out_dir)
    try:
        for relative, data in rendered:
            staging.write(relative, data)
        for asset in assets:
            staging.copy(root / asset.source, asset.output_path)
        for source, relative in static_files(root):
            staging.copy(source, relative)
        staging.commit()
    except UnsafePath as exc:
        staging.discard()
        return 0, [diag("FN302", str(options.out_dir), 0, value=str(exc))]
    except OSError as exc:
        staging.discard()
        return 0, [diag("FN303", str(options.out_dir), 0, detail=str(exc))]
    return len(staging.written), []


def static_files(root: Path) -> list[tuple[Path, str]]:
    """The theme's static files, then the site's, which win on the same path."""
    files: dict[str, Path] = {}
    for folder in (theme_static(), root / "static"):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file() and not file.name.startswith("."):
                    files["static/" + file.relative_to(folder).as_posix()] = file
    return [(files[k], k) for k in sorted(files)]
