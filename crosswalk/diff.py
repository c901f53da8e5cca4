"""What changed between two releases of the data: records added, removed and changed.

A release is a data folder, or a git revision of the repository that holds one (its files
are read with `git archive`, nothing is checked out; a revision is first resolved to a commit
hash, so a name never reaches git as an option). Records are matched by id; a changed
record lists each field that differs with its old and new value.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswalk.corpus import Corpus
from crosswalk.problems import UsageError

TABLES = ("sources", "frameworks", "criteria", "principles", "models", "elements", "links")


@dataclass
class Change:
    id: str
    fields: dict[str, tuple[Any, Any]]


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _dump(record: Any) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json", exclude_none=True)
    return data


def diff(old: Corpus, new: Corpus) -> dict[str, TableDiff]:
    result = {}
    for name in TABLES:
        before, after = getattr(old, name), getattr(new, name)
        table = TableDiff(
            added=sorted(set(after) - set(before)), removed=sorted(set(before) - set(after))
        )
        for key in sorted(set(before) & set(after)):
            a, b = _dump(before[key]), _dump(after[key])
            fields = {
                f: (a.get(f), b.get(f)) for f in sorted(set(a) | set(b)) if a.get(f) != b.get(f)
            }
            if fields:
                table.changed.append(Change(key, fields))
        result[name] = table
    return result


def as_data(result: dict[str, TableDiff]) -> dict[str, Any]:
    return {
        name: {
            "added": t.added,
            "removed": t.removed,
            "changed": [
                {"id": c.id, "fields": {f: {"old": o, "new": n} for f, (o, n) in c.fields.items()}}
                for c in t.changed
            ],
        }
        for name, t in result.items()
    }


def short(value: Any, limit: int = 70) -> str:
    """A changed value on one line, cut to `limit` characters (the text diff and the site's
    changelog both show changes so)."""
    text = " ".join(str(value).split()) if value is not None else "(none)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_text(result: dict[str, TableDiff]) -> str:
    lines = []
    for name, t in result.items():
        lines.append(
            f"{name}: {len(t.added)} added, {len(t.removed)} removed, {len(t.changed)} changed"
        )
        lines += [f"  + {key}" for key in t.added]
        lines += [f"  - {key}" for key in t.removed]
        for c in t.changed:
            lines.append(f"  ~ {c.id}")
            lines += [f"      {f}: {short(o)} -> {short(n)}" for f, (o, n) in c.fields.items()]
    return "\n".join(lines) + "\n"


def as_markdown(result: dict[str, TableDiff]) -> str:
    lines = ["# Changes between releases", ""]
    for name, t in result.items():
        lines += [
            f"## {name.capitalize()}",
            "",
            f"{len(t.added)} added, {len(t.removed)} removed, {len(t.changed)} changed.",
            "",
        ]
        lines += [f"- added `{key}`" for key in t.added]
        lines += [f"- removed `{key}`" for key in t.removed]
        for c in t.changed:
            parts = "; ".join(f"{f}: {short(o)} → {short(n)}" for f, (o, n) in c.fields.items())
            lines.append(f"- changed `{c.id}`: {parts}")
        lines.append("")
    return "\n".join(lines)


GIT_HINT = "give a data folder, or a tag, branch or commit of the repository"


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"cannot run git ({exc.strerror}); is git installed?") from None


def _last_line(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else "git failed"


def _shown(spec: str) -> str:
    """A release name as a message may quote it: control characters escaped, kept short."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in spec)
    return text if len(text) <= 200 else text[:199] + "…"


def resolve(spec: str, repo: Path) -> str:
    """The commit a release name stands for, as a full hash: only the hash goes on to git.

    The name is never read as an option (`-o FILE` would have git write a file): names
    beginning with '-' are refused, and git is told where its options end in any case.
    """
    if not spec or spec.startswith("-"):
        raise UsageError(
            f"release '{_shown(spec)}' is neither a data folder nor a git revision "
            f"(a revision cannot begin with '-' or be empty; {GIT_HINT})"
        )
    done = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}")
    commit = done.stdout.decode("ascii", errors="replace").strip()
    if done.returncode != 0 or not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", commit):
        raise UsageError(
            f"release '{_shown(spec)}' is neither a data folder nor a git revision of {repo} "
            f"({GIT_HINT})"
        )
    return commit


def materialise(spec: str, repo: Path, data_path: str, into: Path) -> Path:
    """A data folder for a release given as a folder or as a git revision."""
    folder = Path(spec)
    if spec and folder.is_dir():
        return folder
    commit = resolve(spec, repo)
    done = _git(repo, "archive", "--format=tar", "--end-of-options", commit, data_path)
    if done.returncode != 0:
        raise UsageError(
            f"release '{_shown(spec)}' (commit {commit[:12]}) has no {data_path}/ folder in {repo} "
            f"({_last_line(done)}; {GIT_HINT} that holds {data_path}/)"
        )
    target = Path(tempfile.mkdtemp(prefix="release-", dir=into))
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(target, filter="data")
    return target / data_path
