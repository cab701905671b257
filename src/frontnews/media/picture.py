"""What templates read of photos: four Jinja filters over the build's renditions.

- `url | photo`: the sizes of the photo at that URL (an article page's lead), or None;
- `article | card_photo`: its list thumbnail (fixed sizes: a card never depends on the pixels);
- `article | share_image`: (URL, width, height) of its 1200×630 picture for og:image;
- `body_html | with_photos(picture, sizes, first_eager)`: the body with each photo's <img> drawn
  by the `picture` macro of partials/picture.html, so one macro writes every <picture> of the site.

The body's HTML is cached without its photos' sizes (they are not in its Markdown), and gets them
here when its page renders.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..content.image_settings import ImageSettings
from ..models import Article
from .names import Candidate, Rendition, card_rendition, share_image

_IMG = re.compile(r"<img\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Picture:
    """A rendition as the macro writes it: URLs with the site's base path, srcsets joined."""

    src: str
    srcset: str
    width: int
    height: int
    sources: tuple[tuple[str, str], ...]  # (MIME type, srcset) of each modern format


def picture_filters(
    renditions: Mapping[str, Rendition], settings: ImageSettings, url: Callable[[str], str]
) -> dict[str, Callable[..., Any]]:
    def srcset(candidates: tuple[Candidate, ...]) -> str:
        return ", ".join(f"{url(c.url)} {c.width}w" for c in candidates)

    def shown(found: Rendition | None) -> Picture | None:
        if found is None:
            return None
        *modern, (_, fallback) = found.sources
        return Picture(
            url(fallback[-1].url),
            srcset(fallback),
            found.width,
            found.height,
            tuple((kind, srcset(candidates)) for kind, candidates in modern),
        )

    def photo(address: str) -> Picture | None:
        return shown(renditions.get(address))

    def card_photo(article: Article) -> Picture | None:
        return shown(card_rendition(article, settings))

    def share(article: Article) -> tuple[str, int, int] | None:
        return share_image(article)

    def with_photos(body: Any, picture: Callable[..., str], sizes: str, first_eager: bool = False) -> Markup:
        text = body.__html__() if hasattr(body, "__html__") else str(escape(body))
        eager = [first_eager]

        def swap(match: re.Match[str]) -> str:
            attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(match.group(0))}
            found = photo(attributes.get("src", ""))
            if found is None:
                return match.group(0)
            first, eager[0] = eager[0], False
            return str(picture(found, attributes["src"], attributes.get("alt", ""), sizes, eager=first))

        # HTML already safe (escaped text or the renderer's markup), with its <img> made <picture>.
        return Markup(_IMG.sub(swap, text))  # noqa: S704

    return {"photo": photo, "card_photo": card_photo, "share_image": share, "with_photos": with_photos}
