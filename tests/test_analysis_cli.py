"""The analysis commands on the real corpus, in all four formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

COMMANDS = ["coverage", "gaps", "recommend", "checklist", "compare"]
FORMATS = ["table", "json", "csv", "markdown"]


def _args(command: str, fmt: str) -> list[str]:
    args = [command, "--framework", "cqc-asc-2017", "--format", fmt]
    if command == "compare":
        return [*args, "--to", "ciw-adult-services"]
    return [*args, "--model", "my-home-life", "--model", "senses-framework"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_command_runs_in_every_format(run, command: str, fmt: str) -> None:
    result = run(*_args(command, fmt))
    assert result.code == 0, result.err
    assert result.out.strip()
    if fmt == "json":
        json.loads(result.out)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.out)))
        assert len({len(r) for r in rows}) == 1 and len(rows) > 1
    elif fmt == "table":
        assert max(len(line) for line in result.out.splitlines()) <= 80
    else:
        assert result.out.lstrip().startswith(("#", "|"))


def test_coverage_json_shape(run) -> None:
    data = json.loads(run(*_args("coverage", "json")).out)
    assert data["framework"] == "cqc-asc-2017"
    assert data["models"] == ["my-home-life", "senses-framework"]
    counted = [c for c in data["criteria"] if c["role"] == "criterion"]
    assert sum(data["summary"]["counts"].values()) == data["summary"]["total"] == len(counted)
    assert len(counted) < len(data["criteria"])  # the key questions are listed, not counted
    w1 = next(c for c in data["criteria"] if c["id"] == "W1")
    assert {"id", "ref", "status", "gap_reason", "direct", "paths", "children"} <= set(w1)
    assert w1["status"] in {"strong", "partial", "weak", "inferred", "none"}
    for path in w1["paths"]:
        assert [lk["relation"] for lk in path["links"]] == ["embodies", "assessed_by"]
        assert all(lk["sources"] for lk in path["links"])
    well_led = next(c for c in data["criteria"] if c["id"] == "WELL_LED")
    counted_children = [c for c in counted if c["parent"] == "WELL_LED"]
    assert counted_children and sum(well_led["children"].values()) == len(counted_children)


def test_adding_a_model_shows_in_the_worked_example(run) -> None:
    alone = json.loads(
        run(
            "coverage", "--model", "my-home-life", "--framework", "cqc-asc-2017", "--format", "json"
        ).out
    )
    both = json.loads(run(*_args("coverage", "json")).out)
    rank = {"none": 0, "inferred": 1, "weak": 2, "partial": 3, "strong": 4}
    pairs = zip(alone["criteria"], both["criteria"], strict=True)
    # grouping criteria have no status of their own: they roll up their children
    assert all(rank[b["status"]] >= rank[a["status"]] for a, b in pairs if a["status"] is not None)


def test_unknown_ids_are_usage_errors_listing_valid_ones(run) -> None:
    bad_model = run("coverage", "--model", "nope", "--framework", "cqc-asc-2017")
    assert bad_model.code == 2
    assert _valid(bad_model.err, "unknown model 'nope'") >= {"my-home-life", "senses-framework"}
    bad_framework = run("gaps", "--model", "my-home-life", "--framework", "cqc")
    assert bad_framework.code == 2
    assert "cqc-asc-2017" in _valid(bad_framework.err, "unknown framework 'cqc'")


def _valid(err: str, start: str) -> set[str]:
    """The ids a usage error lists after "START; valid: ", which must be in sorted order."""
    head, _, listed = err.strip().partition("; valid: ")
    assert head.endswith(start), err
    ids = listed.split(", ")
    assert ids == sorted(ids), err
    return set(ids)


def test_setting_filter_warns(run) -> None:
    result = run(
        "coverage",
        "--model",
        "compassionate-leadership",
        "--framework",
        "cqc-asc-2017",
        "--setting",
        "domiciliary",
        "--format",
        "json",
    )
    warnings = json.loads(result.out)["warnings"]
    assert warnings and warnings[0].startswith(
        "compassionate-leadership has no evidence of use in domiciliary settings"
    )
