"""Search in real headless Chromium (Debian's, driven by playwright): the example site, built with its
Pagefind index and served over HTTP, searched as readers do — in the header box, with or without
marks, with filters, by keyboard alone — and checked by axe-core; and an article deleted while
the preview runs leaves its results."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import threading
import unicodedata
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from playwright.sync_api import expect, sync_playwright

from frontnews.build import BuildOptions, build
from frontnews.render.search_index import SHARDS_FILE as SHARDS
from frontnews.render.search_index import read_record
from frontnews.serve.server import PreviewServer
from sitefactory import article, write_site

pytestmark = pytest.mark.external  # Chromium, axe-core from npm

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NOW = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
WAIT_MS = 15_000
DUONG_LAM = "Xã Thanh Mỹ đưa hội viên người cao tuổi đi thăm làng cổ Đường Lâm"
SON_TAY = "Phường Trung Hưng đón đoàn công tác Mặt trận thị xã Sơn Tây"
STATUS = "#trang-thai"
TITLES = ".search-result__title a"


def example_articles() -> dict[str, str]:
    """The example site's articles (not its standing pages, content/trang/, which are not indexed):
    by title, the text of the file."""
    found = {}
    for file in (REPO / "content").rglob("*.md"):
        if file.relative_to(REPO / "content").parts[0] != "trang":
            text = unicodedata.normalize("NFC", file.read_text(encoding="utf-8"))
            found[re.search(r"^title: (.*)$", text, re.MULTILINE).group(1).strip()] = text
    return found


def articles_with(word: str) -> set[str]:
    """Titles of the example articles whose text has `word` with exactly its marks (any case)."""
    return {
        title
        for title, text in example_articles().items()
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    }


def articles_tagged(tag: str) -> set[str]:
    """Titles of the example articles with `tag` among their `tags:`."""
    tags = {title: re.search(r"^tags: \[(.*)\]$", text, re.MULTILINE) for title, text in example_articles().items()}
    return {title for title, found in tags.items() if found and tag in found[1].split(", ")}


class Quiet(http.server.SimpleHTTPRequestHandler):
    base_path = ""

    def translate_path(self, path: str) -> str:
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path[len(self.base_path) :]
        return super().translate_path(path)

    def log_message(self, format, *args) -> None:
        pass


def serve_example(out: Path, base_path: str = ""):
    """The example site built with its index into `out`, over real HTTP on a free loopback port."""
    base_url = f"https://mttq-donglam.example.vn{base_path}/" if base_path else None
    report = build(BuildOptions(root=REPO, out=out, now=NOW, base_url=base_url))
    assert report.ok, report.diagnostics
    handler = type("Handler", (Quiet,), {"base_path": base_path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    yield from serve_example(tmp_path_factory.mktemp("example") / "public")


@pytest.fixture(scope="module")
def origin_under_a_path(tmp_path_factory):
    """The same site with base_url https://…/du-an/, served under /du-an/ (a GitHub Pages project site)."""
    yield from serve_example(tmp_path_factory.mktemp("example-du-an") / "public", "/du-an")


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    yield page
    context.close()
    assert not errors, errors


def results(page, query: str | None = None, origin: str = "") -> list[str]:
    """Open the search page for `query` (or wait on the page as it is): the titles shown (10 at most)."""
    if query is not None:
        page.goto(f"{origin}/tim-kiem/?q={quote(query)}")
    status = page.locator(STATUS)
    expect(status).to_have_text(re.compile(r"^(Có \d+|Không có) bài viết"), timeout=WAIT_MS)
    found = re.match(r"Có (\d+)", status.inner_text())
    expect(page.locator(TITLES)).to_have_count(min(int(found.group(1)) if found else 0, 10), timeout=WAIT_MS)
    return page.locator(TITLES).all_inner_texts()


