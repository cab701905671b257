"""Read a standing page (Giới thiệu, Liên hệ, Cơ cấu tổ chức): a file of content/trang/, or any file
whose front matter says `type: page` (or `type: trang`).

A standing page has a title and a body; no date, unit or participants. Its address comes from its
file's path, not its title, so that retitling "Giới thiệu" never moves it: content/trang/gioi-thieu.md
is /gioi-thieu/, content/thong-bao/lich-tiep-dan.md (type: page) is /thong-bao/lich-tiep-dan/.
`slug:` replaces the file's name.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic, suggestion
from ..models import StandingPage
from ..vi.text import closest, slugify_vi, title_slug
from .articles import _Checker, _date, _flag, _image, _slug
from .config import SiteConfig
from .front_matter import FrontMatter
from .pasted import layout_problems, read_layout
from .section_config import PAGES_FOLDER
from .sections import content_digest, section_for_source
from .sources import SourceFile

KEYS = ("title", "summary", "image", "slug", "updated", "draft", "type")
PAGE_TYPES = ("page", "trang")


def is_standing(source: str, fields: dict) -> bool:
    """A file of content/trang/, or one that says `type: page`."""
    return (source.split("/")[1:2] == [PAGES_FOLDER] and source.count("/") > 1) or fields.get("type") is not None


def parse_standing_page(
    source: SourceFile, fm: FrontMatter, config: SiteConfig, root: Path
) -> tuple[StandingPage | None, list[Diagnostic]]:
    check = _Checker(source, fm)
    for key in fm.fields:
        if key not in KEYS:
            check.report("FN110", str(key), key=key, hint=suggestion(closest(str(key), KEYS, 1)))
    kind = fm.fields.get("type", PAGE_TYPES[0])
    if not isinstance(kind, str) or kind.strip().casefold() not in PAGE_TYPES:
        check.report("FN107", "type", key="type", expected="“page” (trang cố định) hoặc bỏ trống (bài tin)")
    if fm.fields.get("title") in (None, ""):
        check.report("FN104", "title", key="title")
    title = check.text("title") if fm.fields.get("title") not in (None, "") else None
    updated = _date(check, "updated", config) if "updated" in fm.fields else None
    draft = _flag(check, "draft")
    slug = _slug(check, title) if "slug" in fm.fields else title_slug(PurePosixPath(source.path).stem) or None
    if slug is None and title is not None and "slug" not in fm.fields:
        slug = _slug(check, title)  # a file name of only symbols: from the title, else FN131
    if title is None or slug is None or any(p.is_error for p in check.problems):
        return None, check.problems
    section = section_for_source(config, source.path)
    url = page_url(source.path, slug)
    image = _image(check, url, root)
    summary = check.text("summary") if "summary" in fm.fields else ""
    layout = read_layout(fm.body)
    check.problems += layout_problems(layout, source.path, fm.body_line, None)
    return StandingPage(
        source=source.path,
        digest=content_digest(source.digest, source.path),
        slug=slug,
        url=url,
        output_path=url.strip("/") + "/index.html",
        title=title,
        section=section.slug if section else "",
        summary=summary or "",
        image=image[0] if image else None,
        updated=updated,
        draft=draft,
        body=fm.body,
        body_line=fm.body_line,
        assets=(image[1],) if image and image[1] else (),
        summary_from_body="summary" not in fm.fields,
        signature=layout.signature or "",
    ), check.problems


def page_url(source: str, slug: str) -> str:
    """The file's path under content/ (without trang/), each folder as a slug, its name as `slug`."""
    folders = source.split("/")[1:-1]
    if folders[:1] == [PAGES_FOLDER]:
        folders = folders[1:]
    return "/" + "".join(f"{slugify_vi(folder)}/" for folder in folders if slugify_vi(folder)) + f"{slug}/"
