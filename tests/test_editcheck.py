"""Bringing the last report up to date after an edit (crosswalk/editcheck.py): taken only for
the edits it is meant for, and always the report a run without any cache gives."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest
from edit_support import (
    EDITS,
    ROOT,
    Edit,
    generate,
    reference,
    replace,
    weak_breaks_element,
    without_strength,
)

from crosswalk import editcheck, editstate, lastrun, loadcache, model, pipeline
from crosswalk.baseiri import DEFAULT_BASE

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py


def validate(root: Path, cache: Path) -> lastrun.Report:
    return lastrun.validate(root, "data", DEFAULT_BASE, where=cache)


def rendered(report: lastrun.Report) -> list[str]:
    return [p.render(strict=True) for p in report.problems]


# Edits that change nothing a check across files reads: the last report is brought up to date.
TEXT_EDITS: dict[str, tuple[Edit, list[str]]] = {
    "a link's strength": (EDITS["a value changed"], ["links/warm.yaml"]),
    "a comment": (EDITS["a comment-only edit"], ["links/hub.yaml"]),
    "a rationale over more lines": (
        replace(
            "links/warm.yaml",
            "rationale: Greeting people by name is kindness in practice.",
            "rationale: >-\n      Greeting people by their name\n      is kindness in practice.",
        ),
        ["links/warm.yaml"],
    ),
    "a locator": (
        replace("links/warm.yaml", 'locator: "Kindness first"', 'locator: "Kindness"'),
        ["links/warm.yaml"],
    ),
    "an evidence item": (
        replace("links/warm.yaml", "Minutes of residents' meetings", "Meeting minutes"),
        ["links/warm.yaml"],
    ),
    "a model's description": (
        replace("models/warm.yaml", "A small model for tests.", "A model."),
        ["models/warm.yaml"],
    ),
}
# Edits to links: the edited link file is checked with the files its links name and cite.
W1_BLOCK = """  - id: w-1
    subject: warm:welcome
    relation: embodies
    object: hub:kindness
    strength: strong
    rationale: Greeting people by name is kindness in practice.
    sources:
      - {source: doc-a, locator: "Kindness first"}
    status: proposed
    author: tester
    created: 2026-01-01
