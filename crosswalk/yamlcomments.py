"""Comments in a YAML file: where they are, what each stands above, and putting them back.

A comment is found wherever YAML reads one: a `#` at the start of a line or after a space,
outside every scalar. Each is tied to the key or list item that starts after it (a comment at
the end of a line, to the first key or item on that line), to START when nothing comes before
it, or to END when nothing comes after it. `place` writes each comment back on its own line
above what it is tied to, at that line's indentation, with a blank line before it if it had
one. (ruamel.yaml's round-trip loader ties a comment to the value before it instead, so that a
section heading above a record would follow the previous record's last key when keys move.)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import yaml

from crosswalk import yamlread
from crosswalk.yamlevents import Located, PathKey

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # both count positions in characters

START: PathKey = ("<start>",)  # before the first key of the file
END: PathKey = ("<end>",)  # after the last value of the file


@dataclass(frozen=True)
class Comment:
    """A comment: its text from '#', the key or list item it stands above (or START or END),
    and whether a blank line came before it."""

    text: str
    anchor: PathKey
    blank_before: bool


def _scalar_spans(text: str) -> tuple[list[int], list[int]]:
    """Where each scalar's text is (a '#' there is not a comment): starts and ends, sorted.
    A block scalar's span starts on the line after its `>` or `|`, whose line may end with a
    comment."""
    spans = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.ScalarEvent):
            assert event.start_mark is not None and event.end_mark is not None
            start, end = event.start_mark.index, event.end_mark.index
            if event.style in ("|", ">"):
                line_end = text.find("\n", start)
                start = end if line_end < 0 else min(line_end, end)
            spans.append((start, end))
    spans.sort()
    return [s for s, _ in spans], [e for _, e in spans]


_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)


def find(text: str, located: Located) -> list[Comment]:
    """Every comment of a file, each tied to the key or list item after it."""
    starts, ends = _scalar_spans(text)
    nodes = sorted(
        [(*at, len(path), path) for path, at in located.key_at.items()]
        + [
            (*at, len(path), path)
            for path, at in located.value_at.items()
            if path and isinstance(path[-1], int)
        ]
    )
    positions = [(line, column) for line, column, _, _ in nodes]
    lines = text.split("\n")
    found: list[Comment] = []
    for match in _HASH.finditer(text):
        at = match.start()
        inside = bisect.bisect_right(starts, at) - 1
        if inside >= 0 and at < ends[inside]:
            continue
        line = text.count("\n", 0, at)  # 0-based
        line_start = text.rfind("\n", 0, at) + 1
        own_line = not text[line_start:at].strip()
        here = (line + 1, at - line_start + 1)  # 1-based, as the reader counts
        if own_line:
            anchor_at = bisect.bisect_right(positions, (here[0], 1 << 30))
        else:
            on_line = bisect.bisect_left(positions, (here[0], 0))
            ahead = on_line < len(nodes) and nodes[on_line][0] == here[0]
            anchor_at = on_line if ahead else bisect.bisect_right(positions, here)
        if anchor_at == 0:
            anchor = START
        elif anchor_at >= len(nodes):
            anchor = END
        else:
            anchor = nodes[anchor_at][3]
        blank = own_line and line > 0 and not lines[line - 1].strip() and anchor != START
        end = text.find("\n", at)
        found.append(Comment(text[at : len(text) if end < 0 else end].rstrip(), anchor, blank))
    return found


def place(bare: str, kept: list[Comment]) -> str:
    """The dumped text with each comment on its own line above what it is tied to."""
    if not kept:
        return bare
    lines = bare.split("\n")[:-1]  # the dump ends with a line break
    located, _ = yamlread.parse(bare, "")
    assert located is not None
    above: dict[int, list[str]] = {}
    for comment in kept:
        if comment.anchor == START:
            line = 0
        elif comment.anchor == END:
            line = len(lines)
        elif isinstance(comment.anchor[-1], int):
            line = located.value_at[comment.anchor][0] - 1
        else:
            line = located.key_at[comment.anchor][0] - 1
        below = lines[line] if line < len(lines) else ""
        column = len(below) - len(below.lstrip(" "))  # the indentation of the line below
        block = above.setdefault(line, [])
        if comment.blank_before and block[-1:] != [""] and (block or line > 0):
            block.append("")
        block.append(" " * column + comment.text)
    out: list[str] = []
    for number, text in enumerate([*lines, None]):
        out += above.get(number, [])
        if text is not None:
            out.append(text)
    return "\n".join(out) + "\n"
