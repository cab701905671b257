"""The search index: real builds that run Pagefind, read back from the files a browser would fetch.

Each Pagefind fragment (pagefind/<shard>/fragment/*.pf_fragment, gzip'd JSON) is one indexed page,
with its URL, text, meta and filters; the index chunks (pagefind/<shard>/index/*.pf_index) hold
every word a query can find. PAGEFIND_BINARY_PATH, which the pagefind package reads, points the
build at a stand-in script where a test needs to count or break Pagefind's runs.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
from pathlib import Path

import pytest

from frontnews.paths import THEME_TEMPLATES
from frontnews.render.pagefind_order import read
from frontnews.render.pagefind_run import find_pagefind
from frontnews.serve.server import PreviewServer
from frontnews.site.search_input import SHARD_ARTICLES
from sitefactory import article, build_site, read_tree, write_site

URL_A = "/tin-tuc/2024/03/hoi-nghi-o-lang-duong-lam/"


def fragments(out: Path) -> dict[str, dict]:
    """Every indexed page, by URL: its fragment as Pagefind's script reads it."""
    found = {}
    for file in sorted(out.glob("pagefind/*/fragment/*.pf_fragment")):
        data = gzip.decompress(file.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        found[fragment["url"]] = fragment
    return found


def index_words(out: Path) -> set[str]:
    """Every word a query can find, in every shard."""
    return {entry[0] for file in out.glob("pagefind/*/index/*.pf_index") for entry in read(file)[0]}


def bundle(out: Path) -> dict[str, tuple[bytes, int]]:
    """The search index's files with their bytes and modification times."""
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((out / "pagefind").rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def stand_in(tmp_path, monkeypatch):
    """stand_in(body) → the log of a script that runs in Pagefind's place; `body` is shell run after
    it logs its arguments (by default: the real Pagefind)."""
    real = find_pagefind()
    assert real is not None, "pagefind[bin] is a dependency of frontnews: pip install -e '.[test]'"
    log = tmp_path / "pagefind-runs.log"

    def make(body: str = f'exec "{real}" "$@"') -> Path:
        script = tmp_path / "pagefind-stand-in"
        script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n{body}\n', encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))
        return log

    return make


def indexing_runs(log: Path) -> int:
    return sum("--site" in line for line in log.read_text().splitlines()) if log.exists() else 0


@pytest.fixture
def site(tmp_path):
    return write_site(
        tmp_path / "site",
        {
            "content/tin/a.md": article(
                "Hội nghị ở làng Đường Lâm",
                "01/03/2024 08:00",
                unit="phuong-le-loi",
                body="Ông Đinh Văn Hùng phát biểu về việc daduocdang.",
                tags="[hội nghị, văn hóa]",
                aliases='["/tin-cu/hoi-nghi/"]',
            ),
            "content/tin/b.md": article(
                "Bản nháp chưa đăng", "02/03/2024 08:00", body="Chữ khongduocdang.", draft="true"
            ),
            "content/tin/c.md": article("Bài hẹn ngày đăng", "01/01/2030 08:00", body="Chữ chuatoingay."),
            "content/tin/d.md": article(
                "Xã Kim Sơn họp bàn",
                "05/04/2023 08:00",
                unit="xa-kim-son",
                body="Bà con bàn việc xomdauthon.",
                tags="[hội nghị]",
            ),
        },
    )


def test_the_index_holds_the_published_articles_and_no_other_page(site):
    report = build_site(site)
    assert report.ok, report.diagnostics
    out = site / "public"
    assert set(fragments(out)) == {URL_A, "/tin-tuc/2023/04/xa-kim-son-hop-ban/"}
    words = index_words(out)
    assert {"daduocdang", "xomdauthon"} <= words
    assert "khongduocdang" not in words and "chuatoingay" not in words  # a draft, an article not yet due
    assert not any("khongduocdang" in f["content"] or "chuatoingay" in f["content"] for f in fragments(out).values())
    assert (out / "tin-cu/hoi-nghi/index.html").is_file()  # the old address redirects, and is not indexed


def test_a_result_knows_its_date_unit_photo_and_filters(make_site):
    root = make_site(
        {
            "content/tin/a.md": article(
                "Tập huấn ở Đường Lâm",
                "07/10/2024 15:35",
                tags="[tập huấn, Đoàn kết]",
                image="{src: anh.svg, alt: Quang cảnh}",
            ),
            "content/tin/anh.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>',
        }
    )
    assert build_site(root).ok
    (fragment,) = fragments(root / "public").values()
    meta = fragment["meta"]
    assert meta["title"] == "Tập huấn ở Đường Lâm"
    assert (meta["date"], meta["datetime"]) == ("07/10/2024", "2024-10-07T15:35:00+07:00")
    assert meta["unit"] == "Ủy ban MTTQ Việt Nam phường Lê Lợi"
    assert meta["thumb"] == "/tin-tuc/2024/10/tap-huan-o-duong-lam/anh.svg"
    assert fragment["filters"] == {"unit": ["phuong-le-loi"], "topic": ["tap-huan", "doan-ket"], "year": ["2024"]}


def test_words_with_đ_are_indexed_folded_too_in_a_hidden_copy_that_comes_last(site):
    assert build_site(site).ok
    out = site / "public"
    assert {"dinh", "duong", "đinh"} <= index_words(out)  # Pagefind keeps "Đinh" as "đinh": đ is no mark to it
    fragment = fragments(out)[URL_A]
    count = int(fragment["meta"]["folded"])
    tail = [word.strip(".") for word in fragment["content"].split()[-count:]]
    assert tail == ["duong", "dinh"]  # the title's "Đường", then the body's "Đinh"
    page = (out / URL_A.strip("/") / "index.html").read_text(encoding="utf-8")
    assert '<div hidden>\n  <p data-pagefind-weight="7">duong</p>\n  <p>dinh</p>\n</div>' in page


def test_a_deleted_article_is_gone_from_the_index_after_the_next_build(site):
    assert build_site(site).ok
    out = site / "public"
    assert URL_A in fragments(out)
    (site / "content/tin/a.md").unlink()
    assert build_site(site).ok
    assert URL_A not in fragments(out) and "/tin-tuc/2023/04/xa-kim-son-hop-ban/" in fragments(out)
    assert "daduocdang" not in index_words(out) and "xomdauthon" in index_words(out)


def test_pagefind_runs_only_when_an_indexed_page_changed(site, stand_in):
    log = stand_in()
    assert build_site(site).ok and indexing_runs(log) == 1
    out = site / "public"
    before = bundle(out)
    again = build_site(site)
    assert again.ok and (again.rendered, again.written) == (0, 0) and indexing_runs(log) == 1  # nothing changed
    assert bundle(out) == before  # not a file of the index rewritten
    (site / "static").mkdir()
    (site / "static/quy-che.txt").write_text("Quy chế.", encoding="utf-8")
    report = build_site(site)
    assert report.ok and report.written == 1  # the new static file alone: no page, no index file
    assert indexing_runs(log) == 1 and bundle(out) == before
    (site / "content/tin/a.md").write_text(
        article("Hội nghị ở làng Đường Lâm", "01/03/2024 08:00", body="Nay bàn việc moithemvao."), encoding="utf-8"
    )
    assert build_site(site).ok and indexing_runs(log) == 2
    assert "moithemvao" in index_words(out) and "daduocdang" not in index_words(out)


def test_a_template_edit_indexes_only_if_it_changed_the_pages(site, stand_in):
    """The shard's key changes with the article template's set; Pagefind runs only if pages changed."""
    log = stand_in()
    assert build_site(site).ok and indexing_runs(log) == 1
    out = site / "public"
    before = bundle(out)
    (site / "templates").mkdir()
    base = (THEME_TEMPLATES / "base.html").read_text(encoding="utf-8")
    (site / "templates/base.html").write_text(base.rstrip("\n") + "{# sửa #}\n", encoding="utf-8")
    report = build_site(site)
    assert report.ok and report.rendered > 0  # every page again, each the same bytes:
    assert report.written == 1  # only the index's record (.frontnews/search.json) of the new key
    assert indexing_runs(log) == 1 and bundle(out) == before
    page = (THEME_TEMPLATES / "article.html").read_text(encoding="utf-8")
    (site / "templates/article.html").write_text(
        page.replace('<h1 class="article__title">', '<h1 class="article__title">Tinmauthu ', 1), encoding="utf-8"
    )
    assert build_site(site).ok and indexing_runs(log) == 2
    assert "tinmauthu" in index_words(out)


@pytest.mark.slow  # a site of two shards: hundreds of articles
def test_an_edit_indexes_only_its_shard_though_pages_of_others_show_it(make_site, stand_in):
    def text(m: int, i: int, title: str) -> str:
        return article(
            title,
            f"{1 + i % 28:02d}/{m:02d}/2023 08:00",
            tags="[chung]",
            slug=f"bai-{m}-{i}",
            body=f"Nội dung tin {i}.",
        )

    first = SHARD_ARTICLES // 2 + 10  # January and February fill the first shard, March opens the next
    files = {
        f"content/tin/{m}/bai-{i}.md": text(m, i, f"Tin số {i} tháng {m}")
        for m, count in ((1, first), (2, first), (3, 40))
        for i in range(count)
    }
    root = make_site(files)
    log = stand_in()
    assert build_site(root).ok and indexing_runs(log) == 2
    assert json.loads((root / "public/pagefind/shards.json").read_bytes()) == {"shards": ["2023-01", "2023-03"]}
    march = sorted((root / "public/tin-tuc/2023/03").rglob("index.html"))
    linked = {
        m.group(1)
        for page in march
        for m in re.finditer(r'href="/tin-tuc/2023/02/bai-2-(\d+)/"', page.read_text(encoding="utf-8"))
    }
    assert linked  # some March pages list an article of February (the first shard) in "Các tin tức khác"
    i = int(min(linked))
    (root / f"content/tin/2/bai-{i}.md").write_text(text(2, i, "Tiêu đề đã sửa"), encoding="utf-8")
    assert build_site(root).ok
    assert any("Tiêu đề đã sửa" in page.read_text(encoding="utf-8") for page in march)  # their sidebars changed…
    assert indexing_runs(log) == 3  # …but only the first shard was indexed again
    (root / "content/tin/3/moi.md").write_text(article("Tin mới cuối tháng", "30/03/2023 08:00"), encoding="utf-8")
    assert build_site(root).ok and indexing_runs(log) == 4  # a new article: its month's shard alone


def test_the_same_pages_give_the_same_index_bytes(make_site):
    """Pagefind writes its filters in a random order each run (render/pagefind_order.py)."""
    files = {
        f"content/tin/bai-{i}.md": article(
            f"Bài số {i} ở Đường Lâm",
            f"0{i}/05/2021 08:00",
            unit=("phuong-le-loi", "xa-kim-son", "thi-xa-dong-lam")[i % 3],
            tags=f"[chủ đề {i % 4}, chung]",
        )
        for i in range(1, 10)
    }
    trees = []
    for name in ("one", "two", "three"):
        root = make_site(files, name)
        assert build_site(root).ok
        trees.append({k: v for k, v in read_tree(root / "public").items() if k.startswith("pagefind/")})
    assert trees[0] and any("/filter/" in name for name in trees[0])
    assert trees[0] == trees[1] == trees[2]


def test_search_pages_boxes_and_the_404_page_offer_search(make_site):
    root = make_site(
        {
            "frontnews.yaml": "title: Thử\nbase_url: https://thu.example.vn/du-an/\n",
            "content/tin/a.md": article("Bài A", tags="[tập huấn]"),
        }
    )
    assert build_site(root).ok
    out = root / "public"
    search = (out / "tim-kiem/index.html").read_text(encoding="utf-8")
    assert 'role="search"' in search and 'data-base="/du-an/"' in search and 'name="q"' in search
    for name, value in (("don-vi", "phuong-le-loi"), ("chu-de", "tap-huan"), ("nam", "2020")):
        assert f'name="{name}"' in search and f'<option value="{value}">' in search
    assert 'id="tim-nhanh"' not in search  # the header box is not repeated on the search page
    for page in (out / "index.html", out / "404.html", out / "tin-tuc/2020/10/bai-a/index.html"):
        assert '<form class="site-search" role="search"' in page.read_text(encoding="utf-8")
        assert 'action="/du-an/tim-kiem/"' in page.read_text(encoding="utf-8")
    assert 'id="tim-bai-404"' in (out / "404.html").read_text(encoding="utf-8")


def test_search_false_builds_no_index_page_or_box(make_site):
    root = make_site(
        {
            "frontnews.yaml": "title: Thử\nbase_url: https://thu.example.vn/\nsearch: false\n",
            "content/tin/a.md": article("Bài A"),
        }
    )
    report = build_site(root)
    assert report.ok and not report.diagnostics
    out = root / "public"
    assert not (out / "pagefind").exists() and not (out / "tim-kiem").exists()
    html = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "tim-kiem" not in html and "data-pagefind" not in html


def test_a_wrong_search_setting_is_reported(make_site):
    root = make_site({"frontnews.yaml": "title: Thử\nsearch: có\n", "content/tin/a.md": article("Bài A")})
    report = build_site(root)
    assert [str(d) for d in report.errors] == [
        "frontnews.yaml:2: FN002 Giá trị cấu hình “search” không hợp lệ: chỉ có true (bật tìm kiếm) hoặc false (tắt)."
    ]


def test_without_pagefind_the_site_builds_and_says_so_once(site, tmp_path, monkeypatch):
    assert build_site(site).ok
    out = site / "public"
    before = bundle(out)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "khong-co-pagefind"))
    (site / "content/tin/a.md").write_text(
        article("Hội nghị ở làng Đường Lâm", "01/03/2024 08:00", body="Nay bàn việc moithemvao."), encoding="utf-8"
    )
    report = build_site(site)
    assert report.ok
    assert [d.code for d in report.diagnostics] == ["FN305"]
    assert str(report.diagnostics[0]).startswith(
        "frontnews.yaml: FN305 (cảnh báo) Không tìm thấy chương trình Pagefind"
    )
    assert "moithemvao" in (out / URL_A.strip("/") / "index.html").read_text(encoding="utf-8")  # the page is new
    assert bundle(out) == before  # the index is the last one made
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    report = build_site(site)
    assert report.ok and not report.diagnostics and report.written > 0
    assert "moithemvao" in index_words(out)  # the page was written a build ago: its shard is indexed now


