"""Write the reference pages that are generated from the code, so they cannot drift from it.

    .venv/bin/python scripts/reference.py [--out docs/reference] [--data-format FILE]
    (or: make docs)

* `cli.md`: every command's help, as `crosswalk COMMAND --help` prints it;
* `errors.md`: every problem code with its severity and summary (crosswalk/problems.py);
* `values.md`: every controlled value (crosswalk/enums.py), the fields that take it
  (crosswalk/model.py) and its label or meaning (crosswalk/vocab.py);
* in `docs/data-format.md`, the tables between `<!-- NAME: ... -->` and `<!-- /NAME -->`
  (statuses, roles, relations, element kinds), written over in place (or to FILE).

`tests/test_docs.py` writes them again into a temporary folder and fails, naming this
command, when the committed copies differ.
"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import typing
from enum import StrEnum
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


def _enums() -> list[type[StrEnum]]:
    from crosswalk import enums

    return [
        e
        for e in vars(enums).values()
        if inspect.isclass(e) and issubclass(e, StrEnum) and e.__module__ == enums.__name__
    ]


def _fields_taking(enum: type[StrEnum]) -> list[str]:
    """`record.field` for every field of a record that takes one of the enum's values, or a
    list of them."""
    import pydantic

    from crosswalk import model

    def mentions(annotation: object) -> bool:
        return annotation is enum or any(mentions(a) for a in typing.get_args(annotation))

    found = []
    for name, record in vars(model).items():
        if not (inspect.isclass(record) and issubclass(record, pydantic.BaseModel)):
            continue
        if record.__module__ != model.__name__:
            continue
        for field, info in record.model_fields.items():
            if mentions(info.annotation):
                found.append(f"{_snake(name)}.{field}")
    return found


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _columns(enum: type[StrEnum]) -> tuple[list[str], dict[str, list[str]]]:
    """The table's columns after the value, and each value's cells in them."""
    from crosswalk import enums, vocab

    if enum is enums.Relation:
        return ["subject", "object", "read as"], {
            r: [str(s), str(o), vocab.RELATION_LABELS[r]]
            for r, (s, o) in enums.RELATION_KINDS.items()
        }
    if enum is enums.Strength:
        return ["rank (higher is stronger)"], {s: [str(n)] for s, n in enums.STRENGTH_RANK.items()}
    if enum is enums.Role:
        return ["what it is", "in an answer"], {r: list(m) for r, m in vocab.ROLE_MEANINGS.items()}
    if enum is enums.ElementKind:
        return ["meaning", "example"], {k: list(m) for k, m in vocab.ELEMENT_KIND_MEANINGS.items()}
    if enum in vocab.LABELS_OF:
        return ["label"], {v: [label] for v, label in vocab.LABELS_OF[enum].items()}
    return [], {}


def value_table(enum: type[StrEnum], first: str = "value") -> list[str]:
    """An enum as a Markdown table: each value and its cells, in the order declared; `first`
    heads the values' column."""
    names, cells = _columns(enum)
    assert set(cells) in (set(), set(enum)), f"{enum.__name__}: not every value is described"
    rows = [
        "| " + " | ".join([first, *names]) + " |",
        "|" + "|".join("---" for _ in [first, *names]) + "|",
    ]
    rows += ["| " + " | ".join([f"`{v.value}`", *cells.get(v, [])]) + " |" for v in enum]
    return rows


def values_page() -> str:
    from crosswalk import vocab

    out = [
        "# Controlled values",
        "",
        "Generated from `crosswalk/enums.py` (the values), `crosswalk/model.py` (the fields that",
        "take them) and `crosswalk/vocab.py` (their labels and meanings) by",
        "`scripts/reference.py` (`make docs`); do not edit by hand. A data file may use only",
        "these values; the labels are what the site and the answers show.",
    ]
    for enum in _enums():
        out += ["", f"## {enum.__name__}", ""]
        doc = enum.__dict__.get("__doc__")
        if doc:
            out += [" ".join(doc.split()), ""]
        fields = _fields_taking(enum)
        if fields:
            out += [f"Taken by: {', '.join(f'`{f}`' for f in fields)}.", ""]
        out += value_table(enum)
    out += [
        "",
        "## Statuses (of a criterion in an answer)",
        "",
        "Not a field of the data: what an answer says of each counted criterion, best first",
        "(`crosswalk/vocab.py`).",
        "",
        vocab.statuses_markdown().rstrip("\n"),
    ]
    return "\n".join(out) + "\n"


PAGES = {"cli.md": cli_page, "errors.md": errors_page, "values.md": values_page}

# The tables of docs/data-format.md made from the code, by the name in their markers.
MARKED = re.compile(
    r"(?P<open><!-- (?P<name>[a-z-]+): [^>]*-->\n)(?P<body>.*?)(?P<close><!-- /(?P=name) -->)", re.S
)


def _marked_tables() -> dict[str, str]:
    from crosswalk import enums, vocab

    def table(enum: type[StrEnum], first: str) -> str:
        return "\n".join(value_table(enum, first)) + "\n"

    return {
        "statuses": vocab.statuses_markdown(),
        "roles": table(enums.Role, "role"),
        "relations": table(enums.Relation, "relation"),
        "element-kinds": table(enums.ElementKind, "kind"),
    }


def fill_data_format(text: str) -> str:
    """The data format page with every marked table made again from the code."""
    tables = _marked_tables()
    seen: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in tables:
            raise SystemExit(f"docs/data-format.md: unknown generated table <!-- {name}: -->")
        seen.add(name)
        return match["open"] + tables[name] + match["close"]

    filled = MARKED.sub(fill, text)
    missing = sorted(set(tables) - seen)
    if missing:
        raise SystemExit(f"docs/data-format.md: no markers for {', '.join(missing)}")
    return filled


def write(out: Path, data_format: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in PAGES.items():
        path = out / name
        path.write_text(page(), encoding="utf-8")
        written.append(path)
    source = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
    data_format.write_text(fill_data_format(source), encoding="utf-8")
    return [*written, data_format]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "reference")
    parser.add_argument("--data-format", type=Path, default=REPO / "docs" / "data-format.md")
    args = parser.parse_args()
    for path in write(args.out, args.data_format):
        print(path)


if __name__ == "__main__":
    main()
