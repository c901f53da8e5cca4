"""The `crosswalk` command: parse options, call one library function, print, return a code.

Exit codes: 0 success, 1 problems in the data, 2 usage errors (bad options, unknown ids,
bad queries), 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from crosswalk import outputs, pipeline, query, schema, stats
from crosswalk.analysis import report
from crosswalk.analysis.checklist import checklist
from crosswalk.analysis.compare import compare
from crosswalk.analysis.coverage import Index, setting_warnings
from crosswalk.analysis.recommend import recommend_for
from crosswalk.export import rdfformats
from crosswalk.model import Setting, Status
from crosswalk.namespaces import DEFAULT_BASE, check_base_iri
from crosswalk.outputs import write_atomically, write_atomically_bytes
from crosswalk.problems import CrosswalkError, DataError, Problem, UsageError
from crosswalk.yamlread import shorten

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
        type=_base_iri,
        default=DEFAULT_BASE,
        help="base IRI for the records in the graph, an http(s) address ending in '/' or '#' "
        f"(default: {DEFAULT_BASE})",
    )


def _base_iri(text: str) -> str:
    """An argparse type: an absolute http(s) IRI that ids can follow."""
    try:
        return check_base_iri(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{shorten(repr(text))} cannot be used: {exc}") from None


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def _seconds(text: str) -> float:
    """An argparse type: a number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a number of seconds above 0")
    return value


def _data(args: argparse.Namespace) -> tuple[Path, str]:
    if args.data is None:
        return pipeline.DEFAULT_DATA, "mappings"
    return args.data, str(args.data)


def _protected(root: Path) -> list[Path]:
    """The folders no output may be written in, around or over: the data folder read and
    the bundled one."""
    return [root, pipeline.DEFAULT_DATA]


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        # (The commands that read a data folder check --out against it before any work.)
        outputs.check_file(out, [pipeline.DEFAULT_DATA])
        write_atomically(out, text)
        print(f"wrote {out}", file=sys.stderr)


def _print_problems(problems: list[Problem], strict: bool) -> None:
    for problem in problems:
        print(problem.render(strict), file=sys.stderr)


# Commands ------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    root, label = _data(args)
    cache = None if args.no_cache else pipeline.Cache.for_data(root)
    checked = pipeline.check(root, label, args.base_iri, run_shacl=not args.no_shacl, cache=cache)
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


def cmd_fmt(args: argparse.Namespace) -> int:
    import shlex

    from crosswalk import fmt

    root, label = _data(args)
    files, problems = fmt.targets(root, label, args.files)
    report = fmt.format_files(files)
    problems = sorted(problems + report.problems)
    _print_problems(problems, False)
    for shown in report.links:
        print(f"{shown}: a symbolic link, not rewritten (format its file)", file=sys.stderr)
    if not args.check:
        written = fmt.write(report)
        for formatted in written:
            print(f"rewrote {formatted.shown}")
        kept = len(report.files) - len(written)
        print(f"{label}: {len(written)} file(s) rewritten, {kept} already in the canonical layout")
        return EXIT_DATA if problems else EXIT_OK
    command = "crosswalk fmt" + (f" --data {shlex.quote(str(args.data))}" if args.data else "")
    for formatted in report.changed:
        named = f" {shlex.quote(formatted.shown)}" if args.files else ""
        hint = f"run {command}{named}"
        print(f"{formatted.shown}: not in the canonical layout ({hint})", file=sys.stderr)
    if report.changed:
        print(f"{label}: {len(report.changed)} file(s) to rewrite: run {command}", file=sys.stderr)
    if report.changed or problems:
        return EXIT_DATA
    print(f"{label}: {len(report.files)} file(s) in the canonical layout")
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
    written = schema.write(args.out, [pipeline.DEFAULT_DATA])
    for path in written:
        print(path)
    return EXIT_OK


FOLDER_FORMATS = ("sssom", "csv")  # export formats that write a folder of files


