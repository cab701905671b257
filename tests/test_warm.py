"""`serve`'s builds with the articles kept in memory (incremental/warm.py): the bytes of a clean build."""

import random
import shutil
import sqlite3

import pytest

from frontnews.incremental.build_cache import CACHE_DIR, CACHE_FILE
from frontnews.incremental.warm import Warm
from sitefactory import UNITS, article, build_site, read_tree

TAGS = ["bầu cử", "tập huấn", "an sinh", "giám sát"]
UNIT_SLUGS = ["phuong-le-loi", "xa-kim-son", "thi-xa-dong-lam"]


def random_article(rng: random.Random, k: int) -> str:
    return article(
        f"Tin số {k}",
        f"{rng.randrange(1, 28):02d}/{rng.randrange(1, 13):02d}/2022 08:00",
        rng.choice(UNIT_SLUGS),
        f"Nội dung {rng.random()}.\n\nĐoạn hai.",
        tags=f"[{', '.join(rng.sample(TAGS, rng.randrange(0, 3)))}]",
    )


def clean_build(root, tmp_path, **options):
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", CACHE_DIR))
    assert build_site(clean, jobs=1, **options).ok
    return read_tree(clean / "public")


def test_a_warm_rebuild_reads_the_saved_file_alone_and_no_record_from_the_cache(make_site, tmp_path, monkeypatch):
    import frontnews.content.sources

    rng = random.Random(3)
    root = make_site({f"content/tin/a{k}.md": random_article(rng, k) for k in range(8)})
    warm = Warm()
    assert build_site(root, jobs=1, warm=warm).ok
    with sqlite3.connect(root / CACHE_DIR / CACHE_FILE) as db:  # what a cold build would read
        db.execute("DELETE FROM records WHERE kind = 'article'")
    reads: list[str] = []
    read = frontnews.content.sources._read
    monkeypatch.setattr(frontnews.content.sources, "_read", lambda path, file: reads.append(path) or read(path, file))
    edited = root / "content/tin/a3.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Đoạn hai.", "Đoạn hai đã sửa."), encoding="utf-8")
    report = build_site(root, jobs=1, warm=warm)
    assert report.ok and 0 < report.rendered < report.pages
    assert reads == ["content/tin/a3.md"]
    assert read_tree(root / "public") == clean_build(root, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("preview", [False, True], ids=["build", "preview"])
def test_random_edits_through_the_warm_state_match_a_clean_build(make_site, tmp_path, preview):
    """Edits of articles, templates and the units (another cache key: memory starts empty), some
    undone, each rebuilt through one Warm as `serve` does."""
    rng = random.Random(16)
    root = make_site({f"content/tin/a{k}.md": random_article(rng, k) for k in range(10)})
    warm = Warm()
    options = {"preview": preview, "drafts": preview, "future": preview}
    assert build_site(root, jobs=1, warm=warm, **options).ok
    next_k, undo = 10, None
    for step in range(16):
        existing = sorted((root / "content/tin").glob("*.md"))
        target = rng.choice(existing)
        action = rng.choice(["text", "retag", "add", "delete", "undo", "units", "template", "draft"])
        if action == "undo" and undo is not None:
            undo[0].write_text(undo[1], encoding="utf-8")  # bytes seen two builds ago, back again
        elif action == "add":
            (root / f"content/tin/a{next_k}.md").write_text(random_article(rng, next_k), encoding="utf-8")
            next_k += 1
        elif action == "delete" and len(existing) > 4:
            target.unlink()
        elif action == "units":
            (root / "content/units.yaml").write_text(UNITS.replace("Kim Sơn", f"Kim Sơn {step}"), encoding="utf-8")
        elif action == "template":
            (root / "templates").mkdir(exist_ok=True)
            (root / "templates/404.html").write_text(f"<p>Lỗi {step}</p>\n", encoding="utf-8")
        else:
            text = target.read_text(encoding="utf-8")
            undo = (target, text)
            if action == "text":
                text = text.replace("Đoạn hai", f"Đoạn hai sửa {step}", 1)
            elif action == "retag":
                text = text.replace("tags: [", f"tags: [{rng.choice(TAGS)}, ", 1)
            else:
                text = (
                    text.replace("title:", "draft: true\ntitle:", 1)
                    if "draft:" not in text
                    else text.replace("draft: true\n", "")
                )
            target.write_text(text, encoding="utf-8")
        report = build_site(root, jobs=1, warm=warm, **options)
        assert report.ok, (action, report.diagnostics)
        assert read_tree(root / "public") == clean_build(root, tmp_path, **options), f"step {step}: {action}"
        assert set(warm.records) <= {p.relative_to(root).as_posix() for p in (root / "content").rglob("*.md")}
