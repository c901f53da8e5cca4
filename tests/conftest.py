"""Shared helpers: the fixture project, copies of it, the bundled data loaded once, and running
the CLI in-process."""

from __future__ import annotations

import functools
import itertools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from crosswalk import cli, pipeline

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS / "fixtures" / "project"
INVALID = TESTS / "fixtures" / "invalid"
GOLDEN = TESTS / "golden"
REPO = TESTS.parent
BUNDLED = REPO / "mappings"
SEEDS = REPO.parent / "shared" / "seeds"

# One documented switch regenerates the golden files: CROSSWALK_REGENERATE=1 pytest
REGENERATE = os.environ.get("CROSSWALK_REGENERATE") == "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Test files marked `heavy` (seconds per test: a browser, real processes) come first,
    so the workers share them out and end on the quick files together; otherwise one worker
    could take a long file last while the other waits (`--no-loadscope-reorder` in
    pyproject.toml keeps this order). A stable sort: the order within each part is pytest's."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


@functools.cache
def bundled() -> pipeline.Checked:
    """The bundled data, loaded once per test process (each pytest-xdist worker has its own)
    for the modules that only read it: never change what it returns."""
    return pipeline.load_clean(BUNDLED)


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


_CACHES = itertools.count()


@pytest.fixture(autouse=True)
def _shape_cache_in_tmp(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """`crosswalk validate` keeps a cache of records and SHACL results: each test has its own,
    `shape-cache` under its tmp_path (subprocesses inherit the variable). A test that asks for
    no tmp_path gets a folder of this session's temporary folder that is made only if the
    cache is written: most tests never write one, and making a folder for each of thousands
    of cases costs more than some of them take to run."""
    if "tmp_path" in request.fixturenames:
        folder = request.getfixturevalue("tmp_path") / "shape-cache"
    else:
        base = request.getfixturevalue("tmp_path_factory").getbasetemp()
        folder = base / "shape-caches" / str(next(_CACHES))
    monkeypatch.setenv("CROSSWALK_CACHE", str(folder))
