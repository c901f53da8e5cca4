"""The fast writers behind the exports give exactly what the standard writers give.

`crosswalk.export.jsontext` lays out blocks of indented JSON for the JSON-LD writer (the
standard library drops its C encoder when there is an indent); the SSSOM header is written in
pieces, once for what every link set shares. Both are checked against the plain library calls
on random input.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswalk.export import jsontext, sssom

ROWS = st.dictionaries(st.text(), st.lists(st.text(), max_size=4), max_size=5)


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_blocks_put_together_are_what_json_dumps_writes(rows: dict[str, list[str]]) -> None:
    """The JSON-LD writer puts its document together from `block`s of finished texts: an
    object of lists so made is exactly json.dumps(..., indent=2)."""
    items = [
        f"{json.dumps(key)}: {jsontext.block([json.dumps(v) for v in values], 1)}"
        for key, values in rows.items()
    ]
    assert jsontext.block(items, 0, "{}") == json.dumps(rows, indent=2)


@given(st.integers(min_value=1, max_value=45), st.text())
def test_blocks_nest_past_the_prepared_depths(depth: int, leaf: str) -> None:
    data: Any = [leaf]
    text = jsontext.block([json.dumps(leaf)], depth - 1)
    for level in range(depth - 2, -1, -1):
        data = [data]
        text = jsontext.block([text], level)
    assert text == json.dumps(data, indent=2)


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def _whole(meta: dict[str, Any]) -> str:
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return "".join(f"#{line}\n" for line in dumped.splitlines())


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(TEXT, TEXT, min_size=1, max_size=5), TEXT, TEXT, st.one_of(st.none(), TEXT))
def test_sssom_header_in_pieces_is_the_header_in_one(
    curies: dict[str, str], set_id: str, title: str, description: str | None
) -> None:
    meta: dict[str, Any] = {
        "curie_map": curies,
        "mapping_set_id": set_id,
        "mapping_set_title": title,
        "license": sssom.LICENSE,
        "creator_label": ["crosswalk curators"],
        "extension_definitions": [
            {"slot_name": n, "property": p, "type_hint": h} for n, p, h in sssom.EXTENSIONS
        ],
    }
    pieces = (
        sssom._commented({"curie_map": curies})
        + sssom._commented({"mapping_set_id": set_id, "mapping_set_title": title})
        + sssom._FIXED
    )
    if description:
        meta["mapping_set_description"] = description
        pieces += sssom._commented({"mapping_set_description": description})
    assert _whole(meta) == pieces
