"""Shared helpers: the fixture project, copies of it, and running the CLI in-process."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from crosswalk import cli

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS / "fixtures" / "project"
INVALID = TESTS / "fixtures" / "invalid"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent
BUNDLED = REPO / "mappings"
SEEDS = REPO.parent / "shared" / "seeds"

# One documented switch regenerates the golden files: CROSSWALK_REGENERATE=1 pytest
REGENERATE = os.environ.get("CROSSWALK_REGENERATE") == "1"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(PROJECT, target)
    return target


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run the crosswalk CLI in-process and capture its exit code and output."""

    def _run(*args: str) -> Run:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return _run


@pytest.fixture(autouse=True)
def _shape_cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`crosswalk validate` keeps a cache of SHACL results: in a test, under its tmp_path
    (subprocesses inherit the variable)."""
    monkeypatch.setenv("CROSSWALK_CACHE", str(tmp_path / "shape-cache"))
