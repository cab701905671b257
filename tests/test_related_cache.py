"""Tests for incremental/related_cache.py: the stored related map, remade in part, always equals a full run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3

import pytest

import frontnews.incremental.related_cache as relatedcache
import frontnews.site.related as related
from frontnews.content.config import RelatedWeights, SiteConfig
from frontnews.content.units import UnitTree
from frontnews.incremental.build_cache import CACHE_FILE, BuildCache
from frontnews.incremental.records import encode
from frontnews.incremental.related_cache import related_news
from frontnews.models import Participant, Tag
from frontnews.paths import CACHE_DIR
from frontnews.site.related import related_sources
from frontnews.vi.terms import terms_of
from test_related import PHRASES, UNITS, corpus, make, story

EDITS = ("title", "text", "tags", "tag name", "people", "unit", "date", "add", "delete", "order", "nothing")


def retext(article, title=None, text=None):
    """The article with another title or body, and the terms they give."""
    title = article.title if title is None else title
    text = article.body if text is None else text
    return dataclasses.replace(article, title=title, body=text, terms=terms_of(title, text))


def edit(articles: list, rng: random.Random, kind: str, serial: int) -> list:
    """One editor's change, as the next build would see it: an edited file has a new digest."""
    articles = list(articles)
    k = rng.randrange(len(articles))
    article = dataclasses.replace(articles[k], digest=f"{serial:064d}")
    if kind == "title":
        articles[k] = retext(article, title=article.title + " (sửa)")
    elif kind == "text":  # words added, removed or replaced, from the corpus's phrases or new
        phrases = article.body.split(". ") if article.body else []
        if phrases and rng.random() < 0.4:
            del phrases[rng.randrange(len(phrases))]
        phrases.append(rng.choice(PHRASES + [f"nội dung riêng số {serial % 4}", "chỉnh trang ngõ phố", story(rng)]))
        articles[k] = retext(article, text=". ".join(phrases))
    elif kind == "tags":
        pool = [Tag(name, name.replace(" ", "-")) for name in ("tap huan", "an sinh", "moi", f"rieng {serial % 3}")]
        articles[k] = dataclasses.replace(article, tags=tuple(rng.sample(pool, rng.randrange(3))) + article.tags[:1])
    elif kind == "tag name" and article.tags:
        articles[k] = dataclasses.replace(article, tags=tuple(Tag(t.name.upper(), t.slug) for t in article.tags))
    elif kind == "people":
        pool = [Participant(name, name.lower().replace(" ", "-")) for name in ("An", "Binh", "Ha")]
        articles[k] = dataclasses.replace(article, participants=tuple(rng.sample(pool, rng.randrange(3))))
    elif kind == "unit":
        articles[k] = dataclasses.replace(article, unit=rng.choice([*sorted(UNITS), "xa-ngoai"]))
    elif kind == "date":
        later = dt.timedelta(hours=rng.randrange(-90, 90))
        articles[k] = dataclasses.replace(article, published=article.published + later)
    elif kind == "add":
        articles.append(
            make(
                f"new{serial}",
                day=rng.randrange(40),
                unit=rng.choice(sorted(UNITS)),
                tags=tuple(rng.sample(["tập huấn", "an sinh", "bầu cử"], rng.randrange(3))),
                text=story(rng),
            )
        )
    elif kind == "delete" and len(articles) > 2:
        del articles[k]
    elif kind == "order":
        rng.shuffle(articles)
    return articles


def build(tmp_path, articles, config, jobs=1):
    """related_news as one build runs it: a cache opened, used and saved."""
    cache = BuildCache(tmp_path, "site")
    found = related_news(articles, UnitTree(UNITS), config, cache, jobs)
    cache.save({"related": {"site"}, "related-stamp": {a.source for a in articles}}, None, {})
    cache.close()
    return found


@pytest.mark.slow
@pytest.mark.parametrize("window", [related.WINDOW, 6])
@pytest.mark.parametrize("seed", range(4))
def test_after_any_sequence_of_edits_the_lists_are_those_of_a_full_run(tmp_path, monkeypatch, seed, window):
    monkeypatch.setattr(related, "WINDOW", window)  # small: many features read through a window
    rng = random.Random(seed)
    config = SiteConfig()
    articles = corpus(90, seed=seed)
    for serial in range(30):
        if serial % 10 == 9:  # now and then other settings
            config = dataclasses.replace(
                config, related_count=rng.choice([3, 5]), related_weights=RelatedWeights(tag=rng.choice([2.0, 4.0]))
            )
        else:
            articles = edit(articles, rng, rng.choice(EDITS), serial)
        expected = related_sources(articles, UNITS, config.related_weights, config.related_count)
        assert build(tmp_path, articles, config) == expected, serial


