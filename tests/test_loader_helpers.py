"""A large data folder is read by forked helpers as well as the loading process
(`crosswalk.loader._Helped`): the corpus, every problem and every location must be exactly
what one process reading every file finds, and a helper that fails must lose nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, PROJECT, TESTS

from crosswalk import loader
from crosswalk.corpus import Corpus
from crosswalk.problems import Problem

KINDS = ("frameworks", "criteria", "models", "elements", "principles", "links", "sources")


def folder_with_everything(tmp_path: Path) -> Path:
    """The bundled data, the fixture project and every invalid fixture in one folder: valid
    records, ids declared twice across files, and one of each problem a file can have."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root / "bundled")
    shutil.copytree(PROJECT, root / "project")
    shutil.copytree(TESTS / "fixtures" / "invalid", root / "invalid")
    return root


def located(corpus: Corpus) -> dict[tuple[str, str], tuple[str, str]]:
    """Where each record and its id were read, by kind and key."""
    found = {}
    for kind in KINDS:
        for key, record in getattr(corpus, kind).items():
            found[(kind, key)] = (str(corpus.where(record)), str(corpus.where(record, "id")))
    return found


def load(root: Path, workers: int) -> tuple[Corpus, list[Problem]]:
    return loader.load(root, "data", workers=workers)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Helpers even for a small folder, each batch a few files."""
    monkeypatch.setattr(loader, "HELPED_FROM", 1)
    monkeypatch.setattr(loader, "HELPED_BATCH", 3)


@pytest.mark.parametrize("workers", [2, 3])
def test_helpers_find_what_one_process_finds(
    tmp_path: Path, small_batches: None, workers: int
) -> None:
    root = folder_with_everything(tmp_path)
    alone, alone_problems = load(root, 1)
    helped, helped_problems = load(root, workers)
    assert alone_problems and helped_problems == alone_problems
    assert helped.files == alone.files
    for kind in KINDS:
        assert getattr(helped, kind) == getattr(alone, kind), kind
    assert located(helped) == located(alone)
    assert helped.refused == alone.refused


def test_a_failing_helper_loses_nothing(
    tmp_path: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = folder_with_everything(tmp_path)
    alone, alone_problems = load(root, 1)

    def broken(paths: list[Path], shown_as: list[str]) -> list[object]:
        raise OSError("the helper could not read")

    monkeypatch.setattr(loader, "_read_files", broken)  # the forked helper runs this one
    helped, helped_problems = load(root, 2)
    assert helped_problems == alone_problems
    assert located(helped) == located(alone)
