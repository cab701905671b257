"""Validate one article's front matter into an Article, or return its diagnostics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from ..diagnostics import Diagnostic, diag, suggestion
from ..models import Article, Image, Participant, Tag
from ..vi.dates import date_problem, parse_date
from ..vi.text import clean_inline, closest, is_valid_slug, parse_participant, parse_roles, slugify_vi, title_slug
from .addresses import article_url, tag_url, uses_section
from .aliases import read_aliases
from .assets import PHOTO_TYPES, resolve_image
from .config import SiteConfig
from .documents import KEYS as DOCUMENT_KEYS
from .documents import issued_at, read_document, read_fields
from .front_matter import FrontMatter
from .limits import name_problems
from .pasted import layout_problems, read_layout
from .prominence import pin_problems, read_featured, read_pinned
from .sections import content_digest, folder_of, section_for_source
from .sources import SourceFile
from .units import UnitTree
from .yaml_load import read_flag

REQUIRED = ("title", "date", "unit")
OPTIONAL = (
    "participants",
    "tags",
    "summary",
    "image",
    "signature",
    "draft",
    "slug",
    "updated",
    "aliases",
    "featured",
    "pinned",
)


class _Checker:
    """Collects the diagnostics of one file, each at its key's line."""

    def __init__(self, source: SourceFile, fm: FrontMatter) -> None:
        self.path = source.path
        self.fm = fm
        self.problems: list[Diagnostic] = list(fm.problems)

    def line(self, where: str) -> int:
        return self.fm.lines.get(where, self.fm.lines.get(where.split("[")[0], 1))

    def report(self, code: str, where: str, **values: Any) -> None:
        """`where` is the key (or `key[i]`) whose line the diagnostic points at."""
        self.problems.append(diag(code, self.path, self.line(where), **values))

    def text(self, key: str, default: str | None = None) -> str | None:
        value = self.fm.fields.get(key, default)
        if value is None:
            return None
        if not isinstance(value, str) or not clean_inline(value):
            self.report("FN107", key, key=key, expected="một dòng chữ không rỗng")
            return None
        return clean_inline(value)


def parse_article(
    source: SourceFile, fm: FrontMatter, config: SiteConfig, units: UnitTree, root: Path
) -> tuple[Article | None, list[Diagnostic]]:
    check = _Checker(source, fm)
    section = section_for_source(config, source.path)
    documents = section is not None and section.documents
    known = REQUIRED + OPTIONAL + (DOCUMENT_KEYS if documents else ())
    for key in fm.fields:
        if key in DOCUMENT_KEYS and not documents:
            check.report("FN142", str(key), key=key, section=section.name if section else "(không có)")
        elif key not in known:
            check.report("FN110", str(key), key=key, hint=suggestion(closest(str(key), known, 1)))
    for key in REQUIRED:
        if fm.fields.get(key) in (None, "") and not (key == "date" and documents):  # a document: its ngày ban hành
            check.problems.append(diag("FN104", source.path, 2, key=key))
    if section is None and folder_of(source.path) is None and uses_section(config):
        check.problems.append(diag("FN141", source.path, 1))
    title = check.text("title") if "title" in fm.fields else None
    published = _date(check, "date", config)
    fields = read_fields(check, title, config.tz) if documents else None
    if documents and "date" not in fm.fields:
        published = issued_at(check, config.tz)
    updated = _date(check, "updated", config) if "updated" in fm.fields else None
    unit = _unit(check, units)
    slug = _slug(check, title)
    participants = _participants(check)
    tags = _tags(check)
    draft = _flag(check, "draft")
    aliases = read_aliases(check, config)
    featured, pinned_until = read_featured(check), read_pinned(check, config.tz)
    if title is None or published is None or unit is None or slug is None or any(p.is_error for p in check.problems):
        return None, check.problems
    if unit.until and published.date() > unit.until:
        check.report(
            "FN113", "date", date=published.strftime("%d/%m/%Y"), unit=unit.slug, until=unit.until.strftime("%d/%m/%Y")
        )
    url = article_url(config, published, slug, unit.slug, section.slug if section else "")
    image = _image(check, url, root)
    pin_problems(check, published, pinned_until, image is not None or "image" in fm.fields, featured, config.tz)
    document, document_file = read_document(check, fields, url, root) if documents else (None, None)
    # Without a summary, bodies.py fills one from the rendered first paragraph.
    summary = check.text("summary") if "summary" in fm.fields else ""
    signature = check.text("signature") if "signature" in fm.fields else None
    # A signature line at the end of the body (pasted text) replaces the unit's name; the field wins.
    layout = read_layout(fm.body)
    check.problems += layout_problems(layout, source.path, fm.body_line, signature)
    signature = signature or layout.signature or unit.name
    assets = tuple(a for a in (image[1] if image else None, document_file) if a is not None)
    # Past this point problems are reported but the article is kept, so that its body
    # is still checked and the editor sees every error of the file at once.
    article = Article(
        source=source.path,
        digest=content_digest(source.digest, source.path),
        slug=slug,
        url=url,
        output_path=url.strip("/") + "/index.html",
        title=title,
        published=published,
        updated=updated,
        unit=unit.slug,
        participants=participants,
        tags=tags,
        summary=summary or "",
        summary_from_body="summary" not in fm.fields,
        image=image[0] if image else None,
        signature=signature,
        draft=draft,
        body=fm.body,
        body_line=fm.body_line,
        assets=assets,
        aliases=aliases,
        featured=featured,
        pinned_until=pinned_until,
        section=section.slug if section else "",
        document=document,
    )
    check.problems += name_problems(article, check.line)
    return article, check.problems


