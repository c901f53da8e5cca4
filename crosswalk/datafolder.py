"""Which files of a data folder are read, found without skipping anything silently.

Every file whose name ends in `.yaml` or `.yml` (in any letter case) is read, in the folder
and in its folders at any depth, in the order of their paths. A file or folder whose name
starts with '.' is left out, with everything under it (`.git`, editors' swap files, the
system's own files); files with other names are ignored. What cannot be read is a problem
that names it, never a file quietly left out: a folder that cannot be listed (E108), a data
file that is not a regular file (E108), a symbolic link that leads outside the data folder
(E110), and a data folder with no data file in it at all (E109).

A symbolic link to a file inside the data folder is read as that file; a link to a folder
inside it is not followed, since the folder is read where it is (so no folder is read twice,
and no link can make the walk go round in a loop).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from crosswalk.problems import Location, Problem

DATA_SUFFIXES = (".yaml", ".yml")


@dataclass
class Scan:
    """The data files of a folder, in a fixed order, and what stopped others being read."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def shown_path(root: Path, path: Path, root_label: str) -> str:
    """A path under the data folder as the user reached it (through `--data`)."""
    return (Path(root_label) / path.relative_to(root)).as_posix()


def is_data_file_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(DATA_SUFFIXES)


def scan(root: Path, root_label: str) -> Scan:
    """Every data file under root; each folder or file that cannot be read is a problem."""
    found = Scan()
    top = Path(os.path.realpath(root))
    pending = [root]
    while pending:
        folder = pending.pop()
        shown = shown_path(root, folder, root_label)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            found.problems.append(
                Problem(
                    Location(shown),
                    "E108",
                    f"cannot list the folder: {exc.strerror or exc}",
                    "make it readable (chmod +rx) or move it out of the data folder",
                )
            )
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            data_name = is_data_file_name(entry.name)
            is_dir = entry.is_dir()  # follows links; False if it cannot tell
            if entry.is_symlink():
                target = Path(os.path.realpath(path))
                if not target.is_relative_to(top):
                    if data_name or is_dir:
                        found.problems.append(_outside(root, path, root_label, target))
                    continue
                if is_dir:
                    continue  # a folder inside the data folder is read where it is
            if is_dir:
                pending.append(path)
            elif data_name:
                if entry.is_file():
                    found.files.append(path)
                else:
                    found.problems.append(_not_a_file(root, path, root_label))
    found.files.sort(key=lambda p: p.relative_to(root).as_posix())
    if not found.files and not found.problems:
        found.problems.append(
            Problem(
                Location(root_label),
                "E109",
                f"no data files in {root_label} (files named *.yaml or *.yml)",
                "pass --data with the folder that holds the YAML files",
            )
        )
    return found


def _outside(root: Path, path: Path, root_label: str, target: Path) -> Problem:
    return Problem(
        Location(shown_path(root, path, root_label)),
        "E110",
        f"the symbolic link leads outside the data folder, to {target}",
        "copy what it points at into the data folder, or remove the link",
    )


def _not_a_file(root: Path, path: Path, root_label: str) -> Problem:
    what = "leads nowhere" if path.is_symlink() else "is not a regular file"
    return Problem(
        Location(shown_path(root, path, root_label)),
        "E108",
        f"cannot read it: it {what}",
        "replace it with the YAML file, or rename it so that it does not end in .yaml",
    )
