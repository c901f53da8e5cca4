"""The same data gives the same bytes: the site and every export, whatever the process.

Two runs of the command line, each in a fresh process with its own working directory, locale,
time zone and hash seed, write the site and every export format; every file must match.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

# One command per output; relative paths, so each run writes into its own working directory.
COMMANDS = {
    "site": ["build", "--out", "site"],
    "turtle": ["export", "--format", "turtle", "--out", "crosswalk.ttl"],
    "jsonld": ["export", "--format", "jsonld", "--out", "crosswalk.jsonld"],
    "ntriples": ["export", "--format", "ntriples", "--out", "crosswalk.nt"],
    "sssom": ["export", "--format", "sssom", "--out", "sssom"],
    "csv": ["export", "--format", "csv", "--out", "csv"],
    "xlsx": ["export", "--format", "xlsx", "--out", "crosswalk.xlsx"],
    "review": ["review", "export", "--out", "review.xlsx"],
}

ENVIRONMENTS = {
    "first": {"PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"},
    "second": {
        "PYTHONHASHSEED": "987654",
        "LC_ALL": "POSIX",
        "LANG": "en_GB.UTF-8",
        "TZ": "Pacific/Kiritimati",  # UTC+14: a different calendar day for most of the day
    },
}


def _run_all(work: Path, env: dict[str, str]) -> dict[str, bytes]:
    work.mkdir()
    for name, args in COMMANDS.items():
        done = subprocess.run(
            [sys.executable, "-m", "crosswalk.cli", *args, "--data", str(BUNDLED)],
            cwd=work,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"{name}: {done.stderr}"
    return {p.relative_to(work).as_posix(): p.read_bytes() for p in work.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("determinism")
    return {label: _run_all(root / label, env) for label, env in ENVIRONMENTS.items()}


def test_every_output_was_written(outputs: dict[str, dict[str, bytes]]) -> None:
    files = outputs["first"]
    expected = {"crosswalk.ttl", "crosswalk.jsonld", "crosswalk.nt", "crosswalk.xlsx"}
    assert expected <= set(files)
    assert "review.xlsx" in files
    assert any(name.startswith("sssom/") and name.endswith(".sssom.tsv") for name in files)
    assert any(name.startswith("csv/") for name in files)
    assert "site/index.html" in files
    assert any(name.startswith("site/search/pagefind/index/") for name in files)


@pytest.mark.parametrize("output", list(COMMANDS))
def test_output_is_byte_identical_across_processes(
    outputs: dict[str, dict[str, bytes]], output: str
) -> None:
    target = COMMANDS[output][COMMANDS[output].index("--out") + 1]
    first, second = (
        {
            name: data
            for name, data in files.items()
            if name == target or name.startswith(target + "/")
        }
        for files in (outputs["first"], outputs["second"])
    )
    assert first, f"nothing written for {output}"
    assert sorted(first) == sorted(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"{output}: {len(differing)} files differ, e.g. {differing[:5]}"
