"""The page the preview server shows instead of the site while the last rebuild failed."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..diagnostics import Diagnostic

# Styled inline: the page must look right even when no build ever succeeded (no site CSS yet).
_STYLE = """
body { margin: 0; font: 1rem/1.55 -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
       color: #1f1f1f; background: #f7f2f1; }
main { max-width: 60rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff;
       border-top: 6px solid #b71c1c; box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
h1 { margin-top: 0; color: #7f0000; font-size: 1.6rem; }
h2 { font-size: 1.15rem; margin-top: 1.5rem; }
ol { padding-left: 1.4rem; }
li { margin: .6rem 0; }
code, pre { font: .95rem/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.where { font-weight: bold; color: #7f0000; white-space: nowrap; }
.warning .where { color: #5b4300; }
pre { overflow-x: auto; padding: 1rem; background: #1f1f1f; color: #f5f5f5; border-radius: .25rem; }
.hint { color: #595959; }
"""


def error_page(diagnostics: Sequence[Diagnostic], crash: str = "") -> bytes:
    """A Vietnamese page listing every `file:line: FNxxx message`, or the exception that stopped the build."""
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if not d.is_error]
    if crash:
        title = "Có lỗi không mong đợi khi dựng trang"
        intro = (
            "frontnews gặp lỗi khi dựng lại trang. Máy chủ xem trước vẫn chạy: hãy sửa hoặc hoàn tác "
            "thay đổi vừa rồi rồi lưu tệp, trang này sẽ tự tải lại. Nếu lỗi vẫn còn, hãy gửi nội dung "
            "dưới đây cho người phụ trách kỹ thuật."
        )
        body = f"<pre>{escape(crash.rstrip())}</pre>"
    else:
        title = f"Chưa dựng được trang: {len(errors)} lỗi"
        intro = (
            "Trang web chưa được dựng lại vì nội dung có lỗi. Hãy sửa từng chỗ dưới đây rồi lưu tệp: "
            "trang này sẽ tự tải lại khi hết lỗi."
        )
        body = _list(errors, "error")
    if warnings:
        body += f"<h2>Cảnh báo ({len(warnings)})</h2>" + _list(warnings, "warning")
    html = f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} – frontnews</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{escape(title)}</h1>
<p>{escape(intro)}</p>
{body}
<p class="hint">Mỗi dòng ghi: tệp:dòng: mã lỗi và cách sửa. Bảng mã lỗi có trong README.</p>
</main>
</body>
</html>
"""
    return html.encode("utf-8")


def _list(diagnostics: Sequence[Diagnostic], kind: str) -> str:
    items = []
    for d in diagnostics:
        text = str(d)  # exactly what the terminal prints: `file:line: FNxxx message`
        cut = text.find(f": {d.code}")
        cut = len(text) if cut < 0 else cut + 2 + len(d.code)
        head, message = escape(text[:cut]), escape(text[cut:])
        items.append(f'<li class="{kind}"><code class="where">{head}</code>{message}</li>')
    return '<ol class="diagnostics">\n' + "\n".join(items) + "\n</ol>"
