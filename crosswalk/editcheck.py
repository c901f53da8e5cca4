"""Bring the last report up to date after an edit, reading only the edited files and the
files near them, when the edit changes nothing else a check across files reads.

`crosswalk validate` keeps, beside the last run's report (`crosswalk.lastrun`), its state
(`crosswalk.editstate`): each file's key, the shapes' index of the files, and the tables an
edited file is checked against. When the same files are found and some changed, each
changed file's records are read, and those of its previous version from its cached entry.
The last report is brought up to date instead of checking the whole folder again if the last
report has no error besides the shapes' findings, and every changed file refuses no record
(now or before), has no error of its own, and is one of these:

* a file that declares the same records, equal in every field but `TEXT_FIELDS` (the
  wording, a link's strength, citations' locators, evidence items), which no check across
  files reads, and that no problem of the last report names but its own and the shapes'
  findings: every check across files gives what it gave;
* a link file with the same link set, whose links may be added, removed or changed in any
  way, as long as their ids are new to the other files, what they name
  is in a framework, model or principle set of the folder, and the sources they cite are
  declared; no problem of the last report may name it but its own and the shapes' findings.
  Its links are checked (`rules.of_links`) with the files they name and cite, and the
  warnings about the elements and principles they named or name are made again
  (`orphans.ends`) from counts of the links naming each, kept in the tables;
* a framework's, model's or principle set's file with the same framework, model or set,
  whose criteria, elements or principles may be added or changed, and removed if nothing
  can name them (no link names the element or principle; no criterion is removed). It is
  checked (`rules.of_declarations`) with the files it cites and supersedes, and its
  warnings are made again, so the last report's warnings in it may go.

An error found means the whole folder is checked. Otherwise the new report is the last one
without the changed files' problems, without the warnings made again and without the shapes'
findings on the files whose fragments changed, plus what was found again and the findings on
those fragments, made from the files near them only. In any other case (a file added or
removed, a framework, model, principle set or link set changed in more than its wording, a
source added or removed, a criterion removed, an error) the whole folder is checked as
before. `tests/test_editcheck.py` compares the two after each kind of edit.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from crosswalk import loadcache
from crosswalk.editstate import State, Tables
from crosswalk.model import FrameworkFile, LinksFile, ModelFile, PrinciplesFile, Record
from crosswalk.problems import Location, Problem, in_report_order, is_failure

SHAPES_FOUND = "E401"  # a finding of the shapes
ENDS = {"W501", "W502", "W505"}  # the warnings about an element or principle and its links
EMPTY_MODEL = "W504"
# The files that declare one record and a list of others: the attribute of the one record
# (its head), that of the list, and the corpus table (and count) of the list.
HEADED_FILES: dict[type, tuple[str, str, str]] = {
    LinksFile: ("link_set", "links", "links"),
    FrameworkFile: ("framework", "criteria", "criteria"),
    ModelFile: ("model", "elements", "elements"),
    PrinciplesFile: ("principle_set", "principles", "principles"),
}

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
class Rechecked:
    """The last report brought up to date, and what the next run will need."""

    problems: list[Problem]
    counts: dict[str, int]
    edited: list[str]  # the files that changed
    tables: Tables | None


def recheck(
    known: loadcache.Known,
    state: State,
    last: list[Problem],
    counts: dict[str, int],
    records: loadcache.Records,
    store: Any,
    base: str,
    run_shacl: bool,
) -> Rechecked | None:
    """The problems of the folder now, from the last run's (`last` and `counts`, with its
    `state`); None when they cannot be had this way (see above). `records` and `store` are
    the folder's record entries and shapes store (`pipeline.Cache`)."""
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
    edits: dict[str, tuple[LinksFile, LinksFile]] = {}
    declared: dict[str, tuple[Record, Record]] = {}
    for shown in changed:
        old = records.get(state.keys[shown])
        records.used.discard(state.keys[shown])  # removed after the run
        new, _ = loader.read_file(paths[shown], shown, records, known.keys[shown])
        if records.keys.get(shown) != known.keys[shown]:
            return None  # the file changed again while it was read
        if old is None or old.refused or new.refused:
            return None
        if any(is_failure(p, strict=False) for p in new.problems):
            return None
        problems += new.problems
        own = set(old.problems)
        named = [p for p in last if p.code != SHAPES_FOUND and _names(p, shown) and p not in own]
        if same_declarations(old, new) and not named:
            continue
        if state.tables is None:
            return None
        pair = _same_head(old, new)
        if pair is None:
            return None
        before, after = pair
        if isinstance(before, LinksFile) and isinstance(after, LinksFile) and not named:
            edits[shown] = (before, after)
        elif not isinstance(after, LinksFile) and all(
            p.code in ENDS | {EMPTY_MODEL} and p.location.path == shown for p in named
        ):
            declared[shown] = pair  # its warnings are made again
        else:
            return None
    counts = dict(counts)
    tables, index = state.tables, state.index
    if edits and tables is not None:
        linked = _linked(known, tables, index, edits, records)
        if linked is None:
            return None
        places, found, tables, index = linked
        problems = [p for p in problems if not (p.code in ENDS and p.location in places)]
        problems += found
        counts["links"] += sum(len(new.links) - len(old.links) for old, new in edits.values())
    if declared and tables is not None:
        remade = _declared(known, tables, index, declared, records, counts)
        if remade is None:
            return None
        found, index = remade
        problems += found
    if run_shacl:
        on_shapes = _shapes(known, index, records, store, base)
        if on_shapes is None:
            return None
        redone = set(store.redone)
        problems = [p for p in problems if not _found_in(p, redone)] + on_shapes
    records.used.update(known.keys.values())
    records.prune()
    return Rechecked(in_report_order(problems), counts, changed, tables)


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


