"""Open-data exports: SSSOM (checked by the sssom package), CSV tables, XLSX workbook."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import bundled
from openpyxl import load_workbook

from crosswalk import opendata
from crosswalk.analysis.coverage import Index
from crosswalk.analysis.coverage_rows import COLUMNS, coverage_rows
from crosswalk.enums import Role, Status
from crosswalk.export import sssom, tables

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

CORPUS = bundled().corpus
INDEX = Index(CORPUS)
SETS = sorted(CORPUS.link_sets)


def _rows(text: str) -> list[dict[str, str]]:
    body = "".join(line + "\n" for line in text.splitlines() if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(body), delimiter="\t"))


@pytest.mark.parametrize("link_set", SETS)
def test_sssom_parses_and_validates_with_the_sssom_package(tmp_path: Path, link_set: str) -> None:
    # imported here, not at the top: the sssom package takes seconds to import, and every
    # pytest-xdist worker imports each test module to collect it
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    path = tmp_path / f"{link_set}.sssom.tsv"
    path.write_text(sssom.mapping_set(CORPUS, link_set), encoding="utf-8")
    # strict=True is not used: sssom 0.4.21 inverts its metadata check and rejects valid files.
    msdf = parse_sssom_table(path)
    reports = validate(msdf, fail_on_error=False)
    problems = {str(kind): [str(r) for r in report.results] for kind, report in reports.items()}
    assert all(not results for results in problems.values()), problems
    expected = [
        lid
        for lid, owner in sorted(CORPUS.link_set_of.items())
        if owner == link_set and CORPUS.links[lid].status is not Status.rejected
    ]
    assert len(msdf.df) == len(expected)
    declared = {e["slot_name"] for e in msdf.metadata["extension_definitions"]}
    assert {"relation", "strength", "review_status", "evidence", "evidence_kinds"} <= declared
    # The standard columns carry what SSSOM can: ids, predicate, justification, confidence.
    parsed = sorted(zip(msdf.df["subject_id"], msdf.df["object_id"], strict=True))
    assert parsed == sorted(
        (CORPUS.links[lid].subject, CORPUS.links[lid].object) for lid in expected
    )
    assert set(msdf.df["mapping_justification"]) == {"semapv:ManualMappingCuration"}
    assert all(0 < float(c) <= 1 for c in msdf.df["confidence"])


def test_sssom_extension_columns_hold_our_fields() -> None:
    rows = _rows(sssom.mapping_set(CORPUS, "my-home-life-links"))
    by_id = {r["link_id"]: r for r in rows}
    link = next(lk for lk in CORPUS.links.values() if lk.evidence and lk.id in by_id)
    row = by_id[link.id]
    assert row["strength"] == str(link.strength) and row["relation"] == str(link.relation)
    assert row["review_status"] == str(link.status)
    assert row["evidence"].split(" | ")[0] == " ".join(link.evidence[0].item.split())
    assert row["citations"].startswith(f"{link.sources[0].source}: ")


@pytest.mark.parametrize("name", sorted(opendata.TABLES))
def test_csv_tables_have_a_row_per_record(name: str) -> None:
    rows = list(csv.DictReader(io.StringIO(opendata.TABLES[name](CORPUS))))
    expected = {
        "criteria": len(CORPUS.criteria),
        "models": len(CORPUS.models),
        "elements": len(CORPUS.elements),
        "principles": len(CORPUS.principles),
        "links": len(CORPUS.links),
        # each model against each framework it reaches: every criterion once
        "coverage": sum(
            len(CORPUS.criteria_of(fid))
            for mid in CORPUS.models
            for fid in INDEX.frameworks_reached(mid)
        ),
    }[name]
    assert len(rows) == expected
    key = next(iter(rows[0]))
    if name != "coverage":
        assert [r[key] for r in rows] == sorted(r[key] for r in rows)


def test_the_coverage_table_lays_out_the_analysis_rows_cell_by_cell() -> None:
    made = list(coverage_rows(INDEX))
    written = list(csv.DictReader(io.StringIO(tables.coverage(COLUMNS, made))))
    assert len(written) == len(made) and list(written[0]) == list(COLUMNS)
    for row, cells in zip(made, written, strict=True):
        assert cells["direct_links"].split(" | ") == list(row.direct_links or [""])
        assert cells["status"] == ("" if row.role is Role.grouping else row.status)
        assert cells["paths"] == str(row.paths)
        assert cells["inferred_strength"] == (row.inferred_strength or "")
    assert any(len(r.direct_links) > 1 for r in made), "a row with several links, joined"
    assert opendata.coverage(CORPUS, INDEX) == opendata.coverage(CORPUS)


@pytest.mark.parametrize("fmt", ["sssom", "csv", "xlsx"])
def test_cli_exports_are_deterministic(run, tmp_path: Path, fmt: str) -> None:
    outs = []
    for n in (1, 2):
        out = tmp_path / (f"{n}.xlsx" if fmt == "xlsx" else str(n))
        assert run("export", "--format", fmt, "--out", str(out)).code == 0
        outs.append(out)
    if fmt == "xlsx":
        assert outs[0].read_bytes() == outs[1].read_bytes()
        book = load_workbook(outs[0])
        assert book.sheetnames == list(opendata.TABLES)
        assert book["links"].max_row == len(CORPUS.links) + 1
        assert book["links"].freeze_panes == "A2"
    else:
        names = sorted(p.name for p in outs[0].iterdir())
        assert names == sorted(p.name for p in outs[1].iterdir()) and names
        for name in names:
            assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes()


def test_multi_file_formats_need_out(run) -> None:
    result = run("export", "--format", "sssom")
    assert result.code == 2 and "give --out" in result.err


def test_published_jsonld_context_expands_our_curies() -> None:
    import json

    from rdflib import Graph, URIRef

    from crosswalk.export import rdfformats

    document = json.loads(rdfformats.context())
    document["@id"] = "criterion:cqc-asc-2017/W1"
    document["@type"] = "cw:Criterion"
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    assert (
        URIRef("https://w3id.org/crosswalk/criterion/cqc-asc-2017/W1"),
        None,
        URIRef("https://w3id.org/crosswalk/vocab#Criterion"),
    ) in graph
