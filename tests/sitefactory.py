"""Write small sites for tests and build them (imported by test modules as `sitefactory`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from frontnews.build import BuildOptions, BuildReport, build

UNITS = """\
- slug: thi-xa-dong-lam
  name: Ủy ban MTTQ Việt Nam thị xã Đông Lâm
  short_name: MTTQ thị xã Đông Lâm
  level: thị xã
- slug: phuong-le-loi
  name: Ủy ban MTTQ Việt Nam phường Lê Lợi
  short_name: MTTQ phường Lê Lợi
  level: phường
  parent: thi-xa-dong-lam
- slug: xa-kim-son
  name: Ủy ban MTTQ Việt Nam xã Kim Sơn
  short_name: MTTQ xã Kim Sơn
  level: xã
  parent: thi-xa-dong-lam
  until: 2025-06-30
"""

CONFIG = """\
title: Trang thử
base_url: https://thu.example.vn/
"""

FIXED_NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def article(
    title: str = "Hội nghị thử",
    date: str = "07/10/2020 - 03:35 PM",
    unit: str = "phuong-le-loi",
    body: str = "Nội dung tin.",
    **extra: str,
) -> str:
    """The text of a valid article; `extra` adds raw front-matter lines."""
    lines = [f"title: {title}", f"date: {date}", f"unit: {unit}"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    base = {"frontnews.yaml": CONFIG, "content/units.yaml": UNITS}
    for name, data in {**base, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def build_site(root: Path, **options) -> BuildReport:
    options.setdefault("now", FIXED_NOW)
    return build(BuildOptions(root=root, **options))


def read_tree(root: Path) -> dict[str, bytes]:
    """The site's files. `.frontnews/` holds build records (changes.json), which describe a build and
    so differ between an incremental and a clean build of the same site; tests of it read it directly."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith(".frontnews/")
    }
