"""Load a data folder into a Corpus, collecting every problem on the way.

A file's kind is told by the top-level key naming what it declares (`framework`, `model`,
`principle_set`, `link_set`, `sources`), so curators add a model or a framework by adding
one file. Each record keeps where it was read so that later checks can point at it.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Collection
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from crosswalk import datafolder, loadcache, yamlread
from crosswalk.corpus import Corpus, Refusal
from crosswalk.model import (
    FILE_KINDS,
    FrameworkFile,
    LinksFile,
    ModelFile,
    PrinciplesFile,
    Record,
    SourcesFile,
)
from crosswalk.problems import Location, Problem
from crosswalk.registry import Registry
from crosswalk.validation_messages import item_type, problems_from, type_name
from crosswalk.workers import count as how_many_workers
from crosswalk.yamlread import Located

R = TypeVar("R", bound=Record)
log = logging.getLogger(__name__)


def discover(root: Path) -> list[Path]:
    """The data files of a folder, in a fixed order (for scripts; `load` reports what
    could not be read: see `crosswalk.datafolder`)."""
    return datafolder.scan(root, str(root)).files


shown_path = datafolder.shown_path


def load(
    root: Path,
    root_label: str | None = None,
    cache: loadcache.Records | None = None,
    workers: int | None = None,
) -> tuple[Corpus, list[Problem]]:
    """Read every file under root. Returns the corpus of what loaded and all problems found.

    Registration of ids (and duplicate detection) happens here; cross-record checks are in
    `crosswalk.rules`. With a cache, a file whose bytes are those of an entry is taken from
    it instead of parsed and validated again (see `crosswalk.loadcache`). Without one, a
    large folder is read by `workers` processes (default: one per CPU; see `_Helped`).
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
    registry = Registry(corpus, problems)
    known = cache.known if cache is not None else None
    if known is not None and (known.root, known.label) == (root, label):
        scanned, shown_as, keys = known.scan, known.shown, known.keys  # found before the run
    else:
        scanned = datafolder.scan(root, label)
        shown_as = [shown_path(root, path, label) for path in scanned.files]
        keys = {}
    problems.extend(scanned.problems)
    # Without a cache every file is parsed and validated: the later files by forked helpers
    # while this process reads the first ones (see `_Helped`).
    helped = _Helped(scanned.files if cache is None else [], shown_as, workers)
    try:
        for number, (path, shown) in enumerate(zip(scanned.files, shown_as, strict=True)):
            corpus.files.append(shown)
            corpus.paths[shown] = path
            entry, located = helped.get(number) or read_file(path, shown, cache, keys.get(shown))
            _take(registry, shown, entry, located)
    finally:
        helped.close()
    if cache is not None:
        cache.prune()
    return corpus, problems


def load_some(
    known: loadcache.Known, chosen: Collection[str], cache: loadcache.Records
) -> tuple[Corpus, list[Problem]]:
    """A corpus of some files of a folder found before the run (`chosen`, by shown path), in
    the folder's order, their records from the cache where it has them, and the problems
    found in those files and in registering their records; for re-checking near an edit
    (`crosswalk.editcheck`)."""
    corpus = Corpus(root=known.root)
    problems: list[Problem] = []
    registry = Registry(corpus, problems)
    for path, shown in zip(known.scan.files, known.shown, strict=True):
        if shown in chosen:
            corpus.files.append(shown)
            corpus.paths[shown] = path
            _take(registry, shown, *read_file(path, shown, cache, known.keys.get(shown)))
    return corpus, problems


def _take(registry: Registry, shown: str, entry: loadcache.Entry, located: Located | None) -> None:
    """Add what one file gave to the registry's corpus and problems."""
    registry.problems.extend(entry.problems)
    registry.corpus.refused.update(entry.refused)
    if entry.parsed is not None:
        if located is None:
            assert entry.places is not None
            located = loadcache.LazyLocated(shown, entry.places)
        registry.add(entry.parsed[0], located, entry.parsed[1])


# Files below which forking a helper costs more than it saves (about 50 ms to fork and to
# send the records back; a file takes 1-2 ms to read and validate).
HELPED_FROM = 200
HELPED_BATCH = 50  # files a helper reads before sending their records back


