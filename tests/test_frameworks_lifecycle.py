"""A framework's lifecycle and rating scale, and its rating characteristics: the rules that
check them (each on a copy of the fixture project, with the exact code and line) and how they
reach the RDF graph and our Turtle, JSON-LD and N-Triples writers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib.namespace
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS

from crosswalk import pipeline, shacl
from crosswalk.export import rdfformats
from crosswalk.namespaces import CW, Iris

DATE = rdflib.namespace.XSD.date

# A second framework for the fixture project; each test changes one part of it.
EXTRA = """\
framework:
  id: extra
  title: A framework with a lifecycle and a rating scale
  series: example
  version: "2"
  publisher: Example Regulator
  jurisdiction: wales
  rating_scale:
    - {id: top, title: Top, title_cy: Brig}
    - {id: low, title: Low}
  lifecycle:
    stage: draft
    published: 2026-03-24
    consultation_closes: 2026-06-12
    sources:
      - {source: doc-b, locator: "Inspecting kind homes"}
    notes: When it will come into force is not known.
criteria:
  - id: K1
    level: kloe
    title: Is it kind?
    title_cy: A yw'n garedig?
    topics: [Kindness, Respect]
    verification: secondary
  - id: K1-T1
    parent: K1
    level: rating_characteristic
    rating: top
    title: Everyone is kind.
    text: Everyone is kind, all of the time.
    verification: secondary
