"""A command is an entry in a table: its name, help, description, the options it takes and
the function that runs it. The parser is built from the table, so every command reads the
same way and `--help` (and docs/reference/cli.md) lists exactly what is registered."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crosswalk.cli.options import Option

Run = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    """One command, or a group of actions (`review export`, `review import`)."""

    name: str
    help: str
    description: str
    options: tuple[Option, ...] = ()
    run: Run | None = None  # None for a group: one of its actions runs
    actions: tuple[Command, ...] = ()


def add_commands(
    parser: argparse.ArgumentParser, commands: Sequence[Command], dest: str, metavar: str
) -> None:
    sub = parser.add_subparsers(dest=dest, metavar=metavar, required=True)
    for command in commands:
        p = sub.add_parser(command.name, help=command.help, description=command.description)
        for option in command.options:
            option.add_to(p)
        if command.actions:
            add_commands(p, command.actions, f"{command.name}_command", "ACTION")
        else:
            p.set_defaults(func=command.run)


def build_parser(description: str, commands: Sequence[Command]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crosswalk", description=description)
    add_commands(parser, commands, "command", "COMMAND")
    return parser
