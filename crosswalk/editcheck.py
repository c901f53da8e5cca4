"""Bring the last report up to date after an edit that changes nothing the checks across files
read: only the edited files are read, and only the shapes' fragments they change validated.

`crosswalk validate` keeps, beside the last run's report (`crosswalk.lastrun`), its *state*:
each file's key and the index of the files for the shapes (`shapecache.Index`). When the
same files are found and some changed, the last report is brought up to date instead of
checking the whole folder again, if every changed file

* declares the same records, equal in every field but `TEXT_FIELDS`: the wording, a link's
  strength, citations' locators and evidence items, which no check across files reads (the
  ids, references, parents, kinds, levels, ratings, cited sources, review fields and
  lifecycles are all compared); its layout and comments may differ;
* refuses no record, now or before, and has no error of its own now;
* is named by no problem of the last report other than its own (those found in the file
  alone, which its cached entry holds) and the shapes' findings;

and the last report has no error besides the shapes' findings. Then ids declared twice, the
rules and the warnings about records nothing links to give again what they gave: they read
no field that changed, and no place they name is in a changed file. The new report is the
last one without the changed files' own problems and without the shapes' findings on the
files whose fragments changed, plus the changed files' own problems now and the findings on
those fragments, made from the files near them only. In any other case (a file added or
removed, a record added, renamed or removed, a reference changed, an error) the whole
folder is checked as before. `tests/test_editcheck.py` compares the two after each kind of
edit.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from crosswalk import cachedir, loadcache
from crosswalk.problems import Problem, in_report_order, is_failure

FORMAT = 1
NAME = "state.json"  # beside the report, in the folder of the data folder's record entries
SHAPES_FOUND = "E401"  # a finding of the shapes

# Fields that no check across files reads (tests/test_editcheck.py checks the modules that
# make them): only the file's own triples and the shapes' findings on them depend on these.
TEXT_FIELDS = frozenset(
    {
        "title",
        "title_cy",
        "short_title",
        "description",
        "notes",
        "text",
        "summary",
        "definition",
        "rationale",
        "comment",
        "strength",
        "locator",
        "item",
        "kinds",
        "author",
        "topics",
        "notation",
        "settings_notes",
        "wales_notes",
        "url",
        "urls",
        "publisher",
        "developer",
    }
)


@dataclass
class State:
    """What the last run leaves for bringing its report up to date."""

    frame: str  # the hash of the code, options, scan and list of files it checked
    report: str  # the key of its report
    keys: dict[str, str]  # each file's key (`loadcache.Records.key`), by shown path
    index: Any  # the shapes' `shapecache.Index` of the files, None if not validated by file


def read(folder: Path) -> State | None:
    """The state kept in a folder of entries, or None when there is none to trust."""
    from crosswalk.shapecache import Index

    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and data.get("format") == FORMAT):
            return None
        files, keys = data["files"], data["keys"]
        if not (_strings(files) and _strings(keys) and len(files) == len(keys)):
            return None
        frame, report, kept = data["frame"], data["report"], data["index"]
        if not (_strings([frame, report]) and (kept is None or isinstance(kept, dict))):
            return None
        index = None
        if kept is not None:
            number = range(len(files))
            refers, made_by, homes = kept["refers"], kept["made_by"], kept["homes"]
            index = Index(
                {files[i]: bytes.fromhex(digest) for i, digest in _pairs(refers, number)},
                {files[i]: {files[j] for j in _numbers(js, number)} for i, js in made_by},
                {files[i]: {files[j] for j in _numbers(js, number)} for i, js in homes},
            )
        return State(frame, report, dict(zip(files, keys, strict=True)), index)
    except Exception:  # any state that does not read back is not trusted
        return None


def write(folder: Path, state: State) -> None:
    files = list(state.keys)
    number = {path: i for i, path in enumerate(files)}
    kept = None
    if state.index is not None:
        index = state.index
        kept = {
            "refers": [[number[p], digest.hex()] for p, digest in sorted(index.refers.items())],
            "made_by": [
                [number[p], sorted(number[f] for f in fs)] for p, fs in _rows(index.made_by)
            ],
            "homes": [[number[p], sorted(number[f] for f in fs)] for p, fs in _rows(index.homes)],
        }
    data = {
        "format": FORMAT,
        "frame": state.frame,
        "report": state.report,
        "files": files,
        "keys": [state.keys[p] for p in files],
        "index": kept,
    }
    cachedir.write_whole(folder / NAME, json.dumps(data, separators=(",", ":")).encode())


def recheck(
    known: loadcache.Known,
    state: State,
    last: list[Problem],
    records: loadcache.Records,
    store: Any,
    base: str,
    run_shacl: bool,
) -> tuple[list[Problem], list[str]] | None:
    """The problems of the folder now, from the last run's (`last`, with its `state`), and
    the files that changed; None when they cannot be had this way (see above). `records`
    and `store` are the folder's record entries and shapes store (`pipeline.Cache`)."""
    if list(state.keys) != known.shown or (run_shacl and state.index is None):
        return None
    if any(is_failure(p, strict=False) and p.code != SHAPES_FOUND for p in last):
        return None
    changed = [shown for shown in known.shown if known.keys.get(shown) != state.keys[shown]]
    if not changed or any(shown not in known.keys for shown in changed):
        return None
    from crosswalk import loader

    paths = dict(zip(known.shown, known.scan.files, strict=True))
    problems = [p for p in last if p.location.path not in changed]
    for shown in changed:
        old = records.get(state.keys[shown])
        records.used.discard(state.keys[shown])  # removed after the run
        new, _ = loader.read_file(paths[shown], shown, records, known.keys[shown])
        if records.keys.get(shown) != known.keys[shown]:
            return None  # the file changed again while it was read
        if old is None or not same_declarations(old, new):
            return None
        own = set(old.problems)
        named = (p for p in last if p.code != SHAPES_FOUND and _names(p, shown))
        if any(p not in own for p in named) or any(is_failure(p, False) for p in new.problems):
            return None
        problems += new.problems
    if run_shacl:
        found = _shapes(known, state.index, records, store, base)
        if found is None:
            return None
        redone = set(store.redone)
        problems = [p for p in problems if not _found_in(p, redone)] + found
    records.used.update(known.keys.values())
    records.prune()
    return in_report_order(problems), changed


