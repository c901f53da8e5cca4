"""PyYAML's event stream made into plain Python data, with the line and column of every key
and value (`Located`), walked with a stack, never recursing: the work behind yamlread.py,
which says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    ScalarNode,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from crosswalk.problems import Location, Problem

MAX_DEPTH = 40
# What to do about a file nested deeper than MAX_DEPTH (the reader and the builder say it).
TOO_DEEP_HINT = "flatten the structure; no record in the format nests this deep"

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The characters a data file may not hold (control characters, lone surrogates, non-characters).
CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ud800-\udfff\ufffe\uffff]"
)
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
# YAML 1.1 also reads 03726 as octal, 0x7D6 as hex, 0b1 as binary, 2_006 with its underscores
# and 33:26 as base 60; a curator who writes them means the text (or a typo). An integer not
# written in plain decimal is kept as the text it was, so a number field refuses it.
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()

PathKey = tuple[str | int, ...]


@dataclass
class Located:
    """The data of one file and where each part of it was read."""

    path: str
    data: Any
    value_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def location(self, where: PathKey) -> Location:
        """The best location for a path: its key, else its value, else the nearest parent."""
        probe = tuple(where)
        while True:
            for table in (self.key_at, self.value_at):
                if probe in table:
                    line, column = table[probe]
                    return Location(self.path, line, column)
            if not probe:
                return Location(self.path, 1, 1)
            probe = probe[:-1]


def shorten(value: object, limit: int = 80) -> str:
    """A value as text short enough to quote in a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class StopReading(Exception):
    """The file cannot be read on: the first problem that stops the builder."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Open:
    """A mapping or list that is being filled."""

    __slots__ = ("child", "data", "path")

    def __init__(self, data: Any, path: PathKey) -> None:
        self.data = data  # a dict or a list
        self.path = path
        self.child: PathKey | None = None  # in a mapping: the path of the value after a key


class Builder:
    """Builds plain data from PyYAML events with a stack, never recursing."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.located = Located(shown, None)
        self.duplicates: list[Problem] = []

    def _stop(self, mark: Any, code: str, message: str, hint: str) -> StopReading:
        return StopReading(
            Problem(Location(self.shown, mark.line + 1, mark.column + 1), code, message, hint)
        )

    def run(self, text: str) -> Located:
        # The hot loop of loading a data folder, once per event: the common case (plain text
        # put in a list or under a key) stays inline, the rare and the refused go to methods.
        value_at = self.located.value_at
        key_at = self.located.key_at
        # PyYAML reads a plain scalar as something other than text (bool, int, float, null,
        # timestamp, merge key...) only if an implicit resolver is registered for its first
        # character; quoted and block scalars are always text.
        typed_first = _resolver.yaml_implicit_resolvers
        resolve_all = None in typed_first or bool(_resolver.yaml_path_resolvers)
        stack: list[_Open] = []  # the open containers, innermost last
        top: _Open | None = None
        documents = 0
        root: Any = None
        parser = _Parser(text)
        try:
            while True:
                event = parser.get_event()
                kind = type(event)
                value: Any
                if kind is ScalarEvent:
                    value = event.value
                    tag = event.tag
                    if (
                        tag is None
                        and event.implicit[0]
                        and (resolve_all or value[:1] in typed_first)
                    ):
                        tag = _resolver.resolve(ScalarNode, value, event.implicit)
                    if (
                        (tag is not None and tag != _STR_TAG)
                        or event.anchor is not None
                        or not value.isprintable()  # as is all CONTROL_CHARACTERS finds
                    ):
                        value = self._scalar(event, tag)
                elif kind is MappingEndEvent or kind is SequenceEndEvent:
                    stack.pop()
                    top = stack[-1] if stack else None
                    continue
                elif kind is MappingStartEvent or kind is SequenceStartEvent:
                    self._check_node(event)
                    if len(stack) >= MAX_DEPTH:
                        raise self._stop(
                            event.start_mark,
                            "E107",
                            f"the data is nested more than {MAX_DEPTH} levels deep",
                            TOO_DEEP_HINT,
                        )
                    value = {} if kind is MappingStartEvent else []
                elif kind is AliasEvent:
                    raise self._stop(
                        event.start_mark,
                        "E103",
                        "YAML aliases are not allowed",
                        "write the value out in full",
                    )
                elif kind is DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise self._stop(
                            event.start_mark,
                            "E101",
                            "the file holds more than one YAML document",
                            "remove the extra '---' line, or split the file",
                        )
                    continue
                elif event is None or kind is StreamEndEvent:
                    break
                else:
                    continue

                # Put the value in the innermost open container and record where it was.
                mark = event.start_mark
                at = (mark.line + 1, mark.column + 1)
                path: PathKey
                if top is None:
                    root = value
                    path = ()
                    value_at[path] = at
                else:
                    container = top.data
                    if type(container) is list:
                        path = (*top.path, len(container))
                        container.append(value)
                        value_at[path] = at
                    elif top.child is None:
                        # A key. Keys must be plain text, so that messages can name them.
                        if kind is not ScalarEvent:
                            raise self._stop(
                                event.start_mark,
                                "E101",
                                "a mapping key must be a plain word",
                                "use simple keys such as 'id' or 'title'",
                            )
                        key = value if type(value) is str else str(value)
                        path = (*top.path, key)
                        # Each earlier key's value is in the mapping by now, so a key that
                        # is already there appears twice.
                        if key in container:
                            self._duplicate(key, at, key_at[path])
                        else:
                            key_at[path] = at
                        top.child = path
                        continue
                    else:
                        path = top.child
                        top.child = None
                        if path[-1] not in container:
                            container[path[-1]] = value
                            value_at[path] = at
                if kind is not ScalarEvent:
                    top = _Open(value, path)
                    stack.append(top)
        finally:
            parser.dispose()
        self.located.data = root
        return self.located

    def _duplicate(self, key: str, at: tuple[int, int], first: tuple[int, int]) -> None:
        self.duplicates.append(
            Problem(
                Location(self.shown, *at),
                "E102",
                f"key '{shorten(key)}' appears twice in this mapping (first at line {first[0]})",
                "keep one of them; YAML would silently drop the first",
            )
        )

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            raise self._stop(
                event.start_mark,
                "E103",
                f"YAML anchor '&{event.anchor}' is not allowed",
                "write the value out in full",
            )
        if event.tag is not None and event.tag not in _PLAIN_TAGS:
            raise self._stop(
                event.start_mark,
                "E103",
                f"YAML tag '{event.tag}' is not allowed",
                "remove the tag",
            )

    def _scalar(self, event: ScalarEvent, tag: str | None) -> Any:
        """The value of a scalar, given its tag if known already."""
        self._check_node(event)
        value: str = event.value
        tag = tag or _resolver.resolve(ScalarNode, value, event.implicit)
        if tag == _MERGE_TAG:
            raise self._stop(
                event.start_mark,
                "E103",
                "YAML merge keys ('<<') are not allowed",
                "write the keys out in full",
            )
        bad = CONTROL_CHARACTERS.search(value)
        if bad:
            # Written as an escape in quotes ("\e", "\x00", "\u001b"): the file's text is clean
            # but the value is not, and it would reach terminals, pages and exports.
            raise self._stop(
                event.start_mark,
                "E107",
                f"the control character U+{ord(bad.group()):04X} is not allowed",
                "delete the escape sequence that writes it",
            )
        if tag == _STR_TAG:
            return value  # all that SafeConstructor does with text
        if tag == _INT_TAG and event.tag is None and not _DECIMAL.fullmatch(value):
            return value
        node = ScalarNode(tag, value, style=event.style)
        try:
            return _constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self._stop(
                event.start_mark,
                "E101",
                (exc.problem or "bad scalar").strip(),
                "quote the value to keep it as text",
            ) from None
        except (ValueError, OverflowError, KeyError) as exc:
            # Looks like a date or a number but is none: 2020-02-30, a time zone 25 hours
            # away, an integer of thousands of digits, or a value whose explicit tag does not
            # fit it (`!!bool x`, `!!int x`). PyYAML raises plain errors here.
            kind = tag.rsplit(":", 1)[-1]
            if event.tag is not None:
                message = f"'{shorten(value)}' is not a valid {kind}"
                shown = event.tag.replace("tag:yaml.org,2002:", "!!")
                hint = f"write a valid {kind}, or remove the tag '{shown}'"
            elif tag.endswith(":timestamp"):
                message = f"'{shorten(value)}' is not a valid date: {exc}"
                hint = "write a real date as YYYY-MM-DD, or quote the value to keep it as text"
            else:
                message = f"'{shorten(value)}' has too many digits to read as a number"
                hint = "quote the value to keep it as text"
            raise self._stop(event.start_mark, "E202", message, hint) from None
        finally:
            # The constructor caches every node it builds: shared by all files, it would keep
            # every node ever read alive, and the garbage collector would walk them all.
            _constructor.constructed_objects.pop(node, None)
            _constructor.recursive_objects.pop(node, None)
