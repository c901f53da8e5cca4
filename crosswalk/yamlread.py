"""Read one YAML file into plain Python data, remembering where every key and value was.

PyYAML's loaders keep the last of two equal keys, expand aliases (so an alias bomb eats all
memory), recurse on deep nesting and forget line numbers. This reader walks PyYAML's event
stream instead, which is flat and streaming, so that it can:

* refuse anchors, aliases, explicit tags and merge keys (curated data needs none of them);
* report a key that appears twice in one mapping;
* keep the line and column of every key and value, for messages people can act on;
* stop at a nesting depth and a file size far beyond any real data file.

The walk over the events is in yamlevents.py.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from crosswalk.problems import Location, Problem
from crosswalk.yamlevents import (
    CONTROL_CHARACTERS,
    MAX_DEPTH,
    TOO_DEEP_HINT,
    Builder,
    Located,
    StopReading,
)

MAX_BYTES = 8 * 1024 * 1024


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing what a curator could not have meant."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    Location(shown, 1, 1),
                    "E107",
                    f"the file is {size / 1048576:.1f} MB, "
                    f"over the {MAX_BYTES // 1048576} MB limit",
                    "split it into several files, or check that it is the file you meant",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(
                Location(shown),
                "E108",
                f"cannot read the file: {exc.strerror or exc}",
                "make it readable (chmod +r), or move it out of the data folder",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                Location(shown, 1, 1),
                "E104",
                "the file starts with a byte-order mark",
                "save it as UTF-8 without BOM",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                Location(shown, line, column),
                "E104",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8; retype the character if it came from a copy and paste",
            )
        ]
    bad = CONTROL_CHARACTERS.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return None, [
            Problem(
                Location(shown, line, column),
                "E107",
                f"the control character U+{ord(bad.group()):04X} is not allowed",
                "delete it; it is usually left over from a copy and paste",
            )
        ]
    return text, []


def parse(text: str, shown: str) -> tuple[Located | None, list[Problem]]:
    """Turn YAML text into a Located, or into the problems that stop it."""
    try:
        builder = Builder(shown)
        located = builder.run(text)
        return located, builder.duplicates
    except StopReading as stop:
        return None, [stop.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "not valid YAML").strip()
        at_end = mark is not None and mark.index >= len(text.rstrip())
        if exc.context_mark is not None and ("end of stream" in what or at_end):
            # An unclosed quote or bracket: point at where it was opened, not past the end.
            mark = exc.context_mark
            what = f"{(exc.context or '').strip()} that is never closed"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in what:
            # libyaml's own limit can trip before ours, while it scans ahead.
            return None, [
                Problem(
                    Location(shown, line, column),
                    "E107",
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    TOO_DEEP_HINT,
                )
            ]
        hint = "check the indentation and quoting near this line"
        lines = text.splitlines()
        if line > len(lines):
            # The parser stopped after the last line break: point at the end of the last line.
            line, column = max(len(lines), 1), len(lines[-1]) + 1 if lines else 1
        if "\t" in (lines[line - 1] if 0 < line <= len(lines) else "") or "tab" in what:
            hint = "indent with spaces, not tabs"
        elif "mapping values" in what:
            hint = "put the text in quotes if it contains a colon"
        return None, [Problem(Location(shown, line, column), "E101", what, hint)]
    except yaml.YAMLError as exc:
        return None, [
            Problem(Location(shown, 1, 1), "E101", str(exc).strip(), "check that the file is YAML")
        ]


def read(path: Path, shown: str) -> tuple[Located | None, list[Problem]]:
    """Read and parse one YAML file."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse(text, shown)
