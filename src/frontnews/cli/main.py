"""Command line: parse arguments, run a command, map its result to an exit code."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path

from .. import __version__
from ..build import BuildOptions, build, load_site
from ..content.front_matter import body_of
from ..content.schedule import schedule_lines, upcoming
from ..content.sources import decode_text
from ..diagnostics import sort_key
from ..incremental.state import NoState
from ..paths import CONFIG_FILE, CONTENT_DIR
from ..site.related import explain
from ..vi.dates import parse_now
from ..vi.terms import words
from .argparse_vi import vietnamese_argparse
from .new_article import NewArticleError, write_new_article
from .new_site import InitError, check_base_url, init_site
from .reporting import FORMATS, Progress, print_report

EXAMPLES = {
    "build": "ví dụ:\n  frontnews build\n  frontnews build duong/dan/trang --out /tmp/site --drafts\n  SOURCE_DATE_EPOCH=1700000000 frontnews build --strict\n"
    "  frontnews build --base-url https://xem-truoc.example.vn/pr-12/ --format github",
    "check": "ví dụ:\n  frontnews check\n  frontnews check --strict\n  frontnews check --future --format github\n  frontnews check --format json",
    "init": 'ví dụ:\n  frontnews init trang-phuong-x --name "Ủy ban MTTQ Việt Nam phường X"\n'
    '  frontnews init trang-xa-y --name "Ủy ban MTTQ xã Y" --base-url https://mttq-xa-y.github.io/\n'
    '  frontnews init trang-xa-z --name "Ủy ban MTTQ Việt Nam xã Z" --logo logo.png \\\n'
    '      --address "Số 1 đường Lê Lợi, xã Z" --phone "0221 3 123 456" --email mttq@xa-z.gov.vn \\\n'
    '      --responsible "Nguyễn Văn A – Chủ tịch Ủy ban MTTQ Việt Nam xã Z"',
    "schedule": "ví dụ:\n  frontnews schedule\n  frontnews schedule duong/dan/trang --now 2024-10-07T08:00",
    "new": 'ví dụ:\n  frontnews new "Phường Lê Lợi ra quân làm sạch môi trường" --unit phuong-le-loi\n'
    '  frontnews new "Lịch tiếp công dân tháng 3" --section thong-bao\n'
    '  frontnews new "Cơ cấu tổ chức" --section trang',
    "related": "ví dụ:\n  frontnews related content/tin-tuc/tap-huan.md",
    "serve": "ví dụ:\n  frontnews serve\n  frontnews serve duong/dan/trang --port 8080\n  frontnews serve --no-drafts --no-future\n"
    "  frontnews serve --bind 0.0.0.0   (cho máy khác trong mạng xem; có cảnh báo)\n"
    "  frontnews serve --bind 0.0.0.0 --allowed-host may-ban.local   (khi máy khác mở bằng tên máy)",
}


def main(argv: list[str] | None = None) -> int:
    with vietnamese_argparse():
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
    parser = argparse.ArgumentParser(
        prog="frontnews", description="Dựng trang tin tức tĩnh cho Ủy ban MTTQ Việt Nam các cấp."
    )
    parser.add_argument(
        "--version", action="version", version=f"frontnews {__version__}", help="in phiên bản của frontnews rồi thoát"
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name, run, help_text in (
        ("build", run_build, "dựng toàn bộ trang web vào thư mục public/"),
        ("check", run_check, "kiểm tra nội dung như khi dựng, không ghi gì"),
    ):
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add_site_options(sub, with_out=name == "build")
        add_output_options(sub)
        sub.set_defaults(run=run)
    new = commands.add_parser(
        "new",
        help="tạo bài viết mới (bài nháp), sẵn sàng để sửa",
        epilog=EXAMPLES["new"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("title", help="tiêu đề bài viết, trong dấu ngoặc kép")
    new.add_argument(
        "--unit",
        help="slug của đơn vị đăng tin (mặc định: site_unit trong frontnews.yaml, "
        "nếu không có thì đơn vị đầu tiên trong content/units.yaml)",
    )
    new.add_argument(
        "--section",
        help="thư mục chuyên mục trong content/, hoặc trang cho một trang cố định "
        "(mặc định: chuyên mục đầu tiên trong sections của frontnews.yaml, không có thì tin-tuc)",
    )
    new.add_argument("--site", default=".", help="thư mục trang web (mặc định: thư mục hiện tại)")
    new.set_defaults(run=run_new)
    related = commands.add_parser(
        "related",
        help="xem danh sách “Các tin tức khác” của một bài và lý do",
        epilog=EXAMPLES["related"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    related.add_argument("path", help="đường dẫn tệp bài viết, ví dụ content/tin-tuc/a.md")
    add_site_options(related, with_out=False)
    related.set_defaults(run=run_related)
    add_init_command(commands)
    add_schedule_command(commands)
    add_serve_command(commands)
    return parser


def add_serve_command(commands) -> None:
    help_text = "xem trước trang web khi đang viết: tự dựng lại và tải lại trình duyệt mỗi lần lưu tệp"
    serve = commands.add_parser(
        "serve",
        help=help_text,
        description=help_text,
        epilog=EXAMPLES["serve"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("site", nargs="?", default=".", help="thư mục trang web (mặc định: thư mục hiện tại)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (mặc định: 8000; 0: một cổng còn trống bất kỳ)")
    serve.add_argument(
        "--bind",
        default="127.0.0.1",
        help="địa chỉ nghe (mặc định: 127.0.0.1, chỉ máy này; 0.0.0.0: mọi máy trong mạng)",
    )
    serve.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        type=_allowed_host,
        metavar="TÊN",
        help="thêm một tên máy được mở trang xem trước (ngoài localhost, địa chỉ IP và --bind), "
        "ví dụ may-ban.local; “.example.vn”: mọi tên thuộc example.vn. Dùng lại được nhiều lần. "
        "Tên khác bị từ chối (403), để trang web lạ không đọc được bài nháp",
    )
    serve.add_argument(
        "--drafts",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="hiện bài nháp, có nhãn BẢN NHÁP (mặc định: có)",
    )
    serve.add_argument(
        "--future",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="hiện bài có ngày đăng trong tương lai, có nhãn CHƯA ĐĂNG (mặc định: có)",
    )
    serve.set_defaults(run=run_serve)


def _allowed_host(value: str) -> str:
    from ..serve.host_check import allowed_host_value

    try:
        return allowed_host_value(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_output_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="cách in lỗi: text (cho người đọc), json (cho chương trình khác), "
        "github (chú thích trên dòng lỗi trong GitHub Actions)",
    )
    sub.add_argument("--base-url", help="địa chỉ trang thay cho base_url trong frontnews.yaml, ví dụ cho bản xem trước")


def add_init_command(commands) -> None:
    help_text = "tạo một trang tin mới, dựng được ngay, kèm tệp xuất bản tự động cho GitHub và GitLab"
    init = commands.add_parser(
        "init",
        help=help_text,
        description=help_text,
        epilog=EXAMPLES["init"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("dir", help="thư mục trang mới (chưa có, hoặc trống)")
    init.add_argument("--name", required=True, help='tên đầy đủ của đơn vị, ví dụ "Ủy ban MTTQ Việt Nam phường X"')
    init.add_argument("--base-url", help="địa chỉ trang, ví dụ https://mttq-phuong-x.github.io/")
    init.add_argument("--now", help="ngày giờ của bài mẫu (mặc định: bây giờ, hoặc SOURCE_DATE_EPOCH)")
    site = init.add_argument_group("thông tin của đơn vị (ghi vào mục site: của frontnews.yaml)")
    for key, flag, text in IDENTITY_FLAGS:
        site.add_argument(flag, dest=f"site_{key}", metavar="TỆP" if key in ("logo", "banner") else "CHỮ", help=text)
    init.set_defaults(run=run_init)


IDENTITY_FLAGS = (  # (key of site:, flag, help)
    ("logo", "--logo", "tệp biểu trưng ở đầu trang (png, jpg, svg…), được chép vào static/"),
    ("banner", "--banner", "tệp băng ảnh nền đầu trang, được chép vào static/"),
    ("organization", "--organization", "tên đơn vị chủ quản ở chân trang (mặc định: --name)"),
    ("address", "--address", "địa chỉ trụ sở"),
    ("phone", "--phone", 'số điện thoại, ví dụ "0221 3 123 456"'),
    ("email", "--email", "thư điện tử, ví dụ mttq@phuong-x.gov.vn"),
    ("responsible", "--responsible", 'người chịu trách nhiệm nội dung, ví dụ "Nguyễn Văn A – Chủ tịch"'),
    ("license", "--license", "dòng giấy phép hoặc quyết định thành lập trang"),
)


def add_schedule_command(commands) -> None:
    help_text = "liệt kê các bài hẹn giờ đăng, với giờ Việt Nam (+07:00)"
    schedule = commands.add_parser(
        "schedule",
        help=help_text,
        description=help_text,
        epilog=EXAMPLES["schedule"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schedule.add_argument("site", nargs="?", default=".", help="thư mục trang web (mặc định: thư mục hiện tại)")
    schedule.add_argument("--now", help="tính từ thời điểm này thay cho bây giờ, ví dụ 2024-10-07T08:00+07:00")
    schedule.set_defaults(run=run_schedule)


def add_site_options(sub: argparse.ArgumentParser, with_out: bool) -> None:
    sub.add_argument("site", nargs="?", default=".", help="thư mục trang web (mặc định: thư mục hiện tại)")
    if with_out:
        sub.add_argument("--out", help="thư mục xuất bản (mặc định: SITE/public)")
    sub.add_argument("--drafts", action="store_true", help="đưa cả bài nháp (draft: true)")
    sub.add_argument("--future", action="store_true", help="đưa cả bài có ngày đăng trong tương lai")
    sub.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    sub.add_argument(
        "--now", help="cố định thời điểm hiện tại, ví dụ 2024-10-07T08:00+07:00 (hoặc đặt SOURCE_DATE_EPOCH)"
    )


def options_from(args: argparse.Namespace, write: bool) -> BuildOptions:
    root = Path(args.site).resolve()
    out = Path(args.out).resolve() if getattr(args, "out", None) else None
    base_url = getattr(args, "base_url", None)
    return BuildOptions(
        root=root,
        out=out,
        drafts=args.drafts,
        future=args.future,
        strict=args.strict,
        now=parse_now(args.now, os.environ),
        write=write,
        base_url=check_base_url(base_url) if base_url else None,
    )


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
    if not (options.root / CONTENT_DIR).is_dir() and not (options.root / CONFIG_FILE).is_file():
        print(
            f"frontnews: {options.root} không phải thư mục trang web (không có content/ hay frontnews.yaml).",
            file=sys.stderr,
        )
        return 2
    progress = Progress(sys.stderr) if sys.stderr.isatty() and args.format == "text" else None
    report = build(dataclasses.replace(options, progress=progress))
    if progress:
        progress.finish()
    print_report(report, write, args.format, root=options.root)
    return 0 if report.ok else 1


def run_serve(args: argparse.Namespace) -> int:
    from ..serve.server import PreviewServer, serve_until_interrupted  # watchdog is loaded only for serve

    root = Path(args.site).resolve()
    if not (root / CONTENT_DIR).is_dir() and not (root / CONFIG_FILE).is_file():
        print(
            f"frontnews: {root} không phải thư mục trang web (không có content/ hay frontnews.yaml).", file=sys.stderr
        )
        return 2
    server = PreviewServer(
        root, port=args.port, bind=args.bind, drafts=args.drafts, future=args.future, allowed_hosts=args.allowed_host
    )
    return serve_until_interrupted(server)


def run_init(args: argparse.Namespace) -> int:
    target = Path(args.dir).resolve()
    try:
        now = parse_now(args.now, os.environ) or dt.datetime.now(dt.UTC)
        identity = {key: getattr(args, f"site_{key}") for key, _, _ in IDENTITY_FLAGS}
        written = init_site(target, args.name, args.base_url, now, identity)
    except (InitError, ValueError) as exc:
        print(f"frontnews: {exc}", file=sys.stderr)
        return 1
    print(f"Đã tạo trang tin mới ở {args.dir}:")
    for relative in written:
        print(f"  {relative}")
    print(
        f"Tiếp theo:\n  cd {args.dir}\n  frontnews serve\n"
        "rồi mở http://127.0.0.1:8000/ để xem trước: trang tự tải lại mỗi lần lưu bài, lỗi hiện ngay trên "
        "trang; Ctrl-C để dừng.\n"
        "Đọc README.md trong thư mục mới để biết cách viết bài và xuất bản lên GitHub hoặc GitLab."
    )
    return 0


def run_schedule(args: argparse.Namespace) -> int:
    root = Path(args.site).resolve()
    try:
        now = parse_now(args.now, os.environ) or dt.datetime.now(dt.UTC)
    except ValueError as exc:
        print(f"frontnews: {exc}", file=sys.stderr)
        return 2
    site, problems = load_site(BuildOptions(root=root, future=True, now=now, write=False), NoState())
    for problem in sorted(problems, key=sort_key):
        print(problem, file=sys.stderr)
    for line in schedule_lines(upcoming(site.published, now, site.config.tz)):
        print(line)
    return 1 if any(p.is_error for p in problems) else 0


def run_new(args: argparse.Namespace) -> int:
    root = Path(args.site).resolve()
    now = dt.datetime.now(dt.UTC)
    try:
        path = write_new_article(root, args.title, args.unit, args.section, now)
    except NewArticleError as exc:
        print(f"frontnews: {exc}", file=sys.stderr)
        return 1
    print(path.relative_to(root).as_posix() if path.is_relative_to(root) else path)
    return 0


def run_related(args: argparse.Namespace) -> int:
    options = options_from(args, write=False)
    site, problems = load_site(options, NoState())
    wanted = Path(args.path).resolve()
    article = next((a for a in site.published if (options.root / a.source).resolve() == wanted), None)
    if article is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"frontnews: không có bài viết đã đăng nào ở {args.path}.", file=sys.stderr)
        return 1
    titles = {a.source: a.title for a in site.published}

    def words_of(source: str) -> dict[int, str]:
        """The terms of an article, named: read from its file again (the site was read without bodies)."""
        try:
            found = body_of(decode_text((options.root / source).read_bytes()))
        except (OSError, UnicodeError):
            found = None
        return words(titles[source], found[0] if found else "")

    config = site.config
    print(f"Các tin tức khác của “{article.title}”:")
    for line in explain(
        site.published, site.units.units, config.related_weights, config.related_count, article.source, words_of
    ):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
