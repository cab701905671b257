"""`frontnews init`: a new, working site for one committee, with its CI files, from the scaffold."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, StrictUndefined

from .. import __version__
from ..paths import SCAFFOLD_DIR
from ..vi.dates import DEFAULT_TZ
from ..vi.text import clean_inline, slugify_vi
from .init_identity import prepare_identity
from .self_wheel import WheelError, build_wheel, sha256_of

SCAFFOLD = SCAFFOLD_DIR
TEMPLATE_SUFFIX = ".j2"  # filled with the site's values; every other file is copied as it is
DEFAULT_BASE_URL = "http://localhost:8000/"
# The wheel of the frontnews that made the site, which requirements.txt installs, and its checksum,
# which the CI files check with `sha256sum --check` before installing it.
WHEELS = ".frontnews/wheels"
CHECKSUMS = f"{WHEELS}/SHA256SUMS"

# "Ủy ban MTTQ Việt Nam phường X" → "phường X": the unit's own name, without the committee words.
_COMMITTEE_RE = re.compile(r"^(?:ủy|uỷ) ban (?:mặt trận tổ quốc|mttq)(?: việt nam)?\s+", re.IGNORECASE)
# Longest first, so that "thị xã" is not read as "thị" + "xã".
LEVELS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


class InitError(Exception):
    """A reason, in Vietnamese, why no site was created."""


@dataclass(frozen=True, slots=True)
class NewSite:
    """The values the scaffold's templates are filled with."""

    name: str  # the committee's full name, as given
    slug: str
    short_name: str
    level: str
    title: str
    description: str
    base_url: str
    date: str  # the example article's date, dd/mm/yyyy HH:MM in Việt Nam time
    version: str


def describe(name: str, base_url: str | None, now: dt.datetime) -> NewSite:
    """Work out the unit's slug, short name and level from the committee's name."""
    name = clean_inline(name)
    if not slugify_vi(name):
        raise InitError('tên đơn vị phải có ít nhất một chữ hoặc số, ví dụ --name "Ủy ban MTTQ phường Lê Lợi".')
    match = _COMMITTEE_RE.match(name)
    place = name[match.end() :] if match else name
    level = next((lvl for lvl in LEVELS if place.casefold().startswith(lvl + " ")), "")
    url = check_base_url(base_url) if base_url else DEFAULT_BASE_URL
    local = now.astimezone(ZoneInfo(DEFAULT_TZ)).replace(second=0, microsecond=0)
    return NewSite(
        name=name,
        slug=slugify_vi(place) or slugify_vi(name),
        short_name=f"MTTQ {place}" if match else name,
        level=level,
        title=name,
        description=f"Tin hoạt động của {name}.",
        base_url=url,
        date=f"{local:%d/%m/%Y %H:%M}",
        version=__version__,
    )


def check_base_url(url: str) -> str:
    """An absolute http(s) URL, ending in one "/"."""
    url = url.strip()
    if not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", url):
        raise ValueError(
            f"địa chỉ trang “{url}” phải là địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://, "
            "ví dụ https://mttq-phuong-x.github.io/"
        )
    return url.rstrip("/") + "/"


def scaffold_files() -> list[tuple[str, Path]]:
    """(path in the new site, file in the package), sorted; dot-files and CI files included."""
    files = []
    for file in sorted(SCAFFOLD.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            relative = file.relative_to(SCAFFOLD).as_posix()
            files.append((relative.removesuffix(TEMPLATE_SUFFIX), file))
    return sorted(files)


def init_site(
    target: Path, name: str, base_url: str | None, now: dt.datetime, identity: Mapping[str, str | None] | None = None
) -> list[str]:
    """Create the site in `target` (absent or empty); return the paths written, sorted. Never overwrites.

    `identity` holds the `site:` values given as flags (init_identity.FLAGS); the organisation's
    name is `name` unless given.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"thư mục {target} đã có tệp; hãy chọn một thư mục mới hoặc thư mục trống.")
    try:
        site = describe(name, base_url, now)
        given = {key: value for key, value in (identity or {}).items() if value is not None}
        entries, pictures = prepare_identity({"organization": site.name, **given})
        wheel, wheel_data = build_wheel()
    except (ValueError, WheelError) as exc:
        raise InitError(str(exc)) from None
    # The scaffold's templates make YAML and text files, not HTML: values are quoted by the `yaml` filter.
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)  # noqa: S701
    # A YAML double-quoted scalar is a JSON string: any name is safe in a YAML value.
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    values = asdict(site) | {"wheel": f"{WHEELS}/{wheel}", "identity": entries}
    files: dict[str, bytes] = {
        **pictures,
        f"{WHEELS}/{wheel}": wheel_data,
        # sha256sum's own format, with the path from the site's folder, where CI runs.
        CHECKSUMS: f"{sha256_of(wheel_data)}  {WHEELS}/{wheel}\n".encode(),
    }
    for relative, source in scaffold_files():
        data = source.read_text(encoding="utf-8")
        if source.name.endswith(TEMPLATE_SUFFIX):
            data = env.from_string(data).render(values)
        files[relative] = data.encode("utf-8")  # read_text made every line end "\n"
    for relative in sorted(files):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[relative])
    return sorted(files)
