import datetime as dt

import pytest

from sitefactory import article, build_site, read_tree


@pytest.mark.slow
def test_builds_article_home_and_404(make_site):
    root = make_site(
        {"content/tin-tuc/a.md": article("Tập huấn công tác Mặt trận", participants="[Đinh Văn Hùng – Chủ tịch]")}
    )
    report = build_site(root)
    assert report.ok, report.diagnostics
    out = root / "public"
    page = (out / "tin-tuc/2020/10/tap-huan-cong-tac-mat-tran/index.html").read_text()
    assert "Tập huấn công tác Mặt trận" in page
    assert 'datetime="2020-10-07T15:35:00+07:00"' in page
    assert "Thứ Tư, 07/10/2020 - 15:35" in page
    assert "Các tin tức khác" in page
    assert (out / "index.html").exists() and (out / "404.html").exists()
    assert (out / "static/css/style.css").exists()
    assert report.articles == 1 and report.written >= 4


@pytest.mark.slow
def test_same_input_gives_identical_bytes(make_site, tmp_path):
    files = {
        f"content/tin-tuc/bai-{i}.md": article(f"Bài số {i}", f"0{i}/05/2021 08:00", tags=f"[tag{i % 3}, chung]")
        for i in range(1, 9)
    }
    one, two = make_site(files, "one"), make_site(files, "two")
    assert build_site(one).ok and build_site(two).ok
    assert read_tree(one / "public") == read_tree(two / "public")


def test_script_in_markdown_never_runs(make_site):
    root = make_site(
        {
            "content/a.md": article(
                "Thử mã độc",
                body="<script>alert(1)</script>\n\nChữ <b>đậm</b>.",
                summary='"<img src=x onerror=alert(2)>"',
            )
        }
    )
    assert build_site(root).ok
    page = (root / "public/tin-tuc/2020/10/thu-ma-doc/index.html").read_text()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page and "<b>" not in page


def test_failed_build_leaves_previous_output_untouched(make_site):
    root = make_site({"content/a.md": article("Bài tốt")})
    assert build_site(root).ok
    before = read_tree(root / "public")
    (root / "content/b.md").write_text(article("Bài hỏng", date="31/02/2020"), encoding="utf-8")
    (root / "content/a.md").write_text(article("Bài tốt đã sửa"), encoding="utf-8")
    report = build_site(root)
    assert not report.ok and [d.code for d in report.errors] == ["FN102"]
    assert read_tree(root / "public") == before
    assert sorted(p.name for p in root.iterdir()) == [".frontnews-cache", "content", "frontnews.yaml", "public"]


@pytest.mark.slow
def test_template_error_fails_the_build_and_keeps_output(make_site):
    root = make_site({"content/a.md": article("Bài tốt")})
    assert build_site(root).ok
    before = read_tree(root / "public")
    (root / "templates").mkdir()
    (root / "templates/article.html").write_text("{% if %}", encoding="utf-8")
    report = build_site(root)
    assert [(d.code, d.path) for d in report.errors] == [("FN301", "templates/article.html")]
    assert read_tree(root / "public") == before


@pytest.mark.slow
def test_site_template_overrides_theme(make_site):
    root = make_site({"content/a.md": article("Bài A"), "templates/404.html": "<p>Trang riêng {{ site.title }}</p>"})
    assert build_site(root).ok
    assert (root / "public/404.html").read_text().strip() == "<p>Trang riêng Trang thử</p>"


@pytest.mark.slow
def test_drafts_and_future_articles_are_left_out_unless_asked(make_site):
    root = make_site(
        {
            "content/a.md": article("Bài nháp", draft="true"),
            "content/b.md": article("Bài sắp đăng", date="01/01/2030"),
            "content/c.md": article("Bài đã đăng"),
        }
    )
    assert build_site(root).articles == 1
    assert build_site(root, drafts=True).articles == 2
    assert build_site(root, drafts=True, future=True).articles == 3
    later = dt.datetime(2030, 1, 2, tzinfo=dt.UTC)
    assert build_site(root, now=later).articles == 2


def test_two_files_on_one_url_are_both_reported(make_site):
    root = make_site({"content/a.md": article("Cùng tên"), "content/b.md": article("Cùng tên")})
    report = build_site(root)
    assert [(d.path, d.code) for d in report.errors] == [("content/a.md", "FN109"), ("content/b.md", "FN109")]
    assert "content/b.md" in report.errors[0].message


