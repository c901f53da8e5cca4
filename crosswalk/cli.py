"""The `crosswalk` command: parse options, call one library function, print, return a code.

Exit codes: 0 success, 1 problems in the data, 2 usage errors (bad options, unknown ids,
bad queries), 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from crosswalk import pipeline, query, schema, stats
from crosswalk.export import rdfformats
from crosswalk.namespaces import DEFAULT_BASE
from crosswalk.problems import CrosswalkError, DataError, Problem, UsageError

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _data_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=None,
        help="the data folder to read (default: the bundled mappings/)",
    )
    parser.add_argument(
        "--base-iri",
        metavar="IRI",
        default=DEFAULT_BASE,
        help=f"base IRI for the records in the graph (default: {DEFAULT_BASE})",
    )


def _data(args: argparse.Namespace) -> tuple[Path, str]:
    if args.data is None:
        return pipeline.DEFAULT_DATA, "mappings"
    return args.data, str(args.data)


def write_atomically(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomically(out, text)
        print(f"wrote {out}", file=sys.stderr)


def _print_problems(problems: list[Problem], strict: bool) -> None:
    for problem in problems:
        print(problem.render(strict), file=sys.stderr)


# Commands ------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    root, label = _data(args)
    checked = pipeline.check(root, label, args.base_iri, run_shacl=not args.no_shacl)
    _print_problems(checked.problems, args.strict)
    failures = checked.failures(args.strict)
    warnings = len(checked.problems) - len(failures)
    c = checked.corpus
    summary = (
        f"{len(c.files)} files, {len(c.frameworks)} frameworks, {len(c.criteria)} criteria, "
        f"{len(c.models)} models, {len(c.elements)} elements, {len(c.principles)} principles, "
        f"{len(c.links)} links"
    )
    if failures:
        print(
            f"{label}: {len(failures)} error(s), {warnings} warning(s) in {summary}",
            file=sys.stderr,
        )
        return EXIT_DATA
    note = f", {warnings} warning(s)" if warnings else ""
    print(f"{label}: valid{note}: {summary}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    root, label = _data(args)
    checked = pipeline.load_clean(root, label, args.base_iri)
    tables = stats.counts(checked.corpus)
    if args.format == "json":
        print(json.dumps(tables, indent=2))
        return EXIT_OK
    for title, table in tables.items():
        print(title)
        width = max((len(k) for k in table), default=0)
        for key, value in table.items():
            print(f"  {key.ljust(width)}  {value:>5}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    written = schema.write(args.out)
    for path in written:
        print(path)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    root, label = _data(args)
    checked = pipeline.load_clean(root, label, args.base_iri)
    assert checked.graph is not None
    _emit(rdfformats.FORMATS[args.format](checked.graph), args.out)
    return EXIT_OK


def cmd_sparql(args: argparse.Namespace) -> int:
    root, label = _data(args)
    text = args.query
    candidate = Path(text)
    if len(text) < 4096 and "\n" not in text and candidate.suffix in {".rq", ".sparql"}:
        if not candidate.is_file():
            raise UsageError(f"{text}: no such query file")
        text = candidate.read_text(encoding="utf-8")
    checked = pipeline.load_clean(root, label, args.base_iri)
    assert checked.graph is not None
    names, data = query.rows(query.run(checked.graph, text))
    _emit(query.FORMATS[args.format](names, data), args.out)
    return EXIT_OK


# Parser --------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosswalk",
        description="Link positive-culture models in social care, through common principles, "
        "to regulators' inspection criteria.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "validate",
        help="check a data folder and report every problem",
        description="Read every YAML file of the data folder and report every "
        "problem as path:line:col: CODE message (hint). Exit 1 if any "
        "error is found, 0 when clean.",
    )
    _data_args(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--no-shacl", action="store_true", help="skip the SHACL shapes check on the built graph"
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "stats",
        help="count records, and links by status, strength, relation",
        description="Print counts per record type and per link status.",
    )
    _data_args(p)
    p.add_argument(
        "--format",
        choices=["table", "json"],
        default="table",
        help="output format (default: table)",
    )
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "schema",
        help="write the JSON Schema of each kind of data file",
        description="Write one JSON Schema per kind of data file, for editors "
        "that check YAML while you type (see the README).",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=Path("schema"),
        help="folder to write the schemas to (default: schema/)",
    )
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "export",
        help="write the graph as Turtle, JSON-LD or N-Triples",
        description="Serialise the RDF graph of the data. Output is "
        "deterministic: the same data gives the same bytes.",
    )
    _data_args(p)
    p.add_argument(
        "--format",
        choices=sorted(rdfformats.FORMATS),
        default="turtle",
        help="serialisation (default: turtle)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        default=None,
        help="file to write (default: standard output)",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "sparql",
        help="run a SPARQL query over the graph",
        description="Run a SPARQL query (text, or a .rq/.sparql file) over the "
        "graph. The prefixes cw, skos, dcterms, prov, owl, rdf, rdfs, "
        "xsd, sssom and semapv are predeclared.",
    )
    _data_args(p)
    p.add_argument("query", metavar="QUERY_OR_FILE", help="the query text or a .rq file")
    p.add_argument(
        "--format",
        choices=sorted(query.FORMATS),
        default="table",
        help="output format (default: table)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        default=None,
        help="file to write (default: standard output)",
    )
    p.set_defaults(func=cmd_sparql)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DataError as exc:
        _print_problems(exc.problems, getattr(args, "strict", False))
        print(
            f"stopped: {len(exc.problems)} problem(s) in the data; run 'crosswalk validate' "
            "for the full report",
            file=sys.stderr,
        )
        return EXIT_DATA
    except UsageError as exc:
        print(f"crosswalk: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CrosswalkError as exc:
        print(f"crosswalk: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except (OSError, MemoryError) as exc:
        print(f"crosswalk: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        if os.environ.get("CROSSWALK_DEBUG"):
            raise
        print(
            f"crosswalk: internal error ({type(exc).__name__}: {exc}); this is a bug, please "
            "report it with the command you ran (set CROSSWALK_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    raise SystemExit(main())
