"""Reading a data folder safely (issue 11, defects 4, 5 and 10).

Nothing under --data is skipped silently (an unreadable folder or file, an empty folder, a
link leading out); no valid id can write one page over another or redefine a prefix; no
number, date or flag is converted quietly, and --base-iri is an IRI; one refused record is
reported once, with what waits on it after it. The hostile catalogue (tests/hostile/) runs
the file-level cases through every command; these are the folder-level ones and the checks
that need more than one file.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import inspect
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import pytest
import yaml
from conftest import PROJECT, REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError
from rdflib import Graph

from crosswalk import pipeline, yamlread
from crosswalk.export import sssom
from crosswalk.model import FILE_KINDS
from crosswalk.namespaces import RESERVED_PREFIXES
from crosswalk.problems import Problem
from crosswalk.site import urls

DOCS = REPO / "docs" / "data-format.md"


def check(data: Path) -> list[Problem]:
    return pipeline.check(data, "data", run_shacl=False).problems


def found(problems: list[Problem]) -> list[tuple[str, str, int]]:
    return [(p.code, p.location.path, p.location.line) for p in problems]


def edit_yaml(path: Path, change: Any) -> None:
    """Load a data file, change it, write it back (comments are not kept: tests only)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The line of a file that holds a text (once)."""
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


# Defect 4: every folder and file under --data is read, or is an error naming it ---------


def test_a_folder_that_cannot_be_listed_stops_validate_and_build(
    project: Path, run: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    links = project / "links"
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == links:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("validate", "--data", str(project), "--no-shacl")
    assert result.code == 1 and "valid" not in result.out, result.out + result.err
    assert f"{links}: E108 error: cannot list the folder: Permission denied" in result.err
    site = tmp_path / "site"
    built = run("build", "--data", str(project), "--out", str(site), "--no-search")
    assert built.code == 1 and "E108" in built.err and not site.exists(), built.err


def test_a_file_that_cannot_be_read_is_an_error_naming_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = project / "links" / "warm.yaml"
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    problems = check(project)
    assert ("E108", "data/links/warm.yaml", 0) in found(problems), found(problems)


# Root reads anything: the same, for real, in a child that has lost root's right to read any
# file (the capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so that file modes count
# as they do for any user. (Switching to the user nobody would not do: the interpreter lives
# under /root here.)
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _without_the_right_to_read_anything() -> None:
    if os.geteuid() != 0:
        return  # file modes already count
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def unprivileged(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_without_the_right_to_read_anything,
    )


def test_the_unprivileged_child_really_cannot_read_a_closed_folder(tmp_path: Path) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        done = unprivileged(tmp_path, "-c", "import os; os.listdir('closed')")
    finally:
        closed.chmod(0o755)
    assert done.returncode != 0 and "PermissionError" in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("closed", "expected"),
    [
        ("links", "data/links: E108 error: cannot list the folder: Permission denied"),
        ("links/warm.yaml", "data/links/warm.yaml: E108 error: cannot read the file"),
        (".", "data: E108 error: cannot list the folder: Permission denied"),
    ],
)
def test_unreadable_folders_and_files_are_errors_for_a_real_user(
    tmp_path: Path, closed: str, expected: str
) -> None:
    shutil.copytree(PROJECT, tmp_path / "data")
    target = tmp_path / "data" / closed
    mode = target.stat().st_mode
    target.chmod(0)
    try:
        done = unprivileged(tmp_path, "-m", "crosswalk.cli", "validate", "--data", "data")
    finally:
        target.chmod(mode)
    assert done.returncode == 1, done.stdout + done.stderr
    assert expected in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "valid" not in done.stdout


@pytest.mark.parametrize(
    "contents",
    [{}, {"README.md": "notes", ".draft.yaml": "x: [", ".git/config.yaml": "x: [", "a.txt": ""}],
    ids=["nothing", "only-ignored-names"],
)
def test_a_data_folder_without_data_files_is_an_error(
    tmp_path: Path, contents: dict[str, str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in contents.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    problems = check(data)
    assert found(problems) == [("E109", "data", 0)]
    assert "no data files in data" in problems[0].message


def test_hidden_and_other_names_are_ignored_and_any_case_of_yaml_is_read(project: Path) -> None:
    before = pipeline.check(project, "data", run_shacl=False).corpus
    for name in (".draft.yaml", ".git/objects.yaml", "links/notes.txt", "links/old.yaml~"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text("not: [valid", encoding="utf-8")
    (project / "links" / "warm.yaml").rename(project / "links" / "warm.YAML")
    checked = pipeline.check(project, "data", run_shacl=False)
    assert checked.failures() == [], [p.render() for p in checked.problems]
    assert "data/links/warm.YAML" in checked.corpus.files
    assert sorted(checked.corpus.links) == sorted(before.links)


def test_symbolic_links_leading_outside_are_refused_with_their_path(
    project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "more.yaml").write_text("link_set: {id: more, title: More}\nlinks: []\n")
    (project / "links" / "evil.yaml").symlink_to(outside / "more.yaml")
    (project / "elsewhere").symlink_to(outside)
    (project / "README").symlink_to(outside / "more.yaml")  # an ignored name: never read
    problems = check(project)
    codes = found(problems)
    assert ("E110", "data/links/evil.yaml", 0) in codes and ("E110", "data/elsewhere", 0) in codes
    assert [c for c in codes if c[0] != "E110"] == [], codes
    assert all(str(outside) in p.message for p in problems)


def test_links_inside_the_folder_cannot_loop_and_odd_files_are_errors(project: Path) -> None:
    before = pipeline.check(project, "data", run_shacl=False).corpus
    (project / "links" / "loop").symlink_to("..")  # a folder inside: read where it is
    (project / "gone.yaml").symlink_to("nothing-here.yaml")
    os.mkfifo(project / "pipe.yaml")  # opening it would wait for a writer for ever
    checked = pipeline.check(project, "data", run_shacl=False)
    assert found(checked.failures()) == [
        ("E108", "data/gone.yaml", 0),
        ("E108", "data/pipe.yaml", 0),
    ]
    assert "leads nowhere" in checked.problems[0].message
    assert "not a regular file" in checked.problems[1].message
    assert sorted(checked.corpus.links) == sorted(before.links)


# Defect 5: no valid id names a page another page has, or redefines a prefix -------------

# The page functions of the URL scheme that take ids, and the record ids they are given.
PAGE_FUNCTIONS = {
    "framework": ("framework",),
    "criterion": ("framework", "local"),
    "matrix": ("framework",),
    "model": ("model",),
    "element": ("model", "local"),
    "principle": ("set", "local"),
    "report": ("model", "framework"),
    "coverage_json": ("model", "framework"),
    "review_set": ("link_set",),
}
NOT_PAGES = {"link_anchor", "ref_page"}  # an anchor in a page; a dispatcher to the above


def _functions() -> dict[str, Any]:
    return {
        name: function
        for name, function in inspect.getmembers(urls, inspect.isfunction)
        if function.__module__ == urls.__name__ and not name.startswith("_")
    }


def test_every_page_function_of_the_url_scheme_is_checked_below() -> None:
    with_ids = {n for n, f in _functions().items() if inspect.signature(f).parameters}
    assert with_ids - NOT_PAGES == set(PAGE_FUNCTIONS)


def site_paths(ids: dict[str, list[str]]) -> dict[str, tuple[Any, ...]]:
    """Every page path for these ids (letter case folded), each with what it is the page of.
    Two things with one page, or a page where another needs a folder, fail here."""
    functions = _functions()
    paths: dict[str, tuple[Any, ...]] = {}

    def put(path: str, owner: tuple[Any, ...]) -> None:
        folded = path.casefold()
        assert folded not in paths, f"{owner} and {paths.get(folded)} are both {path}"
        paths[folded] = owner

    for name, function in functions.items():
        if name not in NOT_PAGES and not inspect.signature(function).parameters:
            put(function(), (name,))
    for name, kinds in PAGE_FUNCTIONS.items():
        combos: list[tuple[str, ...]] = [()]
        for kind in kinds:
            combos = [(*combo, value) for combo in combos for value in ids[kind]]
        for combo in combos:
            args = [f"{combo[0]}:{combo[1]}"] if kinds[-1] == "local" else list(combo)
            put(functions[name](*args), (name, *combo))
    for path, owner in paths.items():
        folders = path.split("/")[:-1]
        for depth in range(1, len(folders) + 1):
            folder = "/".join(folders[:depth])
            assert folder not in paths, f"{owner} needs a folder where {paths[folder]} is"
    return paths


TRICKY_IDS = ["index", "Index", "matrix", "MATRIX", "index.html", "Index.HTML", "a", "b"]
TRICKY_IDS += ["index.htm", "matrix.html", "coverage", "csv", "data.js", "pagefind", "x.json"]
ALLOWED_IDS = st.sampled_from(TRICKY_IDS) | st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,6}\Z")
ALLOWED_IDS = ALLOWED_IDS.filter(lambda i: i.casefold() not in urls.RESERVED_IDS and ".." not in i)
KINDS = ("framework", "model", "set", "link_set", "local")


def _distinct(ids: list[str]) -> list[str]:
    return list({i.casefold(): i for i in ids}.values())


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({k: st.lists(ALLOWED_IDS, min_size=1, max_size=4) for k in KINDS}))
def test_no_ids_but_the_reserved_ones_can_make_two_pages_one(ids: dict[str, list[str]]) -> None:
    site_paths({kind: _distinct(values) for kind, values in ids.items()})


@pytest.mark.parametrize("reserved", sorted(urls.RESERVED_IDS))
def test_each_reserved_id_would_make_two_pages_one(reserved: str) -> None:
    clashes = 0
    for kind in KINDS:
        ids = {k: ["a"] for k in KINDS}
        ids[kind] = [reserved]
        try:
            site_paths(ids)
        except AssertionError:
            clashes += 1
    assert clashes, f"'{reserved}' collides with no page: it need not be reserved"


def _add_criterion(local: str) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["criteria"].append({**data["criteria"][-1], "id": local, "parent": None})

    return change


@pytest.mark.parametrize("local", ["index", "matrix", "Index", "index.html", "INDEX.HTML"])
def test_a_criterion_named_like_a_page_of_its_framework_is_refused(
    project: Path, local: str
) -> None:
    path = project / "frameworks" / "reg.yaml"
    edit_yaml(path, _add_criterion(local))
    problems = check(project)
    hits = [p for p in problems if p.code == "E205"]
    assert found(hits) == [("E205", "data/frameworks/reg.yaml", line_of(path, f"id: {local}"))]
    assert "index, index.html, matrix" in hits[0].message


def test_a_criterion_that_differs_from_another_only_in_case_is_refused(project: Path) -> None:
    path = project / "frameworks" / "reg.yaml"
    first = yaml.safe_load(path.read_text())["criteria"][-1]["id"]
    edit_yaml(path, _add_criterion(first.swapcase()))
    problems = [p for p in check(project) if p.severity == "error"]
    assert [p.code for p in problems] == ["E301"], [p.render() for p in problems]
    assert "only in letter case" in problems[0].message


@pytest.mark.parametrize(
    ("file", "header", "new_id"),
    [
        ("links/warm.yaml", "link_set", "index"),
        ("models/warm.yaml", "model", "index.html"),
        ("models/warm.yaml", "model", "owl"),
        ("models/warm.yaml", "model", "SKOS"),
        ("principles.yaml", "principle_set", "xsd"),
        ("frameworks/reg.yaml", "framework", "criterion"),
    ],
)
def test_an_id_that_names_a_site_page_or_a_prefix_is_refused(
    project: Path, file: str, header: str, new_id: str
) -> None:
    path = project / file
    edit_yaml(path, lambda data: data[header].update(id=new_id))
    hits = [p for p in check(project) if p.code == "E205"]
    assert found(hits) == [("E205", f"data/{file}", line_of(path, f"id: {new_id}"))]
    reserved = urls.RESERVED_IDS if new_id.casefold() in urls.RESERVED_IDS else RESERVED_PREFIXES
    assert all(name in hits[0].message for name in reserved)


def test_the_sssom_prefixes_are_reserved_and_a_scheme_never_redefines_one() -> None:
    corpus = pipeline.check(PROJECT, "data", run_shacl=False).corpus
    curie_map = sssom._curie_map(corpus, "https://example.org/")
    schemes = {*corpus.frameworks, *corpus.models, *corpus.principle_sets}
    assert schemes <= set(curie_map)
    assert set(curie_map) - schemes <= RESERVED_PREFIXES
    corpus.models["owl"] = next(iter(corpus.models.values()))
    with pytest.raises(ValueError, match="redefine the prefix 'owl:'"):
        sssom._curie_map(corpus, "https://example.org/")


def test_the_docs_list_every_reserved_name() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert [n for n in sorted(urls.RESERVED_IDS | RESERVED_PREFIXES) if f"`{n}`" not in docs] == []


# Defect 10: numbers, dates and flags only as written; --base-iri an IRI; one cause once --

SCALAR_BASES = {int, dt.date, bool}
QUIET_COERCIONS: dict[type, list[Any]] = {
    int: [2006.0, "2006", True, "03726"],
    dt.date: [0, 1767225600, 2026.0, dt.datetime(2026, 1, 1, 10, 30), "2026-01-01T00:00"],
    bool: [1, 0, "true", "yes"],
}
TAKEN: dict[type, Any] = {int: 2006, dt.date: dt.date(2026, 1, 1), bool: True}


def _scalar_fields() -> list[tuple[str, Any, type]]:
    """Every number, date and true/false field of every record, with its annotation."""
    fields, seen, pending = [], set(), list(FILE_KINDS.values())
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            for base in _bases(info.annotation):
                if isinstance(base, type) and issubclass(base, BaseModel):
                    pending.append(base)
                elif base in SCALAR_BASES:
                    # pydantic keeps a required field's Annotated metadata beside its type
                    annotation = info.annotation
                    if info.metadata:
                        annotation = Annotated[(annotation, *info.metadata)]
                    fields.append((f"{model.__name__}.{name}", annotation, base))
    return sorted(fields, key=lambda f: f[0])


def _bases(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _bases(get_args(annotation)[0])
    if origin is not None:  # a union, a list
        return [b for arg in get_args(annotation) for b in _bases(arg)]
    return [annotation]


SCALAR_FIELDS = _scalar_fields()


def test_the_scalar_fields_are_found() -> None:
    names = {name for name, _, _ in SCALAR_FIELDS}
    assert {"Source.year", "Model.year", "Model.in_wales", "Link.created"} <= names


@pytest.mark.parametrize(
    ("name", "annotation", "base"), SCALAR_FIELDS, ids=[f[0] for f in SCALAR_FIELDS]
)
def test_no_number_date_or_flag_field_converts_a_value_quietly(
    name: str, annotation: Any, base: type
) -> None:
    adapter = TypeAdapter(annotation)
    assert adapter.validate_python(TAKEN[base]) == TAKEN[base]
    for value in QUIET_COERCIONS[base]:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)
            pytest.fail(f"{name} took {value!r}")


def test_a_date_written_in_quotes_is_still_a_date() -> None:
    (date_field,) = [a for n, a, _ in SCALAR_FIELDS if n == "Link.created"]
    assert TypeAdapter(date_field).validate_python("2026-01-01") == dt.date(2026, 1, 1)


@pytest.mark.parametrize("written", ["03726", "0x7D6", "0b1", "2_006", "33:26", "-012"])
def test_the_reader_keeps_an_integer_not_written_in_decimal_as_text(written: str) -> None:
    located, problems = yamlread.parse(f"year: {written}\n", "f.yaml")
    assert problems == [] and located is not None and located.data == {"year": written}


BAD_BASES = [
    "https://example.org/a b/",
    "https://example.org/>/",
    'https://example.org/"/',
    "https://example.org/data",
    "https://example.org/a#b/",
    "https://example.org/%zz/",
    "http://user@example.org/",
    "http://example.org:port/",
    "ftp://example.org/",
    "urn:example:",
    "/relative/",
    "javascript:alert(1)//",
    "https:///",
]


@pytest.mark.parametrize("base", BAD_BASES)
def test_a_base_iri_that_would_write_bad_turtle_is_a_usage_error(
    run: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path, base: str
) -> None:
    out = tmp_path / "graph.ttl"
    with pytest.raises(SystemExit) as exc:
        run(
            "export",
            "--data",
            str(PROJECT),
            "--format",
            "turtle",
            "--out",
            str(out),
            "--base-iri",
            base,
        )
    assert exc.value.code == 2
    assert "--base-iri" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("base", ["https://example.org/data/", "http://example.org/data#"])
def test_a_good_base_iri_writes_turtle_that_parses(run: Any, tmp_path: Path, base: str) -> None:
    out = tmp_path / "graph.ttl"
    result = run(
        "export",
        "--data",
        str(PROJECT),
        "--format",
        "turtle",
        "--out",
        str(out),
        "--base-iri",
        base,
    )
    assert result.code == 0, result.err
    graph = Graph().parse(out, format="turtle")
    assert any(str(s).startswith(base + "model/") for s in graph.subjects())


def _references(data_folder: Path) -> Counter[tuple[str, str]]:
    """Every reference in a data folder: ("source", id) for citations, ("ref", SCHEME:ID)
    for link ends and ("parent", SCHEME:ID) for parents, with how often each is made."""
    counts: Counter[tuple[str, str]] = Counter()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("source"), str) and "locator" in value:
                counts["source", value["source"]] += 1
            for end in ("subject", "object"):
                if isinstance(value.get(end), str) and "relation" in value:
                    counts["ref", value[end]] += 1
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for path in sorted(data_folder.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return counts


def test_one_bad_model_header_is_reported_first_and_each_reference_to_it_once(
    project: Path,
) -> None:
    path = project / "models" / "warm.yaml"
    path.write_text(path.read_text().replace("impact_evidence: limited", "impact_evidence: huge"))
    waiting = {r for kind, r in _references(project) if kind == "ref" and r.startswith("warm:")}
    assert waiting, "the fixture links to the model's elements"
    errors = pipeline.check(project, "data", run_shacl=False).failures()
    root = ("E203", "data/models/warm.yaml", line_of(path, "impact_evidence: huge"))
    assert found(errors)[0] == root, [p.render() for p in errors]
    assert Counter(p.code for p in errors) == {"E203": 1, "E308": len(waiting)}
    assert sorted(p.message.split("'")[1] for p in errors[1:]) == sorted(waiting)
    assert all("because of model 'warm'" in p.message for p in errors[1:])
    assert all(f"at data/models/warm.yaml:{root[2]}:" in p.message for p in errors[1:])


def test_one_bad_source_is_reported_first_and_once_for_all_its_citations(project: Path) -> None:
    path = project / "sources.yaml"
    edit_yaml(path, lambda data: data["sources"][0].update(year="twenty"))
    source = yaml.safe_load(path.read_text())["sources"][0]["id"]
    citations = _references(project)["source", source]
    assert citations > 2, "the fixture cites the source often"
    errors = pipeline.check(project, "data", run_shacl=False).failures()
    assert [p.code for p in errors] == ["E202", "E308"], [p.render() for p in errors]
    assert errors[0].location.path == "data/sources.yaml"
    assert errors[1].message.startswith(f"source '{source}' is not usable because of the E202")
    assert f"{citations - 1} other references to it wait" in errors[1].hint


def test_a_refused_parent_is_waited_on_not_undeclared(project: Path) -> None:
    path = project / "models" / "warm.yaml"
    parents = {e.get("parent") for e in yaml.safe_load(path.read_text())["elements"]} - {None}
    assert parents, "the fixture has an element with a parent"
    parent = sorted(parents)[0]

    def change(data: dict[str, Any]) -> None:
        for element in data["elements"]:
            if element["id"] == parent:
                element["kind"] = "nonsense"

    edit_yaml(path, change)
    errors = pipeline.check(project, "data", run_shacl=False).failures()
    assert "E302" not in {p.code for p in errors}, [p.render() for p in errors]
    assert errors[0].code == "E203"
    assert any(p.code == "E308" and f"warm:{parent}" in p.message for p in errors)


def test_a_refused_link_leaves_no_warning_that_its_ends_are_unlinked(project: Path) -> None:
    ends = _references(project)
    path = project / "links" / "warm.yaml"
    links = yaml.safe_load(path.read_text())["links"]
    lonely = next(link for link in links if ends["ref", link["subject"]] == 1)

    def change(data: dict[str, Any]) -> None:
        for link in data["links"]:
            if link["id"] == lonely["id"]:
                link["strength"] = "stronger"

    edit_yaml(path, change)
    problems = check(project)
    assert [p.code for p in problems if p.severity == "error"] == ["E203"]
    assert not [p for p in problems if f"'{lonely['subject']}'" in p.message], problems
