"""Tests for frontnews.vi.dates: day-first parsing, Vietnamese formatting, a fixed build time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from frontnews.vi.dates import DEFAULT_TZ, format_date, format_iso, format_vi, parse_date, parse_now

VN = ZoneInfo(DEFAULT_TZ)
UTC = dt.UTC


def vn(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


def test_default_tz():
    assert DEFAULT_TZ == "Asia/Ho_Chi_Minh"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-10-07", vn(2020, 10, 7)),
        ("2020-10-07 15:35", vn(2020, 10, 7, 15, 35)),
        ("2020-10-07T15:35", vn(2020, 10, 7, 15, 35)),
        ("2020-10-07T15:35:20", vn(2020, 10, 7, 15, 35, 20)),
        ("07/10/2020", vn(2020, 10, 7)),
        ("7/10/2020", vn(2020, 10, 7)),
        ("7/3/2021", vn(2021, 3, 7)),
        ("07-10-2020", vn(2020, 10, 7)),
        ("07.10.2020", vn(2020, 10, 7)),
        ("07/10/2020 15:35", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 - 15:35", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 – 15:35", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020, 15:35", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 15:35:09", vn(2020, 10, 7, 15, 35, 9)),
        ("07/10/2020 15h35", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 - 03:35 PM", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 03:35 PM", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 03:35PM", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 3:35 pm", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 - 09:05 AM", vn(2020, 10, 7, 9, 5)),
        ("07/10/2020 12:10 AM", vn(2020, 10, 7, 0, 10)),
        ("07/10/2020 12:10 PM", vn(2020, 10, 7, 12, 10)),
        ("07/10/2020 09:05 SA", vn(2020, 10, 7, 9, 5)),
        ("07/10/2020 03:35 CH", vn(2020, 10, 7, 15, 35)),
        ("07/10/2020 03:35 ch", vn(2020, 10, 7, 15, 35)),
        ("07.10.2020 15:35", vn(2020, 10, 7, 15, 35)),
        ("29/02/2024", vn(2024, 2, 29)),
        # Surrounding and inner spaces, non-breaking ones too.
        ("  07/10/2020  ", vn(2020, 10, 7)),
        ("\u00a007/10/2020\u00a0-\u00a003:35\u202fPM\u00a0", vn(2020, 10, 7, 15, 35)),
    ],
)
def test_parse_date_local_forms(raw, expected):
    parsed = parse_date(raw, VN)
    assert parsed == expected
    assert parsed.tzinfo is VN
    assert (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute) == (
        expected.year,
        expected.month,
        expected.day,
        expected.hour,
        expected.minute,
    )


def test_parse_date_is_day_first_always():
    assert parse_date("03/04/2021", VN).date() == dt.date(2021, 4, 3)
    assert parse_date("12/01/2021", VN).date() == dt.date(2021, 1, 12)
    assert parse_date("10/13/2020", VN) is None  # month 13, not 13 October


@pytest.mark.parametrize(
    ("raw", "instant", "offset_hours"),
    [
        ("2020-10-07T15:35:00+07:00", dt.datetime(2020, 10, 7, 8, 35, tzinfo=UTC), 7),
        ("2020-10-07 15:35+07:00", dt.datetime(2020, 10, 7, 8, 35, tzinfo=UTC), 7),
        ("2020-10-07T08:35:00Z", dt.datetime(2020, 10, 7, 8, 35, tzinfo=UTC), 0),
        ("2020-10-07T10:35:00+09:00", dt.datetime(2020, 10, 7, 1, 35, tzinfo=UTC), 9),
    ],
)
def test_parse_date_keeps_an_explicit_offset(raw, instant, offset_hours):
    parsed = parse_date(raw, VN)
    assert parsed == instant
    assert parsed.utcoffset() == dt.timedelta(hours=offset_hours)


@pytest.mark.parametrize(
    "raw",
    [
        "31/02/2020",
        "29/02/2023",
        "32/01/2020",
        "00/01/2020",
        "01/00/2020",
        "2020-13-01",
        "2020-02-30",
        "2020-10-07T25:00",
        "25:00",
        "07/10/2020 25:00",
        "07/10/2020 15:60",
        "07/10/2020 13:00 PM",
        "07/10/2020 00:30 AM",
        "07/10/2020 - ",
        "07/10/2020 chiều",
        "07/10-2020",
        "07/10/20",
        "2020/10/07",
        "20201007",
        "2020-W41-3",
        "hôm qua",
        "",
        "   ",
    ],
)
def test_parse_date_rejects_impossible_or_unknown(raw):
    assert parse_date(raw, VN) is None


@pytest.mark.parametrize("value", [None, 20201007, 3.5, True, ["07/10/2020"], {"date": "07/10/2020"}])
def test_parse_date_rejects_non_dates(value):
    assert parse_date(value, VN) is None


def test_parse_date_from_yaml_style_values():
    assert parse_date(dt.date(2020, 10, 7), VN) == vn(2020, 10, 7)
    assert parse_date(dt.date(2020, 10, 7), VN).tzinfo is VN
    naive = dt.datetime(2020, 10, 7, 15, 35)
    assert parse_date(naive, VN) == vn(2020, 10, 7, 15, 35)
    aware = dt.datetime(2020, 10, 7, 8, 35, tzinfo=UTC)
    assert parse_date(aware, VN) is aware


def test_parse_date_with_a_fixed_offset_timezone():
    parsed = parse_date("30/06/2025", UTC)
    assert parsed == dt.datetime(2025, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (vn(2020, 10, 5, 8, 0), "Thứ Hai, 05/10/2020 - 08:00"),
        (vn(2020, 10, 6, 9, 1), "Thứ Ba, 06/10/2020 - 09:01"),
        (vn(2020, 10, 7, 15, 35), "Thứ Tư, 07/10/2020 - 15:35"),
        (vn(2020, 10, 8, 0, 0), "Thứ Năm, 08/10/2020 - 00:00"),
        (vn(2020, 10, 9, 23, 59), "Thứ Sáu, 09/10/2020 - 23:59"),
        (vn(2020, 10, 10, 12, 0), "Thứ Bảy, 10/10/2020 - 12:00"),
        (vn(2020, 10, 11, 7, 30), "Chủ Nhật, 11/10/2020 - 07:30"),
    ],
)
def test_format_vi_every_weekday(when, text):
    assert format_vi(when) == text


def test_format_vi_uses_the_values_own_zone_and_plain_dates():
    assert format_vi(dt.datetime(2020, 10, 7, 20, 0, tzinfo=UTC)) == "Thứ Tư, 07/10/2020 - 20:00"
    assert format_vi(dt.date(2025, 6, 30)) == "Thứ Hai, 30/06/2025"


def test_format_date():
    assert format_date(vn(2020, 10, 7, 15, 35)) == "07/10/2020"
    assert format_date(dt.date(2021, 1, 2)) == "02/01/2021"


def test_format_iso():
    assert format_iso(vn(2020, 10, 7, 15, 35)) == "2020-10-07T15:35:00+07:00"
    assert format_iso(vn(2020, 10, 7, 15, 35, 9, 123456)) == "2020-10-07T15:35:09+07:00"
    assert format_iso(dt.datetime(2020, 10, 7, 8, 35, tzinfo=UTC)) == "2020-10-07T08:35:00+00:00"


def test_format_iso_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        format_iso(dt.datetime(2020, 10, 7, 15, 35))


@pytest.mark.parametrize("raw", ["07/10/2020 - 03:35 PM", "2020-10-07T15:35:00+07:00", "2020-10-07"])
def test_parse_then_format_round_trip(raw):
    parsed = parse_date(raw, VN)
    assert parse_date(format_iso(parsed), VN) == parsed


# --- parse_now ------------------------------------------------------------------


def test_parse_now_value_wins_over_the_environment():
    env = {"SOURCE_DATE_EPOCH": "0"}
    assert parse_now("2020-10-07T15:35", env) == vn(2020, 10, 7, 15, 35)
    assert parse_now("07/10/2020 15:35", env).tzinfo == VN
    assert parse_now("2020-10-07T08:35:00Z", env) == dt.datetime(2020, 10, 7, 8, 35, tzinfo=UTC)


def test_parse_now_value_in_a_given_zone():
    assert parse_now("2020-10-07 15:35", {}, tz=UTC) == dt.datetime(2020, 10, 7, 15, 35, tzinfo=UTC)


def test_parse_now_source_date_epoch():
    now = parse_now(None, {"SOURCE_DATE_EPOCH": "1602059700"})
    assert now == dt.datetime(2020, 10, 7, 8, 35, tzinfo=UTC)
    assert now.utcoffset() == dt.timedelta(0)
    assert parse_now("", {"SOURCE_DATE_EPOCH": " 0 "}) == dt.datetime(1970, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("env", [{}, {"SOURCE_DATE_EPOCH": ""}, {"SOURCE_DATE_EPOCH": "  "}, {"OTHER": "1"}])
def test_parse_now_none_when_nothing_is_fixed(env):
    assert parse_now(None, env) is None


@pytest.mark.parametrize("value", ["31/02/2020", "hôm nay", "2020-13-01"])
def test_parse_now_bad_value(value):
    with pytest.raises(ValueError, match=value):
        parse_now(value, {})


@pytest.mark.parametrize("epoch", ["abc", "-1", "1.5", "1e9", "١٢٣", "99999999999999999999"])
def test_parse_now_bad_source_date_epoch(epoch):
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        parse_now(None, {"SOURCE_DATE_EPOCH": epoch})


def test_day_first_dates_and_clocks_read_as_strptime_reads_them():
    import datetime as dt

    from frontnews.vi.dates import parse_date

    tz = dt.timezone(dt.timedelta(hours=7))

    def reference(day, month, year, hour, minute, half):
        try:
            date = dt.datetime.strptime(f"{day}/{month}/{year}", "%d/%m/%Y").date()
            if half is None:
                time = dt.datetime.strptime(f"{hour}:{minute}:00", "%H:%M:%S").time()
            else:
                time = dt.datetime.strptime(f"{hour}:{minute}:00", "%I:%M:%S").time()
                if half in ("PM", "CH"):
                    time = time.replace(hour=time.hour + 12)
        except ValueError:
            return None
        return dt.datetime.combine(date, time, tzinfo=tz)

    for day, month, year in [
        ("7", "10", "2020"),
        ("31", "02", "2021"),
        ("29", "2", "2024"),
        ("00", "1", "2020"),
        ("1", "13", "2020"),
    ]:
        for hour in ["0", "00", "1", "09", "11", "12", "13", "23", "24", "99"]:
            for minute in ["00", "35", "59", "60"]:
                for half in [None, "AM", "PM", "SA", "CH"]:
                    text = f"{day}/{month}/{year} - {hour}:{minute}" + (f" {half}" if half else "")
                    assert parse_date(text, tz) == reference(day, month, year, hour, minute, half), text
