"""Preview server: build into a temporary folder, serve it, rebuild on every save, reload the browser."""

from __future__ import annotations

import errno
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..build import BuildOptions, BuildReport, build
from ..content.config import load_config
from ..diagnostics import Diagnostic
from ..incremental.warm import Warm
from ..paths import CACHE_DIR, STATIC_DIR
from ..processes import Stoppable, Stopped
from ..render.search_index import index_pending
from .host_check import HostRule
from .live_reload import ReloadHub
from .preview_http import PreviewHTTPServer
from .watch import Debouncer, SiteWatcher

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class BuildState:
    """What the latest rebuild left: a site to serve, or the errors to show instead."""

    number: int
    report: BuildReport | None  # None when the build raised
    crash: str = ""  # the traceback when it raised
    base_path: str = ""  # the path of base_url, which prefixes every link ("" or "/du-an")

    @property
    def ok(self) -> bool:
        return self.report is not None and self.report.ok

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.report.diagnostics if self.report is not None else ()


class ServeError(Exception):
    """The server could not start; the message says what to do, in Vietnamese."""


class PortInUse(ServeError):
    def __init__(self, bind: str, port: int, free: int | None) -> None:
        self.port, self.free = port, free
        advice = (
            f" Hãy dùng cổng còn trống: frontnews serve --port {free}" if free else " Hãy chọn cổng khác bằng --port."
        )
        super().__init__(
            f"Cổng {port} trên {bind} đang được chương trình khác dùng (có thể là một frontnews serve khác).{advice}"
        )