def _read_files(paths: list[Path], shown_as: list[str]) -> list[loadcache.Entry]:
    """In a forked helper: each file's entry, with its places packed (the helper's Located
    objects stay behind), as a cached entry carries them."""
    entries = []
    for path, shown in zip(paths, shown_as, strict=True):
        entry, located = read_file(path, shown, None)
        if entry.parsed is not None and located is not None:
            entry.places = loadcache.places_of(located)
        entries.append(entry)
    return entries


class _Helped:
    """The files after the first share, read by forked helpers while the loading process
    reads the first share itself, and handed back in file order (`get`).

    At k = 100 reading and validating the YAML is a third of `validate --no-cache`, all on
    one CPU. A helper's records come back pickled, as the record cache keeps them; the
    registry still sees every file in order, so ids declared twice and every problem are
    found as a single process finds them. A helper that fails leaves its files to this
    process: `get` answers None for them."""

    def __init__(self, paths: list[Path], shown_as: list[str], asked: int | None) -> None:
        self.entries: dict[int, tuple[loadcache.Entry, None]] = {}
        self.pending: list[tuple[int, int, Future[list[loadcache.Entry]]]] = []
        self.pool: ProcessPoolExecutor | None = None
        helpers = how_many_workers(asked, len(paths), HELPED_FROM) - 1
        if helpers < 1:
            return
        share = -(-len(paths) // (helpers + 1))  # the first share is this process's own
        self.pool = ProcessPoolExecutor(helpers, mp_context=multiprocessing.get_context("fork"))
        # In batches, so that the records come back while the helper goes on, and no pickle
        # of a whole share is ever held at once.
        for start in range(share, len(paths), HELPED_BATCH):
            end = min(start + HELPED_BATCH, len(paths))
            job = self.pool.submit(_read_files, paths[start:end], shown_as[start:end])
            self.pending.append((start, end, job))

    def get(self, number: int) -> tuple[loadcache.Entry, None] | None:
        while self.pending and self.pending[0][0] <= number:
            start, _, job = self.pending.pop(0)
            try:
                entries = job.result()
            except Exception:  # a helper's failure: its files are read here instead
                log.warning("a helper reading data files failed; reading them in this process")
                continue
            self.entries.update((start + i, (e, None)) for i, e in enumerate(entries))
        return self.entries.pop(number, None)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def read_file(
    path: Path, shown: str, cache: loadcache.Records | None, known: str | None = None
) -> tuple[loadcache.Entry, Located | None]:
    """What one file gives on its own, and the file's places when it was read this run:
    from the cache (places read when needed) when its bytes are those of an entry. `known`
    is the file's key worked out before the run, if it was: the file is then not read again
    when its entry is found."""
    if cache is not None and known is not None:
        cache.keys[shown] = known
        found = cache.get(known)
        if found is not None:
            return found, None
        del cache.keys[shown]  # read, keyed and looked up again below
    raw = loadcache.file_bytes(path) if cache is not None else None
    key = loadcache.Records.key(shown, raw) if cache is not None and raw is not None else None
    if cache is not None and key is not None:
        cache.keys[shown] = key
        found = cache.get(key) if key != known else None
        if found is not None:
            return found, None
    located, problems = yamlread.read(path, shown)
    refused: dict[tuple[str, str], Refusal] = {}
    parsed = None
    if located is not None:
        parsed = validate_file(located, problems, refused)
        located.data = None  # not needed after validation: the records hold it
    entry = loadcache.Entry(problems, refused, parsed, None)
    # Kept only if the file read is the one hashed (it was not changed in between).
    if cache is not None and key is not None:
        if loadcache.file_bytes(path) != raw:
            del cache.keys[shown]  # no key to keep what it gave under
            return entry, located
        entry.places = loadcache.places_of(located) if located is not None and parsed else None
        cache.put(key, entry)
    return entry, located


Parsed = tuple[Record, list[int]]  # a file's record and the original index of each list item


def validate_file(
    located: Located, problems: list[Problem], refused: dict[tuple[str, str], Refusal]
) -> Parsed | None:
    """One parsed file as its record (None when it has none), adding its problems to
    `problems` and the ids it refuses to `refused`; `crosswalk fmt` checks a file with it."""
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
                f"the top level is a {type_name(data)}, not a mapping",
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
        reported = problems_from(exc, located, file_model)
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
    item_model = item_type(file_model, list_key)
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
