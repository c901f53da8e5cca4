"""Set a few values in a YAML file by editing its text, leaving every other character alone.

Loading a file and dumping it again, even with a round-trip library, rewraps long lines,
requotes strings and moves comments. Here the file is composed (not constructed) only to learn
where each key and value starts and ends; a value that changes is replaced where it stands, on
one line, and a key that is missing is added on a line of its own after the key it follows,
at that key's indentation (or after it in a flow mapping). Nothing else in the file changes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # both count positions in characters


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


def compose(text: str) -> Node:
    """The node tree of one YAML document, with the position of every node."""
    node = yaml.compose(text, Loader=_Loader)
    if node is None:
        raise ValueError("the file holds no YAML document")
    return node


def scalar(value: str | dt.date) -> str:
    """A value as YAML on one line: plain where YAML reads it back as the same text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    dumped = yaml.safe_dump({"k": value}, allow_unicode=True, width=1 << 30)
    if dumped.startswith("k: ") and dumped.count("\n") == 1:
        return dumped[3:-1]
    return json.dumps(value, ensure_ascii=False)  # a JSON string is YAML in double quotes


def pairs(node: Node) -> dict[str, tuple[Node, Node]]:
    """A mapping's keys, each with its key and value nodes."""
    if not isinstance(node, MappingNode):
        raise ValueError("not a mapping")
    return {str(key.value): (key, value) for key, value in node.value}


def item(node: Node, key: str) -> Node:
    """The value of a key of a mapping."""
    return pairs(node)[key][1]


def items(node: Node) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise ValueError("not a list")
    return list(node.value)


def _end(text: str, key: Node, node: Node) -> int:
    """Where a key's value ends (a block list or mapping ends with its last value), or for
    an empty value, the key itself (the marks of an empty value point at what follows)."""
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    start, end = node.start_mark.index, node.end_mark.index
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1  # a block scalar's span takes in the line breaks after it
    return end if end > start else key.end_mark.index


def _line_end(text: str, at: int) -> int:
    """Where the line that holds position `at` ends, after its line break."""
    found = text.find("\n", at)
    return len(text) if found < 0 else found + 1


def set_values(text: str, node: Node, values: list[tuple[str, str | dt.date, str]]) -> list[Edit]:
    """The edits that give each (key, value, after) in `values` to the mapping `node`.

    A key already in the mapping has its value replaced; a new one goes after `after` (or
    after a key added before it in `values`), or at the end of the mapping.
    """
    existing = pairs(node)
    newline = "\r\n" if "\r\n" in text else "\n"
    added: dict[str, list[str]] = {}  # existing key -> new "key: value" after it, in order
    anchor_of: dict[str, str] = {}
    edits: list[Edit] = []
    last = str(node.value[-1][0].value) if node.value else ""
    for key, value, after in values:
        text_value = scalar(value)
        if key in existing:
            key_node, value_node = existing[key]
            start, end = value_node.start_mark.index, _end(text, key_node, value_node)
            if end == key_node.end_mark.index:  # an empty value: write it after the colon
                start = end = text.index(":", end) + 1
                text_value = " " + text_value
            edits.append(Edit(start, end, text_value))
            continue
        anchor = after if after in existing else anchor_of.get(after, last)
        anchor_of[key] = anchor
        added.setdefault(anchor, []).append(f"{key}: {text_value}")
    for anchor, lines in added.items():
        key_node, value_node = existing[anchor]
        end = _end(text, key_node, value_node)
        if isinstance(node, MappingNode) and node.flow_style:
            edits.append(Edit(end, end, "".join(f", {line}" for line in lines)))
            continue
        at = _line_end(text, end)
        indent = " " * key_node.start_mark.column
        block = "".join(f"{indent}{line}{newline}" for line in lines)
        if at == len(text) and text and not text.endswith("\n"):
            block = newline + block
        edits.append(Edit(at, at, block))
    return edits


def apply(text: str, edits: list[Edit]) -> str:
    """The text with each edit made; edits must not overlap."""
    out: list[str] = []
    done = 0
    for edit in sorted(edits):
        out += [text[done : edit.start], edit.text]
        done = edit.end
    return "".join([*out, text[done:]])
