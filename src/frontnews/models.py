"""Frozen values passed between the pipeline's stages: no I/O, no logic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """A publishing committee (Ủy ban MTTQ) in the tree of units."""

    slug: str
    name: str
    short_name: str
    level: str
    parent: str | None = None
    until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """A person named in an article, with the roles held at that time."""

    name: str
    slug: str
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class Image:
    """A picture: `src` as written, `url` where the site serves it."""

    src: str
    url: str
    alt: str
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Asset:
    """A file copied unchanged into the output (an article's photo)."""

    source: str  # path relative to the site root, POSIX style
    output_path: str  # path relative to the output root, POSIX style


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
    body: str
    body_line: int  # line of the body's first line in the source file
    assets: tuple[Asset, ...] = ()
    summary_from_body: bool = False  # cut from the first paragraph, so not shown twice


@dataclass(frozen=True, slots=True)
class RelatedItem:
    """One entry of "Các tin tức khác", with why it was chosen."""

    slug: str
    score: float
    reasons: tuple[str, ...] = ()
