"""The SHACL results cache: what it reuses, what makes it validate again, and that a bad
cache is never trusted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pydantic import BaseModel
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from crosswalk import cachedir, pipeline, rdf, shacl, shapecache
from crosswalk.namespaces import CW, Iris

FILES = 9  # data files of the fixture project, each one fragment


def check(project: Path, cache: Path) -> tuple[list[str], shapecache.Store]:
    """E401s rendered with their places, and the store after the run."""
    store = shapecache.Store.for_data(project, cache)
    checked = pipeline.check(project, "data", shape_store=store)
    return [p.render() for p in checked.problems if p.code == "E401"], store


def break_triples(monkeypatch: pytest.MonkeyPatch, change) -> None:
    """Make the pipeline's triples those of the data with a change applied to their graph."""
    real = rdf.emit

    def changed(corpus, add, base=rdf.DEFAULT_BASE, files=None):  # type: ignore[no-untyped-def]
        made = rdf.Triples(base)
        real(corpus, made.add, base, files)
        graph = made.graph()
        change(graph)
        for triple in graph:
            add(triple)

    monkeypatch.setattr(rdf, "emit", changed)


def test_a_second_run_reuses_every_file_and_an_edit_validates_only_its_file(
    project: Path, tmp_path: Path
) -> None:
    first, store = check(project, tmp_path / "c")
    assert (first, store.validated, store.reused) == ([], FILES, 0)
    again, store = check(project, tmp_path / "c")
    assert (again, store.validated, store.reused) == ([], 0, FILES)
    links = project / "links" / "warm.yaml"
    text = links.read_text(encoding="utf-8")
    links.write_text(text.replace("kindness in practice", "kindness, in practice"), "utf-8")
    edited, store = check(project, tmp_path / "c")
    assert (edited, store.validated, store.reused) == ([], 1, FILES - 1)


