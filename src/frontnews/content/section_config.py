"""`sections:` and `pages:` of frontnews.yaml: the site's sections (chuyên mục) and where its standing
pages are linked.

```yaml
sections:                 # one line per folder of content/, in the order of the menu
  tin-tuc: Tin tức
  thong-bao: Thông báo
  van-ban: {name: Văn bản, type: văn bản}
pages:                    # standing pages (content/trang/) by address
  menu: [gioi-thieu]
  footer: [gioi-thieu, lien-he]
```
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..vi.text import clean_inline, slugify_vi

NEWS = "tin-tuc"  # a section of dated articles
DOCUMENTS = "van-ban"  # a section of documents: số hiệu, ngày ban hành, trích yếu, file
KINDS = {"tin-tuc": NEWS, "tin": NEWS, "van-ban": DOCUMENTS}  # `type:` as written, slugified
PAGES_FOLDER = "trang"  # content/trang/ holds standing pages: never a section

Bad = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class SectionConfig:
    """One line of `sections:`: a folder of content/, its name, its kind."""

    folder: str
    name: str
    kind: str = NEWS


def read_sections(value: Any, bad: Bad) -> dict[str, Any]:
    """`sections:` as a tuple of SectionConfig in the order written; FN002 (through `bad`) otherwise."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        bad("sections", "phải gồm các dòng “thư-mục: Tên chuyên mục”, ví dụ thong-bao: Thông báo")
        return {}
    found: list[SectionConfig] = []
    slugs: dict[str, str] = {}
    for folder, entry in value.items():
        parsed = _section(folder, entry, bad)
        if parsed is None:
            continue
        other = slugs.setdefault(slugify_vi(parsed.folder), parsed.folder)
        if other != parsed.folder:
            bad(f"sections.{folder}", f"thư mục “{folder}” và “{other}” cho cùng một địa chỉ chuyên mục")
            continue
        found.append(parsed)
    return {"sections": tuple(found)}


def _section(folder: Any, entry: Any, bad: Bad) -> SectionConfig | None:
    key = f"sections.{folder}"
    if not isinstance(folder, str) or not slugify_vi(folder) or "/" in folder or "\\" in folder:
        bad(key, "tên thư mục phải là một thư mục ngay trong content/, ví dụ thong-bao")
        return None
    if folder == PAGES_FOLDER:
        bad(
            key,
            f"thư mục content/{PAGES_FOLDER}/ dành cho các trang cố định (Giới thiệu, Liên hệ), không phải chuyên mục",
        )
        return None
    if isinstance(entry, str):
        entry = {"name": entry}
    if (
        not isinstance(entry, dict)
        or not set(entry) <= {"name", "type"}
        or not isinstance(entry.get("name"), str)
        or not clean_inline(entry["name"])
    ):
        bad(key, "phải là tên chuyên mục, hoặc {name: Tên chuyên mục, type: văn bản}")
        return None
    kind = KINDS.get(slugify_vi(str(entry.get("type", NEWS))))
    if kind is None:
        bad(key, "type chỉ là “tin tức” hoặc “văn bản”")
        return None
    return SectionConfig(folder, clean_inline(entry["name"]), kind)


def read_pages(value: Any, bad: Bad) -> dict[str, Any]:
    """`pages: {menu: [...], footer: [...]}`: the standing pages linked from the menu and the footer."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= {"menu", "footer"}:
        bad("pages", "chỉ gồm menu và footer, mỗi mục là danh sách địa chỉ trang, ví dụ menu: [gioi-thieu]")
        return {}
    values: dict[str, Any] = {}
    for where in ("menu", "footer"):
        if where not in value:
            continue
        items = value[where] if value[where] is not None else []
        if isinstance(items, list) and all(isinstance(v, str) and v.strip("/ ") for v in items):
            values[f"{where}_pages"] = tuple(v.strip("/ ") for v in items)
        else:
            bad(f"pages.{where}", "phải là danh sách địa chỉ trang, ví dụ [gioi-thieu, lien-he]")
    return values
