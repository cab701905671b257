"""The search index: Pagefind over the pages readers can search, staged and swapped in with the site.

`publish` calls `SearchStep.stage` once every page is in the staging folder, before the swap: each
shard of pages (site/search_input.py) whose pages changed is indexed by Pagefind from those pages
(linked, not copied, into a scratch folder beside the output), and its bundle is staged under
`pagefind/<shard>/`. The index is part of the build's output like any page: it appears with the
pages it describes, a failed build leaves the old one in place, and an unchanged file is never
rewritten. A shard whose key (what the index reads of its pages: `SearchStep.pages`) is the one it
was indexed from keeps its files unread, so a build that changed no indexed text runs no Pagefind.
So does a shard whose key changed but whose pages this build wrote none of (a template edit that
left their bytes as they were): Pagefind reads nothing but those bytes, so its index would be the
same. Its `basis` (the pages' paths, Pagefind, the language) must be the same, and its files made
from the pages in the output: a shard kept while its pages changed (no Pagefind at hand, or the
preview's index still to come) is recorded as `STALE`.

`pagefind/shards.json` names the shards for the search page's script. `.frontnews/search.json`,
the build's own record, keeps each shard's key (what it was indexed from) and a digest of its
file list, so a missing or damaged file means indexing that shard again.

The preview (`serve`) publishes its pages first: the shards to index wait in the record
("pending") until `index_pending` runs after the browser has reloaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from ..content.config import CONFIG_FILE, SiteConfig
from ..diagnostics import Diagnostic, diag
from ..models import Article
from ..site.search_input import plan_shards, searchable
from .commit import commit
from .output import Staging, safe_relative
from .pagefind_order import order_filters
from .pagefind_run import find_pagefind, pagefind_identity, run_pagefind

BUNDLE = "pagefind/"
SHARDS_FILE = BUNDLE + "shards.json"
RECORD_FILE = ".frontnews/search.json"
FORMAT = 2  # how pages are indexed and recorded: a new format indexes every shard again
STALE = "-"  # the key of a shard kept though its pages changed since it was indexed
ARTICLE_TEMPLATE = "article.html"  # the template of every indexed page (site/planner.py)
# Pagefind's own search interfaces: the search page has its own script (static/js/search.js).
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.", "playground/")


@dataclass(frozen=True, slots=True)
class Wanted:
    """A shard as this build wants it: indexed from these pages, known by this key and basis."""

    name: str
    key: str
    basis: str
    pages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Indexed:
    """A shard in the output: the key and basis it was indexed from, the digest of its file list."""

    key: str
    files: str
    basis: str


@dataclass(slots=True)
class Record:
    """`.frontnews/search.json`: the shards in the output, and those the preview is still to index."""

    language: str = "vi"  # the pages' language, for indexing the pending shards
    shards: dict[str, Indexed] = field(default_factory=dict)
    pending: dict[str, Wanted] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = {
            "version": FORMAT,
            "language": self.language,
            "shards": {
                name: {"key": i.key, "files": i.files, "basis": i.basis} for name, i in sorted(self.shards.items())
            },
        }
        if self.pending:
            data["pending"] = {
                name: {"key": w.key, "basis": w.basis, "pages": list(w.pages)}
                for name, w in sorted(self.pending.items())
            }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_record(out: Path) -> Record:
    """The last build's record; anything unreadable is an empty record (every shard is indexed again)."""
    try:
        data = json.loads((out / RECORD_FILE).read_bytes())
        if data.get("version") != FORMAT:
            return Record()
        shards = {name: Indexed(str(s["key"]), str(s["files"]), str(s["basis"])) for name, s in data["shards"].items()}
        pending = {
            name: Wanted(name, str(w["key"]), str(w["basis"]), tuple(map(str, w["pages"])))
            for name, w in data.get("pending", {}).items()
        }
        return Record(str(data["language"]), shards, pending)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Record()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def bundle_files(files: Iterable[str]) -> dict[str, list[str]]:
    """The output's files under pagefind/<shard>/, by shard, sorted."""
    found: dict[str, list[str]] = {}
    for path in files:
        if path.startswith(BUNDLE) and path.count("/") > 1:
            found.setdefault(path[len(BUNDLE) : path.index("/", len(BUNDLE))], []).append(path)
    return {name: sorted(paths) for name, paths in found.items()}


