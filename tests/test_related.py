"""Tests for related.py: the weighted, deterministic, bounded "Các tin tức khác"."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from frontnews.content.config import RelatedWeights
from frontnews.models import Article, Participant, RelatedItem, Tag, Unit
from frontnews.site.related import WINDOW, explain, find_related, find_related_with_stats
from frontnews.site.related_index import rarity, rarity_scale, site_vectors
from frontnews.site.text_vectors import query_items, vector_items
from frontnews.vi.terms import terms_of, words
from frontnews.vi.text import slugify_vi

ICT = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2024, 1, 1, 8, 0, tzinfo=ICT)


def _unit(slug: str, short: str, level: str, parent: str | None = None) -> Unit:
    return Unit(slug, f"Ủy ban MTTQ Việt Nam {short}", f"MTTQ {short}", level, parent)


UNITS = {
    u.slug: u
    for u in (
        _unit("thi-xa-dong-lam", "thị xã Đông Lâm", "thị xã"),
        _unit("phuong-le-loi", "phường Lê Lợi", "phường", "thi-xa-dong-lam"),
        _unit("phuong-quang-trung", "phường Quang Trung", "phường", "thi-xa-dong-lam"),
        _unit("khu-pho-1", "khu phố 1", "khu phố", "phuong-le-loi"),
        _unit("xa-a", "xã A", "xã"),
        _unit("xa-b", "xã B", "xã"),
        _unit("xa-c", "xã C", "xã"),
    )
}


def make(
    name: str,
    day: float = 0,
    unit: str = "xa-a",
    people: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    title: str | None = None,
    text: str | None = None,
) -> Article:
    """A published article with only what related.py reads filled in meaningfully.

    Its terms are those of `title` and `text` if `text` is given, else it has none (no text to compare).
    """
    return Article(
        source=f"content/tin-tuc/{name}.md",
        digest="0" * 64,
        slug=name,
        url=f"/tin-tuc/{name}/",
        output_path=f"tin-tuc/{name}/index.html",
        title=title or name.upper(),
        published=START + dt.timedelta(days=day),
        updated=None,
        unit=unit,
        participants=tuple(Participant(p, slugify_vi(p)) for p in people),
        tags=tuple(Tag(t, slugify_vi(t)) for t in tags),
        summary="",
        image=None,
        signature="",
        draft=False,
        body=text or "",
        body_line=1,
        terms=terms_of(title or "", text) if text is not None else b"",
    )


# The weights these tests were written for, apart from the defaults (tuned on benchmarks/related_eval.py).
W = RelatedWeights(text=6.0, participant=3.0, tag=2.0, unit=1.5, unit_family=0.75)


def src(name: str) -> str:
    return f"content/tin-tuc/{name}.md"


def names(items: tuple[RelatedItem, ...]) -> list[str]:
    return [item.source.removeprefix("content/tin-tuc/").removesuffix(".md") for item in items]


def test_shared_participant_beats_shared_common_tag():
    fillers = [make(f"f{k}", day=k, unit="xa-c", tags=("công tác Mặt trận",)) for k in range(6)]
    a = make("a", unit="xa-a", people=("Đinh Văn Hùng",), tags=("công tác Mặt trận",))
    b = make("b", day=30, unit="xa-b", people=("Đinh Văn Hùng",))
    related = find_related([a, b, *fillers], UNITS, W)[src("a")]
    assert names(related)[0] == "b"
    person = 3.0 * rarity(2, rarity_scale(8))
    assert related[0].score == person
    assert related[0].reasons == (f"chung nhân vật: Đinh Văn Hùng (+{person:.2f})",)
    assert all(item.score < person for item in related[1:])


def test_a_person_at_most_events_weighs_little():
    """The chairman attends most of the unit's events: sharing him says less than sharing a rare guest."""
    chairman, guest = "Trần Thị Mai Anh", "Phạm Thu Hà"
    others = [make(f"o{k}", day=k, unit="xa-b", people=(chairman,)) for k in range(12)]
    a = make("a", day=20, unit="xa-a", people=(chairman, guest))
    b = make("b", day=40, unit="xa-c", people=(guest,))
    related = find_related([a, b, *others], UNITS, W)[src("a")]
    assert names(related)[0] == "b"
    common, rare = 3.0 * rarity(13, 16), 3.0 * rarity(2, 16)
    assert related[0].reasons == (f"chung nhân vật: Phạm Thu Hà (+{rare:.2f})",)
    assert related[1].reasons == (f"chung nhân vật: Trần Thị Mai Anh (+{common:.2f})",)
    assert common < rare / 2


