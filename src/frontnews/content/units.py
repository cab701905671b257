"""Load the tree of publishing committees from content/units.yaml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, diag
from ..models import Unit
from ..paths import UNITS_FILE
from ..vi.dates import date_problem, parse_date
from ..vi.text import clean_inline, is_valid_slug, slugify_vi
from . import front_matter as frontmatter
from .encoding import not_utf8
from .front_matter import duplicate_keys, read_yaml
from .site_files import read_site_file
from .sources import decode_text
from .yaml_load import key_lines


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
    raw, problems = read_site_file(root, UNITS_FILE)
    if raw is None:
        return UnitTree({}), problems
    try:
        text = decode_text(raw)
    except UnicodeDecodeError as exc:
        return UnitTree({}), [not_utf8(raw, UNITS_FILE, exc)]
    # Text, as front matter: `name: Yes`, `until: 2025-02-30` or `slug: 0123` stay as written.
    document, problems = read_yaml(text, UNITS_FILE, 1, "FN003", frontmatter.TEXT_LOADER)
    if document is None:
        return UnitTree({}), problems
    problems = duplicate_keys(document, UNITS_FILE, 1)
    data, lines = document.data, key_lines(document.node, 1)
    if data is None:
        data = []
    if not isinstance(data, list):
        return UnitTree({}), [
            diag("FN004", UNITS_FILE, 1, detail="tệp phải là một danh sách, mỗi đơn vị bắt đầu bằng “- slug: …”")
        ]
    units: dict[str, Unit] = {}
    unit_lines: dict[str, int] = {}
    for index, entry in enumerate(data):
        line = lines.get(f"[{index}]", 1)
        unit, problem = _unit(entry)
        if unit is None:
            if problem == "until":
                problems.append(
                    diag(
                        "FN102",
                        UNITS_FILE,
                        lines.get(f"[{index}].until", line),
                        value=entry["until"],
                        hint=_hint(entry["until"]),
                    )
                )
            else:
                problems.append(diag("FN004", UNITS_FILE, line, detail=problem))
        elif unit.slug in units:
            problems.append(diag("FN004", UNITS_FILE, line, detail=f"slug “{unit.slug}” bị trùng"))
        else:
            units[unit.slug] = unit
            unit_lines[unit.slug] = line
    for unit in units.values():
        if unit.parent and unit.parent not in units:
            problems.append(
                diag(
                    "FN004",
                    UNITS_FILE,
                    unit_lines[unit.slug],
                    detail=f"đơn vị “{unit.slug}” có parent “{unit.parent}” không có trong danh sách",
                )
            )
    problems += _cycles(units, unit_lines)
    return UnitTree(units), problems


def _cycles(units: dict[str, Unit], unit_lines: dict[str, int]) -> list[Diagnostic]:
    """FN004 once per loop of parents (a → b → a), at the loop's first unit in the file."""
    problems: list[Diagnostic] = []
    reported: set[str] = set()
    for slug in units:
        chain = [slug]
        parent = units[slug].parent
        while parent in units and parent not in chain:
            chain.append(parent)
            parent = units[parent].parent
        if parent == slug and slug not in reported:
            reported.update(chain)
            loop = " → ".join(chain + [slug])
            problems.append(
                diag(
                    "FN004",
                    UNITS_FILE,
                    unit_lines[slug],
                    detail=f"các đơn vị là cha của nhau thành vòng lặp: {loop}. Hãy sửa parent để đơn vị cấp trên không có parent là đơn vị cấp dưới của nó",
                )
            )
    return problems


def _hint(value: Any) -> str:
    why = date_problem(value)
    return f" {why}" if why else ""


def _unit(entry: Any) -> tuple[Unit | None, str | None]:
    """The unit, or what is wrong with it: a sentence, or "until" for a date that cannot be read."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return None, "mỗi đơn vị cần ít nhất name (tên đầy đủ)"
    name = clean_inline(entry["name"])
    slug = entry.get("slug") or slugify_vi(name)
    if not isinstance(slug, str) or not is_valid_slug(slug):
        return None, f"slug “{slug}” chỉ được dùng chữ thường a–z, số và dấu gạch nối"
    until = entry.get("until")
    if until is not None:
        parsed = parse_date(until, dt.UTC)
        if parsed is None:
            return None, "until"
        until = parsed.date()
    parent = entry.get("parent") or None
    if parent is not None and not isinstance(parent, str):
        return None, "parent phải là slug của một đơn vị khác"
    for key in ("short_name", "level"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            return None, f"{key} phải là một dòng chữ"
    return Unit(
        slug=slug,
        name=name,
        short_name=clean_inline(str(entry.get("short_name") or name)),
        level=clean_inline(str(entry.get("level") or "")),
        parent=parent,
        until=until,
    ), None