"""
LINK_EDITS: dict[str, tuple[Edit, list[str], list[str]]] = {
    # name: (edit, files read again, codes of the problems after it)
    "a link added": (EDITS["a record added"], ["links/warm.yaml"], []),
    "a link's object": (
        replace("links/warm.yaml", "object: hub:kindness", "object: hub:voice"),
        ["links/warm.yaml"],
        [],
    ),
    "a review status": (
        replace("links/warm.yaml", "status: reviewed", "status: endorsed"),
        ["links/warm.yaml"],
        [],
    ),
    "a link removed, its element left with none": (
        replace("links/warm.yaml", W1_BLOCK, ""),
        ["links/warm.yaml"],
        ["W501"],
    ),
    "a link rejected, its element embodying nothing": (
        replace(
            "links/warm.yaml",
            "status: proposed\n    author: tester\n    created: 2026-01-01\n  - id: w-2",
            "status: rejected\n    author: tester\n    created: 2026-01-01\n"
            "    reviewer: regulator\n    reviewed: 2026-02-01\n  - id: w-2",
        ),
        ["links/warm.yaml"],
        ["W505"],
    ),
    "a link moved to another model's element": (
        replace("links/warm.yaml", "subject: warm:welcome", "subject: bright:audit"),
        ["links/warm.yaml"],
        ["W501"],
    ),
    "a link id differing from another file's only in letter case (links have no pages)": (
        replace("links/warm.yaml", "id: w-3", "id: B-1"),
        ["links/warm.yaml"],
        [],
    ),
    "a criterion link within one framework": (
        replace(
            "links/hub.yaml",
            "relation: intersects_with\n    object: other:T1",
            "relation: intersects_with\n    object: reg:Q1.1",
        ),
        ["links/hub.yaml"],
        ["W503"],
    ),
}
# Edits that change what the checks across files read, or give an error: the whole folder is
# checked again.
DECLARATION_EDITS: dict[str, Edit] = {
    **{
        name: EDITS[name]
        for name in EDITS
        if name not in {"a value changed", "a comment-only edit", "a record added"}
    },
    "a criterion removed": replace("frameworks/reg.yaml", "  - id: Q1.3\n", "  - id: Q1.4\n"),
    "a model's sources": replace(
        "models/warm.yaml", '{source: doc-a, locator: "Warm Homes"}', "{source: doc-b, locator: x}"
    ),
    "an element removed that links name": replace(
        "models/bright.yaml", "  - id: audit\n", "  - id: audit-gone\n"
    ),
    "a file added": lambda root: shutil.copy(
        root / "links" / "hub.yaml", root / "links" / "copy.yaml"
    ),
    "a link id declared in another file": replace("links/warm.yaml", "id: w-3", "id: b-1"),
    "a link citing an undeclared source": replace(
        "links/warm.yaml",
        '{source: doc-a, locator: "Kindness first"}',
        "{source: doc-q, locator: x}",
    ),
    "a link to an undeclared framework": replace(
        "links/warm.yaml", "object: reg:Q1.2", "object: gone:Q1"
    ),
    "a link set renamed": replace("links/warm.yaml", "id: warm-links", "id: warm-links-2"),
}


# Edits to the criteria, elements or principles of a framework's, model's or principle set's
# file: the file is checked with the files it cites.
LONELY = "elements:\n  - id: lonely\n    title: Lonely\n    kind: tool\n"
SCHEME_EDITS: dict[str, tuple[Edit, list[str], list[str]]] = {
    "an element added": (
        replace("models/warm.yaml", "elements:\n", LONELY),
        ["models/warm.yaml"],
        ["W501"],
    ),
    "an element's parent": (
        replace("models/warm.yaml", "    parent: welcome\n", ""),
        ["models/warm.yaml"],
        [],
    ),
    "a criterion added": (
        replace(
            "frameworks/reg.yaml",
            "criteria:\n",
            "criteria:\n  - id: Q2\n    level: key_question\n    role: grouping\n"
            "    title: Is it safe?\n    verification: official\n",
        ),
        ["frameworks/reg.yaml"],
        [],
    ),
    "a principle added": (
        replace(
            "principles.yaml",
            "principles:\n",
            "principles:\n  - id: calm\n    title: Calm\n    definition: Calm.\n"
            "    sources:\n      - {source: doc-a, locator: Calm}\n",
        ),
        ["principles.yaml"],
        ["W502"],
    ),
    "a criterion with a parent it lacks": (
        replace(
            "frameworks/reg.yaml",
            "    parent: Q1\n    level: kloe\n    title: Do",
            "    parent: Q9\n    level: kloe\n    title: Do",
        ),
        [],
        ["E302"],
    ),
}


@pytest.mark.parametrize("name", sorted(SCHEME_EDITS))
def test_an_edit_to_criteria_elements_or_principles_reads_the_files_they_cite(
    project: Path, tmp_path: Path, name: str
) -> None:
    """An error found (here a parent that is not there) checks the whole folder instead."""
    validate(project, tmp_path / "c")
    edit, files, found = SCHEME_EDITS[name]
    edit(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ([f"data/{f}" for f in files] if files else None)
    assert rendered(report) == reference(project)
    assert codes(report) == found
    assert report.counts == lastrun.validate(project, "data", DEFAULT_BASE, cache=False).counts


def test_an_element_nothing_names_comes_and_goes(project: Path, tmp_path: Path) -> None:
    """An element added with no link, then removed, then a link edit and a model edit in one
    run: each as a run without cache, and the state after them a whole check's."""
    validate(project, tmp_path / "c")
    replace("models/warm.yaml", "elements:\n", LONELY)(project)
    assert validate(project, tmp_path / "c").edited == ["data/models/warm.yaml"]
    replace("models/warm.yaml", LONELY, "elements:\n")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/models/warm.yaml"]
    assert rendered(report) == reference(project) == []
    replace("models/warm.yaml", "elements:\n", LONELY)(project)
    replace("links/warm.yaml", "subject: warm:welcome", "subject: warm:lonely")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml", "data/models/warm.yaml"]
    assert rendered(report) == reference(project)
    assert [p.message for p in report.problems] == ["element 'warm:welcome' has no link"]
    kept = editstate.read(loadcache.Records.for_data(project, tmp_path / "c").path)
    validate(project, tmp_path / "fresh")
    fresh = editstate.read(loadcache.Records.for_data(project, tmp_path / "fresh").path)
    assert kept is not None and fresh is not None
    assert (kept.tables, kept.index, kept.keys) == (fresh.tables, fresh.index, fresh.keys)


def codes(report: lastrun.Report) -> list[str]:
    return [p.code for p in report.problems]


