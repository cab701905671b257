"""The preview answers only names it knows (DNS rebinding, Vite's CVE-2025-24010), and its event
stream only its own pages. Real HTTP with the Host and Origin headers a browser would send."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys

import pytest

from frontnews.serve.server import PreviewServer
from sitefactory import article, write_site

URL = "/tin-tuc/2020/10/bai-nhap/"
DRAFT = "Dự thảo chưa công bố"
ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return write_site(
        tmp_path_factory.mktemp("hosts") / "site",
        {
            "content/tin-tuc/a.md": article(DRAFT, slug="bai-nhap", draft="true"),
        },
    )


@pytest.fixture(scope="module")
def server(site):
    with PreviewServer(site, port=0, allowed_hosts=["may-ban.local", ".mttq.example.vn"]) as running:
        yield running


def get(port: int, path: str, *headers: tuple[str, str]) -> tuple[int, str, str]:
    """A GET with exactly these headers (Host included: http.client adds none)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers:
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        kind = response.getheader("Content-Type", "")
        if kind.startswith("text/event-stream"):  # it never ends: its first event is enough
            lines = [response.readline().decode("utf-8")]
            while not lines[-1].startswith("data:"):
                lines.append(response.readline().decode("utf-8"))
            return response.status, kind, "".join(lines)
        return response.status, kind, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "localhost:{port}",
        "LOCALHOST:{port}",
        "127.0.0.1:{port}",
        "[::1]:{port}",
        "192.168.1.20:{port}",
        "may-ban.local:{port}",
        "mttq.example.vn",
        "phuong-x.mttq.example.vn:{port}",
    ],
)
def test_known_names_and_addresses_are_answered(server, host):
    status, _, body = get(server.port, URL, ("Host", host.format(port=server.port)))
    assert status == 200 and DRAFT in body


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:{port}",
        "localhost.attacker.example",
        "may-ban.local.attacker.example",
        "example.vn",
        "localhost@attacker.example",
        "attacker.example@localhost",
        "",
        "[not-an-address]",
    ],
)
def test_other_names_get_403_and_no_draft(server, host):
    for path in (URL, "/", "/__frontnews/reload.js", "/__frontnews/events", "/khong-co/"):
        status, kind, body = get(server.port, path, ("Host", host.format(port=server.port)))
        assert (status, kind) == (403, "text/plain; charset=utf-8"), path
        assert DRAFT not in body and "chỉ trả lời" in body


def test_the_refusal_says_how_to_allow_the_name(server):
    status, _, body = get(server.port, URL, ("Host", f"attacker.example:{server.port}"))
    assert status == 403 and "frontnews serve --allowed-host attacker.example" in body


def test_two_host_headers_are_refused(server):
    status, _, _ = get(server.port, URL, ("Host", "localhost"), ("Host", "attacker.example"))
    assert status == 403


def test_the_event_stream_refuses_other_origins(server):
    here = f"127.0.0.1:{server.port}"
    status, kind, body = get(server.port, "/__frontnews/events", ("Host", here))  # same origin: no Origin
    assert (status, kind) == (200, "text/event-stream; charset=utf-8") and "event: build" in body
    status, _, body = get(server.port, "/__frontnews/events", ("Host", here), ("Origin", f"http://{here}"))
    assert status == 200 and "event: build" in body
    for origin in (
        "http://attacker.example",
        f"http://localhost:{server.port}",
        "null",
        f"https://{here}",
        f"http://127.0.0.1:{server.port + 1}",
    ):
        status, _, body = get(server.port, "/__frontnews/events", ("Host", here), ("Origin", origin))
        assert status == 403 and "event:" not in body, origin


def test_a_request_without_host_is_not_a_browser_and_is_answered(server):
    """HTTP/1.0 tools may send no Host; browsers always do, so a rebinding always has one."""
    status, _, body = get(server.port, URL)
    assert status == 200 and DRAFT in body


def test_the_bind_name_is_answered(site):
    with PreviewServer(site, port=0, bind="localhost") as running:
        assert get(running.port, URL, ("Host", f"localhost:{running.port}"))[0] == 200
        assert get(running.port, URL, ("Host", "attacker.example"))[0] == 403


@pytest.mark.slow
def test_cli_allowed_host_option(site):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "frontnews.cli.main",
            "serve",
            str(site),
            "--port",
            "0",
            "--allowed-host",
            "May-Ban.Local.",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        line = process.stdout.readline()
        while "Xem trước tại" not in line:
            assert line, process.stderr.read()
            line = process.stdout.readline()
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        assert get(port, URL, ("Host", f"may-ban.local:{port}"))[0] == 200
        assert get(port, URL, ("Host", "attacker.example"))[0] == 403
    finally:
        process.terminate()
        process.communicate(timeout=60)


@pytest.mark.slow
def test_cli_refuses_an_allowed_host_that_is_not_a_name(site):
    result = subprocess.run(
        [sys.executable, "-m", "frontnews.cli.main", "serve", str(site), "--allowed-host", "http://may-ban.local:8000"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--allowed-host" in result.stderr and "không phải tên máy hợp lệ" in result.stderr
    assert "Traceback" not in result.stderr
