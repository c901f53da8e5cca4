"""Load a data folder into a Corpus, collecting every problem on the way.

A file's kind is told by the top-level key naming what it declares (`framework`, `model`,
`principle_set`, `link_set`, `sources`), so curators add a model or a framework by adding
one file. Each record keeps where it was read so that later checks can point at it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from crosswalk import collector, yamlread
from crosswalk.model import (
    FILE_KINDS,
    Criterion,
    Element,
    Framework,
    FrameworkFile,
    Link,
    LinkSet,
    LinksFile,
    Model,
    ModelFile,
    Principle,
    PrincipleSet,
    PrinciplesFile,
    Record,
    Source,
    SourcesFile,
)
from crosswalk.problems import Location, Problem
from crosswalk.yamlread import Located, PathKey, shorten

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Where:
    """Where a record was read: its file and its path inside the file's data."""

    located: Located
    path: PathKey

    def at(self, *field_path: str | int) -> Location:
        return self.located.location((*self.path, *field_path))


def where(record: Record, *field_path: str | int) -> Location:
    """The location of a record, or of one of its fields."""
    place: Where | None = record._where
    if place is None:
        return Location("<unknown>")
    return place.at(*field_path)


@dataclass
class Corpus:
    """Everything in a data folder, keyed by the ids people use to refer to it."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    criteria: dict[str, Criterion] = field(default_factory=dict)  # "framework:criterion"
    principle_sets: dict[str, PrincipleSet] = field(default_factory=dict)
    principles: dict[str, Principle] = field(default_factory=dict)  # "set:principle"
    models: dict[str, Model] = field(default_factory=dict)
    elements: dict[str, Element] = field(default_factory=dict)  # "model:element"
    link_sets: dict[str, LinkSet] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    link_set_of: dict[str, str] = field(default_factory=dict)  # link id -> link set id
    files: list[str] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # shown path -> file on disk
    _groups: dict[tuple[int, int], dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def file_of(self, record: Record) -> Path:
        """The file a record was read from."""
        return self.paths[where(record).path]

    def scheme_of(self, ref: str) -> str:
        return ref.split(":", 1)[0]

    def criteria_of(self, framework_id: str) -> list[str]:
        """A framework's criteria references, in file order."""
        return list(self._members(self.criteria).get(framework_id, ()))

    def elements_of(self, model_id: str) -> list[str]:
        """A model's element references, in file order."""
        return list(self._members(self.elements).get(model_id, ()))

    def _members(self, table: dict[str, Any]) -> dict[str, list[str]]:
        # Grouped once per table and size; a table that grows (tests build corpora) regroups.
        key = (id(table), len(table))
        cached = self._groups.get(key)
        if cached is None:
            cached = {}
            for ref in table:
                cached.setdefault(self.scheme_of(ref), []).append(ref)
            self._groups = {k: v for k, v in self._groups.items() if k[0] != id(table)}
            self._groups[key] = cached
        return cached


def discover(root: Path) -> list[Path]:
    """The YAML files of a data folder, in a fixed order, hidden files left out."""
    found = [
        p
        for p in root.rglob("*")
        if p.suffix in {".yaml", ".yml"}
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def shown_path(root: Path, path: Path, root_label: str) -> str:
    return (Path(root_label) / path.relative_to(root)).as_posix()


def load(root: Path, root_label: str | None = None) -> tuple[Corpus, list[Problem]]:
    """Read every file under root. Returns the corpus of what loaded and all problems found.

    Registration of ids (and duplicate detection) happens here; cross-record checks are in
    `crosswalk.rules`.
    """
    label = root_label if root_label is not None else str(root)
    corpus = Corpus(root=root)
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(
            Problem(
                Location(label),
                "E101",
                "the data folder does not exist",
                "pass --data with the folder that holds the YAML files",
            )
        )
        return corpus, problems
    registry = _Registry(corpus, problems)
    with collector.paused():
        for path in discover(root):
            shown = shown_path(root, path, label)
            corpus.files.append(shown)
            corpus.paths[shown] = path
            located, read_problems = yamlread.read(path, shown)
            problems.extend(read_problems)
            if located is None:
                continue
            parsed = _validate_file(located, problems)
            if parsed is not None:
                registry.add(parsed[0], located, parsed[1])
    return corpus, problems


Parsed = tuple[Record, list[int]]  # a file's record and the original index of each list item


def _validate_file(located: Located, problems: list[Problem]) -> Parsed | None:
    data = located.data
    if data is None or data == {}:
        problems.append(
            Problem(
                Location(located.path, 1, 1),
                "E105",
                "the file is empty",
                "add content, or delete the file",
            )
        )
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                located.location(()),
                "E105",
                f"the top level is a {_type_name(data)}, not a mapping",
                "start the file with a key such as 'framework:' or 'links:'",
            )
        )
        return None
    kinds = [key for key in FILE_KINDS if key in data]
    if len(kinds) != 1:
        found = ", ".join(f"'{k}'" for k in kinds) if kinds else "none of them"
        problems.append(
            Problem(
                Location(located.path, 1, 1),
                "E106",
                f"cannot tell what the file holds (found {found})",
                "a file declares exactly one of: " + ", ".join(f"'{k}:'" for k in FILE_KINDS),
            )
        )
        return None
    file_model = FILE_KINDS[kinds[0]]
    try:
        parsed = file_model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_problems_from(exc, located, file_model))
        return _salvage(file_model, data)
    items = data[_LIST_KEYS[file_model]]
    return parsed, list(range(len(items)))


