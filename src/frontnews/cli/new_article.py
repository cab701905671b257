"""Write a ready-to-edit article for `frontnews new`: a draft, of the site's own unit by default.

In a section of documents it has the document's fields; in content/trang/ it is a standing page.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from ..content.config import SiteConfig, load_config
from ..content.placeholder import MARKER
from ..content.section_config import PAGES_FOLDER
from ..content.sections import section_of
from ..content.units import Unit, UnitTree, load_units
from ..paths import CONTENT_DIR
from ..vi.text import clean_inline, is_valid_slug, slugify_vi


class NewArticleError(Exception):
    """A reason, in Vietnamese, why no article was written."""


TEMPLATE = """\
---
title: {title}
date: {date}
unit: {unit}
draft: true   # bài nháp, chưa đăng: viết xong thì xóa dòng này để đăng bài
# Các trường dưới đây không bắt buộc. Bỏ dấu # ở đầu dòng để dùng.
# summary: Một hai câu tóm tắt nội dung chính của tin.
# participants:
#   - Nguyễn Văn A – Chủ tịch Ủy ban MTTQ Việt Nam phường
#   - name: Trần Thị B
#     role: Phó Chủ tịch Ủy ban MTTQ Việt Nam phường
# tags: [hội nghị, công tác Mặt trận]
# image:
#   src: anh-dai-dien.jpg
#   alt: Mô tả ngắn những gì có trong ảnh
#   caption: Chú thích ảnh
# signature: {signature}
{document}---
Ngày {day}, ... {marker}.
"""

# A document's fields (a section of type văn bản): the file must be put beside the article.
DOCUMENT = """\
so_hieu: "..."   # số hiệu văn bản, ví dụ 125/KH-MTTQ-BTT
ngay_ban_hanh: {day_date}   # ngày ban hành, dd/mm/yyyy
file: {slug}.pdf   # tệp văn bản: đặt tệp này cạnh bài, trong content/{section}/
# trich_yeu: Trích yếu nội dung văn bản (không ghi thì dùng tiêu đề).
"""

PAGE = """\
---
title: {title}
draft: true   # trang nháp, chưa đăng: viết xong thì xóa dòng này để đăng trang
# summary: Một câu giới thiệu trang, cho máy tìm kiếm và khi chia sẻ.
---
{marker}
"""

DEFAULT_SECTION = "tin-tuc"


def write_new_article(root: Path, title: str, unit_key: str | None, section: str | None, now: dt.datetime) -> Path:
    """Create content/<section>/<slug>.md; never overwrite an existing file.

    Without a section, the first of `sections:` in frontnews.yaml, else tin-tuc.
    """
    config, _ = load_config(root)
    units, _ = load_units(root)
    title = clean_inline(title)
    slug = slugify_vi(title)
    if not slug:
        raise NewArticleError("tiêu đề phải có ít nhất một chữ hoặc số.")
    section = section or next((s.folder for s in config.sections or ()), DEFAULT_SECTION)
    if not is_valid_slug(section):
        raise NewArticleError(f"thư mục “{section}” chỉ được dùng chữ thường a–z, số và dấu gạch nối.")
    path = root / CONTENT_DIR / section / f"{slug}.md"
    if path.exists():
        raise NewArticleError(f"tệp {path.relative_to(root).as_posix()} đã có; hãy đặt tiêu đề khác.")
    # A YAML double-quoted scalar is a JSON string: any title is safe.
    quoted = json.dumps(title, ensure_ascii=False)
    if section == PAGES_FOLDER:
        text = PAGE.format(title=quoted, marker=MARKER)
    else:
        unit = _unit(unit_key, config, units)
        local = now.astimezone(ZoneInfo(config.timezone))
        document = (
            DOCUMENT.format(day_date=local.strftime("%d/%m/%Y"), slug=slug, section=section)
            if section_of(config, section).documents
            else ""
        )
        text = TEMPLATE.format(
            title=quoted,
            date=local.strftime("%d/%m/%Y %H:%M"),
            unit=unit.slug,
            signature=unit.name,
            day=local.strftime("%d/%m"),
            marker=MARKER,
            document=document,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _unit(key: str | None, config: SiteConfig, units: UnitTree) -> Unit:
    """--unit, else the site's own unit (`site_unit:`), else the first unit of units.yaml."""
    if key is not None:
        found = units.find(key)
        if found is None:
            raise NewArticleError(f"không có đơn vị “{key}” trong content/units.yaml.")
        return found
    if config.site_unit is not None:
        found = units.find(config.site_unit)
        if found is None:
            raise NewArticleError(
                f"site_unit “{config.site_unit}” trong frontnews.yaml không phải đơn vị nào "
                "trong content/units.yaml; hãy sửa site_unit hoặc ghi --unit SLUG."
            )
        return found
    first = next(iter(units.units.values()), None)
    if first is None:
        raise NewArticleError("chưa có đơn vị nào trong content/units.yaml; hãy thêm đơn vị trước.")
    return first