def all_results(page) -> list[str]:
    """Every result, pressing "Xem thêm kết quả" until all are shown."""
    more = page.locator("#xem-them")
    while more.is_visible():
        shown = page.locator(TITLES).count()
        more.click()
        expect(page.locator(TITLES)).not_to_have_count(shown, timeout=WAIT_MS)
    return page.locator(TITLES).all_inner_texts()


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("dinh", "Đinh"),  # Đinh Công Lực, Đinh Thị Hạnh: đ is no mark, the folded copy finds them
        ("son tay", "Sơn Tây"),
        ("quang trung", "Quang Trung"),
        ("tập huấn", "tập huấn"),
    ],
)
def test_the_header_box_finds_the_articles(page, origin, typed, written):
    page.goto(origin + "/")
    box = page.get_by_role("searchbox", name="Tìm bài viết")
    box.fill(typed)
    box.press("Enter")
    expect(page).to_have_url(origin + "/tim-kiem/?q=" + quote_plus(typed))
    expect(page.locator("#tu-khoa")).to_have_value(typed)
    assert results(page)
    assert articles_with(written) <= set(all_results(page))


def test_a_query_with_marks_finds_the_same_articles_exact_marks_first(page, origin):
    exact = articles_with("Đinh")
    results(page, "Đinh", origin)
    marked = all_results(page)
    assert set(marked[: len(exact)]) == exact  # "Đinh" itself first; then đình, định, dinh…
    results(page, "dinh", origin)
    assert set(all_results(page)) == set(marked)


def test_duong_lam_and_son_tay_with_and_without_marks(page, origin):
    assert DUONG_LAM in results(page, "duong lam", origin)[:3]
    assert results(page, "Đường Lâm", origin)[0] == DUONG_LAM
    found = {}
    for query in ("son tay", "Sơn Tây", "SƠN TÂY"):
        results(page, query, origin)
        found[query] = all_results(page)
    assert set(found["son tay"]) == set(found["Sơn Tây"]) == set(found["SƠN TÂY"])
    assert set(found["SƠN TÂY"][:2]) == {SON_TAY, DUONG_LAM} == articles_with("Sơn Tây")


def test_quang_trung_and_tap_huan(page, origin):
    assert articles_with("Quang Trung") <= set(results(page, "quang trung", origin) + all_results(page))
    tap_huan = set(results(page, "tập huấn", origin))
    assert tap_huan == articles_with("tập huấn") and set(results(page, "tap huan", origin)) == tap_huan


def test_a_result_shows_date_unit_passage_and_lead_photo(page, origin):
    results(page, "duong lam", origin)
    result = page.locator(".search-result", has=page.locator(TITLES, has_text=DUONG_LAM))
    expect(result.locator("time")).to_have_text("20/04/2024")
    expect(result.locator("time")).to_have_attribute("datetime", "2024-04-20T17:30:00+07:00")
    expect(result.locator(".search-result__unit")).to_have_text("Ủy ban MTTQ Việt Nam xã Thanh Mỹ")
    image = result.locator("img")
    expect(image).to_have_attribute("src", re.compile(r"/lang-co-duong-lam\.svg$"))
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    passage = result.locator(".search-result__passage")
    marks = passage.locator("mark").all_inner_texts()
    assert "Đường" in marks  # the visible word is marked, though "duong" was typed
    assert not re.search(r"\bduong\b", passage.inner_text())  # the hidden folded copy is never shown


def test_filters_narrow_the_results_and_stay_in_the_address(page, origin):
    every = set(results(page, "dinh", origin) + all_results(page))
    page.get_by_label("Đơn vị").select_option("xa-thanh-my")
    expect(page).to_have_url(re.compile(r"don-vi=xa-thanh-my"))
    narrowed = set(results(page) + all_results(page))
    assert DUONG_LAM in narrowed and narrowed < every
    units = page.locator(".search-result__unit").all_inner_texts()
    assert set(units) == {"Ủy ban MTTQ Việt Nam xã Thanh Mỹ"}
    page.get_by_label("Năm").select_option("2024")
    assert set(results(page)) == {DUONG_LAM}
    page.reload()  # the address holds the whole search
    assert set(results(page)) == {DUONG_LAM}
    expect(page.get_by_label("Đơn vị")).to_have_value("xa-thanh-my")


def test_a_topic_alone_lists_its_articles_newest_first(page, origin):
    page.goto(origin + "/tim-kiem/?chu-de=tap-huan")
    found = results(page)
    assert set(found) == articles_tagged("tập huấn")
    dates = [d.split("/")[::-1] for d in page.locator(".search-result time").all_inner_texts()]
    assert dates == sorted(dates, reverse=True)


