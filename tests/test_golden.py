"""Golden files: whole outputs of the fixture project, compared with committed copies.

Four pages of the fixture's site (a framework, a criterion, a model, a report), its JSON-LD
and its SSSOM mapping sets, each compared exactly with its copy in `tests/golden/`; the
JSON-LD is also compared as a graph (rdflib's isomorphism), so a failure says which triples
differ before it says which characters. They are built from the fixture project
(`tests/fixtures/project/`), never the bundled data, so a curator's change never touches
them; a change to a template, a writer or the fixture does, on purpose or by mistake. Read
the difference, and when it is what you meant, regenerate the golden files with

    CROSSWALK_REGENERATE=1 .venv/bin/pytest tests/test_golden.py

(the same switch regenerates `tests/golden/project.ttl`, in `tests/test_rdf.py`).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import GOLDEN, PROJECT, REGENERATE
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from crosswalk import cli, pipeline

# The pages, by the kind of page each stands for (paths inside the site and in golden/site/).
PAGES = {
    "framework": "frameworks/reg/index.html",
    "criterion": "frameworks/reg/Q1.html",
    "model": "models/warm/index.html",
    "report": "reports/warm/reg.html",
}
GOLDEN_SITE = GOLDEN / "site"
GOLDEN_JSONLD = GOLDEN / "project.jsonld"
GOLDEN_SSSOM = GOLDEN / "sssom"
HINT = "if the change is intended: CROSSWALK_REGENERATE=1 .venv/bin/pytest tests/test_golden.py"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's site (without the search index, which no page here shows), JSON-LD and
    SSSOM folder, made once by the CLI."""
    out = tmp_path_factory.mktemp("golden")
    data = str(PROJECT)
    assert cli.main(["build", "--data", data, "--out", str(out / "site"), "--no-search"]) == 0
    jsonld = ["export", "--format", "jsonld", "--data", data, "--out", str(out / "p.jsonld")]
    assert cli.main(jsonld) == 0
    sssom = ["export", "--format", "sssom", "--data", data, "--out", str(out / "sssom")]
    assert cli.main(sssom) == 0
    return out


def compare(built: Path, golden: Path) -> None:
    """The built file is the golden file, byte for byte (or, regenerating, becomes it); a
    failure shows a unified diff."""
    content = built.read_bytes()
    if REGENERATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(content)
    assert golden.is_file(), f"{golden.relative_to(GOLDEN.parent)} is missing ({HINT})"
    expected = golden.read_bytes()
    if content != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(),
            content.decode("utf-8", "replace").splitlines(),
            f"golden/{golden.relative_to(GOLDEN).as_posix()}",
            "built",
            lineterm="",
        )
        shown = "\n".join(list(diff)[:200]) or "(the same lines: line endings differ)"
        pytest.fail(f"{built.name} differs from its golden file\n{shown}\n({HINT})")


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES)
def test_page_matches_its_golden_file(outputs: Path, page: str) -> None:
    compare(outputs / "site" / page, GOLDEN_SITE / page)


def _dump(graph: Graph) -> str:
    return "\n".join(sorted(line for line in graph.serialize(format="nt").splitlines() if line))


def assert_same_graph(built: Graph, expected: Graph, what: str) -> None:
    if not isomorphic(built, expected):
        _, only_built, only_expected = graph_diff(to_isomorphic(built), to_isomorphic(expected))
        pytest.fail(
            f"the JSON-LD's graph differs from {what}\nonly in the JSON-LD:\n"
            f"{_dump(only_built)[:5000]}\nonly in {what}:\n{_dump(only_expected)[:5000]}"
        )


def test_jsonld_matches_its_golden_file_as_a_graph_and_as_text(outputs: Path) -> None:
    built = outputs / "p.jsonld"
    graph = Graph().parse(built, format="json-ld")
    checked = pipeline.load_clean(PROJECT, "data")
    assert checked.graph is not None
    assert_same_graph(graph, checked.graph, "the graph the pipeline builds")
    if not REGENERATE:
        assert GOLDEN_JSONLD.is_file(), f"{GOLDEN_JSONLD.name} is missing ({HINT})"
        golden = Graph().parse(GOLDEN_JSONLD, format="json-ld")
        assert_same_graph(graph, golden, f"golden/{GOLDEN_JSONLD.name} ({HINT})")
    compare(built, GOLDEN_JSONLD)


def test_sssom_sets_match_their_golden_files(outputs: Path) -> None:
    built = sorted(p.name for p in (outputs / "sssom").glob("*.sssom.tsv"))
    assert built, "the fixture's export wrote no SSSOM mapping set"
    if REGENERATE:
        for stale in GOLDEN_SSSOM.glob("*.sssom.tsv"):
            if stale.name not in built:
                stale.unlink()
    golden = sorted(p.name for p in GOLDEN_SSSOM.glob("*.sssom.tsv"))
    assert golden == built or REGENERATE, f"mapping sets {built}, golden {golden} ({HINT})"
    for name in built:
        compare(outputs / "sssom" / name, GOLDEN_SSSOM / name)
