"""Fingerprints of what a build reads: a page whose fingerprint is unchanged reuses last build's file.

A page's fingerprint holds the site's (config, units, preview or not), its template set's (the
templates its pages can render), its URL and the digests of the inputs it declares (Page.inputs):
so an edit renders exactly the pages that show it, and a template edit only the pages of its set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path

from jinja2 import Environment

from ..content.config import SiteConfig
from ..content.units import UnitTree
from ..hashing import file_fingerprint, fingerprint, joined_fingerprint
from ..paths import CONFIG_FILE, TEMPLATES_DIR, THEME_TEMPLATES, UNITS_FILE
from ..render.templates import RENDERED_FROM_PYTHON, template_closure
from ..site.page import Page


def config_fingerprint(root: Path) -> str:
    """What every cached article depends on: the bytes of the config and of the units."""
    return fingerprint(*(file_fingerprint(root / name) for name in (CONFIG_FILE, UNITS_FILE)))


def template_bases(
    pages: Sequence[Page], env: Environment, config: SiteConfig, units: UnitTree, preview: bool, root: Path
) -> dict[str, str]:
    """By template, the site's part of its pages' fingerprints: config, units, preview, template set.

    The search index keys its shards by the article template's (render/search_index.py).
    """
    site = fingerprint(repr(config), repr(units), str(preview))
    templates = {page.template for page in pages}
    sets = template_sets(
        env, {page.template for page in pages if page.renderer is None}, partial(all_templates, root)
    )  # all templates: read only if needed
    return {template: fingerprint(site, sets.get(template, "")) for template in templates}


def page_fingerprints(pages: Sequence[Page], bases: Mapping[str, str]) -> dict[str, str]:
    """Each page's fingerprint, by output path; `bases` from template_bases."""
    # Made for every page of every build: joined in C (the inputs are names, URLs and hex digests).
    return {
        page.output_path: joined_fingerprint((bases[page.template], page.template, page.url, *page.inputs))
        for page in pages
    }


def template_sets(env: Environment, names: Iterable[str], every: Callable[[], str]) -> dict[str, str]:
    """By template name, a fingerprint of every template its pages can render: its page's template set.

    That is the template's closure and the partials rendered from Python (RENDERED_FROM_PYTHON),
    with theirs; so editing 404.html renders the 404 page again, not the whole site. A template
    whose set cannot be read (`template_closure`) gets `every()`, a fingerprint of all templates.
    """
    names = set(names)
    closures = {start: template_closure(env, start) for start in names | set(RENDERED_FROM_PYTHON)}
    sets: dict[str, str] = {}
    for name in names:
        parts = [closures[start] for start in (name, *RENDERED_FROM_PYTHON)]
        readable = [part for part in parts if part is not None]
        if len(readable) < len(parts):
            sets[name] = every()
            continue
        found = {template: source for part in readable for template, source in part.items()}
        sets[name] = fingerprint([piece for template in sorted(found) for piece in (template, found[template])])
    return sets


def all_templates(root: Path) -> str:
    """Names and bytes of every template a page may use, the site's over the theme's."""
    parts = []
    for folder in (root / TEMPLATES_DIR, THEME_TEMPLATES):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    parts += [file.relative_to(folder).as_posix(), file_fingerprint(file)]
    return fingerprint(parts)