def same_declarations(old: loadcache.Entry, new: loadcache.Entry) -> bool:
    """Whether two entries of a file declare the same records, alike in every field that a
    check across files reads, and refuse none."""
    if old.parsed is None or new.parsed is None or old.refused or new.refused:
        return False
    return old.parsed[1] == new.parsed[1] and outline(old.parsed[0]) == outline(new.parsed[0])


def outline(value: Any) -> Any:
    """A record as the checks across files see it: every field but `TEXT_FIELDS`."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return (
            type(value).__name__,
            tuple(
                (name, outline(getattr(value, name))) for name in fields if name not in TEXT_FIELDS
            ),
        )
    if isinstance(value, list | tuple):
        return tuple(outline(item) for item in value)
    return value


def _shapes(
    known: loadcache.Known, index: Any, records: loadcache.Records, store: Any, base: str
) -> list[Problem] | None:
    """The shapes' findings on the fragments that changed, made from the files near them,
    and located; the store says which files were validated again."""
    from crosswalk import loader, shacl, shapecache

    held: dict[str, Any] = {}

    def near(paths: set[str]) -> tuple[Any, shapecache.Files]:
        if not paths <= held.get("paths", set()):
            corpus = loader.load_some(known, paths, records)
            held.update(paths=set(paths), corpus=corpus, files=shapecache.Files.of(corpus))
        return held["corpus"], held["files"]

    return shacl.check_index(index, near, known.keys, base, store=store, only_redone=True)


def _names(problem: Problem, shown: str) -> bool:
    """Whether a problem is in a file or speaks of it."""
    return problem.location.path == shown or shown in problem.message or shown in problem.hint


def _found_in(problem: Problem, paths: Collection[str]) -> bool:
    return problem.code == SHAPES_FOUND and problem.location.path in paths


def _strings(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


def _pairs(rows: Any, number: range) -> list[tuple[int, str]]:
    if not all(isinstance(r, list) and len(r) == 2 and r[0] in number for r in rows):
        raise ValueError("a kept index is not in the shape written")
    return [(r[0], r[1]) for r in rows]


def _numbers(values: Any, number: range) -> list[int]:
    if not (isinstance(values, list) and all(type(v) is int and v in number for v in values)):
        raise ValueError("a kept index is not in the shape written")
    return values


def _rows(table: Mapping[str, set[str]]) -> list[tuple[str, set[str]]]:
    return sorted(table.items())