class PreviewServer:
    """`frontnews serve` in-process: `start()`, then `url` / `port`, then `stop()` (or `with`).

    Drafts and future articles are shown by default, with their badges (`preview` in templates).
    The site is built into a temporary folder, never into public/.
    """

    def __init__(
        self,
        root: Path,
        *,
        port: int = 8000,
        bind: str = "127.0.0.1",
        drafts: bool = True,
        future: bool = True,
        out: Path | None = None,
        delay: float = 0.25,
        allowed_hosts: Sequence[str] = (),
    ) -> None:
        self.root = Path(root).resolve()
        self.bind = bind
        self.hosts = HostRule.for_server(bind, allowed_hosts)  # the Host names it answers (host_check)
        self.drafts, self.future = drafts, future
        self.hub = ReloadHub()
        self.state = BuildState(0, None)
        self._warm = Warm()  # the articles as loaded, from one rebuild to the next
        self._port = port
        self._out = Path(out).resolve() if out is not None else None
        self._tmp: Path | None = None
        self._cond = threading.Condition()
        self._building = False
        self._debouncer = Debouncer(self._rebuild, idle=self._idle, delay=delay)
        self._stoppable = Stoppable()  # stop() ends a running rebuild's worker processes at once
        self._watcher: SiteWatcher | None = None
        self._httpd: PreviewHTTPServer | None = None
        self._http_thread: threading.Thread | None = None
        self._stopped = False
        self._search_due = False  # the last build left shards of the search index to index

    @property
    def out(self) -> Path:
        """The folder being served: the latest successful build."""
        assert self._out is not None, "start() first"
        return self._out

    @property
    def port(self) -> int:
        assert self._httpd is not None, "start() first"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind in ("", "0.0.0.0") else "[::1]" if self.bind == "::" else self.bind
        host = f"[{host}]" if ":" in host and not host.startswith("[") else host
        return f"http://{host}:{self.port}{self.state.base_path}/"

    @property
    def builds(self) -> int:
        """How many builds have finished, the first one included."""
        return self.state.number

    @property
    def building(self) -> bool:
        return self._building

    def start(self) -> PreviewServer:
        self._httpd = bind_server(self.bind, self._port, self)
        try:
            if self._out is None:  # outside the site: nothing to ignore, nothing to commit by mistake
                self._tmp = Path(tempfile.mkdtemp(prefix="frontnews-preview-"))
                self._out = self._tmp / "site"
            if self.bind not in LOOPBACK:
                print(
                    f"Cảnh báo: trang xem trước mở cho mọi máy trong mạng ({self.bind}), kể cả bài nháp và "
                    "bài chưa đăng. Chỉ dùng trong mạng tin cậy; đây không phải máy chủ để đăng trang thật.",
                    file=sys.stderr,
                )
            # Watch before the first build, so that a save during it is not lost.
            self._watcher = SiteWatcher(self.root, self._debouncer.poke, ignored=(self.out, self.root / CACHE_DIR))
            self._watcher.start()
            self._rebuild(frozenset())
            self._debouncer.start()
            self._http_thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="frontnews-http", daemon=True
            )
            self._http_thread.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop serving, watching and building; release the port; remove the temporary folder."""
        if self._stopped:
            return
        self._stopped = True
        self._stoppable.stop()
        self.hub.close()  # ends every open event stream
        if self._httpd is not None:
            if self._http_thread is not None and self._http_thread.is_alive():
                self._httpd.shutdown()
            self._httpd.server_close()
        if self._watcher is not None:
            self._watcher.stop()
        self._debouncer.stop()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no rebuild is running; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._building, timeout)

    def options(self) -> BuildOptions:
        return BuildOptions(
            root=self.root, out=self.out, drafts=self.drafts, future=self.future, preview=True, warm=self._warm
        )

    def _rebuild(self, changed: frozenset[str]) -> None:
        """One rebuild. Whatever it raises becomes the error page: the server keeps running."""
        if self._watcher is not None:
            self._watcher.sync()
        with self._cond:
            self._building = True
        started = time.perf_counter()
        report, crash = None, ""
        try:
            with self._stoppable.running():
                report = build(self.options())
        except Stopped:  # the server is stopping: its worker processes were ended, nothing to show
            pass
        except Exception:  # noqa: BLE001 - shown in the browser and the terminal, never fatal
            crash = traceback.format_exc()
        if self._stopped:
            with self._cond:
                self._building = False
                self._cond.notify_all()
            return
        previous = self.state
        state = BuildState(previous.number + 1, report, crash, self._base_path(previous.base_path))
        css_only = (
            previous.ok
            and state.ok
            and bool(changed)
            and all(p.startswith(f"{STATIC_DIR}/") and p.endswith(".css") for p in changed)
        )
        with self._cond:
            self.state = state
            self._building = False
            self._search_due = state.ok
            self._cond.notify_all()
        self.hub.announce(state.number, css_only)
        print_rebuild(state, changed, time.perf_counter() - started)

    def _index_search(self) -> None:
        """The search index of the pages just built, after the browser has them (render/search_index)."""
        self._search_due = False
        started = time.perf_counter()
        indexed, problems = index_pending(self.out)
        for problem in problems:
            print(problem, file=sys.stderr)
        if indexed and not problems:
            took = f"{time.perf_counter() - started:.2f}".replace(".", ",")
            print(f"[{time.strftime('%H:%M:%S')}] đã cập nhật chỉ mục tìm kiếm trong {took} giây.", flush=True)

    def _base_path(self, previous: str) -> str:
        try:
            return load_config(self.root)[0].base_path
        except Exception:  # noqa: BLE001 - the build has already reported what is wrong
            return previous

    def _idle(self) -> None:
        # A source folder that appeared or was replaced without an event we saw.
        if self._watcher is not None and self._watcher.sync():
            self._debouncer.poke()
        elif self._search_due:  # in the rebuild thread, so never during a build
            self._index_search()


def bind_server(bind: str, port: int, preview: PreviewServer) -> PreviewHTTPServer:
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    try:
        return PreviewHTTPServer((bind, port), preview, family)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(bind, port, next_free_port(bind, port, family)) from None
        raise ServeError(
            f"Không mở được máy chủ ở {bind}:{port}: {exc.strerror or exc}. Hãy kiểm tra --bind và --port."
        ) from None


def next_free_port(bind: str, port: int, family: int = socket.AF_INET) -> int | None:
    for candidate in range(port + 1, min(port + 100, 65536)):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as http.server does
            try:
                probe.bind((bind, candidate))
            except OSError:
                continue
            return candidate
    return None


def print_rebuild(state: BuildState, changed: frozenset[str], seconds: float) -> None:
    """One line per rebuild on stdout; the diagnostics, all of them, on stderr."""
    names = sorted(changed)
    what = ", ".join(names[:3]) + (f" và {len(names) - 3} tệp khác" if len(names) > 3 else "")
    prefix = f"[{time.strftime('%H:%M:%S')}] " + (f"{what} thay đổi: " if names else "")
    took = f"{seconds:.2f}".replace(".", ",")
    for problem in state.diagnostics:
        print(problem, file=sys.stderr)
    report = state.report
    if report is None:  # the build raised
        print(state.crash.rstrip(), file=sys.stderr)
        print(
            f"{prefix}lỗi không mong đợi khi dựng trang ({took} giây). Máy chủ vẫn chạy; "
            "trình duyệt đang hiện lỗi này.",
            file=sys.stderr,
        )
    elif report.ok:
        warned = f", {len(report.warnings)} cảnh báo" if report.warnings else ""
        print(f"{prefix}đã dựng {report.articles} bài viết, {report.pages} trang{warned} trong {took} giây.")
    else:
        print(
            f"{prefix}chưa dựng được: {len(report.errors)} lỗi ({took} giây). "
            "Trình duyệt đang hiện danh sách lỗi; sửa xong, trang sẽ tự tải lại.",
            file=sys.stderr,
        )
    sys.stdout.flush()


def serve_until_interrupted(server: PreviewServer) -> int:
    """`frontnews serve`: run until Ctrl-C (or SIGTERM); 0 on a clean stop, 1 if it cannot start."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        try:
            server.start()
        except ServeError as exc:
            print(f"frontnews: {exc}", file=sys.stderr)
            return 1
        print(f"Xem trước tại {server.url}  (Ctrl-C để dừng)", flush=True)
        # The kernel may hand Ctrl-C to any thread (HTTP, watching, rebuilding), and Python runs its
        # handler only when the main thread runs Python code: a long sleep would miss it.
        while True:
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
        server.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, previous)
    print("Đã dừng máy chủ xem trước.", flush=True)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