def test_cached_results_are_located_afresh(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = Iris().link("w-1")
    break_triples(monkeypatch, lambda g: g.remove((link, CW.strength, None)))
    before, _ = check(project, tmp_path / "c")
    assert [line.split(": E401")[0] for line in before] == ["data/links/warm.yaml:6:5"]
    links = project / "links" / "warm.yaml"
    links.write_text("# a comment moves every line\n" + links.read_text("utf-8"), "utf-8")
    after, store = check(project, tmp_path / "c")
    assert store.validated == 0  # the same triples: the comment is not in them
    assert [line.split(": E401")[0] for line in after] == ["data/links/warm.yaml:7:5"]


def test_a_change_in_another_file_validates_an_unchanged_file_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """links/warm.yaml's w-1 points at warm:welcome, declared in models/warm.yaml: when that
    element stops being an element (here by its type going from the graph, as when a record
    is removed or changes kind), w-1's result changes though its own file did not."""
    assert check(project, tmp_path / "c")[0] == []
    welcome = Iris().element("warm:welcome")
    break_triples(monkeypatch, lambda g: g.remove((welcome, RDF.type, CW.Element)))
    after, store = check(project, tmp_path / "c")
    places = {line.split(": E401")[0] for line in after}
    assert "data/links/warm.yaml:6:5" in places
    assert any("SHACL: link/w-1 at annotatedSource:" in line for line in after)
    assert store.reused == FILES - 2  # the model's file and the links pointing into it
    assert after == check(project, tmp_path / "fresh")[0]


@pytest.mark.parametrize(
    "spoil",
    ["not json", "truncated", "a row of numbers", "another format", "a folder"],
)
def test_a_bad_cache_is_ignored_and_replaced(project: Path, tmp_path: Path, spoil: str) -> None:
    link = Iris().link("w-1")
    store = shapecache.Store.for_data(project, tmp_path / "c")
    check(project, tmp_path / "c")
    good = store.path.read_text(encoding="utf-8")
    data = json.loads(good)
    if spoil == "not json":
        store.path.write_bytes(b"\xff\x00 not a cache")
    elif spoil == "truncated":
        store.path.write_text(good[: len(good) // 2], encoding="utf-8")
    elif spoil == "a row of numbers":  # well-formed JSON claiming a result for every file
        data["entries"] = {key: [[1, 2, 3, 4, 5]] for key in data["entries"]}
        store.path.write_text(json.dumps(data), encoding="utf-8")
    elif spoil == "another format":
        data["format"] = shapecache.FORMAT + 1
        data["entries"] = {k: [[str(link), None, "x", None, None]] for k in data["entries"]}
        store.path.write_text(json.dumps(data), encoding="utf-8")
    else:
        store.path.unlink()
        store.path.mkdir()
    problems, again = check(project, tmp_path / "c")
    assert (problems, again.validated) == ([], FILES)
    if spoil != "a folder":
        assert json.loads(store.path.read_text(encoding="utf-8")) == json.loads(good)


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_the_cache_follows_the_umask(project: Path, tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        _, store = check(project, tmp_path / "c" / "deeper")
    finally:
        os.umask(old)
    assert store.path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert store.path.parent.stat().st_mode & 0o777 == 0o777 & ~umask
    assert [p.name for p in store.path.parent.iterdir()] == [store.path.name]  # no leftovers


def test_validate_keeps_its_cache_outside_the_data_and_no_cache_writes_none(
    project: Path, tmp_path: Path, run
) -> None:
    cache = Path(os.environ["CROSSWALK_CACHE"])
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert run("validate", "--data", str(project), "--no-cache").code == 0
    assert not cache.exists()
    assert run("validate", "--data", str(project)).code == 0
    assert len(list(cache.glob("shapes-*.json"))) == 1
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_where_the_cache_lives(tmp_path: Path) -> None:
    home = Path.home()
    assert cachedir.folder({}) == home / ".cache" / "crosswalk"
    assert cachedir.folder({"XDG_CACHE_HOME": "/x"}) == Path("/x/crosswalk")
    both = {"XDG_CACHE_HOME": "/x", "CROSSWALK_CACHE": str(tmp_path)}
    assert cachedir.folder(both) == tmp_path


def test_shapes_that_read_further_are_validated_whole(project: Path) -> None:
    assert shapecache.one_hop(shacl.load_shapes())
    further = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:A a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:node ex:B ] .
        ex:B a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .
        """,
        format="turtle",
    )
    assert not shapecache.one_hop(further)
    inverse = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:A a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:maxCount 1 ] .
        """,
        format="turtle",
    )
    assert not shapecache.one_hop(inverse)
    triples = pipeline.load_clean(project, "data").triples
    assert triples is not None
    graph = triples.graph()
    graph.add((Iris().link("w-1"), CW.strength, Literal("total")))
    records = shacl.record_locations(pipeline.load_clean(project, "data").corpus, Iris())
    engine = shacl.engine()
    shapes = shacl.SHAPES.read_bytes()
    whole = shapecache.validate(graph, records, engine, shapes, local=False)
    by_file = shapecache.validate(graph, records, engine, shapes, local=True)
    assert whole and set(whole) == set(by_file)
    assert {f.focus for f in whole} == {str(URIRef(Iris().link("w-1")))}


def test_triples_cut_as_they_come_are_the_exports_lines_each_with_its_file() -> None:
    """`Cut` spells the triples one at a time as `rdf.emit` makes them: every file's own
    lines, put together, are exactly the N-Triples export's (same spelling, each line once,
    same order), and each fragment starts with its own lines, sorted."""
    from conftest import bundled

    from crosswalk.export import rdfformats

    checked = bundled()
    assert checked.triples is not None
    records = shacl.record_locations(checked.corpus, Iris())
    cut = shapecache.Cut(records, local=True)
    rdf.emit(checked.corpus, cut.add)
    homes = shapecache.Homes(records)
    own: list[str] = []
    made = list(cut.fragments(b"salt"))
    for fragment in made:
        mine = [line for line in fragment.lines if homes(line.split(" ", 1)[0]) == fragment.home]
        assert fragment.lines[: len(mine)] == mine == sorted(mine), fragment.home
        own += mine
    assert sorted(own) == rdfformats.ntriples_lines(checked.triples)
    assert len(made) == len({f.key for f in made}) > 1  # keyed by their lines under the salt


@pytest.mark.parametrize("batch_lines", [1, 150])
def test_findings_are_the_same_however_the_fragments_are_batched(
    project: Path, batch_lines: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine runs a batch on its own thread while the next is made: with a fragment per
    batch, or a few per batch, every finding is the whole graph's and none is lost between
    batches."""
    checked = pipeline.load_clean(project, "data")
    assert checked.triples is not None
    graph = checked.triples.graph()
    for lid in ("b-1", "h-1", "w-1"):
        graph.add((Iris().link(lid), CW.strength, Literal("total")))
    records = shacl.record_locations(checked.corpus, Iris())
    engine, shapes = shacl.engine(), shacl.SHAPES.read_bytes()
    whole = shapecache.validate(graph, records, engine, shapes, local=False)
    monkeypatch.setattr(shapecache.from_graph, "BATCH_LINES", batch_lines)
    batched = shapecache.validate(graph, records, engine, shapes, local=True)
    assert sorted(batched) == sorted(whole)
    assert {f.focus for f in whole} == {str(Iris().link(lid)) for lid in ("b-1", "h-1", "w-1")}


def test_the_file_index_knows_which_records_cite_sources() -> None:
    """`Files.of` reads `sources` only of the kinds that have it, and indexes every table of
    the corpus: a field added to a model, or a table to the corpus, fails here."""
    import dataclasses
    import typing

    from crosswalk.corpus import Corpus
    from crosswalk.shapecache import from_files

    hints = typing.get_type_hints(Corpus)
    indexed = {name for _, name in from_files._TABLES}
    for kind, name in from_files._TABLES:
        model = typing.get_args(hints[name])[1]  # dict[str, Model]
        assert getattr(Iris(), kind)("x")  # the kind is an IRI maker
        assert ("sources" in model.model_fields) == (kind in from_files._CITING), kind
    records = {
        f.name
        for f in dataclasses.fields(Corpus)
        if typing.get_origin(hints[f.name]) is dict
        and isinstance(typing.get_args(hints[f.name])[1], type)
        and issubclass(typing.get_args(hints[f.name])[1], BaseModel)
    }
    assert records == indexed