def cmd_export(args: argparse.Namespace) -> int:
    from crosswalk.export import sssom, tables, workbook

    root, label = _data(args)
    folder = args.format in FOLDER_FORMATS
    if args.out is None and args.format not in rdfformats.FORMATS:
        raise UsageError(f"--format {args.format} writes files: give --out")
    if folder:
        outputs.check_folder(args.out, _protected(root), outputs.EXPORT)
    elif args.out is not None:
        outputs.check_file(args.out, _protected(root))
    checked = pipeline.load_clean(root, label, args.base_iri)
    assert checked.triples is not None
    if args.format in rdfformats.FORMATS:
        _emit(rdfformats.FORMATS[args.format](checked.triples), args.out)
        return EXIT_OK
    if args.format == "xlsx":
        data = workbook.from_tables({n: t(checked.corpus) for n, t in tables.TABLES.items()})
        write_atomically_bytes(args.out, data)
        print(f"wrote {args.out}", file=sys.stderr)
        return EXIT_OK
    files = (
        sssom.all_sets(checked.corpus, args.base_iri)
        if args.format == "sssom"
        else {f"{n}.csv": t(checked.corpus) for n, t in tables.TABLES.items()}
    )
    # A folder of its own, marked, swapped in whole: nothing of an earlier export lingers.
    with outputs.replacing(args.out, outputs.EXPORT) as made:
        for name, text in files.items():
            write_atomically(made / name, text)
    print(f"wrote {len(files)} files to {args.out}/", file=sys.stderr)
    return EXIT_OK


def cmd_sparql(args: argparse.Namespace) -> int:
    from crosswalk import endpoint

    root, label = _data(args)
    text = query.read_query(args.query)
    limits = query.Limits(seconds=args.timeout, rows=args.limit)
    if args.endpoint:
        names, data = endpoint.query(args.endpoint, text, limits)
    else:
        checked = pipeline.load_clean(root, label, args.base_iri)
        assert checked.triples is not None  # the store is filled from these: no rdflib Graph
        names, data = query.answer(checked.triples, text, limits)
    _emit(query.FORMATS[args.format](names, data), args.out)
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from crosswalk import endpoint

    root, label = _data(args)
    checked = pipeline.load_clean(root, label, args.base_iri)
    assert checked.triples is not None
    graph_iri = args.graph or endpoint.release_graph(checked.triples, args.base_iri)
    done = endpoint.publish(checked.triples, args.endpoint, graph_iri)
    print(
        f"published {done.triples} triples to <{done.graph}> at {args.endpoint} "
        f"(HTTP {done.status})"
    )
    return EXIT_OK


DEFAULT_SITE = Path("build") / "site"


def load_release(spec: str, scratch: Path) -> tuple[pipeline.Checked, str]:
    """A release's checked data, from a folder or a git revision of this repository.

    A revision is resolved to a commit hash before git sees anything else (diff.resolve):
    a name such as `-o FILE` or `--output=FILE` is a usage error, never a git option.
    """
    from crosswalk import diff

    root = diff.materialise(spec, pipeline.DEFAULT_DATA.parent, pipeline.DEFAULT_DATA.name, scratch)
    label = spec if root == Path(spec) else f"{spec}:{pipeline.DEFAULT_DATA.name}"
    return pipeline.load_clean(root, label), label