def test_rare_tag_beats_common_tag():
    a = make("a", unit="xa-a", tags=("tập huấn", "công tác Mặt trận"))
    b = make("b", day=9, unit="xa-b", tags=("tập huấn",))
    commons = [make(f"c{k}", day=1 + k, unit="xa-c", tags=("công tác Mặt trận",)) for k in range(5)]
    related = find_related([a, b, *commons], UNITS)[src("a")]
    assert names(related)[0] == "b"
    rare, common = related[0].score, related[1].score
    assert RelatedWeights().tag >= rare > common > 0
    assert related[0].reasons == (f"chung chủ đề: tập huấn (+{rare:.2f})",)
    assert related[1].reasons == (f"chung chủ đề: công tác Mặt trận (+{common:.2f})",)


def test_rarity_is_one_for_a_unique_tag_and_falls_but_stays_positive():
    values = [rarity(df, 1024) for df in (1, 2, 10, 300, 1000)]
    assert values[0] == 1.0
    assert values == sorted(values, reverse=True)
    assert values[-1] > 0


def test_same_unit_then_parent_and_child_units():
    a = make("a", unit="phuong-le-loi")
    same = make("same", day=50, unit="phuong-le-loi")
    parent = make("parent", day=5, unit="thi-xa-dong-lam")
    child = make("child", day=2, unit="khu-pho-1")
    sibling = make("sibling", day=1, unit="phuong-quang-trung")
    related = find_related([a, same, parent, child, sibling], UNITS, W)
    assert names(related[src("a")]) == ["same", "child", "parent", "sibling"]
    assert [i.score for i in related[src("a")]] == [1.5, 0.75, 0.75, 0.0]
    assert [i.reasons for i in related[src("a")]] == [
        ("cùng đơn vị",),
        ("đơn vị cấp dưới: MTTQ khu phố 1",),
        ("đơn vị cấp trên: MTTQ thị xã Đông Lâm",),
        ("tin mới",),
    ]
    top = related[src("parent")]
    assert names(top)[:2] == ["sibling", "a"]  # both children of the thị xã; nearer in time first
    assert top[0].reasons == ("đơn vị cấp dưới: MTTQ phường Quang Trung",)


def test_reasons_follow_people_then_tags_then_unit():
    a = make("a", unit="xa-a", people=("Trần Văn An", "Lê Thị Bình"), tags=("tập huấn",))
    b = make("b", day=1, unit="xa-a", people=("Trần Văn An", "Lê Thị Bình"), tags=("tập huấn",))
    item = find_related([a, b], UNITS, W)[src("a")][0]
    person, tag = 3.0 * rarity(2, 2), 2.0 * rarity(2, 2)
    assert item.reasons == (
        f"chung nhân vật: Lê Thị Bình (+{person:.2f})",
        f"chung nhân vật: Trần Văn An (+{person:.2f})",
        f"chung chủ đề: tập huấn (+{tag:.2f})",
        "cùng đơn vị",
    )
    assert item.score == pytest.approx(person + person + tag + 1.5)


def test_ties_go_to_the_nearest_in_time_then_to_the_source():
    a = make("a", day=10, tags=("hội nghị",), unit="xa-a")
    others = [
        make("b", day=8, unit="xa-b", tags=("hội nghị",)),
        make("d", day=12, unit="xa-c", tags=("hội nghị",)),
        make("c", day=13, unit="xa-b", tags=("hội nghị",)),
        make("e", day=-20, unit="xa-c", tags=("hội nghị",)),
    ]
    assert names(find_related([a, *others], UNITS)[src("a")]) == ["b", "d", "c", "e"]


