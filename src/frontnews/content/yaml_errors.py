"""PyYAML's errors, told in Vietnamese at the file line: its English never reaches an editor.

The C loader (libyaml) and the pure-Python one word the same mistake differently; both wordings
map to one message here, so the two loaders report alike.
"""

from __future__ import annotations

import yaml

from ..diagnostics import Diagnostic, diag

_QUOTE_IT = "hãy đặt cả giá trị trong dấu ngoặc kép"
# (words of PyYAML's or libyaml's context or problem, Vietnamese); the first match wins, so the
# words that tell two mistakes apart (the context of a scan) come first.
_MESSAGES = (
    ("while scanning a directive", f"dòng bắt đầu bằng “%” có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    ("while scanning an anchor", f"giá trị bắt đầu bằng “&” có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    ("while scanning an alias", f"giá trị bắt đầu bằng “*” có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    ("undefined alias", f"giá trị bắt đầu bằng “*” có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    ("while scanning a tag", f"giá trị bắt đầu bằng “!” có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    ("could not determine a constructor", f"giá trị bắt đầu bằng “!” có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    ("while scanning a block scalar", f"giá trị bắt đầu bằng “|” hoặc “>” có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    (
        "escape",
        (
            'trong dấu ngoặc kép, dấu “\\” phải đi cùng một ký tự đặc biệt như \\n hay \\"; '
            "hãy viết “\\\\” cho một dấu “\\”, hoặc dùng dấu ngoặc đơn ' '"
        ),
    ),
    ("found unexpected end of stream", "dấu ngoặc kép hoặc ngoặc vuông chưa đóng"),
    ("mapping values are not allowed", f"có dấu hai chấm không đúng chỗ; nếu giá trị có “: ”, {_QUOTE_IT}"),
    ("could not find expected ':'", "thiếu dấu hai chấm sau tên trường"),
    ("cannot start any token", f"có ký tự không được phép ở đầu giá trị; {_QUOTE_IT}"),
    (
        "block sequence entries are not allowed",
        (
            "dấu gạch đầu dòng “- ” không đúng chỗ: mỗi mục của danh sách viết trên một dòng riêng, "
            f"thụt vào dưới tên trường; nếu “- ” là một phần của giá trị, {_QUOTE_IT}"
        ),
    ),
    ("expected ',' or ']'", "danh sách trong ngoặc vuông chưa đóng hoặc thiếu dấu phẩy"),
    ("expected ',' or '}'", "nhóm trong ngoặc nhọn chưa đóng hoặc thiếu dấu phẩy"),
    ("node content", f"giá trị bắt đầu bằng một dấu có nghĩa riêng trong YAML; {_QUOTE_IT}"),
    ("unhashable key", "tên trường phải là một chữ, không phải danh sách hay nhóm"),
    ("did not find expected key", "thụt lề không đều hoặc thiếu dấu gạch đầu dòng"),
    ("expected <block end>", "thụt lề không đều hoặc thiếu dấu gạch đầu dòng"),
    ("expected '-' indicator", "thụt lề không đều hoặc thiếu dấu gạch đầu dòng"),
    ("document", "có một dòng “---” hoặc “...” không đúng chỗ"),
    ("cannot construct", f"giá trị này không đọc được; {_QUOTE_IT}"),
)
_FALLBACK = f"cú pháp không hợp lệ; nếu giá trị có ký tự đặc biệt, {_QUOTE_IT}"


def translate(exc: yaml.YAMLError) -> str:
    """The Vietnamese for a PyYAML error; never its English."""
    words = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    for english, vietnamese in _MESSAGES:
        if english in words:
            return vietnamese
    return _FALLBACK


def syntax_error(exc: yaml.YAMLError, text: str, path: str, first_line: int, code: str) -> Diagnostic:
    """`exc` as a diagnostic at its file line; a tab in the indentation gets FN111."""
    line_index, column = _where(exc, text)
    line = first_line + line_index
    source_line = text.split("\n")[line_index] if line_index <= text.count("\n") else ""
    # The two loaders word tab errors differently; look at the text itself.
    if "\t" in source_line[:column] or "tab" in (getattr(exc, "problem", "") or ""):
        tab_column = source_line.find("\t") + 1 or column
        return diag("FN111", path, line, column=tab_column)
    detail = translate(exc)
    if code != "FN101":
        return diag(code, path, line, detail=f"{detail} (cột {column})")
    return diag(code, path, line, column=column, detail=detail)


def _where(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    """The 0-based line and 1-based column the error is best shown at."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or ""
        # An unclosed quote or a key without its colon: point at where it started.
        if exc.context_mark and ("end of stream" in problem or "expected ':'" in problem):
            mark = exc.context_mark
        return (mark.line, mark.column + 1) if mark else (0, 1)
    position = getattr(exc, "position", None)  # a ReaderError: an offset into the text
    if isinstance(position, int) and 0 <= position <= len(text):
        before = text[:position]
        return before.count("\n"), position - (before.rfind("\n") + 1) + 1
    return 0, 1
