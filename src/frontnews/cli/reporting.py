"""Print a build's diagnostics and summary as text for editors, JSON for tools, or GitHub annotations."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ..build import BuildReport
from ..diagnostics import Diagnostic
from ..render.commit import PARTLY_UPDATED

FORMATS = ("text", "json", "github")


def print_report(
    report: BuildReport,
    wrote: bool,
    fmt: str = "text",
    *,
    root: Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> None:
    """text: problems and failure on stderr, success on stdout. json: only the list on stdout.
    github: workflow commands on stdout (the runner reads them there), then the summary."""
    out = out or sys.stdout
    err = err or sys.stderr
    summary = summary_line(report, wrote)
    if report.notice:  # e.g. the build cache was unreadable: said once, never a diagnostic
        print(f"frontnews: {report.notice}", file=err)
    if fmt == "json":
        print(diagnostics_json(report.diagnostics), file=out)
        print(summary, file=err)
        return
    if fmt == "github":
        for line in github_lines(report.diagnostics, root):
            print(line, file=out)
    else:
        for problem in report.diagnostics:
            print(problem, file=err)
    print(summary, file=out if report.ok else err)


def summary_line(report: BuildReport, wrote: bool) -> str:
    seconds = f"{report.seconds:.2f}".replace(".", ",")
    if report.ok:
        done = f"ghi {report.written} tệp" if wrote else "không ghi tệp nào"
        return (
            f"Xong: {report.articles} bài viết, {report.pages} trang (dựng lại {report.rendered}), {done}, "
            f"{len(report.warnings)} cảnh báo, {seconds} giây."
        )
    kept = (
        "Trang đã xuất bản chỉ được cập nhật một phần; lần dựng sau sẽ hoàn tất."
        if any(d.code == PARTLY_UPDATED for d in report.errors)
        else "Trang đã xuất bản trước đó được giữ nguyên."
    )
    return f"Thất bại: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo, {seconds} giây. {kept}"


class Progress:
    """A one-line counter on a terminal while pages render (`\r` rewrites it); silent elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total >= 200:  # short builds finish before a counter could be read
            self.stream.write(f"\rĐang dựng trang: {done}/{total}")
            self.stream.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A list of {code, severity, path, line, message}, in the build's sorted order."""
    items = [
        {"code": d.code, "severity": d.severity.value, "path": d.path, "line": d.line, "message": d.message}
        for d in diagnostics
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


def github_lines(diagnostics: Iterable[Diagnostic], root: Path | None = None) -> list[str]:
    """`::error file=…,line=…,title=FN102::message`, one line per diagnostic."""
    lines = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        props = [("file", github_path(d.path, root))]
        if d.line:
            props.append(("line", str(d.line)))
        props.append(("title", d.code))
        joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
        lines.append(f"::{command} {joined}::{escape_data(d.message)}")
    return lines


def github_path(path: str, root: Path | None) -> str:
    """A site-relative path made relative to the working directory (the checkout on a runner),
    so annotations land on the right file when the site is a subfolder of the repository."""
    if root is None or Path(path).is_absolute():
        return path
    relative = os.path.relpath(Path(root) / path, Path.cwd())
    return path if relative.startswith("..") else Path(relative).as_posix()


def escape_data(value: str) -> str:
    """The runner's rules for a command's message: %, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value also escapes the separators ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
