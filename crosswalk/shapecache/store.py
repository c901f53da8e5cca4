"""The shapes cache's file: the findings of one data folder's fragments, kept by key outside
the data folder. A cache that cannot be read, or is not exactly the shape written here, is
ignored; one that cannot be written is left as it was. Neither is an error.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswalk.cachedir import folder, write_whole
from crosswalk.shapecache.findings import Finding

FORMAT = 1  # of the cache file; part of every key


@dataclass
class Store:
    """The saved findings of one data folder's fragments, and what this run did with them."""

    path: Path
    entries: dict[str, list[Finding]] = field(default_factory=dict)
    reused: int = 0  # fragments whose findings came from the cache this run
    validated: int = 0  # fragments the engine validated this run
    redone: list[str] = field(default_factory=list)  # the files of those fragments
    index: Any = None  # the `from_files.Index` of the files, when validated file by file
    unsaved: bool = False  # this run's entries could not be kept: the file holds others

    @classmethod
    def for_data(cls, root: Path, where: Path | None = None, name: str = "shapes") -> Store:
        """The store of a data folder; `name` tells apart stores keyed in different ways."""
        digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
        store = cls((where or folder()) / f"{name}-{digest}.json")
        store.entries = _read(store.path)
        return store

    def save(self, entries: dict[str, list[Finding]]) -> None:
        """Keep exactly these entries (the last run's): written whole, then renamed into
        place, with the mode the umask gives."""
        if entries == self.entries:
            return
        text = json.dumps(
            {"format": FORMAT, "entries": {k: [list(f) for f in v] for k, v in entries.items()}},
            sort_keys=True,
            separators=(",", ":"),
        )
        if not write_whole(self.path, text.encode("utf-8")):
            self.unsaved = True
            return
        self.entries = entries


def _read(path: Path) -> dict[str, list[Finding]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    found: dict[str, list[Finding]] = {}
    for key, rows in entries.items():
        if not isinstance(rows, list) or not all(_row_ok(row) for row in rows):
            return {}  # one bad entry and none is trusted
        found[key] = [Finding(*row) for row in rows]
    return found


def _row_ok(row: Any) -> bool:
    return (
        isinstance(row, list)
        and len(row) == 5
        and isinstance(row[0], str)
        and isinstance(row[2], str)
        and all(item is None or isinstance(item, str) for item in row)
    )