def test_search_by_keyboard_alone(page, origin):
    page.goto(origin + "/tim-kiem/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Bỏ qua đến nội dung chính")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#tu-khoa")).to_be_focused()
    page.keyboard.type("dinh")
    page.keyboard.press("Enter")
    first = results(page)
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Tab")  # the unit filter
    expect(page.get_by_label("Đơn vị")).to_be_focused()
    page.keyboard.press("ArrowDown")  # the first unit
    expect(page.get_by_label("Đơn vị")).to_have_value("thi-xa-dong-lam")
    assert set(results(page)) != set(first)
    for _ in range(3):  # the topic filter, the year filter, the first result
        page.keyboard.press("Tab")
    title = page.locator(TITLES).first
    expect(title).to_be_focused()
    href = title.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(origin + href)


def test_more_results_by_keyboard_move_focus_to_the_first_new_one(page, origin):
    results(page, "dinh", origin)
    more = page.locator("#xem-them")
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator(TITLES)).to_have_count(20, timeout=WAIT_MS)
    expect(page.locator(TITLES).nth(10)).to_be_focused()


def test_a_site_under_a_path_searches_and_links_under_it(page, origin_under_a_path):
    page.goto(origin_under_a_path + "/")
    box = page.get_by_role("searchbox", name="Tìm bài viết")
    box.fill("duong lam")
    box.press("Enter")
    expect(page).to_have_url(origin_under_a_path + "/tim-kiem/?q=duong+lam")
    assert DUONG_LAM in results(page)
    page.locator(TITLES, has_text=DUONG_LAM).click()
    expect(page.locator("h1")).to_have_text(DUONG_LAM)
    assert page.url.startswith(origin_under_a_path + "/tin-tuc/2024/04/")


def test_the_404_page_offers_search(page, origin):
    page.goto(origin + "/404.html")
    box = page.get_by_label("Tìm bài viết bạn cần bằng vài từ trong tiêu đề hay nội dung bài:")
    box.fill("Sơn Tây")
    box.press("Enter")
    assert SON_TAY in results(page)


def test_without_script_the_box_still_lands_on_the_search_page(browser, origin):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(origin + "/")
        page.get_by_role("searchbox", name="Tìm bài viết").fill("son tay")
        page.get_by_role("button", name="Tìm", exact=True).click()
        expect(page).to_have_url(origin + "/tim-kiem/?q=son+tay")
        expect(page.locator(".search-results__noscript")).to_contain_text("cần JavaScript")
    finally:
        context.close()


def test_axe_finds_no_serious_violation_on_the_search_page_with_results(page, origin):
    axe = REPO / "node_modules/axe-core/axe.min.js"
    assert axe.is_file(), "run npm ci --ignore-scripts once in the repository"
    results(page, "Đường Lâm", origin)
    page.add_script_tag(path=str(axe))
    found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def test_an_article_deleted_during_the_preview_leaves_the_results(page, tmp_path):
    root = write_site(
        tmp_path / "site",
        {
            "content/tin/a.md": article("Hội nghị ở làng Đường Lâm", "01/03/2024 08:00"),
            "content/tin/b.md": article("Họp tổ dân phố ở Đường Lâm", "02/03/2024 08:00"),
        },
    )
    with PreviewServer(root, port=0) as server:
        assert indexed(server, builds=1)  # the preview indexes once its first build is served
        page.goto(server.url + "tim-kiem/?q=duong+lam")
        expect(page.locator(TITLES)).to_have_count(2, timeout=WAIT_MS)
        (root / "content/tin/b.md").unlink()
        expect(page.locator("h1")).to_have_text("Tìm kiếm", timeout=WAIT_MS)  # reloaded after the rebuild
        assert indexed(server, builds=2)  # then indexed, once the browser has its pages
        page.goto(server.url + "tim-kiem/?q=duong+lam")  # not reload(): live reload may be navigating
        expect(page.locator(TITLES)).to_have_text(["Hội nghị ở làng Đường Lâm"], timeout=WAIT_MS)
        page.goto("about:blank")  # before the server stops: no live-reload stream left to fail


def indexed(server: PreviewServer, builds: int) -> bool:
    """Wait until the preview's `builds`-th build is served and its index made."""
    for _ in range(300):
        if (
            server.builds >= builds
            and not server.building
            and (server.out / SHARDS).is_file()
            and not read_record(server.out).pending
        ):
            return True
        threading.Event().wait(0.1)
    return False
