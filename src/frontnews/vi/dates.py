"""Dates as Vietnamese editors write them (day first) and as readers see them, without locale."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .text import clean_inline

DEFAULT_TZ = "Asia/Ho_Chi_Minh"

# Our own words: locale names differ between machines and would break byte-identical builds.
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

# ISO 8601 as editors and YAML write it: 2024-10-07, 2024-10-07 15:35, 2024-10-07T15:35:00+07:00,
# and YAML 1.1's looser 2024-9-7 8:05:00 -5 (front matter is text now: we read these ourselves).
_ISO_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(?:[Zz]|([+-])(\d{1,2})(?::?(\d{2}))?)?)?"
)
_DAY_FIRST_RE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:\s*[-–—,]?\s*(.+))?")
# "15:35", "15:35:20", "3:35 PM", "03:35 ch" (SA = sáng, morning; CH = chiều, afternoon), "15h35".
_TIME_RE = re.compile(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(am|pm|sa|ch)?", re.IGNORECASE)
_AFTERNOON = ("pm", "ch")
# Years a date may have: with any offset it is still a date in every time zone (year 1 at +14:00
# is year 0 in UTC, an OverflowError), and no typo like 0024 or 9024 is taken for a real date.
MIN_YEAR, MAX_YEAR = 1000, 9998


class _Written(NamedTuple):
    """The numbers of a date as written, before we know whether such a moment exists."""

    year: int
    month: int
    day: int
    hour: int = 0
    minute: int = 0
    second: int = 0
    microsecond: int = 0
    half: str | None = None  # "am", "pm", "sa", "ch": a 12-hour clock
    offset: tuple[int, int, int] | None = None  # sign, hours, minutes; None: local time
    day_first: bool = False


def parse_date(value: object, tz: dt.tzinfo) -> dt.datetime | None:
    """An aware datetime for a date as written in front matter, or None if there is none.

    Strings are read day first (07/10/2020 is 7 October), never month first.
    Naive values are taken as local time in `tz`; aware ones keep their offset.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=tz)
    written = _read(value) if isinstance(value, str) else None
    if written is None or not MIN_YEAR <= written.year <= MAX_YEAR:
        return None
    try:  # the constructors reject 31/02, 25:00 or 10:60; date_problem says why
        zone = tz if written.offset is None else _zone(written.offset)
        return dt.datetime(
            written.year,
            written.month,
            written.day,
            _hour(written),
            written.minute,
            written.second,
            written.microsecond,
            tzinfo=zone,
        )
    except ValueError:
        return None


def date_problem(value: object) -> str:
    """Why parse_date refused `value`, as a Vietnamese sentence; "" when its form is not a date's."""
    written = _read(value) if isinstance(value, str) else None
    return "" if written is None else _impossible(written)


def _read(value: str) -> _Written | None:
    text = clean_inline(value)
    if match := _ISO_RE.fullmatch(text):
        year, month, day, hour, minute, second, fraction, sign, off_h, off_m = match.groups()
        offset = None
        if sign:
            offset = (-1 if sign == "-" else 1, int(off_h), int(off_m or 0))
        elif text[-1] in "Zz":
            offset = (1, 0, 0)
        return _Written(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "").ljust(6, "0")[:6]),
            offset=offset,
        )
    if match := _DAY_FIRST_RE.fullmatch(text):
        day, _, month, year, rest = match.groups()
        if rest is None:
            return _Written(int(year), int(month), int(day), day_first=True)
        clock = _TIME_RE.fullmatch(rest)
        if clock is None:
            return None
        hour, minute, second, half = clock.groups()
        return _Written(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            half=half.lower() if half else None,
            day_first=True,
        )
    return None


def _hour(written: _Written) -> int:
    """The hour of a 24-hour clock: 1 to 12 on a 12-hour clock, "12 SA" is just after midnight."""
    if written.half is None:
        return written.hour
    if not 1 <= written.hour <= 12:
        raise ValueError(f"hour {written.hour} on a 12-hour clock")
    return written.hour % 12 + (12 if written.half in _AFTERNOON else 0)


