"""The report of the last `crosswalk validate` of a data folder, given again when nothing it
depends on changed.

A report depends on the bytes and shown path of every data file, on what scanning the folder
found (unreadable files, links leading outside it), on the options (the folder's label, the
base IRI, whether shapes run) and on the code and shapes that check them. Its key is the
SHA-256 of all of these: crosswalk's source files, `ontology/shapes.ttl`, the versions of the
packages that make and check the triples, and each file's key in `crosswalk.loadcache` (which
covers its bytes and shown path). When the key is that of the report kept, the report is read
back instead of loading anything. When only some files changed, and in none of them
anything that a check across files reads, the last report is brought up to date from those
files alone (`crosswalk.editcheck`, which keeps its state beside the report). Otherwise the
folder is checked as usual (with the per-file caches) and its report kept, unless a file
changed while it was read.

The report is kept as JSON beside the folder's record entries (`crosswalk.loadcache`), written
whole and renamed into place; one that does not read back exactly in the shape written is
ignored, one that cannot be written is skipped. Neither is an error.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswalk import cachedir, datafolder, loadcache, resources
from crosswalk.problems import Location, Problem

if TYPE_CHECKING:
    from crosswalk.editstate import Tables
    from crosswalk.pipeline import Cache, Checked

FORMAT = 1
# What a report counts, in the order `validate` prints them.
COUNTED = ("files", "frameworks", "criteria", "models", "elements", "principles", "links")
# The packages whose behaviour the report records besides crosswalk's own code.
_PACKAGES = ("pydantic", "pyyaml", "rdflib", "shacl", "curies")


@dataclass
class Report:
    """What `validate` prints: every problem, sorted, and how many records of each kind."""

    problems: list[Problem]
    counts: dict[str, int]
    replayed: bool = False  # read back from the last run, nothing loaded
    edited: list[str] | None = None  # the files read again to bring the last report up to date
    cache_refused: Path | None = None  # a cache folder not used: it is in the data folder


def validate(
    root: Path,
    label: str,
    base: str,
    run_shacl: bool = True,
    cache: bool = True,
    where: Path | None = None,
) -> Report:
    """`crosswalk.pipeline.check` of a data folder, with its caches (in `where`, else the
    cache folder) unless `cache` is false: the last run's report when nothing changed since,
    else a fresh one (then kept). The same report either way. A cache folder that is the data
    folder or inside it is not used (`Report.cache_refused`): crosswalk writes nothing among
    the data files."""
    # Imported on use: a report read back needs none of the checks.
    refused = (where or cachedir.folder()) if cache else None
    if refused is None or cachedir.inside(refused, root):
        from crosswalk import pipeline

        report = _report(pipeline.check(root, label, base, run_shacl=run_shacl))
        report.cache_refused = refused
        return report
    folder = loadcache.Records.for_data(root, where).path
    target = folder / "report.json"
    key, frame, known = _key(root, label, base, run_shacl)
    found = _read(target, key) if key is not None else None
    if found is not None:
        return found
    from crosswalk import editstate, pipeline

    caches = pipeline.Cache.for_data(root, where)
    caches.records.known = known  # the loader scans and reads no unchanged file again
    rechecked = _brought_up_to_date(folder, target, frame, known, caches, base, run_shacl)
    if rechecked is not None:
        report, tables = rechecked
    else:
        checked = pipeline.check(root, label, base, run_shacl=run_shacl, cache=caches)
        report = _report(checked)
        # Kept only if every file was read under the key worked out before the run.
        if known is None or caches.records.keys != known.keys:
            return report
        # The tables serve only a folder with no error but the shapes' findings (`usable`).
        tables = editstate.tables(checked.corpus) if checked.usable else None
    if key is not None and known is not None:
        _write(target, key, report)
        # A state is kept only beside the shapes' findings of this run: a re-check takes the
        # store's fragments for those of the last run.
        if not caches.shapes.unsaved:
            index = caches.shapes.index if run_shacl else None
            editstate.write(folder, editstate.State(frame, key, known.keys, index, tables))
    return report


def _brought_up_to_date(
    folder: Path,
    target: Path,
    frame: str,
    known: loadcache.Known | None,
    caches: Cache,
    base: str,
    run_shacl: bool,
) -> tuple[Report, Tables | None] | None:
    """The last report brought up to date after an edit (`crosswalk.editcheck`), with the
    tables of the folder now, or None when it cannot be."""
    from crosswalk import editcheck, editstate

    state = editstate.read(folder) if known is not None else None
    if known is None or state is None or state.frame != frame:
        return None
    last = _read(target, state.report)
    if last is None:
        return None
    found = editcheck.recheck(
        known, state, last.problems, last.counts, caches.records, caches.shapes, base, run_shacl
    )
    if found is None:
        return None
    return Report(found.problems, found.counts, edited=found.edited), found.tables


def _report(checked: Checked) -> Report:
    c = checked.corpus
    counts = {"files": len(c.files)} | {name: len(getattr(c, name)) for name in COUNTED[1:]}
    return Report(checked.problems, counts)


def _key(
    root: Path, label: str, base: str, run_shacl: bool
) -> tuple[str | None, str, loadcache.Known | None]:
    """The key of a folder's report as it is now, its frame (the same without the files'
    bytes: the code, options, scan and list of files), and the folder as found (its scan
    and each file's key, by shown path, for the loader); no report key when a file cannot
    be keyed (too large or unreadable: the loader says why), and then the keys of the files
    before it."""
    try:
        if not root.is_dir():
            return None, "", None
    except OSError:
        return None, "", None
    digest = hashlib.sha256(_code())
    digest.update(json.dumps([label, base, run_shacl]).encode("utf-8", "surrogateescape"))
    scanned = datafolder.scan(root, label)
    shown_as = [datafolder.shown_path(root, path, label) for path in scanned.files]
    known = loadcache.Known(root, label, scanned, shown_as, {})
    for problem in scanned.problems:
        digest.update(problem.render().encode("utf-8", "surrogateescape") + b"\n")
    frame = digest.copy()
    frame.update(json.dumps(shown_as).encode("utf-8", "surrogateescape"))
    for path, shown in zip(scanned.files, shown_as, strict=True):
        raw = loadcache.file_bytes(path)
        if raw is None:
            return None, "", known
        key = known.keys[shown] = loadcache.Records.key(shown, raw)
        digest.update(f"{shown}\0{key}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), frame.hexdigest(), known


@cache
def _code() -> bytes:
    """The hash of what checks a folder besides its files: every source file of crosswalk,
    the shapes, and the versions of the packages they use."""
    digest = hashlib.sha256(f"{FORMAT}\n".encode())
    digest.update(loadcache.salt())
    for name in _PACKAGES:
        try:
            digest.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{name} -\n".encode())
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        digest.update(str(path.relative_to(here)).encode() + b"\0" + path.read_bytes())
    digest.update(resources.SHAPES.read_bytes())
    return digest.digest()


def _read(target: Path, key: str) -> Report | None:
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and data.get("format") == FORMAT):
            return None
        if data.get("key") != key:
            return None
        counts = data["counts"]
        if not (
            isinstance(counts, dict)
            and list(counts) == list(COUNTED)
            and all(type(v) is int for v in counts.values())
        ):
            return None
        problems = [_problem(row) for row in data["problems"]]
    except Exception:  # any report that does not read back is not trusted
        return None
    return Report(problems, counts, replayed=True)


def _problem(row: Any) -> Problem:
    path, line, column, code, message, hint = row
    if not (
        all(isinstance(v, str) for v in (path, code, message, hint))
        and type(line) is int
        and type(column) is int
    ):
        raise ValueError("a kept problem is not in the shape written")
    return Problem(Location(path, line, column), code, message, hint)


def _write(target: Path, key: str, report: Report) -> None:
    rows = [
        [p.location.path, p.location.line, p.location.column, p.code, p.message, p.hint]
        for p in report.problems
    ]
    text = json.dumps(
        {"format": FORMAT, "key": key, "counts": report.counts, "problems": rows},
        separators=(",", ":"),
    )
    cachedir.write_whole(target, text.encode("ascii"))
