"""A run with the cache (records kept per file, triples made and validated only near a changed
file) reports exactly what a run without any cache reports, after every kind of edit."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from edit_support import BREAKING, EDITS, Edit, generate, reference, replace, without_strength

from crosswalk import lastrun, loadcache, pipeline, rdf
from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.namespaces import Iris

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py


def cached(root: Path, cache: Path) -> tuple[list[str], pipeline.Cache]:
    store = pipeline.Cache.for_data(root, cache)
    problems = pipeline.check(root, "data", cache=store).problems
    return [p.render(strict=True) for p in problems], store


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_warm_run_reports_what_a_run_without_cache_reports(
    project: Path, tmp_path: Path, name: str
) -> None:
    before, _ = cached(project, tmp_path / "c")
    assert before == reference(project)
    EDITS[name](project)
    after, store = cached(project, tmp_path / "c")
    assert after == reference(project)
    assert bool(after) == (name in BREAKING)
    assert store.records.reused >= 1  # the unchanged files came from the cache


def test_every_edit_in_turn_and_back(project: Path, tmp_path: Path) -> None:
    """Edits pile up, then the original files come back: each run as without a cache."""
    original = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    for name in sorted(EDITS):
        try:
            EDITS[name](project)
        except (AssertionError, FileNotFoundError):
            continue  # an earlier edit took away what this one changes
        assert cached(project, tmp_path / "c")[0] == reference(project), name
    changed = [p for p, data in original.items() if not p.exists() or p.read_bytes() != data]
    for path in project.rglob("*.yaml"):
        path.unlink()
    for path, data in original.items():
        path.write_bytes(data)
    again, store = cached(project, tmp_path / "c")
    assert again == reference(project) == []
    assert store.records.loaded == len(changed)  # their pruned entries were made again


def test_an_unchanged_folder_reads_no_file_again(project: Path, tmp_path: Path) -> None:
    cached(project, tmp_path / "c")
    _, store = cached(project, tmp_path / "c")
    assert (store.records.loaded, store.records.reused) == (0, 9)
    assert (store.shapes.validated, store.shapes.reused) == (0, 9)


def test_an_edit_validates_only_the_fragments_it_can_change(project: Path, tmp_path: Path) -> None:
    """An edit to a link file changes its own fragment and that of the model whose elements
    its links are about (their direct triples), and no other."""
    cached(project, tmp_path / "c")
    EDITS["a value changed"](project)
    _, store = cached(project, tmp_path / "c")
    assert (store.records.loaded, store.shapes.validated) == (1, 2)


def test_shape_findings_warm_and_cold_agree(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings of the shapes (here a link's strength taken out of its triples) are reported
    at the same places with and without the cache, also after another file is edited."""
    without_strength(monkeypatch)
    first, _ = cached(project, tmp_path / "c")
    assert first == reference(project)
    assert [line.split(": E401")[0] for line in first] == ["data/links/warm.yaml:6:5"]
    EDITS["a comment-only edit"](project)
    replace("links/warm.yaml", "  - id: w-1", "  # moved down\n  - id: w-1")(project)
    after, _ = cached(project, tmp_path / "c")
    assert after == reference(project)
    assert [line.split(": E401")[0] for line in after] == ["data/links/warm.yaml:7:5"]


@pytest.mark.parametrize(
    "spoil",
    ["truncate", "garbage", "foreign pickle", "wrong shape", "places garbage"],
)
def test_a_bad_entry_is_never_trusted(project: Path, tmp_path: Path, spoil: str) -> None:
    cached(project, tmp_path / "c")
    folder = loadcache.Records.for_data(project, tmp_path / "c").path
    for entry in folder.glob("*.pickle"):
        data = entry.read_bytes()
        if spoil == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif spoil == "garbage":
            entry.write_bytes(b"not a pickle at all")
        elif spoil == "foreign pickle":  # a class the cache never holds
            entry.write_bytes(pickle.dumps(shutil.copyfile))
        elif spoil == "wrong shape":
            entry.write_bytes(pickle.dumps(([], {}, None)))
        else:  # entries in the shape written, whose places do not read back
            problems, refused, parsed, _ = pickle.loads(data)
            entry.write_bytes(pickle.dumps((problems, refused, parsed, b"\x80junk")))
    EDITS["an id duplicated across files"](project)  # located: the places are read
    after, store = cached(project, tmp_path / "c")
    assert after == reference(project)
    assert store.records.reused == 0


