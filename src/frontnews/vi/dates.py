"""Dates as Vietnamese editors write them (day first) and as readers see them, without locale."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from .text import clean_inline

DEFAULT_TZ = "Asia/Ho_Chi_Minh"

# Our own words: locale names differ between machines and would break byte-identical builds.
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?")
_DAY_FIRST_RE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:\s*[-–—,]?\s*(.+))?")
# "15:35", "15:35:20", "3:35 PM", "03:35 ch" (SA = sáng, morning; CH = chiều, afternoon), "15h35".
_TIME_RE = re.compile(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(am|pm|sa|ch)?", re.IGNORECASE)
_AFTERNOON = ("pm", "ch")


def parse_date(value: object, tz: dt.tzinfo) -> dt.datetime | None:
    """An aware datetime for a date as written in front matter, or None if there is none.

    Strings are read day first (07/10/2020 is 7 October), never month first.
    Naive values are taken as local time in `tz`; aware ones keep their offset.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=tz)
    if not isinstance(value, str):
        return None
    text = clean_inline(value)
    try:
        if _ISO_RE.fullmatch(text):
            return parse_date(dt.datetime.fromisoformat(text), tz)
        if match := _DAY_FIRST_RE.fullmatch(text):
            return _parse_day_first(match, tz)
    except ValueError:  # strptime and fromisoformat reject 31/02 and 25:00 for us
        return None
    return None


def _parse_day_first(match: re.Match[str], tz: dt.tzinfo) -> dt.datetime | None:
    day, _, month, year, rest = match.groups()
    # The constructors reject 31/02, 25:00 or 10:60 with ValueError, as strptime did, without
    # parsing a format string on each call (dates are read for every article).
    date = dt.date(int(year), int(month), int(day))
    if rest is None:
        return dt.datetime.combine(date, dt.time(), tzinfo=tz)
    clock = _TIME_RE.fullmatch(rest)
    if clock is None:
        return None
    hour, minute, second, half = clock.groups()
    hour_ = int(hour)
    if half is not None:  # a 12-hour clock: 1 to 12, "12 SA" is just after midnight
        if not 1 <= hour_ <= 12:
            raise ValueError(f"hour {hour_} on a 12-hour clock")
        hour_ = hour_ % 12 + (12 if half.lower() in _AFTERNOON else 0)
    return dt.datetime.combine(date, dt.time(hour_, int(minute), int(second or 0)), tzinfo=tz)


def format_vi(d: dt.date) -> str:
    """"Thứ Tư, 07/10/2020 - 15:35" in the value's own time zone; a plain date has no time."""
    text = f"{WEEKDAYS_VI[d.weekday()]}, {format_date(d)}"
    if isinstance(d, dt.datetime):
        text += f" - {d.hour:02d}:{d.minute:02d}"
    return text


def format_date(d: dt.date) -> str:
    """"07/10/2020": the short form readers expect."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_iso(d: dt.datetime) -> str:
    """"2020-10-07T15:35:00+07:00" for feeds and <time datetime>; a naive value is a bug."""
    if d.tzinfo is None or d.utcoffset() is None:
        raise ValueError(f"format_iso needs an aware datetime, got {d!r}")
    return d.isoformat(timespec="seconds")


def parse_now(value: str | None, env: Mapping[str, str], *,
              tz: dt.tzinfo | None = None) -> dt.datetime | None:
    """The fixed "now" of a reproducible build: `value`, else SOURCE_DATE_EPOCH, else None.

    `value` is read like a front-matter date in `tz` (default Asia/Ho_Chi_Minh).
    """
    local = tz if tz is not None else ZoneInfo(DEFAULT_TZ)
    if value is not None and value.strip():
        parsed = parse_date(value, local)
        if parsed is None:
            raise ValueError(f"Thời điểm “{value}” không hợp lệ. "
                             "Hãy viết dạng 2020-10-07T15:35 hoặc 07/10/2020 15:35.")
        return parsed
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isascii() or not epoch.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH “{epoch}” phải là một số nguyên giây "
                         "(Unix time), ví dụ 1602059700.")
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"SOURCE_DATE_EPOCH “{epoch}” quá lớn để là một thời điểm.") from None
