"""Frozen values passed between the pipeline's stages: no I/O, no logic."""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, fields, replace


def pickled_by_fields(cls):
    """Pickle as (class, field values), rebuilt by the constructor.

    A slots dataclass pickles through a __setstate__ that calls dataclasses.fields() for every
    object. Worker processes send these back to the parent pickled (the build cache does not
    pickle: incremental/records.py).
    """
    get = operator.attrgetter(*(f.name for f in fields(cls)))
    single = len(fields(cls)) == 1
    cls.__reduce__ = lambda self: (cls, (get(self),) if single else get(self))
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Unit:
    """A publishing committee (Ủy ban MTTQ) in the tree of units."""

    slug: str
    name: str
    short_name: str
    level: str
    parent: str | None = None
    until: dt.date | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Participant:
    """A person named in an article, with the roles held at that time."""

    name: str
    slug: str
    roles: tuple[str, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    slug: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Image:
    """A picture: `src` as written, `url` where the site serves it, `source` the site's file."""

    src: str
    url: str
    alt: str
    caption: str = ""
    source: str = ""  # path relative to the site root, POSIX style: content/… or static/…
    focus: tuple[float, float] | None = None  # where crops centre, fractions from the top left
    line: int = 0  # the source line that names it, for diagnostics
    in_body: bool = False  # the lead photo taken from the body: not shown again above it


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Asset:
    """A file copied unchanged into the output (an article's photo)."""

    source: str  # path relative to the site root, POSIX style
    output_path: str  # path relative to the output root, POSIX style


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Alias:
    """An old address of an article, which redirects to it: a path of this site, and its source line."""

    url: str  # "/tin-tuc/2024/10/ten-cu/" or "/tin-cu/bai.html", decoded, never with ".." or a query
    line: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """A văn bản: its số hiệu, ngày ban hành, trích yếu and the file it is published as."""

    number: str  # số hiệu, "125-KH/MTTQ-BTT"
    issued: dt.date  # ngày ban hành
    excerpt: str  # trích yếu
    file: str  # as written in `file:`
    url: str  # where the site serves the file


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One validated article, its body still Markdown."""

    source: str  # path relative to the site root, POSIX style
    digest: str
    slug: str
    url: str
    output_path: str
    title: str
    published: dt.datetime  # always timezone-aware
    updated: dt.datetime | None
    unit: str  # unit slug
    participants: tuple[Participant, ...]
    tags: tuple[Tag, ...]
    summary: str
    image: Image | None
    signature: str
    draft: bool
    body: str | None  # None when loaded from the build cache: bodies.py reads the file if it must render
    body_line: int  # line of the body's first line in the source file
    assets: tuple[Asset, ...] = ()
    summary_from_body: bool = False  # cut from the first paragraph, so not shown twice
    aliases: tuple[Alias, ...] = ()  # old addresses that redirect here (aliases.py)
    featured: bool = False  # in the home page's lead block (prominence.py)
    pinned_until: dt.datetime | None = None  # at the top of its list until then, exclusive (prominence.py)
    section: str = ""  # the slug of its folder's section (content/sections.py); "" directly in content/
    document: Document | None = None  # a văn bản's own fields, in a section of documents
    terms: bytes = b""  # the title's and body's words for related news (vi.terms.terms_of), packed


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
_ARTICLE_INDEX = {name: i for i, name in enumerate(_ARTICLE_FIELDS)}
_article_values = operator.attrgetter(*_ARTICLE_FIELDS)


def changed_article(article: Article, **changes) -> Article:
    """dataclasses.replace without its per-call look at the fields: it runs once per article per build."""
    values = list(_article_values(article))
    for name, value in changes.items():
        values[_ARTICLE_INDEX[name]] = value
    return Article(*values)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StandingPage:
    """A page that stays (Giới thiệu, Liên hệ): a title and a body, no date, unit or news list.

    Its fields share the names of Article's that bodies.py reads, so its body is rendered and
    checked as an article's is.
    """

    source: str
    digest: str
    slug: str
    url: str
    output_path: str
    title: str
    section: str  # the section of its folder, "" in content/trang/ or directly in content/
    summary: str
    image: Image | None
    updated: dt.datetime | None
    draft: bool
    body: str | None
    body_line: int
    assets: tuple[Asset, ...] = ()
    summary_from_body: bool = False
    signature: str = ""  # a last line pushed right, as in pasted text (content/pasted.py)


def lean(item: Article | StandingPage, **changes) -> Article | StandingPage:
    """changed_article for an article, dataclasses.replace for a standing page (few of them)."""
    return changed_article(item, **changes) if type(item) is Article else replace(item, **changes)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RelatedItem:
    """One entry of "Các tin tức khác", with why it was chosen."""

    source: str  # the related article's source path (Article.source)
    score: float
    reasons: tuple[str, ...] = ()
