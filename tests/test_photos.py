"""Photos published as a news site should: sized, WebP first, upright, stripped of metadata, cached.

Every photo here is a real file made with Pillow (or, for the bomb, a real PNG header written by
hand) and every output is read back with Pillow.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import zlib

import pytest
from PIL import Image, ImageCms

from frontnews.incremental.build_cache import CACHE_DIR
from sitefactory import article, build_site, read_tree, write_site

URL = "tin-tuc/2020/10/hoi-nghi-thu"  # where the sitefactory's article is published


def jpeg(size=(1200, 900), color=(200, 30, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=90, **save)
    return out.getvalue()


def png(size=(1200, 900), color=(20, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def phone_photo() -> bytes:
    """A phone's portrait photo stored on its side: 1200×900 pixels, EXIF orientation 6 (turn 90° clockwise),
    a red band along the stored left edge, which is the top once upright; GPS, make and serial number."""
    image = Image.new("RGB", (1200, 900), (240, 240, 240))
    image.paste((220, 0, 0), (0, 0, 100, 900))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0xA431] = "SERIAL-12345"  # BodySerialNumber
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 40.0), 3: "E", 4: (105.0, 51.0, 10.0)}  # GPS: Hà Nội
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def site_with(tmp_path, body="Nội dung tin.", photos=None, config="", **front):
    files = {f"content/tin/{name}": data for name, data in (photos or {}).items()}
    files["content/tin/bai.md"] = article(body=body, **front)
    if config:
        files["frontnews.yaml"] = "title: Trang thử\nbase_url: https://thu.example.vn/\n" + config
    return write_site(tmp_path / "site", files)


def page(root, path=f"{URL}/index.html") -> str:
    return (root / "public" / path).read_text(encoding="utf-8")


def opened(root, path) -> Image.Image:
    image = Image.open(root / "public" / path)
    image.load()
    return image


def entries(root) -> dict[str, int]:
    """The store's entries, each with its modification time: a processed photo makes or remakes one."""
    store = root / CACHE_DIR / "photos"
    return {p.name: p.stat().st_mtime_ns for p in store.glob("*/*") if p.is_dir()}


def lines(report) -> list[str]:
    return [str(d) for d in report.diagnostics]


