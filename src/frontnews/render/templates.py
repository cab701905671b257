"""The Jinja environment: the site's own templates over the default theme, safe by default."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    meta,
    pass_context,
)
from jinja2.runtime import Context, missing
from markupsafe import Markup, escape

from .. import __version__
from ..content.config import SiteConfig
from ..hashing import fingerprint
from ..media.names import Rendition
from ..media.picture import picture_filters
from ..paths import TEMPLATES_DIR, THEME_STATIC, THEME_TEMPLATES
from ..site.navigation import SEARCH_URL, person_url, section_url, tag_url, unit_url
from ..site.search_input import folded_copy
from ..site.seo import script_json
from ..vi.dates import format_date, format_iso, format_vi

_THIS_MODULE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # how filters are registered


def theme_templates() -> Path:
    return THEME_TEMPLATES


def theme_static() -> Path:
    return THEME_STATIC


class SiteEnvironment(Environment):
    """The site's Environment, which also encodes its pages: `encode_page` (render.render_page)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.shown: list[str] = []  # the menu a template was given last (partials/menu.html)
        self._encoded: dict[int, tuple[str, bytes]] = {}  # by id of that menu text, which it keeps

    def encode_page(self, html: str) -> bytes:
        """html.encode("utf-8"), without encoding the menu again on every page.

        Encoding Vietnamese text is slow (~60 us a page) and the menu is most of a page. UTF-8 of
        a concatenation is the concatenation of the parts' UTF-8, so when the menu last shown is
        in `html`, only the text around it is encoded. It is found by its first characters and
        then compared whole: a page without that menu is encoded as it is.
        """
        if self.shown:
            menu = self.shown[-1]
            at = html.find(menu[:128])
            if at >= 0 and html.startswith(menu, at):
                found = self._encoded.get(id(menu))
                if found is None or found[0] is not menu:
                    found = self._encoded[id(menu)] = (menu, menu.encode("utf-8"))
                return b"".join((html[:at].encode("utf-8"), found[1], html[at + len(menu) :].encode("utf-8")))
        return html.encode("utf-8")


def make_environment(
    root: Path,
    config: SiteConfig,
    units: dict,
    preview: bool = False,
    keep_bytecode: bool = False,
    photos: Mapping[str, Rendition] | None = None,
) -> Environment:
    """Autoescape and StrictUndefined always: content is untrusted, typos must fail loudly.

    With `keep_bytecode`, compiled templates are kept between builds (Jinja checks each against
    its source): otherwise every process of every build compiles them again. They are kept in
    Jinja's own folder for the user (private to them, checked by Jinja), never in the site's
    .frontnews-cache/: loading compiled code runs it, and a cache folder restored on CI may come
    from anyone who can push. Jinja computes a filter of constants when it compiles
    (`"/" | url`), so compiled templates are kept per config and preview: another base_url
    compiles them again. `photos` are the sizes of the photos by URL (media/photos.py), which the
    photo filters read.
    """
    loaders = [FileSystemLoader(str(root / TEMPLATES_DIR)), FileSystemLoader(str(theme_templates()))]
    bytecode = None
    if keep_bytecode:
        # Compiled code holds more than its template: Jinja folds `{{ "/" | url }}` into the base path when
        # it compiles, and calls each filter as this module registers it. So the files are named for the
        # settings and this frontnews too: another --base-url, or an upgrade, never runs another's code.
        settings = fingerprint(repr(config), str(preview), __version__, _THIS_MODULE)[:16]
        try:
            bytecode = FileSystemBytecodeCache(pattern=f"__frontnews_{settings}_%s.cache")
        except (OSError, RuntimeError):  # no private folder for this user: compiled in memory
            bytecode = None
    env = SiteEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=bytecode,
    )
    base_path = config.base_path

    def url(path: str) -> str:
        return base_path + path if path.startswith("/") else path

    def abs_url(path: str) -> str:
        return config.base_url.rstrip("/") + path if path.startswith("/") else path

    tz = config.tz

    def local(d: dt.date) -> dt.date:
        """Readers see, and <time datetime> gives, the site's time (+07:00), whatever offset was written."""
        return d.astimezone(tz) if isinstance(d, dt.datetime) else d

    def iso(d: dt.datetime) -> str:
        return format_iso(d.astimezone(tz))

    env.filters["script_json"] = script_json  # at render time: planning stays cheap for unchanged pages
    env.filters.update(
        date_vi=_memoized(lambda d: format_vi(local(d))),
        date_short=_memoized(lambda d: format_date(local(d))),
        iso=_memoized(iso),
        url=url,
        abs_url=abs_url,
    )
    env.filters.update(picture_filters(photos or {}, config.images, url))
    env.globals.update(
        site=config,
        units=units,
        preview=preview,
        unit_url=unit_url,
        tag_url=tag_url,
        person_url=person_url,
        section_url=section_url,
        main_menu=_menu_renderer(env),
        search_url=SEARCH_URL,
        folded_copy=folded_copy,
    )
    env.globals["article_card"] = _card_renderer(env, memo=not preview)
    return env