def cmd_diff(args: argparse.Namespace) -> int:
    from crosswalk import diff

    with tempfile.TemporaryDirectory() as scratch:
        old, _ = load_release(args.old, Path(scratch))
        new, _ = load_release(args.new, Path(scratch))
        result = diff.diff(old.corpus, new.corpus)
    if args.format == "json":
        text = json.dumps(diff.as_data(result), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "markdown":
        text = diff.as_markdown(result)
    else:
        text = diff.as_text(result)
    _emit(text, args.out)
    return EXIT_OK


def cmd_review_export(args: argparse.Namespace) -> int:
    from crosswalk import review

    root, label = _data(args)
    outputs.check_file(args.out, _protected(root))
    corpus = pipeline.load_clean(root, label, args.base_iri).corpus
    statuses = {Status(s) for s in args.status} if args.status else None
    write_atomically_bytes(args.out, review.export(corpus, statuses))
    count = sum(1 for lk in corpus.links.values() if not statuses or lk.status in statuses)
    print(f"wrote {args.out}: {count} links to review")
    return EXIT_OK


def cmd_review_import(args: argparse.Namespace) -> int:
    from crosswalk import review

    root, label = _data(args)
    corpus = pipeline.load_clean(root, label, args.base_iri).corpus
    decisions, problems = review.check(corpus, args.workbook, str(args.workbook))
    if problems:
        _print_problems(problems, False)
        print(f"{args.workbook}: {len(problems)} problem(s); nothing was changed", file=sys.stderr)
        return EXIT_DATA
    changes = review.plan(corpus, decisions)
    rewritten = review.rewrite(corpus, changes, args.date or dt.date.today())
    originals = {r.path: r.path.read_bytes() for r in rewritten}

    def restore() -> None:
        for path, data in originals.items():
            write_atomically_bytes(path, data)

    try:
        for r in rewritten:
            write_atomically(r.path, r.text)
        failures = pipeline.check(root, label, args.base_iri, run_shacl=False).failures()
    except BaseException:
        restore()
        raise
    if failures:
        restore()
        _print_problems(review.blame(failures, rewritten, corpus, str(args.workbook)), False)
        print(f"{args.workbook}: {len(failures)} problem(s); nothing was changed", file=sys.stderr)
        return EXIT_DATA
    tally = Counter(str(d.status) for d in changes)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(tally.items())) or "no change"
    print(
        f"{args.workbook}: {len(decisions)} decision(s), {len(changes)} applied ({summary}) "
        f"in {len(rewritten)} file(s)"
    )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from crosswalk.site import build

    root, label = _data(args)
    outputs.check_folder(args.out, _protected(root), outputs.SITE)  # before any work
    started = time.perf_counter()
    checked = pipeline.load_clean(root, label, args.base_iri, strict=args.strict)
    with tempfile.TemporaryDirectory() as scratch:
        previous = None
        if args.previous:
            old, old_label = load_release(args.previous, Path(scratch))
            previous = (old.corpus, old_label)
        built = build.build(
            checked,
            args.out,
            search=not args.no_search,
            previous=previous,
            workers=args.workers,
        )
    elapsed = time.perf_counter() - started
    print(f"built {built.pages} pages ({built.files} files) in {elapsed:.1f} s")
    print(f"the site is in {built.out.resolve()}/ (open {built.out.resolve()}/index.html)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from crosswalk.site import serve

    root, label = _data(args)
    outputs.check_folder(args.out, _protected(root), outputs.SITE)
    serve.serve(root, label, args.out, args.port, args.base_iri)
    return EXIT_OK


def _index(args: argparse.Namespace) -> Index:
    root, label = _data(args)
    if args.out is not None:
        outputs.check_file(args.out, _protected(root))
    return Index(pipeline.load_clean(root, label, args.base_iri).corpus)


def _models(args: argparse.Namespace, index: Index) -> list[str]:
    models = sorted(set(args.model or []))
    index.check_ids(args.framework, models)
    return models


def cmd_coverage(args: argparse.Namespace) -> int:
    index = _index(args)
    models = _models(args, index)
    warnings = setting_warnings(index.corpus, models, args.setting)
    cov = index.coverage(args.framework, models, args.rating)
    if args.under:
        cov = cov.under(f"{args.framework}:{args.under}")
    if args.command == "gaps":
        data = report.gaps_data(index.corpus, cov, warnings)
        text = report.render(data, args.format, report.gaps_rows, title="Gaps")
    else:
        data = report.coverage_data(index.corpus, cov, warnings)
        text = report.render(
            data,
            args.format,
            report.coverage_rows,
            report.coverage_table,
            title=f"Coverage of {args.framework}",
        )
    _emit(text, args.out)
    return EXIT_OK


def cmd_recommend(args: argparse.Namespace) -> int:
    index = _index(args)
    models = _models(args, index)
    warnings = setting_warnings(index.corpus, models, args.setting)
    rec = recommend_for(index, index.coverage(args.framework, models, args.rating))
    data = report.recommend_data(index.corpus, rec, warnings)
    _emit(
        report.render(
            data,
            args.format,
            report.recommend_rows,
            report.recommend_table,
            title="Models that close the gaps",
        ),
        args.out,
    )
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    index = _index(args)
    models = _models(args, index)
    rows = compare(index, args.framework, args.to, models or None)
    data = report.compare_data(index.corpus, args.framework, args.to, rows)
    _emit(
        report.render(
            data,
            args.format,
            report.compare_rows,
            report.compare_table,
            title=f"{args.framework} -> {args.to}",
        ),
        args.out,
    )
    return EXIT_OK


def cmd_checklist(args: argparse.Namespace) -> int:
    index = _index(args)
    models = _models(args, index)
    rows = checklist(index, args.framework, models, args.rating)
    data = report.checklist_data(index.corpus, args.framework, models, rows, args.rating)
    _emit(
        report.render(data, args.format, report.checklist_rows, markdown=report.checklist_markdown),
        args.out,
    )
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace) -> int:
    from crosswalk.analysis import report_migrate
    from crosswalk.analysis.migrate import migrate

    index = _index(args)
    models = sorted(set(args.model))
    index.check_ids(args.to, models)
    data = report_migrate.migrate_data(
        index.corpus, migrate(index, args.framework, args.to, models)
    )
    _emit(
        report.render(
            data,
            args.format,
            report_migrate.migrate_rows,
            report_migrate.migrate_table,
            markdown=report_migrate.migrate_markdown,
        ),
        args.out,
    )
    return EXIT_OK


