"""Which addresses are videos of YouTube or Facebook, and how each is watched and embedded.

An editor pastes a video's address alone on a line (markup.video shows it as a player that loads
on click; content.pasted keeps it apart from the text around it). Only the addresses these sites
give for one video are read; a channel, a page or a playlist is not a video and stays a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

# A line holding only an address, perhaps in <…> (Markdown's autolink): tested before parsing it.
LINE_RE = re.compile(r"[ ]{0,3}<?(https?://[^\s<>\"']+?)>?[ \t]*")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
_YOUTUBE_PATHS = re.compile(r"/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{11})/?")
_FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}
# /<page>/videos/<id>/, /<page>/videos/<title>/<id>/, /reel/<id>, /watch/?v=<id>
_FACEBOOK_PATHS = re.compile(r"/(?:[\w.\-]+/videos/(?:[^/]+/)?\d+|reel/\d+|watch)/?")
_FB_WATCH = re.compile(r"/[A-Za-z0-9_-]+/?")
_START = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")


@dataclass(frozen=True, slots=True)
class Video:
    provider: str  # "YouTube" or "Facebook", as readers know them
    url: str  # where the video is watched: the link shown before a click, and without script
    embed: str  # the player's address, loaded only when the reader asks for it


def video_line(line: str) -> Video | None:
    """The video a line holds alone (leading spaces and <…> allowed), or None."""
    match = LINE_RE.fullmatch(line)
    return video_at(match.group(1)) if match else None


def video_at(address: str) -> Video | None:
    parts = urlsplit(address)
    host = parts.netloc.lower()
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        return _youtube(host, parts.path, parse_qs(parts.query))
    if host in _FACEBOOK_HOSTS and _FACEBOOK_PATHS.fullmatch(parts.path):
        if parts.path.rstrip("/") != "/watch":  # the video's own address, without what tracks who shared it
            return _facebook("https://www.facebook.com" + parts.path)
        ids = parse_qs(parts.query).get("v", [""])
        return _facebook(f"https://www.facebook.com/watch/?v={ids[0]}") if ids[0].isdigit() else None
    if host == "fb.watch" and _FB_WATCH.fullmatch(parts.path):
        return _facebook("https://fb.watch" + parts.path)
    return None


def _youtube(host: str, path: str, query: dict[str, list[str]]) -> Video | None:
    if host == "youtu.be":
        found = _YOUTUBE_ID.fullmatch(path.strip("/"))
        video_id = found.group() if found else None
    elif path.rstrip("/") == "/watch":
        video_id = query.get("v", [""])[0]
        video_id = video_id if _YOUTUBE_ID.fullmatch(video_id) else None
    else:
        found = _YOUTUBE_PATHS.fullmatch(path)
        video_id = found.group(1) if found else None
    if video_id is None:
        return None
    start = _seconds(query.get("t", query.get("start", [""]))[0])
    at = f"&start={start}" if start else ""
    watch = f"https://www.youtube.com/watch?v={video_id}" + (f"&t={start}s" if start else "")
    return Video("YouTube", watch, f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1{at}")


def _facebook(address: str) -> Video:
    embed = "https://www.facebook.com/plugins/video.php?href=" + quote(address, safe="") + "&show_text=false"
    return Video("Facebook", address, embed)


def _seconds(text: str) -> int:
    """YouTube's start time, "90", "90s" or "1m30s", in seconds; 0 when unreadable."""
    found = _START.fullmatch(text) if text else None
    if not found:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds
