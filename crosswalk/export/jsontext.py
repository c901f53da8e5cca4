"""Blocks of indented JSON laid out as `json.dumps(data, indent=2)` lays them out, for the
JSON-LD writer (export/rdfformats.jsonld), which spells each node once and puts the document
together from finished texts.

The standard library only uses its C encoder when there is no indent; with an indent it falls
back to a chain of Python generators, one per nesting level, that every token passes through.
That is part of why our RDF writers are 17-25 times faster than rdflib's serialisers (measured
and explained in docs/architecture.md); the escaping of strings is still json's own C
function. Anything else that writes JSON uses the standard library.
"""

from __future__ import annotations

INDENT = "  "
# For each depth: the line break and indent that start an item there, and the same after a comma.
_LEVELS = tuple(("\n" + INDENT * depth, ",\n" + INDENT * depth) for depth in range(32))


def _level(depth: int) -> tuple[str, str]:
    """_LEVELS[depth], for any depth."""
    if depth < len(_LEVELS):
        return _LEVELS[depth]
    return "\n" + INDENT * depth, ",\n" + INDENT * depth


def block(
    items: list[str], depth: int, brackets: str = "[]", before: str = "", after: str = ""
) -> str:
    """A list (or, with brackets "{}", an object) at `depth` from its items' finished texts,
    laid out as `json.dumps(..., indent=2)` lays it out: each item on its own line, one level
    deeper. `before` and `after` are joined on in the same pass, which saves copying a large
    block again."""
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
