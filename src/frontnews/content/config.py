"""Load `frontnews.yaml` into a frozen SiteConfig, with diagnostics for bad values."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..diagnostics import Diagnostic, diag, suggestion
from ..paths import CONFIG_FILE
from ..vi.text import closest, is_valid_slug
from .encoding import not_utf8
from .front_matter import load_yaml
from .identity import SiteIdentity, read_identity
from .image_settings import ImageSettings, read_images
from .section_config import SectionConfig, read_pages, read_sections
from .site_files import read_site_file
from .sources import decode_text

ARTICLE_URL_FIELDS = ("{year}", "{month}", "{day}", "{slug}", "{unit}", "{section}")


@dataclass(frozen=True, slots=True)
class RelatedWeights:
    """The weights of "Các tin tức khác" (site.related), from frontnews.yaml's `related.weights`."""

    text: float = 6.0  # times the text similarity (0 to 1) of the two articles; 0: text not read
    participant: float = 1.0  # per shared participant (by Participant.slug), scaled by rarity: the most one can add
    tag: float = 3.0  # per shared tag (by Tag.slug), scaled by rarity: the most one tag can add
    unit: float = 2.0  # same unit
    unit_family: float = 0.75  # the other's unit is the parent or a child of this unit


@dataclass(frozen=True, slots=True)
class NavItem:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str = "Tin tức Mặt trận"
    description: str = ""
    base_url: str = "http://localhost:8000/"
    language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    per_page: int = 20  # the first page of a list, and each archive page
    article_url: str = "/tin-tuc/{year}/{month}/{slug}/"
    related_count: int = 5
    related_weights: RelatedWeights = field(default_factory=RelatedWeights)
    unsafe_html: bool = False
    nav: tuple[NavItem, ...] = ()
    menu_units: tuple[str, ...] | None = None  # None: every unit, as a tree
    menu_topics: tuple[str, ...] | None = None  # None: the menu_topic_count most used tags
    menu_topic_count: int = 6
    menu_line: int = field(default=0, compare=False)  # where `menu:` is, for warnings about it
    site_unit: str | None = None  # the site's own unit, which `frontnews new` writes into a new article
    site_unit_line: int = field(default=0, compare=False)
    search: bool = True  # the search page, the header's search box and the Pagefind index
    identity: SiteIdentity = field(default_factory=SiteIdentity)  # `site:` (identity.py)
    images: ImageSettings = field(default_factory=ImageSettings)  # how photos are published (media/)
    sections: tuple[SectionConfig, ...] | None = None  # None: no `sections:`, every folder named by default
    menu_pages: tuple[str, ...] = ()  # standing pages in the main menu, by address
    footer_pages: tuple[str, ...] | None = None  # None: every page of content/trang/
    sections_line: int = field(default=0, compare=False)
    pages_line: int = field(default=0, compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of base_url without its trailing slash: "" or "/repo"."""
        rest = self.base_url.split("://", 1)[-1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
        return path.rstrip("/")


KNOWN_KEYS = (
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "per_page",
    "article_url",
    "related",
    "markdown",
    "nav",
    "menu",
    "site_unit",
    "search",
    "site",
    "images",
    "sections",
    "pages",
)


def load_config(root: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read frontnews.yaml; a missing file means all defaults."""
    raw, problems = read_site_file(root, CONFIG_FILE)
    if raw is None:
        return SiteConfig(), problems
    try:
        text = decode_text(raw)
    except UnicodeDecodeError as exc:  # a config saved in Windows-1258: say so, as for articles
        return SiteConfig(), [not_utf8(raw, CONFIG_FILE, exc)]
    data, lines, problems = load_yaml(text, CONFIG_FILE, 1, code="FN001")
    if problems:
        return SiteConfig(), problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return SiteConfig(), [
            diag("FN002", CONFIG_FILE, 1, key="(toàn tệp)", detail="tệp phải gồm các dòng “khóa: giá trị”")
        ]
    return _build_config(data, lines, root)


def _build_config(data: dict[str, Any], lines: dict[str, int], root: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    problems: list[Diagnostic] = []

    def bad(key: str, detail: str) -> None:
        problems.append(diag("FN002", CONFIG_FILE, lines.get(key.split(".")[0], 1), key=key, detail=detail))

    for key in data:
        if key not in KNOWN_KEYS:
            problems.append(
                diag(
                    "FN005",
                    CONFIG_FILE,
                    lines.get(str(key), 1),
                    key=key,
                    hint=suggestion(closest(str(key), KNOWN_KEYS, 1)),
                )
            )
    values: dict[str, Any] = {}
    for key in ("title", "description", "base_url", "language", "timezone", "article_url", "site_unit"):
        if key in data:
            if isinstance(data[key], str) and data[key].strip():
                values[key] = data[key].strip()
            else:
                bad(key, "phải là một chuỗi chữ không rỗng")
    if "base_url" in values:
        if not values["base_url"].startswith(("http://", "https://")):
            bad("base_url", "phải bắt đầu bằng http:// hoặc https://")
        values["base_url"] = values["base_url"].rstrip("/") + "/"
    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            bad("timezone", "không có múi giờ này; hãy dùng Asia/Ho_Chi_Minh")
            del values["timezone"]
    if "article_url" in values and not _valid_pattern(values["article_url"]):
        bad(
            "article_url",
            "phải bắt đầu và kết thúc bằng “/”, có {slug}, và chỉ dùng {year} {month} {day} {slug} {unit} {section}",
        )
        del values["article_url"]
    if "per_page" in data:
        if _positive_int(data["per_page"]):
            values["per_page"] = data["per_page"]
        else:
            bad("per_page", "phải là số nguyên dương")
    values.update(_related(data.get("related"), bad))
    values.update(_markdown(data.get("markdown"), bad))
    values.update(_nav(data.get("nav"), bad))
    values.update(_menu(data.get("menu"), bad), menu_line=lines.get("menu", 0))
    if "search" in data:
        if isinstance(data["search"], bool):
            values["search"] = data["search"]
        else:
            bad("search", "chỉ có true (bật tìm kiếm) hoặc false (tắt)")
    values["identity"], more = read_identity(data.get("site"), lines, root)
    problems += more
    values.update(read_images(data.get("images"), bad))
    values.update(read_sections(data.get("sections"), bad), sections_line=lines.get("sections", 0))
    values.update(read_pages(data.get("pages"), bad), pages_line=lines.get("pages", 0))
    if "site_unit" in values:  # whether it names a unit is checked with the units (siteunit.py)
        values["site_unit_line"] = lines.get("site_unit", 1)
    return SiteConfig(**values), problems


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _valid_pattern(pattern: str) -> bool:
    if not (pattern.startswith("/") and pattern.endswith("/") and "{slug}" in pattern):
        return False
    rest = pattern
    for name in ARTICLE_URL_FIELDS:
        rest = rest.replace(name, "x")
    return all(is_valid_slug(part) for part in rest.strip("/").split("/"))


def _related(section: Any, bad) -> dict[str, Any]:
    if section is None:
        return {}
    if not isinstance(section, dict):
        bad("related", "phải gồm count và weights")
        return {}
    values: dict[str, Any] = {}
    if "count" in section:
        if _positive_int(section["count"]):
            values["related_count"] = section["count"]
        else:
            bad("related.count", "phải là số nguyên dương")
    weights = section.get("weights", {})
    known = {f.name for f in fields(RelatedWeights)}
    if (
        not isinstance(weights, dict)
        or not set(weights) <= known
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in weights.values())
    ):
        bad("related.weights", "chỉ gồm " + ", ".join(sorted(known)) + " với giá trị là số không âm")
    else:
        values["related_weights"] = RelatedWeights(**{k: float(v) for k, v in weights.items()})
    return values


def _markdown(section: Any, bad) -> dict[str, Any]:
    if section is None:
        return {}
    if not isinstance(section, dict) or not isinstance(section.get("unsafe_html", False), bool):
        bad("markdown", "chỉ có unsafe_html: true hoặc false")
        return {}
    return {"unsafe_html": section.get("unsafe_html", False)}


def _nav(section: Any, bad) -> dict[str, Any]:
    if section is None:
        return {}
    if not isinstance(section, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("title"), str) and isinstance(entry.get("url"), str)
        for entry in section
    ):
        bad("nav", "phải là danh sách các mục {title: …, url: …}")
        return {}
    return {"nav": tuple(NavItem(entry["title"].strip(), entry["url"].strip()) for entry in section)}


def _menu(section: Any, bad) -> dict[str, Any]:
    """`menu: {units: all | [slug…], topics: N | [tên chủ đề…]}`."""
    if section is None:
        return {}
    if not isinstance(section, dict) or not set(section) <= {"units", "topics"}:
        bad("menu", "chỉ gồm units (all hoặc danh sách slug) và topics (một số hoặc danh sách chủ đề)")
        return {}
    values: dict[str, Any] = {}
    units, topics = section.get("units", "all"), section.get("topics", 6)
    if units != "all":
        if _names(units):
            values["menu_units"] = tuple(str(u).strip() for u in units)
        else:
            bad("menu.units", "phải là all hoặc danh sách slug đơn vị")
    if isinstance(topics, int) and not isinstance(topics, bool) and topics >= 0:
        values["menu_topic_count"] = topics
    elif _names(topics):
        values["menu_topics"] = tuple(str(t).strip() for t in topics)
    else:
        bad("menu.topics", "phải là số chủ đề dùng nhiều nhất, hoặc danh sách tên chủ đề")
    return values


def _names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
