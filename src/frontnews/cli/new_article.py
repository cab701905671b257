"""Write a ready-to-edit article for `frontnews new`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from ..content.config import load_config
from ..paths import CONTENT_DIR
from ..vi.text import clean_inline, is_valid_slug, slugify_vi
from ..content.units import load_units


class NewArticleError(Exception):
    """A reason, in Vietnamese, why no article was written."""


TEMPLATE = """\
---
title: "{title}"
date: {date}
unit: {unit}
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
# draft: true
---
Ngày {day}, ... (viết nội dung tin ở đây).
"""


def write_new_article(root: Path, title: str, unit_key: str | None, section: str, now: dt.datetime) -> Path:
    """Create content/<section>/<slug>.md; never overwrite an existing file."""
    config, _ = load_config(root)
    units, _ = load_units(root)
    title = clean_inline(title)
    slug = slugify_vi(title)
    if not slug:
        raise NewArticleError("tiêu đề phải có ít nhất một chữ hoặc số.")
    if not is_valid_slug(section):
        raise NewArticleError(f"thư mục “{section}” chỉ được dùng chữ thường a–z, số và dấu gạch nối.")
    if unit_key is None:
        unit = next(iter(units.units.values()), None)
        if unit is None:
            raise NewArticleError("chưa có đơn vị nào trong content/units.yaml; hãy thêm đơn vị trước.")
    else:
        unit = units.find(unit_key)
        if unit is None:
            raise NewArticleError(f"không có đơn vị “{unit_key}” trong content/units.yaml.")
    path = root / CONTENT_DIR / section / f"{slug}.md"
    if path.exists():
        raise NewArticleError(f"tệp {path.relative_to(root).as_posix()} đã có; hãy đặt tiêu đề khác.")
    local = now.astimezone(ZoneInfo(config.timezone))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(title=title.replace('"', '\\"'), date=local.strftime("%d/%m/%Y %H:%M"),
                                    unit=unit.slug, signature=unit.name, day=local.strftime("%d/%m")),
                    encoding="utf-8")
    return path
