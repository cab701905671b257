"""Which pages the search index holds, and how they are split into shards.

Only articles readers can open are indexed: not drafts, not articles dated after the build's
"now" (`serve` shows both, but its index holds what `build` would publish), and no list, overview
or redirecting page. Pagefind cannot update an index: a changed page means indexing again every
page of its index, at a few milliseconds each. So the pages are split into shards of consecutive
months, each its own Pagefind index, which the search page merges: an edit re-indexes only the
shard of the article's month, and an article added, usually in the newest month, only the newest
shard. A shard closes once it holds `SHARD_ARTICLES` articles; a site too large for `MAX_SHARDS`
of them gets shards twice (four times…) that size, so the browser merges a bounded number of
indexes. Shards are named for their first month ("2024-10"); a month is never split.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..models import Article
from ..vi.fold import d_words

SHARD_ARTICLES = 500  # one shard indexed again must fit in an edit's rebuild (docs/performance.md)
MAX_SHARDS = 32


@dataclass(frozen=True, slots=True)
class Shard:
    """One Pagefind index: its name, and the output paths of the pages it holds (sorted)."""

    name: str
    pages: tuple[str, ...]


def searchable(articles: Iterable[Article], now: dt.datetime) -> list[Article]:
    """The articles a reader can reach: published, and due."""
    return [a for a in articles if not a.draft and a.published <= now]


def shard_size(count: int) -> int:
    size = SHARD_ARTICLES
    while count > size * MAX_SHARDS:
        size *= 2
    return size


def plan_shards(articles: Iterable[Article]) -> tuple[Shard, ...]:
    """Group the articles' pages by month, oldest first, into shards of about `shard_size` pages.

    Months are those of the archive (indexes.by_month). Adding an article to
    the newest month changes only the newest shard; a shard's pages change only when an article
    of its months is added, removed or moved to another month.
    """
    by_month: dict[tuple[int, int], list[str]] = {}
    for article in articles:
        by_month.setdefault((article.published.year, article.published.month), []).append(article.output_path)
    size = shard_size(sum(map(len, by_month.values())))
    shards: list[Shard] = []
    name, pages = "", []
    for (year, month), paths in sorted(by_month.items()):
        name = name or f"{year:04d}-{month:02d}"
        pages += paths
        if len(pages) >= size:
            shards.append(Shard(name, tuple(sorted(pages))))
            name, pages = "", []
    if pages:
        shards.append(Shard(name, tuple(sorted(pages))))
    return tuple(shards)


@dataclass(frozen=True, slots=True)
class FoldedCopy:
    """The words of an article's page that hold a đ, folded ("Đường" → "duong"), for the index alone.

    Pagefind finds "Sơn" for "son" by itself but never "Đinh" for "dinh" (vi/fold.py): the page
    carries these words in a hidden element of its indexed part, the title's weighted as a title
    is, repeats kept, so that they count as the words they stand for. `count` is how many words
    that is: they come last in the indexed text, and the search page leaves them out of the
    passage it shows.
    """

    title: str
    rest: str
    count: int


def folded_copy(article: Article, body: object) -> FoldedCopy:
    """The folded copy of what the index reads of the article's page (not its line of date and
    unit: data-pagefind-ignore); `body` is its HTML (anything with __html__)."""
    html = body.__html__() if hasattr(body, "__html__") else str(body)
    shown = [html_text(html), article.signature]
    shown += [article.summary] if not article.summary_from_body else []
    shown += [article.image.caption] if article.image else []
    shown += [p.name + " " + " ".join(p.roles) for p in article.participants]
    shown += [t.name for t in article.tags]
    title, rest = d_words(article.title), d_words(" ".join(shown))
    return FoldedCopy(" ".join(title), " ".join(rest), len(title) + len(rest))


def html_text(html: str) -> str:
    """The text of an HTML fragment, as a reader reads it."""
    return Markup(html).striptags()  # noqa: S704 - only its text is taken, never output as HTML
