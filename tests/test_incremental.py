"""Incremental builds: nothing re-rendered without a change, and always the bytes of a clean build."""

import random
import re
import shutil
import sqlite3

import pytest

import frontnews.incremental.state
from frontnews.incremental.build_cache import CACHE_DIR, CACHE_FILE
from sitefactory import FIXED_NOW, article, build_site, read_tree, write_site

PEOPLE = ["Đinh Văn Hùng – Chủ tịch", "Lê Thị Mai – Phó Chủ tịch", "Trần An – Ủy viên"]
TAGS = ["bầu cử", "tập huấn", "an sinh", "giám sát", "nông thôn mới"]
UNITS = ["phuong-le-loi", "xa-kim-son", "thi-xa-dong-lam"]


# Words some articles share, so that related news reads their text too (and an edit changes it).
PHRASES = [
    "trao nhà Đại đoàn kết ở thôn Đoài",
    "giám sát công trình đường liên thôn",
    "Quỹ Vì người nghèo",
    "Ngày hội Đại đoàn kết ở khu dân cư số năm",
    "lấy ý kiến cử tri",
    "tập huấn kỹ năng hòa giải",
    "tặng quà Tết cho gia đình chính sách",
    "ra quân làm sạch kênh Bắc",
]


def random_words(rng: random.Random) -> str:
    return ". ".join(rng.sample(PHRASES, rng.randrange(0, 3))) + "."


def random_article(rng: random.Random, k: int) -> str:
    tags = ", ".join(rng.sample(TAGS, rng.randrange(0, 3)))
    people = ", ".join(f'"{p}"' for p in rng.sample(PEOPLE, rng.randrange(0, 2)))
    return article(
        f"Tin số {k} {rng.choice(['hội nghị', 'tập huấn', 'ra quân'])}",
        f"{rng.randrange(1, 28):02d}/{rng.randrange(1, 13):02d}/{rng.choice([2021, 2022, 2023])} 08:00",
        rng.choice(UNITS),
        f"Nội dung {rng.random()}.\n\nĐoạn hai.\n\n{random_words(rng)}",
        tags=f"[{tags}]",
        participants=f"[{people}]",
    )


def clean_build_tree(root, tmp_path):
    """Build a copy of the site's inputs with no cache and no previous output."""
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", CACHE_DIR))
    assert build_site(clean, jobs=1).ok
    return read_tree(clean / "public")


@pytest.mark.slow
def test_second_build_renders_and_writes_nothing(make_site):
    root = make_site({f"content/tin/a{k}.md": article(f"Bài {k}", tags="[chung]") for k in range(5)})
    first = build_site(root)
    assert first.ok and first.rendered == first.pages and first.written > first.pages
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "public").rglob("*") if p.is_file()}
    second = build_site(root)
    assert second.ok and (second.rendered, second.written) == (0, 0)
    assert {p: p.stat().st_mtime_ns for p in (root / "public").rglob("*") if p.is_file()} == mtimes


@pytest.mark.slow
def test_edit_renders_only_pages_that_show_it(make_site):
    files = {
        f"content/tin/a{k}.md": article(f"Bài {k}", f"0{k + 1}/03/2022 08:00", unit=UNITS[k % 2]) for k in range(6)
    }
    root = make_site(files)
    assert build_site(root).ok
    (root / "content/tin/a0.md").write_text(
        article("Bài 0", "01/03/2022 08:00", body="Sửa nội dung."), encoding="utf-8"
    )
    report = build_site(root)
    # its own page, and its sidebar entries do not show the body: home lists its summary.
    assert 0 < report.rendered < report.pages