@pytest.mark.slow
def test_a_phone_photo_is_published_upright_in_sizes_and_formats_without_its_metadata(tmp_path):
    root = site_with(tmp_path, photos={"anh.jpg": phone_photo()}, image="{src: anh.jpg, alt: Quang cảnh hội nghị}")
    report = build_site(root)
    assert report.ok, lines(report)
    names = sorted(p.name for p in (root / "public" / URL).iterdir())
    assert names == [
        "anh.480w.jpg",
        "anh.480w.webp",
        "anh.900w.webp",
        "anh.card-320w.jpg",
        "anh.card-320w.webp",
        "anh.card-640w.jpg",
        "anh.card-640w.webp",
        "anh.jpg",
        "anh.share.jpg",
        "index.html",
    ]
    for name in names[:-1]:
        image = opened(root, f"{URL}/{name}")
        assert not image.getexif() and not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), name
        if "card" not in name and "share" not in name:
            assert image.height > image.width, name  # upright: the portrait the phone showed
            assert image.getpixel((image.width // 2, 5))[1] < 60, name  # the red band is at the top
    assert opened(root, f"{URL}/anh.jpg").size == (900, 1200)  # the widest fallback, never enlarged
    assert opened(root, f"{URL}/anh.480w.webp").size == (480, 640)
    assert opened(root, f"{URL}/anh.share.jpg").size == (1200, 630)
    html = page(root)
    assert (
        '<picture><source type="image/webp" srcset="/tin-tuc/2020/10/hoi-nghi-thu/anh.480w.webp 480w, '
        '/tin-tuc/2020/10/hoi-nghi-thu/anh.900w.webp 900w" sizes="(min-width: 60rem) 48rem, 100vw">'
        '<img src="/tin-tuc/2020/10/hoi-nghi-thu/anh.jpg" srcset="/tin-tuc/2020/10/hoi-nghi-thu/anh.480w.jpg 480w, '
        '/tin-tuc/2020/10/hoi-nghi-thu/anh.jpg 900w" sizes="(min-width: 60rem) 48rem, 100vw" width="900" '
        'height="1200" alt="Quang cảnh hội nghị" fetchpriority="high" decoding="async"></picture>'
    ) in html
    assert (
        '<meta property="og:image" content="https://thu.example.vn/tin-tuc/2020/10/hoi-nghi-thu/anh.share.jpg">' in html
    )
    assert '"image":["https://thu.example.vn/tin-tuc/2020/10/hoi-nghi-thu/anh.share.jpg"]' in html
    listing = page(root, "don-vi/phuong-le-loi/index.html")  # a list of cards (the home page lists titles)
    assert 'srcset="/tin-tuc/2020/10/hoi-nghi-thu/anh.card-320w.webp 320w, ' in listing
    assert 'class="card__image"' in listing and 'width="320" height="240"' in listing and 'loading="lazy"' in listing


@pytest.mark.slow
def test_gps_and_serial_number_are_gone_from_every_published_file(tmp_path):
    root = site_with(tmp_path, body="![Đại biểu](anh.jpg)\n\n[Ảnh cỡ lớn](anh.jpg)", photos={"anh.jpg": phone_photo()})
    assert build_site(root).ok
    published = b"".join(p.read_bytes() for p in (root / "public").rglob("*") if p.is_file())
    assert b"SERIAL-12345" not in published and b"PhoneMaker" not in published
    for path in (root / "public").rglob("anh*"):
        assert 0x8825 not in Image.open(path).getexif(), path  # no GPS IFD


@pytest.mark.slow
def test_the_first_body_photo_leads_lists_and_shares_when_there_is_no_image_field(tmp_path):
    body = "Đoạn mở đầu.\n\n![Đại biểu biểu quyết](dau.jpg)\n\n![Phát biểu](sau.png)"
    root = site_with(tmp_path, body=body, photos={"dau.jpg": jpeg((2000, 1500)), "sau.png": png((700, 500))})
    report = build_site(root)
    assert report.ok, lines(report)
    html = page(root)
    assert 'class="lead-figure"' not in html  # not shown twice
    pictures = re.findall(r"<picture>.*?</picture>", html)
    assert len(pictures) == 2
    assert 'fetchpriority="high"' in pictures[0] and 'loading="lazy"' in pictures[1]
    assert (
        "dau.480w.webp 480w, /tin-tuc/2020/10/hoi-nghi-thu/dau.960w.webp 960w, "
        "/tin-tuc/2020/10/hoi-nghi-thu/dau.1600w.webp 1600w" in pictures[0]
    )
    assert (
        'src="/tin-tuc/2020/10/hoi-nghi-thu/sau.png" srcset="/tin-tuc/2020/10/hoi-nghi-thu/sau.480w.png 480w, '
        '/tin-tuc/2020/10/hoi-nghi-thu/sau.png 700w"' in pictures[1]
    )  # a PNG falls back to PNG
    assert "dau.share.jpg" in html and "dau.card-640w.webp 640w" in page(root, "don-vi/phuong-le-loi/index.html")
    assert opened(root, f"{URL}/sau.png").format == "PNG"


@pytest.mark.slow
def test_a_cmyk_photo_comes_out_in_srgb_with_its_colours(tmp_path):
    cmyk = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 30, 40)).convert("CMYK").save(cmyk, "JPEG", quality=95)
    assert Image.open(io.BytesIO(cmyk.getvalue())).mode == "CMYK"
    root = site_with(tmp_path, photos={"in.jpg": cmyk.getvalue()}, image="{src: in.jpg, alt: Băng rôn}")
    assert build_site(root).ok
    for name in ("in.jpg", "in.480w.webp"):
        image = opened(root, f"{URL}/{name}")
        assert image.mode == "RGB"
        r, g, b = image.getpixel((400, 300))[:3] if name == "in.jpg" else image.getpixel((240, 180))[:3]
        assert r > 170 and g < 70 and b < 80, (name, r, g, b)


@pytest.mark.slow
def test_an_embedded_colour_profile_is_applied_and_dropped(tmp_path):
    image = Image.new("RGB", (600, 400), (10, 200, 30))
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", icc_profile=profile)
    root = site_with(tmp_path, photos={"p.jpg": out.getvalue()}, image="{src: p.jpg, alt: Cây xanh}")
    assert build_site(root).ok
    made = opened(root, f"{URL}/p.jpg")
    assert "icc_profile" not in made.info and made.getpixel((300, 200))[1] > 180


