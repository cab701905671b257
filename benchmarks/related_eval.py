"""How well “Các tin tức khác” finds what an editor would: precision@5 and MRR on labelled sets.

    python benchmarks/related_eval.py                 # this checkout, and the base commit's scoring
    python benchmarks/related_eval.py --base none     # this checkout only
    python benchmarks/related_eval.py --weights text=0 participant=3
    python benchmarks/related_eval.py --background 6000 --seeds 1   # threads among 6,000 other articles

Two sets. Story threads (threads.py, three corpora of about 880 generated articles, 40 threads
each): for every article of a thread, precision@5 is the share of its 5 entries that belong to
its own thread, and MRR the mean of 1 / the rank of its first such entry (0 if none of the 5).
The example site (content/): PAIRS, an article and one an editor would put in its sidebar; hit@5
is the share of pairs whose second article is among the first's 5 entries, and MRR likewise.

`--base COMMIT` scores the same sets with the code of that commit (git archive into a temporary
folder, run in a subprocess): the scoring before text similarity.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from frontnews.build import BuildOptions, load_site
from frontnews.content.config import RelatedWeights
from frontnews.incremental.state import NoState
from frontnews.models import Article, Participant, Tag, Unit
from frontnews.site.related import find_related
from frontnews.vi.text import slugify_vi
from threads import make_corpus

try:
    from frontnews.vi.terms import terms_of
except ImportError:  # the base commit's code: no terms
    terms_of = None

ROOT = Path(__file__).resolve().parent.parent
BASE = "071ca3b"  # main before text similarity (the layered package)
SEEDS = (1, 2, 3)
ICT = dt.timezone(dt.timedelta(hours=7))

# (article, another an editor would list beside it), by file name in content/tin-tuc/.
PAIRS = [
    (
        "phuong-le-loi-tap-huan-nghiep-vu-cong-tac-mat-tran-nam-2024",
        "thi-xa-dong-lam-tap-huan-ky-nang-giam-sat-va-phan-bien-xa-hoi-nam-2022",
    ),
    (
        "phuong-le-loi-tap-huan-nghiep-vu-cong-tac-mat-tran-nam-2024",
        "xa-kim-son-tap-huan-ky-nang-cho-truong-ban-cong-tac-mat-tran-thon",
    ),
    (
        "xa-kim-son-tap-huan-ky-nang-cho-truong-ban-cong-tac-mat-tran-thon",
        "phuong-le-loi-tap-huan-nghiep-vu-cong-tac-mat-tran-nam-2024",
    ),
    (
        "xa-kim-son-tap-huan-ky-nang-cho-truong-ban-cong-tac-mat-tran-thon",
        "thi-xa-dong-lam-tap-huan-ky-nang-giam-sat-va-phan-bien-xa-hoi-nam-2022",
    ),
    (
        "thi-xa-dong-lam-tap-huan-ky-nang-giam-sat-va-phan-bien-xa-hoi-nam-2022",
        "phuong-le-loi-tap-huan-nghiep-vu-cong-tac-mat-tran-nam-2024",
    ),
    (
        "phuong-le-loi-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2025",
        "khu-dan-cu-so-5-phuong-trung-hung-vui-ngay-hoi-dai-doan-ket-toan-dan-toc",
    ),
    (
        "phuong-le-loi-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2025",
        "to-dan-pho-so-2-phuong-quang-trung-don-ngay-hoi-dai-doan-ket-toan-dan-toc",
    ),
    (
        "phuong-le-loi-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2025",
        "thon-kim-bang-xa-kim-son-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2022",
    ),
    (
        "khu-dan-cu-so-5-phuong-trung-hung-vui-ngay-hoi-dai-doan-ket-toan-dan-toc",
        "to-dan-pho-so-2-phuong-quang-trung-don-ngay-hoi-dai-doan-ket-toan-dan-toc",
    ),
    (
        "thon-kim-bang-xa-kim-son-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2022",
        "khu-dan-cu-so-5-phuong-trung-hung-vui-ngay-hoi-dai-doan-ket-toan-dan-toc",
    ),
    (
        "to-dan-pho-so-2-phuong-quang-trung-don-ngay-hoi-dai-doan-ket-toan-dan-toc",
        "phuong-le-loi-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2025",
    ),
    (
        "phuong-quang-trung-ban-giao-nha-dai-doan-ket-cho-ho-can-ngheo-to-dan-pho-so-9",
        "xa-thanh-my-trao-nha-dai-doan-ket-cho-ho-ngheo-thon-doai",
    ),
    (
        "phuong-quang-trung-ban-giao-nha-dai-doan-ket-cho-ho-can-ngheo-to-dan-pho-so-9",
        "thi-xa-dong-lam-phat-dong-chung-tay-xoa-nha-tam-nha-dot-nat",
    ),
    (
        "xa-thanh-my-khoi-cong-xay-dung-nha-dai-doan-ket-cho-hai-ho-ngheo",
        "xa-thanh-my-trao-nha-dai-doan-ket-cho-ho-ngheo-thon-doai",
    ),
    (
        "xa-thanh-my-trao-nha-dai-doan-ket-cho-ho-ngheo-thon-doai",
        "xa-thanh-my-khoi-cong-xay-dung-nha-dai-doan-ket-cho-hai-ho-ngheo",
    ),
    (
        "thi-xa-dong-lam-phat-dong-chung-tay-xoa-nha-tam-nha-dot-nat",
        "phuong-quang-trung-ban-giao-nha-dai-doan-ket-cho-ho-can-ngheo-to-dan-pho-so-9",
    ),
    (
        "thi-xa-dong-lam-phat-dong-chung-tay-xoa-nha-tam-nha-dot-nat",
        "thi-xa-dong-lam-phat-dong-thang-cao-diem-vi-nguoi-ngheo-nam-2022",
    ),
    (
        "thi-xa-dong-lam-phat-dong-thang-cao-diem-vi-nguoi-ngheo-nam-2022",
        "thi-xa-dong-lam-phat-dong-chung-tay-xoa-nha-tam-nha-dot-nat",
    ),
    (
        "dai-hoi-dai-bieu-mttq-viet-nam-phuong-trung-hung-lan-thu-xiv-nhiem-ky-2024-2029",
        "dai-hoi-dai-bieu-mttq-viet-nam-thi-xa-dong-lam-lan-thu-xxi-nhiem-ky-2024-2029",
    ),
    (
        "dai-hoi-dai-bieu-mttq-viet-nam-thi-xa-dong-lam-lan-thu-xxi-nhiem-ky-2024-2029",
        "dai-hoi-dai-bieu-mttq-viet-nam-phuong-trung-hung-lan-thu-xiv-nhiem-ky-2024-2029",
    ),
    (
        "dai-hoi-dai-bieu-mttq-viet-nam-thi-xa-dong-lam-lan-thu-xxi-nhiem-ky-2024-2029",
        "hoi-nghi-hiep-thuong-du-kien-nhan-su-uy-ban-mttq-viet-nam-thi-xa-dong-lam-khoa-xxi",
    ),
    (
        "hoi-nghi-hiep-thuong-du-kien-nhan-su-uy-ban-mttq-viet-nam-thi-xa-dong-lam-khoa-xxi",
        "dai-hoi-dai-bieu-mttq-viet-nam-thi-xa-dong-lam-lan-thu-xxi-nhiem-ky-2024-2029",
    ),
    (
        "hoi-nghi-hiep-thuong-lan-thu-nhat-bau-cu-dai-bieu-hdnd-thi-xa-dong-lam-nhiem-ky-2021-2026",
        "xa-kim-son-lay-y-kien-cu-tri-noi-cu-tru-doi-voi-nguoi-ung-cu-dai-bieu-hdnd",
    ),
    (
        "xa-kim-son-lay-y-kien-cu-tri-noi-cu-tru-doi-voi-nguoi-ung-cu-dai-bieu-hdnd",
        "hoi-nghi-hiep-thuong-lan-thu-nhat-bau-cu-dai-bieu-hdnd-thi-xa-dong-lam-nhiem-ky-2021-2026",
    ),
    (
        "phuong-quang-trung-doi-thoai-giua-nguoi-dung-dau-cap-uy-chinh-quyen-voi-nhan-dan",
        "phuong-trung-hung-doi-thoai-voi-nguoi-dan-ve-chinh-trang-ngo-pho",
    ),
    (
        "phuong-trung-hung-doi-thoai-voi-nguoi-dan-ve-chinh-trang-ngo-pho",
        "phuong-quang-trung-doi-thoai-giua-nguoi-dung-dau-cap-uy-chinh-quyen-voi-nhan-dan",
    ),
    (
        "phuong-le-loi-trao-qua-ho-tro-nguoi-dan-gap-kho-khan-do-dich-covid-19",
        "mat-tran-thi-xa-dong-lam-keu-goi-ung-ho-phong-chong-dich-covid-19",
    ),
    (
        "mat-tran-thi-xa-dong-lam-keu-goi-ung-ho-phong-chong-dich-covid-19",
        "phuong-le-loi-trao-qua-ho-tro-nguoi-dan-gap-kho-khan-do-dich-covid-19",
    ),
    (
        "phuong-quang-trung-tong-ket-cong-tac-mat-tran-nam-2020",
        "uy-ban-mttq-viet-nam-thi-xa-dong-lam-tong-ket-cong-tac-mat-tran-nam-2024",
    ),
    (
        "ra-mat-uy-ban-mttq-viet-nam-phuong-son-lam",
        "xa-kim-son-tong-ket-hoat-dong-mat-tran-truoc-khi-sap-xep-don-vi-hanh-chinh",
    ),
    (
        "xa-kim-son-tong-ket-hoat-dong-mat-tran-truoc-khi-sap-xep-don-vi-hanh-chinh",
        "ra-mat-uy-ban-mttq-viet-nam-phuong-son-lam",
    ),
    (
        "mat-tran-xa-kim-son-giam-sat-cong-trinh-duong-giao-thong-thon-kim-bang",
        "mat-tran-thi-xa-dong-lam-giam-sat-viec-thuc-hien-chinh-sach-bao-hiem-y-te-cho-nguoi-can-ngheo",
    ),
    (
        "nhan-dan-xa-thanh-my-ung-ho-dong-bao-bi-thiet-hai-do-bao-lu",
        "mat-tran-thi-xa-dong-lam-keu-goi-ung-ho-phong-chong-dich-covid-19",
    ),
    # The articles the portal work added (12/2025): training, houses, a civilised street, town planning.
    (
        "phuong-trung-hung-boi-duong-nghiep-vu-cho-can-bo-mat-tran-khu-dan-cu-nam-2025",
        "phuong-le-loi-tap-huan-nghiep-vu-cong-tac-mat-tran-nam-2024",
    ),
    (
        "phuong-le-loi-tap-huan-nghiep-vu-cong-tac-mat-tran-nam-2024",
        "phuong-trung-hung-boi-duong-nghiep-vu-cho-can-bo-mat-tran-khu-dan-cu-nam-2025",
    ),
    (
        "thi-xa-dong-lam-trao-nha-dai-doan-ket-cho-ho-ngheo-truoc-tet-binh-ngo",
        "phuong-quang-trung-ban-giao-nha-dai-doan-ket-cho-ho-can-ngheo-to-dan-pho-so-9",
    ),
    (
        "thi-xa-dong-lam-trao-nha-dai-doan-ket-cho-ho-ngheo-truoc-tet-binh-ngo",
        "thi-xa-dong-lam-phat-dong-chung-tay-xoa-nha-tam-nha-dot-nat",
    ),
    (
        "phong-su-khu-dan-cu-so-5-phuong-trung-hung-chung-tay-xay-dung-tuyen-pho-van-minh",
        "phuong-le-loi-ra-mat-mo-hinh-tuyen-pho-van-minh-sach-dep",
    ),
    (
        "uy-ban-mttq-thi-xa-dong-lam-phan-bien-du-thao-de-an-chinh-trang-do-thi",
        "phuong-trung-hung-doi-thoai-voi-nguoi-dan-ve-chinh-trang-ngo-pho",
    ),
]


def corpus_articles(seed: int, background: int = 520) -> tuple[list[Article], dict[str, Unit], dict[str, int]]:
    """A thread corpus as frontnews articles and units; the thread of each thread article, by source."""
    corpus = make_corpus(seed, background=background)
    units = {
        u.slug: Unit(u.slug, f"Ủy ban MTTQ Việt Nam {u.place}", f"MTTQ {u.place}", u.level, u.parent)
        for u in corpus.units
    }
    fields = {f.name for f in dataclasses.fields(Article)}
    articles, thread_of = [], {}
    for spec in corpus.articles:
        source = f"content/tin-tuc/{spec.key}.md"
        values = {
            "source": source,
            "digest": spec.key,
            "slug": spec.key,
            "url": f"/{spec.key}/",
            "output_path": f"{spec.key}/index.html",
            "title": spec.title,
            "published": spec.date.replace(tzinfo=ICT),
            "updated": None,
            "unit": spec.unit,
            "participants": tuple(Participant(name, slugify_vi(name), (role,)) for name, role in spec.people),
            "tags": tuple(Tag(tag, slugify_vi(tag)) for tag in spec.tags),
            "summary": "",
            "image": None,
            "signature": "",
            "draft": False,
            "body": None,
            "body_line": 1,
        }
        if "terms" in fields:
            values["terms"] = terms_of(spec.title, spec.body)
        articles.append(Article(**values))
        if spec.thread is not None:
            thread_of[source] = spec.thread
    return articles, units, thread_of


def score_threads(weights: RelatedWeights, seed: int, background: int) -> tuple[float, float]:
    articles, units, thread_of = corpus_articles(seed, background)
    found = find_related(articles, units, weights, 5)
    precision = reciprocal = 0.0
    for source, thread in thread_of.items():
        hits = [thread_of.get(item.source) == thread for item in found[source]]
        precision += sum(hits) / 5
        reciprocal += next((1 / rank for rank, hit in enumerate(hits, 1) if hit), 0.0)
    return precision / len(thread_of), reciprocal / len(thread_of)


def score_pairs(weights: RelatedWeights) -> tuple[float, float]:
    site, _ = load_site(BuildOptions(root=ROOT, now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)), NoState())
    found = find_related(site.published, site.units.units, weights, 5)
    hits = reciprocal = 0.0
    for first, second in PAIRS:
        listed = [item.source for item in found[f"content/tin-tuc/{first}.md"]]
        target = f"content/tin-tuc/{second}.md"
        if target in listed:
            hits += 1
            reciprocal += 1 / (listed.index(target) + 1)
    return hits / len(PAIRS), reciprocal / len(PAIRS)


def evaluate(weights: RelatedWeights, seeds: list[int], background: int) -> dict:
    threads = [score_threads(weights, seed, background) for seed in seeds]
    return {"threads": threads, "pairs": score_pairs(weights)}


def row(name: str, result: dict) -> str:
    threads = result["threads"]
    mean_p = sum(p for p, _ in threads) / len(threads)
    mean_r = sum(r for _, r in threads) / len(threads)
    each = ", ".join(f"{p:.3f}" for p, _ in threads)
    hit, mrr = result["pairs"]
    return f"| {name} | {mean_p:.3f} ({each}) | {mean_r:.3f} | {hit:.3f} | {mrr:.3f} |"


def run_base(commit: str, seeds: list[int], background: int) -> dict | None:
    """The same evaluation with the code of `commit`, in a subprocess; None if git cannot give it."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=False)
        if archive.returncode != 0:
            print(f"(no base: git archive {commit} failed)", file=sys.stderr)
            return None
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--json",
                "--base",
                "none",
                "--background",
                str(background),
                "--seeds",
                *map(str, seeds),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        return json.loads(out)


def parse_weights(pairs: list[str]) -> RelatedWeights:
    values = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        values[name] = float(value)
    return RelatedWeights(**values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default=BASE, help="commit whose scoring is shown too; none: no such row")
    parser.add_argument("--weights", nargs="*", default=[], metavar="NAME=VALUE", help="RelatedWeights fields")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (used for --base)")
    parser.add_argument("--seeds", nargs="*", type=int, default=list(SEEDS), help="one thread corpus per seed")
    parser.add_argument("--background", type=int, default=520, help="articles around the threads, per corpus")
    args = parser.parse_args()
    result = evaluate(parse_weights(args.weights), args.seeds, args.background)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"| scoring | threads precision@5 ({len(args.seeds)} corpora) | threads MRR | example pairs hit@5 | example pairs MRR |"
    )
    print("|---|---|---:|---:|---:|")
    if args.base != "none":
        base = run_base(args.base, args.seeds, args.background)
        if base is not None:
            print(row(f"before (commit {args.base})", base))
    print(row("now" + (f" ({' '.join(args.weights)})" if args.weights else ""), result))


if __name__ == "__main__":
    main()
