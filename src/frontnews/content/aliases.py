"""Read `aliases:`, the old addresses of an article that must still lead to it.

An editor who fixes a typo in a published title moves the article: the links shared on Zalo and
Facebook would break. Each old address becomes a small redirecting page (redirects.py). Only what a
static host can serve is accepted: a path of this site ending in `/` (or with no extension: the
folder is meant) or in `.html`; never a query, `..`, a hidden folder or /static/.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from ..models import Alias
from .config import SiteConfig

PAGE_SUFFIXES = (".html", ".htm")
EXAMPLE = "/tin-tuc/2024/10/ten-cu/"


class Checker(Protocol):
    """articles._Checker: the front matter, and diagnostics at a key's line."""

    fm: Any
    path: str  # the article's source path

    def line(self, where: str) -> int: ...

    def report(self, code: str, where: str, **values: Any) -> None: ...


def read_aliases(check: Checker, config: SiteConfig) -> tuple[Alias, ...]:
    """The valid old addresses, each once; FN107 or FN134 for the others."""
    raw = check.fm.fields.get("aliases")
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        check.report("FN107", "aliases", key="aliases", expected=f'một danh sách địa chỉ cũ, ví dụ ["{EXAMPLE}"]')
        return ()
    found: dict[str, Alias] = {}
    for index, value in enumerate(items):
        where = "aliases" if isinstance(raw, str) else f"aliases[{index}]"
        url, reason = alias_url(value, config)
        if url is None:
            check.report("FN134", where, value=value, reason=reason)
        else:
            found.setdefault(url, Alias(url, check.line(where)))
    return tuple(found.values())


def alias_url(value: str, config: SiteConfig) -> tuple[str | None, str]:
    """The site path an old address names (decoded), or None and why not, in Vietnamese."""
    text = value.strip()
    parts = urlsplit(text)
    if parts.query or parts.fragment or "?" in text or "#" in text:
        return None, "trang tĩnh không chuyển được địa chỉ có dấu “?” hay “#”"
    path = parts.path
    if parts.scheme or parts.netloc:
        host = urlsplit(config.base_url).netloc
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host.lower():
            return None, f"đây là địa chỉ của trang web khác; chỉ chuyển được địa chỉ của trang này ({host})"
        if not (path + "/").startswith(config.base_path + "/"):
            return None, f"địa chỉ nằm ngoài trang web ({config.base_url})"
        path = path[len(config.base_path) :] or "/"
    elif not path.startswith("/"):
        return None, f"hãy ghi đường dẫn trong trang web, bắt đầu bằng “/”, ví dụ {EXAMPLE}"
    path = unquote(path)
    segments = path.split("/")[1:]
    if "\\" in path or any(ord(c) < 32 or c == "\x7f" for c in path):
        return None, "địa chỉ có ký tự không dùng được trong đường dẫn"
    if any(s in (".", "..") or s.startswith(".") for s in segments) or "" in segments[:-1]:
        return None, "đường dẫn không được có “..”, phần bắt đầu bằng dấu chấm hay hai dấu “/” liền nhau"
    if segments[0] == "static":
        return None, "thư mục /static/ chỉ dành cho ảnh và tệp tĩnh"
    last = PurePosixPath(path).name
    if path.endswith("/") or last.lower().endswith(PAGE_SUFFIXES):
        return path, ""
    if PurePosixPath(last).suffix:
        return None, (
            f"máy chủ trang tĩnh không gửi tệp “{PurePosixPath(last).suffix}” như một trang web; "
            "chỉ chuyển được địa chỉ kết thúc bằng “/” hoặc “.html”"
        )
    return path + "/", ""