def test_every_error_of_the_build_at_once_sorted(make_site):
    root = make_site(
        {
            "content/z.md": article(date="32/01/2020"),
            "content/a.md": article(unit="khong-co"),
            "content/m.md": "---\ntitle: a\n---\n",
        }
    )
    report = build_site(root)
    assert [(d.path, d.code) for d in report.errors] == [
        ("content/a.md", "FN105"),
        ("content/m.md", "FN104"),
        ("content/m.md", "FN104"),
        ("content/z.md", "FN102"),
    ]


@pytest.mark.slow
def test_strict_fails_on_warnings(make_site):
    root = make_site({"content/a.md": article(tag="[a]")})
    assert build_site(root).ok
    assert not build_site(root, strict=True).ok


@pytest.mark.slow
def test_images_beside_article_and_in_static_are_published(make_site):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>a</title></svg>'
    body = '![Hội trường](hoi-truong.svg "Toàn cảnh hội nghị")\n\nNội dung.\n\n![Cờ](anh/co.svg)'
    root = make_site(
        {
            "content/tin/a.md": article("Có ảnh", body=body, image="{src: dai-dien.svg, alt: Ảnh đại diện}"),
            "content/tin/hoi-truong.svg": svg,
            "content/tin/dai-dien.svg": svg,
            "static/anh/co.svg": svg,
        }
    )
    report = build_site(root)
    assert report.ok, report.diagnostics
    out = root / "public/tin-tuc/2020/10/co-anh"
    assert (out / "hoi-truong.svg").read_text() == svg and (out / "dai-dien.svg").exists()
    page = (out / "index.html").read_text()
    assert "<figcaption>Toàn cảnh hội nghị</figcaption>" in page
    assert 'src="/static/anh/co.svg"' in page and 'src="/tin-tuc/2020/10/co-anh/hoi-truong.svg"' in page


def test_missing_and_escaping_images_are_errors_with_lines(make_site):
    body = "Đoạn một.\n\n![a](khong-co.png)\n\n![b](../../frontnews.yaml)\n\n![c](https://x.example/a.png)"
    root = make_site({"content/a.md": article(body=body)})
    report = build_site(root)
    assert [(d.line, d.code) for d in report.errors] == [(8, "FN201"), (10, "FN202"), (12, "FN203")]


def test_default_summary_is_the_first_text_paragraph(make_site):
    body = "![Ảnh](anh.svg)\n\nNgày 7/10, Ủy ban MTTQ phường tổ chức **hội nghị** hiệp thương.\n\nĐoạn hai."
    root = make_site(
        {
            "content/a.md": article("Có tóm tắt", body=body),
            "content/anh.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        }
    )
    assert build_site(root).ok
    page = (root / "public/tin-tuc/2020/10/co-tom-tat/index.html").read_text()
    assert '<meta name="description" content="Ngày 7/10, Ủy ban MTTQ phường tổ chức hội nghị hiệp thương.">' in page


@pytest.mark.slow
def test_a_build_leaves_no_cycle_that_holds_the_site(make_site):
    """Once a build returns, its articles and indexes are freed at once, not at the collector's next
    full pass: `serve` builds again and again, and a 100,000-article site is a gigabyte."""
    import gc

    from frontnews.site.indexes import SiteIndex

    root = make_site(
        {f"content/tin/a{k}.md": article(f"Bài {k}", unit="xa-kim-son" if k % 2 else "phuong-le-loi") for k in range(4)}
    )
    gc.collect()
    assert build_site(root, jobs=1).ok
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        held = [o for o in gc.garbage if isinstance(o, SiteIndex)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert held == []


def test_a_build_with_another_base_url_links_under_its_own_path(make_site):
    """Templates are compiled once and their bytecode cached: no link of one build's base path
    may be baked into it (`{{ "/" | url }}` folded by Jinja) for the next build with another."""
    root = make_site({"content/a.md": article("Bài A")})
    assert build_site(root).ok
    assert build_site(root, out=root / "du-an", base_url="https://thu.example.vn/du-an/").ok
    home = (root / "du-an/index.html").read_text(encoding="utf-8")
    assert 'href="/du-an/static/css/style.css"' in home and 'class="site-title" href="/du-an/"' in home
    assert 'href="/static/' not in home
