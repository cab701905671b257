"""Documents (văn bản): a section of type văn bản lists số hiệu, ngày ban hành, trích yếu and the file of
each document, read from its front matter; the file is checked like a photo."""

from __future__ import annotations

import shutil

import pytest

from sitefactory import CONFIG, article, build_site, read_tree
from test_pages import Page

SECTIONS = CONFIG + "sections:\n  tin-tuc: Tin tức\n  cong-van:\n    name: Công văn\n    type: văn bản\n"
PDF = b"%PDF-1.4\n%%EOF\n"


def document(title="Kế hoạch tổ chức Ngày hội Đại đoàn kết năm 2025", file="ke-hoach-125.pdf", **extra):
    fields = {"so_hieu": "125/KH-MTTQ-BTT", "ngay_ban_hanh": "15/09/2025", "file": file, **extra}
    lines = [f"title: {title}", "unit: thi-xa-dong-lam"] + [f"{k}: {v}" for k, v in fields.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\nNội dung chính của kế hoạch.\n"


def html(root, url):
    return (root / "public" / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_a_section_of_documents_lists_them_as_a_table(make_site):
    root = make_site(
        {
            "frontnews.yaml": SECTIONS,
            "content/cong-van/ke-hoach.md": document(trich_yeu="Tổ chức Ngày hội ở khu dân cư năm 2025"),
            "content/cong-van/ke-hoach-125.pdf": PDF,
            "content/cong-van/huong-dan.md": document(
                "Hướng dẫn bình xét",
                "/van-ban/huong-dan-48.pdf",
                so_hieu="48/HD-MTTQ-BTT",
                ngay_ban_hanh="10/03/2025",
                date="12/03/2025 08:00",
            ),
            "static/van-ban/huong-dan-48.pdf": PDF,
            "content/tin-tuc/a.md": article("Tin A"),
        }
    )
    report = build_site(root)
    assert report.ok and report.diagnostics == ()
    listing = html(root, "/cong-van/")
    rows = listing.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    # Newest first; a document without `date:` is dated by its ngày ban hành.
    assert "125/KH-MTTQ-BTT" in rows[0] and '<time datetime="2025-09-15">15/09/2025</time>' in rows[0]
    assert ">Tổ chức Ngày hội ở khu dân cư năm 2025</a>" in rows[0]
    assert 'href="/tin-tuc/2025/09/ke-hoach-to-chuc-ngay-hoi-dai-doan-ket-nam-2025/ke-hoach-125.pdf"' in rows[0]
    assert "48/HD-MTTQ-BTT" in rows[1] and ">Hướng dẫn bình xét</a>" in rows[1]  # trích yếu: the title
    assert 'href="/static/van-ban/huong-dan-48.pdf"' in rows[1] and "(PDF)" in rows[1]
    assert (
        root / "public/tin-tuc/2025/09/ke-hoach-to-chuc-ngay-hoi-dai-doan-ket-nam-2025/ke-hoach-125.pdf"
    ).read_bytes() == PDF
    page = Page(html(root, "/tin-tuc/2025/09/ke-hoach-to-chuc-ngay-hoi-dai-doan-ket-nam-2025/"))
    assert page.crumbs == ["Trang chủ", "Công văn", "Kế hoạch tổ chức Ngày hội Đại đoàn kết năm 2025"]
    assert "Tải về văn bản 125/KH-MTTQ-BTT" in page.all_text and page.times[0].startswith("2025-09-15T00:00:00")
    assert "ke-hoach-to-chuc" in (root / "public/cong-van/feed.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_documents_folder_is_a_section_of_documents_by_default(make_site):
    root = make_site({"content/van-ban/a.md": document(), "content/van-ban/ke-hoach-125.pdf": PDF})
    report = build_site(root)
    assert report.ok and report.diagnostics == ()
    assert '<table class="documents">' in html(root, "/van-ban/")


def test_what_is_wrong_with_a_document_is_said_at_its_line(make_site):
    root = make_site(
        {
            "frontnews.yaml": SECTIONS,
            "content/cong-van/a.md": document(file="khong-co.pdf"),
            "content/cong-van/b.md": document("Công văn B", file="https://vanban.example.vn/cv.pdf"),
            "content/cong-van/c.md": document("Công văn C", file="ghi-chu.exe"),
            "content/cong-van/ghi-chu.exe": b"MZ",
            "content/cong-van/d.md": document("Công văn D", so_hieu=None, ngay_ban_hanh="31/02/2025"),
            "content/tin-tuc/e.md": article("Tin E", so_hieu="12/TB", file="a.pdf"),
        }
    )
    assert [str(d) for d in build_site(root).diagnostics] == [
        (
            "content/cong-van/a.md:6: FN204 Không tìm thấy tệp “khong-co.pdf” mà liên kết trỏ tới. Hãy đặt tệp cạnh bài "
            "viết (ghi tên tệp, ví dụ ke-hoach.pdf) hoặc trong thư mục static/ (ghi /static/… hoặc /tên-thư-mục/…), rồi "
            "kiểm tra lại tên tệp."
        ),
        (
            "content/cong-van/b.md:6: FN143 Tệp văn bản “https://vanban.example.vn/cv.pdf” không phải một tệp của trang "
            "web. Hãy tải tệp về, đặt cạnh bài (ví dụ ke-hoach-so-12.pdf) hoặc trong thư mục static/, rồi ghi tên tệp vào "
            "trường file."
        ),
        (
            "content/cong-van/c.md:6: FN206 Tệp “ghi-chu.exe” không thuộc loại được đăng kèm bài viết. Chỉ đăng các tệp "
            "văn bản, bảng tính, trình chiếu, tệp nén, ảnh, âm thanh và video (.pdf, .doc, .docx, .xls, .xlsx, .pptx, "
            ".odt, .zip, .txt, .jpg …); để liên kết tới bài viết khác, hãy ghi địa chỉ của bài, ví dụ "
            "/tin-tuc/2024/10/ten-bai/."
        ),
        (
            "content/cong-van/d.md:2: FN104 Thiếu trường bắt buộc “so_hieu”. Hãy thêm dòng “so_hieu: …” vào phần thông "
            "tin đầu bài."
        ),
        (
            "content/cong-van/d.md:4: FN102 Ngày “31/02/2025” không đúng. Hãy viết theo dạng dd/mm/yyyy hoặc "
            "dd/mm/yyyy HH:MM, ví dụ 07/10/2020 15:35."
        ),
        (
            "content/tin-tuc/e.md:5: FN142 (cảnh báo) Trường “so_hieu” chỉ dùng cho văn bản, trong chuyên mục kiểu văn "
            "bản; bài này thuộc chuyên mục “Tin tức” nên trường bị bỏ qua. Nếu đây là văn bản, hãy chuyển tệp vào thư "
            "mục của chuyên mục văn bản; nếu không, hãy xóa dòng này."
        ),
        (
            "content/tin-tuc/e.md:6: FN142 (cảnh báo) Trường “file” chỉ dùng cho văn bản, trong chuyên mục kiểu văn "
            "bản; bài này thuộc chuyên mục “Tin tức” nên trường bị bỏ qua. Nếu đây là văn bản, hãy chuyển tệp vào thư "
            "mục của chuyên mục văn bản; nếu không, hãy xóa dòng này."
        ),
    ]


@pytest.mark.slow
def test_a_document_file_removed_or_moved_after_a_build_is_seen_by_the_next(make_site, tmp_path):
    """The cached document is only as good as its file: gone is an error, found elsewhere a new address."""
    from test_incremental import clean_build_tree

    root = make_site(
        {
            "frontnews.yaml": SECTIONS,
            "content/cong-van/a.md": document(),
            "content/cong-van/ke-hoach-125.pdf": PDF,
            "static/ke-hoach-125.pdf": PDF + b"%static\n",
        }
    )
    assert build_site(root).ok
    (root / "content/cong-van/ke-hoach-125.pdf").unlink()  # now found in static/
    assert build_site(root).ok
    assert 'href="/static/ke-hoach-125.pdf"' in html(root, "/cong-van/")
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)
    (root / "static/ke-hoach-125.pdf").unlink()
    assert [d.code for d in build_site(root).errors] == ["FN204"]
    shutil.rmtree(root / "static")
    (root / "content/cong-van/ke-hoach-125.pdf").write_bytes(PDF + b"%v2\n")
    assert build_site(root).ok
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)
