"""Keep what loading each data file gave, so that an unchanged file is neither parsed nor
validated again.

One entry per file, under the SHA-256 of the file's bytes, its shown path and the code that
made the entry (see `salt`): the problems found in the file alone, the records it declares
that its problems refused, and its validated records with where each part of the file was
read. Cross-file checks (ids declared twice, references, the rules, the shapes) are not
cached here: they run on the corpus made of every file's entry, so the results are those of a
run without the cache.

Entries live beside the shapes cache (`crosswalk.cachedir.folder`), in a folder per data
folder holding only the last run's entries, one file each, written whole and renamed into
place with the mode the umask gives. An entry that cannot be read, was written by other code,
or is not exactly in the shape written here is ignored and made again; one that cannot be
written is skipped. Neither is an error. Entries are pickles read with an unpickler that
makes only crosswalk's record and problem types and dates.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from crosswalk import cachedir
from crosswalk.corpus import Refusal
from crosswalk.datafolder import Scan
from crosswalk.model import Record
from crosswalk.problems import Location, Problem
from crosswalk.yamlevents import Located, PathKey
from crosswalk.yamlread import MAX_BYTES

FORMAT = 1
# The code whose behaviour an entry records: a change to any of them makes every entry stale.
_CODE = (
    "loader.py",
    "registry.py",
    "validation_messages.py",
    "yamlread.py",
    "yamlevents.py",
    "model.py",
    "enums.py",
    "corpus.py",
    "problems.py",
    "loadcache.py",
)

Places = dict[PathKey, tuple[int, int]]


@cache
def salt() -> bytes:
    """What every key starts with: this format, crosswalk's version, Python's and pydantic's
    (the pickles hold pydantic models), and the source of the code that makes an entry."""
    import pydantic

    try:
        ours = version("crosswalk")
    except PackageNotFoundError:
        ours = "unknown"
    digest = hashlib.sha256(f"{FORMAT}\n{ours}\n{sys.version}\n{pydantic.VERSION}\n".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.digest()


@dataclass
class Entry:
    """What loading one file gave, on its own."""

    problems: list[Problem]
    refused: dict[tuple[str, str], Refusal]
    parsed: tuple[Record, list[int]] | None  # the file's record and each item's index
    places: bytes | None  # the file's (value_at, key_at): see places_of; read when needed


class LazyLocated(Located):
    """A file's Located whose places are read from its entry only when a record of the file
    is located (most runs locate few)."""

    def __init__(self, path: str, places: bytes) -> None:
        super().__init__(path, None)
        self._places: bytes | None = places

    def location(self, where: PathKey) -> Location:
        if self._places is not None:
            self.value_at, self.key_at = _places(self._places)
            self._places = None
        return super().location(where)


def _places(blob: bytes) -> tuple[Places, Places]:
    found = _Unpickler(io.BytesIO(blob[32:])).load()
    if not (
        isinstance(found, tuple) and len(found) == 2 and all(isinstance(t, dict) for t in found)
    ):
        raise ValueError("the places of a cached file are not in the shape written")
    return found


@dataclass
class Known:
    """A data folder as found before the run (by `crosswalk.lastrun`, for the report's key):
    its scan, each file's shown path and each file's key, so that the loader neither scans
    the folder nor reads an unchanged file a second time."""

    root: Path
    label: str
    scan: Scan
    shown: list[str]  # of each file of the scan, in order
    keys: dict[str, str]  # shown path -> key (of the bytes read before the run)


@dataclass
class Records:
    """The entries of one data folder's files: the last run's, and this run's."""

    path: Path  # the folder of entries
    keys: dict[str, str] = field(default_factory=dict)  # shown path -> this run's key
    used: set[str] = field(default_factory=set)
    reused: int = 0  # files whose entry was read this run
    loaded: int = 0  # files read and validated this run
    known: Known | None = None  # the folder as found before the run, if it was

    @classmethod
    def for_data(cls, root: Path, where: Path | None = None) -> Records:
        name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
        return cls((where or cachedir.folder()) / f"records-{name}")

    @staticmethod
    def key(shown: str, raw: bytes) -> str:
        digest = hashlib.sha256(salt())
        digest.update(shown.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        """The entry under a key, or None when there is none to trust."""
        self.used.add(key)
        try:
            blob = (self.path / f"{key}.pickle").read_bytes()
            entry = _Unpickler(io.BytesIO(blob)).load()
        except Exception:  # any entry that does not read back is not trusted
            return None
        if not _entry_ok(entry):
            return None
        self.reused += 1
        return Entry(*entry)

    def put(self, key: str, entry: Entry) -> None:
        """Keep an entry: written whole, then renamed into place. Failing to is no error."""
        self.used.add(key)
        self.loaded += 1
        blob = pickle.dumps((entry.problems, entry.refused, entry.parsed, entry.places), protocol=5)
        cachedir.write_whole(self.path / f"{key}.pickle", blob)

    def prune(self) -> None:
        """Remove the entries this run did not use (edited, renamed or deleted files)."""
        try:
            names = os.listdir(self.path)
        except OSError:
            return
        for name in names:
            key = name.removesuffix(".pickle")
            if name.endswith(".pickle") and key not in self.used:
                with contextlib.suppress(OSError):
                    (self.path / name).unlink()


def file_bytes(path: Path) -> bytes | None:
    """A data file's bytes, for its key; None when it is too large or unreadable (then it is
    read without the cache, which reports why)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def places_of(located: Located) -> bytes:
    """A file's places as an entry keeps them: pickled after their SHA-256, so that places
    that would not read back are found before the entry is trusted."""
    blob = pickle.dumps((located.value_at, located.key_at), protocol=5)
    return hashlib.sha256(blob).digest() + blob


def _entry_ok(entry: Any) -> bool:
    if not (isinstance(entry, tuple) and len(entry) == 4):
        return False
    problems, refused, parsed, places = entry
    if not (isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)):
        return False
    if not isinstance(refused, dict) or not all(
        isinstance(k, tuple) and isinstance(v, Refusal) for k, v in refused.items()
    ):
        return False
    if parsed is None:
        return places is None or isinstance(places, bytes)
    return (
        isinstance(parsed, tuple)
        and len(parsed) == 2
        and isinstance(parsed[0], Record)
        and isinstance(parsed[1], list)
        and isinstance(places, bytes)
        and places[:32] == hashlib.sha256(places[32:]).digest()
    )


# What an entry may hold besides plain values: the record models and their enumerations,
# problems and refusals, dates. Anything else in a pickle stops it being read.
_ALLOWED_MODULES = {"crosswalk.model", "crosswalk.enums"}
_ALLOWED = {
    ("crosswalk.problems", "Problem"),
    ("crosswalk.problems", "Location"),
    ("crosswalk.corpus", "Refusal"),
    ("datetime", "date"),
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in _ALLOWED_MODULES or (module, name) in _ALLOWED:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in the cache")
