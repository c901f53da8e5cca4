"""`crosswalk fmt`: rewrite data files in the canonical layout, keeping their comments.

A file is read with crosswalk's own reader (so its values mean what `validate` reads) and
checked as `validate` checks one file; a file with a problem is reported and left as it is.
The others are laid out by `canonical` and given back their comments by `yamlcomments`.
Before a text is returned it is read back: its records must equal the file's and its comments
must be the same, or `FormatError` (a bug) is raised rather than anything written. Writing
(`write`) goes through `outputs.write_atomically`: whole or not at all, the mode kept, never
through a symbolic link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswalk import canonical, datafolder, loader, outputs, yamlcomments, yamlread
from crosswalk.model import Record
from crosswalk.problems import Problem
from crosswalk.yamlcomments import END, START, Comment
from crosswalk.yamlevents import Located, PathKey

WIDTH = canonical.WIDTH


class FormatError(Exception):
    """The canonical text would not mean what the file means, or would lose a comment: a bug
    in this module, raised rather than written."""


# Results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formatted:
    """One data file: where it is, how it is shown, its text and its canonical text."""

    path: Path
    shown: str
    text: str
    canonical: str

    @property
    def changed(self) -> bool:
        return self.text != self.canonical


@dataclass
class Report:
    """What `format_files` found: the files laid out, those with problems, the links."""

    files: list[Formatted] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # shown paths of symbolic links, left alone

    @property
    def changed(self) -> list[Formatted]:
        return [f for f in self.files if f.changed]


def targets(
    root: Path, label: str, named: Iterable[Path] = ()
) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The files to lay out with how each is shown: those named, or every data file of root."""
    named = list(named)
    if named:
        return [(path, str(path)) for path in named], []
    scanned = datafolder.scan(root, label)
    shown = [(path, datafolder.shown_path(root, path, label)) for path in scanned.files]
    return shown, scanned.problems


def format_files(files: Iterable[tuple[Path, str]]) -> Report:
    """Read each file and lay it out; nothing is written (see `write`)."""
    report = Report()
    for path, shown in files:
        if path.is_symlink():
            report.links.append(shown)
            continue
        text, problems = yamlread.read_text(path, shown)
        if text is None:
            report.problems.extend(problems)
            continue
        laid_out, problems = format_text(text, shown)
        if laid_out is None:
            report.problems.extend(problems)
            continue
        report.files.append(Formatted(path, shown, text, laid_out))
    report.problems.sort()
    return report


def write(report: Report) -> list[Formatted]:
    """Write each changed file in place (all or nothing per file; its mode is kept)."""
    changed = report.changed
    for formatted in changed:
        outputs.write_atomically(formatted.path, formatted.canonical)
    return changed


# One text -----------------------------------------------------------------------------------


def format_text(text: str, shown: str) -> tuple[str | None, list[Problem]]:
    """The canonical layout of one file's text, or the problems that stop it being laid out."""
    located, problems = yamlread.parse(text, shown)
    if located is None or problems:
        return None, problems
    record, problems = _validate(located)
    if record is None:
        return None, problems
    file_model = type(record)
    kept = [
        Comment(c.text, _outermost(c.anchor, located.data, file_model), c.blank_before)
        for c in yamlcomments.find(text, located)
    ]
    blocked = {c.anchor[:n] for c in kept for n in range(len(c.anchor))}
    laid_out = yamlcomments.place(canonical.dump(located.data, file_model, blocked), kept)
    _check_same(record, kept, laid_out, shown)
    return laid_out, []


def _validate(located: Located) -> tuple[Record | None, list[Problem]]:
    """The file's record, checked as `crosswalk validate` checks one file."""
    problems: list[Problem] = []
    parsed = loader.validate_file(located, problems, {})
    if parsed is None or problems:
        return None, problems
    return parsed[0], []


def _check_same(record: Record, kept: list[Comment], laid_out: str, shown: str) -> None:
    located, problems = yamlread.parse(laid_out, shown)
    if located is None or problems or _validate(located)[0] != record:
        raise FormatError(f"{shown}: the canonical layout would change what the file means")
    found = yamlcomments.find(laid_out, located)
    if sorted(c.text for c in found) != sorted(c.text for c in kept):
        raise FormatError(f"{shown}: the canonical layout would lose or change a comment")


def _outermost(anchor: PathKey, data: Any, model: type[Record]) -> PathKey:
    """A comment tied to the first key of a list item is tied to the item: the key is written
    on the item's line, so that is where the comment will be read from next time."""
    if anchor in (START, END):
        return anchor
    node: Any = data
    shape: type[Record] | None = model
    for depth, part in enumerate(anchor):
        if isinstance(part, str):
            assert shape is not None
            shape = canonical.fields(shape)[part].model
            node = node[part]
            continue
        node = node[part]
        if depth == len(anchor) - 2 and isinstance(node, dict) and shape is not None:
            order = list(canonical.fields(shape))
            if anchor[-1] == min(node, key=order.index):
                return anchor[:-1]
    return anchor
