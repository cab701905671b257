"""Live reload: a build number open pages follow over Server-Sent Events, and the script they run."""

from __future__ import annotations

import re
import secrets
import threading

EVENTS_PATH = "/__frontnews/events"
RELOAD_JS_PATH = "/__frontnews/reload.js"


class ReloadHub:
    """The number of the latest build, and of the latest one that needs a full page reload.

    A page remembers the build it was served from. When a newer build is announced it reloads,
    unless every build since its own changed only stylesheets: then it refreshes them in place.
    A server started again gets a new `instance`, so pages served by the old one reload too.
    """

    def __init__(self) -> None:
        self.instance = secrets.token_hex(4)
        self._cond = threading.Condition()
        self._number = 0
        self._full = 0
        self._closed = False

    @property
    def number(self) -> int:
        return self._number

    def announce(self, number: int, css_only: bool) -> None:
        with self._cond:
            self._number = number
            if not css_only:
                self._full = number
            self._cond.notify_all()

    def close(self) -> None:
        """Wake every waiting stream so that it ends (the server is stopping)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def wait(self, seen: int, timeout: float) -> str | None:
        """The next event's data once the build number differs from `seen`; None on timeout or close."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._number != seen, timeout)
            if self._closed or self._number == seen:
                return None
            return self.message()

    @property
    def closed(self) -> bool:
        return self._closed

    def snapshot(self) -> tuple[int, str]:
        with self._cond:
            return self._number, self.message()

    def message(self) -> str:
        return f"{self.instance} {self._number} {self._full}"

    def page_id(self, number: int) -> str:
        return f"{self.instance} {number}"


# A file, not inline, so that a Content-Security-Policy of script-src 'self' still lets it run.
# A hidden tab closes its stream (browsers allow six connections to one server) and opens it
# again when shown, reloading then if a build happened meanwhile.
RELOAD_JS = """/* frontnews serve: tải lại trang khi dựng xong */
(function () {
  var loaded = document.currentScript.dataset.build.split(" "), source = null;
  function onBuild(event) {
    var now = event.data.split(" ");
    if (now[0] !== loaded[0]) { location.reload(); return; }
    if (now[1] === loaded[1]) { return; }
    if (Number(now[2]) > Number(loaded[1])) { location.reload(); return; }
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("frontnews", now[1]);
      links[i].href = url.href;
    }
    loaded = now.slice(0, 2);
  }
  function connect() {
    if (source || document.hidden) { return; }
    source = new EventSource("__EVENTS__");
    source.addEventListener("build", onBuild);
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && source) { source.close(); source = null; } else { connect(); }
  });
  connect();
})();
""".replace("__EVENTS__", EVENTS_PATH).encode("utf-8")

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def reload_tag(page_id: str) -> str:
    """The script element a served page gets; `page_id` says which build the page shows."""
    return f'<script src="{RELOAD_JS_PATH}" data-build="{page_id}"></script>\n'


def inject(html: bytes, page_id: str) -> bytes:
    """The page with the reload script before its last </body> (or at its end)."""
    script = reload_tag(page_id).encode("utf-8")
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + script
    at = ends[-1].start()
    return html[:at] + script + html[at:]
