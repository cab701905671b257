"""A Python-Markdown extension passing every link of a body through the caller's resolver.

The resolver (bodies.py, with assets.resolve_link) gives each link its published URL: a file
beside the article is copied and linked where it is published, a root-relative path is found in
static/, and anything else stays as written. Links are resolved before the body's URL safety
check (markup._drop_unsafe_urls), so whatever a resolver returns is checked too.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def _keep(href: str) -> str:
    return href


class _LinkTreeprocessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, extension: LinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        resolve = self.extension.resolve
        for link in root.iter("a"):
            href = link.get("href")
            if href:
                link.set("href", resolve(href))


class LinkExtension(Extension):
    """Per-document state (the resolver) lives here so `Markdown.reset()` clears it."""

    def __init__(self) -> None:
        super().__init__()
        self.resolve: Callable[[str], str] = _keep

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Below 'unescape' (0), so backslash escapes are restored; above the body's own pass
        # (-10), which checks every URL's scheme last.
        md.treeprocessors.register(_LinkTreeprocessor(md, self), "frontnews_links", -5)
        md.registerExtension(self)

    def reset(self) -> None:
        self.resolve = _keep
