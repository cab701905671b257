"""A YouTube or Facebook video's address alone on a line: a poster link that loads the player on click."""

import pytest

from frontnews.content.video_urls import video_at
from frontnews.markup.markdown_html import BodyRenderer
from sitefactory import article, build_site

YOUTUBE = "https://www.youtube.com/watch?v=M7lc1UVf-VE"
POSTER = (
    '<a class="video__link" data-embed="https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1" '
    'href="https://www.youtube.com/watch?v=M7lc1UVf-VE"><span aria-hidden="true" class="video__play"></span>'
    '<span class="video__label">Xem video trên YouTube</span></a>'
)


def render(body: str) -> str:
    return BodyRenderer().render(body, lambda src: src).html


@pytest.mark.parametrize(
    "address, watch, embed",
    [
        ("https://youtu.be/M7lc1UVf-VE", YOUTUBE, "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1"),
        (
            "https://m.youtube.com/watch?v=M7lc1UVf-VE&t=1m30s&si=x",
            YOUTUBE + "&t=90s",
            "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&start=90",
        ),
        (
            "https://www.youtube.com/shorts/M7lc1UVf-VE",
            YOUTUBE,
            "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1",
        ),
        (
            "https://www.facebook.com/mttqdonglam/videos/1234567890/?mibextid=abc",
            "https://www.facebook.com/mttqdonglam/videos/1234567890/",
            (
                "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fmttqdonglam%2Fvideos"
                "%2F1234567890%2F&show_text=false"
            ),
        ),
        (
            "https://www.facebook.com/watch/?v=987",
            "https://www.facebook.com/watch/?v=987",
            (
                "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D987"
                "&show_text=false"
            ),
        ),
        (
            "https://fb.watch/aBc12/",
            "https://fb.watch/aBc12/",
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Ffb.watch%2FaBc12%2F&show_text=false",
        ),
    ],
)
def test_the_addresses_of_one_video_are_read(address, watch, embed):
    video = video_at(address)
    assert video is not None and (video.url, video.embed) == (watch, embed)


@pytest.mark.parametrize(
    "address",
    [
        "https://www.youtube.com/@mttqdonglam",
        "https://www.youtube.com/watch?v=ngắn",
        "https://www.youtube.com/playlist?list=PL123",
        "https://www.facebook.com/mttqdonglam",
        "https://www.facebook.com/watch/?v=abc",
        "https://example.com/watch?v=M7lc1UVf-VE",
    ],
)
def test_a_channel_a_page_or_another_site_is_no_video(address):
    assert video_at(address) is None
    assert "video__link" not in render(address)


def test_an_address_alone_on_a_line_becomes_a_poster_with_its_caption():
    html = render(f"Đoạn đầu.\n\n{YOUTUBE}\nPhóng sự *Ngày hội* ở khu dân cư\n\nĐoạn sau.")
    assert html == (
        f'<p>Đoạn đầu.</p>\n<figure class="video video--youtube">{POSTER}'
        "<figcaption>Phóng sự <em>Ngày hội</em> ở khu dân cư</figcaption>\n</figure>\n<p>Đoạn sau.</p>"
    )


def test_text_right_above_the_address_stays_a_paragraph_and_an_autolink_is_read_too():
    assert render(f"Mời xem phóng sự:\n<{YOUTUBE}>") == (
        f'<p>Mời xem phóng sự:</p>\n<figure class="video video--youtube">{POSTER}</figure>'
    )


@pytest.mark.parametrize(
    "body", [f"Xem {YOUTUBE} nhé.", f"- {YOUTUBE}", f"> {YOUTUBE}", f"    {YOUTUBE}", f"[Phóng sự]({YOUTUBE})"]
)
def test_an_address_inside_text_a_list_a_quote_or_code_stays_as_written(body):
    assert "video__link" not in render(body)


@pytest.mark.slow
def test_a_pasted_body_keeps_the_video_and_its_caption_apart_from_the_text(make_site):
    body = (
        f"Sáng 5/12, khu dân cư số 5 ra mắt tuyến phố văn minh.\n{YOUTUBE}\nPhóng sự về tuyến phố\n"
        "Bà con cam kết giữ gìn vệ sinh chung."
    )
    root = make_site({"content/a.md": article("Có video", body=body)})
    report = build_site(root)
    assert report.ok and report.diagnostics == ()  # no FN222 for the address line
    page = (root / "public/tin-tuc/2020/10/co-video/index.html").read_text(encoding="utf-8")
    assert "<figcaption>Phóng sự về tuyến phố</figcaption>" in page and POSTER in page
    assert "youtube-nocookie.com" not in page.replace('data-embed="https://www.youtube-nocookie.com', "")
    assert '<script src="/static/js/article.js" defer></script>' in page
