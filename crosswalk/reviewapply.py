"""Applying a returned review workbook to the link files, as one transaction.

The workbook is checked row by row first (`review.check`); nothing is written unless every
row is valid. Then the decided links' files are written, each atomically, and the data
folder is checked again. If that finds a problem the decisions made, or anything fails while
writing or checking, every file written is put back as it was, so the data is never left
half-reviewed; the problems found are blamed on the sheet rows whose decisions caused them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crosswalk import outputs, pipeline, review
from crosswalk.problems import Problem


@dataclass(frozen=True)
class Imported:
    """What importing a workbook did: the decisions read and applied, or, when `problems`
    is not empty, why nothing was changed."""

    decisions: int = 0  # valid decisions in the workbook
    applied: list[review.Decision] = field(default_factory=list)  # those that changed a link
    files: int = 0  # link files rewritten
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """The decisions applied, counted by the status they gave: '1 endorsed, 2 rejected'."""
        tally = Counter(str(d.status) for d in self.applied)
        return ", ".join(f"{n} {s}" for s, n in sorted(tally.items())) or "no change"


def apply(workbook: Path, root: Path, label: str, base: str, today: dt.date) -> Imported:
    """Record the workbook's decisions, reviewer and `today` in the link files of the data
    folder `root` (shown as `label`), all of them or, with the problems, none."""
    shown = str(workbook)
    corpus = pipeline.load_clean(root, label, base).corpus
    decisions, problems = review.check(corpus, workbook, shown)
    if problems:
        return Imported(len(decisions), problems=problems)
    changes = review.plan(corpus, decisions)
    rewritten = review.rewrite(corpus, changes, today)
    failures = _write_and_check(rewritten, root, label, base)
    if failures:
        return Imported(len(decisions), problems=review.blame(failures, rewritten, corpus, shown))
    return Imported(len(decisions), changes, len(rewritten))


def _write_and_check(
    rewritten: list[review.Rewritten], root: Path, label: str, base: str
) -> list[Problem]:
    """Write the new link files and check the data again; on any failure, put back the
    files as they were. The problems the check found (none: the files stay written)."""
    originals = {r.path: r.path.read_bytes() for r in rewritten}
    try:
        for r in rewritten:
            outputs.write_atomically(r.path, r.text)
        failures = pipeline.check(root, label, base, run_shacl=False).failures()
    except BaseException:
        _restore(originals)
        raise
    if failures:
        _restore(originals)
    return failures


def _restore(originals: dict[Path, bytes]) -> None:
    for path, data in originals.items():
        outputs.write_atomically_bytes(path, data)
