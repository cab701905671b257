"""The site's identity (`site:` of frontnews.yaml, `frontnews init` flags): header, footer, JSON-LD."""

import datetime as dt
import json
import re

import pytest
import yaml

from frontnews.cli.main import main
from frontnews.content.config import load_config
from sitefactory import CONFIG, article, build_site

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>'
SITE = (
    CONFIG
    + """\
site:
  logo: /static/logo.svg
  banner: /static/img/banner.svg
  organization: Ủy ban MTTQ Việt Nam phường Lê Lợi
  address: Số 3 đường Lê Lợi, phường Lê Lợi
  phone: 0221 3 868 112
  email: mttq@leloi.example.vn
  responsible: Nguyễn Văn An – Chủ tịch Ủy ban MTTQ Việt Nam phường
  license: Quyết định số 12/QĐ-MTTQ ngày 02/01/2024
"""
)


def jsonld(html: str, kind: str) -> dict:
    found = [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    return next(data for data in found if data["@type"] == kind)


@pytest.mark.slow
def test_the_identity_is_in_the_header_the_footer_and_the_json_ld(make_site):
    root = make_site({"frontnews.yaml": SITE, "static/logo.svg": LOGO, "content/a.md": article("Bài A")})
    assert build_site(root).ok
    page = (root / "public/tin-tuc/2020/10/bai-a/index.html").read_text(encoding="utf-8")
    header = page[page.index('<header class="site-header">') : page.index("</header>")]
    assert '<img class="site-brand__banner" src="/static/img/banner.svg" alt="">' in header  # the theme's banner
    assert '<img class="site-title__logo" src="/static/logo.svg" alt="">' in header
    footer = page[page.index('<footer class="site-footer">') :]
    for text in (
        '<p class="site-footer__title">Ủy ban MTTQ Việt Nam phường Lê Lợi</p>',
        "<p>Địa chỉ: Số 3 đường Lê Lợi, phường Lê Lợi</p>",
        '<p>Điện thoại: <a href="tel:02213868112">0221 3 868 112</a></p>',
        '<p>Thư điện tử: <a href="mailto:mttq@leloi.example.vn">mttq@leloi.example.vn</a></p>',
        "<p>Chịu trách nhiệm nội dung: Nguyễn Văn An – Chủ tịch Ủy ban MTTQ Việt Nam phường</p>",
        '<p class="site-footer__license">Quyết định số 12/QĐ-MTTQ ngày 02/01/2024</p>',
    ):
        assert text in footer
    publisher = jsonld(page, "NewsArticle")["publisher"]
    assert publisher == {
        "@type": "Organization",
        "name": "Ủy ban MTTQ Việt Nam phường Lê Lợi",
        "url": "https://thu.example.vn/",
        "logo": {"@type": "ImageObject", "url": "https://thu.example.vn/static/logo.svg"},
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Số 3 đường Lê Lợi, phường Lê Lợi",
            "addressCountry": "VN",
        },
        "telephone": "0221 3 868 112",
        "email": "mttq@leloi.example.vn",
    }
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert jsonld(home, "Organization") == {"@context": "https://schema.org", **publisher}


@pytest.mark.slow
def test_without_identity_the_title_names_the_publisher_and_the_footer(make_site):
    root = make_site({"content/a.md": article("Bài A")})
    assert build_site(root).ok
    page = (root / "public/tin-tuc/2020/10/bai-a/index.html").read_text(encoding="utf-8")
    assert jsonld(page, "NewsArticle")["publisher"] == {
        "@type": "Organization",
        "name": "Trang thử",
        "url": "https://thu.example.vn/",
    }
    assert '<p class="site-footer__title">Trang thử</p>' in page
    assert "site-brand__banner" not in page and "site-title__logo" not in page and "<address" not in page


