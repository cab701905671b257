"""The preview under load, on loopback only: a burst of connections is queued, not dropped, and a
soak of a few hundred saves and connections ends with the last save served and nothing left running."""

from __future__ import annotations

import http.client
import socket
import threading

import pytest

from frontnews.serve.preview_http import PreviewHTTPServer
from frontnews.serve.server import PreviewServer
from liveness import live_children, wait_for, wait_gone
from sitefactory import article, write_site

URL_A = "/tin-tuc/2020/10/bai-a/"
CONNECTIONS = 100


def get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def small_site(root):
    return write_site(
        root,
        {
            "content/tin-tuc/a.md": article("Bài đầu", slug="bai-a"),
            "content/tin-tuc/b.md": article("Bài thứ hai", slug="bai-b", date="08/10/2020"),
        },
    )


def test_a_burst_of_connections_waits_in_the_queue_while_the_server_is_busy():
    """Nothing accepts here: every connection is completed by the kernel into the listen queue,
    or, past its end, waits for a resent SYN (a second, then three…) and times out below."""
    server = PreviewHTTPServer(("127.0.0.1", 0), preview=None)
    connected: list[socket.socket] = []
    try:
        for _ in range(CONNECTIONS):
            connected.append(socket.create_connection(server.server_address, timeout=0.5))
    finally:
        for sock in connected:
            sock.close()
        server.server_close()
    assert len(connected) == CONNECTIONS


@pytest.mark.slow
def test_100_simultaneous_requests_are_all_answered(tmp_path):
    with PreviewServer(small_site(tmp_path / "site"), port=0) as server:
        start = threading.Barrier(CONNECTIONS)
        statuses: list[int] = []

        def one() -> None:
            start.wait(timeout=60)
            statuses.append(get(server.port, URL_A)[0])

        threads = [threading.Thread(target=one) for _ in range(CONNECTIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    assert statuses == [200] * CONNECTIONS


@pytest.mark.slow
def test_soak_saves_and_connections_end_with_the_last_save_served_and_nothing_left(tmp_path):
    threads_before = set(threading.enumerate())
    children_before = live_children()
    site = small_site(tmp_path / "site")
    source = site / "content/tin-tuc/a.md"
    server = PreviewServer(site, port=0).start()
    done = threading.Event()
    answered: list[int] = []

    def browse(paths: tuple[str, ...]) -> None:  # a reader clicking around while the editor saves
        for n in range(150):
            if done.is_set():
                return
            answered.append(get(server.port, paths[n % len(paths)])[0])

    def follow() -> None:  # tabs opening the live-reload stream and closing it
        for _ in range(50):
            if done.is_set():
                return
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            conn.request("GET", "/__frontnews/events")
            response = conn.getresponse()
            while not response.readline().startswith(b"data:"):
                pass
            answered.append(response.status)
            conn.close()

    readers = [
        threading.Thread(target=browse, args=((URL_A, "/", "/khong-co/", "/static/css/style.css"),)),
        threading.Thread(target=browse, args=(("/tin-tuc/2020/10/bai-b/", "/__frontnews/reload.js"),)),
        threading.Thread(target=follow),
    ]
    try:
        for reader in readers:
            reader.start()
        for n in range(300):
            body = "Nội dung: {" if n % 75 == 37 else f"Lần lưu {n}."  # now and then a broken save
            title = "Lỗi: [" if n % 75 == 37 else f"Bài đầu, lần lưu {n}"
            source.write_text(article(title, slug="bai-a", body=body), encoding="utf-8")
            if n % 10 == 9:  # the editor looks at the page now and then
                wait_for(lambda n=n: f"Lần lưu {n}." in get(server.port, URL_A)[1], 60, f"save {n} served")
        wait_for(lambda: "Lần lưu 299." in get(server.port, URL_A)[1], 60, "the last save served")
    finally:
        done.set()
        for reader in readers:
            reader.join(120)
        server.stop()
    assert set(answered) <= {200, 404} and len(answered) >= 200
    wait_for(lambda: set(threading.enumerate()) <= threads_before, 30, "the server's threads to end")
    wait_gone(live_children() - children_before)
    assert not server.out.exists()  # the temporary folder is gone
