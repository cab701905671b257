"""The small pages at an article's old addresses (`aliases:`) that send readers on to it.

Each is `alias.html`: a `<meta http-equiv="refresh">` to the article, its canonical link, a visible
Vietnamese link for browsers that do not follow, and `noindex`. They are planned after the sitemap,
so never in it, and hold no article list, so never in a feed. An old address never displaces a page
of the site: one already taken by a page, or claimed by an older article's alias, is left out with
FN135; the article's own address is left out with FN136.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from ..diagnostics import Diagnostic, diag
from ..models import Alias, Article
from .page import Page, output_path_for

ALIAS_TEMPLATE = "alias.html"


def plan_redirects(articles: Sequence[Article], pages: Sequence[Page]) -> list[Page]:
    """A redirecting page for each old address that no page and no older article holds."""
    return [
        Page(
            alias.url, output_path_for(alias.url), ALIAS_TEMPLATE, partial(dict, article=article), (article.digest,)
        )  # the article's title and address: both in its digest
        for article, alias, problem in _claims(articles, pages)
        if problem is None
    ]


def alias_problems(articles: Sequence[Article], pages: Sequence[Page]) -> list[Diagnostic]:
    """FN135 and FN136 for the old addresses plan_redirects leaves out."""
    return [problem for _, _, problem in _claims(articles, pages) if problem is not None]


def _claims(articles: Sequence[Article], pages: Sequence[Page]) -> Iterator[tuple[Article, Alias, Diagnostic | None]]:
    """Each alias with the reason it is left out, or None. Older articles claim first.

    A path is taken when a page is written there, or where one of its folders would have to be
    (an alias `/feed.xml/x/`). Pages' folders never end in `.html`, so no page lies under an alias.
    """
    with_aliases = sorted((a for a in articles if a.aliases), key=lambda a: (a.published, a.source))
    if not with_aliases:
        return
    files = {page.output_path: page.url for page in pages if page.template != ALIAS_TEMPLATE}
    claimed: dict[str, Article] = {}  # by output path
    folders: dict[str, Article] = {}  # the folders those paths need
    for article in with_aliases:
        for alias in article.aliases:
            path = output_path_for(alias.url)
            above = _parents(path)
            taken = next((files[p] for p in [path, *above] if p in files), None)
            other = next((claimed[p] for p in [path, *above] if p in claimed), folders.get(path))
            if path == article.output_path:
                problem = diag("FN136", article.source, alias.line, url=alias.url)
            elif taken is not None:
                where = "một trang đang có" if taken == alias.url else f"trang {taken}"
                problem = diag("FN135", article.source, alias.line, url=alias.url, what=f"{where} của trang web")
            elif other is not None:
                problem = diag(
                    "FN135", article.source, alias.line, url=alias.url, what=f"một địa chỉ cũ của bài {other.source}"
                )
            else:
                claimed[path] = article
                folders.update(dict.fromkeys(above, article))
                problem = None
            yield article, alias, problem


def _parents(path: str) -> list[str]:
    """`a/b/index.html` → [`a/b`, `a`]: the folders a file needs."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
