"""Build the example site (the repository root) once per session, and read the result as clients do.

The tests in this folder never ask frontnews what it meant to write: they crawl the built folder
(every *.html, the Atom feeds its pages link, the sitemap) and hand it to real clients.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from frontnews.build import BuildOptions, build
from frontnews.content.config import load_config

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
# A fixed "now" after the newest example article, so the same pages are built every day.
NOW = dt.datetime(2026, 1, 1, 12, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ATOM_TYPE = "application/atom+xml"

# (tag, attribute) pairs that load something into the page: these must never name another host.
ASSET_ATTRS = {
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("script", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
}
ASSET_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "manifest", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference found in a built file: where it is, what element holds it, what it names."""

    page: str  # URL path of the file holding it
    tag: str
    attr: str
    value: str
    rel: frozenset[str] = frozenset()

    @property
    def is_asset(self) -> bool:
        return (
            (self.tag, self.attr) in ASSET_ATTRS
            or (self.tag == "link" and bool(self.rel & ASSET_RELS))
            or self.tag == "css"
        )


@dataclass(frozen=True)
class BuiltSite:
    """The output folder, addressed by the URLs a visitor uses."""

    out: Path
    base_url: str  # e.g. https://mttq-donglam.example.vn/
    base_path: str  # "" or "/du-an"
    _docs: dict = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def pages(self) -> dict[str, Path]:
        """Every built HTML file by its URL path ("/", "/tin-tuc/…/", "/404.html")."""
        return {self.url_of(p): p for p in sorted(self.out.rglob("*.html"))}

    def url_of(self, path: Path) -> str:
        rel = path.relative_to(self.out).as_posix()
        if rel == "index.html":
            return self.base_path + "/"
        if rel.endswith("/index.html"):
            return self.base_path + "/" + rel[: -len("index.html")]
        return self.base_path + "/" + rel

    def file_for(self, url_path: str) -> Path | None:
        """The built file a static server sends for this URL path, or None."""
        path = unquote(url_path)
        if self.base_path and not (path == self.base_path or path.startswith(self.base_path + "/")):
            return None
        rel = path[len(self.base_path) :].lstrip("/")
        candidate = self.out / rel / "index.html" if rel == "" or rel.endswith("/") else self.out / rel
        try:
            inside = candidate.resolve().is_relative_to(self.out.resolve())
        except OSError:
            return None
        return candidate if inside and candidate.is_file() else None

    def local_path(self, ref_value: str, page_url: str) -> str | None:
        """The URL path a reference points to on this site (fragment and query dropped), or None
        when it points elsewhere (another host, mailto:, tel:, data:)."""
        absolute = urljoin(self.base_url.rstrip("/") + page_url, ref_value.strip())
        parts, base = urlsplit(absolute), urlsplit(self.base_url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
        return parts.path or "/"

    def absolute(self, url_path: str) -> str:
        """The full URL of a URL path on this site (as canonical links, feeds and the sitemap write it)."""
        base = urlsplit(self.base_url)
        return f"{base.scheme}://{base.netloc}{url_path}"

    def doc(self, url_path: str):
        """The parsed page (strict UTF-8: a page in another encoding fails here)."""
        if url_path not in self._docs:
            self._docs[url_path] = lxml.html.document_fromstring(self.pages[url_path].read_bytes().decode("utf-8"))
        return self._docs[url_path]

    def refs(self, url_path: str) -> list[Ref]:
        """Every URL in a page's attributes, inline styles and <style> blocks."""
        found: list[Ref] = []
        for el in self.doc(url_path).iter():
            if not isinstance(el.tag, str):
                continue
            rel = frozenset((el.get("rel") or "").lower().split())
            for attr in ("href", "src", "srcset", "poster", "data", "action"):
                value = el.get(attr)
                if value is None or (attr == "data" and el.tag != "object"):
                    continue
                urls = [c.split()[0] for c in value.split(",") if c.strip()] if attr == "srcset" else [value]
                found += [Ref(url_path, el.tag, attr, u, rel) for u in urls]
            styles = (el.get("style") or "") + (el.text or "" if el.tag == "style" else "")
            found += [Ref(url_path, "css", "url", m.group(2)) for m in CSS_URL.finditer(styles)]
        return found

    def css_refs(self) -> list[Ref]:
        """Every url(…) in the built stylesheets."""
        return [
            Ref(self.url_of(css), "css", "url", m.group(2))
            for css in sorted(self.out.rglob("*.css"))
            for m in CSS_URL.finditer(css.read_text(encoding="utf-8"))
            if not m.group(2).startswith("data:")
        ]

    def meta(self, url_path: str, prop: str) -> str | None:
        found = self.doc(url_path).xpath("//meta[@property=$p or @name=$p]/@content", p=prop)
        return found[0] if found else None

    @functools.cached_property
    def article_pages(self) -> tuple[str, ...]:
        """Pages that say they are articles (Open Graph type "article")."""
        return tuple(url for url in self.pages if self.meta(url, "og:type") == "article")

    def feed_links(self, url_path: str) -> list[str]:
        """The URL paths of the Atom feeds a page announces with <link rel="alternate">."""
        links = self.doc(url_path).xpath("//head/link[@type=$t]", t=ATOM_TYPE)
        return [
            self.local_path(link.get("href", ""), url_path) or link.get("href", "")
            for link in links
            if "alternate" in (link.get("rel") or "").lower().split()
        ]

    @functools.cached_property
    def feeds(self) -> tuple[str, ...]:
        """Every feed announced anywhere on the site, plus /feed.xml if it was built."""
        found = {f for url in self.pages for f in self.feed_links(url)}
        if self.file_for(self.base_path + "/feed.xml"):
            found.add(self.base_path + "/feed.xml")
        return tuple(sorted(found))


def node_file(relative: str) -> Path:
    """A file of an npm package installed at the repository root (by `npm ci`, as .ci/run does)."""
    path = NODE_MODULES / relative
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `npm ci` at the repository root (package.json pins it)")
    return path


def system_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"`{name}` is not installed: .ci/run installs it with apt-get")
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The example site, built once for the whole session into a temporary folder."""
    out = tmp_path_factory.mktemp("example-site") / "public"
    report = build(BuildOptions(root=REPO, out=out, now=NOW))
    assert report.ok, "the example site does not build:\n" + "\n".join(map(str, report.diagnostics))
    config, _ = load_config(REPO)
    return BuiltSite(out=out, base_url=config.base_url, base_path=config.base_path)


@pytest.fixture(scope="session")
def npm_file():
    """`npm_file("vnu-jar/build/dist/vnu.jar")`: the path, or a failure that says how to get it."""
    return node_file


@pytest.fixture(scope="session")
def apt_tool():
    """`apt_tool("jing")`: the program's path, or a failure that says how to get it."""
    return system_tool


@pytest.fixture(scope="session")
def schema():
    """`schema("atom.rnc")`: a schema file kept in tests/site/schemas/."""
    return lambda name: SCHEMAS / name
