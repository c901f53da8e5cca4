"""What `crosswalk validate` keeps beside its report so that the next run can bring that report
up to date after an edit (`crosswalk.editcheck`): each file's key, the shapes' index of the
files, and what an edited link file is checked against of the whole folder.

Kept as JSON (`state.json`) in the folder of the data folder's record entries, written whole
and renamed into place; a state that does not read back exactly in the shape written is
ignored, one that cannot be written is skipped. Neither is an error.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswalk import cachedir
from crosswalk.corpus import Corpus
from crosswalk.enums import Relation, Status
from crosswalk.model import Link

FORMAT = 1
NAME = "state.json"


@dataclass
class Tables:
    """Of the whole folder, what an edited link file is checked against: every link id, the
    file of each framework, model and principle set (by id) and of each source, and, of each
    element and principle that a link names, how many links name it and how many of them are
    `embodies` links from it not rejected."""

    links: set[str]
    schemes: dict[str, str]
    sources: dict[str, str]
    named: dict[str, tuple[int, int]]

    def count(self, links: list[Link], ends: set[str], by: int) -> None:
        """Add (`by` = 1) or take away (-1) these links from the counts of their ends that are
        in `ends` (the elements and principles among them)."""
        for link in links:
            embodies = link.relation is Relation.embodies and link.status is not Status.rejected
            for end in (link.subject, link.object):
                if end in ends:
                    n, e = self.named.get(end, (0, 0))
                    self.named[end] = (n + by, e + by * (embodies and end == link.subject))
                    if self.named[end] == (0, 0):
                        del self.named[end]


def tables(corpus: Corpus) -> Tables:
    """The tables of a loaded folder."""
    schemes = {
        key: corpus.shown_file(record)
        for table in (corpus.frameworks, corpus.models, corpus.principle_sets)
        for key, record in table.items()
    }
    sources = {key: corpus.shown_file(record) for key, record in corpus.sources.items()}
    links = corpus.links.values()
    named = Counter([link.subject for link in links])
    named.update([link.object for link in links])
    embodying = Counter(
        [
            link.subject
            for link in links
            if link.relation is Relation.embodies and link.status is not Status.rejected
        ]
    )
    elements, principles = corpus.elements, corpus.principles
    ends = {
        ref: (n, embodying[ref]) for ref, n in named.items() if ref in elements or ref in principles
    }
    return Tables(set(corpus.links), schemes, sources, ends)


@dataclass
class State:
    """What the last run leaves for bringing its report up to date."""

    frame: str  # the hash of the code, options, scan and list of files it checked
    report: str  # the key of its report
    keys: dict[str, str]  # each file's key (`loadcache.Records.key`), by shown path
    index: Any  # the shapes' `shapecache.Index` of the files, None if not validated by file
    tables: Tables | None  # None when the folder had errors


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
        frame, report = data["frame"], data["report"]
        if not _strings([frame, report]):
            return None
        number = range(len(files))
        index = None
        if (kept := data["index"]) is not None:
            index = Index(
                {files[i]: bytes.fromhex(v) for i, v in _rows(kept["refers"], number, str)},
                {files[i]: _files(v, files) for i, v in _rows(kept["made_by"], number, list)},
                {files[i]: _files(v, files) for i, v in _rows(kept["homes"], number, list)},
            )
        found = None
        if (kept := data["tables"]) is not None:
            if not _strings(kept["links"]):
                return None
            found = Tables(
                set(kept["links"]),
                {k: files[i] for k, i in _table(kept["schemes"], number)},
                {k: files[i] for k, i in _table(kept["sources"], number)},
                {k: _counts(v) for k, v in kept["named"].items()},
            )
        return State(frame, report, dict(zip(files, keys, strict=True)), index, found)
    except Exception:  # any state that does not read back is not trusted
        return None


def write(folder: Path, state: State) -> None:
    files = list(state.keys)
    number = {path: i for i, path in enumerate(files)}
    index = None
    if (kept := state.index) is not None:
        index = {
            "refers": [[number[p], v.hex()] for p, v in sorted(kept.refers.items())],
            "made_by": [
                [number[p], sorted(number[f] for f in v)] for p, v in sorted(kept.made_by.items())
            ],
            "homes": [
                [number[p], sorted(number[f] for f in v)] for p, v in sorted(kept.homes.items())
            ],
        }
    found = None
    if (t := state.tables) is not None:
        found = {
            "links": sorted(t.links),
            "schemes": {k: number[p] for k, p in sorted(t.schemes.items())},
            "sources": {k: number[p] for k, p in sorted(t.sources.items())},
            "named": {k: list(v) for k, v in sorted(t.named.items())},
        }
    data = {
        "format": FORMAT,
        "frame": state.frame,
        "report": state.report,
        "files": files,
        "keys": [state.keys[p] for p in files],
        "index": index,
        "tables": found,
    }
    cachedir.write_whole(folder / NAME, json.dumps(data, separators=(",", ":")).encode())


def _strings(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


def _rows(rows: Any, number: range, kind: type) -> list[tuple[int, Any]]:
    if not (
        isinstance(rows, list)
        and all(
            isinstance(r, list)
            and len(r) == 2
            and type(r[0]) is int
            and r[0] in number
            and isinstance(r[1], kind)
            for r in rows
        )
    ):
        raise ValueError("a kept index is not in the shape written")
    return [(r[0], r[1]) for r in rows]


def _files(values: list[Any], files: list[str]) -> set[str]:
    if not all(type(v) is int and 0 <= v < len(files) for v in values):
        raise ValueError("a kept index is not in the shape written")
    return {files[v] for v in values}


def _table(table: Any, number: range) -> list[tuple[str, int]]:
    if not (
        isinstance(table, dict) and all(type(i) is int and i in number for i in table.values())
    ):
        raise ValueError("a kept table is not in the shape written")
    return list(table.items())


def _counts(value: Any) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        raise ValueError("a kept count is not in the shape written")
    return value[0], value[1]
