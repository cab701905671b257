"""The Jinja environment: the site's own templates over the default theme, safe by default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
                       person_url=person_url)
    return env
