"""Files and pages linked from an article's body: published, resolved against static/, checked at their line."""

import os
import shutil
import zipfile
from io import BytesIO

import pytest

from frontnews.markup.markdown_html import BodyRenderer
from sitefactory import article, build_site, read_tree
from test_incremental import clean_build_tree

PAGE = "public/tin-tuc/2020/10/hoi-nghi-thu/index.html"  # the URL of sitefactory.article()'s default title
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><title>cờ</title></svg>'


def small_pdf(text: str) -> bytes:
    """A real one-page PDF (readers open it): objects, then a cross-reference table of their offsets."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = BytesIO(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def small_docx() -> bytes:
    """A zip holding a document part, as a .docx is (its type is all the build looks at)."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def hrefs(root) -> list[str]:
    page = (root / PAGE).read_text(encoding="utf-8")
    body = page[page.index('class="article__body"') :]
    body = body[: body.index("</div>")]
    return [part.split('"', 1)[0] for part in body.split('<a href="')[1:]]


@pytest.mark.slow
def test_a_document_beside_the_article_is_published_beside_its_page(make_site):
    pdf, docx = small_pdf("Ke hoach"), small_docx()
    body = (
        "Ủy ban đã ban hành kế hoạch.\n\n[Tải văn bản](ke-hoach.pdf) (xem [trang 2](ke-hoach.pdf#page=2)).\n\n"
        '[Biểu mẫu](tai-lieu/Bieu%20mau.DOCX "Biểu mẫu đăng ký")'
    )
    root = make_site(
        {
            "content/tin/a.md": article(body=body),
            "content/tin/ke-hoach.pdf": pdf,
            "content/tin/tai-lieu/Bieu mau.DOCX": docx,
        }
    )
    report = build_site(root)
    assert report.ok and not report.diagnostics, report.diagnostics
    out = root / "public/tin-tuc/2020/10/hoi-nghi-thu"
    assert (out / "ke-hoach.pdf").read_bytes() == pdf
    assert (out / "tai-lieu/Bieu mau.DOCX").read_bytes() == docx
    page = (root / PAGE).read_text(encoding="utf-8")
    assert '<a href="/tin-tuc/2020/10/hoi-nghi-thu/ke-hoach.pdf">Tải văn bản</a>' in page
    assert '<a href="/tin-tuc/2020/10/hoi-nghi-thu/ke-hoach.pdf#page=2">trang 2</a>' in page
    assert '<a href="/tin-tuc/2020/10/hoi-nghi-thu/tai-lieu/Bieu%20mau.DOCX" title="Biểu mẫu đăng ký">' in page


@pytest.mark.slow
def test_a_photo_linked_to_its_full_size_copies_both(make_site):
    body = "[![Quang cảnh](anh-nho.svg)](anh-lon.svg)"
    root = make_site(
        {
            "content/tin/a.md": article(body=body),
            "content/tin/anh-nho.svg": SVG,
            "content/tin/anh-lon.svg": SVG.replace("cờ", "lớn"),
        }
    )
    assert build_site(root).ok
    out = root / "public/tin-tuc/2020/10/hoi-nghi-thu"
    assert (out / "anh-lon.svg").read_text(encoding="utf-8") == SVG.replace("cờ", "lớn")
    page = (root / PAGE).read_text(encoding="utf-8")
    assert (
        '<a href="/tin-tuc/2020/10/hoi-nghi-thu/anh-lon.svg"><img alt="Quang cảnh" src="/tin-tuc/2020/10/hoi-nghi-thu/anh-nho.svg"'
        in page
    )


@pytest.mark.slow
def test_root_relative_links_and_images_are_files_of_static(make_site):
    pdf = small_pdf("Quy che")
    body = (
        "[Quy chế](/static/van-ban/quy-che.pdf) hoặc [bản khác](/van-ban/quy-che.pdf).\n\n"
        "![Cờ Tổ quốc](/images/co.svg)\n\n![Cờ](/static/images/co.svg)"
    )
    root = make_site(
        {
            "content/tin/a.md": article(body=body, image="/images/co.svg"),
            "static/van-ban/quy-che.pdf": pdf,
            "static/images/co.svg": SVG,
        }
    )
    report = build_site(root)
    assert report.ok and not report.diagnostics, report.diagnostics
    assert (root / "public/static/van-ban/quy-che.pdf").read_bytes() == pdf
    page = (root / PAGE).read_text(encoding="utf-8")
    assert page.count('<a href="/static/van-ban/quy-che.pdf">') == 2
    assert page.count('src="/static/images/co.svg"') == 3  # the lead image and both photos
    assert (root / "public/static/images/co.svg").read_text(encoding="utf-8") == SVG


