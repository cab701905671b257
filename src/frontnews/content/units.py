"""Load the tree of publishing committees from content/units.yaml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..vi.dates import parse_date
from ..diagnostics import Diagnostic, diag
from .front_matter import load_yaml
from ..models import Unit
from ..paths import UNITS_FILE
from .sources import decode_text
from ..vi.text import clean_inline, is_valid_slug, slugify_vi



@dataclass(frozen=True, slots=True)
class UnitTree:
    """Units by slug, in file order, with lookups by slug or name."""

    units: dict[str, Unit]

    def find(self, key: str) -> Unit | None:
        """A unit by slug, or by its full or short name (case-insensitive)."""
        if key in self.units:
            return self.units[key]
        folded = clean_inline(key).casefold()
        for unit in self.units.values():
            if folded in (unit.name.casefold(), unit.short_name.casefold()):
                return unit
        return None

    def ancestors(self, slug: str) -> tuple[Unit, ...]:
        """From the top unit down to the parent of `slug`."""
        chain: list[Unit] = []
        parent = self.units[slug].parent
        while parent and parent in self.units and len(chain) < len(self.units):
            chain.append(self.units[parent])
            parent = self.units[parent].parent
        return tuple(reversed(chain))

    def children(self, slug: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units.values() if u.parent == slug)


def load_units(root: Path) -> tuple[UnitTree, list[Diagnostic]]:
    file = root / UNITS_FILE
    if not file.is_file():
        return UnitTree({}), []
    data, lines, problems = load_yaml(decode_text(file.read_bytes()), UNITS_FILE, 1, code="FN003")
    if problems:
        return UnitTree({}), problems
    if data is None:
        data = []
    if not isinstance(data, list):
        return UnitTree({}), [diag("FN004", UNITS_FILE, 1, detail="tệp phải là một danh sách, mỗi đơn vị bắt đầu bằng “- slug: …”")]
    units: dict[str, Unit] = {}
    unit_lines: dict[str, int] = {}
    for index, entry in enumerate(data):
        line = lines.get(f"[{index}]", 1)
        unit, problem = _unit(entry)
        if problem:
            problems.append(diag("FN004", UNITS_FILE, line, detail=problem))
        elif unit.slug in units:
            problems.append(diag("FN004", UNITS_FILE, line, detail=f"slug “{unit.slug}” bị trùng"))
        else:
            units[unit.slug] = unit
            unit_lines[unit.slug] = line
    for unit in units.values():
        if unit.parent and unit.parent not in units:
            problems.append(diag("FN004", UNITS_FILE, unit_lines[unit.slug],
                                 detail=f"đơn vị “{unit.slug}” có parent “{unit.parent}” không có trong danh sách"))
    return UnitTree(units), problems


def _unit(entry: Any) -> tuple[Unit | None, str | None]:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return None, "mỗi đơn vị cần ít nhất name (tên đầy đủ)"
    name = clean_inline(entry["name"])
    slug = entry.get("slug") or slugify_vi(name)
    if not isinstance(slug, str) or not is_valid_slug(slug):
        return None, f"slug “{slug}” chỉ được dùng chữ thường a–z, số và dấu gạch nối"
    until = entry.get("until")
    if until is not None:
        parsed = parse_date(until, dt.timezone.utc)
        if parsed is None:
            return None, f"until “{until}” không phải ngày hợp lệ (dd/mm/yyyy)"
        until = parsed.date()
    return Unit(
        slug=slug,
        name=name,
        short_name=clean_inline(str(entry.get("short_name") or name)),
        level=clean_inline(str(entry.get("level") or "")),
        parent=entry.get("parent") or None,
        until=until,
    ), None