"""


def check(project: Path, text: str) -> list[tuple[str, str, int]]:
    """Add the framework text to the project; its problems as (code, file, line)."""
    (project / "frameworks" / "extra.yaml").write_text(text, encoding="utf-8")
    checked = pipeline.check(project, "data")
    return sorted((p.code, p.location.path, p.location.line) for p in checked.problems)


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line of the text that holds the needle."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def changed(old: str, new: str, text: str = EXTRA) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


FILE = "data/frameworks/extra.yaml"


def test_the_framework_as_written_is_valid(project: Path) -> None:
    assert check(project, EXTRA) == []


# Lifecycle ------------------------------------------------------------------------------------


def test_superseded_needs_superseded_by(project: Path) -> None:
    text = changed("stage: draft", "stage: superseded")
    assert check(project, text) == [("E309", FILE, line_of(text, "stage: superseded"))]


def test_superseded_by_names_a_declared_framework(project: Path) -> None:
    text = changed("stage: draft", "stage: superseded\n    superseded_by: regg")
    assert check(project, text) == [("E302", FILE, line_of(text, "superseded_by:"))]


def test_a_framework_is_not_superseded_by_itself(project: Path) -> None:
    text = changed("stage: draft", "stage: superseded\n    superseded_by: extra")
    assert check(project, text) == [("E309", FILE, line_of(text, "superseded_by:"))]


def test_superseded_by_a_declared_framework_is_valid_and_in_the_graph(project: Path) -> None:
    text = changed(
        "stage: draft", "stage: superseded\n    superseded_by: reg\n    superseded_from: 2027-01-01"
    )
    assert check(project, text) == []
    graph = pipeline.load_clean(project, "data").graph
    assert graph is not None
    old, new = Iris().framework("extra"), Iris().framework("reg")
    assert (old, DCTERMS.isReplacedBy, new) in graph
    assert (new, DCTERMS.replaces, old) in graph
    assert graph.value(old, CW.supersededFrom) == Literal("2027-01-01", datatype=DATE)


@pytest.mark.parametrize("stage", ["draft", "in_force"])
@pytest.mark.parametrize("key", ["superseded_by: reg", "superseded_from: 2027-01-01"])
def test_only_a_superseded_framework_names_its_successor(
    project: Path, stage: str, key: str
) -> None:
    text = changed("stage: draft", f"stage: {stage}\n    {key}")
    assert check(project, text) == [("E309", FILE, line_of(text, key))]


def test_a_lifecycle_cites_a_declared_source(project: Path) -> None:
    text = changed("source: doc-b", "source: doc-z")
    assert check(project, text) == [("E306", FILE, line_of(text, "doc-z"))]


def test_a_framework_without_a_lifecycle_is_refused(project: Path) -> None:
    start, end = EXTRA.index("  lifecycle:"), EXTRA.index("criteria:")
    text = EXTRA[:start] + EXTRA[end:]
    assert check(project, text) == [("E204", FILE, line_of(text, "framework:"))]


def test_a_stage_outside_its_list_is_refused(project: Path) -> None:
    text = changed("stage: draft", "stage: consultation")
    assert check(project, text) == [("E203", FILE, line_of(text, "stage:"))]


# Rating scale and rating characteristics -------------------------------------------------------


def test_a_rating_scale_of_plain_names_is_refused(project: Path) -> None:
    """The format before rating levels had ids: each level is now a mapping."""
    text = changed("    - {id: low, title: Low}\n", "    - Low\n")
    assert check(project, text) == [("E202", FILE, line_of(text, "- Low"))]


def test_a_rating_level_is_listed_once(project: Path) -> None:
    text = changed("{id: low, title: Low}", "{id: top, title: Low}")
    assert check(project, text) == [("E301", FILE, line_of(text, "title: Low"))]


def test_a_rating_is_a_level_of_the_scale(project: Path) -> None:
    text = changed("rating: top", "rating: good")
    assert check(project, text) == [("E203", FILE, line_of(text, "rating: good"))]


def test_a_rating_characteristic_has_a_rating(project: Path) -> None:
    text = changed("    rating: top\n", "")
    assert check(project, text) == [("E309", FILE, line_of(text, "rating_characteristic"))]


def test_a_rating_characteristic_has_a_parent(project: Path) -> None:
    text = changed("    parent: K1\n", "")
    assert check(project, text) == [("E309", FILE, line_of(text, "rating_characteristic"))]


def test_only_a_rating_characteristic_has_a_rating(project: Path) -> None:
    text = changed("    topics: [Kindness, Respect]\n", "    rating: low\n")
    assert check(project, text) == [("E309", FILE, line_of(text, "rating: low"))]


def test_a_rating_needs_a_scale(project: Path) -> None:
    start, end = EXTRA.index("  rating_scale:"), EXTRA.index("  lifecycle:")
    text = EXTRA[:start] + EXTRA[end:]
    assert check(project, text) == [("E203", FILE, line_of(text, "rating: top"))]


# The graph and our writers ---------------------------------------------------------------------


@pytest.fixture
def graph(project: Path) -> Graph:
    assert check(project, EXTRA) == []
    built = pipeline.load_clean(project, "data").graph
    assert built is not None
    return built


def test_lifecycle_and_ratings_are_in_the_graph(graph: Graph) -> None:
    iris = Iris()
    framework, scale = iris.framework("extra"), iris.rating_scale("extra")
    top, low = iris.rating_level("extra", "top"), iris.rating_level("extra", "low")
    assert graph.value(framework, CW.stage) == Literal("draft")
    assert graph.value(framework, DCTERMS.issued) == Literal("2026-03-24", datatype=DATE)
    assert graph.value(framework, CW.consultationCloses) == Literal("2026-06-12", datatype=DATE)
    assert graph.value(framework, CW.ratingScale) == scale
    assert set(graph.objects(scale, SKOS.hasTopConcept)) == {top, low}
    assert [graph.value(level, CW.rank).toPython() for level in (top, low)] == [1, 2]
    assert set(graph.objects(top, SKOS.prefLabel)) == {
        Literal("Top", lang="en"),
        Literal("Brig", lang="cy"),
    }
    characteristic = iris.criterion("extra:K1-T1")
    assert graph.value(characteristic, CW.rating) == top
    kloe = iris.criterion("extra:K1")
    assert set(graph.objects(kloe, CW.topic)) == {
        Literal("Kindness", lang="en"),
        Literal("Respect", lang="en"),
    }
    assert Literal("A yw'n garedig?", lang="cy") in set(graph.objects(kloe, SKOS.prefLabel))


def test_the_shapes_catch_a_successor_on_a_framework_in_force(project: Path) -> None:
    assert check(project, EXTRA) == []
    checked = pipeline.load_clean(project, "data")
    graph = checked.graph
    assert graph is not None
    graph.add((Iris().framework("extra"), DCTERMS.isReplacedBy, Iris().framework("reg")))
    problems = shacl.check(graph, checked.corpus)
    assert {(p.code, p.location.path, p.location.line) for p in problems} == {
        ("E401", FILE, line_of(EXTRA, "framework:"))
    }


@pytest.mark.parametrize("fmt", sorted(rdfformats.FORMATS))
def test_our_writers_keep_welsh_labels_and_the_graph(project: Path, fmt: str) -> None:
    assert check(project, EXTRA) == []
    checked = pipeline.load_clean(project, "data")
    assert checked.triples is not None and checked.graph is not None
    text = rdfformats.FORMATS[fmt](checked.triples)
    label = Iris().criterion("extra:K1")
    if fmt == "turtle":
        assert '"A yw\'n garedig?"@cy' in text
    elif fmt == "ntriples":
        assert f'<{label}> <{SKOS.prefLabel}> "A yw\'n garedig?"@cy .\n' in text
    else:
        nodes = {node["@id"]: node for node in json.loads(text)["@graph"]}
        assert {"@language": "cy", "@value": "A yw'n garedig?"} in nodes[str(label)][
            "skos:prefLabel"
        ]
    parsed = Graph().parse(data=text, format={"jsonld": "json-ld", "ntriples": "nt"}.get(fmt, fmt))
    assert isomorphic(parsed, checked.graph)
