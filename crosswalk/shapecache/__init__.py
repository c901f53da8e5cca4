"""Validate a corpus's triples file by file, and keep what each file's triples gave.

What is validated together, and so what is cached: the *fragment* of a data file, which is
every triple whose subject is one of the file's records (or a node under a record's IRI, such
as `link/x#citation-1`), plus, for every node those triples point at elsewhere, its
`rdf:type` and `skos:inScheme` triples (its *context*), plus any `rdfs:subClassOf` triple of
the data. When every shape reads only its focus node's own triples and the type or scheme of
the nodes they point at (`one_hop` checks this of the shapes), the results of a file's focus
nodes on its fragment are exactly their results on the whole graph.

A fragment's findings are kept under the SHA-256 of the engine, the shapes and the fragment's
own N-Triples: not of the YAML file. So a link in an unchanged file is validated again when
the record it points at changes kind or goes (its context changed), and a file edited only in
its comments or layout is not. Findings hold IRIs, never lines: they are located afresh on
every run.

The cache lives outside the data folder (`$CROSSWALK_CACHE`, else
`$XDG_CACHE_HOME/crosswalk`, else `~/.cache/crosswalk`), one file per data folder, holding
only the fragments of the last run. A cache that cannot be read, or is not exactly the shape
written here, is ignored; one that cannot be written is left as it was. Neither is an error.

The cache file is `store.py`; fragments cut from the whole graph are `from_graph.py`;
fragments keyed by the data files, made without the whole graph, are `from_files.py`.
"""

from __future__ import annotations

from crosswalk.shapecache.from_files import Files, Index, validate_files
from crosswalk.shapecache.from_graph import (
    GRAPH,
    Cut,
    Fragment,
    Homes,
    fragments,
    one_hop,
    run,
    validate,
    validate_cut,
)
from crosswalk.shapecache.store import FORMAT, Store

__all__ = [
    "FORMAT",
    "GRAPH",
    "Cut",
    "Files",
    "Fragment",
    "Homes",
    "Index",
    "Store",
    "fragments",
    "one_hop",
    "run",
    "validate",
    "validate_cut",
    "validate_files",
]
