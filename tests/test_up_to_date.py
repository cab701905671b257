"""The no-change shortcut: taken only when the full build would render and write nothing."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from frontnews.incremental.build_cache import CACHE_DIR, CACHE_FILE
from sitefactory import FIXED_NOW, article, build_site, read_tree

SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>'


def full_build(root, **options):
    """A build with the shortcut's records removed: what the long way reports."""
    with sqlite3.connect(root / CACHE_DIR / CACHE_FILE) as db:
        db.execute("DELETE FROM records WHERE kind = 'unchanged'")
    return build_site(root, **options)


@pytest.mark.slow
def test_a_second_build_reports_what_the_full_build_reports(make_site):
    root = make_site({"content/tin/a.md": article("Bài A", la="x"), "content/tin/b.md": article("Bài B")})
    first = build_site(root)
    assert first.ok and first.warnings  # FN110: an unknown key
    quick = build_site(root)
    assert (quick.rendered, quick.written) == (0, 0)
    slow = full_build(root)
    fields = ("articles", "pages", "written", "rendered", "reused", "diagnostics", "notice")
    assert [getattr(quick, f) for f in fields] == [getattr(slow, f) for f in fields]


@pytest.mark.slow
def test_the_clock_publishes_a_scheduled_article_and_warns_hours_before(make_site):
    root = make_site(
        {"content/tin/a.md": article("Bài A"), "content/tin/hen.md": article("Bài hẹn", date="10/01/2026 08:00")}
    )
    assert build_site(root).ok and build_site(root).rendered == 0
    due = dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    warned = build_site(root, now=due - dt.timedelta(hours=2))
    assert [d.code for d in warned.warnings] == ["FN115"]
    assert [d.code for d in build_site(root, now=due - dt.timedelta(hours=1)).warnings] == ["FN115"]
    published = build_site(root, now=due)
    assert published.ok and published.articles == 2 and not published.warnings
    assert build_site(root, now=FIXED_NOW).articles == 1  # a clock set back unpublishes it again


@pytest.mark.slow
def test_a_deleted_output_file_or_a_changed_photo_is_built_again(make_site):
    root = make_site({"content/tin/a.md": article("Có ảnh", body="![Ảnh](anh.svg)"), "content/tin/anh.svg": SVG})
    assert build_site(root).ok
    expected = read_tree(root / "public")
    (root / "public/index.html").unlink()
    assert build_site(root).written == 1 and read_tree(root / "public") == expected
    (root / "content/tin/anh.svg").write_text(SVG.replace("/>", "><g/></svg>"), encoding="utf-8")
    assert build_site(root).written == 1
    (root / "static").mkdir()
    (root / "static/them.css").write_text("p{}", encoding="utf-8")
    assert build_site(root).written == 1


@pytest.mark.slow
def test_each_output_folder_and_option_has_its_own_record(make_site, tmp_path):
    root = make_site({"content/tin/a.md": article("Bài A"), "content/tin/nhap.md": article("Nháp", draft="true")})
    assert build_site(root).articles == 1
    assert build_site(root, drafts=True).articles == 2
    assert build_site(root).articles == 1
    other = tmp_path / "khac"
    report = build_site(root, out=other)
    assert report.rendered == report.pages and build_site(root, out=other).rendered == 0
    shutil.rmtree(other)
    assert build_site(root, out=other).rendered == report.pages


def test_the_inputs_hashed_are_the_folders_serve_watches():
    from frontnews.incremental.up_to_date import SITE_INPUTS
    from frontnews.serve.watch import WATCHED_DIRS, WATCHED_FILES

    assert sorted(SITE_INPUTS) == sorted(WATCHED_DIRS + WATCHED_FILES)


@pytest.mark.slow
def test_a_link_to_a_folder_among_the_inputs_turns_the_shortcut_off(make_site, tmp_path):
    elsewhere = tmp_path / "anh-chung"
    elsewhere.mkdir()
    root = make_site({"content/tin/a.md": article("Bài A")})
    (root / "content/tin/chung").symlink_to(elsewhere, target_is_directory=True)
    assert build_site(root).ok
    report = build_site(root)
    assert report.ok and report.rendered == 0 and report.reused > 0  # the long way, which reads every file
    from frontnews.build import BuildOptions
    from frontnews.incremental.file_digests import FileDigests
    from frontnews.incremental.up_to_date import inputs_key

    assert inputs_key(root, BuildOptions(root=root).out_dir, "", FileDigests()) is None


