"""Load a data folder into a Corpus, collecting every problem on the way.

A file's kind is told by the top-level key naming what it declares (`framework`, `model`,
`principle_set`, `link_set`, `sources`), so curators add a model or a framework by adding
one file. Each record keeps where it was read so that later checks can point at it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from crosswalk import datafolder, loadcache, yamlread
from crosswalk.corpus import Corpus, Refusal, Where
from crosswalk.model import (
    FILE_KINDS,
    FrameworkFile,
    LinksFile,
    ModelFile,
    PrinciplesFile,
    Record,
    SourcesFile,
)
from crosswalk.namespaces import RESERVED_PREFIXES
from crosswalk.problems import Location, Problem
from crosswalk.site.urls import RESERVED_IDS
from crosswalk.yamlread import Located, shorten

R = TypeVar("R", bound=Record)


def discover(root: Path) -> list[Path]:
    """The data files of a folder, in a fixed order (for scripts; `load` reports what
    could not be read: see `crosswalk.datafolder`)."""
    return datafolder.scan(root, str(root)).files


shown_path = datafolder.shown_path


def load(
    root: Path, root_label: str | None = None, cache: loadcache.Records | None = None
) -> tuple[Corpus, list[Problem]]:
    """Read every file under root. Returns the corpus of what loaded and all problems found.

    Registration of ids (and duplicate detection) happens here; cross-record checks are in
    `crosswalk.rules`. With a cache, a file whose bytes are those of an entry is taken from
    it instead of parsed and validated again (see `crosswalk.loadcache`).
    """
    label = root_label if root_label is not None else str(root)
    corpus = Corpus(root=root)
    problems: list[Problem] = []
    try:
        is_folder = root.is_dir()
    except OSError as exc:  # a folder on the way cannot be searched
        problems.append(
            Problem(
                Location(label),
                "E108",
                f"cannot reach the data folder: {exc.strerror or exc}",
                "make the folders on its path readable, or pass another --data",
            )
        )
        return corpus, problems
    if not is_folder:
        problems.append(
            Problem(
                Location(label),
                "E101",
                "it is a file, not a folder" if root.exists() else "the data folder does not exist",
                "pass --data with the folder that holds the YAML files",
            )
        )
        return corpus, problems
    registry = _Registry(corpus, problems)
    scanned = datafolder.scan(root, label)
    problems.extend(scanned.problems)
    for path in scanned.files:
        shown = shown_path(root, path, label)
        corpus.files.append(shown)
        corpus.paths[shown] = path
        entry, located = _read_file(path, shown, cache)
        problems.extend(entry.problems)
        corpus.refused.update(entry.refused)
        if entry.parsed is not None:
            if located is None:
                assert entry.places is not None
                located = loadcache.LazyLocated(shown, entry.places)
            registry.add(entry.parsed[0], located, entry.parsed[1])
    if cache is not None:
        cache.prune()
    return corpus, problems


def _read_file(
    path: Path, shown: str, cache: loadcache.Records | None
) -> tuple[loadcache.Entry, Located | None]:
    """What one file gives on its own, and the file's places when it was read this run:
    from the cache (places read when needed) when its bytes are those of an entry."""
    raw = _bytes(path) if cache is not None else None
    key = loadcache.Records.key(shown, raw) if cache is not None and raw is not None else None
    if cache is not None and key is not None:
        cache.keys[shown] = key
        found = cache.get(key)
        if found is not None:
            return found, None
    located, problems = yamlread.read(path, shown)
    refused: dict[tuple[str, str], Refusal] = {}
    parsed = None
    if located is not None:
        parsed = _validate_file(located, problems, refused)
        located.data = None  # not needed after validation: the records hold it
    entry = loadcache.Entry(problems, refused, parsed, None)
    # Kept only if the file read is the one hashed (it was not changed in between).
    if cache is not None and key is not None:
        if _bytes(path) != raw:
            del cache.keys[shown]  # no key to keep what it gave under
            return entry, located
        entry.places = loadcache.places_of(located) if located is not None and parsed else None
        cache.put(key, entry)
    return entry, located


def _bytes(path: Path) -> bytes | None:
    """A data file's bytes, for its cache key; None when it is too large or unreadable (then
    it is read without the cache, which reports why)."""
    try:
        if path.stat().st_size > yamlread.MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


Parsed = tuple[Record, list[int]]  # a file's record and the original index of each list item


def _validate_file(
    located: Located, problems: list[Problem], refused: dict[tuple[str, str], Refusal]
) -> Parsed | None:
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
        reported = _problems_from(exc, located, file_model)
        problems.extend(reported)
        salvaged = _salvage(file_model, data)
        errors = exc.errors(include_url=False)  # one problem each, in the same order
        causes = [(tuple(e["loc"]), p) for e, p in zip(errors, reported, strict=True)]
        refused.update(_refusals(file_model, data, causes, salvaged))
        return salvaged
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


# The files whose header is a scheme (the SCHEME of the SCHEME:ID references to their items):
# what the header and the items are called.
_ITEM_WHAT: dict[type[Record], str] = {
    FrameworkFile: "criterion",
    PrinciplesFile: "principle",
    ModelFile: "element",
}
_SCHEME_WHAT: dict[type[Record], str] = {
    FrameworkFile: "framework",
    PrinciplesFile: "principle set",
    ModelFile: "model",
}


def _refusals(
    file_model: type[Record],
    data: dict[str, Any],
    causes: list[tuple[tuple[Any, ...], Problem]],
    salvaged: Parsed | None,
) -> dict[tuple[str, str], Refusal]:
    """The records of a file that its problems refused, each with its first problem.

    A file that was refused whole refuses its scheme (every SCHEME:ID under it) or, for a
    link set, its links; otherwise the list items that were left out are refused one by one.
    """
    list_key = _LIST_KEYS[file_model]
    header_key = next((k for k in FILE_KINDS if k in data and k != list_key), None)
    items = data.get(list_key)
    items = items if isinstance(items, list) else []
    scheme = _raw_id(data.get(header_key)) if header_key else None

    def first(*prefix: Any) -> Problem:
        inside = [p for loc, p in causes if loc[: len(prefix)] == prefix]
        return min(inside or [p for _, p in causes])

    refused: dict[tuple[str, str], Refusal] = {}
    if salvaged is None:
        dropped = list(range(len(items)))
        if scheme is not None and file_model in _SCHEME_WHAT:
            what = f"{_SCHEME_WHAT[file_model]} '{scheme}'"
            refused[("scheme", scheme)] = Refusal(what, first(header_key))
    else:
        dropped = sorted(set(range(len(items))) - set(salvaged[1]))
    for index in dropped:
        item = items[index]
        local = _raw_id(item)
        cause = first(list_key, index)
        if file_model is SourcesFile and local is not None:
            refused[("source", local)] = Refusal(f"source '{local}'", cause)
        elif file_model is LinksFile and isinstance(item, dict):
            for end in ("subject", "object"):
                if isinstance(item.get(end), str):
                    refused[("linked", item[end].strip())] = Refusal("link", cause)
        elif file_model in _ITEM_WHAT and scheme and local and salvaged is not None:
            ref = f"{scheme}:{local}"
            refused[("ref", ref)] = Refusal(f"{_ITEM_WHAT[file_model]} '{ref}'", cause)
    return refused


def _raw_id(record: Any) -> str | None:
    """The id a record that failed validation was given, if it was given as text."""
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record["id"].strip() or None
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
        elif kind in _STRICT_TYPES:
            want, hint = _STRICT_TYPES[kind]
            problems.append(
                Problem(location, "E202", f"'{name}' must be {want}, not {_written(raw)}", hint)
            )
        else:
            message = error["msg"][0].lower() + error["msg"][1:]
            got = _type_name(raw) if raw is not None else "nothing"
            problems.append(
                Problem(location, "E202", f"'{name}': {message} (got {got})", _type_hint(kind))
            )
    return problems


# The fields that take a value only as YAML wrote it (model.Year, Date, Flag): what they want.
_STRICT_TYPES = {
    "int_type": (
        "a whole number written in decimal",
        "write digits only, e.g. 2006: no quotes, decimal point or leading zero",
    ),
    "date_type": (
        "a date",
        "write a real date as YYYY-MM-DD, without a time",
    ),
    "bool_type": ("true or false", "write true or false, without quotes"),
}


def _written(raw: Any) -> str:
    """A value as a message quotes it: its kind and, for a scalar, how it reads."""
    if isinstance(raw, str):
        return f"the text '{shorten(raw)}'"
    if isinstance(raw, dt.datetime):
        return f"the date and time {raw.isoformat(' ')}"
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, int | float):
        return f"the number {raw}"
    if raw is None:
        return "an empty value"
    return f"a {_type_name(raw)}"


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
    """Adds validated files to the corpus, reporting ids declared twice or reserved.

    A record whose page would be written over another's (an id reserved by the site, or one
    that differs from another only in letter case) is reported but still registered, so that
    what refers to it is not reported again.
    """

    def __init__(self, corpus: Corpus, problems: list[Problem]) -> None:
        self.corpus = corpus
        self.problems = problems
        self.schemes: dict[str, Record] = {}  # located only when reported
        self.folded: dict[str, dict[str, str]] = {}  # kind of record -> casefolded key -> key

    def _declare(
        self, table: dict[str, Any], key: str, record: Record, what: str, page: bool = True
    ) -> bool:
        if key in table:
            first = self.corpus.where(table[key])
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E301",
                    f"{what} '{key}' is already declared at {first}",
                    "give it a different id, or remove one of the two",
                )
            )
            return False
        if page:
            self._check_page_name(table, key, record, what)
        table[key] = record
        return True

    def _check_page_name(self, table: dict[str, Any], key: str, record: Record, what: str) -> None:
        local = getattr(record, "id", key)
        if local.casefold() in RESERVED_IDS:
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E205",
                    f"the {what} id '{local}' is reserved: the site names its own pages "
                    + ", ".join(sorted(RESERVED_IDS)),
                    "choose another id; these are reserved in any letter case",
                )
            )
        folded = self.folded.setdefault(what, {})
        other = folded.setdefault(key.casefold(), key)
        if other != key:
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E301",
                    f"{what} '{key}' differs from '{other}' "
                    f"(at {self.corpus.where(table[other], 'id')}) only in letter case",
                    "give it another id: on a case-insensitive file system (macOS, Windows) "
                    "their pages are one file",
                )
            )

    def _scheme(self, record: Record, scheme_id: str, what: str) -> bool:
        if scheme_id.casefold() in RESERVED_PREFIXES:
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E205",
                    f"the {what} id '{scheme_id}' is reserved: it is the prefix of its "
                    "references in exported data, where these prefixes are taken: "
                    + ", ".join(sorted(RESERVED_PREFIXES)),
                    "choose another id; these are reserved in any letter case",
                )
            )
        if scheme_id in self.schemes:
            problem = Problem(
                self.corpus.where(record, "id"),
                "E301",
                f"{what} id '{scheme_id}' is already used at "
                f"{self.corpus.where(self.schemes[scheme_id], 'id')}",
                "frameworks, models and principle sets need distinct ids",
            )
            self.problems.append(problem)
            self.corpus.refused[("scheme", scheme_id)] = Refusal(f"{what} '{scheme_id}'", problem)
            return False
        self.schemes[scheme_id] = record
        return True

    def add(self, parsed: Record, located: Located, indices: list[int]) -> None:
        def place(record: R, *path: str | int) -> R:
            if len(path) == 2 and isinstance(path[1], int):
                path = (path[0], indices[path[1]])
            self.corpus.locate(record, Where(located, tuple(path)))
            return record

        c = self.corpus
        if isinstance(parsed, SourcesFile):
            for i, src in enumerate(parsed.sources):
                self._declare(c.sources, src.id, place(src, "sources", i), "source", page=False)
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
                    if self._declare(c.links, link.id, place(link, "links", i), "link", page=False):
                        c.link_set_of[link.id] = ls.id