def test_an_upgrade_makes_every_entry_stale(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached(project, tmp_path / "c")
    monkeypatch.setattr(loadcache, "FORMAT", loadcache.FORMAT + 1)
    loadcache.salt.cache_clear()
    try:
        _, store = cached(project, tmp_path / "c")
    finally:
        loadcache.salt.cache_clear()
    assert (store.records.loaded, store.records.reused) == (9, 0)


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_entries_follow_the_umask(project: Path, tmp_path: Path, umask: int) -> None:
    import os

    old = os.umask(umask)
    try:
        cached(project, tmp_path / "c")
    finally:
        os.umask(old)
    folder = loadcache.Records.for_data(project, tmp_path / "c").path
    modes = {entry.stat().st_mode & 0o777 for entry in folder.glob("*.pickle")}
    assert modes == {0o666 & ~umask}


def test_validate_without_cache_writes_none(project: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "shape-cache"  # where conftest points CROSSWALK_CACHE
    assert run("validate", "--strict", "--data", str(project), "--no-cache").code == 0
    assert not cache.exists()
    assert run("validate", "--strict", "--data", str(project)).code == 0
    assert any(cache.rglob("*.pickle"))
    assert not any(p.suffix == ".pickle" for p in project.rglob("*"))


@pytest.mark.parametrize("inside", [".", "links", "cache"])
def test_a_cache_folder_in_the_data_folder_is_not_used(  # type: ignore[no-untyped-def]
    project: Path, run, monkeypatch: pytest.MonkeyPatch, inside: str
) -> None:
    """CROSSWALK_CACHE pointed at the data folder, one of its folders, or a new folder in it:
    validate says so, answers as without a cache, and adds nothing among the data files."""
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    monkeypatch.setenv("CROSSWALK_CACHE", str(project / inside))
    for _ in range(2):
        result = run("validate", "--strict", "--data", str(project))
        assert result.code == 0
        assert "is inside the data folder, so nothing was cached" in result.err
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data twice over (benchmarks/generate.py), a small connected corpus."""
    return generate(tmp_path_factory.mktemp("gen") / "k2")


def test_edits_to_a_generated_corpus(generated: Path, tmp_path: Path) -> None:
    """On the bundled data twice over: a link's value, a comment, a broken reference and a
    removed file, one after another, each run as without a cache."""
    root = tmp_path / "data"
    shutil.copytree(generated, root)
    links = sorted((root / "copy-001").rglob("*.yaml"))
    first, _ = cached(root, tmp_path / "c")
    assert first == reference(root)
    target = next(p for p in links if "links:" in p.read_text("utf-8"))
    text = target.read_text("utf-8")
    steps: list[Edit] = [
        lambda r: target.write_text("# note\n" + text, "utf-8"),
        lambda r: target.write_text(text.replace("strength: strong", "strength: weak", 1)),
        lambda r: target.write_text(text.replace("subject: ", "subject: x", 1), "utf-8"),
        lambda r: target.write_text(text, "utf-8"),
        lambda r: next(p for p in links if p != target and "model:" in p.read_text()).unlink(),
    ]
    for step in steps:
        step(root)
        assert cached(root, tmp_path / "c")[0] == reference(root)


@pytest.mark.parametrize("which", ["fixture", "generated"])
def test_a_fragment_made_from_the_files_near_it_is_the_whole_graphs(
    which: str, project: Path, request: pytest.FixtureRequest
) -> None:
    """What the key of a file stands for: its fragment, made from the triples of the files
    `Files.near` names only, has exactly the lines it has when every triple is made."""
    from crosswalk import shacl, shapecache

    root = project if which == "fixture" else request.getfixturevalue("generated")
    corpus = pipeline.check(root, "data", run_shacl=False).corpus
    homes = shacl.record_locations(corpus, Iris())
    whole = {
        f.home: f.lines for f in shapecache.fragments(rdf.triples(corpus), homes, b"", local=True)
    }
    files = shapecache.Files.of(corpus)
    assert set(whole) == set(files.records)
    for path in sorted(files.records):
        near = files.near([path])
        made = shapecache.fragments(rdf.triples(corpus, files=near), homes, b"", local=True)
        assert {f.home: f.lines for f in made}[path] == whole[path], path


# The last run's report (crosswalk/lastrun.py), given again when nothing changed ------------


def reported(root: Path, cache: Path, **options: Any) -> tuple[list[str], bool]:
    """The problems `validate` reports with the cache, and whether they were read back."""
    report = lastrun.validate(
        root, "data", options.pop("base", DEFAULT_BASE), where=cache, **options
    )
    return [p.render(strict=True) for p in report.problems], report.replayed


@pytest.mark.parametrize("name", sorted(EDITS))
def test_the_last_report_is_given_again_only_while_nothing_changed(
    project: Path, tmp_path: Path, name: str
) -> None:
    assert reported(project, tmp_path / "c") == (reference(project), False)
    assert reported(project, tmp_path / "c") == (reference(project), True)
    EDITS[name](project)
    assert reported(project, tmp_path / "c") == (reference(project), False)
    assert reported(project, tmp_path / "c") == (reference(project), True)


def test_edits_piled_up_and_back_give_the_report_of_a_run_without_cache(
    project: Path, tmp_path: Path
) -> None:
    original = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    for name in sorted(EDITS):
        try:
            EDITS[name](project)
        except (AssertionError, FileNotFoundError):
            continue
        assert reported(project, tmp_path / "c") == (reference(project), False), name
    for path in project.rglob("*.yaml"):
        path.unlink()
    for path, data in original.items():
        path.write_bytes(data)
    assert reported(project, tmp_path / "c") == ([], False)
    assert reported(project, tmp_path / "c") == ([], True)


def test_the_counts_given_again_are_those_of_the_corpus(project: Path, tmp_path: Path) -> None:
    EDITS["a file deleted"](project)
    corpus = pipeline.check(project, "data").corpus
    first = lastrun.validate(project, "data", DEFAULT_BASE, where=tmp_path / "c")
    again = lastrun.validate(project, "data", DEFAULT_BASE, where=tmp_path / "c")
    assert again.replayed and again.counts == first.counts
    assert again.counts == {
        name: len(corpus.files if name == "files" else getattr(corpus, name))
        for name in lastrun.COUNTED
    }


@pytest.mark.parametrize(
    "change",
    ["base IRI", "no shapes", "label", "code", "a file unreadable", "a link out of the folder"],
)
def test_a_report_is_not_given_again_when_what_made_it_changed(
    project: Path, tmp_path: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported(project, tmp_path / "c")
    options: dict[str, Any] = {}
    if change == "base IRI":
        options["base"] = "https://example.org/other/"
    elif change == "no shapes":
        options["run_shacl"] = False
    elif change == "code":
        monkeypatch.setattr(lastrun, "_code", lambda: b"other code")
    elif change == "a file unreadable":  # too large to read: the loader says so, every time
        monkeypatch.setattr(loadcache, "MAX_BYTES", 10)
    elif change == "a link out of the folder":  # a problem of the scan, not of any file
        (tmp_path / "outside.yaml").write_text("links: []\n", "utf-8")
        (project / "links" / "outside.yaml").symlink_to(tmp_path / "outside.yaml")
    if change == "label":
        report = lastrun.validate(project, "other", DEFAULT_BASE, where=tmp_path / "c")
        assert not report.replayed
        return
    first = reported(project, tmp_path / "c", **options)
    assert not first[1]
    again = reported(project, tmp_path / "c", **options)
    assert again[1] == (change != "a file unreadable")
    assert again[0] == first[0]


@pytest.mark.parametrize("spoil", ["garbage", "other key", "wrong shape", "unknown code"])
def test_a_bad_report_is_never_trusted(project: Path, tmp_path: Path, spoil: str) -> None:
    import json

    EDITS["a reference broken in another file"](project)
    expected = reference(project)
    reported(project, tmp_path / "c")
    target = loadcache.Records.for_data(project, tmp_path / "c").path / "report.json"
    data = json.loads(target.read_text("utf-8"))
    if spoil == "garbage":
        target.write_text("{not json", "utf-8")
        data = None
    elif spoil == "other key":
        data["key"] = "0" * 64
        data["problems"] = []
    elif spoil == "wrong shape":
        data["problems"][0] = data["problems"][0][:3]
    else:
        data["problems"][0][3] = "E999"
    if data is not None:
        target.write_text(json.dumps(data), "utf-8")
    assert reported(project, tmp_path / "c") == (expected, False)
    assert reported(project, tmp_path / "c") == (expected, True)
