"""The example site's photos in real headless Chromium: the browser takes the srcset candidate that
fits the screen, WebP first, and an article page with one photo stays light on a phone."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import sync_playwright

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
ARTICLE = "/tin-tuc/2020/12/phuong-quang-trung-tong-ket-cong-tac-mat-tran-nam-2020/"  # one photo, in its body
PHOTO = "hoi-nghi-quang-trung-2020"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(site):
    assert not site.base_path, "the example site lives at the root of its host"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site.out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def open_article(served):
    """open_article(width, scale) → (the photo's currentSrc, its width on the page, bytes received)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def load(width: int, scale: float = 1) -> tuple[str, int, int]:
            context = browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=scale)
            page = context.new_page()
            received: list[int] = []
            page.on("requestfinished", lambda r: received.append(r.sizes()["responseBodySize"]))
            try:
                page.goto(served + ARTICLE, wait_until="load")
                photo = page.locator(f"picture img[src*='{PHOTO}']")
                photo.evaluate("img => img.decode()")
                chosen = photo.evaluate("img => [img.currentSrc, img.getBoundingClientRect().width]")
            finally:
                context.close()
            return chosen[0], chosen[1], sum(received)

        yield load
        browser.close()


@pytest.mark.parametrize(
    ("width", "scale", "expected"),
    [
        (390, 1, f"{PHOTO}.480w.webp"),  # a phone's column is ~390 px: the 480 px WebP
        (390, 3, f"{PHOTO}.1600w.webp"),  # the same phone's 3× screen wants ~1170 pixels: 1600
        (1280, 1, f"{PHOTO}.960w.webp"),  # the desktop column is at most 48rem (768 px): the 960 px WebP
    ],
)
def test_the_browser_takes_the_srcset_candidate_that_fits(open_article, width, scale, expected):
    source, shown, _ = open_article(width, scale)
    assert source.endswith(ARTICLE + expected), source
    # `sizes` must not promise less than the page shows, or a blurred candidate would be chosen.
    assert 0 < shown <= (48 * 16 if width >= 60 * 16 else width), shown


def test_an_article_with_a_photo_transfers_under_300_kb_on_a_phone(open_article):
    _, _, received = open_article(390)
    assert received < 300_000, received
