import unicodedata

from frontnews.content.sources import find_sources


def test_bom_crlf_and_nfd_are_normalised(tmp_path):
    nfd = unicodedata.normalize("NFD", "Đinh Duy Hưng")
    raw = "\ufeff---\r\ntitle: " + nfd + "\r\n---\r\nthân\r\n"
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_bytes(raw.encode("utf-8"))
    (sources, problems) = find_sources(tmp_path)
    assert problems == []
    assert sources[0].text == "---\ntitle: Đinh Duy Hưng\n---\nthân\n"
    assert sources[0].path == "content/a.md"
    assert len(sources[0].digest) == 64


def test_non_utf8_file_is_reported_with_its_line(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "cu.md").write_bytes(b"---\ntitle: " + b"H\xf4i ngh\xec" + b"\n---\n")
    sources, problems = find_sources(tmp_path)
    assert sources == ()
    assert [(p.path, p.line, p.code) for p in problems] == [("content/cu.md", 2, "FN100")]
    assert "UTF-8" in problems[0].message


def test_hidden_and_editor_files_are_skipped_and_order_is_sorted(tmp_path):
    content = tmp_path / "content" / "tin"
    content.mkdir(parents=True)
    for name in ("b.md", "a.md", ".#a.md", "_nhap.md", "a.md~", "ghi-chu.txt"):
        (content / name).write_text("---\n---\n", encoding="utf-8")
    sources, _ = find_sources(tmp_path)
    assert [s.path for s in sources] == ["content/tin/a.md", "content/tin/b.md"]
