"""Every CLI command runs on the bundled data; exit codes and messages are as documented."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import INVALID, REPO
from rdflib import Graph

from crosswalk import cli, schema

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py


def test_validate_bundled_data_is_clean_under_strict(run) -> None:
    result = run("validate", "--strict")
    assert result.code == 0, result.err
    assert "mappings: valid" in result.out


def test_validate_reports_problems_and_exits_1(run, project: Path) -> None:
    (project / "links" / "extra.yaml").write_bytes((INVALID / "E203-enum.yaml").read_bytes())
    result = run("validate", "--data", str(project))
    assert result.code == 1
    line = next(text for text in result.err.splitlines() if "E203" in text)
    assert line.startswith(
        f"{project}/links/extra.yaml:11:5: E203 error: 'very strong' is not allowed"
    )
    assert line.endswith("(use one of 'strong', 'partial' or 'weak')")
    assert "Traceback" not in result.err


def test_warnings_pass_but_fail_under_strict(run, project: Path) -> None:
    (project / "models" / "cold.yaml").write_bytes(
        (INVALID / "W501-element-unlinked.yaml").read_bytes()
    )
    assert run("validate", "--data", str(project)).code == 0
    strict = run("validate", "--data", str(project), "--strict")
    assert strict.code == 1 and "W501 error" in strict.err


def test_stats_counts_records_and_statuses(run) -> None:
    result = run("stats", "--format", "json")
    assert result.code == 0
    tables = json.loads(result.out)
    assert tables["records"]["links"] == sum(tables["links by status"].values())
    assert tables["records"]["criteria"] == sum(tables["criteria per framework"].values())
    assert set(tables["links by status"]) == {
        "draft",
        "proposed",
        "reviewed",
        "endorsed",
        "rejected",
    }
    assert run("stats").out.startswith("records\n")


def test_export_turtle_parses_and_other_commands_refuse_bad_data(
    run, project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "graph.ttl"
    assert run("export", "--format", "turtle", "--out", str(out)).code == 0
    assert len(Graph().parse(out, format="turtle")) > 1000
    (project / "links" / "extra.yaml").write_bytes((INVALID / "E302-dangling.yaml").read_bytes())
    bad = run("export", "--data", str(project), "--out", str(tmp_path / "bad.ttl"))
    assert bad.code == 1 and "E302" in bad.err
    assert not (tmp_path / "bad.ttl").exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_sparql_formats(run, fmt: str) -> None:
    q = "SELECT ?id WHERE { ?f a cw:Framework ; dcterms:identifier ?id } ORDER BY ?id"
    result = run("sparql", q, "--format", fmt)
    assert result.code == 0, result.err
    assert "cqc-asc-2017" in result.out
    if fmt == "json":
        assert {"id": "cqc-asc-2017"} in json.loads(result.out)


def test_sparql_reads_a_query_file(run, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?l a cw:Link }", encoding="utf-8")
    result = run("sparql", str(query), "--format", "csv")
    assert result.code == 0 and result.out == "ask\ntrue\n"


def test_bad_query_and_bad_options_are_usage_errors(run) -> None:
    assert run("sparql", "SELEKT nothing").code == 2
    with pytest.raises(SystemExit) as exc:
        run("export", "--format", "rdfxml")
    assert exc.value.code == 2
    for workers in ("0", "two"):
        with pytest.raises(SystemExit) as exc:
            run("build", "--workers", workers)
        assert exc.value.code == 2


def test_missing_data_folder_is_reported(run, tmp_path: Path) -> None:
    result = run("validate", "--data", str(tmp_path / "nowhere"))
    assert result.code == 1 and "E101" in result.err and "does not exist" in result.err


def test_schema_is_written_and_committed_copy_is_current(run, tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path))
    assert result.code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(schema.schemas())
    committed = REPO / "schema"
    for name, text in schema.schemas().items():
        assert (committed / name).read_text(encoding="utf-8") == text, (
            f"schema/{name} is out of date: run 'crosswalk schema' to rewrite it"
        )
    link_schema = json.loads((tmp_path / "link-set.schema.json").read_text())
    assert link_schema["additionalProperties"] is False
    assert "description" in link_schema["$defs"]["Link"]["properties"]["strength"]


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    """In-process: the console script's own `--help` runs in a real process below."""
    for command in ("validate", "stats", "schema", "export", "sparql"):
        with pytest.raises(SystemExit) as stopped:
            cli.main([command, "--help"])
        assert stopped.value.code == 0
        out = capsys.readouterr().out
        assert "usage: crosswalk " + command in out
        assert out.count("  --") >= 1


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).parent / "crosswalk"
    done = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    assert "validate" in done.stdout and "sparql" in done.stdout


NUMBERS = {"Two": 2, "Five": 5, "Seven": 7, "twelve": 12}


def test_readme_says_what_the_data_holds(run) -> None:
    """The README's front page describes the data in words: they must match `crosswalk stats`."""
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    records = json.loads(run("stats", "--format", "json").out)["records"]
    said = re.search(r"(\w+) frameworks, each with its stage", readme)
    models = re.search(r"(\w+) models, a draft set of (\w+) common principles", readme)
    assert said and models, "the README no longer says what the data holds"
    assert NUMBERS[said.group(1)] == records["frameworks"]
    assert NUMBERS[models.group(1)] == records["models"]
    assert NUMBERS[models.group(2)] == records["principles"]


def test_readme_worked_example_runs_and_shows_what_it_prints(run) -> None:
    """Each `$ crosswalk ...` command in the README exits 0, and every output line the README
    shows (other than '...') is a line of what it prints."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", text, re.S)
    assert blocks, "the README has no worked example"
    command: list[str] | None = None
    printed: list[str] = []
    for line in "".join(blocks).splitlines():
        if line.startswith("$ crosswalk "):
            command = shlex.split(line[len("$ crosswalk ") :])
            done = run(*command)
            assert done.code == 0, (line, done.err)
            printed = done.out.splitlines()
        elif line.strip() and line.strip() != "...":
            assert command is not None
            assert line in printed, f"{' '.join(command)} no longer prints {line!r}"


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    """`crosswalk export ... | head`: the pipe closes; no error message, exit 0."""
    child = subprocess.Popen(
        [sys.executable, "-m", "crosswalk.cli", "export", "--format", "ntriples"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline().startswith(b"<")
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 0, err
    assert err == ""