PHRASES = [
    "Tập huấn nghiệp vụ công tác Mặt trận",
    "Ngày hội Đại đoàn kết ở khu dân cư số năm",
    "trao nhà Đại đoàn kết cho hộ nghèo thôn Đoài",
    "giám sát công trình đường giao thông",
    "Quỹ Vì người nghèo",
    "đối thoại với nhân dân về chỉnh trang ngõ phố",
    "lấy ý kiến cử tri",
    "ra quân vệ sinh môi trường",
    "tặng quà Tết cho gia đình chính sách",
    "bầu cử đại biểu Hội đồng nhân dân",
]
PLACES = [
    "Tân Phong",
    "Đông Hòa",
    "Yên Lạc",
    "Thạch Bàn",
    "Phú Mỹ",
    "Hòa Bình",
    "An Khánh",
    "Vĩnh Ninh",
    "Xuân Lâm",
    "Cẩm Giang",
    "Hưng Đạo",
    "Bình Minh",
    "Kim Đường",
    "Lạc Sơn",
    "Quảng Phú",
    "Tiên Lữ",
    "Nghĩa Trụ",
    "Đồng Tâm",
    "Minh Khai",
    "Hồng Phong",
    "Tam Hiệp",
    "Cao Thắng",
    "Hải Bối",
    "Liên Hà",
]


def story(rng: random.Random) -> str:
    """A few common phrases, and places fewer articles name."""
    places = [f"thôn {place}" for place in rng.sample(PLACES, rng.randrange(3))]
    return ". ".join(rng.sample(PHRASES, rng.randrange(4)) + places)


