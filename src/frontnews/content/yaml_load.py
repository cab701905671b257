"""Load YAML written by editors: scalars stay the text they typed, and keys written twice are seen.

YAML 1.1 turns `yes`, `off`, `10:45`, `0123` and `2024-09-31` into a boolean, a number or a date
(or a ValueError): a topic "yes" became "true", "0123" became 83. Front matter and units.yaml are
text for our own code to read (dates.py reads dates, articles.py reads `draft`), so their loaders
resolve nothing but null: every other plain scalar stays a string, as written. An explicit tag
(`!!int`, `!!timestamp`, `!foo`) has no constructor and is reported where it stands. Parsing stays
in libyaml when PyYAML has it (CSafeLoader): only the resolver and the constructor table change.
frontnews.yaml keeps YAML's types (`per_page: 10`) through TypedLoader, with the same checks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .characters import INVISIBLE_RE

if TYPE_CHECKING:  # mypy checks the loaders against PyYAML's pure-Python one
    _FAST = yaml.SafeLoader
    _Loader = yaml.SafeLoader
else:
    _FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it
    _Loader = object  # _Checked is a mixin: the loader comes after it in each class's bases

_NULL = "tag:yaml.org,2002:null"
# Null only: an empty value (`summary:`) or `~` / `null` is "not given", as before.
_TEXT_RESOLVERS = {first: [(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"))] for first in ("~", "n", "N", "")}
_TEXT_CONSTRUCTORS: dict[str | None, Any] = {
    tag: SafeConstructor.yaml_constructors[tag]
    for tag in (_NULL, "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
}
_TEXT_CONSTRUCTORS[None] = SafeConstructor.construct_undefined


class Document(NamedTuple):
    """A loaded YAML document and what the checks need of its nodes."""

    data: Any
    node: yaml.Node | None
    keys: tuple[tuple[yaml.ScalarNode, str], ...]  # every mapping key and its text as written, in order
    duplicates: tuple[tuple[yaml.ScalarNode, yaml.ScalarNode], ...]  # (first, again)
    scalars: tuple[yaml.ScalarNode, ...]  # for what YAML took from a value (a comment, an anchor)


class _Checked(_Loader):
    """Loader mixin: remember keys (and keys written twice) and scalars as they are built.

    PyYAML's own mapping keeps the last of two equal keys silently; the nodes still have both,
    with their marks.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.keys: list[tuple[yaml.ScalarNode, str]] = []
        self.duplicates: list[tuple[yaml.ScalarNode, yaml.ScalarNode]] = []
        self.scalars: list[yaml.ScalarNode] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[str, yaml.ScalarNode] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                # An invisible character never means anything in a key: "un<U+200B>it" is `unit`
                # (frontmatter.py warns FN118 where it stood).
                self.keys.append((key_node, key_node.value))
                key_node.value = INVISIBLE_RE.sub("", key_node.value)
                first = seen.setdefault(key_node.value, key_node)
                if first is not key_node:
                    self.duplicates.append((first, key_node))
        return super().construct_mapping(node, deep)

    def construct_scalar(self, node: yaml.ScalarNode | yaml.MappingNode) -> str:
        if isinstance(node, yaml.ScalarNode):  # SafeConstructor also reads the value of a mapping's `=` key
            self.scalars.append(node)
        return super().construct_scalar(node)


class TextLoader(_Checked, _FAST):
    """Front matter and units.yaml: strings, lists, mappings and null; libyaml's speed when present."""

    yaml_implicit_resolvers = _TEXT_RESOLVERS
    yaml_constructors = _TEXT_CONSTRUCTORS


class PureTextLoader(_Checked, yaml.SafeLoader):
    """TextLoader on the pure-Python parser (machines without libyaml; the tests run both)."""

    yaml_implicit_resolvers = _TEXT_RESOLVERS
    yaml_constructors = _TEXT_CONSTRUCTORS


class TypedLoader(_Checked, _FAST):
    """frontnews.yaml: YAML's own types (numbers, booleans), with the same checks."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's typed constructors raise ValueError (`title: 2024-13-01`): report it at the node."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise ConstructorError(None, None, f"cannot construct {node.tag}", node.start_mark) from exc


def load(text: str, loader: type) -> Document:
    """One document through `loader`; raises yaml.YAMLError with marks where PyYAML has them."""
    instance = loader(text)
    try:
        node = instance.get_single_node()
        data = instance.construct_document(node) if node is not None else None
        return Document(data, node, tuple(instance.keys), tuple(instance.duplicates), tuple(instance.scalars))
    finally:
        instance.dispose()


def key_lines(node: yaml.Node | None, first_line: int) -> dict[str, int]:
    """The file line of each top-level key, `key[i]` of list items, `[i]` and `[i].key` of a list."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[f"[{i}]"] = first_line + item.start_mark.line
            if isinstance(item, yaml.MappingNode):
                for key_node, _ in item.value:
                    if isinstance(key_node, yaml.ScalarNode):
                        lines.setdefault(f"[{i}].{key_node.value}", first_line + key_node.start_mark.line)
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


# Front matter is text: true/false fields are read by our code, with YAML 1.1's words for yes and
# no, which editors wrote before and which the README names.
_FLAGS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def read_flag(value: object) -> bool | None:
    """A true/false field as written (`true`, `Yes`, `off`…), or None when it is neither."""
    return _FLAGS.get(value.strip().lower()) if isinstance(value, str) else None