@pytest.mark.slow
@pytest.mark.parametrize("ahead", [False, True], ids=["listed-here", "listed-ahead"])
def test_random_edits_match_a_clean_build(make_site, tmp_path, monkeypatch, ahead):
    """Edits of the content, and of the output by hand, whether the output is listed here or ahead."""
    monkeypatch.setattr(frontnews.incremental.state, "SCAN_AHEAD_PAGES", 0 if ahead else 10**9)
    rng = random.Random(20201007)
    root = make_site({f"content/tin/a{k}.md": random_article(rng, k) for k in range(12)})
    assert build_site(root, jobs=1).ok
    next_k = 12
    strays = {}  # put in by hand: never frontnews' to delete
    for step in range(18):
        existing = sorted((root / "content/tin").glob("*.md"))
        action = rng.choice(["text", "words", "retag", "add", "delete", "template", "title", "alias", "feature"])
        target = rng.choice(existing)
        if step % 3 == 1:  # and a page deleted and a stray file added in public/ by hand
            random.Random(step).choice(sorted((root / "public").rglob("index.html"))).unlink()
            (root / f"public/la-{step}.html").write_text("lạ", encoding="utf-8")
            strays[f"la-{step}.html"] = "lạ".encode()
        if action == "add":
            (root / f"content/tin/a{next_k}.md").write_text(random_article(rng, next_k), encoding="utf-8")
            next_k += 1
        elif action == "delete" and len(existing) > 3:
            target.unlink()
        elif action == "template":
            (root / "templates").mkdir(exist_ok=True)
            (root / "templates/404.html").write_text(f"<p>Lỗi {step}</p>\n", encoding="utf-8")
        else:
            text = target.read_text(encoding="utf-8")
            if action == "text":
                text = text.replace("Đoạn hai.", f"Đoạn hai sửa {step}.")
            elif action == "words":  # the words related news compares: its own, and other articles' lists
                text = text.rsplit("\n\n", 1)[0] + "\n\n" + random_words(rng) + "\n"
            elif action == "retag":
                text = text.replace("tags: [", f"tags: [{rng.choice(TAGS)}, ", 1)
            elif action == "alias":  # an old address added, or the aliases line removed
                kept = [line for line in text.split("\n") if not line.startswith("aliases:")]
                text = (
                    "\n".join(kept)
                    if len(kept) < text.count("\n") + 1
                    else text.replace("title:", f'aliases: ["/cu/{step}/", "/cu-{step}.html"]\ntitle:', 1)
                )
            elif action == "feature":  # featured and pinned (home page, unit list), or no longer
                kept = [line for line in text.split("\n") if not line.startswith(("featured:", "pinned:"))]
                text = (
                    "\n".join(kept)
                    if len(kept) < text.count("\n") + 1
                    else text.replace("title:", "featured: true\npinned: until 31/12/2026\ntitle:", 1)
                )
            else:
                text = text.replace("title: Tin số", f"title: Tin số {step}", 1)
            target.write_text(text, encoding="utf-8")
        report = build_site(root, jobs=1)
        assert report.ok, (action, report.diagnostics)
        assert read_tree(root / "public") == {**clean_build_tree(root, tmp_path), **strays}, f"step {step}: {action}"


@pytest.mark.slow
def test_broken_cache_gives_a_correct_full_build(make_site, tmp_path):
    root = make_site({f"content/tin/a{k}.md": article(f"Bài {k}") for k in range(3)})
    assert build_site(root).ok
    expected = read_tree(root / "public")
    cache_file = root / CACHE_DIR / CACHE_FILE
    for damage in (b"not a database at all", cache_file.read_bytes()[:300], b""):
        cache_file.write_bytes(damage)
        shutil.rmtree(root / "public")
        report = build_site(root)
        assert report.ok and read_tree(root / "public") == expected
    with sqlite3.connect(cache_file) as db:
        db.execute("UPDATE meta SET value = 'phiên bản cũ' WHERE key = 'key'")
    shutil.rmtree(root / "public")
    report = build_site(root)
    assert report.ok and report.notice and read_tree(root / "public") == expected


@pytest.mark.slow
def test_parallel_build_is_byte_identical_to_one_process(tmp_path):
    rng = random.Random(7)
    files = {f"content/tin/a{k:03d}.md": random_article(rng, k) for k in range(90)}
    serial, parallel = write_site(tmp_path / "serial", files), write_site(tmp_path / "parallel", files)
    one, two = build_site(serial, jobs=1), build_site(parallel, jobs=2)
    assert one.ok and two.ok
    assert read_tree(serial / "public") == read_tree(parallel / "public")


@pytest.mark.slow
def test_each_output_folder_keeps_its_own_fingerprints(make_site, tmp_path):
    root = make_site({"content/tin/a.md": article("Bài A"), "content/tin/b.md": article("Bài B", "08/10/2020")})
    other = tmp_path / "xem-truoc"
    assert build_site(root).ok and build_site(root, out=other).ok
    original = (root / "content/tin/a.md").read_text(encoding="utf-8")
    (root / "content/tin/a.md").write_text(original.replace("Nội dung tin.", "Nội dung đã sửa."), encoding="utf-8")
    assert build_site(root, out=other).ok
    (root / "content/tin/a.md").write_text(original, encoding="utf-8")
    report = build_site(root, out=other)
    assert report.ok and report.rendered > 0
    assert build_site(root).rendered == 0  # public/ never saw the edit: nothing to redo
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)
    assert read_tree(other) == read_tree(root / "public")