_LIST_KEYS: dict[type[Record], str] = {
    SourcesFile: "sources",
    FrameworkFile: "criteria",
    PrinciplesFile: "principles",
    ModelFile: "elements",
    LinksFile: "links",
}


def _salvage(file_model: type[Record], data: dict[str, Any]) -> Parsed | None:
    """Keep the valid records of a file whose other records are broken.

    So that one broken link does not hide every reference to the records next to it, a
    file whose header is valid keeps its valid list items; the broken ones were reported.
    """
    list_key = _LIST_KEYS[file_model]
    header_key = next((k for k in FILE_KINDS if k in data and k != list_key), None)
    item_model = _item_type(file_model, list_key)
    items = data.get(list_key)
    if not isinstance(items, list):
        return None
    kept = []
    indices = []
    for index, item in enumerate(items):
        try:
            kept.append(item_model.model_validate(item))
        except ValidationError:
            continue
        indices.append(index)
    values: dict[str, Any] = {list_key: kept}
    if header_key is not None:
        values[header_key] = data[header_key]
    try:
        return file_model.model_validate(values), indices
    except ValidationError:
        return None


def _item_type(file_model: type[BaseModel], list_key: str) -> type[Record]:
    annotation = file_model.model_fields[list_key].annotation
    (item,) = get_args(annotation)
    return item


def _type_name(value: Any) -> str:
    return {
        dict: "mapping",
        list: "list",
        str: "text",
        int: "number",
        float: "number",
        bool: "true/false",
    }.get(type(value), type(value).__name__)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at a location of an error, for 'did you mean' hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return sorted(current.model_fields)
        current = _unwrap(info.annotation)
    return []


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is None:
            return annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            return annotation
        annotation = next(
            (a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), args[0]
        )
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation


def _problems_from(exc: ValidationError, located: Located, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        # The field's name: for an item of a list (loc ends with its index), the list's.
        name = shorten(next((part for part in reversed(loc) if isinstance(part, str)), "value"))
        raw = error.get("input")
        value = shorten(raw)
        location = located.location(loc)
        if kind == "extra_forbidden":
            allowed = _fields_at(model, (*loc[:-1], "__none__")) or []
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else ("allowed keys here: " + ", ".join(allowed) if allowed else "remove it")
            )
            problems.append(Problem(location, "E201", f"unknown key '{name}'", hint))
        elif kind == "missing":
            problems.append(
                Problem(location, "E204", f"'{name}' is required", f"add '{name}:' to this record")
            )
        elif kind == "enum":
            expected = error.get("ctx", {}).get("expected", "")
            problems.append(
                Problem(
                    location,
                    "E203",
                    f"'{value}' is not allowed for '{name}'",
                    f"use one of {expected}",
                )
            )
        elif kind == "string_pattern_mismatch":
            pattern = error.get("ctx", {}).get("pattern", "")
            if "https?" in pattern:
                problems.append(
                    Problem(
                        location,
                        "E202",
                        f"'{name}' must be an http(s) address",
                        "give a full address starting with https://",
                    )
                )
            elif ":" in pattern:
                problems.append(
                    Problem(
                        location,
                        "E205",
                        f"'{value}' is not a reference of the form SCHEME:ID",
                        "write e.g. cqc-asc-2017:W3.5 or my-home-life:some-element",
                    )
                )
            else:
                problems.append(
                    Problem(
                        location,
                        "E205",
                        f"'{value}' is not a well-formed id",
                        "use letters, digits, '.', '_' or '-', no spaces or '..'",
                    )
                )
        elif kind in {"string_too_long", "too_long"}:
            limit = error.get("ctx", {}).get("max_length", "")
            problems.append(
                Problem(
                    location,
                    "E202",
                    f"'{name}' is too long (over {limit})",
                    "shorten it; link to the source for longer text",
                )
            )
        else:
            message = error["msg"][0].lower() + error["msg"][1:]
            got = _type_name(raw) if raw is not None else "nothing"
            problems.append(
                Problem(location, "E202", f"'{name}': {message} (got {got})", _type_hint(kind))
            )
    return problems


