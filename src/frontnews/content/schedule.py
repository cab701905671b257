"""Scheduled articles: the upcoming ones in local time, and a warning for a date only hours away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, diag
from ..models import Article
from ..vi.dates import format_vi
from .front_matter import split
from .sources import read_source

# Vietnam is UTC+7: the local "now" written with a UTC offset ("…Z", "+00:00") lands less than
# seven hours ahead. That window is where an editor most likely meant local time.
NEAR_FUTURE = dt.timedelta(hours=7)


@dataclass(frozen=True, slots=True)
class Scheduled:
    """An article waiting for its time, with that time in the site's time zone."""

    article: Article
    local: dt.datetime
    remaining: dt.timedelta


def upcoming(articles: Sequence[Article], now: dt.datetime, tz: dt.tzinfo) -> tuple[Scheduled, ...]:
    """Articles (not drafts) dated after `now`, soonest first."""
    waiting = [a for a in articles if not a.draft and a.published > now]
    waiting.sort(key=lambda a: (a.published.timestamp(), a.source))
    return tuple(Scheduled(a, a.published.astimezone(tz), a.published - now) for a in waiting)


def select_published(articles: Sequence[Article], now: dt.datetime, drafts: bool, future: bool) -> list[Article]:
    """Drafts and future articles stay out unless asked for."""
    return [a for a in articles if (drafts or not a.draft) and (future or a.published <= now)]


def near_future_warnings(articles: Sequence[Article], now: dt.datetime, tz: dt.tzinfo, root: Path) -> list[Diagnostic]:
    """FN115 for each article dated less than NEAR_FUTURE ahead, at its `date:` line."""
    return due_soon_warnings([(a.source, a.published) for a in articles if not a.draft], now, tz, root)


def due_soon_warnings(
    dated: Sequence[tuple[str, dt.datetime]], now: dt.datetime, tz: dt.tzinfo, root: Path
) -> list[Diagnostic]:
    """FN115 for each (source, date) less than NEAR_FUTURE after `now`, soonest first.

    Apart from the articles, so that the whole-site shortcut (incremental/up_to_date) can give the
    warnings of another clock reading from the dates it kept.
    """
    soon = sorted(
        (item for item in dated if now < item[1] < now + NEAR_FUTURE), key=lambda item: (item[1].timestamp(), item[0])
    )
    return [
        diag(
            "FN115",
            source,
            date_line(root, source),
            when=local_time(published.astimezone(tz)),
            remaining=duration_vi(published - now),
            hint=local_time_hint(published, tz, now),
        )
        for source, published in soon
    ]


def local_time_hint(published: dt.datetime, tz: dt.tzinfo, now: dt.datetime) -> str:
    """Ask whether the editor meant the same clock reading in local time."""
    local = published.astimezone(tz)
    if published.utcoffset() == local.utcoffset():
        return (
            f" Giờ ghi không kèm múi giờ là giờ {zone_name(local)}; nếu bạn muốn đăng ngay, "
            "hãy sửa lại giờ cho đúng giờ hiện tại."
        )
    meant = published.replace(tzinfo=None).replace(tzinfo=tz)
    outcome = "bài sẽ lên trang ngay ở lần dựng tới" if meant <= now else f"bài sẽ lên trang lúc {local_time(meant)}"
    return (
        f" Ngày này ghi kèm múi giờ {offset_text(published)}. Có phải ý bạn là "
        f"{published:%H:%M} giờ {zone_name(local)}? Nếu vậy, hãy bỏ phần múi giờ: {outcome}."
    )


def zone_name(local: dt.datetime) -> str:
    return "Việt Nam" if local.utcoffset() == dt.timedelta(hours=7) else f"địa phương ({offset_text(local)})"


def date_line(root: Path, source: str) -> int:
    """The line of `date:`; the file is read again, but only for the few articles in the window."""
    found, _ = read_source(root, root / source)
    front = split(found.text, found.path)[0] if found else None
    return front.lines.get("date", 2) if front else 2


def local_time(d: dt.datetime) -> str:
    """ "08/10/2024 08:00 (+07:00)": the clock reading and its offset, never ambiguous."""
    return f"{d:%d/%m/%Y %H:%M} ({offset_text(d)})"


def offset_text(d: dt.datetime) -> str:
    offset = d.utcoffset() or dt.timedelta()
    sign = "-" if offset < dt.timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def duration_vi(delta: dt.timedelta) -> str:
    """ "2 ngày 3 giờ 5 phút", whole minutes, rounded down; under a minute says so."""
    minutes = int(delta.total_seconds()) // 60
    if minutes < 1:
        return "chưa đầy 1 phút"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{n} {word}" for n, word in ((days, "ngày"), (hours, "giờ"), (minutes, "phút")) if n]
    return " ".join(parts)


def schedule_lines(items: Sequence[Scheduled]) -> list[str]:
    """The `frontnews schedule` listing, one article per line."""
    if not items:
        return ["Không có bài nào hẹn giờ đăng."]
    lines = [f"{len(items)} bài hẹn giờ đăng (lên trang ở lần dựng đầu tiên sau giờ hẹn):"]
    for item in items:
        lines += [
            f"- {format_vi(item.local)} ({offset_text(item.local)}), còn {duration_vi(item.remaining)}",
            f"  “{item.article.title}”",
            f"  {item.article.source}",
        ]
    return lines