@pytest.mark.slow
def test_cached_bodies_are_read_by_workers_and_a_damaged_one_is_rendered_again(tmp_path):
    """Article pages re-rendered from cached bodies (the output was deleted) equal the first build."""
    rng = random.Random(11)
    root = write_site(tmp_path / "site", {f"content/tin/a{k:03d}.md": random_article(rng, k) for k in range(90)})
    assert build_site(root, jobs=2).ok
    expected = read_tree(root / "public")
    shutil.rmtree(root / "public")
    report = build_site(root, jobs=2)
    assert report.ok and report.rendered == report.pages and read_tree(root / "public") == expected
    stored = sorted((root / CACHE_DIR / "html").rglob("*.html"))
    assert len(stored) == 90
    stored[0].write_bytes(b"\x00")  # damaged
    stored[1].write_bytes(stored[1].read_bytes().replace(b"</p>", b"</p><script>", 1))  # altered
    stored[2].unlink()  # lost
    shutil.rmtree(root / "public")
    assert build_site(root, jobs=2).ok and read_tree(root / "public") == expected


def test_an_article_broken_after_it_was_read_does_not_crash_the_build(tmp_path):
    """A save racing the build: the body is read again where it renders, and may be gone by then."""
    from frontnews.build import BuildOptions, load_site
    from frontnews.incremental.state import NoState
    from frontnews.markup.bodies import _markdown_of

    root = write_site(tmp_path / "site", {"content/tin/a.md": article("Bài A", body="Nội dung.")})
    site, _ = load_site(BuildOptions(root=root, now=FIXED_NOW), NoState())
    (lean,) = site.published
    assert _markdown_of(lean, root)[::2] == ("Nội dung.\n", True)
    (root / "content/tin/a.md").write_bytes(b"---\ntitle: \xff\n---\n")
    assert _markdown_of(lean, root)[2] is False
    (root / "content/tin/a.md").unlink()
    assert _markdown_of(lean, root) == ("", lean.body_line, False)


@pytest.mark.slow
def test_each_article_is_read_once_and_cached_with_its_body(tmp_path, monkeypatch):
    """The worker that parses an article renders its body from the same bytes: no second read.

    Its default summary, cut from the body, is cached with it: a rebuild from the cache alone
    (the output deleted) gives the same pages.
    """
    import frontnews.content.sources
    import frontnews.markup.bodies

    reads: list[str] = []
    read = frontnews.content.sources._read
    monkeypatch.setattr(frontnews.content.sources, "_read", lambda path, file: reads.append(path) or read(path, file))
    monkeypatch.setattr(frontnews.markup.bodies, "body_of", lambda text: pytest.fail("the file was read twice"))
    rng = random.Random(5)
    files = {f"content/tin/a{k:02d}.md": random_article(rng, k) for k in range(12)}
    root = write_site(tmp_path / "site", files)
    assert build_site(root, jobs=1).ok
    assert sorted(reads) == sorted(files)
    expected = read_tree(root / "public")
    assert "Nội dung 0." in (root / "public/index.html").read_text(encoding="utf-8")  # summaries from bodies
    shutil.rmtree(root / "public")
    reads.clear()
    report = build_site(root, jobs=1)
    assert report.ok and report.rendered == report.pages and reads == []
    assert read_tree(root / "public") == expected


def _marked(source: str, mark: str) -> str:
    """A template with a visible change: in its first block if it extends another (text outside
    blocks is not rendered there), else at its end."""
    block = re.search(r"{%-?\s*block\s", source)
    if "{% extends" in source and block:
        at = source.index("%}", block.start()) + 2
        return source[:at] + mark + source[at:]
    return source + mark


@pytest.mark.slow
def test_a_template_edit_renders_its_pages_again_and_gives_a_clean_build(make_site, tmp_path):
    """Each theme template edited in turn (as the site's own): only the pages of its template set
    render again, and the output is always the bytes of a clean build."""
    from frontnews.render.templates import theme_templates

    rng = random.Random(7)
    root = make_site({f"content/tin/a{k}.md": random_article(rng, k) for k in range(8)})
    first = build_site(root, jobs=1)
    assert first.ok
    theme = theme_templates()
    for step, path in enumerate(sorted(p for p in theme.rglob("*.html"))):
        name = path.relative_to(theme).as_posix()
        own = root / "templates" / name
        own.parent.mkdir(parents=True, exist_ok=True)
        own.write_text(_marked(path.read_text(encoding="utf-8"), f"<!-- sửa {step} -->"), encoding="utf-8")
        report = build_site(root, jobs=1)
        assert report.ok, (name, report.diagnostics)
        assert read_tree(root / "public") == clean_build_tree(root, tmp_path), name
        if name == "404.html":
            assert report.rendered == 1  # the 404 page alone: no other page renders it
        if name in ("base.html", "partials/menu.html"):
            assert report.rendered > first.pages // 2  # on (nearly) every page