def _rating_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rating",
        metavar="LEVEL",
        default=None,
        help="answer for the framework's rating characteristics at this level, e.g. good "
        "or outstanding (frameworks that publish them: cqc-asc-2026, cqc-asc-2017)",
    )


def _analysis_args(
    parser: argparse.ArgumentParser,
    models_required: bool = True,
    framework: tuple[str, str] = ("--framework", "the framework to answer for, e.g. cqc-asc-2017"),
) -> None:
    _data_args(parser)
    parser.add_argument(
        "--model",
        metavar="ID",
        action="append",
        required=models_required,
        help="a model the service uses (repeat for several)",
    )
    parser.add_argument(
        framework[0], dest="framework", metavar="ID", required=True, help=framework[1]
    )
    parser.add_argument(
        "--format", choices=report.FORMATS, default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--setting",
        choices=[str(s) for s in Setting],
        default=None,
        help="warn where a chosen model has no evidence for this setting",
    )
    parser.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        default=None,
        help="file to write (default: standard output)",
    )


def _under_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--under",
        metavar="ID",
        default=None,
        help="only this criterion and those beneath it, e.g. WELL_LED",
    )


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
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="read and check every file afresh, neither reading nor writing the cache of the "
        "last run's records and results ($CROSSWALK_CACHE, else $XDG_CACHE_HOME/crosswalk, "
        "else ~/.cache/crosswalk)",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "fmt",
        help="rewrite data files in the canonical layout, keeping comments",
        description="Rewrite every data file of the data folder (or the FILEs named) in the "
        "canonical layout of docs/data-format.md, keeping comments. A file with a problem is "
        "reported as validate reports it and left as it is. Exit 1 if any file has a problem "
        "(or, with --check, is not in the canonical layout), 0 otherwise.",
    )
    p.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=None,
        help="the data folder to rewrite (default: the bundled mappings/)",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the files not in the canonical layout and exit 1 if any",
    )
    p.add_argument("files", metavar="FILE", type=Path, nargs="*", help="only these files")
    p.set_defaults(func=cmd_fmt)

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
        help="write the data as RDF, SSSOM, CSV tables or an XLSX workbook",
        description="Export the data. turtle, jsonld and ntriples write the graph to a file "
        "(or standard output); sssom writes one SSSOM/TSV per link set and csv one table per "
        "record type into the folder --out; xlsx writes a workbook with a sheet per table to "
        "the file --out. Output is deterministic: the same data gives the same bytes.",
    )
    _data_args(p)
    p.add_argument(
        "--format",
        choices=[*sorted(rdfformats.FORMATS), "sssom", "csv", "xlsx"],
        default="turtle",
        help="format (default: turtle)",
    )
    p.add_argument(
        "--out",
        metavar="PATH",
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
        "xsd, sssom and semapv are predeclared. A query that runs past --timeout or "
        "returns more than --limit rows stops with exit 2; locally, SERVICE, GRAPH and FROM "
        "are refused.",
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
    p.add_argument(
        "--endpoint",
        metavar="URL",
        default=None,
        help="query this SPARQL endpoint instead of the local graph, e.g. "
        "http://127.0.0.1:7878/query",
    )
    p.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_seconds,
        default=query.Limits.seconds,
        help=f"stop the query after this long (default: {query.Limits.seconds:g})",
    )
    p.add_argument(
        "--limit",
        metavar="ROWS",
        type=_positive,
        default=query.Limits.rows,
        help=f"refuse an answer of more rows than this (default: {query.Limits.rows})",
    )
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser(
        "publish",
        help="upload the graph to a SPARQL server (Graph Store Protocol)",
        description="PUT the graph into a named graph of a SPARQL 1.1 Graph Store Protocol "
        "endpoint (Oxigraph: http://HOST:7878/store; Fuseki: http://HOST:3030/DATASET/data), "
        "replacing that graph. The default graph IRI names the release by a hash of its "
        "content, so each release gets its own graph.",
    )
    _data_args(p)
    p.add_argument("--endpoint", metavar="URL", required=True, help="the graph store endpoint")
    p.add_argument(
        "--graph",
        metavar="IRI",
        default=None,
        help="the named graph to write (default: BASE/graph/release-HASH)",
    )
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser(
        "diff",
        help="what changed between two releases of the data",
        description="Compare two releases: each a data folder or a git revision of this "
        "repository (its mappings/ folder is read with git archive). Lists sources, frameworks, "
        "criteria, principles, models, elements and links added, removed and changed, field by "
        "field.",
    )
    p.add_argument("old", metavar="OLD", help="the earlier release (folder or git revision)")
    p.add_argument("new", metavar="NEW", help="the later release (folder or git revision)")
    p.add_argument(
        "--format",
        choices=["text", "json", "markdown"],
        default="text",
        help="output format (default: text)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        default=None,
        help="file to write (default: standard output)",
    )
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "review",
        help="review links in a spreadsheet: export it, import the decisions",
        description="'review export' writes an XLSX with one row per link for reviewers; "
        "'review import' applies their decisions to the YAML, keeping its comments and layout.",
    )
    review_sub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    q = review_sub.add_parser(
        "export",
        help="write the review workbook",
        description="Write an XLSX with one row per link: read-only columns with everything a "
        "reviewer needs, and Decision (endorse / reject / needs change), Reviewer and Comment.",
    )
    _data_args(q)
    q.add_argument("--out", metavar="FILE", type=Path, required=True, help="the .xlsx to write")
    q.add_argument(
        "--status",
        action="append",
        choices=[str(s) for s in Status],
        help="only links with this status (repeatable; default: all)",
    )
    q.set_defaults(func=cmd_review_export)
    q = review_sub.add_parser(
        "import",
        help="apply a returned review workbook to the YAML",
        description="Check every row of a returned workbook (unknown links, edited read-only "
        "columns, decisions outside the list) and, only if all are valid, record each decision, "
        "reviewer and date in the link files. Importing the same file twice changes nothing.",
    )
    _data_args(q)
    q.add_argument("workbook", type=Path, help="the returned .xlsx")
    q.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=None,
        help="the review date to record, YYYY-MM-DD (default: today)",
    )
    q.set_defaults(func=cmd_review_import)

    p = sub.add_parser(
        "build",
        help="build the static website and its downloads",
        description="Write the website (and its downloads) to a folder, replacing the previous "
        "build only when the whole build has succeeded. Output is deterministic.",
    )
    _data_args(p)
    p.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=DEFAULT_SITE,
        help=f"folder to write the site to (default: {DEFAULT_SITE})",
    )
    p.add_argument("--strict", action="store_true", help="refuse data with warnings too")
    p.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    p.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="processes that render pages and downloads (default: one per CPU, at most 4)",
    )
    p.add_argument(
        "--previous",
        metavar="RELEASE",
        default=None,
        help="an earlier release (data folder or git revision) to show a changelog "
        "against on the review page",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "serve",
        help="build, serve on localhost and rebuild when data or templates change",
        description="Build the site, serve it on http://127.0.0.1:PORT/ and rebuild it when a "
        "data file, template or asset changes. Stop with Ctrl-C.",
    )
    _data_args(p)
    p.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=DEFAULT_SITE,
        help=f"folder to write the site to (default: {DEFAULT_SITE})",
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "coverage",
        help="how far a set of models covers a framework",
        description="For every criterion, the best support the chosen models give: "
        "strong, partial or weak (direct), inferred (only through a "
        "principle) or gap, with every supporting path.",
    )
    _analysis_args(p)
    _under_arg(p)
    _rating_arg(p)
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser(
        "gaps",
        help="the criteria a set of models leaves open, and why",
        description="Criteria with no support, only inferred support or only weak "
        "direct support, each with its reason.",
    )
    _analysis_args(p)
    _under_arg(p)
    _rating_arg(p)
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser(
        "recommend",
        help="which other models would close the gaps",
        description="For each gap, the other models' elements with a strong or "
        "partial direct link to it; then the greedy set cover: the "
        "fewest extra models closing the most gaps, step by step.",
    )
    _analysis_args(p)
    _rating_arg(p)
    p.set_defaults(func=cmd_recommend)

    p = sub.add_parser(
        "compare",
        help="related criteria of another framework (crosswalk)",
        description="For each criterion of --framework, the related criteria of "
        "--to, through explicit criterion links and through shared "
        "principles. --model limits shared principles to those the "
        "models embody.",
    )
    _analysis_args(p, models_required=False)
    p.add_argument("--to", metavar="ID", required=True, help="the framework to compare with")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "checklist",
        help="the evidence to gather, by criterion and kind",
        description="Every evidence item the chosen models' elements supply for "
        "the framework, grouped by criterion and evidence kind, each "
        "listed once. --format markdown gives a printable checklist.",
    )
    _analysis_args(p)
    _rating_arg(p)
    p.set_defaults(func=cmd_checklist)

    p = sub.add_parser(
        "migrate",
        help="what of a model set's evidence carries over to a new framework",
        description="For the chosen models: which evidence items for --framework (the old "
        "framework) carry over to which criteria of --to (the new one), through explicit "
        "criterion alignments only, and how safely; which new criteria have no predecessor; "
        "which old criteria have no successor. E.g. --from cqc-saf-2024 --to cqc-asc-2026.",
    )
    _analysis_args(p, framework=("--from", "the framework the evidence was gathered for"))
    p.add_argument("--to", metavar="ID", required=True, help="the new framework")
    p.set_defaults(func=cmd_migrate)
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
    except BrokenPipeError:
        # The reader went away (`crosswalk stats | head`): stop quietly, as other tools do.
        # Point stdout at nothing so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
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


def run() -> None:
    """The `crosswalk` command: main(), its output flushed, then leave at once.

    Python would otherwise take apart everything still loaded, object by object, before it
    exits: 2 s after a build at 100 times the bundled data, for memory the operating system
    frees at once anyway. (In-process callers, like the tests, call main().)
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # OSError: the reader went away; ValueError: the stream was closed.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