def _date(check: _Checker, key: str, config: SiteConfig) -> dt.datetime | None:
    raw = check.fm.fields.get(key)
    if raw is None:
        return None
    if not isinstance(raw, str):  # front matter is text: a list or a mapping here
        check.report("FN107", key, key=key, expected="một ngày, ví dụ 07/10/2020 15:35")
        return None
    value = parse_date(raw, config.tz)
    if value is None:
        why = date_problem(raw)
        check.report("FN102", key, value=raw, hint=f" {why}" if why else "")
    return value


def _unit(check: _Checker, units: UnitTree):
    raw = check.fm.fields.get("unit")
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        check.report("FN107", "unit", key="unit", expected="slug hoặc tên đầy đủ của đơn vị")
        return None
    unit = units.find(raw.strip())
    if unit is None:
        names = [u.slug for u in units.units.values()] + [u.name for u in units.units.values()]
        check.report("FN105", "unit", value=raw, hint=suggestion(closest(raw, names, 3)))
    return unit


def _slug(check: _Checker, title: str | None) -> str | None:
    """The written slug, else the title's; a title of only symbols falls back on the file's name."""
    raw = check.fm.fields.get("slug")
    if raw is None:
        if not title:
            return None
        slug = title_slug(title)
        if not slug:  # only symbols or emoji
            slug = title_slug(PurePosixPath(check.path).stem)
            check.report("FN130" if slug else "FN131", "title", slug=slug)
        return slug or None
    if not isinstance(raw, str) or not is_valid_slug(raw):
        check.report("FN108", "slug", value=raw)
        return None
    return raw


def _participants(check: _Checker) -> tuple[Participant, ...]:
    raw = check.fm.fields.get("participants")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.report("FN107", "participants", key="participants", expected="một danh sách, mỗi người một dòng “- …”")
        return ()
    people: list[Participant] = []
    for index, item in enumerate(raw):
        parsed = _participant(item)
        if parsed is None:
            check.report("FN106", f"participants[{index}]", index=index + 1)
        else:
            people.append(parsed)
    return tuple(people)


