"""Commands that take the data elsewhere: export, sparql, publish, diff, review."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from crosswalk import diff, outputs, resources, vocab
from crosswalk.cli.console import EXIT_DATA, EXIT_OK, emit, print_problems
from crosswalk.cli.options import (
    DATA_OPTIONS,
    ENDPOINT,
    LIMIT,
    OUT_FILE,
    TIMEOUT,
    data_folder,
    option,
    output_format,
    protected,
)
from crosswalk.cli.registry import Command
from crosswalk.enums import Status
from crosswalk.problems import UsageError

if TYPE_CHECKING:  # imported by the commands that load data: `--help` needs none of it
    from crosswalk import pipeline

# Export formats -----------------------------------------------------------------------------


class Exporter(Protocol):
    def check(self, name: str, out: Path | None, root: Path) -> None:
        """Refuse an --out this format cannot write, before any work."""

    def export(self, checked: pipeline.Checked, base: str, out: Path | None) -> None:
        """Make the output from the checked data and write it, saying where."""


@dataclass(frozen=True)
class ToText:
    """Text, to the file --out or to standard output."""

    make: Callable[[pipeline.Checked, str], str]

    def check(self, name: str, out: Path | None, root: Path) -> None:
        if out is not None:
            outputs.check_file(out, protected(root))

    def export(self, checked: pipeline.Checked, base: str, out: Path | None) -> None:
        emit(self.make(checked, base), out)


def _needs_out(name: str, out: Path | None) -> Path:
    if out is None:
        raise UsageError(f"--format {name} writes files: give --out")
    return out


@dataclass(frozen=True)
class ToFile:
    """Bytes, to the file --out."""

    make: Callable[[pipeline.Checked, str], bytes]

    def check(self, name: str, out: Path | None, root: Path) -> None:
        outputs.check_file(_needs_out(name, out), protected(root))

    def export(self, checked: pipeline.Checked, base: str, out: Path | None) -> None:
        assert out is not None  # (check)
        outputs.write_atomically_bytes(out, self.make(checked, base))
        print(f"wrote {out}", file=sys.stderr)


@dataclass(frozen=True)
class ToFolder:
    """Text files, in a folder of their own that replaces the folder --out whole."""

    make: Callable[[pipeline.Checked, str], dict[str, str]]

    def check(self, name: str, out: Path | None, root: Path) -> None:
        outputs.check_folder(_needs_out(name, out), protected(root), outputs.EXPORT)

    def export(self, checked: pipeline.Checked, base: str, out: Path | None) -> None:
        assert out is not None  # (check)
        files = self.make(checked, base)
        # A folder of its own, marked, swapped in whole: nothing of an earlier export lingers.
        with outputs.replacing(out, outputs.EXPORT) as made:
            for name, text in files.items():
                outputs.write_atomically(made / name, text)
        print(f"wrote {len(files)} files to {out}/", file=sys.stderr)


def _graph(name: str) -> ToText:
    def make(checked: pipeline.Checked, base: str) -> str:
        from crosswalk.export import rdfformats

        assert checked.triples is not None  # (load_clean)
        return rdfformats.FORMATS[name](checked.triples)

    return ToText(make)


def _sssom(checked: pipeline.Checked, base: str) -> dict[str, str]:
    from crosswalk.export import sssom

    return sssom.all_sets(checked.corpus, base)


def _csv(checked: pipeline.Checked, base: str) -> dict[str, str]:
    from crosswalk import opendata

    return {f"{n}.csv": text for n, text in opendata.every(checked.corpus).items()}


def _xlsx(checked: pipeline.Checked, base: str) -> bytes:
    from crosswalk import opendata
    from crosswalk.export import workbook

    return workbook.from_tables(opendata.every(checked.corpus))


EXPORTERS: dict[str, Exporter] = {
    **{name: _graph(name) for name in vocab.GRAPH_FORMATS},
    "sssom": ToFolder(_sssom),
    "csv": ToFolder(_csv),
    "xlsx": ToFile(_xlsx),
}


def cmd_export(args: argparse.Namespace) -> int:
    from crosswalk import pipeline

    root, label = data_folder(args)
    exporter = EXPORTERS[args.format]
    exporter.check(args.format, args.out, root)
    checked = pipeline.load_clean(root, label, args.base_iri)
    exporter.export(checked, args.base_iri, args.out)
    return EXIT_OK


# Queries and releases --------------------------------------------------------------------------


def cmd_sparql(args: argparse.Namespace) -> int:
    from crosswalk import endpoint, query

    root, label = data_folder(args)
    text = query.read_query(args.query)
    limits = query.Limits(seconds=args.timeout, rows=args.limit)
    if args.endpoint:
        names, data = endpoint.query(args.endpoint, text, limits)
    else:
        from crosswalk import pipeline

        checked = pipeline.load_clean(root, label, args.base_iri)
        assert checked.triples is not None  # the store is filled from these: no rdflib Graph
        names, data = query.answer(checked.triples, text, limits)
    return emit(query.FORMATS[args.format](names, data), args.out)


def cmd_publish(args: argparse.Namespace) -> int:
    from crosswalk import endpoint, pipeline

    root, label = data_folder(args)
    checked = pipeline.load_clean(root, label, args.base_iri)
    assert checked.triples is not None
    graph_iri = args.graph or endpoint.release_graph(checked.triples, args.base_iri)
    done = endpoint.publish(checked.triples, args.endpoint, graph_iri)
    print(
        f"published {done.triples} triples to <{done.graph}> at {args.endpoint} "
        f"(HTTP {done.status})"
    )
    return EXIT_OK


def load_release(spec: str, scratch: Path) -> tuple[pipeline.Checked, str]:
    """A release's checked data, from a folder or a git revision of this repository.

    A revision is resolved to a commit hash before git sees anything else (diff.resolve):
    a name such as `-o FILE` or `--output=FILE` is a usage error, never a git option.
    """
    from crosswalk import pipeline

    bundled = resources.BUNDLED_DATA
    root = diff.materialise(spec, bundled.parent, bundled.name, scratch)
    label = spec if root == Path(spec) else f"{spec}:{bundled.name}"
    return pipeline.load_clean(root, label), label


DIFF_FORMATS: dict[str, Callable[[dict[str, diff.TableDiff]], str]] = {
    "text": diff.as_text,
    "json": lambda result: json.dumps(diff.as_data(result), indent=2, ensure_ascii=False) + "\n",
    "markdown": diff.as_markdown,
}


def cmd_diff(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        old, _ = load_release(args.old, Path(scratch))
        new, _ = load_release(args.new, Path(scratch))
        result = diff.diff(old.corpus, new.corpus)
    return emit(DIFF_FORMATS[args.format](result), args.out)


# The review round-trip -------------------------------------------------------------------------


def cmd_review_export(args: argparse.Namespace) -> int:
    from crosswalk import pipeline, review

    root, label = data_folder(args)
    outputs.check_file(args.out, protected(root))
    corpus = pipeline.load_clean(root, label, args.base_iri).corpus
    statuses = {Status(s) for s in args.status} if args.status else None
    outputs.write_atomically_bytes(args.out, review.export(corpus, statuses))
    count = sum(1 for lk in corpus.links.values() if not statuses or lk.status in statuses)
    print(f"wrote {args.out}: {count} links to review")
    return EXIT_OK


def cmd_review_import(args: argparse.Namespace) -> int:
    from crosswalk import reviewapply

    root, label = data_folder(args)
    today = args.date or dt.date.today()
    done = reviewapply.apply(args.workbook, root, label, args.base_iri, today)
    if done.problems:
        print_problems(done.problems)
        print(
            f"{args.workbook}: {len(done.problems)} problem(s); nothing was changed",
            file=sys.stderr,
        )
        return EXIT_DATA
    print(
        f"{args.workbook}: {done.decisions} decision(s), {len(done.applied)} applied "
        f"({done.summary()}) in {done.files} file(s)"
    )
    return EXIT_OK


COMMANDS = (
    Command(
        "export",
        help="write the data as RDF, SSSOM, CSV tables or an XLSX workbook",
        description="Export the data. turtle, jsonld and ntriples write the graph to a file "
        "(or standard output); sssom writes one SSSOM/TSV per link set and csv one table per "
        "record type into the folder --out; xlsx writes a workbook with a sheet per table to "
        "the file --out. Output is deterministic: the same data gives the same bytes.",
        options=(*DATA_OPTIONS, output_format(EXPORTERS, "turtle"), OUT_FILE.but(metavar="PATH")),
        run=cmd_export,
    ),
    Command(
        "sparql",
        help="run a SPARQL query over the graph",
        description="Run a SPARQL query (text, or a .rq/.sparql file) over the "
        "graph. The prefixes cw, skos, dcterms, prov, owl, rdf, rdfs, "
        "xsd, sssom and semapv are predeclared. A query that runs past --timeout or "
        "returns more than --limit rows stops with exit 2; locally, SERVICE, GRAPH and FROM "
        "are refused.",
        options=(
            *DATA_OPTIONS,
            option("query", metavar="QUERY_OR_FILE", help="the query text or a .rq file"),
            output_format(vocab.QUERY_FORMATS, "table"),
            OUT_FILE,
            ENDPOINT.but(
                default=None,
                help="query this SPARQL endpoint instead of the local graph, e.g. "
                "http://127.0.0.1:7878/query",
            ),
            TIMEOUT,
            LIMIT,
        ),
        run=cmd_sparql,
    ),
    Command(
        "publish",
        help="upload the graph to a SPARQL server (Graph Store Protocol)",
        description="PUT the graph into a named graph of a SPARQL 1.1 Graph Store Protocol "
        "endpoint (Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data), "
        "replacing that graph. The default graph IRI names the release by a hash of its "
        "content, so each release gets its own graph.",
        options=(
            *DATA_OPTIONS,
            ENDPOINT.but(required=True, help="the graph store endpoint"),
            option(
                "--graph",
                metavar="IRI",
                default=None,
                help="the named graph to write (default: BASE/graph/release-HASH)",
            ),
        ),
        run=cmd_publish,
    ),
    Command(
        "diff",
        help="what changed between two releases of the data",
        description="Compare two releases: each a data folder or a git revision of this "
        "repository (its mappings/ folder is read with git archive). Lists sources, frameworks, "
        "criteria, principles, models, elements and links added, removed and changed, field by "
        "field.",
        options=(
            option("old", metavar="OLD", help="the earlier release (folder or git revision)"),
            option("new", metavar="NEW", help="the later release (folder or git revision)"),
            output_format(DIFF_FORMATS, "text"),
            OUT_FILE,
        ),
        run=cmd_diff,
    ),
    Command(
        "review",
        help="review links in a spreadsheet: export it, import the decisions",
        description="'review export' writes an XLSX with one row per link for reviewers; "
        "'review import' applies their decisions to the YAML, keeping its comments and layout.",
        actions=(
            Command(
                "export",
                help="write the review workbook",
                description="Write an XLSX with one row per link: read-only columns with "
                "everything a reviewer needs, and Decision (endorse / reject / needs change), "
                "Reviewer and Comment.",
                options=(
                    *DATA_OPTIONS,
                    OUT_FILE.but(required=True, help="the .xlsx to write"),
                    option(
                        "--status",
                        action="append",
                        choices=[str(s) for s in Status],
                        help="only links with this status (repeatable; default: all)",
                    ),
                ),
                run=cmd_review_export,
            ),
            Command(
                "import",
                help="apply a returned review workbook to the YAML",
                description="Check every row of a returned workbook (unknown links, edited "
                "read-only columns, decisions outside the list) and, only if all are valid, "
                "record each decision, reviewer and date in the link files. Importing the same "
                "file twice changes nothing.",
                options=(
                    *DATA_OPTIONS,
                    option("workbook", type=Path, help="the returned .xlsx"),
                    option(
                        "--date",
                        type=dt.date.fromisoformat,
                        default=None,
                        help="the review date to record, YYYY-MM-DD (default: today)",
                    ),
                ),
                run=cmd_review_import,
            ),
        ),
    ),
)