def test_wrong_identity_values_are_reported_at_their_lines(tmp_path):
    (tmp_path / "frontnews.yaml").write_text(
        "title: Thử\nsite:\n  logo: /static/khong-co.png\n  banner: https://cdn.example.com/b.jpg\n"
        "  email: không phải thư\n  phone: gọi tôi\n  licence: Giấy phép\n  address: [1, 2]\n",
        encoding="utf-8",
    )
    config, problems = load_config(tmp_path)
    assert [str(p) for p in problems] == [
        (
            "frontnews.yaml:3: FN153 Không tìm thấy tệp ảnh “/static/khong-co.png” của site.logo. Hãy đặt tệp trong "
            "thư mục static/ và ghi đường dẫn của nó, ví dụ /static/logo.png."
        ),
        (
            "frontnews.yaml:4: FN154 Ảnh “https://cdn.example.com/b.jpg” của site.banner không nằm trong thư mục "
            "static/ của trang. Hãy tải ảnh về, đặt trong static/ và ghi đường dẫn của nó, ví dụ /static/logo.png, để "
            "trang không phải tải gì từ nơi khác."
        ),
        (
            "frontnews.yaml:5: FN002 Giá trị cấu hình “site.email” không hợp lệ: phải là một địa chỉ thư điện tử, "
            "ví dụ mttq@phuong-x.gov.vn."
        ),
        (
            "frontnews.yaml:6: FN002 Giá trị cấu hình “site.phone” không hợp lệ: phải là một số điện thoại, "
            "ví dụ 0221 3 123 456."
        ),
        "frontnews.yaml:7: FN005 (cảnh báo) Khóa cấu hình “site.licence” không được dùng. Có phải ý bạn là “license”?",
        "frontnews.yaml:8: FN002 Giá trị cấu hình “site.address” không hợp lệ: phải là một dòng chữ không rỗng.",
    ]
    assert config.identity.logo is None and config.identity.email == ""


def test_a_picture_path_may_name_static_in_three_ways_and_never_leave_it(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static/logo.svg").write_text(LOGO, encoding="utf-8")
    for written in ("/static/logo.svg", "static/logo.svg", "logo.svg"):
        (tmp_path / "frontnews.yaml").write_text(f"site:\n  logo: {written}\n", encoding="utf-8")
        config, problems = load_config(tmp_path)
        assert problems == [] and config.identity.logo == "/static/logo.svg", written
    (tmp_path / "frontnews.yaml").write_text("site:\n  logo: /static/../frontnews.yaml\n", encoding="utf-8")
    assert [p.code for p in load_config(tmp_path)[1]] == ["FN154"]


@pytest.mark.slow
def test_init_writes_the_identity_from_its_flags_and_the_site_shows_it(tmp_path, capsys):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    target = tmp_path / "moi"
    assert (
        main(
            [
                "init",
                str(target),
                "--name",
                "Ủy ban MTTQ Việt Nam xã Hòa An",
                "--now",
                "2026-01-01",
                "--logo",
                str(tmp_path / "logo.png"),
                "--address",
                "Thôn Đông, xã Hòa An",
                "--phone",
                "0221 3 555 666",
                "--email",
                "mttq@hoaan.example.vn",
                "--responsible",
                "Lê Thị Hoa – Chủ tịch",
                "--license",
                "Giấy phép số 1/GP-TTĐT",
            ]
        )
        == 0
    )
    site = yaml.safe_load((target / "frontnews.yaml").read_text(encoding="utf-8"))["site"]
    assert site == {
        "logo": "/static/logo.png",
        "organization": "Ủy ban MTTQ Việt Nam xã Hòa An",
        "address": "Thôn Đông, xã Hòa An",
        "phone": "0221 3 555 666",
        "email": "mttq@hoaan.example.vn",
        "responsible": "Lê Thị Hoa – Chủ tịch",
        "license": "Giấy phép số 1/GP-TTĐT",
    }
    assert (target / "static/logo.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    report = build_site(target, now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    assert report.ok and report.diagnostics == ()
    footer = (target / "public/index.html").read_text(encoding="utf-8").split('<footer class="site-footer">')[1]
    assert "Thôn Đông, xã Hòa An" in footer and "Lê Thị Hoa – Chủ tịch" in footer and "Giấy phép số 1/GP-TTĐT" in footer


def test_init_refuses_a_value_the_site_would_refuse(tmp_path, capsys):
    assert main(["init", str(tmp_path / "a"), "--name", "Ủy ban MTTQ xã Y", "--email", "mttq"]) == 1
    assert "--email “mttq” phải là một địa chỉ thư điện tử" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "b"), "--name", "Ủy ban MTTQ xã Y", "--logo", str(tmp_path / "khong.png")]) == 1
    assert "--logo" in capsys.readouterr().err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