@pytest.mark.slow
def test_two_processes_keep_the_same_map(tmp_path, monkeypatch):
    monkeypatch.setattr(related, "PARALLEL_FROM", 2)  # even a few lists are shared out
    rng = random.Random(5)
    config = SiteConfig()
    articles = corpus(150, seed=5)
    for serial in range(8):
        articles = edit(articles, rng, EDITS[serial % len(EDITS)], serial)
        one = build(tmp_path / "one", articles, config, jobs=1)
        assert build(tmp_path / "two", articles, config, jobs=2) == one
        assert one == related_sources(articles, UNITS)


def test_an_edit_remakes_only_the_lists_it_can_change(tmp_path, monkeypatch):
    made = []

    def counting(articles, units, weights, count, only=None, jobs=1, vectors=None):
        found = related.related_lists(articles, units, weights, count, only=only, jobs=jobs, vectors=vectors)
        made.append(len(found[0]))
        return found

    def counting_remade(articles, units, weights, count, keys, edited, jobs=1, vectors=None, terms=()):
        found = related.remade_after_edit(articles, units, weights, count, keys, edited, jobs, vectors, terms)
        made.append(len(found[0]))
        return found

    monkeypatch.setattr(relatedcache, "related_lists", counting)
    monkeypatch.setattr(relatedcache, "remade_after_edit", counting_remade)
    config = SiteConfig()
    articles = corpus(120)
    build(tmp_path, articles, config)
    assert made == [120]
    articles[7] = dataclasses.replace(articles[7], digest="1" * 64)  # its file changed, not its words
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert made == [120]
    articles[7] = retext(articles[7], text=articles[7].body + ". Nội dung riêng")  # words no other article has
    articles[7] = dataclasses.replace(articles[7], digest="2" * 64)
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert made == [120]  # its vector stayed the same: no list changes
    articles[7] = retext(articles[7], text="Tặng quà Tết cho gia đình chính sách ở thôn Tân Phong, thôn Phú Mỹ")
    articles[7] = dataclasses.replace(articles[7], digest="3" * 64)
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert 1 < made[1] < 120  # another vector: the lists of the articles sharing a term with it, before or after
    articles[7] = dataclasses.replace(
        articles[7], tags=articles[7].tags + (Tag("chủ đề riêng", "chu-de-rieng"),), digest="4" * 64
    )
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert made[2] == 1  # a tag no other article has: only the edited article's list
    articles[7] = dataclasses.replace(
        articles[7], published=articles[7].published + dt.timedelta(minutes=1), digest="5" * 64
    )
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert 1 < made[3] < 120  # moved in time: the lists it is in, and its own
    articles.append(dataclasses.replace(articles[7], source="content/tin/moi.md", digest="6" * 64))
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert 1 < made[4] < 121  # an article added: the lists of those sharing a feature or term with it
    del articles[7]
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert len(made) == 6 and made[5] < 120  # one removed: likewise
    articles = articles[:60]
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)
    assert made[6] == 60  # many removed at once: every list remade, in one run


def test_an_unchanged_site_reads_no_article_but_its_digest(tmp_path):
    """The stored map is taken as it is when every digest is the same: features are not even read."""
    config = SiteConfig()
    articles = corpus(40)
    first = build(tmp_path, articles, config)
    # Not what a real build can see (features come from the file the digest names): it shows
    # that the digests alone decided.
    renamed = [dataclasses.replace(a, tags=()) for a in articles]
    assert build(tmp_path, renamed, config) == first != related_sources(renamed, UNITS)


