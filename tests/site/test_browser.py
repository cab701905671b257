"""The built site in real headless Chromium (Debian's, driven by playwright): axe-core finds no
serious or critical accessibility violation, the "Các tin tức khác" sidebar sits beside the article
on desktop and after it on phones, nothing scrolls sideways, and nothing loads from another host.

Each page is loaded once per viewport; the screenshots go to the pytest temporary folder
(/tmp/pytest-of-<user>/pytest-<N>/screenshots0/) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass

import pytest
from playwright.sync_api import sync_playwright

pytestmark = pytest.mark.external  # Chromium, axe-core from npm

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844), "narrow": (360, 740)}
PAGES = ("home", "article", "unit", "404", "video", "section", "documents", "document", "page")
SIDEBAR = "aside:has-text('Các tin tức khác')"
# Load lazy images now (a full-page screenshot does not scroll), then name those that did not decode.
LOAD_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.filter(img => !img.naturalWidth).map(img => "image not shown: " + img.currentSrc);
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    base_path = ""

    def translate_path(self, path: str) -> str:
        # The site may live under a path (base_url https://host/du-an/): serve the folder there.
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path[len(self.base_path) :]
        return super().translate_path(path)

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture(scope="session")
def origin(site):
    """The built folder over real HTTP on a free loopback port, for the whole session."""
    handler = type("Handler", (QuietHandler,), {"base_path": site.base_path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site.out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    # Module scope: one sync playwright at a time, and other browser tests start theirs after this.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def page_urls(site) -> dict[str, str | None]:
    """The page of each kind to look at; None when the site has none (its test then fails)."""
    home = site.base_path + "/"
    linked = [site.local_path(r.value, home) for r in site.refs(home) if r.tag == "a"]
    units = [u for u in site.pages if re.fullmatch(re.escape(site.base_path) + r"/don-vi/[^/]+/", u)]

    def first(kind: str, test: str = "true()") -> str | None:
        """The first page whose <body> has the class page-KIND and for which the XPath `test` holds."""
        return next(
            (u for u in site.pages if site.doc(u).xpath(f"boolean(//body[@class='page-{kind}'] and {test})")), None
        )

    return {
        "home": home,
        "article": next((u for u in linked if u in site.article_pages), None),
        # The richest unit page (the top unit's shows its children's news too).
        "unit": max(units, key=lambda u: site.pages[u].stat().st_size) if units else None,
        "404": site.base_path + "/404.html" if site.base_path + "/404.html" in site.pages else None,
        "video": next(
            (u for u in site.article_pages if site.doc(u).xpath("//figure[contains(@class, 'video')]")), None
        ),
        "section": first("section", "not(//table[@class='documents'])"),  # a section's list of articles
        "documents": first("section", "//table[@class='documents']"),  # a section's list of documents
        "document": first("article", "//dl[@class='document-facts']"),  # a document's own page
        "page": first("standing"),  # a standing page (Giới thiệu, Liên hệ)
    }


@dataclass(frozen=True)
class Visit:
    url: str
    serious: list  # axe violations of impact serious or critical
    scroll_width: int
    inner_width: int
    boxes: dict  # "main", "article", "sidebar": {x, y, width, height} or None
    foreign: list  # requests to another host (aborted)
    failed: list  # "status url" of responses >= 400, and failed requests
    errors: list  # uncaught exceptions and console errors
    screenshot: str


@pytest.fixture(scope="module")
def visit(browser, origin, page_urls, npm_file, tmp_path_factory):
    """visit(kind, viewport) → Visit: the page loaded once in a fresh context, measured, screenshotted
    and checked by axe-core; cached for the module."""
    axe = npm_file("axe-core/axe.min.js")
    shots = tmp_path_factory.mktemp("screenshots")

    @functools.cache
    def load(kind: str, viewport: str) -> Visit:
        url = page_urls[kind]
        if url is None:
            what = {"unit": "/don-vi/<slug>/ (the unit pages)", "page": "standing page"}.get(kind, kind)
            pytest.fail(f"the built site has no {what}: nothing to open in the browser")
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        foreign, failed, errors = [], [], []

        def only_this_site(route) -> None:
            if route.request.url.startswith((origin + "/", "data:")):
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", only_this_site)
        page = context.new_page()
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        page.on("requestfailed", lambda r: r.url not in foreign and failed.append(f"{r.failure} {r.url}"))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        try:
            page.goto(origin + url, wait_until="load")
            failed += page.evaluate(LOAD_IMAGES)
            screenshot = shots / f"{kind}-{width}x{height}.png"
            page.screenshot(path=str(screenshot), full_page=True)
            scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            boxes = {
                name: box(page, selector)
                for name, selector in (
                    ("main", "main"),
                    ("article", "main article"),
                    ("sidebar", SIDEBAR),
                    ("lead", ".home-lead"),
                    ("column", ".home-column"),
                )
            }
            page.add_script_tag(path=str(axe))
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        finally:
            context.close()
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        return Visit(url, serious, scroll_width, inner_width, boxes, foreign, failed, errors, str(screenshot))

    return load


def box(page, selector: str) -> dict | None:
    found = page.locator(selector)
    return found.first.bounding_box() if found.count() else None


def describe(violations: list) -> str:
    return "\n".join(
        f"{v['impact']}: {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"    {n['target']}: {n.get('failureSummary', '')}" for n in v["nodes"][:5])
        for v in violations
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", PAGES)
def test_axe_core_finds_no_serious_or_critical_violation(visit, kind, viewport):
    result = visit(kind, viewport)
    assert not result.serious, f"{result.url} at {VIEWPORTS[viewport]}:\n{describe(result.serious)}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", PAGES)
def test_no_horizontal_scroll(visit, kind, viewport):
    result = visit(kind, viewport)
    assert result.inner_width == VIEWPORTS[viewport][0]
    assert result.scroll_width <= result.inner_width, (
        f"{result.url} is {result.scroll_width}px wide in a {result.inner_width}px window ({result.screenshot})"
    )


@pytest.mark.parametrize("kind", PAGES)
def test_the_page_loads_nothing_from_another_host_and_nothing_fails(visit, kind):
    result = visit(kind, "desktop")
    assert not result.foreign, f"{result.url} asked other hosts for {result.foreign}"
    assert not result.failed, f"{result.url}: {result.failed}"
    assert not result.errors, f"{result.url}: {result.errors}"


def article_and_sidebar(result) -> tuple[dict, dict]:
    article = result.boxes["article"] or result.boxes["main"]
    sidebar = result.boxes["sidebar"]
    assert article and sidebar, f'{result.url}: no <aside> with "Các tin tức khác" beside an article'
    assert sidebar["width"] > 0 and sidebar["height"] > 0, f"{result.url}: the sidebar is not shown"
    return article, sidebar


def test_the_sidebar_sits_beside_the_article_on_desktop(visit):
    result = visit("article", "desktop")
    article, sidebar = article_and_sidebar(result)
    assert sidebar["x"] >= article["x"] + article["width"] - 1, (article, sidebar, result.screenshot)
    assert sidebar["y"] < article["y"] + article["height"], (article, sidebar, result.screenshot)
    assert sidebar["x"] + sidebar["width"] <= VIEWPORTS["desktop"][0], (sidebar, result.screenshot)


@pytest.mark.parametrize("viewport", ["phone", "narrow"])
def test_the_sidebar_follows_the_article_on_phones(visit, viewport):
    result = visit("article", viewport)
    article, sidebar = article_and_sidebar(result)
    assert sidebar["y"] >= article["y"] + article["height"] - 1, (article, sidebar, result.screenshot)
    assert sidebar["x"] + sidebar["width"] <= VIEWPORTS[viewport][0], (sidebar, result.screenshot)


def test_the_home_page_has_its_newest_column_beside_the_lead_on_desktop_and_after_it_on_phones(visit):
    wide = visit("home", "desktop")
    lead, column = wide.boxes["lead"], wide.boxes["column"]
    assert lead and column, f"{wide.url}: no lead block or no column ({wide.screenshot})"
    assert column["x"] >= lead["x"] + lead["width"] - 1 and column["y"] < lead["y"] + lead["height"], wide.screenshot
    for viewport in ("phone", "narrow"):
        narrow = visit("home", viewport)
        lead, column = narrow.boxes["lead"], narrow.boxes["column"]
        assert column["y"] >= lead["y"] + lead["height"] - 1, (lead, column, narrow.screenshot)
