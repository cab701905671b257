"""Cache records are data: JSON read back by type (incremental/records.py), never code."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import pickle
import shutil
import sqlite3
from zoneinfo import ZoneInfo

import pytest
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

from frontnews.diagnostics import Diagnostic, Severity
from frontnews.incremental.records import RecordError, decode, encode
from frontnews.incremental.state import Record
from frontnews.markup.bodies import Body
from frontnews.models import Alias, Article, Asset, Image, Participant, StandingPage, Tag
from frontnews.render.templates import theme_templates
from sitefactory import article, build_site, read_tree, write_site

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def an_article(**changes) -> Article:
    values = {
        "source": "content/tin/a.md",
        "digest": "ab" * 32,
        "slug": "hoi-nghi",
        "url": "/tin-tuc/2024/10/hoi-nghi/",
        "output_path": "tin-tuc/2024/10/hoi-nghi/index.html",
        "title": "Hội nghị “đại đoàn kết”",
        "published": dt.datetime(2024, 10, 1, 8, 0, tzinfo=HCM),
        "updated": dt.datetime(2024, 10, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        "unit": "phuong-le-loi",
        "participants": (Participant("Nguyễn Văn A", "nguyen-van-a", ("Chủ tịch",)),),
        "tags": (Tag("An sinh", "an-sinh"),),
        "summary": "Tóm tắt.",
        "image": Image("anh.jpg", "/anh.jpg", "Ảnh"),
        "signature": "MTTQ",
        "draft": False,
        "body": None,
        "body_line": 7,
        "assets": (Asset("content/tin/anh.jpg", "anh.jpg"),),
        "summary_from_body": True,
        "aliases": (Alias("/tin-cu/", 5),),
        "featured": True,
        "pinned_until": dt.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=HCM),
    }
    values.update(changes)
    return Article(**values)


def test_an_article_record_comes_back_equal_with_its_zone():
    body = Body(
        "Tóm tắt.",
        (Asset("content/tin/anh.jpg", "anh.jpg"),),
        (("FN201", "x.png", 3),),
        ("static/a.pdf",),
        ("content/tin/b.png",),
        (("", "/a/", "/a/", 4),),
    )
    record = (an_article(), [Diagnostic("content/tin/a.md", 2, "FN115", Severity.WARNING, "Bài hẹn giờ.")], body)
    back = decode(encode(record), Record)
    assert back == record
    assert back[0].published.tzinfo is HCM and back[0].pinned_until.tzinfo is HCM
    assert back[0].updated.utcoffset() == dt.timedelta(hours=9)
    assert isinstance(back[0].participants, tuple) and isinstance(back[1], list)
    assert decode(encode((None, [], None)), Record) == (None, [], None)


def test_bytes_come_back_as_they_were_and_text_that_is_not_base64_is_no_record():
    terms = bytes(range(256)) + b"\x00\xff"
    assert decode(encode((an_article(terms=terms), [], None)), Record)[0].terms == terms
    assert decode(encode((b"", {"a": b"\x01"})), tuple[bytes, dict[str, bytes]]) == (b"", {"a": b"\x01"})
    for data in (b'"AQ="', b'"A Q=="', rb'"\u00e9"', b"1", b"null"):
        with pytest.raises(RecordError):
            decode(data, bytes)


def test_a_standing_page_record_comes_back_as_a_standing_page():
    page = StandingPage(
        "content/trang/gioi-thieu.md",
        "cd" * 32,
        "gioi-thieu",
        "/gioi-thieu/",
        "gioi-thieu/index.html",
        "Giới thiệu",
        "",
        "Về chúng tôi.",
        None,
        dt.datetime(2024, 10, 2, 9, 30, tzinfo=HCM),
        False,
        None,
        5,
    )
    back = decode(encode((page, [], None)), Record)
    assert back == (page, [], None) and type(back[0]) is StandingPage


def test_dates_at_the_ends_of_time_and_in_a_repeated_hour_come_back_as_they_were():
    paris = ZoneInfo("Europe/Paris")
    for when in (
        dt.datetime(1, 1, 1, 0, 30, tzinfo=HCM),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=HCM),
        dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=paris),
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    ):
        back = decode(encode(an_article(published=when)), Article).published
        assert (back, back.fold, back.tzinfo, back.utcoffset()) == (when, when.fold, when.tzinfo, when.utcoffset())


@pytest.mark.parametrize(
    "data",
    [
        b"[1, [], null]",  # an int where an article goes
        b'[null, [["a", 1, "FN100", "fatal", "m"]], null]',  # no such severity
        b'[null, [["a", "1", "FN100", "error", "m"]], null]',  # a line that is not a number
        b'[null, [["a", 1, "FN100", "error"]], null]',  # a field short
        b"[null, []]",
        b"\x80\x04K\x01.",  # a pickle
        b"",
    ],
)
def test_bytes_of_another_shape_are_no_record(data):
    with pytest.raises(RecordError):
        decode(data, Record)


def test_a_datetime_in_an_unknown_zone_is_no_record():
    data = encode((an_article(), [], None)).replace(b"Asia/Ho_Chi_Minh", b"../../etc/passwd")
    with pytest.raises(RecordError):
        decode(data, Record)


def test_what_is_not_a_record_type_is_refused_when_written():
    with pytest.raises(TypeError):
        encode(object())
    assert decode(encode(Diagnostic("a", 1, "FN100", Severity.ERROR, "m")), Diagnostic).line == 1


class Runs:
    """Pickled as a call of open(): loading the pickle creates the file."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "a"))


