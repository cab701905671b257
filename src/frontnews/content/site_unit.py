"""The site's own unit (`site_unit:` in frontnews.yaml), which `frontnews new` gives a new article.

A commune's site often lists its province first in units.yaml; without `site_unit`, new articles
would be the province's.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, diag, suggestion
from ..vi.text import closest
from .config import CONFIG_FILE, SiteConfig
from .units import UnitTree


def site_unit_problems(config: SiteConfig, units: UnitTree) -> list[Diagnostic]:
    """FN008 when `site_unit` names no unit of units.yaml (nothing to say when units.yaml is empty or broken)."""
    if config.site_unit is None or not units.units or units.find(config.site_unit) is not None:
        return []
    return [
        diag(
            "FN008",
            CONFIG_FILE,
            config.site_unit_line,
            value=config.site_unit,
            hint=suggestion(closest(config.site_unit, list(units.units))),
        )
    ]
