"""Edits to the fixture project, and the report a run without any cache gives, for the tests
of the caches (tests/test_incremental.py, tests/test_editcheck.py)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from crosswalk import pipeline, rdf
from crosswalk.namespaces import CW, Iris

ROOT = Path(__file__).resolve().parent.parent
Edit = Callable[[Path], None]


def reference(root: Path) -> list[str]:
    """The problems of a run without any cache (the whole graph made and validated)."""
    return [p.render(strict=True) for p in pipeline.check(root, "data").problems]


def replace(relative: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def delete(relative: str) -> Edit:
    return lambda root: (root / relative).unlink()


NEW_LINK = """  - id: w-9
    subject: warm:meetings
    relation: embodies
    object: hub:kindness
    strength: weak
    rationale: Added in a test.
    sources:
      - {source: doc-a, locator: "Added"}
    status: proposed
    author: tester
    created: 2026-01-01
"""

EDITS: dict[str, Edit] = {
    "a record added": lambda root: (root / "links" / "warm.yaml").write_text(
        (root / "links" / "warm.yaml").read_text("utf-8") + NEW_LINK, "utf-8"
    ),
    "a record removed": replace("models/warm.yaml", "  - id: meetings", "  - id: meetings-gone"),
    "a record renamed": replace("principles.yaml", "id: voice", "id: voices"),
    "an id duplicated across files": replace("links/bright.yaml", "id: b-1", "id: w-1"),
    "a reference broken in another file": replace(
        "links/warm.yaml", "object: hub:kindness", "object: hub:kindnes"
    ),
    "a cited source removed": replace("sources.yaml", "id: doc-a", "id: doc-z"),
    "a file deleted": delete("models/bright.yaml"),
    "a file made invalid YAML": replace(
        "frameworks/other.yaml",
        ":",
        ": [",
    ),
    "a comment-only edit": lambda root: (root / "links" / "hub.yaml").write_text(
        "# a comment\n" + (root / "links" / "hub.yaml").read_text("utf-8"), "utf-8"
    ),
    "a value changed": replace("links/warm.yaml", "strength: strong", "strength: weak"),
}


# The edits that leave the data with problems (the others keep it valid).
BREAKING = {
    "a record removed",
    "a record renamed",
    "an id duplicated across files",
    "a reference broken in another file",
    "a cited source removed",
    "a file deleted",
    "a file made invalid YAML",
}


def generate(out: Path, copies: int = 2) -> Path:
    """The bundled data `copies` times over (benchmarks/generate.py), a connected corpus."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(ROOT / "mappings", copies, out)
    return out


def without_strength(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the shapes find something: the link `w-1` of the fixture project loses its
    strength triple (an E401 at the link)."""
    real = rdf.emit
    link = Iris().link("w-1")

    def emit(corpus, add, base=rdf.DEFAULT_BASE, files=None):  # type: ignore[no-untyped-def]
        def kept(triple):  # type: ignore[no-untyped-def]
            if not (triple[0] == link and triple[1] == CW.strength):
                add(triple)

        real(corpus, kept, base, files)

    monkeypatch.setattr(rdf, "emit", emit)


def weak_breaks_element(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the shapes' findings depend on a link's strength: a weak link gives the element
    `warm:welcome` a second, wrong `skos:broader` (a triple the link file makes about it)."""
    real = rdf.emit
    element = Iris().element("warm:welcome")

    def emit(corpus, add, base=rdf.DEFAULT_BASE, files=None):  # type: ignore[no-untyped-def]
        strength = []

        def kept(triple):  # type: ignore[no-untyped-def]
            if triple[1] == CW.strength:
                strength.append(str(triple[2]))
            add(triple)
            if triple[0] == element and strength[-1:] == ["weak"]:
                add((element, SKOS.broader, Literal("not an element")))

        real(corpus, kept, base, files)

    monkeypatch.setattr(rdf, "emit", emit)