def plant_bytecode(folder, marker):
    """Compiled templates that create `marker`, where frontnews 0.1 kept Jinja's bytecode cache."""
    folder.mkdir(parents=True, exist_ok=True)
    cache, env = FileSystemBytecodeCache(str(folder)), Environment(autoescape=True)
    theme = str(theme_templates())
    for file in theme_templates().rglob("*.html"):
        name = file.relative_to(theme_templates()).as_posix()
        filename = str(FileSystemLoader(theme).get_source(env, name)[1])
        bucket = cache.get_bucket(env, name, filename, file.read_text(encoding="utf-8"))
        bucket.code = compile(f"open({str(marker)!r}, 'a').close()", filename, "exec")
        cache.set_bucket(bucket)
    return cache


def test_a_cache_folder_from_elsewhere_runs_no_code(tmp_path):
    """A restored .frontnews-cache/ whose every record is a pickle that runs code (checksums right),
    with compiled templates that run code: the build runs none of it and publishes the right site."""
    files = {
        f"content/tin/a{k}.md": article(f"Bài {k}", date=f"0{k + 1}/10/2024 08:00", tags="[an-sinh]") for k in range(3)
    }
    root = write_site(tmp_path / "site", files)
    assert build_site(root).ok
    marker = tmp_path / "ran"
    payload = pickle.dumps(Runs(str(marker)))
    with sqlite3.connect(root / ".frontnews-cache/build.sqlite") as conn:
        conn.execute("UPDATE records SET data = ?, checksum = ?", (payload, hashlib.sha256(payload).hexdigest()))
    planted = plant_bytecode(root / ".frontnews-cache/jinja", marker)
    old_way = Environment(autoescape=True, loader=FileSystemLoader(str(theme_templates())), bytecode_cache=planted)
    with contextlib.suppress(KeyError):  # the planted code is no template: Jinja fails after running it
        old_way.get_template("404.html")  # what loading that folder as Jinja's cache did
    assert marker.exists()
    marker.unlink()
    (root / "content/tin/a0.md").write_text(article("Bài 0", date="01/10/2024 08:00", body="Sửa."), "utf-8")
    report = build_site(root)
    assert report.ok and report.rendered > 0
    assert not marker.exists()
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", ".frontnews-cache", ".public.frontnews"))
    assert build_site(clean).ok
    assert read_tree(root / "public") == read_tree(clean / "public")


def test_compiled_templates_follow_a_changed_base_url(tmp_path):
    """Jinja computes `"/" | url` when it compiles: templates compiled for one base_url are not
    reused for another (nor for another site in the same private folder)."""
    root = write_site(
        tmp_path / "site",
        {"frontnews.yaml": "title: T\nbase_url: https://thu.example.vn/du-an/\n", "content/tin/a.md": article("Bài A")},
    )
    assert build_site(root).ok
    assert 'href="/du-an/"' in (root / "public/404.html").read_text(encoding="utf-8")
    (root / "frontnews.yaml").write_text("title: T\nbase_url: https://thu.example.vn/moi/\n", encoding="utf-8")
    assert build_site(root).ok
    page = (root / "public/404.html").read_text(encoding="utf-8")
    assert 'href="/moi/"' in page and "/du-an/" not in page
