"""Who is who across the site: one page per person, and topics whose spellings meet on one page.

A person is their name as written (NFC, spaces cleaned): "Nguyễn Thị Hoa" and "Nguyễn Thị Hòa" are
two people, though both slugify to `nguyen-thi-hoa`. When names meet on one slug, the name that
appeared first on the site (its oldest published article, then the file path, then Vietnamese
order) keeps the plain slug and the others get `-2`, `-3`… in the same order, with FN132. So a
person who appears later never moves anyone's page; only an article dated before all the others
(or the removal of someone's every article) can.

Topics are merged by slug on purpose: "Tập huấn", "tập huấn" and "tap huan" (typed without a
Vietnamese keyboard) are one topic. Spellings that differ in more than case are reported (FN138),
so that "hòa" and "hoa" are never merged silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..content.source_lines import text_line
from ..diagnostics import Diagnostic, diag
from ..models import Article, Participant, changed_article
from ..vi.text import vi_sort_key
from .indexes import newest_first
from .navigation import person_url, tag_url
from .url_clashes import derived_digest


def identify_people(articles: Sequence[Article], root: Path) -> tuple[list[Article], list[Diagnostic]]:
    """The articles with each participant's page slug, and a warning for each name that got a new one."""
    pairs = {(p.slug, p.name) for article in articles for p in article.participants}
    names: dict[str, list[str]] = {}
    for slug, name in pairs:
        names.setdefault(slug, []).append(name)
    shared = {slug: found for slug, found in names.items() if len(found) > 1}
    if not shared:
        return list(articles), []
    first_seen: dict[str, tuple] = {}
    for article in sorted(articles, key=lambda a: (a.published, a.source)):
        for person in article.participants:
            if person.slug in shared:
                first_seen.setdefault(person.name, (article.published, article.source))
    renamed: dict[str, str] = {}
    problems: list[Diagnostic] = []
    taken = set(names)
    for slug in sorted(shared):
        ordered = sorted(shared[slug], key=lambda name: (first_seen[name], vi_sort_key(name)))
        number = 1
        for name in ordered[1:]:
            number += 1
            while f"{slug}-{number}" in taken:
                number += 1
            renamed[name] = f"{slug}-{number}"
            taken.add(renamed[name])
            source = first_seen[name][1]
            problems.append(
                diag(
                    "FN132",
                    source,
                    text_line(root, source, name, "participants"),
                    name=name,
                    other=ordered[0],
                    url=person_url(renamed[name]),
                    other_url=person_url(slug),
                )
            )
    return [_renamed(article, renamed) for article in articles], problems


def _renamed(article: Article, renamed: dict[str, str]) -> Article:
    if not any(p.name in renamed for p in article.participants):
        return article
    people = tuple(Participant(p.name, renamed.get(p.name, p.slug), p.roles) for p in article.participants)
    return changed_article(
        article, participants=people, digest=derived_digest(article, "people", *(p.slug for p in people))
    )


def topic_spellings(articles: Sequence[Article], root: Path) -> list[Diagnostic]:
    """FN138 for each spelling of a topic that differs from the one its page shows in more than case.

    The page shows its newest article's spelling (navigation.tag_names); each other spelling is
    reported once, in the newest article that writes it.
    """
    pairs = {(t.slug, t.name) for article in articles for t in article.tags}
    folded = {(slug, name.casefold()) for slug, name in pairs}
    if len(folded) == len({slug for slug, _ in folded}):
        return []
    spellings: dict[str, dict[str, tuple[str, str]]] = {}  # slug -> casefolded name -> (name, newest source)
    shown: dict[str, str] = {}
    for article in sorted(articles, key=newest_first):
        for tag in article.tags:
            shown.setdefault(tag.slug, tag.name)
            spellings.setdefault(tag.slug, {}).setdefault(tag.name.casefold(), (tag.name, article.source))
    problems = []
    for slug, found in spellings.items():
        for casefolded, (name, source) in found.items():
            if casefolded != shown[slug].casefold():
                problems.append(
                    diag(
                        "FN138",
                        source,
                        text_line(root, source, name, "tags"),
                        name=name,
                        other=shown[slug],
                        url=tag_url(slug),
                    )
                )
    return problems
