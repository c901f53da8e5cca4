"""The fast writers behind the exports give exactly what the standard writers give.

`crosswalk.export.jsontext` lays out indented JSON in one pass (the standard library drops
its C encoder when there is an indent); the SSSOM header is written in pieces, once for
what every link set shares. Both are checked against the plain library calls on random input.
"""

from __future__ import annotations

import enum
import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswalk.export import jsontext, sssom


class Word(enum.StrEnum):
    a = "a\u00e9\n"


class Number(enum.IntEnum):
    x = 3


LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(),
    st.sampled_from([Word.a, Number.x]),
)
KEY = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
DATA = st.recursive(
    LEAF,
    lambda inner: st.one_of(
        st.lists(inner),
        st.tuples(inner, inner),
        st.dictionaries(st.text(), inner),
        st.dictionaries(KEY, inner),
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(DATA, st.booleans(), st.booleans())
def test_json_text_is_what_json_dumps_writes(data: Any, sort_keys: bool, ascii_only: bool) -> None:
    try:
        expected = json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=ascii_only)
    except TypeError as error:  # e.g. keys of mixed types to sort: the same error
        try:
            jsontext.dumps(data, sort_keys=sort_keys, ensure_ascii=ascii_only)
        except TypeError as ours:
            assert str(ours) == str(error)
            return
        raise AssertionError("json.dumps refused this, jsontext did not") from error
    assert jsontext.dumps(data, sort_keys=sort_keys, ensure_ascii=ascii_only) == expected


def test_json_text_leaves_unknown_types_to_json() -> None:
    import datetime

    for bad in ({"a": datetime.date(2020, 1, 1)}, [object()]):
        try:
            json.dumps(bad, indent=2)
        except TypeError as error:
            expected = str(error)
        try:
            jsontext.dumps(bad)
        except TypeError as ours:
            assert str(ours) == expected
        else:
            raise AssertionError(f"{bad!r} was written")


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
