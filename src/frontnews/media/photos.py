"""Every photo the published articles show, processed once per content and settings, on every core.

`prepare_photos` finds the photos (each article's lead and its body's), processes those the store
does not hold yet in the worker pool, and gives back what the rest of the build needs: the files to
publish in place of the originals, the photos' diagnostics at the lines that name them, and, for the
templates, each photo's sizes by URL. An article page shows its photos' sizes, so the keys of its
photos' entries join its inputs: a photo replaced under the same name renders its page again.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import PIL

from ..content.image_settings import ImageSettings
from ..diagnostics import Diagnostic, diag
from ..markup.bodies import RenderedBodies
from ..models import Article, Asset, Image, StandingPage
from ..workers import run_chunks
from .names import Rendition, crop_files, is_photo, owns_original, rendition, sized_files
from .photo import SUFFIX_OF_FORMAT, fallback_format, process, widths_for
from .store import PhotoStore

VERSION = "2"  # bump when process() makes different files from the same photo and settings
CENTRE = (0.5, 0.5)
PHOTO_DIR = "photos"  # inside the build's cache folder


@dataclass(frozen=True, slots=True)
class Photos:
    bodies: RenderedBodies  # its assets now the processed files, its inputs with the photos' keys
    renditions: dict[str, Rendition] = field(default_factory=dict)  # by the photo's URL
    problems: tuple[Diagnostic, ...] = ()
    processed: int = 0  # photos processed by this build; the others came from the store


@dataclass(frozen=True, slots=True)
class _Use:
    article: Article | StandingPage
    image: Image
    key: str  # the entry of its sizes in the store
    focus: tuple[float, float] | None = None  # the lead photo's: where its crops centre
    crops: str = ""  # the lead photo's: the entry of its crops


def prepare_photos(
    articles: Sequence[Article | StandingPage],
    bodies: RenderedBodies,
    settings: ImageSettings,
    root: Path,
    folder: Path,
    jobs: int | None = None,
) -> Photos:
    """Process what is new, in `jobs` processes, and say what to publish; `folder` holds the store."""
    store = PhotoStore(folder)
    uses, problems = _uses(articles, bodies, settings, root, store)
    # One job per entry the store lacks: (key, photo, focus), the focus None for the sizes.
    new = {
        key: (key, use.image.source, focus)
        for use in uses
        for key, focus in ((use.key, None), (use.crops, use.focus))
        if key and store.info(key) is None
    }
    todo = [new[key] for key in sorted(new)]

    def work(chunk: Sequence[tuple[str, str, tuple[float, float] | None]]) -> list[str]:
        for key, source, focus in chunk:
            made = process(root / source, settings, focus)
            info = {"width": made.width, "height": made.height, "problems": [list(p) for p in made.problems]}
            store.put(key, info, made.files or {})
        return [key for key, _, _ in chunk]

    for _ in run_chunks(work, todo, jobs, chunk_size=1, min_items=2):
        pass
    store.save()
    assets, renditions, inputs = _published(uses, bodies, settings, store, root, problems)
    new_bodies = replace(bodies, assets=assets, inputs=inputs)
    return Photos(new_bodies, renditions, tuple(problems), len(todo))


def _key(digest: str, settings: ImageSettings, focus: tuple[float, float] | None) -> str:
    text = repr((VERSION, PIL.__version__, digest, settings, focus))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _uses(
    articles: Sequence[Article | StandingPage],
    bodies: RenderedBodies,
    settings: ImageSettings,
    root: Path,
    store: PhotoStore,
) -> tuple[list[_Use], list[Diagnostic]]:
    """Each photo each article shows: its lead (with its crops) and its body's, once each."""
    uses: list[_Use] = []
    problems: list[Diagnostic] = []
    digests: dict[str, str | None] = {}
    for article in articles:
        lead = article.image if is_photo(article.image) else None
        seen: set[tuple[str, str]] = set()
        for image, crops in ([(lead, True)] if lead else []) + [
            (p, False) for p in bodies.photos.get(article.source, ())
        ]:
            if not is_photo(image) or (image.source, image.url) in seen:
                continue
            seen.add((image.source, image.url))
            if image.source not in digests:
                try:
                    digests[image.source] = store.digest(root / image.source)
                except OSError as exc:  # removed since it was found: the next build reports it as missing
                    digests[image.source] = None
                    problems.append(
                        diag("FN230", article.source, image.line, src=image.src, detail=exc.strerror or str(exc))
                    )
            digest = digests[image.source]
            if digest is not None:
                focus = (image.focus or CENTRE) if crops else None
                crop_key = _key(digest, settings, focus) if crops else ""
                uses.append(_Use(article, image, _key(digest, settings, None), focus, crop_key))
    return uses, problems


def _published(
    uses: list[_Use],
    bodies: RenderedBodies,
    settings: ImageSettings,
    store: PhotoStore,
    root: Path,
    problems: list[Diagnostic],
) -> tuple[tuple[Asset, ...], dict[str, Rendition], dict[str, str]]:
    """The files to publish (originals of photos replaced), the renditions, and the article pages' inputs."""
    photo_outputs = {_output_of(u.image) for u in uses}
    assets = {a.output_path: a for a in bodies.assets if a.output_path not in photo_outputs}
    renditions: dict[str, Rendition] = {}
    keys: dict[str, list[str]] = {}
    infos: dict[str, dict[str, Any] | None] = {}
    reported: set[tuple[str, str, str]] = set()
    folder = store.folder.relative_to(root).as_posix()  # an Asset's source is relative to the site's root

    def entry(key: str, use: _Use) -> tuple[str, dict[str, Any] | None]:
        """The entry's folder (relative to the root) and info; its problems reported once per article."""
        if key not in infos:
            infos[key] = store.info(key)
        for code, values in (infos[key] or {}).get("problems", ()):
            if (use.article.source, use.image.source, code) not in reported:  # sizes and crops find the same
                reported.add((use.article.source, use.image.source, code))
                problems.append(diag(code, use.article.source, use.image.line, src=use.image.src, **values))
        return f"{folder}/{key[:2]}/{key}", infos[key]

    for use in uses:
        keys.setdefault(use.article.source, []).append(use.key)
        sizes, info = entry(use.key, use)
        crops, crops_info = entry(use.crops, use) if use.crops else ("", None)
        if not info or not info.get("width"):
            continue
        width, height = info["width"], info["height"]
        widths = widths_for(width, settings)
        renditions[use.image.url] = rendition(use.image, width, height, widths, settings)
        for name, path, *_ in sized_files(use.image, widths, lambda w: 0, settings):
            assets[path] = Asset(f"{sizes}/{name}", path)
        if settings.keep_original and owns_original(use.image.source):
            full = "full." + SUFFIX_OF_FORMAT[fallback_format(posixpath.splitext(use.image.source)[1])]
            assets[_output_of(use.image)] = Asset(f"{sizes}/{full}", _output_of(use.image))
        if crops_info and crops_info.get("width"):  # their names and sizes are the page's without the pixels
            for name, path in crop_files(use.article, use.image, settings):
                assets[path] = Asset(f"{crops}/{name}", path)
    inputs = dict(bodies.inputs)
    for source, found in keys.items():
        inputs[source] = _joined(inputs.get(source, ""), found)
    return tuple(assets[k] for k in sorted(assets)), renditions, inputs


def _output_of(image: Image) -> str:
    return unquote(image.url).lstrip("/")


def _joined(files: str, keys: list[str]) -> str:
    return hashlib.sha256("\x00".join([files, *keys]).encode("utf-8")).hexdigest()