def test_bad_and_dangerous_photos_are_diagnostics_at_their_lines(tmp_path):
    image = Image.effect_noise((1600, 1200), 60).convert("RGB")
    noisy = io.BytesIO()
    image.save(noisy, "JPEG", quality=90)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0))
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )
    body = (
        "Mở đầu.\n\n![Cụt](cut.jpg)\n\n![Bom](bom.png)\n\n![Giả](gia.jpg)\n\n![Chữ](chu.jpg)\n\n![](khong-mo-ta.png)\n"
    )
    root = site_with(
        tmp_path,
        body=body,
        photos={
            "cut.jpg": noisy.getvalue()[: len(noisy.getvalue()) // 2],
            "bom.png": bomb,
            "gia.jpg": png((640, 480)),
            "chu.jpg": b"<html>not a photo</html>",
            "khong-mo-ta.png": png((300, 200)),
        },
    )
    report = build_site(root)
    assert not report.ok
    found = lines(report)
    path = "content/tin/bai.md"
    assert (
        f"{path}:8: FN231 Ảnh “cut.jpg” bị cụt: tệp chỉ có phần đầu của ảnh (thường do chép hoặc tải về chưa xong). "
        "Hãy chép lại tệp ảnh từ máy ảnh hoặc điện thoại." in found
    )
    assert any(line.startswith(f"{path}:10: FN232 Ảnh “bom.png” lớn quá 179 triệu điểm ảnh") for line in found)
    assert (
        f"{path}:12: FN233 (cảnh báo) Tệp “gia.jpg” có đuôi .jpg nhưng thật ra là ảnh PNG. Ảnh vẫn được đăng; "
        "hãy đổi đuôi tệp thành .png và sửa tên tệp ở dòng này cho khớp." in found
    )
    assert any(line.startswith(f"{path}:14: FN230 Không đọc được ảnh “chu.jpg”: tệp không phải ảnh") for line in found)
    assert any(
        line.startswith(f"{path}:16: FN236 (cảnh báo) Ảnh “khong-mo-ta.png” chưa có mô tả (alt)") for line in found
    )
    assert not (root / "public").exists()  # nothing published: the errors stop the build


@pytest.mark.slow
def test_a_jpg_that_is_a_png_is_published_as_the_jpeg_its_name_promises(tmp_path):
    root = site_with(tmp_path, body="![Giả](gia.jpg)", photos={"gia.jpg": png((640, 480))})
    report = build_site(root)
    assert report.ok and [d.code for d in report.diagnostics] == ["FN233"]
    assert opened(root, f"{URL}/gia.jpg").format == "JPEG"
    assert opened(root, f"{URL}/gia.480w.webp").format == "WEBP"


@pytest.mark.slow
def test_size_warnings_and_a_missing_lead_alt(tmp_path):
    big = io.BytesIO()
    Image.new("L", (8000, 5200)).save(big, "PNG")  # 41.6 megapixels, a small file
    root = site_with(tmp_path, photos={"lon.png": big.getvalue()}, image="lon.png")
    report = build_site(root)
    assert report.ok
    assert lines(report) == [
        (
            "content/tin/bai.md:5: FN235 (cảnh báo) Ảnh “lon.png” có 42 triệu điểm ảnh, quá 40 triệu. Ảnh vẫn được thu nhỏ "
            "để đăng, nhưng dựng trang chậm; hãy thu nhỏ ảnh trước khi đặt vào bài."
        ),
        (
            "content/tin/bai.md:5: FN236 (cảnh báo) Ảnh “lon.png” chưa có mô tả (alt) cho người không nhìn thấy ảnh. Hãy "
            "viết một câu ngắn tả ảnh: trong bài là ![mô tả](tên-tệp-ảnh), ở đầu bài là dòng “alt: …” dưới “image:”."
        ),
    ]


@pytest.mark.slow
def test_a_focus_point_moves_the_crops(tmp_path):
    image = Image.new("RGB", (2400, 800), (0, 0, 220))
    image.paste((220, 0, 0), (0, 0, 600, 800))  # red at the far left
    out = io.BytesIO()
    image.save(out, "JPEG")
    root = site_with(
        tmp_path, photos={"dai.jpg": out.getvalue()}, image='{src: dai.jpg, alt: Băng rôn, focus: "0.1,0.5"}'
    )
    assert build_site(root).ok
    share = opened(root, f"{URL}/dai.share.jpg")
    assert share.getpixel((100, 315))[0] > 180 and share.getpixel((1100, 315))[2] > 180
    centred = site_with(tmp_path / "c", photos={"dai.jpg": out.getvalue()}, image="{src: dai.jpg, alt: Băng rôn}")
    assert build_site(centred).ok
    assert opened(centred, f"{URL}/dai.share.jpg").getpixel((200, 315))[2] > 180  # blue: the red is cut off


@pytest.mark.slow
def test_a_bad_focus_and_bad_settings_are_errors(tmp_path):
    root = site_with(
        tmp_path,
        photos={"a.jpg": jpeg()},
        image='{src: a.jpg, alt: A, focus: "giữa"}',
        config="images:\n  widths: [480, big]\n  formats: [gif]\n",
    )
    found = lines(build_site(root))
    assert any(
        line.startswith("content/tin/bai.md:5: FN107 Trường “image.focus” phải là hai số từ 0 đến 1") for line in found
    )
    assert any(
        line.startswith("frontnews.yaml:3: FN002 Giá trị cấu hình “images.widths” không hợp lệ") for line in found
    )
    assert any("“images.formats”" in line for line in found)


@pytest.mark.slow
def test_settings_choose_widths_quality_formats_and_keep_the_original(tmp_path):
    root = site_with(
        tmp_path,
        photos={"anh.jpg": phone_photo()},
        image="{src: anh.jpg, alt: A}",
        config="images:\n  widths: [300, 600]\n  quality: 60\n  formats: [webp, avif]\n  keep_original: true\n",
    )
    assert build_site(root).ok
    assert opened(root, f"{URL}/anh.jpg").size == (900, 1200)  # the full photo, upright, stripped
    assert not opened(root, f"{URL}/anh.jpg").getexif()
    assert opened(root, f"{URL}/anh.600w.jpg").size == (600, 800)
    assert opened(root, f"{URL}/anh.300w.avif").format == "AVIF"
    html = page(root)
    assert html.index('type="image/webp"') < html.index('type="image/avif"') < html.index("<img")


@pytest.mark.slow
def test_a_photo_is_processed_once_and_again_only_when_its_bytes_change(tmp_path):
    root = site_with(
        tmp_path, photos={"anh.jpg": jpeg((1000, 700))}, image="{src: anh.jpg, alt: A}", body="![B](b.png)"
    )
    (root / "content/tin/b.png").write_bytes(png((500, 400)))
    assert build_site(root).ok
    first = entries(root)
    assert len(first) == 3  # the lead photo's sizes and its crops, the body photo's sizes
    other = root / "content/tin/khac.md"
    other.write_text(article("Tin khác", "08/10/2020 08:00"), encoding="utf-8")
    assert build_site(root).ok
    assert entries(root) == first  # nothing processed again
    (root / "content/tin/anh.jpg").write_bytes(jpeg((1400, 1000), color=(0, 90, 0)))
    report = build_site(root)
    assert report.ok and 0 < report.rendered < report.pages
    now = entries(root)
    assert len(set(now) - set(first)) == 2 and all(now[k] == first[k] for k in first)  # the new photo's two
    assert 'width="1400" height="1000"' in page(root)
    assert opened(root, f"{URL}/anh.jpg").getpixel((5, 5))[1] > 60
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("public", CACHE_DIR))
    assert build_site(clean).ok
    assert read_tree(root / "public") == read_tree(clean / "public")


