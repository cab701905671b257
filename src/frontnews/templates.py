"""The Jinja environment: the site's own templates over the default theme, safe by default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .config import SiteConfig
from .seo import script_json
from .dates import format_date, format_iso, format_vi
from .navigation import person_url, tag_url, unit_url

THEME_DIR = Path(__file__).parent / "theme"


def theme_templates() -> Path:
    return THEME_DIR / "templates"


def theme_static() -> Path:
    return THEME_DIR / "static"


def make_environment(root: Path, config: SiteConfig, units: dict, preview: bool = False) -> Environment:
    """Autoescape and StrictUndefined always: content is untrusted, typos must fail loudly."""
    loaders = [FileSystemLoader(str(root / "templates")), FileSystemLoader(str(theme_templates()))]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    base_path = config.base_path

    def url(path: str) -> str:
        return base_path + path if path.startswith("/") else path

    def abs_url(path: str) -> str:
        return config.base_url.rstrip("/") + path if path.startswith("/") else path

    def local(d: dt.date) -> dt.date:
        """Readers see, and <time datetime> gives, the site's time (+07:00), whatever offset was written."""
        return d.astimezone(config.tz) if isinstance(d, dt.datetime) else d

    env.filters["script_json"] = script_json  # at render time: planning stays cheap for unchanged pages
    env.filters.update(date_vi=lambda d: format_vi(local(d)), date_short=lambda d: format_date(local(d)),
                       iso=lambda d: format_iso(local(d)), url=url, abs_url=abs_url)
    env.globals.update(site=config, units=units, preview=preview, unit_url=unit_url, tag_url=tag_url,
                       person_url=person_url, main_menu=_menu_renderer(env))
    return env


def _menu_renderer(env: Environment):
    """Render partials/menu.html once per process, not once per page.

    The menu (every unit, the main topics) is the same on every page except the few whose URL it
    links, which mark their own entry with aria-current: only those are rendered again.
    """
    rendered: dict[tuple[int, str | None], Markup] = {}
    linked: dict[int, frozenset[str]] = {}

    def main_menu(menu, page_url: str) -> Markup:
        if id(menu) not in linked:
            linked[id(menu)] = _menu_urls(menu)
        current = page_url if page_url in linked[id(menu)] else None
        key = (id(menu), current)
        if key not in rendered:
            page = {"url": current if current is not None else page_url}
            rendered[key] = Markup(env.get_template("partials/menu.html").render(menu=menu, page=page))
        return rendered[key]

    return main_menu


def _menu_urls(menu) -> frozenset[str]:
    urls = {item.url for item in menu.links + menu.more}
    for group, entries, _ in menu.groups:
        urls |= {group.url} | {item.url for item in entries}
    return frozenset(urls)
