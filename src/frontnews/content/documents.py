"""Read a văn bản's own fields: số hiệu, ngày ban hành, trích yếu and the file it is published as.

A document lives in a section of type "văn bản" (`sections:` in frontnews.yaml). Its file is checked
as a photo is: it must be a file of the site (beside the document's Markdown or in static/), of a
type that is published, and there now; a file on another web site is refused (FN143), so that the
list never leads to a document that has moved or gone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from ..models import Asset, Document
from ..vi.dates import parse_date
from ..vi.text import clean_inline
from .aliases import Checker
from .assets import LINKED_TYPES, resolve_link

KEYS = ("so_hieu", "ngay_ban_hanh", "trich_yeu", "file")
REQUIRED = ("so_hieu", "ngay_ban_hanh", "file")  # trich_yeu: the title when it is left out


def read_fields(check: Checker, title: str | None, tz: dt.tzinfo) -> tuple[str, dt.date, str] | None:
    """(số hiệu, ngày ban hành, trích yếu), or None with their diagnostics (FN104, FN107, FN102)."""
    fields = check.fm.fields
    missing = [key for key in REQUIRED if fields.get(key) in (None, "")]
    for key in missing:
        check.report("FN104", key if key in fields else "title", key=key)
    number = _text(check, "so_hieu") if "so_hieu" not in missing else None
    excerpt = _text(check, "trich_yeu") if "trich_yeu" in fields else title
    issued = issued_at(check, tz) if "ngay_ban_hanh" not in missing else None
    if issued is None and "ngay_ban_hanh" not in missing:
        check.report("FN102", "ngay_ban_hanh", value=fields["ngay_ban_hanh"])
    if number is None or issued is None or not excerpt:
        return None
    return number, issued.date(), excerpt


def read_document(
    check: Checker, fields: tuple[str, dt.date, str] | None, url: str, root: Path
) -> tuple[Document | None, Asset | None]:
    """The document of an article at `url` from its `fields` (read_fields), its file found and checked."""
    if "file" not in check.fm.fields or check.fm.fields["file"] in (None, ""):
        return None, None  # FN104 from read_fields
    found = _file(check, url, root)
    if fields is None or found is None:
        return None, None
    written, file_url, asset = found
    return Document(fields[0], fields[1], fields[2], written, file_url), asset


def issued_at(check: Checker, tz: dt.tzinfo) -> dt.datetime | None:
    """A document's ngày ban hành, which is also its date of publication when `date:` is left out."""
    return parse_date(check.fm.fields.get("ngay_ban_hanh"), tz)


def _text(check: Checker, key: str) -> str | None:
    value = check.fm.fields.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not clean_inline(value):
        check.report("FN107", key, key=key, expected="một dòng chữ không rỗng")
        return None
    return clean_inline(value)


def _file(check: Checker, url: str, root: Path) -> tuple[str, str, Asset | None] | None:
    """(as written, the URL the site serves it at, the asset to copy) of a file of the site that exists."""
    raw = check.fm.fields.get("file")
    if not isinstance(raw, str) or not raw.strip():
        check.report("FN107", "file", key="file", expected="tên tệp văn bản, ví dụ ke-hoach-so-12.pdf")
        return None
    written = raw.strip()
    resolved = resolve_link(written, check.path, url, root)
    if resolved.code:
        check.report(resolved.code, "file", src=written)
        return None
    if resolved.asset is None and resolved.source is None:
        if resolved.check is None:  # another site, `mailto:`, an anchor
            check.report("FN143", "file", src=written)
        else:  # a page of the site, or a file not found in static/
            suffix = PurePosixPath(written.split("?")[0].split("#")[0]).suffix.lower()
            check.report("FN204" if suffix in LINKED_TYPES else "FN206", "file", src=written)
        return None
    return written, resolved.url, resolved.asset