@pytest.mark.slow
def test_lists_remade_ahead_by_another_process_are_those_of_a_full_run(tmp_path, monkeypatch):
    """As a build makes them: the edit's lists remade by a forked process, the cache kept by this one."""
    forked = []

    class Spied(relatedcache.Ahead):
        def __init__(self, work, fork=True):
            super().__init__(work, fork)
            forked.append(self.process is not None)

    monkeypatch.setattr(relatedcache, "Ahead", Spied)
    monkeypatch.setattr(relatedcache, "AHEAD_FROM", 2)
    rng = random.Random(11)
    config = SiteConfig()
    articles = corpus(90, seed=11)
    for serial in range(12):
        articles = edit(articles, rng, ("tags", "people", "unit", "text")[serial % 4], serial)
        cache = BuildCache(tmp_path, "site")
        found = relatedcache.related_news_ahead(articles, UnitTree(UNITS), config, cache, jobs=1, fork=True)()
        cache.save({"related": {"site"}, "related-stamp": {a.source for a in articles}}, None, {})
        cache.close()
        assert found == related_sources(articles, UNITS), serial
    assert any(forked)  # some edits changed lists, remade ahead


def test_remaking_ahead_falls_back_to_this_process_when_the_other_fails(tmp_path, monkeypatch):
    config = SiteConfig()
    articles = corpus(60)
    build(tmp_path, articles, config)
    articles[3] = dataclasses.replace(articles[3], tags=articles[3].tags + (Tag("mới", "moi"),), digest="4" * 64)

    def broken_in_the_child(*args):
        if os.getpid() != parent:
            raise RuntimeError("hỏng")
        return related.remade_after_edit(*args)

    parent = os.getpid()
    monkeypatch.setattr(relatedcache, "remade_after_edit", broken_in_the_child)
    monkeypatch.setattr(relatedcache, "AHEAD_FROM", 2)
    cache = BuildCache(tmp_path, "site")
    found = relatedcache.related_news_ahead(articles, UnitTree(UNITS), config, cache, jobs=1, fork=True)()
    assert found == related_sources(articles, UNITS)


def test_lists_never_asked_for_leave_the_cache_as_it_was(tmp_path):
    """A build that stops before it needs the lists (but saves its cache) must not half-store them."""
    config = SiteConfig()
    articles = corpus(60)
    build(tmp_path, articles, config)
    articles[3] = dataclasses.replace(articles[3], tags=articles[3].tags + (Tag("mới", "moi"),), digest="5" * 64)
    cache = BuildCache(tmp_path, "site")
    relatedcache.related_news_ahead(articles, UnitTree(UNITS), config, cache, jobs=1, fork=False)  # not called
    cache.save({}, None, {})
    cache.close()
    assert build(tmp_path, articles, config) == related_sources(articles, UNITS)


def test_the_site_terms_are_stored_as_json_and_damaged_ones_remake_every_list(tmp_path, monkeypatch):
    """The document frequencies and vectors are a typed JSON record (no pickle); one that holds no
    site terms, or none at all, is no record: every list is made anew, and equal to a full run."""
    made = []

    def counting(articles, units, weights, count, only=None, jobs=1, vectors=None):
        found = related.related_lists(articles, units, weights, count, only=only, jobs=jobs, vectors=vectors)
        made.append(len(found[0]))
        return found

    monkeypatch.setattr(relatedcache, "related_lists", counting)
    config = SiteConfig()
    articles = corpus(50)
    build(tmp_path, articles, config)
    with sqlite3.connect(tmp_path / CACHE_DIR / CACHE_FILE) as conn:
        (data,) = conn.execute("SELECT data FROM records WHERE kind = ?", (relatedcache.TEXT_KIND,)).fetchone()
    df, vectors = relatedcache._text_of(data)
    assert json.loads(data) and vectors.keys() == {a.source for a in articles} and min(df.values()) >= 1
    for serial, damage in enumerate([encode((b"\x01\x02\x03", {})), encode((b"", {"a": b"\x00"})), b"[", None]):
        with sqlite3.connect(tmp_path / CACHE_DIR / CACHE_FILE) as conn:
            if damage is None:
                conn.execute("DELETE FROM records WHERE kind = ?", (relatedcache.TEXT_KIND,))
            else:
                conn.execute(
                    "UPDATE records SET data = ?, checksum = ? WHERE kind = ?",
                    (damage, hashlib.sha256(damage).hexdigest(), relatedcache.TEXT_KIND),
                )
        articles[3] = retext(
            articles[3],
            text="Tặng quà Tết cho gia đình chính sách ở thôn "
            + ("Tân Phong", "Phú Mỹ", "Đông Hòa", "Bình An")[serial],
        )
        articles[3] = dataclasses.replace(articles[3], digest=f"{serial + 7:064d}")
        made.clear()
        assert build(tmp_path, articles, config) == related_sources(articles, UNITS), serial
        assert made == [50], serial  # a full run
