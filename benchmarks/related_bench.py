"""Time find_related on synthetic sites of 10,000 and 100,000 articles (or the sizes given).

    python benchmarks/related_bench.py [--window W] [N ...]
    python benchmarks/related_bench.py --edits [N ...]

With --edits, related_news (the map kept in the build cache) is timed instead: made once, then
remade after one article's edit of each kind, as a rebuild makes it (with the default jobs).

The synthetic site is shaped to hurt a naive approach: one thị xã carrying a fifth of all
articles, 30 phường/xã under it, a tag on 30% of the articles, a long tail of rarer tags, and a
pool of people of whom a few appear very often. Each article has a text of 200 words drawn with
a Zipf-like spread from 20,000 words of two syllables, so that its vector is full (60 terms) as
a real article's is, unlike the few sentences of benchmarks/corpus.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

from frontnews.content.config import SiteConfig
from frontnews.content.units import UnitTree
from frontnews.incremental.build_cache import BuildCache
from frontnews.incremental.related_cache import related_news
from frontnews.models import Article, Participant, Tag, Unit
from frontnews.site.related import WINDOW, find_related_with_stats
from frontnews.vi.terms import terms_of

ICT = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2015, 1, 1, 7, 0, tzinfo=ICT)
TOP = "thi-xa"


def make_units(children: int = 30) -> dict[str, Unit]:
    units = {TOP: Unit(TOP, "Ủy ban MTTQ Việt Nam thị xã", "MTTQ thị xã", "thị xã")}
    for k in range(children):
        slug = f"phuong-{k:02d}"
        units[slug] = Unit(slug, f"Ủy ban MTTQ Việt Nam phường {k}", f"MTTQ phường {k}", "phường", TOP)
    return units


SYLLABLES = (
    "an bình cư dân đoàn kết giám sát hộ nghèo khu phố làng mới nhà quỹ sạch tập huấn thôn vận động "
    "xây dựng đường cầu chợ trường học sinh hỗ trợ quà tết lũ bão cứu trợ công trình đất đai bầu cử "
    "hiệp thương đối thoại văn minh môi trường rác thải nước điện kênh đê sông núi bản xóm ấp tổ"
).split()


def text_of(rng: random.Random) -> str:
    """Words of two syllables, common ones often and rare ones seldom, in sentences of eight."""

    def word(k: int) -> str:  # the k-th word: two syllables, the second marked with k in letters
        first, second = SYLLABLES[k % len(SYLLABLES)], SYLLABLES[(k // len(SYLLABLES)) % len(SYLLABLES)]
        return f"{first} {second}{''.join(chr(97 + int(d)) for d in str(k // 400))}"

    words = [word(min(int(rng.paretovariate(0.4)), 20_000)) for _ in range(200)]
    return ". ".join(" ".join(words[i : i + 8]) for i in range(0, len(words), 8))


def make_articles(n: int, units: dict[str, Unit], seed: int = 2024) -> list[Article]:
    rng = random.Random(seed)
    children = [slug for slug in units if slug != TOP]
    people = [Participant(f"Người {k}", f"nguoi-{k}") for k in range(max(50, n // 20))]
    tags = [Tag(f"chủ đề {k}", f"chu-de-{k}") for k in range(500)]
    common = Tag("công tác Mặt trận", "cong-tac-mat-tran")
    span = 10 * 365 * 24 * 3600
    articles = []
    for k in range(n):
        chosen = {tags[min(int(rng.paretovariate(1.0)) - 1, 499)] for _ in range(rng.randrange(4))}
        if rng.random() < 0.3:
            chosen.add(common)
        who = {people[min(int(rng.paretovariate(0.8)) - 1, len(people) - 1)] for _ in range(rng.randrange(3))}
        text = text_of(rng)
        articles.append(
            Article(
                source=f"content/tin-tuc/bai-{k:06d}.md",
                digest="",
                slug=f"bai-{k:06d}",
                url="",
                output_path="",
                title=f"Bài {k}",
                published=START + dt.timedelta(seconds=rng.randrange(span)),
                updated=None,
                unit=TOP if rng.random() < 0.2 else rng.choice(children),
                participants=tuple(sorted(who, key=lambda p: p.slug)),
                tags=tuple(sorted(chosen, key=lambda t: t.slug)),
                summary="",
                image=None,
                signature="",
                draft=False,
                body=text,
                body_line=1,
                terms=terms_of(f"Bài {k}", text),
            )
        )
    return articles


def main(sizes: list[int], window: int = WINDOW) -> None:
    units = make_units()
    for n in sizes:
        articles = make_articles(n, units)
        began, cpu = time.perf_counter(), time.process_time()
        found, stats = find_related_with_stats(articles, units, window=window)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        filled = sum(len(items) for items in found.values()) / max(1, len(found))
        print(
            f"{n:>7} articles  {seconds:7.2f} s wall {cpu:7.2f} s cpu  {stats.scanned / max(1, n):6.0f} postings/article "
            f"(max {stats.max_scanned}, window {stats.window}, {stats.capped} capped features)  "
            f"{filled:.2f} items/article"
        )


def edits(sizes: list[int]) -> None:
    """related_news after one article's edit of each kind, each a build of its own."""
    units = make_units()
    new_tag, old_tag = Tag("chủ đề thử 1", "chu-de-thu-1"), Tag("chủ đề 40", "chu-de-40")
    person = Participant("Người 3", "nguoi-3")
    for n in sizes:
        articles = make_articles(n, units)
        articles.sort(key=lambda a: (-a.published.timestamp(), a.slug))  # as the build passes them
        gc.collect()
        gc.freeze()
        gc.disable()  # as in the build, which pauses the collector until the pages are planned
        k = n // 2
        edited = {
            "text": lambda a: dataclasses.replace(
                a,
                title=a.title + " (sửa)",
                body=a.body + ". nội dung mới",
                terms=terms_of(a.title + " (sửa)", a.body + ". nội dung mới"),
            ),
            "new tag": lambda a: dataclasses.replace(a, tags=(new_tag, *a.tags)),
            "existing tag": lambda a: dataclasses.replace(a, tags=(*a.tags, old_tag)),
            "person": lambda a: dataclasses.replace(a, participants=(*a.participants, person)),
            "unit": lambda a: dataclasses.replace(a, unit="phuong-03" if a.unit != "phuong-03" else "phuong-04"),
        }
        with tempfile.TemporaryDirectory() as folder:
            for label, change in [("first build", None), *edited.items()]:
                if change is not None:
                    articles[k] = change(articles[k])
                    k += 1
                cache = BuildCache(Path(folder), "bench")
                began = time.perf_counter()
                related_news(articles, UnitTree(units), SiteConfig(), cache)
                seconds = time.perf_counter() - began
                cache.save({"related": {"site"}}, None, {})
                cache.close()
                print(f"{n:>7} articles  {label:<13} {seconds:7.2f} s", flush=True)
        gc.enable()
        gc.unfreeze()


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--edits" in args:
        edits([int(arg) for arg in args if arg != "--edits"] or [10_000, 100_000])
        sys.exit()
    window = int(args.pop(args.index("--window") + 1)) if "--window" in args else WINDOW
    args = [arg for arg in args if arg != "--window"]
    main([int(arg) for arg in args] or [10_000, 100_000], window)
