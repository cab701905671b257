"""The preview server's HTTP side: only files of the built site, reload script added, no caching."""

from __future__ import annotations

import socket
import sys
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic
from ..render.output import UnsafePath, safe_path
from .error_page import error_page
from .host_check import ORIGIN_REFUSAL, HostRule, refusal, same_origin
from .live_reload import EVENTS_PATH, RELOAD_JS, RELOAD_JS_PATH, ReloadHub, inject


class BuildState(Protocol):
    """What the HTTP side reads of the latest rebuild (server.BuildState)."""

    @property
    def number(self) -> int: ...

    @property
    def ok(self) -> bool: ...

    @property
    def diagnostics(self) -> Sequence[Diagnostic]: ...

    @property
    def crash(self) -> str: ...

    @property
    def base_path(self) -> str: ...


class PreviewServer(Protocol):
    """What the HTTP side reads of the preview (server.PreviewServer): the folder served, the
    latest rebuild, whether one is running, and the reload hub."""

    @property
    def out(self) -> Path: ...

    @property
    def state(self) -> BuildState: ...

    @property
    def building(self) -> bool: ...

    @property
    def hub(self) -> ReloadHub: ...

    @property
    def hosts(self) -> HostRule: ...

    def wait_idle(self, timeout: float) -> bool: ...


# Our own table: mimetypes reads /etc/mime.types, which differs between machines.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
}
HTML_TYPE = CONTENT_TYPES[".html"]
# A page read while the output folder is being swapped may be missing for a moment.
SWAP_WAIT = 30.0


def content_type(path: Path, head: bytes = b"") -> str:
    """The Content-Type of a built file; an .xml file that is a feed says so."""
    suffix = path.suffix.lower()
    if suffix == ".xml" and b"<feed" in head and b"http://www.w3.org/2005/Atom" in head:
        return CONTENT_TYPES[".atom"]
    if suffix == ".xml" and b"<rss" in head:
        return CONTENT_TYPES[".rss"]
    return CONTENT_TYPES.get(suffix, "application/octet-stream")


def locate(out: Path, url_path: str, base_path: str = "") -> tuple[Path | None, str | None]:
    """(the file to serve, None), (None, a URL to redirect to), or (None, None) for 404.

    The path is percent-decoded first, so `%2e%2e` is `..`; then `safe_path` refuses `..`,
    absolute paths and anything that resolves (through symlinks) outside the output folder.
    """
    try:
        path = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None, None
    if not path.startswith("/") or "\x00" in path:
        return None, None
    if base_path:
        if path in ("/", base_path):  # the site lives under base_url's path, e.g. /du-an/
            return None, base_path + "/"
        if not path.startswith(base_path + "/"):
            return None, None
        path = path[len(base_path) :]
    relative = path[1:]  # one slash only: "//etc/passwd" stays absolute, and is refused
    try:
        target = safe_path(out, relative) if relative else out.resolve()
        if target.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            target = safe_path(out, f"{relative.rstrip('/')}/index.html".lstrip("/"))
    except (UnsafePath, OSError):
        return None, None
    return (target if target.is_file() else None), None


class PreviewHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not keep the process alive
    # The kernel's queue of connections not yet accepted (socketserver's default is 5). A page
    # opens many at once, with its images; one past the queue waits for a resent SYN, a second or more.
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], preview: PreviewServer, family: int = socket.AF_INET) -> None:
        self.address_family = family
        self.preview = preview
        super().__init__(address, PreviewHandler)

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        """A browser that goes away mid-request is normal; anything else is printed, and serving goes on."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewHTTPServer
    server_version = "frontnews-serve"
    sys_version = ""
    timeout = 60  # a connection that sends nothing does not keep its thread for ever

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build results, not for every request."""

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        preview = self.server.preview
        url = urlsplit(self.path)
        hosts = self.headers.get_all("Host") or []
        host = hosts[0] if hosts else None
        if len(hosts) > 1 or not preview.hosts.allows(host):
            return self._send(403, refusal(host), CONTENT_TYPES[".txt"], head)
        if url.path == EVENTS_PATH and not head:
            if not same_origin(self.headers.get("Origin"), host):  # another site's page: no stream for it
                return self._send(403, ORIGIN_REFUSAL, CONTENT_TYPES[".txt"], head)
            return self._events()
        if url.path == RELOAD_JS_PATH:
            return self._send(200, RELOAD_JS, CONTENT_TYPES[".js"], head)
        state, file, data, redirect = self._lookup(url.path)
        if redirect is not None:
            return self._send(
                301, b"", HTML_TYPE, head, {"Location": redirect + (f"?{url.query}" if url.query else "")}
            )
        if not state.ok and (file is None or file.suffix.lower() in (".html", ".htm")):
            return self._page(500, error_page(state.diagnostics, state.crash), head, state.number)
        if file is None or data is None:
            return self._page(404, _read(safe_404(preview.out)) or NOT_FOUND, head, state.number)
        kind = content_type(file, data[:512])
        if kind == HTML_TYPE:
            return self._page(200, data, head, state.number)
        return self._send(200, data, kind, head)

    def _lookup(self, path: str) -> tuple[BuildState, Path | None, bytes | None, str | None]:
        """The build state, the file and its bytes (or a redirect) for a URL path.

        A rebuild swaps the output folder in with two renames: a file looked up in between seems
        missing. So a miss during or across a rebuild is looked up again once the rebuild is done.
        """
        preview = self.server.preview
        while True:
            state = preview.state
            file, redirect = locate(preview.out, path, state.base_path)
            data = _read(file)
            if data is not None or redirect is not None:
                return state, file, data, redirect
            if not (preview.building or preview.state is not state) or not preview.wait_idle(SWAP_WAIT):
                return state, None, None, None
            if preview.state is state:  # nothing was swapped: it really is missing
                return state, None, None, None

    def _page(self, status: int, html: bytes, head: bool, number: int) -> None:
        """An HTML response, with the reload script that knows which build it shows."""
        page_id = self.server.preview.hub.page_id(number)
        self._send(status, inject(html, page_id), HTML_TYPE, head)

    def _send(self, status: int, data: bytes, kind: str, head: bool, extra: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")  # a reload must never show an old page
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (a reload cancels its requests)

    def _events(self) -> None:
        """Server-Sent Events: the build number now, then after every rebuild, until the server stops."""
        hub = self.server.preview.hub
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Accel-Buffering", "no")
            self.end_headers()
            seen, message = hub.snapshot()
            self.wfile.write(b"retry: 1000\n\n" + _event(message))
            while not hub.closed:
                update = hub.wait(seen, timeout=15.0)
                if update is None:
                    self.wfile.write(b": ping\n\n")  # finds closed connections, keeps proxies open
                else:
                    self.wfile.write(_event(update))
                    seen = int(update.split()[1])
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass


def _event(message: str) -> bytes:
    return f"event: build\ndata: {message}\n\n".encode()


def _read(file: Path | None) -> bytes | None:
    if file is None:
        return None
    try:
        return file.read_bytes()
    except OSError:  # deleted or swapped away since it was found
        return None


def safe_404(out: Path) -> Path | None:
    file, _ = locate(out, "/404.html")
    return file


NOT_FOUND = (
    '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Không tìm thấy trang</title>'
    "</head><body><h1>Không tìm thấy trang</h1><p>Địa chỉ này không có trong trang web.</p>"
    "</body></html>\n"
).encode()