D = TypeVar("D", bound=dt.date)


def _memoized(format_: Callable[[D], str]) -> Callable[[D], str]:
    """A date filter that formats each date object once per process.

    An article's dates are shown on its page, in its card and in other articles' sidebars: the same
    objects, each time converted to the site's time zone and formatted. The memo holds the date
    itself beside its text, so its id is not reused by another object while the memo lives.
    """
    done: dict[int, tuple[D, str]] = {}

    def filter_(d: D) -> str:
        found = done.get(id(d))
        if found is None or found[0] is not d:
            found = done[id(d)] = (d, format_(d))
        return found[1]

    return filter_


MENU = "partials/menu.html"
CURRENT = ' aria-current="page"'


def _menu_renderer(env: Environment, splice: bool = True):
    """Render partials/menu.html once per process, not once per page.

    The menu (every unit, the main topics) is the same on every page except the few whose URL it
    links, which mark their own entry with aria-current. When the menu is the theme's own, in which
    every link is `<a href="{{ x.url | url }}"{% if x.url == page.url %} aria-current="page"{% endif %}>`,
    those pages' menus are the common one with the attribute after their own href (the url filter
    and escaping give different URLs different hrefs); a site's own menu is rendered for each of them.
    """
    rendered: dict[tuple[int, str | None], Markup] = {}
    linked: dict[int, frozenset[str]] = {}
    kept: dict[int, object] = {}  # the menus drawn, so their ids are not reused while the memo lives
    theme_own: list[bool] = []  # decided on the first page, by what the loader resolves

    def render(menu, url: str) -> Markup:
        return Markup(env.get_template(MENU).render(menu=menu, page={"url": url}))  # noqa: S704 - autoescaped

    def main_menu(menu, page_url: str) -> Markup:
        shown = _menu(menu, page_url)
        if isinstance(env, SiteEnvironment):
            env.shown[:] = [shown]
        return shown

    def _menu(menu, page_url: str) -> Markup:
        if id(menu) not in linked:
            kept[id(menu)] = menu  # each unit's pages have their menu: held, so no other takes its id
            linked[id(menu)] = _menu_urls(menu)
        current = page_url if page_url in linked[id(menu)] else None
        key = (id(menu), current)
        if key in rendered:
            return rendered[key]
        if current is None:
            rendered[key] = render(menu, page_url)
            return rendered[key]
        if not theme_own:
            theme_own.append(splice and _is_theme_own(env, MENU))
        if theme_own[0] and type(current) is str:
            common = _menu(menu, _unlinked(linked[id(menu)]))
            href = f'href="{escape(env.filters["url"](current))}"'
            if href in common:
                # The rendered menu with one attribute added (not Markup.replace: it would escape CURRENT).
                rendered[key] = Markup(str.replace(common, href, href + CURRENT))  # noqa: S704
                return rendered[key]
        rendered[key] = render(menu, current)
        return rendered[key]

    return main_menu


def _unlinked(urls: frozenset[str]) -> str:
    """A page URL that the menu does not link."""
    url = "/\x00"
    while url in urls:
        url += "\x00"
    return url


def _menu_urls(menu) -> frozenset[str]:
    urls = {item.url for item in menu.links + menu.more + menu.section_links + menu.page_links}
    for group, entries, _ in menu.groups:
        urls |= {group.url} | {item.url for item in entries}
    return frozenset(urls)


