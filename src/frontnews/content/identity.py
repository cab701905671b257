"""The site's identity, `site:` in frontnews.yaml: emblem, banner, and the committee's legal details.

Shown in the header (logo, banner) and the footer (organisation, address, phone, email, the person
responsible for the content, the licence line), and in the JSON-LD `Organization` that publishes
every article (site.seo). Pictures are files of static/ (the site's, else the theme's): a page
never loads anything from another host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from ..diagnostics import Diagnostic, diag, suggestion
from ..paths import CONFIG_FILE, STATIC_DIR, THEME_STATIC
from ..vi.text import clean_inline, closest

PICTURES = ("logo", "banner")
TEXTS = ("organization", "address", "phone", "email", "responsible", "license")
KEYS = PICTURES + TEXTS
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_RE = re.compile(r"\+?[\d .()\-]{6,}")


@dataclass(frozen=True, slots=True)
class SiteIdentity:
    logo: str | None = None  # URL path, /static/…
    banner: str | None = None
    organization: str = ""  # the committee's full name; the footer and JSON-LD fall back on the title
    address: str = ""
    phone: str = ""
    email: str = ""
    responsible: str = ""  # người chịu trách nhiệm nội dung
    license: str = ""  # the permit line, e.g. "Giấy phép số … của Sở …"

    @property
    def phone_href(self) -> str:
        """`tel:` and the number's digits (a leading + kept): "0221 3 123 456" → tel:02213123456."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return "tel:" + digits[:1] + digits[1:].replace("+", "")


def read_identity(section: Any, lines: dict[str, int], root: Path) -> tuple[SiteIdentity, list[Diagnostic]]:
    """`site:` as a SiteIdentity; FN002 for a wrong value, FN005 for an unknown key, FN153/FN154 for pictures."""
    if section is None:
        return SiteIdentity(), []
    problems: list[Diagnostic] = []
    if not isinstance(section, dict):
        return SiteIdentity(), [
            diag(
                "FN002",
                CONFIG_FILE,
                lines.get("site", 1),
                key="site",
                detail="phải gồm các dòng “khóa: giá trị”: " + ", ".join(KEYS),
            )
        ]
    values: dict[str, Any] = {}
    for key, raw in section.items():
        line = lines.get(f"site.{key}", lines.get("site", 1))
        if key not in KEYS:
            problems.append(
                diag("FN005", CONFIG_FILE, line, key=f"site.{key}", hint=suggestion(closest(str(key), KEYS, 1)))
            )
            continue
        text = clean_inline(str(raw)) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
        if not text:
            problems.append(
                diag("FN002", CONFIG_FILE, line, key=f"site.{key}", detail="phải là một dòng chữ không rỗng")
            )
        elif key in PICTURES:
            url, code = picture_url(text, root)
            if code:
                problems.append(diag(code, CONFIG_FILE, line, key=key, value=text))
            else:
                values[key] = url
        elif wrong := text_problem(key, text):
            problems.append(diag("FN002", CONFIG_FILE, line, key=f"site.{key}", detail=wrong))
        else:
            values[key] = text
    return SiteIdentity(**values), problems


def text_problem(key: str, text: str) -> str | None:
    """What is wrong with an email address or a phone number, in words for the editor; None if nothing."""
    if key == "email" and not _EMAIL_RE.fullmatch(text):
        return "phải là một địa chỉ thư điện tử, ví dụ mttq@phuong-x.gov.vn"
    if key == "phone" and not _PHONE_RE.fullmatch(text):
        return "phải là một số điện thoại, ví dụ 0221 3 123 456"
    return None


def picture_url(text: str, root: Path) -> tuple[str | None, str | None]:
    """The URL of a picture of static/ (`/static/logo.png`, `static/logo.png` or `logo.png`), or a code.

    The site's static/ wins over the theme's, as when they are published.
    """
    if "://" in text or text.startswith(("//", "data:")) or "\\" in text:
        return None, "FN154"
    path = text.lstrip("/")
    path = path[len(STATIC_DIR) + 1 :] if path.startswith(STATIC_DIR + "/") else path
    relative = PurePosixPath(path)
    if not path or ".." in relative.parts:
        return None, "FN154"
    for folder in (root / STATIC_DIR, THEME_STATIC):
        if _inside(folder / relative, folder):
            return f"/{STATIC_DIR}/" + quote(relative.as_posix()), None
    return None, "FN153"


def _inside(candidate: Path, folder: Path) -> bool:
    try:
        return candidate.resolve(strict=True).is_file() and candidate.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False
