"""The located YAML reader: positions, and refusing what could hurt."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from crosswalk import yamlread


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


def test_control_character_is_located() -> None:
    text, problems = _text(tmp_text="ok: 1\nbad: a\x07b\n")
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


def _text(tmp_text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_text(tmp_text, encoding="utf-8")
        return yamlread.read_text(path, "f.yaml")
