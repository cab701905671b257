"""Where a build may publish, and that it deletes only what frontnews wrote (render/output_folder.py)."""

import json
import subprocess
import sys

import pytest

from sitefactory import article, build_site, read_tree, write_site

BASE = "https://thu.example.vn"
NOW = "2026-01-01T00:00+00:00"


@pytest.fixture
def site(tmp_path):
    return write_site(
        tmp_path / "site",
        {
            "content/tin/a.md": article("Bài A", date="01/10/2024 08:00", tags="[lua-gao]"),
            "content/tin/b.md": article("Bài B", date="02/10/2024 08:00"),
            "README.md": "Trang thử.\n",
        },
    )


def unindexed(record_body: bytes) -> dict:
    """The record's lists of files, without the search index's."""
    data = json.loads(record_body)
    return {
        key: [p for p in value if not str(p).startswith("pagefind/")] if isinstance(value, list) else value
        for key, value in data.items()
    }


def cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "frontnews.cli.main", *args, "--now", NOW],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def sources(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".frontnews-cache" not in p.parts
    }


def recorded(out):
    """The files and the kept files of the output's record (its second line; the first names the build)."""
    return json.loads((out / ".frontnews/output.json").read_bytes().split(b"\n")[1])


def changes(out):
    return json.loads((out / ".frontnews/changes.json").read_text(encoding="utf-8"))


def test_out_dot_is_refused_and_touches_nothing(site):
    before = sources(site)
    result = cli("build", ".", "--out", ".", cwd=site)
    assert result.returncode == 1
    assert f"{site}: FN310 Thư mục xuất bản là chính thư mục trang web" in result.stderr
    assert "giữ nguyên" in result.stderr and "Xong" not in result.stdout
    assert sources(site) == before


@pytest.mark.parametrize(
    "out, code", [("..", "FN310"), ("content/ban-dung", "FN311"), ("static", "FN311"), (".frontnews-cache/x", "FN311")]
)
def test_a_folder_of_the_site_or_above_it_is_refused(site, out, code):
    before = sources(site)
    result = cli("build", str(site), "--out", str(site / out))
    assert result.returncode == 1 and f": {code} " in result.stderr, result.stderr
    assert sources(site) == before


def test_a_folder_holding_the_sources_is_refused(tmp_path):
    holder = tmp_path / "ngoai"
    root = write_site(holder / "site", {"content/tin/a.md": article("Bài A")})
    report = build_site(root, out=holder)
    assert [d.code for d in report.errors] == ["FN310"] and not (holder / "index.html").exists()


