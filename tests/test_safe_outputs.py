"""Outputs crosswalk owns: it replaces only what it made, never the data, never through a link.

Each refusal exits 2 before any data is loaded, names the path and says what to do, and leaves
every file as it was; a site or export folder crosswalk made is replaced whole; what it writes
follows the umask and a file it writes over keeps its mode. (The cases are listed in
tests/hostile/README.md, "Output paths".)
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from openpyxl import load_workbook

from crosswalk import outputs, pipeline, resources
from crosswalk.problems import UsageError
from crosswalk.review import COLUMNS
from crosswalk.site import build, serve


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under a folder, hidden ones included: files by content, links by target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes().decode("utf-8", "replace")
        else:
            found[name] = f"<{stat.filemode(path.lstat().st_mode)[0]}>"
    return found


@pytest.fixture
def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the data fails the test: a refusal must come before it."""

    def load_clean(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the data was loaded before the output path was checked")

    monkeypatch.setattr(pipeline, "load_clean", load_clean)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


# Paths that must never be replaced -------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """An --out value: how to make it in the test's folder, and what the refusal says."""

    name: str
    make: Callable[[Path, Path, pytest.MonkeyPatch], Path]
    says: str


def _documents(tmp: Path) -> Path:
    folder = tmp / "Documents"
    (folder / "letters").mkdir(parents=True)
    (folder / "letters" / "to-cqc.txt").write_text("Dear inspector\n")
    (folder / "budget.csv").write_text("a,b\n")
    return folder


def _empty_folder(tmp: Path, name: str) -> Path:
    folder = tmp / name
    folder.mkdir()
    return folder


def _link_to_empty_folder(tmp: Path) -> Path:
    # The folder it leads to could be replaced; the link itself must not be.
    link = tmp / "site-link"
    link.symlink_to(_empty_folder(tmp, "elsewhere"), target_is_directory=True)
    return link


def _dangling_link(tmp: Path) -> Path:
    link = tmp / "dangling"
    link.symlink_to(tmp / "nowhere")
    return link


def _regular_file(tmp: Path) -> Path:
    path = tmp / "notes.txt"
    path.write_text("my notes\n")
    return path


def _current_folder(tmp: Path, _data: Path, mp: pytest.MonkeyPatch) -> Path:
    # Empty, so only its being the current folder stops it.
    mp.chdir(_empty_folder(tmp, "here"))
    return Path(".")


def _home_folder(tmp: Path, _data: Path, mp: pytest.MonkeyPatch) -> Path:
    home = _empty_folder(tmp, "home")
    mp.setenv("HOME", str(home))
    return home


def _link_to_file(tmp: Path) -> Path:
    target = tmp / "precious.txt"
    target.write_text("keep me\n")
    link = tmp / "out.ttl"
    link.symlink_to(target)
    return link


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe"
    os.mkfifo(path)
    return path


FOLDER_CASES = [
    Hostile(
        "non-empty folder without the marker",
        lambda tmp, data, mp: _documents(tmp),
        "crosswalk did not make",
    ),
    Hostile(
        "symbolic link to an empty folder",
        lambda tmp, data, mp: _link_to_empty_folder(tmp),
        "is a symbolic link",
    ),
    Hostile("dangling symbolic link", lambda tmp, data, mp: _dangling_link(tmp), "symbolic link"),
    Hostile("regular file", lambda tmp, data, mp: _regular_file(tmp), "is a file"),
    Hostile("the current folder", _current_folder, "is the current folder"),
    Hostile("the home folder", _home_folder, "is your home folder"),
    Hostile(
        "a folder holding the data folder",
        lambda tmp, data, mp: data.parent,
        "holds the data folder",
    ),
    Hostile("the data folder", lambda tmp, data, mp: data, "is the data folder"),
    Hostile(
        "a folder inside the data folder",
        lambda tmp, data, mp: data / "models",
        "is inside the data folder",
    ),
    Hostile(
        "a new folder inside the data folder",
        lambda tmp, data, mp: data / "site",
        "is inside the data folder",
    ),
    Hostile(
        "a path below a file",
        lambda tmp, data, mp: _regular_file(tmp) / "site",
        "is not a folder",
    ),
]


@pytest.mark.parametrize(
    "command",
    [
        ["build", "--no-search"],
        ["export", "--format", "csv"],
        ["export", "--format", "sssom"],
        ["serve", "--port", "1"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("case", FOLDER_CASES, ids=lambda c: c.name)
@pytest.mark.usefixtures("no_loading")
def test_a_folder_crosswalk_did_not_make_is_refused_before_any_work(
    run: Any,
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: Hostile,
    command: list[str],
) -> None:
    out = case.make(tmp_path, project, monkeypatch)
    before = snapshot(tmp_path)
    result = run(*command, "--data", str(project), "--out", str(out))
    assert result.code == 2, result.err
    line = result.err.strip()
    assert line.startswith(f"crosswalk: error: {out}: "), line
    assert case.says in line and "(give " in line and line.endswith(")"), line
    # Nothing touched, and no temporary folder made beside it.
    assert snapshot(tmp_path) == before


@pytest.mark.usefixtures("no_loading")
def test_the_root_folder_is_refused(run: Any, project: Path) -> None:
    before = sorted(os.listdir("/"))
    result = run("build", "--data", str(project), "--out", "/")
    assert result.code == 2
    assert "crosswalk: error: /: is the root of the file system (give " in result.err
    assert sorted(os.listdir("/")) == before


FILE_CASES = [
    Hostile("symbolic link to a file", lambda tmp, data, mp: _link_to_file(tmp), "symbolic link"),
    Hostile("dangling symbolic link", lambda tmp, data, mp: _dangling_link(tmp), "symbolic link"),
    Hostile("a folder", lambda tmp, data, mp: _documents(tmp), "is a folder"),
    Hostile("a named pipe", lambda tmp, data, mp: _fifo(tmp), "is not a regular file"),
    Hostile("the data folder", lambda tmp, data, mp: data, "is a folder"),
    Hostile(
        "a file inside the data folder",
        lambda tmp, data, mp: data / "links" / "warm.yaml",
        "is inside the data folder",
    ),
    Hostile(
        "a new file inside the data folder",
        lambda tmp, data, mp: data / "links" / "new.xlsx",
        "is inside the data folder",
    ),
    Hostile(
        "a path below a file",
        lambda tmp, data, mp: _regular_file(tmp) / "out.ttl",
        "is not a folder",
    ),
]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "turtle"],
        ["export", "--format", "xlsx"],
        ["review", "export"],
        ["coverage", "--model", "warm", "--framework", "reg"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c.name)
@pytest.mark.usefixtures("no_loading")
def test_a_file_output_is_never_a_link_a_folder_or_in_the_data(
    run: Any,
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: Hostile,
    command: list[str],
) -> None:
    out = case.make(tmp_path, project, monkeypatch)
    before = snapshot(tmp_path)
    result = run(*command, "--data", str(project), "--out", str(out))
    assert result.code == 2, result.err
    line = result.err.strip()
    assert line.startswith(f"crosswalk: error: {out}: ") and case.says in line, line
    assert "(give " in line
    assert snapshot(tmp_path) == before


def test_sparql_and_diff_check_where_they_write(
    run: Any, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They check when they write (after the query or the comparison): links, folders and
    files in the bundled data folder (here the test's copy) are refused all the same."""
    monkeypatch.setattr(resources, "BUNDLED_DATA", project)
    link = _link_to_file(tmp_path)
    before = snapshot(tmp_path)
    query = ["sparql", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "--data", str(project)]
    compare = ["diff", str(project), str(project)]
    for command in (query, compare):
        for out, says in (
            (link, "is a symbolic link"),
            (tmp_path, "is a folder"),
            (project / "links" / "answer.csv", "is inside the data folder"),
        ):
            result = run(*command, "--out", str(out))
            assert result.code == 2, result.err
            assert f"crosswalk: error: {out}: {says}" in result.err
    assert snapshot(tmp_path) == before


def test_a_link_that_appears_at_write_time_is_not_written_through(tmp_path: Path) -> None:
    """The check is repeated where the file is written: a link is never replaced or followed."""
    out = _link_to_file(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(UsageError, match="is a symbolic link"):
        outputs.write_atomically(out, "@prefix x: <http://example.org/> .\n")
    assert snapshot(tmp_path) == before


def test_schema_refuses_links_and_the_data_folder_and_writes_nothing(
    run: Any, tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """schema writes files of fixed names into a folder: the same rules, one file at a time,
    every one checked before the first is written. (It reads no data: the bundled data folder
    is the one protected, here the test's copy. It replaces no folder, so one that holds the
    data folder may take its files.)"""
    monkeypatch.setattr(resources, "BUNDLED_DATA", project)
    folder = _empty_folder(tmp_path, "schema")
    (folder / "link-set.schema.json").symlink_to(_regular_file(tmp_path))
    link = tmp_path / "schema-link"
    link.symlink_to(_empty_folder(tmp_path, "empty"), target_is_directory=True)
    before = snapshot(tmp_path)
    for out, named, says in (
        (folder, folder / "link-set.schema.json", "is a symbolic link"),
        (link, link, "is a symbolic link"),
        (project / "schema", project / "schema", "is inside the data folder"),
        (project, project, "is the data folder"),
    ):
        result = run("schema", "--out", str(out))
        assert result.code == 2, result.err
        assert f"crosswalk: error: {named}: {says}" in result.err
    assert snapshot(tmp_path) == before
    data = snapshot(project)
    assert run("schema", "--out", str(tmp_path)).code == 0
    assert (tmp_path / "link-set.schema.json").is_file() and snapshot(project) == data


# What crosswalk made, it replaces ----------------------------------------------------------


def test_a_marked_site_is_replaced_and_a_sibling_old_folder_survives(
    run: Any, project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    sibling = _empty_folder(tmp_path, "site.old")
    (sibling / "keep.txt").write_text("not crosswalk's\n")
    assert run("build", "--data", str(project), "--out", str(out), "--no-search").code == 0
    marker = out / outputs.SITE.marker
    assert "crosswalk build made this folder" in marker.read_text(encoding="utf-8")
    (out / "stale.html").write_text("from an earlier build\n")
    first = snapshot(out)
    result = run("build", "--data", str(project), "--out", str(out), "--no-search")
    assert result.code == 0, result.err
    assert snapshot(out) == {k: v for k, v in first.items() if k != "stale.html"}
    assert (sibling / "keep.txt").read_text() == "not crosswalk's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site", "site.old"]


def test_an_empty_folder_is_built_into(run: Any, project: Path, tmp_path: Path) -> None:
    out = _empty_folder(tmp_path, "site")
    assert run("build", "--data", str(project), "--out", str(out), "--no-search").code == 0
    assert (out / "index.html").is_file() and (out / outputs.SITE.marker).is_file()


def test_an_export_folder_is_marked_and_replaced_whole(
    run: Any, project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    assert run("export", "--format", "csv", "--data", str(project), "--out", str(out)).code == 0
    (out / "old-table.csv").write_text("left from an earlier export\n")
    assert run("export", "--format", "csv", "--data", str(project), "--out", str(out)).code == 0
    names = sorted(p.name for p in out.iterdir())
    assert outputs.EXPORT.marker in names and "old-table.csv" not in names
    assert "links.csv" in names
    # A site is not an export: each replaces only its own kind of folder.
    refused = run("build", "--data", str(project), "--out", str(out), "--no-search")
    assert refused.code == 2 and "has no .crosswalk-site" in refused.err
    assert sorted(tmp_path.iterdir()) == [tmp_path / "csv", tmp_path / "data"]


def test_the_library_checks_before_rendering(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build.build and serve.serve refuse on their own, before any page is made."""
    out = _documents(tmp_path)
    before = snapshot(tmp_path)
    checked = pipeline.load_clean(project)

    def run_jobs(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("pages were rendered before the output was checked")

    monkeypatch.setattr(build, "run_jobs", run_jobs)
    with pytest.raises(UsageError, match="crosswalk did not make"):
        build.build(checked, out)
    with pytest.raises(UsageError, match="is inside the data folder"):
        build.build(checked, project / "site")
    with pytest.raises(UsageError, match="crosswalk did not make"):
        serve.serve(project, "data", out, 1, "https://example.org/")
    assert snapshot(tmp_path) == before


def test_a_folder_that_changes_during_the_run_is_not_replaced(tmp_path: Path) -> None:
    out = _empty_folder(tmp_path, "site")
    refused = pytest.raises(UsageError, match="appeared in it during the run")
    with refused, outputs.replacing(out, outputs.SITE) as new:
        (new / "index.html").write_text("new\n")
        (out / "mine.txt").write_text("written meanwhile\n")
    assert snapshot(tmp_path) == {"site": "<d>", "site/mine.txt": "written meanwhile\n"}


# Modes -------------------------------------------------------------------------------------


def _modes(root: Path) -> set[tuple[str, int]]:
    paths = [root, *root.rglob("*")]
    return {("d" if p.is_dir() else "f", stat.S_IMODE(p.stat().st_mode)) for p in paths}


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_the_site_and_exports_follow_the_umask(
    run: Any, project: Path, tmp_path: Path, mask: int
) -> None:
    expected = {("d", 0o777 & ~mask), ("f", 0o666 & ~mask)}
    with umask(mask):
        out = tmp_path / "out"
        for args in (
            ["build", "--out", str(out / "site")],  # with the search index: Pagefind's files
            ["export", "--format", "turtle", "--out", str(out / "graph.ttl")],
            ["export", "--format", "xlsx", "--out", str(out / "tables.xlsx")],
            ["export", "--format", "csv", "--out", str(out / "csv")],
            ["export", "--format", "sssom", "--out", str(out / "sssom")],
            ["review", "export", "--out", str(out / "review.xlsx")],
            ["schema", "--out", str(out / "schema")],
        ):
            result = run(*args, *(["--data", str(project)] if args[0] != "schema" else []))
            assert result.code == 0, result.err
    assert (out / "site" / "search" / "pagefind").is_dir()
    assert _modes(out) == expected


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_a_file_written_over_keeps_its_mode(
    run: Any, project: Path, tmp_path: Path, mask: int
) -> None:
    links = project / "links" / "warm.yaml"
    links.chmod(0o640)
    workbook = tmp_path / "review.xlsx"
    assert run("review", "export", "--data", str(project), "--out", str(workbook)).code == 0
    book = load_workbook(workbook)
    sheet = book["Review"]
    column = {key: index for index, (key, _, _) in enumerate(COLUMNS, start=1)}
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column["link_id"]).value == "w-1"
    )
    sheet.cell(row, column["decision"]).value = "endorse"
    sheet.cell(row, column["reviewer"]).value = "CIW reviewer"
    book.save(workbook)
    graph = tmp_path / "graph.ttl"
    graph.write_text("old\n")
    graph.chmod(0o604)
    with umask(mask):
        imported = run("review", "import", str(workbook), "--data", str(project))
        exported = run("export", "--data", str(project), "--out", str(graph))
    assert imported.code == 0 and exported.code == 0, imported.err + exported.err
    assert "status: endorsed" in links.read_text(encoding="utf-8")
    assert stat.S_IMODE(links.stat().st_mode) == 0o640
    assert graph.read_text().startswith("@prefix")
    assert stat.S_IMODE(graph.stat().st_mode) == 0o604


# As a user runs it -------------------------------------------------------------------------


def test_real_runs_exit_2_and_touch_nothing(project: Path, tmp_path: Path) -> None:
    documents = _documents(tmp_path)
    before = snapshot(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("CROSSWALK_DEBUG", None)
    for args, says in (
        (["build", "--out", str(documents)], "crosswalk did not make"),
        (["export", "--format", "sssom", "--out", str(project)], "is the data folder"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "crosswalk.cli", *args, "--data", str(project)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert says in done.stderr and "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before