def _zone(offset: tuple[int, int, int]) -> dt.tzinfo:
    sign, hours, minutes = offset
    if minutes > 59:
        raise ValueError(f"offset minutes {minutes}")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))  # ValueError from 24 h on


def _impossible(w: _Written) -> str:
    """The first number out of its range, said as a reader would check it."""
    if not 1 <= w.month <= 12:
        swapped = (
            f" Ngày viết trước tháng: có phải ý bạn là {w.month:02d}/{w.day:02d}/{w.year}?"
            if w.day_first and 1 <= w.day <= 12 and w.month <= 31
            else ""
        )
        return f"Không có tháng {w.month}.{swapped}"
    if w.year < 1:
        return "Không có năm 0."
    if not MIN_YEAR <= w.year <= MAX_YEAR:
        return f"Năm {w.year} không phải năm của một bài tin: hãy ghi năm từ {MIN_YEAR} đến {MAX_YEAR}."
    if w.day < 1:
        return "Không có ngày 0."
    length = calendar.monthrange(w.year, w.month)[1]
    if w.day > length:
        if w.month == 2 and w.day == 29:
            return f"Năm {w.year} không phải năm nhuận, tháng 2 chỉ có 28 ngày."
        if w.month == 2:
            return f"Tháng 2 năm {w.year} chỉ có {length} ngày."
        return f"Tháng {w.month} chỉ có {length} ngày."
    if w.half is not None and not 1 <= w.hour <= 12:
        return f"Giờ viết kèm {w.half.upper()} phải từ 1 đến 12."
    if w.hour > 23:
        return "Giờ phải từ 0 đến 23."
    if w.minute > 59:
        return "Phút phải từ 0 đến 59."
    if w.second > 59:
        return "Giây phải từ 0 đến 59."
    if w.offset is not None and (w.offset[1] > 23 or w.offset[2] > 59):
        return "Múi giờ phải nhỏ hơn 24 giờ, ví dụ +07:00."
    return ""


def format_vi(d: dt.date) -> str:
    """ "Thứ Tư, 07/10/2020 - 15:35" in the value's own time zone; a plain date has no time."""
    text = f"{WEEKDAYS_VI[d.weekday()]}, {format_date(d)}"
    if isinstance(d, dt.datetime):
        text += f" - {d.hour:02d}:{d.minute:02d}"
    return text


def format_date(d: dt.date) -> str:
    """ "07/10/2020": the short form readers expect."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_iso(d: dt.datetime) -> str:
    """ "2020-10-07T15:35:00+07:00" for feeds and <time datetime>; a naive value is a bug."""
    if d.tzinfo is None or d.utcoffset() is None:
        raise ValueError(f"format_iso needs an aware datetime, got {d!r}")
    return d.isoformat(timespec="seconds")


def parse_now(value: str | None, env: Mapping[str, str], *, tz: dt.tzinfo | None = None) -> dt.datetime | None:
    """The fixed "now" of a reproducible build: `value`, else SOURCE_DATE_EPOCH, else None.

    `value` is read like a front-matter date in `tz` (default Asia/Ho_Chi_Minh).
    """
    local = tz if tz is not None else ZoneInfo(DEFAULT_TZ)
    if value is not None and value.strip():
        parsed = parse_date(value, local)
        if parsed is None:
            why = date_problem(value)
            raise ValueError(
                f"Thời điểm “{value}” không hợp lệ. {why + ' ' if why else ''}"
                "Hãy viết dạng 2020-10-07T15:35 hoặc 07/10/2020 15:35."
            )
        return parsed
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isascii() or not epoch.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH “{epoch}” phải là một số nguyên giây (Unix time), ví dụ 1602059700.")
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"SOURCE_DATE_EPOCH “{epoch}” quá lớn để là một thời điểm.") from None
