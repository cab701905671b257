"""Read `featured:` and `pinned:`, how an article is put forward.

`featured: true` puts an article in the home page's lead block. `pinned: until 31/12/2026` keeps a
notice at the top of its list until the end of that day (Việt Nam time), or until the time written
(`until 31/12/2026 17:00`); past it, the article falls back in place. Whether a pin holds is
decided by the build's one clock (site.indexes), never here: the article keeps the instant it ends.
"""

from __future__ import annotations

import datetime as dt
import re

from ..vi.dates import format_date, parse_date
from ..vi.text import clean_inline
from .aliases import Checker
from .yaml_load import read_flag

# "until 31/12/2026", "đến 31/12/2026 17:00", or the date alone.
_UNTIL_RE = re.compile(r"(?:until|đến|tới)\s+", re.IGNORECASE)
# A day without a time of day: the pin holds through that whole day.
_DAY_ONLY_RE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{4}|\d{4}-\d{2}-\d{2}")
EXAMPLE = "pinned: until 31/12/2026"


def read_featured(check: Checker) -> bool:
    value = check.fm.fields.get("featured")
    if value is None:
        return False
    flag = read_flag(value)
    if flag is None:
        check.report("FN107", "featured", key="featured", expected="true hoặc false")
        return False
    return flag


def read_pinned(check: Checker, tz: dt.tzinfo) -> dt.datetime | None:
    """The instant the pin ends (exclusive), or None; FN150 when it cannot be read."""
    if "pinned" not in check.fm.fields:
        return None
    raw = check.fm.fields["pinned"]
    if raw is False or raw is None:
        return None
    ends = _pin_end(raw, tz)
    if ends is None:
        written = str(raw).lower() if isinstance(raw, bool) else raw  # as YAML has it: true, not True
        check.report("FN150", "pinned", value=written, example=EXAMPLE)
    return ends


def _pin_end(raw: object, tz: dt.tzinfo) -> dt.datetime | None:
    if isinstance(raw, dt.datetime):
        return parse_date(raw, tz)
    if isinstance(raw, dt.date):
        return dt.datetime.combine(raw + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    if not isinstance(raw, str):
        return None
    text = clean_inline(raw)
    until = _UNTIL_RE.match(text)
    text = text[until.end() :] if until else text
    parsed = parse_date(text, tz)
    if parsed is None:
        return None
    if _DAY_ONLY_RE.fullmatch(text):  # through that day: until the next midnight there
        return dt.datetime.combine(parsed.date() + dt.timedelta(days=1), dt.time(), tzinfo=parsed.tzinfo)
    return parsed


def pin_problems(
    check: Checker,
    published: dt.datetime,
    pinned_until: dt.datetime | None,
    has_image: bool,
    featured: bool,
    tz: dt.tzinfo,
) -> None:
    """FN151: a pin ending before the article is published; FN152: a featured article without a photo."""
    if pinned_until is not None and pinned_until <= published:
        last = (pinned_until - dt.timedelta(microseconds=1)).astimezone(tz)
        check.report("FN151", "pinned", until=format_date(last), date=format_date(published.astimezone(tz)))
    if featured and not has_image:
        check.report("FN152", "featured")