def test_a_new_site_without_pagefind_has_pages_and_no_index(make_site, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "khong-co-pagefind"))
    root = make_site({"content/tin/a.md": article("Bài A")})
    report = build_site(root)
    assert report.ok and [d.code for d in report.diagnostics] == ["FN305"]
    assert (root / "public/tim-kiem/index.html").is_file() and not (root / "public/pagefind").exists()
    assert not build_site(root, strict=True).ok  # --strict: a warning fails the build


def test_a_pagefind_failure_publishes_nothing(site, stand_in):
    assert build_site(site).ok
    out = site / "public"
    before = read_tree(out)
    stand_in('echo "Error: hết chỗ trên đĩa" >&2\nexit 3')
    (site / "content/tin/a.md").write_text(
        article("Hội nghị ở làng Đường Lâm", "01/03/2024 08:00", body="Nay bàn việc moithemvao."), encoding="utf-8"
    )
    report = build_site(site)
    assert not report.ok
    assert [str(d) for d in report.errors] == [
        (
            "frontnews.yaml: FN306 Pagefind không dựng được chỉ mục tìm kiếm cho các bài từ tháng 4/2023: "
            "Error: hết chỗ trên đĩa. Trang web chưa được cập nhật. Hãy dựng lại; nếu vẫn lỗi, hãy cài lại bằng lệnh "
            "python3 -m pip install --force-reinstall 'pagefind[bin]', hoặc ghi search: false trong frontnews.yaml "
            "để đăng trang mà không có tìm kiếm."
        )
    ]
    assert read_tree(out) == before
    assert not any(p.name.startswith(".public.") for p in site.iterdir())  # no staging or scratch folder left


