"""Indented JSON text, exactly as `json.dumps(data, indent=2, ...)` writes it, several times faster.

The standard library only uses its C encoder when there is no indent; with an indent it falls
back to a chain of Python generators, one per nesting level, that every token passes through.
This writer lays out the same text in one recursive pass and leaves the escaping of strings to
the C functions json itself uses. Data it does not know (anything but dicts, lists, tuples,
strings, numbers, booleans and None) goes to `json.dumps` whole, so its answer and its errors
are always the standard library's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

INDENT = "  "
# For each depth: the line break and indent that start an item there, and the same after a comma.
_LEVELS = tuple(("\n" + INDENT * depth, ",\n" + INDENT * depth) for depth in range(32))


def _level(depth: int) -> tuple[str, str]:
    """_LEVELS[depth], for any depth."""
    if depth < len(_LEVELS):
        return _LEVELS[depth]
    return "\n" + INDENT * depth, ",\n" + INDENT * depth


def _strings(quote: Callable[[str], str], items: Sequence[Any]) -> list[str] | None:
    """Every item quoted at once, if all are strings (as in most lists that start with one)."""
    try:
        return list(map(quote, items))
    except TypeError:  # not a string after all
        return None


class _Unknown(Exception):
    """Something json.dumps has to judge: a type this writer does not lay out."""


def _float(value: float) -> str:
    # json's own spelling, including its non-standard NaN and Infinity.
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """A dict key as json turns it into a string (before it is quoted); also how a scalar
    other than a string is written as a value. True and False are checked before int."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise _Unknown


def _layout(data: object, quote: Callable[[str], str], sort_keys: bool) -> str:
    def scalar(value: object) -> str:
        # A string is quoted; any other scalar is written as json writes it as a key.
        return quote(value) if isinstance(value, str) else _key(value)

    def text(value: object, depth: int) -> str:
        """A value's text, laid out at `depth`."""
        if isinstance(value, dict):
            if not value:
                return "{}"
            lines = []
            for key, item in sorted(value.items()) if sort_keys else value.items():
                name = quote(key if type(key) is str else _key(key))
                if type(item) is str:
                    lines.append(f"{name}: {quote(item)}")
                elif isinstance(item, dict | list | tuple):
                    lines.append(f"{name}: {text(item, depth + 1)}")
                else:
                    lines.append(f"{name}: {scalar(item)}")
            opening, closing = "{", "}"
        elif isinstance(value, list | tuple):
            if not value:
                return "[]"
            quoted = _strings(quote, value) if type(value[0]) is str else None
            if quoted is not None:
                lines = quoted
            else:
                lines = [
                    quote(item)
                    if type(item) is str
                    else text(item, depth + 1)
                    if isinstance(item, dict | list | tuple)
                    else scalar(item)
                    for item in value
                ]
            opening, closing = "[", "]"
        else:
            return scalar(value)
        try:
            inner, separator = _LEVELS[depth + 1]
        except IndexError:
            inner, separator = _level(depth + 1)
        return f"{opening}{inner}{separator.join(lines)}{_level(depth)[0]}{closing}"

    return text(data, 0)


def dumps(data: object, *, sort_keys: bool = False, ensure_ascii: bool = True) -> str:
    """`json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)`."""
    quote = encode_basestring_ascii if ensure_ascii else encode_basestring
    try:
        return _layout(data, quote, sort_keys)
    except (_Unknown, RecursionError):
        # json.dumps gives the answer (or the error: say, a circular reference) itself.
        return json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)


def block(
    items: list[str], depth: int, brackets: str = "[]", before: str = "", after: str = ""
) -> str:
    """A list (or, with brackets "{}", an object) at `depth` from its items' finished texts,
    laid out as `dumps` lays it out: each item on its own line, one level deeper. `before`
    and `after` are joined on in the same pass, which saves copying a large block again."""
    if not items:
        return before + brackets + after
    try:
        inner, separator = _LEVELS[depth + 1]
    except IndexError:
        inner, separator = _level(depth + 1)
    outer = _level(depth)[0]
    if not (before or after):
        return f"{brackets[0]}{inner}{separator.join(items)}{outer}{brackets[1]}"
    if len(items) == 1:
        return f"{before}{brackets[0]}{inner}{items[0]}{outer}{brackets[1]}{after}"
    first, *middle, last = items
    return separator.join(
        [f"{before}{brackets[0]}{inner}{first}", *middle, f"{last}{outer}{brackets[1]}{after}"]
    )