def test_a_link_or_image_that_leads_nowhere_is_an_error_at_its_line(make_site):
    body = (
        "Đoạn một nhắc tới mat.pdf bằng chữ.\n"  # line 6 (the body's first): a mention, not the link
        "\n"
        "Xem [kế hoạch](mat.pdf).\n"  # line 8
        "\n"
        "Và [quy chế](/van-ban/khong-co.pdf), ![ảnh](/images/khong-co.jpg).\n"
    )  # line 10
    root = make_site({"content/tin/a.md": article(body=body)})
    assert build_site(root).ok is False
    report = build_site(root)
    assert [(d.path, d.line, d.code) for d in report.diagnostics] == [
        ("content/tin/a.md", 8, "FN204"),
        ("content/tin/a.md", 10, "FN201"),
        ("content/tin/a.md", 10, "FN204"),
    ]
    assert "“mat.pdf”" in report.errors[0].message and not (root / "public").exists()


@pytest.mark.slow
def test_links_leaving_the_site_are_errors_and_read_nothing(make_site, tmp_path):
    secret = tmp_path / "bi-mat.pdf"
    secret.write_bytes(small_pdf("Bi mat"))
    body = (
        "[a](../../../../../etc/passwd)\n\n"  # above the site's root, as a browser reads it
        "[b](../ke-hoach.pdf)\n\n"  # a file outside the article's folder
        "[c](/static/../frontnews.yaml)\n\n"
        "[d](van-ban\\ke-hoach.pdf)\n\n"  # a Windows path
        "[e](lo.pdf)\n\n"  # a symlink beside the article, to a file outside the site
        "[f](C:\\Users\\bien-tap\\ke-hoach.pdf) [g](file:///home/bien-tap/ke-hoach.pdf)"
    )  # the editor's own disk
    root = make_site({"content/tin/a.md": article(body=body), "content/ke-hoach.pdf": small_pdf("x")})
    os.symlink(secret, root / "content/tin/lo.pdf")
    report = build_site(root)
    assert [(d.line, d.code) for d in report.diagnostics] == [
        (6, "FN205"),
        (8, "FN205"),
        (10, "FN205"),
        (12, "FN205"),
        (14, "FN204"),
        (16, "FN205"),
        (16, "FN205"),
    ]
    assert "dẫn ra ngoài trang web" in report.errors[0].message
    shutil.rmtree(root / "public", ignore_errors=True)
    (root / "content/tin/a.md").write_text(article(body="Sạch."), encoding="utf-8")
    assert build_site(root).ok
    assert not list((root / "public").rglob("*.pdf"))


def test_only_allowed_types_beside_an_article_are_published(make_site):
    body = "[Bài kia](b.md)\n\n[Ghi chú](ghi-chu.sh)"
    root = make_site(
        {
            "content/tin/a.md": article(body=body),
            "content/tin/b.md": article("Bài kia", "08/10/2020"),
            "content/tin/ghi-chu.sh": "echo bí mật\n",
        }
    )
    report = build_site(root)
    assert [(d.line, d.code) for d in report.diagnostics] == [(6, "FN206"), (8, "FN206")]
    assert "/tin-tuc/2024/10/ten-bai/" in report.errors[0].message  # how to link an article instead


@pytest.mark.slow
def test_links_to_pages_are_checked_against_the_pages_the_build_makes(make_site):
    body = (
        "[Trang chủ](/) [Chủ đề](/chu-de/) [Tin](/tin-tuc/2020/10/bai-kia) [Tin](/tin-tuc/2020/10/bai-kia/index.html)\n"
        "\n"
        "[Bài kia](../bai-kia/#muc-2) [Tin nguồn](/feed.xml) [Giao diện](/static/css/style.css)\n"
        "\n"
        "[Sai](/tin-tuc/2020/10/bai-sai/) [Nháp](../ban-nhap/)\n"  # line 10
        "\n"
        "[Web](https://mttq.example.vn/a.pdf) [Thư](mailto:mttq@example.vn) [Gọi](tel:+842412345678) [Mục](#muc-2)"
    )
    root = make_site(
        {
            "content/tin/a.md": article(body=body),
            "content/tin/b.md": article("Bài kia", "08/10/2020"),
            "content/tin/c.md": article("Bản nháp", "09/10/2020", draft="true"),
        }
    )
    report = build_site(root)
    assert report.ok
    assert [(d.line, d.code, d.is_error) for d in report.diagnostics] == [(10, "FN207", False), (10, "FN207", False)]
    assert "/tin-tuc/2020/10/ban-nhap/" in report.diagnostics[0].message
    assert hrefs(root) == [
        "/",
        "/chu-de/",
        "/tin-tuc/2020/10/bai-kia",
        "/tin-tuc/2020/10/bai-kia/index.html",
        "../bai-kia/#muc-2",
        "/feed.xml",
        "/static/css/style.css",
        "/tin-tuc/2020/10/bai-sai/",
        "../ban-nhap/",
        "https://mttq.example.vn/a.pdf",
        "mailto:mttq@example.vn",
        "tel:+842412345678",
        "#muc-2",
    ]
    with_drafts = build_site(root, drafts=True, out=root / "xem-truoc")
    assert [d.message for d in with_drafts.diagnostics] == [report.diagnostics[1].message]  # the draft is a page now