def corpus(size: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    people = ["Trần Văn An", "Lê Thị Bình", "Đinh Văn Hùng", "Phạm Thu Hà", "Vũ Minh Đức"]
    tags = ["tập huấn", "an sinh", "đại đoàn kết", "bầu cử", "công tác Mặt trận", "nhà đại đoàn kết"]
    units = sorted(UNITS)
    return [
        make(
            f"t{k:03d}",
            day=rng.randrange(40),
            unit=rng.choice(units),
            people=tuple(rng.sample(people, rng.randrange(3))),
            tags=tuple(rng.sample(tags, rng.randrange(4))),
            text=story(rng),
        )
        for k in range(size)
    ]


def test_never_itself_nor_twice():
    for source, items in find_related(corpus(80), UNITS).items():
        listed = [item.source for item in items]
        assert source not in listed
        assert len(listed) == len(set(listed)) == 5


def test_same_result_whatever_the_input_order():
    articles = corpus(120)
    expected = find_related(articles, UNITS)
    for seed in range(5):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert find_related(shuffled, UNITS) == expected
        assert list(find_related(shuffled, UNITS)) == sorted(expected)


@pytest.mark.slow
def test_same_result_under_any_string_hash_seed():
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from test_related import corpus, UNITS; "
        "from frontnews.site.related import find_related; print(repr(find_related(corpus(150), UNITS)))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script, str(Path(__file__).parent)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1 and next(iter(runs)).startswith("{'content/tin-tuc/t000.md'")


def brute_force(articles: list[Article], weights: RelatedWeights) -> dict[str, list[tuple[float, str]]]:
    """Every pair compared, the slow way, as an oracle for small sites (the vectors as given)."""
    n, df, people_df = len(articles), {}, {}
    for a in articles:
        for slug in {t.slug for t in a.tags}:
            df[slug] = df.get(slug, 0) + 1
        for slug in {p.slug for p in a.participants}:
            people_df[slug] = people_df.get(slug, 0) + 1
    packed = site_vectors(articles)[1]
    vectors = {source: dict(vector_items(vec)) for source, vec in packed.items()}
    family = {
        u.slug: {p.slug for p in UNITS.values() if p.slug == u.parent or p.parent == u.slug} for u in UNITS.values()
    }
    out = {}
    for a in articles:
        query = query_items(packed[a.source])
        scored = []
        for b in articles:
            score = 0.0
            for term, weight in query:
                score += weights.text * weight * vectors[b.source].get(term, 0.0)
            for slug in sorted({p.slug for p in a.participants} & {p.slug for p in b.participants}):
                score += weights.participant * rarity(people_df[slug], rarity_scale(n))
            for slug in sorted({t.slug for t in a.tags} & {t.slug for t in b.tags}):
                score += weights.tag * rarity(df[slug], rarity_scale(n))
            score += weights.unit if a.unit == b.unit else 0.0
            score += weights.unit_family if b.unit in family[a.unit] else 0.0
            if b is not a and score > 0:
                gap = abs((b.published - a.published).total_seconds())
                scored.append((-score, gap, b.source))
        out[a.source] = [(-s, source) for s, _, source in sorted(scored)[:5]]
    return out


@pytest.mark.parametrize("text", [0.0, 10.0])
def test_matches_comparing_every_pair_when_nothing_is_capped(monkeypatch, text):
    import frontnews.site.related as related

    monkeypatch.setattr(related, "TEXT_WINDOW", 10**6)
    articles = corpus(90, seed=3)
    weights = RelatedWeights(text=text, participant=2.5, tag=3.0, unit=1.0, unit_family=0.5)
    found = find_related(articles, UNITS, weights)
    for source, expected in brute_force(articles, weights).items():
        got = [(item.score, item.source) for item in found[source] if item.score > 0]
        assert [slug for _, slug in got] == [slug for _, slug in expected]
        assert [score for score, _ in got] == pytest.approx([score for score, _ in expected])


def test_fills_from_own_unit_then_latest_of_the_site_when_nothing_is_shared():
    a = make("a", day=0, unit="xa-a")
    own = [make(f"own{k}", day=k, unit="xa-a") for k in (1, 2)]
    site = [make(f"site{k}", day=k, unit="xa-b") for k in (3, 4, 5, 6)]
    weights = RelatedWeights(unit=0.0, unit_family=0.0)
    related = find_related([a, *own, *site], UNITS, weights, count=4)[src("a")]
    assert names(related) == ["own2", "own1", "site6", "site5"]
    assert [i.score for i in related] == [0.0] * 4
    assert [i.reasons for i in related] == [("cùng đơn vị",)] * 2 + [("tin mới",)] * 2


def test_fill_comes_after_scored_items_and_skips_them():
    a = make("a", day=0, unit="xa-a", tags=("bầu cử",))
    b = make("b", day=1, unit="xa-b", tags=("bầu cử",))
    c = make("c", day=2, unit="xa-c")
    related = find_related([a, b, c], UNITS)[src("a")]
    assert names(related) == ["b", "c"]
    assert related[1].reasons == ("tin mới",)


@pytest.mark.parametrize("count", [1, 3, 7])
def test_count_is_respected(count):
    found = find_related(corpus(40), UNITS, count=count)
    assert {len(items) for items in found.values()} == {count}
    few = find_related(corpus(4), UNITS, count=count)
    assert {len(items) for items in few.values()} == {min(count, 3)}


def test_a_unit_missing_from_units_yaml_still_gets_related():
    a = make("a", unit="khong-ro", tags=("bầu cử",))
    b = make("b", day=1, unit="khong-ro")
    c = make("c", day=2, unit="xa-a", tags=("bầu cử",))
    related = find_related([a, b, c], UNITS, W)[src("a")]
    assert names(related) == ["b", "c"]  # same unit 1.5 beats a tag (2) on two of three articles
    assert related[0].reasons == ("cùng đơn vị",)
    assert related[1].reasons[0].startswith("chung chủ đề: bầu cử")


def test_a_lone_article_has_no_related_and_an_empty_site_has_nothing():
    assert find_related([make("a", tags=("tập huấn",))], UNITS) == {src("a"): ()}
    assert find_related([], UNITS) == {}


def big_site(n: int) -> list[Article]:
    """`n` articles, three a day, spread over three related units, all with one tag."""
    units = ["phuong-le-loi", "phuong-quang-trung", "thi-xa-dong-lam"]
    return [make(f"big{k:04d}", day=k / 3, unit=units[k % 3], tags=("công tác Mặt trận",)) for k in range(n)]


@pytest.mark.slow
def test_a_tag_on_every_article_stays_bounded():
    n = 3000
    found, stats = find_related_with_stats(big_site(n), UNITS)
    assert all(len(items) == 5 for items in found.values())
    common = 3  # the tag, the unit, the unit's family: all longer than the window, none rare
    assert stats.window == WINDOW
    assert stats.capped == 1 + 3 + 3  # the tag, three units, three families
    # The documented bound, WINDOW × (rare + (rare + common) × common), with no rare feature:
    assert stats.max_scanned <= WINDOW * common * common
    assert stats.scanned <= n * WINDOW * common * common < n * n  # n * n: every pair
    half = find_related_with_stats(big_site(n // 2), UNITS)[1]
    assert 1.9 <= stats.scanned / half.scanned <= 2.1  # linear: twice the site, twice the work


def test_a_capped_window_still_reports_exact_scores():
    a = make("a", day=0, unit="xa-a", tags=("an sinh",), people=("Phạm Thu Hà",))
    far = make("far", day=100, unit="xa-b", tags=("an sinh",), people=("Phạm Thu Hà",))
    crowd = [make(f"n{k}", day=1 + k / 10, unit="xa-c", tags=("an sinh",)) for k in range(10)]
    found, stats = find_related_with_stats([a, far, *crowd], UNITS, W, window=4)
    item = next(i for i in found[src("a")] if i.source == src("far"))
    assert item.score == pytest.approx(3.0 * rarity(2, 16) + 2.0 * rarity(12, 16))
    assert stats.max_scanned <= 4 * (3 + (3 + 1) * 1)  # rare: person, unit, family; common: tag


def test_explain_names_the_shared_words_people_tags_and_unit():
    a = make(
        "a",
        unit="xa-a",
        tags=("tập huấn",),
        title="Phường tập huấn nghiệp vụ",
        text="Lớp tập huấn nghiệp vụ cho cán bộ Mặt trận.",
    )
    b = make(
        "b",
        day=1,
        unit="xa-a",
        tags=("tập huấn",),
        people=("Lê Thị Bình",),
        title="Tập huấn nghiệp vụ",
        text="Tập huấn nghiệp vụ cho cán bộ.",
    )
    c = make("c", day=2, unit="xa-b", people=("Lê Thị Bình",), text="Trao quà Tết.")
    d = make("d", day=3, unit="xa-c", text="Ra quân vệ sinh môi trường.")
    articles = [a, b, c, d]
    texts = {x.source: (x.title, x.body) for x in articles}
    weights = RelatedWeights()
    items = find_related(articles, UNITS, weights)[src("a")]
    lines = explain(articles, UNITS, weights, 5, src("a"), lambda source: words(*texts[source]))
    text, tag = items[0].reasons[0], items[0].reasons[1]
    assert text.startswith("gần về nội dung (+") and tag.startswith("chung chủ đề: tập huấn (+")
    assert lines[0] == f"1. {items[0].score:.2f}  Tập huấn nghiệp vụ (content/tin-tuc/b.md)"
    assert lines[1].startswith(f"   {text}: “")
    shared = dict(pair.rsplit("” ", 1) for pair in lines[1].split(": “", 1)[1].split(", “"))
    assert set(shared) <= set(words(*texts[src("a")]).values()) & set(words(*texts[src("b")]).values())
    assert "tập huấn" in shared and "nghiệp vụ" in shared
    added = [float(value) for value in shared.values()]
    assert added == sorted(added, reverse=True) and sum(added) <= float(text.split("+")[1][:-1]) + 0.01
    assert lines[2:4] == [f"   {tag}", "   cùng đơn vị"]
    assert lines[4:] == [
        "2. 0.00  D (content/tin-tuc/d.md)",
        "   tin mới",
        "3. 0.00  C (content/tin-tuc/c.md)",
        "   tin mới",
    ]  # nothing shared: the site's latest news, never an empty list
    assert explain([a], UNITS, weights, 5, src("a"), lambda source: {}) == ["(Trang chưa có tin nào khác.)"]


@pytest.mark.parametrize("window", [WINDOW, 8])
@pytest.mark.parametrize("seed", range(6))
def test_remaking_only_the_affected_lists_gives_the_full_result(seed, window):
    """An edit of tags, people or unit (no date, no new article): the lists not remade stay right."""
    from dataclasses import replace

    from frontnews.site.related_index import affected_by, build_index, feature_keys, shown_features

    rng = random.Random(seed)
    before = corpus(120, seed=seed)
    after = list(before)
    for k in rng.sample(range(len(after)), rng.randrange(1, 4)):
        article = after[k]
        edit = rng.choice(["tags", "people", "unit", "name"])
        if edit == "tags":
            article = replace(article, tags=article.tags[1:] + (Tag("chủ đề mới", "chu-de-moi"),))
        elif edit == "people":
            article = replace(article, participants=article.participants[:1])
        elif edit == "unit":
            article = replace(article, unit=rng.choice(sorted(UNITS)))
        else:
            article = replace(article, tags=tuple(Tag(t.name.upper(), t.slug) for t in article.tags))
        after[k] = article

    def related(articles, only=None):
        return find_related_with_stats(articles, UNITS, window=window, only=only)[0]

    edited = {b.source for b, a in zip(before, after, strict=True) if shown_features(b) != shown_features(a)}
    keys = set().union(
        *(feature_keys(shown_features(b)) ^ feature_keys(shown_features(a)) for b, a in zip(before, after, strict=True))
    )
    only = affected_by(build_index(after, UNITS), keys, edited)
    assert {**related(before), **related(after, only)} == related(after)
    assert len(only) < len(after)


def test_several_processes_make_the_same_lists_and_stats(monkeypatch):
    import frontnews.site.related as related

    monkeypatch.setattr(related, "CHUNK", 37)  # many chunks, shared between the processes
    monkeypatch.setattr(related, "PARALLEL_FROM", 2)
    articles = corpus(300)
    one = find_related_with_stats(articles, UNITS, jobs=1)
    two = find_related_with_stats(articles, UNITS, jobs=2)
    assert one == two
    assert find_related(articles, UNITS, only={articles[5].source}, jobs=2) == {
        articles[5].source: one[0][articles[5].source]
    }


def test_sources_only_lists_are_the_lists_of_find_related(monkeypatch):
    import frontnews.site.related as related
    from frontnews.site.related import related_sources

    monkeypatch.setattr(related, "PARALLEL_FROM", 2)  # made in the workers

    articles = corpus(150)
    full = find_related(articles, UNITS)
    assert related_sources(articles, UNITS, jobs=2) == {s: tuple(i.source for i in items) for s, items in full.items()}


def test_the_same_subject_comes_before_the_same_chairman():
    """The issue's example: a ward's training course lists the other training courses first, not
    the ward's other news that share only its chairman."""
    chairman = ("Trần Thị Mai Anh",)
    lesson = (
        "Lớp tập huấn nghiệp vụ công tác Mặt trận cho trưởng ban công tác Mặt trận, "
        "học viên thực hành ghi sổ sách và lập báo cáo"
    )
    a = make(
        "a",
        day=300,
        unit="phuong-le-loi",
        people=chairman,
        tags=("tập huấn",),
        title="Phường Lê Lợi tập huấn nghiệp vụ công tác Mặt trận",
        text=lesson,
    )
    training = [
        make(
            f"train{k}",
            day=100 * k,
            unit=unit,
            tags=("công tác Mặt trận",),
            title=f"Tập huấn kỹ năng cho cán bộ Mặt trận {unit}",
            text=lesson.replace("trưởng ban", "cán bộ"),
        )
        for k, unit in enumerate(["xa-b", "khu-pho-1"])
    ]
    own = [
        make(
            f"own{k}",
            day=290 + k,
            unit="phuong-le-loi",
            people=chairman,
            tags=("an sinh",),
            title=f"Phường Lê Lợi trao quà {k}",
            text=f"Trao quà cho hộ nghèo dịp {topic}",
        )
        for k, topic in enumerate(["Tết Nguyên đán", "dịch COVID-19", "bão lũ"])
    ]
    fillers = [make(f"f{k}", day=k, unit="xa-c", text=f"Tin khác {k}") for k in range(40)]
    related = find_related([a, *training, *own, *fillers], UNITS)[src("a")]
    assert names(related)[:2] == ["train1", "train0"]  # the child unit's first: the family counts too
    assert set(names(related)[2:]) == {"own0", "own1", "own2"}


@pytest.mark.parametrize("seed", range(6))
def test_remaking_the_lists_a_text_edit_can_change_gives_the_full_result(seed):
    """A text edit: the lists of the articles sharing a term of the vectors that changed, with their own."""
    from dataclasses import replace

    from frontnews.site.related_index import affected_by, build_index
    from frontnews.site.text_vectors import vector_terms

    rng = random.Random(seed)
    before = corpus(120, seed=seed)
    after = list(before)
    for k in rng.sample(range(len(after)), rng.randrange(1, 4)):
        text = story(rng) + ". " + rng.choice(PHRASES)
        after[k] = replace(after[k], body=text, terms=terms_of(after[k].title, text))

    old, new = site_vectors(before)[1], site_vectors(after)[1]
    changed = {source for source in new if old[source] != new[source]}
    terms = {term for source in changed for vec in (old[source], new[source]) for term in vector_terms(vec)}
    only = affected_by(build_index(after, UNITS), set(), changed, terms)
    full = find_related(after, UNITS)
    assert {**find_related(before, UNITS), **find_related(after, UNITS, only=only)} == full
    assert len(only) < len(after)


def test_frontnews_related_names_the_shared_words(tmp_path, capsys):
    from frontnews.cli.main import main
    from sitefactory import article, write_site

    root = write_site(
        tmp_path / "site",
        {
            "content/tin/a.md": article("Phường Lê Lợi tập huấn nghiệp vụ", body="Lớp tập huấn cho cán bộ Mặt trận."),
            "content/tin/b.md": article(
                "Xã Kim Sơn tập huấn nghiệp vụ", "08/10/2020", unit="xa-kim-son", body="Lớp tập huấn cho trưởng thôn."
            ),
            "content/tin/c.md": article("Trao quà Tết", "09/10/2020", unit="xa-kim-son", body="Quà cho hộ nghèo."),
        },
    )
    assert main(["related", str(root / "content/tin/a.md"), str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Các tin tức khác của “Phường Lê Lợi tập huấn nghiệp vụ”:"
    assert out[1].startswith("1. ") and out[1].endswith("Xã Kim Sơn tập huấn nghiệp vụ (content/tin/b.md)")
    assert out[2].startswith("   gần về nội dung (+") and "“tập huấn”" in out[2] and "“nghiệp vụ”" in out[2]
    assert out[3] == "   đơn vị cấp trên: MTTQ thị xã Đông Lâm" or out[3].startswith("2. ")


def test_labelled_story_threads_keep_their_precision():
    """benchmarks/related_eval.py's first corpus: the default weights find each thread's own articles."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from related_eval import score_threads

    precision, mrr = score_threads(RelatedWeights(), seed=1, background=520)
    assert precision >= 0.9 and mrr >= 0.95
    before = RelatedWeights(text=0.0, participant=3.0, tag=2.0, unit=1.5, unit_family=0.75)
    assert score_threads(before, seed=1, background=520)[0] < 0.85  # the set is not too easy for features alone


def test_a_new_units_first_article_still_shows_news_beside_it(tmp_path):
    """Never an empty sidebar: an article sharing no word, person or topic with any other lists
    its parent unit's articles (unit_family), then the site's latest, in a real build."""
    from sitefactory import article, build_site, write_site

    files = {
        f"content/tin/a{k}.md": article(
            f"Phường Lê Lợi trao quà Tết đợt {k}",
            f"0{k + 1}/01/2024",
            body="Trao quà Tết cho hộ nghèo, gia đình chính sách.",
        )
        for k in range(4)
    }
    files["content/tin/tx.md"] = article(
        "Thị xã phát động tháng cao điểm",
        "10/01/2024",
        unit="thi-xa-dong-lam",
        body="Phát động ủng hộ Quỹ Vì người nghèo.",
    )
    files["content/tin/ks.md"] = article(
        "Xã Kim Sơn ra mắt câu lạc bộ dưỡng sinh",
        "20/01/2024",
        unit="xa-kim-son",
        body="Câu lạc bộ dưỡng sinh người cao tuổi thôn Kim Bảng.",
    )
    root = write_site(tmp_path / "site", files)
    assert build_site(root, jobs=1).ok
    page = (root / "public/tin-tuc/2024/01/xa-kim-son-ra-mat-cau-lac-bo-duong-sinh/index.html").read_text("utf-8")
    sidebar = page[page.index('class="related"') : page.index("</aside>", page.index('class="related"'))]
    titles = [line.split('">', 1)[1].split("</a>")[0] for line in sidebar.splitlines() if "<a href=" in line]
    assert titles == ["Thị xã phát động tháng cao điểm", *(f"Phường Lê Lợi trao quà Tết đợt {k}" for k in (3, 2, 1, 0))]