class SearchStep:
    """The index's part of one build: made once the pages are planned, run by `publish` before the swap.

    `problems` holds what is known before anything is written (no Pagefind to run: FN305);
    `stage` returns what went wrong while indexing (FN306), and publish then discards the build.
    """

    def __init__(
        self,
        config: SiteConfig,
        articles: Sequence[Article],
        now: dt.datetime | None,
        body_inputs: Mapping[str, str] | None = None,
        *,
        write: bool = True,
        defer: bool = False,
    ) -> None:
        self.enabled = config.search and write
        self.language = config.language
        self.defer = defer
        shown = searchable(articles, now) if self.enabled and now is not None else []
        self.shards = plan_shards(shown)
        found = body_inputs or {}
        # What the indexed part of an article's page is made of: its file, where its photos and
        # files were found, its URL and lead photo (placed by the build), and, added in `stage`, the
        # site's part of the page's fingerprint (config, units, its template set). Not what else
        # the page shows: an edit changes the "Các tin tức khác" of pages all over the site, and
        # adding an article the menu of every page, but not the text Pagefind reads of them.
        self.pages = {a.output_path: _digest(a.digest, a.url, repr(a.image), found.get(a.source, "")) for a in shown}
        self.binary = find_pagefind() if self.shards else None
        self.problems: list[Diagnostic] = [diag("FN305", CONFIG_FILE, 0)] if self.shards and not self.binary else []

    def stage(self, staging: Staging, site: str) -> list[Diagnostic]:
        """Stage the index beside the pages: unchanged shards kept, changed ones indexed again.

        `site` is the site's part of the article pages' fingerprints (incremental/fingerprints.py).
        """
        if not self.enabled:
            return []  # nothing staged: the swap removes any index of an earlier build
        pagefind = pagefind_identity(self.binary) if self.binary else "-"
        wanted = []
        for s in self.shards:
            basis = _digest(str(FORMAT), pagefind, self.language, s.name, *s.pages)
            wanted.append(Wanted(s.name, _digest(basis, site, *(self.pages[p] for p in s.pages)), basis, s.pages))
        written = set(staging.written)

        def source(page: str) -> Path:
            return (staging.dir if page in written else staging.out) / page

        return _stage_shards(
            staging,
            wanted,
            read_record(staging.out),
            self.binary,
            self.language,
            source,
            defer=self.defer,
            written=written,
        )


def _stage_shards(
    staging: Staging,
    wanted: Sequence[Wanted],
    record: Record,
    binary: Path | None,
    language: str,
    source: Callable[[str], Path],
    defer: bool,
    written: Set[str] = frozenset(),
) -> list[Diagnostic]:
    """Keep each shard whose key is unchanged, or whose pages are the bytes it was indexed from
    (none `written`), with its files intact; index the others (or leave them pending, with their
    old files if any); then stage shards.json and the record."""
    present = bundle_files(staging.previous)
    done = Record(language)
    todo: list[Wanted] = []
    for shard in wanted:
        files = present.get(shard.name, [])
        old = record.shards.get(shard.name)
        intact = old if old is not None and files and old.files == _digest(*files) else None
        if intact is not None and (
            intact.key == shard.key
            or (intact.key != STALE and intact.basis == shard.basis and written.isdisjoint(shard.pages))
        ):
            _keep(staging, files, done, shard.name, Indexed(shard.key, intact.files, shard.basis))
            continue
        if binary is None or defer:  # not indexed now: the old files, if any, stay until it is
            if intact is not None:
                _keep(staging, files, done, shard.name, Indexed(STALE, intact.files, intact.basis))
            if binary is not None:
                done.pending[shard.name] = shard
            continue
        if shard.pages:
            todo.append(shard)
    problems = _index(staging, todo, binary, language, source, done) if todo else []
    if done.shards:
        names = sorted(done.shards)
        staging.write(SHARDS_FILE, (json.dumps({"shards": names}) + "\n").encode("utf-8"))
    staging.write(RECORD_FILE, done.to_bytes())
    return problems


