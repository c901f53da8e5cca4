"""Run the SHACL shapes in ontology/shapes.ttl on the triples of a corpus.

An engine takes N-Triples and returns findings (focus node, path, constraint component,
source shape, value); we word them ourselves and locate each at its record's YAML line as an
E401, whatever engine found it. The default engine is `shacl` (a compiled Rust validator; see
docs/performance.md, "Shapes engine"); pyshacl stays as the cross-check the tests run.
Validation goes file by file through `crosswalk.shapecache`, so a cache can skip the files
whose triples did not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from crosswalk import rdf, resources, shapecache
from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.corpus import Corpus
from crosswalk.namespaces import Iris
from crosswalk.problems import Location, Problem
from crosswalk.shapecache import Store
from crosswalk.shapecache.findings import Engine as Engine
from crosswalk.shapecache.findings import Finding as Finding

SHAPES = resources.SHAPES
VOCABULARY = resources.VOCABULARY
Triple = tuple[Node, Node, Node]


class ShaclEngine:
    """The `shacl` package: shapes compiled once into a flat program, data interned and
    indexed in Rust; the GIL is released while it runs."""

    def __init__(self, shapes_text: str) -> None:
        import shacl  # imported on use: only validation needs it

        self.name = f"shacl {version('shacl')}"
        self._shapes = shacl.Shapes.from_turtle(shapes_text, base=SHAPES.as_uri())

    def validate(self, ntriples: str) -> list[Finding]:
        report = self._shapes.validate_text(ntriples, format="ntriples", allow_warnings=True)
        return [
            Finding(
                _iri(r.focus_node) or r.focus_node,
                _iri(r.path),
                r.component_iri,
                _iri(r.root_shape),
                r.value_plain,
            )
            for r in report.results
        ]


class PyshaclEngine:
    """pyshacl, the reference the tests compare the default engine with: Core SHACL only,
    no inference."""

    def __init__(self, shapes_text: str) -> None:
        self.name = f"pyshacl {version('pyshacl')}"
        self._shapes = Graph().parse(data=shapes_text, format="turtle")

    def validate(self, ntriples: str) -> list[Finding]:
        from pyshacl import validate  # slow to import; only validation needs it

        data = Graph().parse(data=ntriples, format="nt")
        _, report, _ = validate(
            data,
            shacl_graph=self._shapes,
            inference="none",
            advanced=False,
            inplace=True,
            allow_warnings=True,
        )
        found = []
        for result in report.subjects(SH.resultSeverity, None):
            path = report.value(result, SH.resultPath)
            value = report.value(result, SH.value)
            found.append(
                Finding(
                    str(report.value(result, SH.focusNode)),
                    str(path) if isinstance(path, URIRef) else None,
                    str(report.value(result, SH.sourceConstraintComponent)),
                    _named(self._shapes, report.value(result, SH.sourceShape)),
                    None if value is None else str(value),
                )
            )
        return found


def _iri(text: str | None) -> str | None:
    """The IRI of a term written `<...>` (the shacl engine's form), else None."""
    if text and text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    return None


def _named(shapes: Graph, shape: Node | None) -> str | None:
    """A shape's IRI, or that of the named shape holding it (a property shape is a blank node)."""
    seen: set[Node] = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        shape = next(shapes.subjects(SH.property, shape), None)
    return str(shape) if isinstance(shape, URIRef) else None


ENGINES: dict[str, type[ShaclEngine] | type[PyshaclEngine]] = {
    "shacl": ShaclEngine,
    "pyshacl": PyshaclEngine,
}
DEFAULT_ENGINE = "shacl"


@cache
def engine(name: str = DEFAULT_ENGINE, shapes: Path = SHAPES) -> Engine:
    """An engine compiled from a shapes file, made once per process."""
    return ENGINES[name](shapes.read_text(encoding="utf-8"))


def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def check(
    data: Iterable[Triple],
    corpus: Corpus,
    base: str = DEFAULT_BASE,
    shapes: Path = SHAPES,
    engine_name: str = DEFAULT_ENGINE,
    store: Store | None = None,
) -> list[Problem]:
    """SHACL violations of a corpus's triples (or of any graph of them) as located E401s.

    With a store, the findings of files whose triples are unchanged since it was last saved
    are taken from it instead of validated again (see `crosswalk.shapecache`).
    """

    def feed(add: Callable[[Triple], None]) -> None:
        for triple in data:
            add(triple)

    return _check(feed, corpus, base, shapes, engine_name, store)


def check_corpus(
    corpus: Corpus,
    base: str = DEFAULT_BASE,
    shapes: Path = SHAPES,
    engine_name: str = DEFAULT_ENGINE,
    store: Store | None = None,
) -> list[Problem]:
    """`check` of the corpus's own triples, made one at a time and each dropped once spelled
    and put with its file (`rdf.emit`, `shapecache.Cut`): neither the triples nor one text
    of them is ever held whole, which at scale holds more than the corpus."""
    return _check(lambda add: rdf.emit(corpus, add, base), corpus, base, shapes, engine_name, store)


def _check(
    feed: Callable[[Callable[[Triple], None]], None],
    corpus: Corpus,
    base: str,
    shapes: Path,
    engine_name: str,
    store: Store | None,
) -> list[Problem]:
    records = record_locations(corpus, Iris(base))
    cut = shapecache.Cut(records, shapecache.one_hop(_wording(shapes).shapes))
    feed(cut.add)
    eng = engine(engine_name, shapes)
    found = shapecache.validate_cut(cut, eng, shapes.read_bytes(), store)
    return located(found, records, base, shapes)


def check_files(
    corpus: Corpus,
    keys: Mapping[str, str],
    base: str = DEFAULT_BASE,
    shapes: Path = SHAPES,
    engine_name: str = DEFAULT_ENGINE,
    store: Store | None = None,
) -> list[Problem]:
    """`check` of a corpus's triples, made file by file from the corpus: with a store, only
    the files whose fragments may have changed (by `keys`, a hash of each file's bytes) have
    their triples made and validated. The same problems as `check` of every triple."""
    files = shapecache.Files.of(corpus)
    found = check_index(
        files.index, lambda _: (corpus, files), keys, base, shapes, engine_name, store
    )
    if found is None:  # the shapes or the data need the whole graph
        return check_corpus(corpus, base, shapes, engine_name, store)
    return found


Near = Callable[[set[str]], tuple[Corpus, shapecache.Files]]


def check_index(
    index: shapecache.Index,
    near: Near,
    keys: Mapping[str, str],
    base: str = DEFAULT_BASE,
    shapes: Path = SHAPES,
    engine_name: str = DEFAULT_ENGINE,
    store: Store | None = None,
    only_redone: bool = False,
) -> list[Problem] | None:
    """The problems the shapes find file by file, on a folder's files as `index` has them:
    `near(paths)` gives a corpus holding at least those files, indexed. With `only_redone`,
    only the findings of the files validated again are located (the store says which).
    None when the shapes or the data need the whole graph."""
    if not shapecache.one_hop(_wording(shapes).shapes):
        return None
    eng = engine(engine_name, shapes)
    by_file = shapecache.validate_files(index, near, base, eng, shapes.read_bytes(), keys, store)
    if by_file is None:
        return None
    if only_redone and store is not None:
        by_file = {path: by_file[path] for path in store.redone}
    wanted = {path for path, found in by_file.items() if found}
    if not wanted:
        return []
    corpus, files = near(wanted)
    iris = Iris(base)
    records = {
        str(getattr(iris, kind)(key)): corpus.where(record)
        for path in wanted
        for kind, key, record in files.records[path]
    }
    return located((f for path in wanted for f in by_file[path]), records, base, shapes)


def record_locations(corpus: Corpus, iris: Iris) -> dict[str, Location]:
    """Where each record was read, by its IRI."""
    found: dict[str, Location] = {}
    tables = (
        (corpus.sources, iris.source),
        (corpus.frameworks, iris.framework),
        (corpus.criteria, iris.criterion),
        (corpus.principle_sets, iris.principle_set),
        (corpus.principles, iris.principle),
        (corpus.models, iris.model),
        (corpus.elements, iris.element),
        (corpus.link_sets, iris.link_set),
        (corpus.links, iris.link),
    )
    for table, mint in tables:
        for key, record in table.items():
            found[str(mint(key))] = corpus.where(record)
    return found


def located(
    findings: Iterable[Finding],
    records: Mapping[str, Location],
    base: str = DEFAULT_BASE,
    shapes: Path = SHAPES,
) -> list[Problem]:
    """Each finding as an E401 at the YAML line of the record its focus node belongs to,
    sorted, each once."""
    homes = shapecache.Homes(records)
    wording = _wording(shapes)
    problems = set()
    for finding in findings:
        location = homes.location(finding.focus) or Location(shapecache.GRAPH)
        at = f" at {_short(finding.path)}" if finding.path else ""
        focus = finding.focus.removeprefix(base) if finding.focus != base else finding.focus
        problems.add(
            Problem(
                location,
                "E401",
                f"SHACL: {_printable(focus)}{at}: {wording.says(finding)}",
                "fix the record, or report a bug if the YAML looks right",
            )
        )
    return sorted(problems)


# What each constraint component says, with the shape parameter it names.
_SAYS: dict[str, tuple[str | None, str]] = {
    "MinCountConstraintComponent": ("minCount", "needs at least {param} value(s)"),
    "MaxCountConstraintComponent": ("maxCount", "allows at most {param} value(s)"),
    "DatatypeConstraintComponent": ("datatype", "{value} is not of datatype {param}"),
    "InConstraintComponent": (None, "{value} is not one of the values allowed"),
    "ClassConstraintComponent": ("class", "{value} is not a {param}"),
    "HasValueConstraintComponent": ("hasValue", "does not have the value {param}"),
    "NodeKindConstraintComponent": ("nodeKind", "{value} is not of node kind {param}"),
    "MinInclusiveConstraintComponent": ("minInclusive", "{value} is below {param}"),
    "MaxInclusiveConstraintComponent": ("maxInclusive", "{value} is above {param}"),
    "MinLengthConstraintComponent": ("minLength", "{value} is shorter than {param}"),
    "UniqueLangConstraintComponent": (None, "two values in one language"),
    "EqualsConstraintComponent": ("equals", "{value} is not equal to its {param}"),
}


class _Wording:
    """Our own words for a finding, from the shapes: the same whichever engine found it."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes

    def says(self, finding: Finding) -> str:
        shape = URIRef(finding.shape) if finding.shape else None
        if shape is not None and finding.path is None:  # a node shape with its own message
            message = self.shapes.value(shape, SH.message)
            if message is not None:
                return _printable(str(message))
        local = finding.component.rsplit("#", 1)[-1]
        param_name, template = _SAYS.get(local, (None, local.removesuffix("ConstraintComponent")))
        param = self._parameter(shape, finding.path, param_name)
        value = _short(finding.value) if finding.value is not None else "a value"
        return _printable(template.format(value=value, param=param))

    def _parameter(self, shape: URIRef | None, path: str | None, name: str | None) -> str:
        if shape is None or path is None or name is None:
            return "?"
        for prop in self.shapes.objects(shape, SH.property):
            if self.shapes.value(prop, SH.path) == URIRef(path):
                found = self.shapes.value(prop, SH[name])
                if found is not None:
                    return str(found) if isinstance(found, Literal) else _short(found)
        return "?"


@cache
def _wording(shapes: Path) -> _Wording:
    return _Wording(load_shapes(shapes))


def _short(node: object) -> str:
    """An IRI by its last part (after '#' or '/'); other text as it is, cut short."""
    text = str(node)
    if text.startswith(("http://", "https://", "urn:")):
        text = text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]
    return text if len(text) <= 60 else text[:59] + "…"


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