@pytest.mark.slow
def test_a_link_to_another_articles_document_is_found_among_published_files(make_site):
    root = make_site(
        {
            "content/tin/a.md": article(body="[Kế hoạch](/tin-tuc/2020/10/bai-kia/ke-hoach.pdf)"),
            "content/tin/b.md": article("Bài kia", "08/10/2020", body="[Tải](ke-hoach.pdf)"),
            "content/tin/ke-hoach.pdf": small_pdf("K"),
        }
    )
    assert build_site(root).diagnostics == ()
    (root / "content/tin/b.md").write_text(article("Bài kia", "08/10/2020", body="Không còn tệp."), encoding="utf-8")
    report = build_site(root)
    assert [(d.path, d.line, d.code) for d in report.diagnostics] == [("content/tin/a.md", 6, "FN204")]


@pytest.mark.slow
def test_incremental_builds_follow_edits_and_deletions_of_linked_files(make_site, tmp_path):
    body = "[Kế hoạch](ke-hoach.pdf)\n\n[Quy chế](/van-ban/quy-che.pdf)"
    root = make_site(
        {
            "content/tin/a.md": article(body=body),
            "content/tin/b.md": article("Bài kia", "08/10/2020"),
            "content/tin/ke-hoach.pdf": small_pdf("Ban dau"),
            "static/van-ban/quy-che.pdf": small_pdf("Q"),
        }
    )
    assert build_site(root, jobs=1).ok
    edited = small_pdf("Ban da sua")
    (root / "content/tin/ke-hoach.pdf").write_bytes(edited)
    report = build_site(root, jobs=1)
    assert report.ok and (report.rendered, report.written) == (0, 1)  # no page shows its bytes
    assert (root / "public/tin-tuc/2020/10/hoi-nghi-thu/ke-hoach.pdf").read_bytes() == edited
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)

    (root / "content/tin/ke-hoach.pdf").unlink()
    report = build_site(root, jobs=1)
    assert [(d.line, d.code) for d in report.diagnostics] == [(6, "FN204")]
    (root / "content/tin/ke-hoach.pdf").write_bytes(edited)
    (root / "static/van-ban/quy-che.pdf").unlink()
    report = build_site(root, jobs=1)
    assert [(d.line, d.code) for d in report.diagnostics] == [(8, "FN204")]
    (root / "static/van-ban/quy-che.pdf").write_bytes(small_pdf("Q2"))
    assert build_site(root, jobs=1).ok
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)
    second = build_site(root, jobs=1)
    assert second.ok and (second.rendered, second.written) == (0, 0)


@pytest.mark.slow
def test_a_file_put_beside_the_article_later_is_taken_over_the_one_in_static(make_site, tmp_path):
    """The cached article found co.svg and quy-che.pdf in static/; copies beside it now win, and back."""
    body = "![Cờ](co.svg)\n\n[Quy chế](quy-che.pdf) [Trang](./)"
    root = make_site(
        {
            "content/tin/a.md": article(body=body, image="co.svg"),
            "static/co.svg": SVG,
            "static/quy-che.pdf": small_pdf("Q"),
        }
    )
    assert build_site(root, jobs=1).diagnostics == ()
    assert 'src="/static/co.svg"' in (root / PAGE).read_text(encoding="utf-8")
    assert build_site(root, jobs=1).rendered == 0  # nothing looked for in vain has appeared
    (root / "content/tin/co.svg").write_text(SVG.replace("cờ", "mới"), encoding="utf-8")
    (root / "content/tin/quy-che.pdf").write_bytes(small_pdf("Q moi"))
    assert build_site(root, jobs=1).ok
    assert hrefs(root) == ["/tin-tuc/2020/10/hoi-nghi-thu/quy-che.pdf", "./"]
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)
    (root / "content/tin/co.svg").unlink()
    (root / "content/tin/quy-che.pdf").unlink()
    assert build_site(root, jobs=1).ok
    assert read_tree(root / "public") == clean_build_tree(root, tmp_path)
    assert (root / PAGE).read_text(encoding="utf-8").count('src="/static/co.svg"') == 2


def test_every_link_goes_through_the_resolver_and_what_it_returns_is_still_checked():
    seen = []

    def resolve(href):
        seen.append(href)
        return "javascript:alert(1)" if href == "xau.pdf" else href.upper()

    body = "[a](a.pdf) [b][1] <https://mttq.example.vn/> [c](xau.pdf) chú thích[^1]\n\n[1]: b.pdf\n[^1]: Ghi chú."
    html = BodyRenderer().render(body, lambda src: src, resolve).html
    assert seen[:4] == ["a.pdf", "b.pdf", "https://mttq.example.vn/", "xau.pdf"]
    assert '<a href="A.PDF">a</a>' in html and '<a href="B.PDF">b</a>' in html
    assert "javascript" not in html and "<a>c</a>" in html
    assert BodyRenderer().render("[a](a.pdf)", lambda src: src).html == '<p><a href="a.pdf">a</a></p>'
