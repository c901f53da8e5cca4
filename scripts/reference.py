"""Write the reference pages that are generated from the code, so they cannot drift from it.

    .venv/bin/python scripts/reference.py [--out docs/reference]     (or: make docs)

* `cli.md`: every command's help, as `crosswalk COMMAND --help` prints it;
* `errors.md`: every problem code with its severity and summary (crosswalk/problems.py).

`tests/test_docs.py` writes them again into a temporary folder and fails, naming this
command, when the committed copies differ.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WIDTH = "100"  # argparse wraps help to the terminal's width: fixed, so the page is stable


def cli_page() -> str:
    os.environ["COLUMNS"] = WIDTH
    from crosswalk.cli import build_parser

    parser = build_parser()
    out = [
        "# Command reference",
        "",
        "Generated from the code by `scripts/reference.py` (`make docs`); do not edit by hand.",
        "Exit codes: 0 success, 1 problems in the data, 2 usage errors (bad options, unknown",
        "ids, refused paths, bad queries), 3 an internal error (a bug: please report it).",
        "",
        "```text",
        parser.format_help().rstrip(),
        "```",
    ]
    for name, sub in _commands(parser, "crosswalk"):
        out += ["", f"## {name}", "", "```text", sub.format_help().rstrip(), "```"]
    return "\n".join(out) + "\n"


def _commands(
    parser: argparse.ArgumentParser, prefix: str
) -> list[tuple[str, argparse.ArgumentParser]]:
    """Every (sub)command beneath a parser, depth first: `crosswalk review import` too."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((f"{prefix} {name}", sub))
                found += _commands(sub, f"{prefix} {name}")
    return found


def errors_page() -> str:
    from crosswalk.problems import CODES

    out = [
        "# Problem codes",
        "",
        "Generated from `crosswalk/problems.py` by `scripts/reference.py` (`make docs`); do not",
        "edit by hand. Every problem reads `path:line:col: CODE severity: message (what to do)`;",
        "for a review workbook (`R` codes) the line is the sheet row. Warnings (`W`) are errors",
        "under `--strict`.",
        "",
        "| code | severity | what it means |",
        "|---|---|---|",
    ]
    out += [f"| `{c.code}` | {c.severity.value} | {c.summary} |" for c in CODES.values()]
    return "\n".join(out) + "\n"


PAGES = {"cli.md": cli_page, "errors.md": errors_page}


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in PAGES.items():
        path = out / name
        path.write_text(page(), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "reference")
    for path in write(parser.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
