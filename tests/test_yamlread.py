"""The located YAML reader: positions, and refusing what could hurt."""

from __future__ import annotations

import math
import re
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from crosswalk import yamlevents, yamlread


def test_positions_of_keys_and_values_are_kept() -> None:
    located, problems = yamlread.parse("a: 1\nb:\n  - x\n  - {c: d}\n", "f.yaml")
    assert problems == [] and located is not None
    assert located.data == {"a": 1, "b": ["x", {"c": "d"}]}
    assert located.key_at[("b", 1, "c")] == (4, 6)
    assert located.location(("b", 1, "missing")).line == 4


def test_scalars_resolve_like_yaml() -> None:
    located, _ = yamlread.parse('d: 2020-01-02\nn: null\nq: "2017"\nv: 2017\nt: true\n', "f")
    assert located is not None
    assert [type(v).__name__ for v in located.data.values()] == [
        "date",
        "NoneType",
        "str",
        "int",
        "bool",
    ]


# Scalars that PyYAML reads as something other than text, or nearly does.
TRICKY = [
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "True", "false", "FALSE", "tRue",
    "~", "null", "Null", "NULL", "nULL", "",
    "1_000", "0x1f", "0x_1F", "0o17", "0b101", "012", "09", "-0", "+1", "1,000", "1:20",
    "190:20:30",
    ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1e3", "1.0e3", "1.e+3", "-.5", "0.", "6.8523015e+5",
    "2020-01-01", "2020-1-1", "2020-01-01T10:00:00Z", "2001-12-14 21:59:43.10 -5",
    "title", "type", "notes", "1st", "2020", "-a", ".hidden", "+x", "o", "x", "a b",
]  # fmt: skip


def _same(ours: Any, theirs: Any) -> bool:
    if isinstance(theirs, float) and math.isnan(theirs):
        return isinstance(ours, float) and math.isnan(ours)
    return type(ours) is type(theirs) and ours == theirs


def _read(text: str) -> Any:
    located, problems = yamlread.parse(text, "f")
    assert problems == [] and located is not None
    return located.data


def _same_reading(ours: Any, theirs: Any) -> bool:
    """As PyYAML reads it, except an integer not written in decimal (0x1f, 012, 1_000, 1:20),
    which our reader keeps as the text it was."""
    if type(theirs) is int and type(ours) is str:
        return not re.fullmatch(r"[-+]?(0|[1-9][0-9]*)", ours) and yaml.safe_load(ours) == theirs
    return _same(ours, theirs)


@pytest.mark.parametrize(
    ("scalar", "quote"), [(s, q) for q in ("", "'", '"') for s in TRICKY if s or q]
)
def test_scalars_read_as_pyyaml_reads_them(scalar: str, quote: str) -> None:
    written = f"{quote}{scalar}{quote}"
    for text, pick in (
        (f"v: {written}\n", lambda data: data["v"]),
        (f"- {written}\n", lambda data: data[0]),
        (f"{{v: [{written}]}}\n", lambda data: data["v"][0]),
        (f"{written}\n", lambda data: data),
    ):
        ours, theirs = pick(_read(text)), pick(yaml.safe_load(text))
        assert _same_reading(ours, theirs), (text, ours, theirs)
    key_text = f"{written}: v\n"
    (key,) = _read(key_text)
    (their_key,) = yaml.safe_load(key_text)
    assert _same_reading(key, their_key) or key == str(their_key)


def test_empty_values_read_as_pyyaml_reads_them() -> None:
    text = "a:\nb: ''\nc: []\nd: {}\ne:\n- \n"
    assert (
        _read(text) == yaml.safe_load(text) == {"a": None, "b": "", "c": [], "d": {}, "e": [None]}
    )


@given(st.text(alphabet="0123456789_.,:+-eEoxXbBTtZz ~yYnNuUlLsSaArRfF", min_size=1, max_size=24))
def test_plain_scalars_read_as_pyyaml_reads_them(scalar: str) -> None:
    text = f"v: {scalar}\n"
    try:
        theirs = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, OverflowError):
        return  # not a plain scalar, or not a valid number or date: refused, tested elsewhere
    assert _same_reading(_read(text)["v"], theirs["v"]), text


def test_reading_keeps_no_scalar_alive() -> None:
    _read("a: 1\nb: 2020-01-01\nc: [true, null, 1.5]\n")
    assert yamlevents._constructor.constructed_objects == {}


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    tracemalloc.start()
    started = time.perf_counter()
    located, problems = yamlread.parse("\n".join(lines) + "\n", "bomb.yaml")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert located is None
    assert [(p.code, p.location.line) for p in problems] == [("E103", 1)]
    assert elapsed < 2 and peak < 20 * 1024 * 1024


def test_control_character_is_located(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("ok: 1\nbad: a\x07b\n", encoding="utf-8")
    text, problems = yamlread.read_text(path, "f.yaml")
    assert text is None
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [("E107", 2, 7)]


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(yamlread.MAX_BYTES + 1)
    located, problems = yamlread.read(path, "big.yaml")
    assert located is None and [p.code for p in problems] == ["E107"]
    assert "MB" in problems[0].message


def test_multiple_documents_are_refused() -> None:
    located, problems = yamlread.parse("a: 1\n---\nb: 2\n", "f")
    assert located is None and [(p.code, p.location.line) for p in problems] == [("E101", 2)]


def test_explicit_tags_and_merge_keys_are_refused() -> None:
    for text, line in (("a: !!python/object:os.system x\n", 1), ("a:\n  <<: {b: 1}\n", 2)):
        located, problems = yamlread.parse(text, "f")
        assert located is None and [(p.code, p.location.line) for p in problems] == [("E103", line)]
