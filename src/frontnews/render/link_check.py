"""Links of article bodies to the site's own pages and files, checked against what the build publishes.

A body is rendered (and cached) before the site's pages are planned, so it records the links it
could not settle alone (bodies.Body.links); here each is looked up among the planned pages, the
files copied beside articles and the static files. A missing page is a warning (FN207: it may be
a draft, an article not yet due, or a page of the host outside the site); a missing file is an
error (FN204).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic, diag
from ..models import Asset
from ..site.page import Page, output_path_for
from .publish import static_files


def unreached_links(
    links: Iterable[tuple[str, str, str, str, int]], pages: Sequence[Page], assets: Sequence[Asset], root: Path
) -> list[Diagnostic]:
    """A diagnostic for each (source, code, href, URL path, line) whose URL the build does not publish."""
    links = tuple(links)
    if not links:
        return []
    published = {page.output_path for page in pages} | {asset.output_path for asset in assets}
    published |= {relative for _, relative in static_files(root)}
    return [
        diag(code, source, line, src=href, url=path)
        for source, code, href, path, line in links
        if not _published(path, published)
    ]


def _published(path: str, published: set[str]) -> bool:
    """`/a/b/`, `/a/b` and `/a/b/index.html` are all the page of a/b/index.html."""
    candidates = [output_path_for(path)]
    if not path.endswith("/") and not PurePosixPath(path).suffix:
        candidates.append(output_path_for(path + "/"))
    return any(candidate in published for candidate in candidates)