@pytest.mark.slow
def test_the_shortcut_is_taken_after_a_first_build_and_after_an_edit(make_site, monkeypatch):
    import frontnews.build

    root = make_site({"content/tin/a.md": article("Bài A"), "content/tin/b.md": article("Bài B")})
    assert build_site(root).ok
    (root / "content/tin/b.md").unlink()  # an edit that removes output files
    (root / "content/tin/c.md").write_text(article("Bài C"), encoding="utf-8")
    assert build_site(root).written > 0

    def long_way(*args, **kwargs):
        raise AssertionError("the full build ran")

    monkeypatch.setattr(frontnews.build, "load_site", long_way)
    quick = build_site(root)
    assert quick.ok and (quick.rendered, quick.written) == (0, 0)


def test_the_shortcut_hashes_every_module_of_the_package_subpackages_included(tmp_path, monkeypatch):
    """A new frontnews must build anew: a change in any of its modules changes the inputs' fingerprint."""
    import frontnews
    from frontnews.incremental import up_to_date
    from frontnews.incremental.file_digests import FileDigests

    assert up_to_date.PACKAGE_DIR == Path(frontnews.__file__).parent
    package = tmp_path / "frontnews"
    shutil.copytree(up_to_date.PACKAGE_DIR, package, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(up_to_date, "PACKAGE_DIR", package)
    root = tmp_path / "site"
    root.mkdir()
    before = up_to_date.inputs_key(root, root / "public", "", FileDigests())
    module = package / "incremental" / "state.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert before is not None and up_to_date.inputs_key(root, root / "public", "", FileDigests()) != before


ICT = dt.timezone(dt.timedelta(hours=7))


def _quick(root, monkeypatch, now):
    """A build that must take the shortcut: the full build would fail here."""
    import frontnews.build

    def long_way(*args, **kwargs):
        raise AssertionError("the full build ran")

    with monkeypatch.context() as patched:
        patched.setattr(frontnews.build, "load_site", long_way)
        return build_site(root, now=now)


def test_scheduled_articles_keep_the_shortcut_until_their_time_with_the_long_ways_warnings(make_site, monkeypatch):
    """An article due within hours (FN115) or later does not turn the shortcut off; it is taken
    until an article's time comes, and reports the warnings of its own clock reading."""
    root = make_site(
        {
            "content/tin/a.md": article("Bài A"),
            "content/tin/sang.md": article("Bài hẹn sáng", date="01/01/2026 17:00"),
            "content/tin/chieu.md": article("Bài hẹn chiều", date="01/01/2026 19:00"),
        }
    )
    start = dt.datetime(2026, 1, 1, 7, 0, tzinfo=ICT)  # ten and twelve hours before them
    assert build_site(root, now=start).ok and not build_site(root, now=start).warnings
    fields = ("articles", "pages", "written", "rendered", "diagnostics")
    seen = []
    for hours in (4, 4.5, 6, 9.99):
        now = start + dt.timedelta(hours=hours)
        quick = _quick(root, monkeypatch, now)
        slow = full_build(root, now=now)
        assert [getattr(quick, f) for f in fields] == [getattr(slow, f) for f in fields]
        seen.append([(d.path, d.code) for d in quick.warnings])
        assert quick.rendered == 0 and quick.ok
    assert (
        seen
        == [[("content/tin/sang.md", "FN115")]] * 2
        + [[("content/tin/chieu.md", "FN115"), ("content/tin/sang.md", "FN115")]] * 2
    )
    assert "còn 6 giờ nữa" in str(_quick(root, monkeypatch, start + dt.timedelta(hours=4)).warnings[0])
    due = build_site(root, now=start + dt.timedelta(hours=10))  # its time: the long way publishes it
    assert due.articles == 2 and due.rendered > 0
    assert _quick(root, monkeypatch, start + dt.timedelta(hours=10, minutes=5)).articles == 2


def test_with_strict_a_warning_of_the_clock_takes_the_long_way(make_site):
    root = make_site(
        {"content/tin/a.md": article("Bài A"), "content/tin/hen.md": article("Bài hẹn", date="01/01/2026 17:00")}
    )
    start = dt.datetime(2026, 1, 1, 7, 0, tzinfo=ICT)
    assert build_site(root, now=start, strict=True).ok
    later = build_site(root, now=start + dt.timedelta(hours=5), strict=True)
    assert not later.ok and [d.code for d in later.warnings] == ["FN115"] and later.written == 0
    slow = full_build(root, now=start + dt.timedelta(hours=5), strict=True)
    assert (later.reused, later.pages, later.diagnostics) == (slow.reused, slow.pages, slow.diagnostics)