@pytest.mark.slow  # waits for the preview's rebuild and its index
def test_the_preview_indexes_after_each_build(site):
    with PreviewServer(site, port=0) as server:
        out = server.out
        assert wait_for(lambda: URL_A in fragments(out))
        assert "khongduocdang" not in index_words(out)  # the preview shows drafts; its index holds what build publishes
        (site / "content/tin/e.md").write_text(
            article("Tin mới trong lúc xem trước", "06/04/2023 08:00", body="Chữ xemtruocmoi."), encoding="utf-8"
        )
        assert wait_for(lambda: "xemtruocmoi" in index_words(out))
        assert not (site / "public").exists()


@pytest.mark.slow  # waits for the preview's rebuilds and their index
def test_the_preview_reloads_the_browser_before_it_indexes(site, stand_in, tmp_path):
    """Pagefind waits at a gate the test opens: meanwhile the new pages are served and announced."""
    real, gate = find_pagefind(), tmp_path / "gate"
    log = stand_in(f'while [ ! -e "{gate}" ]; do sleep 0.05; done\nexec "{real}" "$@"')
    page = URL_A.strip("/") + "/index.html"
    server = PreviewServer(site, port=0)
    try:
        server.start()
        out = server.out
        assert wait_for(lambda: indexing_runs(log) == 1)  # Pagefind is running, held at the gate…
        assert server.hub.number == 1 and (out / page).is_file()  # …after the pages were served and announced
        assert not (out / "pagefind").exists()
        gate.touch()
        assert wait_for(lambda: URL_A in fragments(out))
        gate.unlink()
        (site / "content/tin/a.md").write_text(
            article("Hội nghị ở làng Đường Lâm", "01/03/2024 08:00", body="Nay bàn việc moithemvao."), encoding="utf-8"
        )
        assert wait_for(lambda: indexing_runs(log) == 2)
        assert server.hub.number == 2 and "moithemvao" in (out / page).read_text(encoding="utf-8")
        assert "daduocdang" in index_words(out) and "moithemvao" not in index_words(out)  # the last index, meanwhile
        gate.touch()
        assert wait_for(lambda: "moithemvao" in index_words(out))
        assert "daduocdang" not in index_words(out)
    finally:
        gate.touch()  # so that a Pagefind still waiting ends, and the server stops
        server.stop()


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except (OSError, ValueError):  # a file read while the index is swapped in
            pass
        time.sleep(0.1)
    return False


def test_pagefind_is_found_through_its_package():
    binary = find_pagefind()
    assert binary is not None and os.access(binary, os.X_OK)
