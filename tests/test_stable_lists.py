"""Lists that do not reshuffle: a new article rewrites the first page of each list it is in, and once
every `per_page` articles the archive page it completes; never the others (.frontnews/changes.json)."""

from __future__ import annotations

import json
from pathlib import Path

from sitefactory import CONFIG, article, build_site, read_tree

PERSON = "[Trần Văn An – Chủ tịch]"
# The lists every article of this site is in, each with numbered archive pages.
NUMBERED = ("/don-vi/phuong-le-loi/", "/chu-de/chung/", "/nhan-vat/tran-van-an/", "/tin-tuc/", "/luu-tru/2021/01/")
# Their first pages and the pages that count or link the new article, besides the lists archived by month.
FIRST_PAGES = {
    "/",
    "/luu-tru/2021/",
    "/don-vi/",
    "/chu-de/",
    "/nhan-vat/",
    "/luu-tru/",
    "/don-vi/thi-xa-dong-lam/",
    "/feed.xml",
    "/tin-tuc/feed.xml",
    "/don-vi/phuong-le-loi/feed.xml",
    "/chu-de/chung/feed.xml",
    "/sitemap.xml",
    *NUMBERED,
}


def news(k: int) -> str:
    return article(f"Bài {k}", f"{k + 1:02d}/01/2021 08:00", "phuong-le-loi", tags="[chung]", participants=PERSON)


def changes(root: Path) -> dict[str, set[str]]:
    """The pages changes.json lists; the search index's files (its month's shard changes) left aside."""
    data = json.loads((root / "public/.frontnews/changes.json").read_text(encoding="utf-8"))
    return {
        key: {
            path
            for path in (url.removeprefix("https://thu.example.vn") for url in data[key])
            if not path.startswith("/pagefind/")
        }
        for key in ("added", "changed", "removed")
    }


def without_sidebars(urls: set[str]) -> set[str]:
    """Other articles' pages change when their "Các tin tức khác" lists the new one: that is related news."""
    return {url for url in urls if not url.startswith("/tin-tuc/2021/")}


def test_a_new_article_rewrites_first_pages_and_only_the_archive_page_it_completes(make_site):
    files = {f"content/tin-tuc/b{k:02d}.md": news(k) for k in range(25)}
    root = make_site({**files, "frontnews.yaml": CONFIG + "per_page: 5\n"})
    assert build_site(root).ok
    page_one = {url: (root / "public" / url.strip("/") / "trang/1/index.html").read_bytes() for url in NUMBERED}

    # The 26th article: pages 1-4 hold the 20 oldest; the 21st-25th now make page 5, no longer the
    # first page alone, and page 4's "Tin mới hơn" leads to it.
    (root / "content/tin-tuc/b25.md").write_text(news(25), encoding="utf-8")
    assert build_site(root).ok
    done = changes(root)
    assert done["added"] == {"/tin-tuc/2021/01/bai-25/"} | {url + "trang/5/" for url in NUMBERED}
    assert without_sidebars(done["changed"]) == FIRST_PAGES | {url + "trang/4/" for url in NUMBERED}
    assert done["removed"] == set()

    # The 27th: the first pages, and no archive page at all.
    (root / "content/tin-tuc/b26.md").write_text(news(26), encoding="utf-8")
    assert build_site(root).ok
    done = changes(root)
    assert done["added"] == {"/tin-tuc/2021/01/bai-26/"} and without_sidebars(done["changed"]) == FIRST_PAGES
    for url, before in page_one.items():
        assert (root / "public" / url.strip("/") / "trang/1/index.html").read_bytes() == before, url
    assert read_tree(root / "public") == _clean(root)


def test_the_pages_of_a_shorter_list_are_removed_and_recorded(make_site):
    files = {f"content/tin-tuc/b{k:02d}.md": news(k) for k in range(12)}
    root = make_site({**files, "frontnews.yaml": CONFIG + "per_page: 5\n"})
    assert build_site(root).ok
    for k in (9, 10, 11):
        (root / f"content/tin-tuc/b{k:02d}.md").unlink()
    assert build_site(root).ok
    assert {url + "trang/2/" for url in NUMBERED} <= changes(root)["removed"]
    assert read_tree(root / "public") == _clean(root)


def test_pinned_notices_stay_on_top_of_the_first_page_and_in_place_in_the_archive(make_site):
    files = {f"content/tin-tuc/b{k:02d}.md": news(k) for k in range(11)}
    files["content/tin-tuc/b00.md"] = news(0).replace("unit:", "pinned: until 01/01/2027\nunit:")
    root = make_site({**files, "frontnews.yaml": CONFIG + "per_page: 5\n"})
    assert build_site(root).ok
    first = (root / "public/don-vi/phuong-le-loi/index.html").read_text(encoding="utf-8")
    pinned = first[first.index('class="pinned') :]
    assert "/tin-tuc/2021/01/bai-0/" in pinned  # the oldest article, pinned: above the newest five
    assert first.count("/tin-tuc/2021/01/bai-0/") == pinned.count("/tin-tuc/2021/01/bai-0/")
    oldest = (root / "public/don-vi/phuong-le-loi/trang/1/index.html").read_text(encoding="utf-8")
    assert "/tin-tuc/2021/01/bai-0/" in oldest and 'class="pinned' not in oldest


def _clean(root: Path) -> dict[str, bytes]:
    """The same site built from nothing into another folder."""
    out = root.parent / "clean"
    assert build_site(root, out=out).ok
    return read_tree(out)
