"""The preview server over real HTTP, with real file-system events and a real rebuild loop."""

from __future__ import annotations

import http.client
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from frontnews.serve.server import PortInUse, PreviewServer
from sitefactory import article, build_site, write_site

URL_A = "/tin-tuc/2020/10/bai-a/"
RELOAD = '<script src="/__frontnews/reload.js" data-build="'  # the live-reload script


def wait_for(predicate, timeout: float = 10.0, what: str = "", poll: float = 0.02):
    """Poll until `predicate()` is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or predicate}")
        time.sleep(poll)


def settle(server: PreviewServer, quiet: float = 0.8, timeout: float = 15.0) -> int:
    """The number of builds once none has started or finished for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    last, since = server.builds, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if server.building or server.builds != last:
            last, since = server.builds, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return last
    raise AssertionError("the server never settled")


def fetch(server: PreviewServer, path: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
    """A raw request: the path is sent exactly as written (no client-side normalisation)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def page(server: PreviewServer, path: str = URL_A) -> str:
    return fetch(server, path)[2]


def shows(server: PreviewServer, text: str, path: str = URL_A) -> bool:
    return text in page(server, path)


@pytest.fixture
def serve():
    servers: list[PreviewServer] = []

    def start(root: Path, **options) -> PreviewServer:
        options.setdefault("port", 0)
        server = PreviewServer(root, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def site(tmp_path) -> Path:
    return write_site(
        tmp_path / "site",
        {
            "content/tin-tuc/a.md": article("Bài thứ nhất", slug="bai-a", body="![Hội trường](anh.svg)"),
            "content/tin-tuc/anh.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>',
            "static/css/extra.css": "body { color: black; }\n",
            "static/js/app.js": "console.log(1);\n",
            "static/feed.xml": '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>\n',
        },
    )


@pytest.mark.slow
def test_serves_pages_with_content_types_and_no_caching(serve, site):
    server = serve(site)
    assert server.url == f"http://127.0.0.1:{server.port}/"
    for path, kind in (
        ("/", "text/html; charset=utf-8"),
        (URL_A, "text/html; charset=utf-8"),
        ("/static/css/style.css", "text/css; charset=utf-8"),
        ("/static/js/app.js", "text/javascript; charset=utf-8"),
        ("/static/feed.xml", "application/atom+xml; charset=utf-8"),
        (URL_A + "anh.svg", "image/svg+xml"),
    ):
        status, headers, body = fetch(server, path)
        assert (status, headers["content-type"]) == (200, kind), path
        assert headers["cache-control"] == "no-store"
    assert "Bài thứ nhất" in page(server)
    status, headers, body = fetch(server, URL_A, method="HEAD")
    assert status == 200 and int(headers["content-length"]) > 0 and body == ""


def test_reload_script_is_added_when_serving_and_never_written(serve, site):
    server = serve(site)
    assert RELOAD in page(server) and RELOAD in page(server, "/")
    status, headers, script = fetch(server, "/__frontnews/reload.js")
    assert (status, headers["content-type"]) == (200, "text/javascript; charset=utf-8")
    assert 'new EventSource("/__frontnews/events")' in script
    assert "__frontnews" not in fetch(server, "/static/css/style.css")[2]
    built = [p for p in server.out.rglob("*") if p.is_file()]
    assert built and not [p for p in built if b"__frontnews" in p.read_bytes()]
    assert page(server).rstrip().endswith("</html>")  # the script goes inside the body


@pytest.mark.slow
def test_folders_404_and_redirects(serve, site):
    server = serve(site)
    status, headers, _ = fetch(server, URL_A.rstrip("/") + "?x=1")
    assert (status, headers["location"]) == (301, URL_A + "?x=1")
    status, headers, body = fetch(server, "/khong-co-trang-nay/")
    assert status == 404 and headers["content-type"] == "text/html; charset=utf-8"
    assert "Không tìm thấy trang" in body and RELOAD in body
    assert fetch(server, "/__frontnews/khac")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/static/..%2f..%2f..%2fsecret.txt",
        "/static/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/..%5c..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/%2Fetc%2Fpasswd",
        "/etc/passwd%00.html",
        "/lien-ket/secret.txt",
        "http://127.0.0.1/../secret.txt",
    ],
)
@pytest.mark.slow
def test_paths_outside_the_output_are_refused(serve, site, tmp_path, path):
    out = tmp_path / "preview" / "site"
    server = serve(site, out=out)
    for folder in (tmp_path, tmp_path / "preview", out.parent.parent):
        (folder / "secret.txt").write_text("BÍ MẬT", encoding="utf-8")
    os.symlink(tmp_path, out / "lien-ket")  # a symlink inside the output that points out of it
    status, _, body = fetch(server, path)
    assert status == 404 and "BÍ MẬT" not in body and "root:" not in body


@pytest.mark.slow
def test_edit_create_delete_and_rename_over(serve, site):
    server = serve(site)
    a = site / "content/tin-tuc/a.md"
    a.write_text(article("Tiêu đề đã sửa", slug="bai-a"), encoding="utf-8")
    wait_for(lambda: shows(server, "Tiêu đề đã sửa"), what="the edited title")

    (site / "content/tin-tuc/b.md").write_text(article("Bài mới", slug="bai-b"), encoding="utf-8")
    wait_for(lambda: shows(server, "Bài mới", "/tin-tuc/2020/10/bai-b/"), what="the new article")
    assert "Bài mới" in page(server, "/")

    (site / "content/tin-tuc/b.md").unlink()
    wait_for(lambda: fetch(server, "/tin-tuc/2020/10/bai-b/")[0] == 404, what="the deleted article to go")

    temp = a.with_name(".a.md.tmp")  # how many editors save: a temp file renamed over the original
    temp.write_text(article("Lưu bằng đổi tên", slug="bai-a"), encoding="utf-8")
    os.replace(temp, a)
    wait_for(lambda: shows(server, "Lưu bằng đổi tên"), what="the renamed-over article")


@pytest.mark.slow
def test_one_save_is_one_rebuild(serve, site):
    server = serve(site)
    before = settle(server)
    (site / "content/tin-tuc/a.md").write_text(article("Một lần lưu", slug="bai-a"), encoding="utf-8")
    wait_for(lambda: shows(server, "Một lần lưu"))
    assert settle(server) == before + 1


@pytest.mark.slow
def test_a_burst_of_200_files_is_one_or_two_rebuilds(serve, site):
    server = serve(site)
    before = settle(server)
    for i in range(200):
        (site / f"content/tin-tuc/loat-{i:03}.md").write_text(
            article(f"Bài loạt {i}", slug=f"loat-{i:03}"), encoding="utf-8"
        )
    wait_for(lambda: shows(server, "Bài loạt 199", "/tin-tuc/2020/10/loat-199/"), what="the 200th article")
    assert 1 <= settle(server) - before <= 2


@pytest.mark.slow
def test_editor_temp_files_output_and_cache_are_ignored(serve, site):
    server = serve(site)
    before = settle(server)
    folder = site / "content/tin-tuc"
    for name in (".a.md.swp", "a.md~", ".#a.md", "4913", "#a.md#", ".a.md.swx"):
        (folder / name).write_text("rác", encoding="utf-8")
    for name in ("public/index.html", ".frontnews-cache/state.json", "ghi-chu.txt"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("rác", encoding="utf-8")
    (server.out / "them.html").write_text("rác", encoding="utf-8")
    (folder / "4913").unlink()
    assert settle(server, quiet=1.0) == before


@pytest.mark.slow
def test_a_save_during_a_rebuild_is_not_lost(serve, tmp_path):
    many = {
        f"content/tin-tuc/n{i:03}.md": article(f"Tin số {i}", slug=f"n{i:03}", tags="[thử, nhiều]") for i in range(400)
    }
    root = write_site(tmp_path / "lon", {**many, "content/tin-tuc/a.md": article("Bản đầu", slug="bai-a")})
    server = serve(root, delay=0.1)
    a = root / "content/tin-tuc/a.md"
    a.write_text(article("Bản giữa", slug="bai-a"), encoding="utf-8")
    wait_for(lambda: server.building, what="the rebuild to start", poll=0.001)
    a.write_text(article("Bản cuối", slug="bai-a"), encoding="utf-8")
    saved_during_rebuild = server.building
    wait_for(lambda: shows(server, "Bản cuối"), timeout=30, what="the last save")
    assert saved_during_rebuild, "the site is too small for this test: the save came after the rebuild"


@pytest.mark.slow
def test_yaml_error_shows_every_diagnostic_escaped_then_recovers(serve, site, capsys):
    server = serve(site)
    a = site / "content/tin-tuc/a.md"
    a.write_text("---\ntitle: Tiêu đề: hỏng\ndate: 07/10/2020\nunit: phuong-le-loi\n---\nNội dung.\n", encoding="utf-8")
    (site / "content/tin-tuc/c.md").write_text(article("Bài C", unit="<script>alert(1)</script>"), encoding="utf-8")
    wait_for(lambda: fetch(server, URL_A)[0] == 500, what="the error page")
    _, headers, body = fetch(server, URL_A)
    assert headers["content-type"] == "text/html; charset=utf-8" and headers["cache-control"] == "no-store"
    assert "content/tin-tuc/a.md:2: FN101" in body and "content/tin-tuc/c.md:4: FN105" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert(1)" not in body
    assert RELOAD in body  # so that fixing the file brings the page back by itself
    assert fetch(server, "/")[0] == 500 and fetch(server, "/static/css/style.css")[0] == 200
    err = capsys.readouterr().err
    assert "content/tin-tuc/a.md:2: FN101" in err and "content/tin-tuc/c.md:4: FN105" in err

    a.write_text(article("Đã sửa xong", slug="bai-a"), encoding="utf-8")
    (site / "content/tin-tuc/c.md").unlink()
    wait_for(lambda: fetch(server, URL_A)[0] == 200, what="the article to come back")
    assert "Đã sửa xong" in page(server)


@pytest.mark.slow
def test_template_syntax_error_keeps_the_server_running(serve, site):
    server = serve(site)
    override = site / "templates/article.html"
    override.parent.mkdir()
    override.write_text('{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n', encoding="utf-8")
    wait_for(lambda: fetch(server, URL_A)[0] == 500, what="the template error")
    body = page(server)
    assert "FN301" in body and "templates/article.html:3" in body
    override.unlink()
    wait_for(lambda: shows(server, "Bài thứ nhất"), what="the article after the template is fixed")


def _units_undecodable(site: Path) -> None:
    (site / "content/units.yaml").write_bytes(b"\xff\xfe- slug: x\n")


def _units_is_a_folder(site: Path) -> None:
    (site / "content/units.yaml").unlink()
    (site / "content/units.yaml").mkdir()


def _template_raises(site: Path) -> None:
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates/article.html").write_text("{{ 1 // 0 }}", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("breakage", [_units_undecodable, _units_is_a_folder, _template_raises])
def test_the_server_survives_a_failing_rebuild(serve, site, breakage):
    server = serve(site)
    units = (site / "content/units.yaml").read_text(encoding="utf-8")
    breakage(site)
    wait_for(lambda: fetch(server, URL_A)[0] == 500, what="the error page")
    assert RELOAD in page(server)
    if breakage is _template_raises:
        assert "by zero" in page(server)

    shutil.rmtree(site / "templates", ignore_errors=True)
    if (site / "content/units.yaml").is_dir():
        (site / "content/units.yaml").rmdir()
    (site / "content/units.yaml").write_text(units, encoding="utf-8")
    wait_for(lambda: shows(server, "Bài thứ nhất"), what="the site after the fix")
    assert server.state.ok


@pytest.mark.slow
def test_a_deleted_content_folder_is_watched_again(serve, site):
    server = serve(site)
    units = (site / "content/units.yaml").read_text(encoding="utf-8")
    shutil.rmtree(site / "content")
    wait_for(lambda: fetch(server, URL_A)[0] in (404, 500), what="the article to go")
    (site / "content/tin-tuc").mkdir(parents=True)
    (site / "content/units.yaml").write_text(units, encoding="utf-8")
    (site / "content/tin-tuc/a.md").write_text(article("Trở lại", slug="bai-a"), encoding="utf-8")
    wait_for(lambda: shows(server, "Trở lại"), what="the article in the new folder")
    (site / "content/tin-tuc/a.md").write_text(article("Sửa trong thư mục mới", slug="bai-a"), encoding="utf-8")
    wait_for(lambda: shows(server, "Sửa trong thư mục mới"), what="an edit in the new folder")


@pytest.mark.slow
def test_drafts_and_future_articles_have_badges_only_in_preview(serve, tmp_path):
    root = write_site(
        tmp_path / "s",
        {
            "content/nhap.md": article("Bài nháp", slug="nhap", draft="true"),
            "content/sau.md": article("Bài sắp đăng", slug="sau", date="01/01/2099"),
            "content/thuong.md": article("Bài thường", slug="thuong"),
        },
    )
    server = serve(root)
    assert "BẢN NHÁP" in page(server, "/tin-tuc/2020/10/nhap/")
    assert "CHƯA ĐĂNG" in page(server, "/tin-tuc/2099/01/sau/")
    ordinary = page(server, "/tin-tuc/2020/10/thuong/")
    assert "BẢN NHÁP" not in ordinary and "CHƯA ĐĂNG" not in ordinary
    assert "BẢN NHÁP" in page(server, "/") and "CHƯA ĐĂNG" in page(server, "/")

    assert build_site(root, drafts=True, future=True, out=tmp_path / "public").ok
    built = b"".join(p.read_bytes() for p in (tmp_path / "public").rglob("*.html"))
    assert "BẢN NHÁP".encode() not in built and "CHƯA ĐĂNG".encode() not in built

    strict = serve(root, drafts=False, future=False)
    assert fetch(strict, "/tin-tuc/2020/10/nhap/")[0] == 404 and fetch(strict, "/tin-tuc/2099/01/sau/")[0] == 404


@pytest.mark.slow
def test_base_url_path_is_served_under_its_prefix(serve, tmp_path):
    root = write_site(
        tmp_path / "s",
        {
            "frontnews.yaml": "title: Dự án\nbase_url: https://thu.example.vn/du-an/\n",
            "content/a.md": article("Bài dự án", slug="bai-a"),
        },
    )
    server = serve(root)
    assert server.url.endswith("/du-an/")
    assert fetch(server, "/")[1]["location"] == "/du-an/"
    assert "Bài dự án" in page(server, "/du-an" + URL_A)
    assert fetch(server, "/du-an/static/css/style.css")[0] == 200
    assert fetch(server, URL_A)[0] == 404


def read_event(stream) -> list[str]:
    data = []
    while True:
        line = stream.readline().decode("utf-8").rstrip("\n")
        if not line:
            if data:
                return data[-1].split()
            continue
        if line.startswith("data: "):
            data.append(line[6:])


@pytest.mark.slow
def test_event_stream_announces_each_build_and_css_only_changes(serve, site):
    server = serve(site)
    settle(server)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/__frontnews/events")
    response = conn.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    instance, number, full = read_event(response)
    assert int(number) == int(full) == server.builds

    (site / "content/tin-tuc/a.md").write_text(article("Sửa bài", slug="bai-a"), encoding="utf-8")
    assert read_event(response) == [instance, str(int(number) + 1), str(int(number) + 1)]

    (site / "static/css/extra.css").write_text("body { color: navy; }\n", encoding="utf-8")
    assert read_event(response) == [instance, str(int(number) + 2), str(int(number) + 1)]  # styles only
    assert fetch(server, "/static/css/extra.css")[2] == "body { color: navy; }\n"
    conn.close()


@pytest.mark.slow
def test_port_in_use_names_a_free_one(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUse) as caught:
            PreviewServer(site, port=port).start()
        assert caught.value.free not in (None, port)
        assert f"Cổng {port}" in str(caught.value) and f"--port {caught.value.free}" in str(caught.value)

        result = subprocess.run(
            cli("serve", str(site), "--port", str(port)), capture_output=True, text=True, env=ENV, timeout=60
        )
        assert result.returncode == 1
        assert f"Cổng {port}" in result.stderr and "--port" in result.stderr and "Traceback" not in result.stderr


ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONUNBUFFERED": "1"}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "frontnews.cli.main", *args]


def start_cli(*args: str) -> tuple[subprocess.Popen, str, queue.Queue[str]]:
    """`frontnews serve …` in a child process, and the address it printed (read with a time limit)."""
    process = subprocess.Popen(cli("serve", *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            assert process.poll() is None, process.stderr.read()
            continue
        if "Xem trước tại" in line:
            return process, line.split("Xem trước tại ")[1].split()[0], lines
    process.kill()
    raise AssertionError("frontnews serve printed no address within 30 s")


def stop_cli(process: subprocess.Popen, lines: queue.Queue[str], stop: int = signal.SIGINT) -> tuple[int, str, str]:
    process.send_signal(stop)
    try:
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    time.sleep(0.1)  # let the reader thread take the last lines
    out = "".join(iter_queue(lines))
    return process.returncode, out, process.stderr.read()


def iter_queue(lines: queue.Queue[str]):
    while True:
        try:
            yield lines.get_nowait()
        except queue.Empty:
            return


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_cli_serves_then_stops_cleanly(site, stop):
    process, url, lines = start_cli(str(site), "--port", "0")
    port = int(url.split("http://127.0.0.1:")[1].split("/")[0])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", URL_A)
    assert conn.getresponse().status == 200
    conn.close()
    code, out, err = stop_cli(process, lines, stop)
    assert code == 0, err
    assert "Traceback" not in err and "Đã dừng" in out
    with socket.socket() as again:  # the port is free again
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


@pytest.mark.slow
def test_cli_warns_when_serving_on_all_interfaces(site):
    process, url, lines = start_cli(str(site), "--port", "0", "--bind", "0.0.0.0")
    code, _, err = stop_cli(process, lines)
    assert code == 0 and url.startswith("http://127.0.0.1:")
    assert "Cảnh báo" in err and "0.0.0.0" in err


@pytest.mark.slow
def test_serve_help_has_examples():
    result = subprocess.run(cli("serve", "--help"), capture_output=True, text=True, env=ENV, timeout=60)
    assert result.returncode == 0 and "ví dụ:" in result.stdout and "--bind 0.0.0.0" in result.stdout