def _type_hint(kind: str) -> str:
    if kind.startswith("string"):
        return "write it as text; quote numbers and dates that are meant as text"
    if kind.startswith("date"):
        return "write a date as YYYY-MM-DD"
    if kind.startswith(("int", "bool", "float")):
        return "write a plain number or true/false, without quotes"
    if kind.startswith("list"):
        return "write a list, one '- ' item per line"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "write a mapping of 'key: value' lines here"
    return "check the format in docs/data-format.md"


class _Registry:
    """Adds validated files to the corpus, reporting ids declared twice."""

    def __init__(self, corpus: Corpus, problems: list[Problem]) -> None:
        self.corpus = corpus
        self.problems = problems
        self.schemes: dict[str, Location] = {}

    def _declare(self, table: dict[str, Any], key: str, record: Record, what: str) -> bool:
        if key in table:
            first = where(table[key])
            self.problems.append(
                Problem(
                    where(record, "id"),
                    "E301",
                    f"{what} '{key}' is already declared at {first}",
                    "give it a different id, or remove one of the two",
                )
            )
            return False
        table[key] = record
        return True

    def _scheme(self, record: Record, scheme_id: str, what: str) -> bool:
        if scheme_id in self.schemes:
            self.problems.append(
                Problem(
                    where(record, "id"),
                    "E301",
                    f"{what} id '{scheme_id}' is already used at {self.schemes[scheme_id]}",
                    "frameworks, models and principle sets need distinct ids",
                )
            )
            return False
        self.schemes[scheme_id] = where(record, "id")
        return True

    def add(self, parsed: Record, located: Located, indices: list[int]) -> None:
        def place(record: R, *path: str | int) -> R:
            if len(path) == 2 and isinstance(path[1], int):
                path = (path[0], indices[path[1]])
            record._where = Where(located, tuple(path))
            return record

        c = self.corpus
        if isinstance(parsed, SourcesFile):
            for i, src in enumerate(parsed.sources):
                self._declare(c.sources, src.id, place(src, "sources", i), "source")
        elif isinstance(parsed, FrameworkFile):
            fw = place(parsed.framework, "framework")
            if self._scheme(fw, fw.id, "framework") and self._declare(
                c.frameworks, fw.id, fw, "framework"
            ):
                for i, crit in enumerate(parsed.criteria):
                    self._declare(
                        c.criteria, f"{fw.id}:{crit.id}", place(crit, "criteria", i), "criterion"
                    )
        elif isinstance(parsed, PrinciplesFile):
            ps = place(parsed.principle_set, "principle_set")
            if self._scheme(ps, ps.id, "principle set") and self._declare(
                c.principle_sets, ps.id, ps, "principle set"
            ):
                for i, pr in enumerate(parsed.principles):
                    self._declare(
                        c.principles, f"{ps.id}:{pr.id}", place(pr, "principles", i), "principle"
                    )
        elif isinstance(parsed, ModelFile):
            m = place(parsed.model, "model")
            if self._scheme(m, m.id, "model") and self._declare(c.models, m.id, m, "model"):
                for i, el in enumerate(parsed.elements):
                    self._declare(
                        c.elements, f"{m.id}:{el.id}", place(el, "elements", i), "element"
                    )
        elif isinstance(parsed, LinksFile):
            ls = place(parsed.link_set, "link_set")
            if self._declare(c.link_sets, ls.id, ls, "link set"):
                for i, link in enumerate(parsed.links):
                    if self._declare(c.links, link.id, place(link, "links", i), "link"):
                        c.link_set_of[link.id] = ls.id
