"""The `crosswalk` command line: each command parses its options, calls the library, prints
the result and returns an exit code.

Exit codes: 0 success, 1 problems in the data, 2 usage errors (bad options, unknown ids,
bad queries), 3 an internal error (a bug: please report it).

* `options`: the options several commands take, each declared once;
* `registry`: a command as a table entry, and the parser built from the table;
* `console`: exit codes, output to standard output or --out, problems to standard error;
* `data`: validate, fmt, stats, schema;
* `exports`: export (its table of formats), sparql, publish, diff, review export/import;
* `site`: build, serve;
* `answers`: coverage, gaps, recommend, compare, checklist, migrate;
* `app`: the parser of every command, `main` and `run`.
"""

from crosswalk.cli.app import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
