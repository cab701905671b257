"""Which Host and Origin headers the preview answers: the guard against DNS rebinding.

A page on another site can make its own name resolve to 127.0.0.1; the browser then lets it read
the preview, drafts included, as if it were that site. Its requests still carry its name in
`Host:`, so the preview answers only names it knows: `localhost`, the name it listens on, those
given with --allowed-host. An IP address is always answered: a name can be rebound, an address
typed in the address bar cannot (Vite's rule too, CVE-2025-24010).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

LOCAL_NAMES = frozenset({"localhost"})
# A host name or a bracketed IPv6 address, then an optional port: nothing else (no user@, no path).
_HOST = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252}))(?::(?P<port>[0-9]{1,5}))?")
_NAME = re.compile(r"\.?[a-z0-9_](?:[a-z0-9_.-]{0,252})")


def allowed_host_value(value: str) -> str:
    """An --allowed-host value, normalised: a name (`may-ban.local`), or `.example.vn` for the
    domain and every name under it. ValueError, in Vietnamese, for anything else."""
    name = value.strip().lower().rstrip(".")
    if not _NAME.fullmatch(name) or ".." in name:
        raise ValueError(
            f"“{value}” không phải tên máy hợp lệ. Hãy ghi tên máy không kèm cổng hay "
            "“http://”, ví dụ --allowed-host may-ban.local, hoặc --allowed-host .example.vn "
            "cho mọi tên thuộc example.vn."
        )
    return name


def split_host(header: str) -> tuple[str, int | None] | None:
    """(lower-case name or IP address, port) of a Host header, or None if it is not one."""
    match = _HOST.fullmatch(header.strip())
    if match is None:
        return None
    name, port = match["name"].lower(), match["port"]
    if name.startswith("["):
        try:
            ipaddress.IPv6Address(name[1:-1])
        except ValueError:
            return None
    name = name.rstrip(".")
    return (name, int(port) if port else None) if name else None


@dataclass(frozen=True, slots=True)
class HostRule:
    """The names the preview answers to; see the module's docstring."""

    names: frozenset[str] = LOCAL_NAMES
    domains: tuple[str, ...] = ()  # ".example.vn": example.vn and every name under it

    @classmethod
    def for_server(cls, bind: str, allowed: Iterable[str] = ()) -> HostRule:
        given = {allowed_host_value(value) for value in allowed}
        names = set(LOCAL_NAMES) | {n for n in given if not n.startswith(".")}
        if bind and _NAME.fullmatch(bind.lower()):
            names.add(bind.lower().rstrip("."))  # --bind may-ban.local
        return cls(frozenset(names), tuple(sorted(n for n in given if n.startswith("."))))

    def allows(self, header: str | None) -> bool:
        """Whether to answer a request with this Host header. None: HTTP/1.0 without one, never a
        browser's request (browsers always send it), so never a rebinding."""
        if header is None:
            return True
        split = split_host(header)
        if split is None:
            return False
        name = split[0]
        return (
            _is_address(name)
            or name in self.names
            or any(name == domain[1:] or name.endswith(domain) for domain in self.domains)
        )


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether an Origin header names this very server as reached (`http://` and the Host header).

    A browser sends no Origin on a same-origin GET, such as the reload script's event stream.
    """
    if origin is None:
        return True
    if host is None or not origin.lower().startswith("http://"):
        return False
    there, here = split_host(origin[len("http://") :]), split_host(host)
    return there is not None and here is not None and (there[0], there[1] or 80) == (here[0], here[1] or 80)


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def refusal(header: str | None) -> bytes:
    """The short text of the 403 answer: why, and how to allow the name if it is the user's own."""
    split = split_host(header or "")
    tip = (
        f" Nếu chính bạn mở trang bằng tên này, hãy chạy lại với: frontnews serve --allowed-host {split[0]}"
        if split
        else ""
    )
    return (
        "Trang xem trước của frontnews chỉ trả lời các địa chỉ localhost, 127.0.0.1, [::1] và địa chỉ "
        f"nó đang nghe, để trang web khác không đọc được bài nháp.{tip}\n"
    ).encode()


ORIGIN_REFUSAL = "Chỉ các trang do chính trang xem trước này trả về mới được theo dõi việc dựng lại.\n".encode()
