"""The `crosswalk` command imports what the command run needs, not what every command needs:
`validate` does not pay for the analysis, the site, the exports or the SPARQL store, and a
`validate` whose report is read back loads no data code at all. Checked in a fresh process,
since the tests' own process has imported everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# What other commands import, and `validate` should not (a prefix names a package and its
# modules).
HEAVY = (
    "networkx",
    "openpyxl",
    "jinja2",
    "pyshacl",
    "rdflib.plugins.sparql",
    "crosswalk.analysis",
    "crosswalk.site",
    "crosswalk.export.workbook",
    "crosswalk.export.sssom",
)
# What only a folder that changed needs: reading, checking and validating the data.
DATA_CODE = (
    "crosswalk.pipeline",
    "crosswalk.loader",
    "crosswalk.rules",
    "crosswalk.shacl",
    "crosswalk.rdf",
)

# The graph library and the CURIE converter: what checking a folder that changed needs, and
# exports, but neither parsing the command line nor reading the last report back (together a
# tenth to a fifth of a second of every such command's start).
GRAPH_LIBRARIES = ("rdflib", "curies")

SCRIPT = """
import json, sys
from crosswalk.cli import main
code = main(sys.argv[1:]) if len(sys.argv) > 1 else 0
from crosswalk.cli import build_parser
build_parser().parse_args(["validate", "--strict"])
print(json.dumps([code, sorted(sys.modules)]))
"""


def modules_after(*argv: str, env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    """The exit code of a command run in a fresh process (none: only `validate` parsed), and
    every module it imported."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    code, modules = json.loads(done.stdout.splitlines()[-1])
    return code, modules


def found(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names))


def test_parsing_validate_imports_nothing_heavy() -> None:
    _, modules = modules_after()
    assert found(modules, HEAVY) == []
    assert found(modules, DATA_CODE) == []
    assert found(modules, GRAPH_LIBRARIES) == []


def test_a_report_read_back_loads_no_data_code(project: Path, tmp_path: Path) -> None:
    env = {"CROSSWALK_CACHE": str(tmp_path / "cache")}
    first, modules = modules_after("validate", "--strict", "--data", str(project), env=env)
    assert first == 0
    assert found(modules, DATA_CODE) == sorted(DATA_CODE)  # it did check the folder
    assert found(modules, HEAVY) == []
    again, modules = modules_after("validate", "--strict", "--data", str(project), env=env)
    assert again == 0
    assert found(modules, DATA_CODE) == []
    assert found(modules, GRAPH_LIBRARIES) == []


def test_the_heavy_modules_are_found_where_they_are_imported(project: Path, tmp_path: Path) -> None:
    """So that the checks above can fail: a question imports the analysis and networkx."""
    argv = ["coverage", "--data", str(project), "--framework", "reg", "--model", "warm"]
    code, modules = modules_after(*argv, env={"CROSSWALK_CACHE": str(tmp_path / "cache")})
    assert code == 0
    assert {"networkx", "crosswalk.analysis"} <= set(found(modules, HEAVY))


def test_the_format_names_the_command_line_lists_are_the_writers() -> None:
    """The parser names the graph and SPARQL formats without importing their writers."""
    from crosswalk import query, vocab
    from crosswalk.export import rdfformats

    assert sorted(vocab.GRAPH_FORMATS) == sorted(rdfformats.FORMATS)
    assert sorted(vocab.QUERY_FORMATS) == sorted(query.FORMATS)