def _keep(staging: Staging, files: Sequence[str], done: Record, name: str, kept: Indexed) -> None:
    for path in files:
        staging.reuse(path)
    done.shards[name] = kept


def _index(
    staging: Staging,
    todo: Sequence[Wanted],
    binary: Path | None,
    language: str,
    source: Callable[[str], Path],
    done: Record,
) -> list[Diagnostic]:
    """Index each shard from its pages, linked into a scratch folder beside the output, and stage its bundle."""
    assert binary is not None
    scratch = staging.out.with_name(f".{staging.out.name}.search-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    problems = []
    try:
        for shard in todo:
            site, out = scratch / shard.name / "site", scratch / shard.name / "index"
            for page in shard.pages:
                _link(source(page), site / safe_relative(page))
            said = run_pagefind(binary, site, out, language)
            if said is not None:  # the build is discarded: the other shards need not be indexed
                problems.append(diag("FN306", CONFIG_FILE, 0, month=_month(shard.name), detail=said))
                break
            order_filters(out)
            files = _stage_bundle(staging, out, f"{BUNDLE}{shard.name}/")
            done.shards[shard.name] = Indexed(shard.key, _digest(*files), shard.basis)
            shutil.rmtree(scratch / shard.name)  # its bundle is staged: a large site has many shards
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return problems


def _month(name: str) -> str:
    """ "2024-03" → "3/2024", as readers write a month."""
    year, _, month = name.partition("-")
    return f"{int(month)}/{year}" if month.isdigit() else name


def _link(page: Path, target: Path) -> None:
    """A hard link costs no copy; a copy where the file system refuses links."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(page, target)
    except OSError:
        shutil.copyfile(page, target)


def _stage_bundle(staging: Staging, bundle: Path, prefix: str) -> list[str]:
    """Stage the files of one Pagefind bundle that the search page uses; their output paths, sorted."""
    staged = []
    for file in sorted(bundle.rglob("*")):
        relative = file.relative_to(bundle).as_posix()
        if file.is_file() and not relative.startswith(UNUSED):
            staging.copy(file, prefix + relative)
            staged.append(prefix + relative)
    return staged


def index_pending(out: Path) -> tuple[int, list[Diagnostic]]:
    """After a preview build: index the shards it left pending, from the pages now in `out`.

    Returns how many shards were pending, and what went wrong (then the output is left as it was).
    """
    record = read_record(out)
    if not record.pending:
        return 0, []
    binary = find_pagefind()
    if binary is None:
        return len(record.pending), [diag("FN305", CONFIG_FILE, 0)]
    staging = Staging(out)
    try:
        for path in sorted(staging.previous):
            if not path.startswith(BUNDLE) and path != RECORD_FILE:
                staging.reuse(path)
        names = sorted(set(record.shards) | set(record.pending))
        wanted = [
            record.pending.get(name) or Wanted(name, record.shards[name].key, record.shards[name].basis, ())
            for name in names
        ]
        problems = _stage_shards(staging, wanted, record, binary, record.language, lambda p: out / p, defer=False)
        if problems:
            staging.discard()
            return len(record.pending), problems
        # The preview's own folder: no base URL for changes.json, and no commit mark in the site's cache.
        return len(record.pending), list(commit(staging, "", None).problems)
    except OSError as exc:
        staging.discard()
        return len(record.pending), [diag("FN303", str(out), 0, detail=str(exc))]
