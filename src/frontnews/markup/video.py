"""A YouTube or Facebook video's address alone on a line becomes a player that loads only on click.

What is written: the address on its own line, perhaps with a caption on the lines right under it,
as for a photo:

    https://www.youtube.com/watch?v=…
    Phóng sự về Ngày hội Đại đoàn kết ở khu dân cư số 5

What readers get: a <figure> holding a link to the video, drawn as a poster with a play button, and
the caption. The page asks nothing of YouTube or Facebook: static/js/article.js puts the player
(youtube-nocookie.com for YouTube) in the link's place when the reader clicks it; without script,
the link opens the video on its site.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from ..content.video_urls import Video, video_line

# Above every block processor, our plain-paragraph one (200) included: an address is a plain line.
PRIORITY = 210


class VideoProcessor(BlockProcessor):
    """A top-level block with a line that is a video's address: the text above it stays a paragraph,
    the address becomes the player and the lines under it its caption."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return "://" in block and parent is self.parser.root and _video_index(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0)
        lines = block.split("\n")
        at = _video_index(block)
        assert at is not None  # test() found it
        if at:  # text above the address: its own paragraph, before the video
            blocks[:0] = ["\n".join(lines[:at]), "\n".join(lines[at:])]
            return True
        video = video_line(lines[0])
        assert video is not None
        caption = "\n".join(lines[1:]).strip()
        _figure(parent, video, caption)
        return True


def _video_index(block: str) -> int | None:
    for index, line in enumerate(block.split("\n")):
        if "://" in line and video_line(line) is not None:
            return index
    return None


def _figure(parent: etree.Element, video: Video, caption: str) -> None:
    figure = etree.SubElement(parent, "figure", {"class": f"video video--{video.provider.lower()}"})
    link = etree.SubElement(figure, "a", {"class": "video__link", "href": video.url, "data-embed": video.embed})
    etree.SubElement(link, "span", {"class": "video__play", "aria-hidden": "true"})
    label = etree.SubElement(link, "span", {"class": "video__label"})
    label.text = f"Xem video trên {video.provider}"
    if caption:
        etree.SubElement(figure, "figcaption").text = caption  # inline Markdown applies, as in a paragraph


class VideoExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.register(VideoProcessor(md.parser), "frontnews_video", PRIORITY)
