"""Live reload in real headless Chromium (Debian's, driven by playwright): an open page follows
every save of the file, through a YAML error and back, without anyone pressing reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from frontnews.serve.server import PreviewServer
from sitefactory import article, write_site

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
WAIT_MS = 15_000  # every wait is bounded: a rebuild of these sites takes well under a second
URL_A = "tin-tuc/2020/10/bai-a/"


@pytest.fixture(scope="module")
def browser():
    # Not a skip: CI installs Debian's chromium (.ci/run), and a live-reload test that never runs proves nothing.
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_open_article_follows_edits_errors_and_fixes(page, tmp_path):
    root = write_site(tmp_path / "site", {"content/tin-tuc/a.md": article("Tiêu đề ban đầu", slug="bai-a")})
    source = root / "content/tin-tuc/a.md"
    with PreviewServer(root, port=0) as server:
        page.goto(server.url + URL_A)
        title = page.locator("h1")
        expect(title).to_have_text("Tiêu đề ban đầu")

        source.write_text(article("Tiêu đề đã sửa trong tệp", slug="bai-a"), encoding="utf-8")
        expect(title).to_have_text("Tiêu đề đã sửa trong tệp", timeout=WAIT_MS)

        source.write_text(
            "---\ntitle: Tiêu đề: hỏng\ndate: 07/10/2020\nunit: phuong-le-loi\n---\nNội dung.\n", encoding="utf-8"
        )
        expect(page.locator("body")).to_contain_text("content/tin-tuc/a.md:2: FN101", timeout=WAIT_MS)
        expect(title).to_contain_text("Chưa dựng được trang")

        source.write_text(article("Bài đã trở lại", slug="bai-a"), encoding="utf-8")
        expect(title).to_have_text("Bài đã trở lại", timeout=WAIT_MS)
        assert page.url == server.url + URL_A


def test_a_stylesheet_change_restyles_the_page_without_reloading_it(page, tmp_path):
    root = write_site(
        tmp_path / "site",
        {
            "content/tin-tuc/a.md": article("Màu chữ", slug="bai-a"),
            "static/css/style.css": "h1 { color: rgb(1, 2, 3); }\n",
        },
    )
    with PreviewServer(root, port=0) as server:
        page.goto(server.url + URL_A)
        title = page.locator("h1")
        expect(title).to_have_css("color", "rgb(1, 2, 3)")
        page.evaluate("window.frontnewsTestMarker = 'chưa tải lại'")

        (root / "static/css/style.css").write_text("h1 { color: rgb(4, 5, 6); }\n", encoding="utf-8")
        expect(title).to_have_css("color", "rgb(4, 5, 6)", timeout=WAIT_MS)
        assert page.evaluate("window.frontnewsTestMarker") == "chưa tải lại"
