"""An article's video and "copy link" in real headless Chromium (Debian's, driven by playwright): nothing
is asked of YouTube before the reader clicks the poster, then the privacy-enhanced player takes its
place; the copy link puts the page's canonical address on the clipboard and says so."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from sitefactory import article, build_site, write_site

pytestmark = pytest.mark.external  # Chromium

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
URL = "/tin-tuc/2020/10/phong-su/"
BODY = "Mời bà con xem phóng sự.\n\nhttps://youtu.be/M7lc1UVf-VE\nPhóng sự Ngày hội Đại đoàn kết\n\nĐoạn cuối."


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("video") / "site", {"content/a.md": article("Phóng sự", body=BODY)})
    assert build_site(root).ok
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root / "public")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def page(origin):
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        foreign: list[str] = []

        def only_this_site(route) -> None:
            if route.request.url.startswith(origin + "/"):
                route.continue_()
            else:  # recorded, never sent: the tests run without the network
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", only_this_site)
        tab = context.new_page()
        tab.foreign = foreign
        tab.goto(origin + URL, wait_until="load")
        yield tab
        browser.close()


def test_the_player_loads_only_when_the_poster_is_clicked(page):
    assert page.foreign == [] and page.locator("iframe").count() == 0
    poster = page.get_by_role("link", name="Xem video trên YouTube")
    poster.focus()
    with page.expect_request(
        lambda request: request.url.startswith("https://www.youtube-nocookie.com/"), timeout=10_000
    ):
        page.keyboard.press("Enter")  # by keyboard as by mouse
    frame = page.locator("figure.video iframe")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1"
    assert frame.get_attribute("title") == "Phóng sự Ngày hội Đại đoàn kết"
    assert page.locator("a.video__link").count() == 0
    assert all(url.startswith("https://www.youtube-nocookie.com/") for url in page.foreign), page.foreign


def test_copy_link_puts_the_canonical_address_on_the_clipboard(page):
    page.get_by_role("link", name="Sao chép liên kết").click()
    status = page.locator(".share__status")
    status.filter(has_text="Đã sao chép").wait_for(timeout=10_000)
    assert page.evaluate("navigator.clipboard.readText()") == "https://thu.example.vn" + URL
    assert page.url.endswith(URL)  # the link was not followed