def _linked(
    known: loadcache.Known,
    tables: Tables,
    index: Any,
    edits: dict[str, tuple[LinksFile, LinksFile]],
    records: loadcache.Records,
) -> tuple[set[Location], list[Problem], Tables, Any] | None:
    """Edited link files checked with the files their links name and cite: the places of the
    warnings about the elements and principles their links named or name (which go), the
    problems found (their links', and those warnings now), and the tables and the shapes'
    index brought up to date; None when an id, a reference or a source is not known, or any
    error is found (the whole folder is then checked)."""
    from crosswalk import loader, orphans, rules

    before = [link for old, _ in edits.values() for link in old.links]
    after = [link for _, new in edits.values() for link in new.links]
    others = tables.links - {link.id for link in before}
    ids = [link.id for link in after]
    if len(set(ids)) != len(ids) or not others.isdisjoint(ids):
        return None  # an id declared twice
    schemes = {
        end.split(":", 1)[0] for link in before + after for end in (link.subject, link.object)
    }
    cited = {citation.source for link in after for citation in link.sources}
    if not (schemes <= tables.schemes.keys() and cited <= tables.sources.keys()):
        return None
    needed = {*edits, *(tables.schemes[s] for s in schemes), *(tables.sources[s] for s in cited)}
    corpus, loaded = loader.load_some(known, needed, records)
    links = [link for link in corpus.links.values() if corpus.shown_file(link) in edits]
    found = rules.of_links(corpus, links)
    if loaded or any(is_failure(p, strict=False) for p in found):
        return None
    named = Tables(
        others | {link.id for link in after}, tables.schemes, tables.sources, dict(tables.named)
    )
    # The elements and principles the links named or name: counted, whether or not they are
    # still declared (one removed in the same edit as its links is counted out).
    ends = {end for link in before + after for end in (link.subject, link.object)}
    counted = {
        e for e in ends if e in corpus.elements or e in corpus.principles or e in named.named
    }
    named.count(before, counted, -1)
    named.count(after, counted, 1)
    ends = {end for end in counted if end in corpus.elements or end in corpus.principles}
    linked = {end for end in ends if end in named.named}
    embodies = {end for end in ends if named.named.get(end, (0, 0))[1]}
    places = {corpus.where(corpus.elements.get(e) or corpus.principles[e], "id") for e in ends}
    found += orphans.ends(corpus, sorted(ends), linked, embodies)
    return places, found, named, _index(index, corpus, set(edits))


def _index(index: Any, corpus: Any, edited: set[str]) -> Any:
    """The shapes' index with the edited files' entries made again from a corpus holding them
    and every file they refer to."""
    if index is None:
        return None
    from crosswalk import shapecache

    files = shapecache.Files.of(corpus)
    made_by = {h: fs - edited for h, fs in index.made_by.items()}
    for home, makers in files.made_by.items():
        if makers & edited:
            made_by.setdefault(home, set()).update(makers & edited)
    refers = {**index.refers, **{path: files.index.refers[path] for path in edited}}
    homes = {**index.homes, **{path: files.index.homes[path] for path in edited}}
    return shapecache.Index(refers, {h: fs for h, fs in made_by.items() if fs}, homes)


