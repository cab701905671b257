"""Every built HTML page passes the Nu Html Checker (vnu.jar, from the npm package vnu-jar) with zero errors.

The checker starts one Java VM for the whole site: one call over every page, plus a page with a known
error, which proves the call really checked something and that its report was read.
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.external  # Java and vnu.jar from npm

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Trang hỏng</title></head>
<body><p><div>Thẻ div không được nằm trong thẻ p.</div></p></body></html>
"""


@pytest.fixture(scope="session")
def vnu_errors(site, npm_file, apt_tool, tmp_path_factory) -> dict[Path, list[dict]]:
    """The checker's errors by file, from one run over every page and the broken page (whose
    errors are filed under the key "broken")."""
    broken = tmp_path_factory.mktemp("vnu") / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    files = [str(p) for p in site.pages.values()] + [str(broken)]
    run = subprocess.run(
        [
            apt_tool("java"),
            "-jar",
            str(npm_file("vnu-jar/build/dist/vnu.jar")),
            "--errors-only",
            "--format",
            "json",
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu prints its JSON report on stderr; exit status 1 only says "some file had errors".
    report = json.loads(run.stderr or run.stdout)
    errors: dict[Path, list[dict]] = defaultdict(list)
    for message in report["messages"]:
        errors[Path(unquote(urlsplit(message.get("url", "")).path))].append(message)
    return {"broken": errors.pop(broken, []), **errors}


def describe(site, path: Path, messages: list[dict]) -> str:
    where = site.url_of(path) if path.is_relative_to(site.out) else str(path)  # a file vnu could not read
    lines = [f"{where}:"]
    for m in messages:
        lines.append(
            f"  line {m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}\n"
            f"      {m.get('extract', '').strip()[:160]!r}"
        )
    return "\n".join(lines)


def test_the_checker_reports_the_page_with_a_known_error(vnu_errors):
    assert any("p" in m["message"] for m in vnu_errors["broken"]), vnu_errors["broken"]


def test_every_built_page_passes_the_nu_html_checker(site, vnu_errors):
    assert len(site.pages) > 1
    failing = {path: msgs for path, msgs in vnu_errors.items() if path != "broken"}
    assert not failing, f"{len(failing)} of {len(site.pages)} pages have errors:\n" + "\n".join(
        describe(site, path, msgs) for path, msgs in sorted(failing.items())
    )
