"""Output friendly to uploads: unchanged files keep their mtime; changes.json lists what changed."""

import json
import os
import subprocess
import sys

import pytest

from frontnews.render.change_record import changes_json, url_of
from frontnews.render.output import Changes
from sitefactory import FIXED_NOW, article, build_site, write_site

BASE = "https://thu.example.vn"
OLD = 1_000_000_000  # a modification time no build could write by chance
RECORD = ".frontnews/changes.json"


@pytest.fixture
def site(tmp_path):
    return write_site(
        tmp_path / "site",
        {
            "content/tin/a.md": article("Bài A", date="01/10/2024 08:00"),
            "content/tin/b.md": article("Bài B", date="02/10/2024 08:00"),
        },
    )


def record(root):
    return json.loads((root / "public" / RECORD).read_text(encoding="utf-8"))


def age_every_file(out):
    for file in out.rglob("*"):
        if file.is_file():
            os.utime(file, (OLD, OLD))


def mtimes(out):
    return {p.relative_to(out).as_posix(): p.stat().st_mtime for p in out.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_first_build_records_every_url_as_added(site):
    assert build_site(site).ok
    found = record(site)
    assert found["version"] == 1 and found["base_url"] == BASE + "/"
    assert found["changed"] == [] and found["removed"] == []
    assert BASE + "/" in found["added"] and BASE + "/tin-tuc/2024/10/bai-a/" in found["added"]
    assert found["added"] == sorted(found["added"])
    assert not any("/.frontnews/" in url for url in found["added"])


@pytest.mark.slow
def test_a_second_build_changes_no_modification_time(site):
    assert build_site(site).ok
    out = site / "public"
    first = record(site)
    age_every_file(out)
    assert build_site(site).ok
    assert set(mtimes(out).values()) == {OLD}  # the record too: a build that changed nothing touches nothing
    assert record(site) == first  # so it still lists the last build that changed the site


@pytest.mark.slow
def test_a_change_after_a_quiet_build_is_recorded_alone(site):
    assert build_site(site).ok and build_site(site).ok
    (site / "content/tin/c.md").write_text(article("Bài C", date="03/10/2024 08:00"), encoding="utf-8")
    assert build_site(site).ok
    found = record(site)
    assert BASE + "/tin-tuc/2024/10/bai-c/" in found["added"]
    assert BASE + "/" in found["changed"] and BASE + "/" not in found["added"]  # not the first build's list
    # No page goes; the search index's files are named by their bytes, so its old ones do.
    assert [url for url in found["removed"] if "/pagefind/" not in url] == []


@pytest.mark.slow
def test_deleting_an_article_removes_its_page_and_records_it(site):
    assert build_site(site).ok
    page = site / "public/tin-tuc/2024/10/bai-b/index.html"
    assert page.is_file()
    (site / "content/tin/b.md").unlink()
    assert build_site(site).ok
    assert not page.exists() and not page.parent.exists()
    found = record(site)
    pages = {kind: [url for url in found[kind] if "/pagefind/" not in url] for kind in found if kind != "version"}
    assert pages["removed"] == [BASE + "/tin-tuc/2024/10/bai-b/"]
    assert BASE + "/" in pages["changed"]  # the home page lists one article fewer
    assert pages["added"] == []  # the search index's new files are named by their bytes: added


@pytest.mark.slow
def test_an_edit_changes_its_page_and_keeps_the_others(site):
    assert build_site(site).ok
    out = site / "public"
    age_every_file(out)
    (site / "content/tin/a.md").write_text(
        article("Bài A", date="01/10/2024 08:00", body="Nội dung mới."), encoding="utf-8"
    )
    assert build_site(site).ok
    assert BASE + "/tin-tuc/2024/10/bai-a/" in record(site)["changed"]
    assert BASE + "/tin-tuc/2024/10/bai-b/" not in record(site)["changed"]
    assert mtimes(out)["tin-tuc/2024/10/bai-b/index.html"] == OLD
    assert mtimes(out)["tin-tuc/2024/10/bai-a/index.html"] != OLD


@pytest.mark.slow
def test_the_record_is_deterministic(tmp_path):
    files = {"content/tin/a.md": article("Bài A"), "content/tin/b.md": article("Bài B")}
    first, second = write_site(tmp_path / "one", files), write_site(tmp_path / "two", files)
    assert build_site(first).ok and build_site(second).ok
    assert (first / "public" / RECORD).read_bytes() == (second / "public" / RECORD).read_bytes()


@pytest.mark.slow
def test_check_writes_no_record(site):
    assert build_site(site, write=False).ok
    assert not (site / "public").exists()


def test_urls_of_output_files():
    assert [url_of(p) for p in ("index.html", "a/b/index.html", "404.html", "static/css/style.css")] == [
        "/",
        "/a/b/",
        "/404.html",
        "/static/css/style.css",
    ]
    data = json.loads(
        changes_json(
            Changes(added=("z/index.html", "ảnh/x y.svg", ".frontnews/changes.json"), removed=("b/index.html",)),
            "https://x.vn/du-an/",
        )
    )
    assert data["added"] == ["https://x.vn/du-an/%E1%BA%A3nh/x%20y.svg", "https://x.vn/du-an/z/"]
    assert data["removed"] == ["https://x.vn/du-an/b/"]


@pytest.mark.slow
def test_base_url_override_reaches_every_absolute_url(site):
    assert build_site(site, base_url="https://xem-truoc.example.vn/pr-7").ok
    out = site / "public"
    assert record(site)["base_url"] == "https://xem-truoc.example.vn/pr-7/"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/pr-7/tin-tuc/2024/10/bai-a/"' in home and "thu.example.vn" not in home
    assert "https://xem-truoc.example.vn/pr-7/tin-tuc/2024/10/bai-a/" in (out / "feed.xml").read_text(encoding="utf-8")


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "frontnews.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(int(FIXED_NOW.timestamp()))},
    )


@pytest.mark.slow
def test_base_url_option_on_the_command_line(site):
    result = run("build", str(site), "--base-url", "https://xem-truoc.example.vn/")
    assert result.returncode == 0, result.stderr
    assert record(site)["base_url"] == "https://xem-truoc.example.vn/"
    refused = run("check", str(site), "--base-url", "xem-truoc.example.vn")
    assert refused.returncode == 2 and "http://" in refused.stderr