def _participant(item: Any) -> Participant | None:
    if isinstance(item, str):
        parsed = parse_participant(item)
        if parsed is None:
            return None
        name, roles = parsed
    elif isinstance(item, dict) and isinstance(item.get("name"), str) and clean_inline(item["name"]):
        if not set(item) <= {"name", "role", "roles"}:
            return None
        role = item.get("roles", item.get("role", ""))
        if isinstance(role, list) and all(isinstance(r, str) for r in role):
            roles = tuple(clean_inline(r) for r in role if clean_inline(r))
        elif isinstance(role, str):
            roles = parse_roles(role)
        else:
            return None
        name = clean_inline(item["name"])
    else:
        return None
    slug = slugify_vi(name)
    return Participant(name=name, slug=slug, roles=roles) if slug else None


def _tags(check: _Checker) -> tuple[Tag, ...]:
    raw = check.fm.fields.get("tags")
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        check.report("FN107", "tags", key="tags", expected="một danh sách chủ đề, ví dụ [tập huấn, bầu cử]")
        return ()
    tags: dict[str, Tag] = {}
    for index, item in enumerate(raw):
        name = clean_inline(item)
        slug = slugify_vi(name)
        if slug in tags and tags[slug].name.casefold() != name.casefold():  # "hòa" and "hoa": one page
            check.report("FN138", "tags", name=name, other=tags[slug].name, url=tag_url(slug))
        if name and not slug:  # "★" has no page to link to: say so rather than drop it unseen
            check.report("FN122", f"tags[{index}]", value=name)
        elif slug and slug not in tags:
            tags[slug] = Tag(name, slug)
    return tuple(tags.values())


def _flag(check: _Checker, key: str) -> bool:
    value = check.fm.fields.get(key)
    if value is None:
        return False
    flag = read_flag(value)
    if flag is None:
        check.report("FN107", key, key=key, expected="true (bài nháp, chưa đăng) hoặc false (đăng bài)")
        return False
    return flag


def _image(check: _Checker, url: str, root: Path) -> tuple[Image, Any] | None:
    raw = check.fm.fields.get("image")
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = {"src": raw}
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("src"), str)
        or not set(raw) <= {"src", "alt", "caption", "focus"}
    ):
        check.report(
            "FN107",
            "image",
            key="image",
            expected="gồm src (tên tệp ảnh), alt (mô tả ảnh), caption (chú thích) và focus (tâm cắt ảnh, không bắt buộc)",
        )
        return None
    resolved = resolve_image(raw["src"], check.path, url, root)
    if resolved.code:
        check.report(resolved.code, "image", src=raw["src"])
        return None
    focus = _focus(raw.get("focus"))
    if focus is False:
        check.report(
            "FN107",
            "image",
            key="image.focus",
            expected="hai số từ 0 đến 1 (ngang, dọc) tính từ góc trên bên trái, ví dụ “0.5,0.3”, hoặc “50%,30%”",
        )
        focus = None
    caption = clean_inline(str(raw.get("caption") or ""))
    written = clean_inline(str(raw.get("alt") or ""))
    if not written and PurePosixPath(resolved.source or "").suffix.lower() in PHOTO_TYPES:
        check.report("FN236", "image", src=raw["src"])
    alt = written or caption or clean_inline(str(check.fm.fields.get("title") or ""))
    return Image(
        src=raw["src"],
        url=resolved.url,
        alt=alt,
        caption=caption,
        source=resolved.source or "",
        focus=focus,
        line=check.line("image"),
    ), resolved.asset


def _focus(raw: Any) -> tuple[float, float] | Literal[False] | None:
    """`focus: "0.5,0.3"` or "50%,30%": where crops of the photo centre. False when written wrong."""
    if raw is None:
        return None
    parts = str(raw).replace(" ", "").split(",")
    try:
        values = [float(p[:-1]) / 100 if p.endswith("%") else float(p) for p in parts]
    except ValueError:
        return False
    if len(values) != 2 or not all(0 <= v <= 1 for v in values):
        return False
    return values[0], values[1]
