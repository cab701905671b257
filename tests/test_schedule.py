import datetime as dt

import pytest

from frontnews.cli.main import main
from frontnews.content.schedule import duration_vi
from sitefactory import article, build_site, write_site

VN = dt.timezone(dt.timedelta(hours=7))
URL = "/tin-tuc/2024/10/hen-gio/"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VN)


def fn115(report):
    return [d for d in report.diagnostics if d.code == "FN115"]


@pytest.fixture
def site(tmp_path):
    return write_site(
        tmp_path / "site",
        {
            "content/tin/cu.md": article("Bài cũ", date="01/10/2024 08:00"),
            "content/tin/hen-gio.md": article("Hẹn giờ", date="08/10/2024 08:00", tags="[bầu cử]"),
        },
    )


def published_everywhere(out) -> dict[str, bool]:
    """Where a scheduled article shows: its page, the home page, the feed, the sitemap."""
    return {
        "page": (out / URL.strip("/") / "index.html").is_file(),
        "home": URL in (out / "index.html").read_text(encoding="utf-8"),
        "feed": URL in (out / "feed.xml").read_text(encoding="utf-8"),
        "sitemap": URL in (out / "sitemap.xml").read_text(encoding="utf-8"),
    }


@pytest.mark.slow
def test_an_article_appears_with_the_first_build_after_its_time(site):
    before = build_site(site, now=at("2024-10-08T07:59"))
    assert before.ok, before.diagnostics
    assert published_everywhere(site / "public") == dict.fromkeys(("page", "home", "feed", "sitemap"), False)
    after = build_site(site, now=at("2024-10-08T08:00"))
    assert after.ok, after.diagnostics
    assert published_everywhere(site / "public") == dict.fromkeys(("page", "home", "feed", "sitemap"), True)


def test_a_local_time_only_hours_away_is_a_warning(site):
    report = build_site(site, now=at("2024-10-08T02:30"))
    assert report.ok
    [warning] = fn115(report)
    assert (warning.path, warning.line) == ("content/tin/hen-gio.md", 3)
    assert str(warning) == (
        "content/tin/hen-gio.md:3: FN115 (cảnh báo) Bài hẹn đăng lúc 08/10/2024 08:00 (+07:00), còn 5 giờ "
        "30 phút nữa, nên chưa lên trang ở lần dựng này. Giờ ghi không kèm múi giờ là giờ Việt Nam; nếu bạn "
        "muốn đăng ngay, hãy sửa lại giờ cho đúng giờ hiện tại."
    )


def test_a_utc_time_asks_whether_local_time_was_meant(tmp_path):
    """08:00 written with Z is 15:00 in Việt Nam: at 08:10 local the editor most likely meant 08:00 local."""
    root = write_site(tmp_path / "site", {"content/tin/z.md": article("Giờ quốc tế", date="2024-10-08T08:00:00Z")})
    report = build_site(root, now=at("2024-10-08T08:10"))
    [warning] = fn115(report)
    assert warning.message == (
        "Bài hẹn đăng lúc 08/10/2024 15:00 (+07:00), còn 6 giờ 50 phút nữa, nên chưa lên trang ở lần dựng "
        "này. Ngày này ghi kèm múi giờ +00:00. Có phải ý bạn là 08:00 giờ Việt Nam? Nếu vậy, hãy bỏ phần "
        "múi giờ: bài sẽ lên trang ngay ở lần dựng tới."
    )


def test_another_offset_says_when_local_time_would_publish(tmp_path):
    root = write_site(tmp_path / "site", {"content/a.md": article(date="2024-10-08T08:00:00+02:00")})
    [warning] = fn115(build_site(root, now=at("2024-10-08T07:00")))
    assert warning.message.endswith(
        "Ngày này ghi kèm múi giờ +02:00. Có phải ý bạn là 08:00 giờ Việt Nam? "
        "Nếu vậy, hãy bỏ phần múi giờ: bài sẽ lên trang lúc 08/10/2024 08:00 (+07:00)."
    )


@pytest.mark.slow
@pytest.mark.parametrize("now", ["2024-10-08T00:59", "2024-10-08T08:00", "2024-10-09T00:00"])
def test_no_warning_seven_hours_ahead_or_once_published(site, now):
    assert fn115(build_site(site, now=at(now))) == []


def test_no_warning_for_a_draft(tmp_path):
    root = write_site(tmp_path / "site", {"content/a.md": article(date="08/10/2024 08:00", draft="true")})
    assert fn115(build_site(root, now=at("2024-10-08T07:00"))) == []


@pytest.mark.slow
def test_check_warns_too_even_with_future(site):
    """The pull-request check runs with --future; the warning must still reach the editor."""
    report = build_site(site, now=at("2024-10-08T07:00"), write=False, future=True)
    assert [d.path for d in fn115(report)] == ["content/tin/hen-gio.md"]


def test_schedule_lists_upcoming_articles_in_local_time(tmp_path, capsys):
    root = write_site(
        tmp_path / "site",
        {
            "content/tin/cu.md": article("Bài cũ", date="01/10/2024 08:00"),
            "content/tin/sau.md": article("Bài sau", date="2024-10-10T01:00:00Z"),
            "content/tin/truoc.md": article("Bài trước", date="08/10/2024 08:00"),
            "content/tin/nhap.md": article("Bài nháp", date="09/10/2024 08:00", draft="true"),
        },
    )
    assert main(["schedule", str(root), "--now", "2024-10-08T07:00+07:00"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "2 bài hẹn giờ đăng (lên trang ở lần dựng đầu tiên sau giờ hẹn):",
        "- Thứ Ba, 08/10/2024 - 08:00 (+07:00), còn 1 giờ",
        "  “Bài trước”",
        "  content/tin/truoc.md",
        "- Thứ Năm, 10/10/2024 - 08:00 (+07:00), còn 2 ngày 1 giờ",
        "  “Bài sau”",
        "  content/tin/sau.md",
    ]
    assert captured.err.startswith("content/tin/truoc.md:3: FN115 (cảnh báo)")


def test_schedule_with_nothing_waiting(site, capsys):
    assert main(["schedule", str(site), "--now", "2030-01-01"]) == 0
    assert capsys.readouterr().out == "Không có bài nào hẹn giờ đăng.\n"


def test_schedule_exits_one_on_errors(tmp_path, capsys):
    root = write_site(tmp_path / "site", {"content/a.md": article(date="31/02/2024")})
    assert main(["schedule", str(root), "--now", "2024-01-01"]) == 1
    assert "FN102" in capsys.readouterr().err


@pytest.mark.parametrize(
    "seconds, text",
    [
        (30, "chưa đầy 1 phút"),
        (60, "1 phút"),
        (3600, "1 giờ"),
        (3 * 86400 + 125 * 60, "3 ngày 2 giờ 5 phút"),
    ],
)
def test_duration_in_vietnamese(seconds, text):
    assert duration_vi(dt.timedelta(seconds=seconds)) == text
