"""Tests for indexes.py: grouping published articles and paginating every list."""

from __future__ import annotations

import datetime as dt

from frontnews.models import Article, Participant, Tag
from frontnews.site.indexes import build_index, page_url, paginate

ICT = dt.timezone(dt.timedelta(hours=7))


def make(
    name: str, when: dt.datetime, unit: str = "xa-a", tags: tuple[str, ...] = (), people: tuple[Participant, ...] = ()
) -> Article:
    return Article(
        source=f"content/{name}.md",
        digest=name,
        slug=name,
        url=f"/tin-tuc/{name}/",
        output_path=f"tin-tuc/{name}/index.html",
        title=name,
        published=when,
        updated=None,
        unit=unit,
        participants=people,
        tags=tuple(Tag(t, t) for t in tags),
        summary="",
        image=None,
        signature="",
        draft=False,
        body="",
        body_line=1,
    )


def test_articles_are_newest_first_and_grouped():
    a = make("a", dt.datetime(2024, 10, 7, 8, tzinfo=ICT), "xa-a", ("tap-huan",))
    b = make("b", dt.datetime(2024, 10, 20, 8, tzinfo=ICT), "xa-b", ("tap-huan", "giam-sat"))
    c = make("c", dt.datetime(2023, 1, 2, 8, tzinfo=ICT), "xa-a")
    index = build_index([a, b, c])
    assert [x.slug for x in index.articles] == ["b", "a", "c"]
    assert {k: [x.slug for x in v] for k, v in index.by_unit.items()} == {"xa-a": ["a", "c"], "xa-b": ["b"]}
    assert [x.slug for x in index.by_tag["tap-huan"]] == ["b", "a"]
    assert list(index.by_month) == [(2023, 1), (2024, 10)]
    assert [x.slug for x in index.by_month[(2024, 10)]] == ["b", "a"]
    assert index.by_source["content/a.md"] is a


def test_same_time_is_ordered_by_slug_so_the_order_never_depends_on_input_order():
    when = dt.datetime(2024, 1, 1, tzinfo=ICT)
    one = build_index([make("b", when), make("a", when)])
    two = build_index([make("a", when), make("b", when)])
    assert [x.slug for x in one.articles] == [x.slug for x in two.articles] == ["a", "b"]


def test_a_person_named_twice_in_one_article_lists_it_once():
    twice = (
        Participant("Trần Văn An", "tran-van-an", ("Chủ tịch",)),
        Participant("Trần Văn An", "tran-van-an", ("Bí thư",)),
    )
    index = build_index([make("a", dt.datetime(2024, 1, 1, tzinfo=ICT), people=twice)])
    assert [x.slug for x in index.by_participant["tran-van-an"]] == ["a"]


def test_page_urls():
    assert page_url("/", 0) == "/"
    assert page_url("/", 2) == "/trang/2/"
    assert page_url("/don-vi/xa-a/", 3) == "/don-vi/xa-a/trang/3/"


def test_archive_pages_count_from_the_oldest_and_link_their_neighbours():
    pages = paginate([6, 5, 4, 3, 2, 1, 0], 2, "/chu-de/x/")  # newest first
    assert [(p.number, p.items) for p in pages] == [(0, (6, 5)), (1, (1, 0)), (2, (3, 2)), (3, (5, 4))]
    assert [(p.prev_url, p.next_url) for p in pages] == [
        (None, "/chu-de/x/trang/3/"),
        ("/chu-de/x/trang/2/", None),
        ("/chu-de/x/trang/3/", "/chu-de/x/trang/1/"),
        ("/chu-de/x/", "/chu-de/x/trang/2/"),
    ]


def test_a_newer_article_leaves_every_archive_page_as_it_was():
    before = paginate(list(range(9, -1, -1)), 3, "/")  # 10 articles: first page, archive pages 1-3
    after = paginate(list(range(10, -1, -1)), 3, "/")
    assert before[1:] == after[1:] and after[0].items == (10, 9, 8)
    grown = paginate(list(range(12, -1, -1)), 3, "/")  # 13: page 4 is full and no longer the first page alone
    assert grown[1:3] == before[1:3] and grown[4].items == (11, 10, 9) and grown[3].prev_url == "/trang/4/"


def test_an_empty_list_still_has_its_first_page():
    (only,) = paginate([], 10, "/don-vi/x/")
    assert (only.items, only.number, only.url, only.prev_url, only.next_url) == ((), 0, "/don-vi/x/", None, None)


def test_a_list_of_one_page_has_no_archive_page():
    assert len(paginate(list(range(4)), 4, "/")) == 1 and len(paginate(list(range(5)), 4, "/")) == 2
