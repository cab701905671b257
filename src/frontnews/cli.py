"""Command line: parse arguments, run a command, map its result to an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import __version__
from .build import BuildOptions, BuildReport, build, load_site
from .dates import parse_now
from .newarticle import NewArticleError, write_new_article
from .related import explain, find_related

EXAMPLES = {
    "build": "ví dụ:\n  frontnews build\n  frontnews build duong/dan/trang --out /tmp/site --drafts\n  SOURCE_DATE_EPOCH=1700000000 frontnews build --strict",
    "check": "ví dụ:\n  frontnews check\n  frontnews check --strict",
    "new": "ví dụ:\n  frontnews new \"Phường Lê Lợi ra quân làm sạch môi trường\" --unit phuong-le-loi",
    "related": "ví dụ:\n  frontnews related content/tin-tuc/tap-huan.md",
}


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontnews", description="Dựng trang tin tức tĩnh cho Ủy ban MTTQ Việt Nam các cấp.")
    parser.add_argument("--version", action="version", version=f"frontnews {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name, run, help_text in (("build", run_build, "dựng toàn bộ trang web vào thư mục public/"),
                                 ("check", run_check, "kiểm tra nội dung như khi dựng, không ghi gì")):
        sub = commands.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES[name],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        add_site_options(sub, with_out=name == "build")
        sub.set_defaults(run=run)
    new = commands.add_parser("new", help="tạo bài viết mới, sẵn sàng để sửa", epilog=EXAMPLES["new"],
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    new.add_argument("title", help="tiêu đề bài viết, trong dấu ngoặc kép")
    new.add_argument("--unit", help="slug của đơn vị đăng tin (mặc định: đơn vị đầu tiên trong content/units.yaml)")
    new.add_argument("--section", default="tin-tuc", help="thư mục trong content/ (mặc định: tin-tuc)")
    new.add_argument("--site", default=".", help="thư mục trang web (mặc định: thư mục hiện tại)")
    new.set_defaults(run=run_new)
    related = commands.add_parser("related", help="xem danh sách “Các tin tức khác” của một bài và lý do",
                                  epilog=EXAMPLES["related"], formatter_class=argparse.RawDescriptionHelpFormatter)
    related.add_argument("path", help="đường dẫn tệp bài viết, ví dụ content/tin-tuc/a.md")
    add_site_options(related, with_out=False)
    related.set_defaults(run=run_related)
    return parser


def add_site_options(sub: argparse.ArgumentParser, with_out: bool) -> None:
    sub.add_argument("site", nargs="?", default=".", help="thư mục trang web (mặc định: thư mục hiện tại)")
    if with_out:
        sub.add_argument("--out", help="thư mục xuất bản (mặc định: SITE/public)")
    sub.add_argument("--drafts", action="store_true", help="đưa cả bài nháp (draft: true)")
    sub.add_argument("--future", action="store_true", help="đưa cả bài có ngày đăng trong tương lai")
    sub.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    sub.add_argument("--now", help="cố định thời điểm hiện tại, ví dụ 2024-10-07T08:00+07:00 (hoặc đặt SOURCE_DATE_EPOCH)")


def options_from(args: argparse.Namespace, write: bool) -> BuildOptions:
    root = Path(args.site).resolve()
    out = Path(args.out).resolve() if getattr(args, "out", None) else None
    return BuildOptions(root=root, out=out, drafts=args.drafts, future=args.future, strict=args.strict,
                        now=parse_now(args.now, os.environ), write=write)


def run_build(args: argparse.Namespace) -> int:
    return _run(args, write=True)


def run_check(args: argparse.Namespace) -> int:
    return _run(args, write=False)


def _run(args: argparse.Namespace, write: bool) -> int:
    try:
        options = options_from(args, write)
    except ValueError as exc:
        print(f"frontnews: {exc}", file=sys.stderr)
        return 2
    if not (options.root / "content").is_dir() and not (options.root / "frontnews.yaml").is_file():
        print(f"frontnews: {options.root} không phải thư mục trang web (không có content/ hay frontnews.yaml).",
              file=sys.stderr)
        return 2
    report = build(options)
    print_report(report, write)
    return 0 if report.ok else 1


def print_report(report: BuildReport, wrote: bool) -> None:
    for problem in report.diagnostics:
        print(problem, file=sys.stderr)
    seconds = f"{report.seconds:.2f}".replace(".", ",")
    if report.ok:
        done = f"ghi {report.written} tệp" if wrote else "không ghi tệp nào"
        print(f"Xong: {report.articles} bài viết, {report.pages} trang, {done}, "
              f"{len(report.warnings)} cảnh báo, {seconds} giây.")
    else:
        print(f"Thất bại: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo, {seconds} giây. "
              "Trang đã xuất bản trước đó được giữ nguyên.", file=sys.stderr)


def run_new(args: argparse.Namespace) -> int:
    root = Path(args.site).resolve()
    now = dt.datetime.now(dt.timezone.utc)
    try:
        path = write_new_article(root, args.title, args.unit, args.section, now)
    except NewArticleError as exc:
        print(f"frontnews: {exc}", file=sys.stderr)
        return 1
    print(path.relative_to(root).as_posix() if path.is_relative_to(root) else path)
    return 0


def run_related(args: argparse.Namespace) -> int:
    options = options_from(args, write=False)
    site, problems = load_site(options)
    wanted = Path(args.path).resolve()
    by_source = {a.source: a for a in site.published}
    article = next((a for a in site.published if (options.root / a.source).resolve() == wanted), None)
    if article is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"frontnews: không có bài viết đã đăng nào ở {args.path}.", file=sys.stderr)
        return 1
    related = find_related(site.published, site.units.units, site.config.related_weights, site.config.related_count)
    print(f"Các tin tức khác của “{article.title}”:")
    for line in explain(article, related.get(article.source, ()), by_source):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
