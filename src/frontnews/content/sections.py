"""The site's sections (chuyên mục): each folder of content/ is one, named and ordered by `sections:`.

An article belongs to the section of the first folder of its path (content/thong-bao/a.md, and
content/thong-bao/2024/b.md, are in "thong-bao"); a file directly in content/ belongs to none. A
folder that `sections:` does not name is still a section, with a name of its own: the usual
Vietnamese name of a usual folder (tin-tuc: Tin tức), else the folder's name. When the site has a
`sections:` key, such a folder is warned about (FN140), since the editor has probably forgotten it;
a site without the key has not chosen to name its sections, and is not warned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..diagnostics import Diagnostic, diag
from ..hashing import joined_fingerprint
from ..paths import CONFIG_FILE
from ..vi.text import clean_inline, is_valid_slug, slugify_vi
from .config import SiteConfig
from .section_config import DOCUMENTS, NEWS, PAGES_FOLDER

# The names editors give the usual folders, so that a site without `sections:` reads well.
USUAL = {
    "tin-tuc": ("Tin tức", NEWS),
    "thong-bao": ("Thông báo", NEWS),
    "van-ban": ("Văn bản", DOCUMENTS),
    "guong-dien-hinh": ("Gương điển hình", NEWS),
    "su-kien": ("Sự kiện", NEWS),
    "hoat-dong": ("Hoạt động", NEWS),
    "tin-co-so": ("Tin cơ sở", NEWS),
    "chinh-sach": ("Chính sách", NEWS),
    "phap-luat": ("Pháp luật", NEWS),
}


@dataclass(frozen=True, slots=True)
class Section:
    """A section as pages show it: its address `/slug/`, its name, its kind (news or documents)."""

    slug: str
    name: str
    kind: str
    folder: str

    @property
    def documents(self) -> bool:
        return self.kind == DOCUMENTS


def folder_of(source: str) -> str | None:
    """`content/thong-bao/a.md` → "thong-bao"; a file directly in content/ → None."""
    parts = source.split("/")
    return parts[1] if len(parts) > 2 else None


def content_digest(digest: str, source: str) -> str:
    """An article's (or standing page's) digest: its bytes' `digest`, with its folder's when it has one.

    Pages know an article by its digest alone: the same bytes moved to another section's folder show
    another breadcrumb, and with `{section}` another address.
    """
    folder = folder_of(source)
    return digest if folder is None else joined_fingerprint((digest, "folder", slugify_vi(folder)))


def section_of(config: SiteConfig, folder: str) -> Section:
    """The section of a folder: as `sections:` names it, else by default."""
    for entry in config.sections or ():
        if entry.folder == folder:
            return Section(slugify_vi(folder), entry.name, entry.kind, folder)
    slug = slugify_vi(folder)
    for entry in config.sections or ():
        if slugify_vi(entry.folder) == slug:  # "Thông báo/" beside a configured thong-bao: one section
            return Section(slug, entry.name, entry.kind, entry.folder)
    name, kind = USUAL.get(slug, (_plain_name(folder), NEWS))
    return Section(slug, name, kind, folder)


def section_for_source(config: SiteConfig, source: str) -> Section | None:
    """The section a content file belongs to; None directly in content/ or in content/trang/."""
    folder = folder_of(source)
    return None if folder is None else _section_folder(config, folder)


def _section_folder(config: SiteConfig, folder: str) -> Section | None:
    """A folder's section; None for content/trang/ and a folder whose name gives no address."""
    return None if folder == PAGES_FOLDER or not slugify_vi(folder) else section_of(config, folder)


def _plain_name(folder: str) -> str:
    """ "hoi-nghi" → "Hoi nghi"; a folder named in Vietnamese ("Tin cơ sở") keeps its name."""
    text = folder.replace("-", " ") if is_valid_slug(folder) else folder
    text = clean_inline(text)
    return text[:1].upper() + text[1:]


def site_sections(config: SiteConfig, sources: Iterable[str]) -> tuple[tuple[Section, ...], list[Diagnostic]]:
    """The configured sections in their order, then each other folder holding `sources` (by name).

    FN140 for each folder the site's `sections:` leaves out.
    """
    found = {section.slug: section for section in (section_of(config, e.folder) for e in config.sections or ())}
    others: dict[str, Section] = {}
    folders = {folder_of(source) for source in sources} - {None}  # each folder once, not each article
    for folder in sorted(folders):  # type: ignore[type-var]
        section = _section_folder(config, folder)  # type: ignore[arg-type]
        if section is not None and section.slug not in found:
            others.setdefault(section.slug, section)
    problems = []
    if config.sections is not None:
        problems = [
            diag("FN140", CONFIG_FILE, config.sections_line, folder=s.folder, name=s.name)
            for s in sorted(others.values(), key=lambda s: s.folder)
        ]
    ordered = tuple(found.values()) + tuple(sorted(others.values(), key=lambda s: s.slug))
    return ordered, problems