SECTIONED = """\
title: Trang thử
base_url: https://thu.example.vn/
article_url: /{section}/{year}/{month}/{slug}/
sections:
  tin: Tin tức
  thong-bao: Thông báo
  van-ban: {name: Văn bản, type: văn bản}
pages:
  menu: [gioi-thieu]
"""


def _document(k: int) -> str:
    return (
        f"---\ntitle: Công văn số {k}\nunit: thi-xa-dong-lam\nso_hieu: {k}/MTTQ-BTT\n"
        f"ngay_ban_hanh: {k % 27 + 1:02d}/03/2023\nfile: cv-{k}.pdf\n---\nNội dung công văn {k}.\n"
    )


@pytest.mark.slow
def test_random_section_page_and_document_edits_match_a_clean_build(make_site, tmp_path):
    """Sections renamed and reordered, articles moved between them, standing pages and documents
    added, edited, moved and removed: always the bytes of a clean build."""
    rng = random.Random(19)
    files = {f"content/{rng.choice(['tin', 'thong-bao'])}/a{k}.md": random_article(rng, k) for k in range(8)}
    files |= {
        "frontnews.yaml": SECTIONED,
        "content/trang/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nMặt trận.\n",
        "content/van-ban/cv-1.md": _document(1),
        "content/van-ban/cv-1.pdf": b"%PDF-1.4\n1\n",
    }
    root = make_site(files)
    assert build_site(root, jobs=1).ok
    next_k = 2
    actions = ["move", "rename", "reorder", "page", "new-page", "menu", "document", "pdf"] * 2
    rng.shuffle(actions)  # each twice, in a random order
    for step, action in enumerate(actions):
        articles = sorted((root / "content").glob("t*/a*.md"))
        config = (root / "frontnews.yaml").read_text(encoding="utf-8")
        if action == "move":
            source = rng.choice(articles)
            other = "tin" if source.parent.name == "thong-bao" else "thong-bao"
            source.rename(root / "content" / other / source.name)
        elif action == "rename":
            config = (
                config.replace("Thông báo", f"Thông báo {step}")
                if "Thông báo:" in config
                else re.sub(r"Thông báo \d+", "Thông báo", config)
            )
        elif action == "reorder":
            lines = config.split("\n")
            at = lines.index("  tin: Tin tức")
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
            config = "\n".join(lines)
        elif action == "page":
            page = root / "content/trang/gioi-thieu.md"
            page.write_text(
                page.read_text(encoding="utf-8").replace("Giới thiệu", f"Giới thiệu {step}", 1), encoding="utf-8"
            )
        elif action == "new-page":
            pages = sorted((root / "content/trang").glob("p*.md"))
            if pages and rng.random() < 0.5:
                rng.choice(pages).unlink()
            else:
                (root / f"content/trang/p{step}.md").write_text(
                    f"---\ntitle: Trang {step}\n---\n[Giới thiệu](/gioi-thieu/)\n", encoding="utf-8"
                )
        elif action == "menu":
            config = (
                config.replace("menu: [gioi-thieu]", "menu: []")
                if "[gioi-thieu]" in config
                else config.replace("menu: []", "menu: [gioi-thieu]")
            )
        elif action == "document":
            (root / f"content/van-ban/cv-{next_k}.md").write_text(_document(next_k), encoding="utf-8")
            (root / f"content/van-ban/cv-{next_k}.pdf").write_bytes(f"%PDF-1.4\n{next_k}\n".encode())
            next_k += 1
        else:  # a document's file changed, or the file and its document removed
            pdfs = sorted((root / "content/van-ban").glob("*.pdf"))
            if len(pdfs) > 1 and rng.random() < 0.5:
                pdfs[-1].unlink()
                pdfs[-1].with_suffix(".md").unlink()
            else:
                pdfs[0].write_bytes(pdfs[0].read_bytes() + f"{step}\n".encode())
        (root / "frontnews.yaml").write_text(config, encoding="utf-8")
        report = build_site(root, jobs=1)
        assert report.ok, (action, report.diagnostics)
        assert read_tree(root / "public") == clean_build_tree(root, tmp_path), f"step {step}: {action}"
