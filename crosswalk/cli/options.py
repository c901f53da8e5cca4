"""The options more than one command takes, each declared once, and what their values mean.

An `Option` is the arguments of one `add_argument` call; a command that needs the option
with another default, help or name says so with `but(...)`, so the shared part (its
metavar, its type, its check) stays in one place. Options only one command takes are
declared beside that command.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswalk import resources
from crosswalk.baseiri import DEFAULT_BASE, check_base_iri
from crosswalk.enums import Setting
from crosswalk.querylimits import Limits
from crosswalk.yamlevents import shorten


@dataclass(frozen=True)
class Option:
    """One command-line option or positional argument: `add_argument(*flags, **settings)`."""

    flags: tuple[str, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)

    def but(self, *flags: str, **changes: Any) -> Option:
        """The same option under other flags (if given) or with some settings changed."""
        return Option(flags or self.flags, {**self.settings, **changes})

    def add_to(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(*self.flags, **self.settings)


def option(*flags: str, **settings: Any) -> Option:
    return Option(flags, settings)


# Types: each turns an option's text into a value, or says why it cannot -----------------


def base_iri(text: str) -> str:
    """An absolute http(s) IRI that ids can follow."""
    try:
        return check_base_iri(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{shorten(repr(text))} cannot be used: {exc}") from None


def positive(text: str) -> int:
    """A whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def seconds(text: str) -> float:
    """A number of seconds above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a number of seconds above 0")
    return value


# The data read ----------------------------------------------------------------------------

DATA = option(
    "--data",
    metavar="DIR",
    type=Path,
    default=None,
    help="the data folder to read (default: the bundled mappings/)",
)
BASE_IRI = option(
    "--base-iri",
    metavar="IRI",
    type=base_iri,
    default=DEFAULT_BASE,
    help="base IRI for the records in the graph, an http(s) address ending in '/' or '#' "
    f"(default: {DEFAULT_BASE})",
)
DATA_OPTIONS = (DATA, BASE_IRI)
STRICT = option("--strict", action="store_true", help="treat warnings as errors")


def data_folder(args: argparse.Namespace) -> tuple[Path, str]:
    """The data folder --data names (or the bundled one), and the name to show it by."""
    if args.data is None:
        return resources.BUNDLED_DATA, "mappings"
    return args.data, str(args.data)


def protected(root: Path) -> list[Path]:
    """The folders no output may be written in, around or over: the data folder read and
    the bundled one."""
    return [root, resources.BUNDLED_DATA]


# Where the output goes, and in what form ---------------------------------------------------

OUT_FILE = option(
    "--out",
    metavar="FILE",
    type=Path,
    default=None,
    help="file to write (default: standard output)",
)
OUT_FOLDER = option("--out", metavar="DIR", type=Path)


def output_format(formats: Iterable[str], default: str) -> Option:
    """--format, its choices the names of a command's table of formats."""
    return option(
        "--format",
        choices=list(formats),
        default=default,
        help=f"output format (default: {default})",
    )


# What a question is asked about ------------------------------------------------------------

MODEL = option(
    "--model",
    metavar="ID",
    action="append",
    required=True,
    help="a model the service uses (repeat for several)",
)
FRAMEWORK = option(
    "--framework",
    dest="framework",
    metavar="ID",
    required=True,
    help="the framework to answer for, e.g. cqc-asc-2017",
)
TO = option("--to", metavar="ID", required=True)
SETTING = option(
    "--setting",
    choices=[str(s) for s in Setting],
    default=None,
    help="warn where a chosen model has no evidence for this setting",
)
UNDER = option(
    "--under",
    metavar="ID",
    default=None,
    help="only this criterion and those beneath it, e.g. WELL_LED",
)
RATING = option(
    "--rating",
    metavar="LEVEL",
    default=None,
    help="answer for the framework's rating characteristics at this level, e.g. good "
    "or outstanding (frameworks that publish them: cqc-asc-2026, cqc-asc-2017)",
)

# Queries -------------------------------------------------------------------------------------

ENDPOINT = option("--endpoint", metavar="URL")
TIMEOUT = option(
    "--timeout",
    metavar="SECONDS",
    type=seconds,
    default=Limits.seconds,
    help=f"stop the query after this long (default: {Limits.seconds:g})",
)
LIMIT = option(
    "--limit",
    metavar="ROWS",
    type=positive,
    default=Limits.rows,
    help=f"refuse an answer of more rows than this (default: {Limits.rows})",
)
