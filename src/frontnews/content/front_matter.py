"""Split YAML front matter from the Markdown body, keeping each key's line number."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostic, diag

# The C loader is much faster; its marks and errors match the pure loader's.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FENCE = "---"


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Fields as loaded, the file line of each key (and `key[i]` for list items), the body."""

    fields: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    start_line: int = 1
    extra: dict = field(default_factory=dict)


def load_yaml(text: str, path: str, first_line: int, code: str = "FN101",
              loader: type = SafeLoader) -> tuple[Any, dict[str, int], list[Diagnostic]]:
    """Load one YAML document safely; report syntax errors at their file line.

    `first_line` is the file line of the YAML text's first line.
    """
    instance = loader(text)
    try:
        node = instance.get_single_node()
        data = instance.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        return None, {}, [_syntax_error(exc, text, path, first_line, code)]
    except yaml.YAMLError as exc:  # errors without a position
        return None, {}, [diag(code, path, first_line, column=1, detail=str(exc))]
    finally:
        instance.dispose()
    return data, _key_lines(node, first_line), []


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str, first_line: int,
                  code: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "end of stream" in (exc.problem or ""):
        mark = exc.context_mark  # an unclosed quote: point at where it opened
    line = first_line + (mark.line if mark else 0)
    column = (mark.column + 1) if mark else 1
    problem = exc.problem or ""
    # The two loaders word tab errors differently; look at the text itself.
    source_line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
    if "\t" in source_line[: column] or "tab" in problem:
        tab_column = source_line.find("\t") + 1 or column
        return diag("FN111", path, line, column=tab_column)
    detail = _translate(problem)
    if code != "FN101":
        return diag(code, path, line, detail=f"{detail} (cột {column})")
    return diag(code, path, line, column=column, detail=detail)


_PROBLEMS = {
    "mapping values are not allowed here": "có dấu hai chấm không đúng chỗ; nếu giá trị có “: ”, hãy đặt cả giá trị trong dấu ngoặc kép",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên trường",
    "found character that cannot start any token": "có ký tự không được phép ở đầu giá trị; hãy đặt giá trị trong dấu ngoặc kép",
    "found unexpected end of stream": "dấu ngoặc kép hoặc ngoặc vuông chưa đóng",
    "did not find expected key": "thụt lề không đều hoặc thiếu dấu gạch đầu dòng",
    "did not find expected ',' or ']'": "danh sách trong ngoặc vuông chưa đóng hoặc thiếu dấu phẩy",
    "mapping values are not allowed": "có dấu hai chấm không đúng chỗ; nếu giá trị có “: ”, hãy đặt cả giá trị trong dấu ngoặc kép",
    "expected ',' or ']'": "danh sách trong ngoặc vuông chưa đóng hoặc thiếu dấu phẩy",
    "expected <block end>": "thụt lề không đều hoặc thiếu dấu gạch đầu dòng",
}


def _translate(problem: str) -> str:
    for english, vietnamese in _PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return problem or "cú pháp không hợp lệ"


def _key_lines(node: yaml.Node | None, first_line: int) -> dict[str, int]:
    """Map each top-level key (and `key[i]` for list items, `key.sub` for a mapping's keys) to its file line."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[f"[{i}]"] = first_line + item.start_mark.line
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = key_node.value
        lines.setdefault(key, first_line + key_node.start_mark.line)
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                lines[f"{key}[{i}]"] = first_line + item.start_mark.line
        elif isinstance(value_node, yaml.MappingNode):  # `site:` of frontnews.yaml: "site.logo"
            for sub_node, _ in value_node.value:
                if isinstance(sub_node, yaml.ScalarNode):
                    lines.setdefault(f"{key}.{sub_node.value}", first_line + sub_node.start_mark.line)
    return lines


def _closing_fence(all_lines: list[str]) -> int | None:
    """The index of the line that closes the front matter; None without one (or without an opening)."""
    if not all_lines or all_lines[0].rstrip() != FENCE:
        return None
    for index in range(1, len(all_lines)):
        if all_lines[index].rstrip() in (FENCE, "..."):
            return index
    return None


def body_of(text: str) -> tuple[str, int] | None:
    """The body and the file line it starts on, as `split` finds them, without reading the YAML."""
    all_lines = text.split("\n")
    index = _closing_fence(all_lines)
    return None if index is None else ("\n".join(all_lines[index + 1:]), index + 2)


def split(text: str, path: str, loader: type = SafeLoader) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Split `---`-fenced YAML from the body. `text` is already NFC with LF line ends."""
    all_lines = text.split("\n")
    if not all_lines or all_lines[0].rstrip() != FENCE:
        return None, [diag("FN103", path, 1)]
    index = _closing_fence(all_lines)
    if index is None:
        return None, [diag("FN114", path, 1)]
    yaml_text = "\n".join(all_lines[1:index])
    data, lines, problems = load_yaml(yaml_text, path, first_line=2, loader=loader)
    if problems:
        return None, problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [diag("FN112", path, 2)]
    body = "\n".join(all_lines[index + 1:])
    return FrontMatter(data, lines, body, body_line=index + 2), []