def _same_head(old: loadcache.Entry, new: loadcache.Entry) -> tuple[Record, Record] | None:
    """Two versions of a file of `HEADED_FILES` whose head (its link set, framework, model
    or principle set) is alike: only their lists of links, criteria, elements or principles
    may differ. None for any other pair."""
    if old.parsed is None or new.parsed is None:
        return None
    before, after = old.parsed[0], new.parsed[0]
    if type(before) is not type(after) or type(before) not in HEADED_FILES:
        return None
    head = HEADED_FILES[type(before)][0]
    alike = outline(getattr(before, head)) == outline(getattr(after, head))
    return (before, after) if alike else None


def _declared(
    known: loadcache.Known,
    tables: Tables,
    index: Any,
    declared: dict[str, tuple[Record, Record]],
    records: loadcache.Records,
    counts: dict[str, int],
) -> tuple[list[Problem], Any] | None:
    """Edited files of frameworks, models and principle sets checked with the files they cite
    and supersede: the problems found in them (their records', and the warnings about their
    elements, principles and model), and the shapes' index brought up to date; `counts` is
    brought up to date. None when a record that something may name is gone, a source is not
    known, or any error is found (the whole folder is then checked)."""
    from crosswalk import loader, orphans, rules

    cited: set[str] = set()
    needed = set(declared)
    for before, after in declared.values():
        head, members, table = HEADED_FILES[type(after)]
        scheme = getattr(after, head)
        gone = {m.id for m in getattr(before, members)} - {m.id for m in getattr(after, members)}
        # A criterion may be named by links; an element or principle only if counted.
        if gone and (table == "criteria" or any(f"{scheme.id}:{g}" in tables.named for g in gone)):
            return None
        counts[table] += len(getattr(after, members)) - len(getattr(before, members))
        for record in [scheme, *getattr(after, members)]:
            cited.update(c.source for c in getattr(record, "sources", ()))
        lifecycle = getattr(scheme, "lifecycle", None)
        if lifecycle is not None:
            cited.update(c.source for c in lifecycle.sources)
            if lifecycle.superseded_by is not None:
                if lifecycle.superseded_by not in tables.schemes:
                    return None
                needed.add(tables.schemes[lifecycle.superseded_by])
    if not cited <= tables.sources.keys():
        return None
    needed |= {tables.sources[s] for s in cited}
    corpus, loaded = loader.load_some(known, needed, records)
    found = rules.of_declarations(corpus) + orphans.empty_models(corpus)
    ends = [ref for table in (corpus.elements, corpus.principles) for ref in table]
    linked = {ref for ref in ends if ref in tables.named}
    embodies = {ref for ref in ends if tables.named.get(ref, (0, 0))[1]}
    found += orphans.ends(corpus, ends, linked, embodies)
    found = [p for p in found if p.location.path in declared]
    if loaded or any(is_failure(p, strict=False) for p in found):
        return None
    return found, _index(index, corpus, set(declared))


def _shapes(
    known: loadcache.Known, index: Any, records: loadcache.Records, store: Any, base: str
) -> list[Problem] | None:
    """The shapes' findings on the fragments that changed, made from the files near them,
    and located; the store says which files were validated again."""
    from crosswalk import loader, shacl, shapecache

    held: dict[str, Any] = {}

    def near(paths: set[str]) -> tuple[Any, shapecache.Files]:
        if not paths <= held.get("paths", set()):
            corpus, _ = loader.load_some(known, paths, records)
            held.update(paths=set(paths), corpus=corpus, files=shapecache.Files.of(corpus))
        return held["corpus"], held["files"]

    return shacl.check_index(index, near, known.keys, base, store=store, only_redone=True)


def _names(problem: Problem, shown: str) -> bool:
    """Whether a problem is in a file or speaks of it."""
    return problem.location.path == shown or shown in problem.message or shown in problem.hint


def _found_in(problem: Problem, paths: Collection[str]) -> bool:
    return problem.code == SHAPES_FOUND and problem.location.path in paths