def test_a_folder_of_someone_else_is_refused(site, tmp_path):
    other = tmp_path / "tai-lieu"
    other.mkdir()
    (other / "bao-cao.docx").write_bytes(b"van ban")
    report = build_site(site, out=other)
    assert [d.code for d in report.errors] == ["FN312"]
    assert "bao-cao.docx" in report.errors[0].message
    assert sorted(p.name for p in other.iterdir()) == ["bao-cao.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "tai-lieu"]  # no state folder either


def test_github_pages_docs_keeps_cname_and_nojekyll(site):
    docs = site / "docs"
    docs.mkdir()
    (docs / "CNAME").write_text("mttq.example.vn\n")
    (docs / ".nojekyll").write_text("")
    assert build_site(site, out=docs).ok
    assert (docs / "CNAME").read_text() == "mttq.example.vn\n" and (docs / ".nojekyll").exists()
    (site / "content/tin/a.md").unlink()
    assert build_site(site, out=docs).ok
    assert (docs / "CNAME").read_text() == "mttq.example.vn\n" and (docs / ".nojekyll").exists()
    assert not (docs / "tin-tuc/2024/10/bai-a").exists()
    found = changes(docs)
    assert BASE + "/tin-tuc/2024/10/bai-a/" in found["removed"]
    assert not any("CNAME" in url or "nojekyll" in url for url in found["removed"])


def test_hand_placed_files_stay_and_are_never_reported_removed(site):
    assert build_site(site).ok
    out = site / "public"
    (out / "CNAME").write_text("mttq.example.vn\n")
    (out / ".well-known").mkdir()
    (out / ".well-known/security.txt").write_text("Contact: mailto:bandientu@example.vn\n")
    (out / "google1234.html").write_text("google-site-verification: google1234.html")
    (site / "content/tin/a.md").unlink()  # a removed article: its pages go, and the tag's
    report = build_site(site)
    assert report.ok
    assert (out / "CNAME").read_text() == "mttq.example.vn\n"
    assert (out / ".well-known/security.txt").read_text().startswith("Contact:")
    assert (out / "google1234.html").exists()
    assert not (out / "tin-tuc/2024/10/bai-a").exists() and not (out / "chu-de/lua-gao").exists()
    removed = changes(out)["removed"]
    assert BASE + "/chu-de/lua-gao/" in removed
    assert not [url for url in removed if "CNAME" in url or "well-known" in url or "google" in url]
    record = recorded(out)
    assert record["kept"] == [".well-known/security.txt", "CNAME", "google1234.html"]
    assert "CNAME" not in record["files"] and "index.html" in record["files"]
    again = build_site(site)  # and then nothing to do
    assert (again.rendered, again.written) == (0, 0)


def test_a_hand_placed_file_where_a_page_goes_is_an_error_and_nothing_changes(site):
    assert build_site(site).ok
    out = site / "public"
    mine = out / "tin-tuc/2024/10/bai-c/index.html"
    mine.parent.mkdir(parents=True)
    mine.write_text("trang tự làm")
    before = read_tree(out)
    (site / "content/tin/c.md").write_text(article("Bài C", date="03/10/2024 08:00"), encoding="utf-8")
    report = build_site(site)
    assert [(d.path, d.code) for d in report.errors] == [("public/tin-tuc/2024/10/bai-c/index.html", "FN313")]
    assert read_tree(out) == before
    mine.unlink()
    assert build_site(site).ok and "Bài C" in mine.read_text(encoding="utf-8")


def test_a_folder_built_by_frontnews_0_1_0_is_taken_over_without_deleting(site):
    out = site / "public"
    (out / ".frontnews").mkdir(parents=True)
    (out / ".frontnews/changes.json").write_text('{"version": 1}\n')  # what 0.1.0 left, and no record
    (out / "index.html").write_text("trang cũ")
    (out / "tin-tuc/2019/01/bai-cu").mkdir(parents=True)
    (out / "tin-tuc/2019/01/bai-cu/index.html").write_text("bài cũ")
    (out / "CNAME").write_text("mttq.example.vn\n")
    report = build_site(site)
    assert report.ok, report.diagnostics
    assert "Bài A" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "tin-tuc/2019/01/bai-cu/index.html").read_text() == "bài cũ"
    assert (out / "CNAME").exists()
    record = recorded(out)
    assert record["kept"] == ["CNAME", "tin-tuc/2019/01/bai-cu/index.html"]


def test_the_build_into_a_new_folder_reads_like_before(site, tmp_path):
    """An empty folder, or none: the same site; into none, one rename and nothing left beside it."""
    empty = tmp_path / "rong"
    empty.mkdir()
    assert build_site(site, out=empty).ok and build_site(site, out=tmp_path / "moi").ok
    assert read_tree(empty) == read_tree(tmp_path / "moi")
    assert not (tmp_path / ".moi.frontnews").exists()


def test_the_record_names_each_commit_and_lists_the_files(site):
    assert build_site(site).ok
    record = site / "public/.frontnews/output.json"
    head, body = record.read_bytes().split(b"\n", 1)
    (site / "content/tin/a.md").write_text(
        article("Bài A", date="01/10/2024 08:00", tags="[lua-gao]", body="Nội dung sửa."), encoding="utf-8"
    )
    assert build_site(site).ok
    new_head, new_body = record.read_bytes().split(b"\n", 1)
    # The same files, but the search index's, which are named for their content: only the commit's id is new.
    assert new_head != head and unindexed(new_body) == unindexed(body)
    (site / "content/tin/a.md").unlink()
    assert build_site(site).ok
    assert "tin-tuc/2024/10/bai-a/index.html" in json.loads(body)["files"]
    assert "tin-tuc/2024/10/bai-a/index.html" not in recorded(site / "public")["files"]