@pytest.mark.slow
def test_photos_of_static_keep_their_original_and_get_sizes_beside_it(tmp_path):
    root = site_with(tmp_path, body="![Hội trường](/static/anh/hoi-truong.jpg)")
    (root / "static/anh").mkdir(parents=True)
    (root / "static/anh/hoi-truong.jpg").write_bytes(jpeg((1000, 600)))
    assert build_site(root).ok
    html = page(root)
    assert 'src="/static/anh/hoi-truong.1000w.jpg"' in html and "/static/anh/hoi-truong.480w.webp 480w" in html
    assert opened(root, "static/anh/hoi-truong.1000w.webp").size == (1000, 600)
    assert opened(root, f"{URL}/hoi-truong.share.jpg").size == (1200, 630)  # the lead's crops beside its page


@pytest.mark.slow
def test_parallel_photo_processing_gives_the_same_files(tmp_path):
    photos = {f"p{k}.jpg": jpeg((700 + 10 * k, 500), color=(20 * k, 100, 50)) for k in range(4)}
    body = "\n\n".join(f"![Ảnh {k}](p{k}.jpg)" for k in range(4))
    one = site_with(tmp_path / "one", body=body, photos=photos)
    two = site_with(tmp_path / "two", body=body, photos=photos)
    assert build_site(one, jobs=1).ok and build_site(two, jobs=2).ok
    assert read_tree(one / "public") == read_tree(two / "public")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.mark.slow
def test_the_home_pages_lead_block_shows_a_featured_photo_in_sizes(tmp_path):
    root = site_with(
        tmp_path, photos={"anh.jpg": phone_photo()}, featured="true", image="{src: anh.jpg, alt: Quang cảnh hội nghị}"
    )
    assert build_site(root).ok
    home = page(root, "index.html")
    lead = home[
        home.index('<article class="lead-story">') : home.index(
            "</article>", home.index('<article class="lead-story">')
        )
    ]
    assert '<source type="image/webp" srcset="/tin-tuc/2020/10/hoi-nghi-thu/anh.480w.webp 480w, ' in lead
    assert 'class="lead-story__image"' in lead and 'width="900" height="1200"' in lead
    assert 'alt="Quang cảnh hội nghị" fetchpriority="high"' in lead  # the first screen's photo loads first