@pytest.mark.parametrize("name", sorted(LINK_EDITS))
def test_a_link_edit_reads_the_files_its_links_name(
    project: Path, tmp_path: Path, name: str
) -> None:
    validate(project, tmp_path / "c")
    edit, files, found = LINK_EDITS[name]
    edit(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == [f"data/{f}" for f in files]
    assert rendered(report) == reference(project)
    assert codes(report) == found
    assert report.counts == lastrun.validate(project, "data", DEFAULT_BASE, cache=False).counts


WITHOUT_SHAPES = {
    "a link added": (LINK_EDITS["a link added"][0], ["data/links/warm.yaml"]),
    "a link removed": (
        LINK_EDITS["a link removed, its element left with none"][0],
        ["data/links/warm.yaml"],
    ),
    "an element added": (SCHEME_EDITS["an element added"][0], ["data/models/warm.yaml"]),
    "an element removed that links name": (
        DECLARATION_EDITS["an element removed that links name"],
        None,
    ),
    "a criterion removed": (DECLARATION_EDITS["a criterion removed"], None),
}


@pytest.mark.parametrize("name", sorted(WITHOUT_SHAPES))
def test_without_the_shapes_too(project: Path, tmp_path: Path, name: str) -> None:
    """`validate --no-shacl` keeps no shapes' index; its reports are brought up to date all
    the same, and are a run's without the shapes; a record that links may name is never
    removed without the whole folder (there the shapes cannot catch it)."""
    lastrun.validate(project, "data", DEFAULT_BASE, run_shacl=False, where=tmp_path / "c")
    edit, edited = WITHOUT_SHAPES[name]
    edit(project)
    report = lastrun.validate(project, "data", DEFAULT_BASE, run_shacl=False, where=tmp_path / "c")
    assert report.edited == edited
    expected = pipeline.check(project, "data", run_shacl=False).problems
    assert rendered(report) == [p.render(strict=True) for p in expected]


def test_warnings_about_what_links_name_go_and_come_back(project: Path, tmp_path: Path) -> None:
    """An element nothing links to (W501) is linked by an edit to a link file, then its link
    is taken away again: the warning, in the model's file, goes and comes back."""
    replace(
        "models/warm.yaml",
        "elements:\n",
        "elements:\n  - id: lonely\n    title: Lonely\n    kind: tool\n",
    )(project)
    assert codes(validate(project, tmp_path / "c")) == ["W501"]
    replace("links/warm.yaml", "subject: warm:welcome", "subject: warm:lonely")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml"]
    assert rendered(report) == reference(project)
    assert [p.message for p in report.problems] == ["element 'warm:welcome' has no link"]
    replace("links/warm.yaml", "subject: warm:lonely", "subject: warm:welcome")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml"]
    assert rendered(report) == reference(project)
    assert [p.message for p in report.problems] == ["element 'warm:lonely' has no link"]


@pytest.mark.parametrize("name", sorted(LINK_EDITS))
def test_after_a_link_edit_the_state_is_that_of_a_whole_check(
    project: Path, tmp_path: Path, name: str
) -> None:
    """The tables and the shapes' index brought up to date are those a run without the
    last state makes: the next edit is checked against the folder as it is."""
    validate(project, tmp_path / "c")
    LINK_EDITS[name][0](project)
    assert validate(project, tmp_path / "c").edited is not None
    folder = loadcache.Records.for_data(project, tmp_path / "c").path
    kept = editstate.read(folder)
    assert kept is not None
    validate(project, tmp_path / "fresh")
    fresh = editstate.read(loadcache.Records.for_data(project, tmp_path / "fresh").path)
    assert fresh is not None
    assert (kept.tables, kept.index, kept.keys) == (fresh.tables, fresh.index, fresh.keys)


@pytest.mark.parametrize("name", sorted(TEXT_EDITS))
def test_a_text_edit_reads_only_the_edited_file(project: Path, tmp_path: Path, name: str) -> None:
    validate(project, tmp_path / "c")
    edit, files = TEXT_EDITS[name]
    edit(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == [f"data/{f}" for f in files]
    assert rendered(report) == reference(project)
    again = validate(project, tmp_path / "c")
    assert again.replayed and rendered(again) == rendered(report)


@pytest.mark.parametrize("name", sorted(DECLARATION_EDITS))
def test_any_other_edit_checks_the_whole_folder(project: Path, tmp_path: Path, name: str) -> None:
    validate(project, tmp_path / "c")
    DECLARATION_EDITS[name](project)
    report = validate(project, tmp_path / "c")
    assert report.edited is None
    assert rendered(report) == reference(project)


def test_edits_in_turn_each_give_the_report_without_cache(project: Path, tmp_path: Path) -> None:
    """Text edits and others, piled up, in two files at once, and undone."""
    original = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    validate(project, tmp_path / "c")
    steps = [*(edit for edit, _ in TEXT_EDITS.values()), *DECLARATION_EDITS.values()]
    for step in steps:
        try:
            step(project)
        except (AssertionError, FileNotFoundError):
            continue  # an earlier edit took away what this one changes
        assert rendered(validate(project, tmp_path / "c")) == reference(project)
    for path in project.rglob("*.yaml"):
        path.unlink()
    for path, data in original.items():
        path.write_bytes(data)
    assert rendered(validate(project, tmp_path / "c")) == reference(project) == []
    TEXT_EDITS["a link's strength"][0](project)
    TEXT_EDITS["a model's description"][0](project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml", "data/models/warm.yaml"]
    assert rendered(report) == reference(project)


def test_an_element_removed_with_the_only_link_naming_it(project: Path, tmp_path: Path) -> None:
    """In one edit, the element `warm:welcome` and the one link naming it go: the link's end
    is counted out although the element is no longer declared, so the model file is
    re-checked alone too, and the state is a whole check's."""
    validate(project, tmp_path / "c")
    replace("links/warm.yaml", W1_BLOCK, "")(project)
    replace(
        "models/warm.yaml",
        "  - id: welcome\n    title: Warm welcome\n    kind: theme\n"
        "    description: Greeting people by name.\n",
        "",
    )(project)
    replace("models/warm.yaml", "    parent: welcome\n", "")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml", "data/models/warm.yaml"]
    assert rendered(report) == reference(project) == []
    kept = editstate.read(loadcache.Records.for_data(project, tmp_path / "c").path)
    validate(project, tmp_path / "fresh")
    fresh = editstate.read(loadcache.Records.for_data(project, tmp_path / "fresh").path)
    assert kept is not None and fresh is not None and kept.tables is not None
    assert "warm:welcome" not in kept.tables.named
    assert (kept.tables, kept.index, kept.keys) == (fresh.tables, fresh.index, fresh.keys)


def test_a_warning_about_the_edited_file(project: Path, tmp_path: Path) -> None:
    """A warning about an element names its model's file: an edit there makes the file's
    warnings again (its place moves with the edit); an edit elsewhere keeps it as it was."""
    replace("models/warm.yaml", "elements:\n", LONELY)(project)
    first = validate(project, tmp_path / "c")
    assert codes(first) == ["W501"]
    replace("models/warm.yaml", "A small model for tests.", "A\n    model.")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/models/warm.yaml"]
    assert rendered(report) == reference(project) != rendered(first)
    EDITS["a value changed"](project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml"]
    assert rendered(report) == reference(project)
    assert codes(report) == ["W501"]


def test_shape_findings_follow_the_edit(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shapes' findings on the edited file (here a link's strength taken out of its
    triples) are located again, at the line the record moved to."""
    without_strength(monkeypatch)
    first = rendered(validate(project, tmp_path / "c"))
    assert [line.split(": E401")[0] for line in first] == ["data/links/warm.yaml:6:5"]
    replace("links/warm.yaml", "description: Test links.", "description: >-\n    Test\n    links.")(
        project
    )
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml"]
    assert rendered(report) == reference(project)
    assert [line.split(": E401")[0] for line in rendered(report)] == ["data/links/warm.yaml:8:5"]
    EDITS["a record added"](project)  # a link edit, with the shapes' finding still there
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml"]
    assert rendered(report) == reference(project)
    assert [line.split(": E401")[0] for line in rendered(report)] == ["data/links/warm.yaml:8:5"]


def test_shape_findings_on_other_files_near_the_edit_come_and_go(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited link file also changes the fragment of the model its link is about (the
    link's direct triple about the element): findings there appear and go with the edit."""
    weak_breaks_element(monkeypatch)
    assert rendered(validate(project, tmp_path / "c")) == reference(project) == []
    EDITS["a value changed"](project)  # w-1, about warm:welcome, made weak
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml"]
    assert rendered(report) == reference(project)
    assert [line.split(": E401")[0] for line in rendered(report)] == ["data/models/warm.yaml:14:5"]
    replace("links/warm.yaml", "strength: weak", "strength: strong")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited == ["data/links/warm.yaml"]
    assert rendered(report) == reference(project) == []


def test_a_store_that_could_not_be_kept_is_not_taken_for_the_last_runs(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a run cannot write its shapes' findings (a full disk, say), the store holds an
    older run's: the next edit checks the whole folder instead of trusting it."""
    from crosswalk.shapecache import store

    weak_breaks_element(monkeypatch)
    validate(project, tmp_path / "c")
    EDITS["a value changed"](project)
    writable = store.write_whole
    monkeypatch.setattr(store, "write_whole", lambda path, data: False)
    report = validate(project, tmp_path / "c")
    assert codes(report) == ["E401"] and rendered(report) == reference(project)
    monkeypatch.setattr(store, "write_whole", writable)
    replace("links/warm.yaml", "strength: weak", "strength: strong")(project)
    report = validate(project, tmp_path / "c")
    assert report.edited is None
    assert rendered(report) == reference(project) == []


def test_the_edited_files_old_entries_go(project: Path, tmp_path: Path) -> None:
    validate(project, tmp_path / "c")
    folder = loadcache.Records.for_data(project, tmp_path / "c").path
    before = {p.name for p in folder.glob("*.pickle")}
    EDITS["a value changed"](project)
    assert validate(project, tmp_path / "c").edited == ["data/links/warm.yaml"]
    after = {p.name for p in folder.glob("*.pickle")}
    assert len(after) == len(before) == len(list(project.rglob("*.yaml")))
    assert len(after - before) == 1


@pytest.mark.parametrize(
    "spoil", ["garbage", "other format", "number out of range", "keys short", "other report"]
)
def test_a_bad_state_is_never_trusted(project: Path, tmp_path: Path, spoil: str) -> None:
    validate(project, tmp_path / "c")
    target = loadcache.Records.for_data(project, tmp_path / "c").path / editstate.NAME
    data = json.loads(target.read_text("utf-8"))
    if spoil == "garbage":
        target.write_text("{not json", "utf-8")
    else:
        if spoil == "other format":
            data["format"] += 1
        elif spoil == "number out of range":
            data["index"]["homes"][0][1] = [len(data["files"])]
        elif spoil == "keys short":
            data["keys"].pop()
        else:
            data["report"] = "0" * 64
        target.write_text(json.dumps(data), "utf-8")
    EDITS["a value changed"](project)
    report = validate(project, tmp_path / "c")
    assert report.edited is None and rendered(report) == reference(project)


def test_edits_to_a_generated_corpus(tmp_path: Path) -> None:
    """On the bundled data twice over: text edits to a link file and a model file, a broken
    reference, and back, then a link taken out and put back; each as a run without cache."""
    root = generate(tmp_path / "data")
    files = sorted(root.rglob("*.yaml"))
    links = next(p for p in files if "links:" in p.read_text("utf-8"))
    models = next(p for p in files if p.read_text("utf-8").startswith("model:"))
    texts = {p: p.read_text("utf-8") for p in (links, models)}
    validate(root, tmp_path / "c")
    steps: list[tuple[Edit, bool]] = [
        (
            lambda r: links.write_text(
                texts[links].replace("strength: partial", "strength: weak", 1)
            ),
            True,
        ),
        (lambda r: models.write_text("# a note\n" + texts[models], "utf-8"), True),
        (lambda r: links.write_text(texts[links].replace("subject: ", "subject: x", 1)), False),
        (lambda r: links.write_text(texts[links], "utf-8"), False),
        (lambda r: links.write_text("\n- id: ".join(parts[:1] + parts[2:]), "utf-8"), True),
        (lambda r: links.write_text(texts[links], "utf-8"), True),
    ]
    parts = texts[links].split("\n- id: ")
    assert len(parts) > 2
    for step, quick in steps:
        step(root)
        report = validate(root, tmp_path / "c")
        assert (report.edited is not None) == quick
        assert [p.render(strict=True) for p in report.problems] == reference(root)


def test_the_fields_left_out_are_read_by_no_check_across_files() -> None:
    """`TEXT_FIELDS` are fields of the records, and no module whose results are kept for
    unchanged files reads one (by attribute or by `getattr`)."""
    fields = {
        name
        for cls in vars(model).values()
        if isinstance(cls, type) and issubclass(cls, model.Record)
        for name in cls.model_fields
    }
    assert fields >= editcheck.TEXT_FIELDS
    read = set()
    for name in ("rules", "orphans", "registry", "corpus", "loader", "shapecache/from_files"):
        tree = ast.parse((ROOT / "crosswalk" / f"{name}.py").read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                read.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                read.add(node.value)
    assert not editcheck.TEXT_FIELDS & read
