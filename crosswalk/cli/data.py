"""Commands on the data folder itself: validate, fmt, stats, schema."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from crosswalk import lastrun, resources
from crosswalk.cli.console import EXIT_DATA, EXIT_OK, emit, print_problems
from crosswalk.cli.options import (
    DATA,
    DATA_OPTIONS,
    OUT_FOLDER,
    STRICT,
    data_folder,
    option,
    output_format,
)
from crosswalk.cli.registry import Command
from crosswalk.problems import is_failure


def cmd_validate(args: argparse.Namespace) -> int:
    root, label = data_folder(args)
    # With the cache, the last run's report when nothing changed (crosswalk/lastrun.py).
    report = lastrun.validate(
        root, label, args.base_iri, run_shacl=not args.no_shacl, cache=not args.no_cache
    )
    if report.cache_refused is not None:
        print(
            f"{label}: the cache folder {report.cache_refused} is inside the data folder, so "
            "nothing was cached (set CROSSWALK_CACHE to a folder outside it)",
            file=sys.stderr,
        )
    print_problems(report.problems, args.strict)
    failures = [p for p in report.problems if is_failure(p, args.strict)]
    warnings = len(report.problems) - len(failures)
    summary = ", ".join(f"{report.counts[name]} {name}" for name in lastrun.COUNTED)
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
    from crosswalk import fmt

    root, label = data_folder(args)
    files, problems = fmt.targets(root, label, args.files)
    report = fmt.format_files(files)
    problems = sorted(problems + report.problems)
    print_problems(problems)
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


def _counts_table(tables: dict[str, dict[str, int]]) -> str:
    lines = []
    for title, table in tables.items():
        lines.append(title)
        width = max((len(k) for k in table), default=0)
        lines += [f"  {key.ljust(width)}  {value:>5}" for key, value in table.items()]
    return "".join(f"{line}\n" for line in lines)


STATS_FORMATS: dict[str, Callable[[dict[str, dict[str, int]]], str]] = {
    "table": _counts_table,
    "json": lambda tables: json.dumps(tables, indent=2) + "\n",
}


def cmd_stats(args: argparse.Namespace) -> int:
    from crosswalk import pipeline, stats

    root, label = data_folder(args)
    checked = pipeline.load_clean(root, label, args.base_iri)
    return emit(STATS_FORMATS[args.format](stats.counts(checked.corpus)), None)


def cmd_schema(args: argparse.Namespace) -> int:
    from crosswalk import schema

    for path in schema.write(args.out, [resources.BUNDLED_DATA]):
        print(path)
    return EXIT_OK


COMMANDS = (
    Command(
        "validate",
        help="check a data folder and report every problem",
        description="Read every YAML file of the data folder and report every "
        "problem as path:line:col: CODE message (hint). Exit 1 if any "
        "error is found, 0 when clean.",
        options=(
            *DATA_OPTIONS,
            STRICT,
            option(
                "--no-shacl",
                action="store_true",
                help="skip the SHACL shapes check on the built graph",
            ),
            option(
                "--no-cache",
                action="store_true",
                help="read and check every file afresh, neither reading nor writing the cache of "
                "the last run's records and results ($CROSSWALK_CACHE, else "
                "$XDG_CACHE_HOME/crosswalk, else ~/.cache/crosswalk)",
            ),
        ),
        run=cmd_validate,
    ),
    Command(
        "fmt",
        help="rewrite data files in the canonical layout, keeping comments",
        description="Rewrite every data file of the data folder (or the FILEs named) in the "
        "canonical layout of docs/data-format.md, keeping comments. A file with a problem is "
        "reported as validate reports it and left as it is. Exit 1 if any file has a problem "
        "(or, with --check, is not in the canonical layout), 0 otherwise.",
        options=(
            DATA.but(help="the data folder to rewrite (default: the bundled mappings/)"),
            option(
                "--check",
                action="store_true",
                help="write nothing; list the files not in the canonical layout and exit 1 if any",
            ),
            option("files", metavar="FILE", type=Path, nargs="*", help="only these files"),
        ),
        run=cmd_fmt,
    ),
    Command(
        "stats",
        help="count records, and links by status, strength, relation",
        description="Print counts per record type and per link status.",
        options=(*DATA_OPTIONS, output_format(STATS_FORMATS, "table")),
        run=cmd_stats,
    ),
    Command(
        "schema",
        help="write the JSON Schema of each kind of data file",
        description="Write one JSON Schema per kind of data file, for editors "
        "that check YAML while you type (see docs/curator-guide.md).",
        options=(
            OUT_FOLDER.but(
                default=Path("schema"), help="folder to write the schemas to (default: schema/)"
            ),
        ),
        run=cmd_schema,
    ),
)
