"""What killed builds and previews leave is removed at the next start, once its owner is gone."""

import os
import signal
import subprocess
import sys
import tempfile

import pytest

from frontnews.render.leftovers import owner_alive, process_start, sweep_previews
from sitefactory import article, build_site, write_site


def previews(temp):
    """The preview folders in `temp` (Jinja keeps its compiled templates there too)."""
    return sorted(p.name for p in temp.glob("frontnews-preview-*"))


def dead_pid():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_process_is_alive_until_it_ends():
    assert owner_alive(os.getpid(), process_start(os.getpid()))
    assert not owner_alive(dead_pid())
    assert not owner_alive(os.getpid(), "1")  # the same pid, another process: pids are reused


def test_staging_folders_of_dead_builds_are_removed_and_live_ones_kept(tmp_path):
    root = write_site(tmp_path / "site", {"content/tin/a.md": article("Bài A")})
    assert build_site(root).ok
    gone, running = dead_pid(), os.getppid()
    for folder in (
        f".public.frontnews/staging-{gone}",
        f".public.frontnews/staging-{running}",
        f".public.staging-{gone}",
        f".public.old-{gone}",
    ):
        (root / folder / "tin").mkdir(parents=True)
        (root / folder / "tin/index.html").write_text("dở dang")
    (root / "content/tin/b.md").write_text(article("Bài B"), encoding="utf-8")
    assert build_site(root).ok
    assert sorted(p.name for p in root.glob(".public*")) == [".public.frontnews"]
    assert sorted(p.name for p in (root / ".public.frontnews").glob("staging-*")) == [f"staging-{running}"]


@pytest.mark.slow
def test_the_copy_of_a_preview_killed_with_sigkill_goes_at_the_next_start(tmp_path, monkeypatch):
    root = write_site(tmp_path / "site", {"content/tin/a.md": article("Bài A")})
    temp = tmp_path / "tmp"
    temp.mkdir()
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom frontnews.serve.server import PreviewServer\n"
        "server = PreviewServer(Path(sys.argv[1]), port=0).start()\nprint('OUT=' + str(server.out), flush=True)\n"
        "time.sleep(600)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(root)],
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        out = next(line for line in child.stdout if line.startswith("OUT="))[4:].strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert out.startswith(str(temp / "frontnews-preview-"))
    killed = previews(temp)
    assert len(killed) == 1
    unowned = temp / "frontnews-preview-khong-ro"  # no owner named: not ours to judge
    unowned.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    from frontnews.serve.server import PreviewServer

    with PreviewServer(root, port=0) as server:
        assert (server.out / "index.html").is_file()
        names = previews(temp)
        assert killed[0] not in names and "frontnews-preview-khong-ro" in names and len(names) == 2
    assert sweep_previews(temp) == []  # stopped cleanly: nothing left to remove
    assert previews(temp) == ["frontnews-preview-khong-ro"]