CARD = "partials/article_card.html"


def _card_renderer(env: Environment, memo: bool):
    """`article_card(article)`: partials/article_card.html for one article of a list, as an include.

    Each article's card is on many list pages (its unit, tags, people, archive month, home...), so
    when the card is the theme's own it is rendered once per article (and, on a person's page, per
    the roles shown) and reused. The theme's card reads only `article`, `units`, `roles` and `preview`
    (tests/test_templates_memo.py checks this), which are the memo's key. A site's own card (or own
    partial that the card imports) may read anything in the page's context: it is rendered each time,
    exactly as `{% include %}` would. So is every card in preview, where the badges read the clock.
    """
    memoizable: list[bool] = []  # decided on the first card, by what the loader resolves
    rendered: dict[tuple[int, object], tuple[object, Markup]] = {}
    units = env.globals["units"]

    def include(context: Context, article) -> Markup:
        template = env.get_template(CARD)
        # What `{% include %}` does: the template's output, autoescaped.
        return Markup(  # noqa: S704
            env.concat(template.root_render_func(template.new_context(context.get_all(), True, {"article": article})))
        )

    @pass_context
    def article_card(context: Context, article) -> Markup:
        if not memoizable:
            memoizable.append(memo and _is_theme_own(env, CARD))
        if (
            not memoizable[0]
            or context.resolve_or_missing("units") is not units
            or context.resolve_or_missing("preview") is not False
        ):
            return include(context, article)
        roles = context.resolve_or_missing("roles")
        try:
            key = (id(article), None if roles is missing else roles[article.source])
            found = rendered.get(key)
        except Exception:  # noqa: BLE001 - a bad `roles` fails in the template, with its message
            return include(context, article)
        if found is None or found[0] is not article:  # the article is kept: its id is not reused
            found = rendered[key] = (article, include(context, article))
        return found[1]

    return article_card


def _is_theme_own(env: Environment, name: str) -> bool:
    """Does the loader resolve `name`, and every template it includes or imports, to the theme's own text?"""
    found = template_closure(env, name)
    if found is None:
        return False
    theme = FileSystemLoader(str(theme_templates()))
    try:
        return all(source == theme.get_source(env, current)[0] for current, source in found.items())
    except Exception:  # noqa: BLE001 - not in the theme: the site's own
        return False


def template_closure(env: Environment, name: str) -> dict[str, str] | None:
    """`name` and every template it extends, includes or imports, transitively, by name with its source.

    The sources are those the loader gives (the site's over the theme's). None when one is
    missing or unreadable, or is named by an expression: what it reads cannot be told.
    """
    todo, found = [name], {}
    while todo:
        current = todo.pop()
        if current in found:
            continue
        if env.loader is None:  # make_environment always gives one
            return None
        try:
            source = env.loader.get_source(env, current)[0]
            referenced = _referenced(env, source)
        except Exception:  # noqa: BLE001 - missing or unreadable: rendering reports it
            return None
        names = [n for n in referenced if n is not None]
        if len(names) < len(referenced):  # one is named by an expression
            return None
        found[current] = source
        todo.extend(names)
    return found


_REFERENCED: dict[tuple[object, tuple[str, ...], str], tuple[str | None, ...]] = {}  # see _referenced


def _referenced(env: Environment, source: str) -> tuple[str | None, ...]:
    """The templates `source` extends, includes or imports (None: named by an expression).

    Remembered by source text (with the lexer and extensions, which decide how it parses): the
    closures of one build parse base.html and the partials once each, not once per page template,
    and `serve` does not parse its templates again at every rebuild.
    """
    key = (env.lexer, tuple(sorted(env.extensions)), source)
    found = _REFERENCED.get(key)
    if found is None:
        if len(_REFERENCED) >= 1000:  # templates edited many times in one `serve`
            _REFERENCED.clear()
        found = _REFERENCED[key] = tuple(meta.find_referenced_templates(env.parse(source)))
    return found


# Rendered by main_menu and article_card, functions any template may call: part of every page's set.
RENDERED_FROM_PYTHON = (MENU, CARD)
