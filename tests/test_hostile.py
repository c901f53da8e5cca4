"""Hostile and broken input: every command that reads data, against a catalogue of bad cases.

Each case is a copy of the fixture project with one file added or replaced: the committed
cases in `tests/hostile/` (a `# target:` line names the file they become, `# expect: CODE
LINE` lines the problems they must raise) and the ones built here because they are binary,
large or generated (see `tests/hostile/README.md`). Every command that reads data runs on
each case in-process, through `crosswalk.cli.main`, within a time limit, and must:

* exit 1 (problems in the data), never 0, and raise nothing: an exception the CLI lets out
  (a user would see exit 3, "this is a bug") fails the test as the bug it is;
* report each expected problem at its file (as named through --data) and line, and nothing
  on standard error but `path:line:col: CODE severity: message (hint)` lines and the summary;
* print no traceback, and no line longer than a terminal can show usefully;
* leave the previous site byte for byte as it was, with nothing beside it, and leave no
  export file, whole or partial.

What only a real process shows runs again as the `crosswalk` console script, under a 60 s
time limit and a 1 GiB address-space limit (IN_SUBPROCESS): the bomb-like cases, for the
limits, and one case through every command, for the script's own exit code and for output
that is nothing but problem lines. Those subprocesses run two at a time.

Review workbooks broken in the ways reviewers break them go through `review import`, which
must report each by its sheet row and change nothing. Markup and script payloads in every
text field are legal text: `validate` accepts them. A hypothesis fuzz test throws random
text, random YAML documents, mutated fixture files and random byte edits at the loader, which
must report every problem at a file and line, or accept the data, and never raise.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PROJECT, REPO, TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from crosswalk import cli, pipeline, xlsxread, yamlread
from crosswalk.model import FILE_KINDS, Record
from crosswalk.review import COLUMNS

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

HOSTILE = TESTS / "hostile"
TIMEOUT = 60  # seconds, for each command
MEMORY = 1 << 30  # bytes of address space for each command
LONGEST_LINE = 1000  # characters in any line the CLI prints about a broken file
DATE = "2026-03-01"

Expect = tuple[str, int]  # a problem code and the line (or sheet row) it must be reported at


# The cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A data folder (the fixture project with one file added or replaced) or a workbook."""

    name: str
    target: str  # relative to the data folder; for a review case, the workbook's name
    expects: tuple[Expect, ...]
    write: Callable[[Path], None]  # writes the target file at the path given
    review: bool = False

    def __str__(self) -> str:
        return self.name


def _committed(path: Path) -> Case:
    raw = path.read_bytes()
    header = raw.decode("utf-8", "replace")
    target = re.search(r"^# target: (\S+)$", header, re.M)
    expects = re.findall(r"^# expect: (\w+) (\d+)$", header, re.M)
    assert target and expects, f"{path.name} needs '# target:' and '# expect:' lines"
    return Case(
        path.stem,
        target.group(1),
        tuple((code, int(line)) for code, line in expects),
        lambda out: out.write_bytes(raw),
    )


def _bytes(content: bytes) -> Callable[[Path], None]:
    return lambda out: out.write_bytes(content)


LINK_SET = b"link_set:\n  id: extra\n  title: %s\nlinks: []\n"
HUGE = 50 * 1024 * 1024
LONG = 100_000


def _huge_file(out: Path) -> None:
    """50 MB of well-formed links: only the size is wrong."""
    record = (
        b"  - id: w-%07d\n    subject: warm:welcome\n    relation: embodies\n"
        b"    object: hub:kindness\n    strength: strong\n    rationale: %s\n"
        b'    sources:\n      - {source: doc-a, locator: "Kindness first"}\n'
        b"    status: proposed\n    author: tester\n    created: 2026-01-01\n"
    )
    filler = b"Greeting people by name is kindness in practice. " * 8
    with out.open("wb") as handle:
        handle.write(b"link_set:\n  id: huge\n  title: Fifty megabytes of links\nlinks:\n")
        number = 0
        while handle.tell() < HUGE:
            handle.write(b"".join(record % (number + i, filler) for i in range(1000)))
            number += 1000


def _long_strings(out: Path) -> None:
    out.write_text(
        "model:\n"
        "  id: long\n"
        f"  title: {'T' * LONG}\n"
        "  developer: Nobody\n"
        f"  url: https://example.org/{'u' * LONG}\n"
        "  impact_evidence: limited\n"
        "  in_wales: false\n"
        "  description: A model with very long values.\n"
        "  sources:\n"
        '    - {source: doc-a, locator: "Warm Homes"}\n'
        "elements:\n"
        f"  - id: {'i' * LONG}\n"
        "    title: An element with a long id\n"
        "    kind: theme\n",
        encoding="utf-8",
    )


GENERATED = [
    Case("empty-file", "links/extra.yaml", (("E105", 1),), _bytes(b"")),
    Case(
        "byte-order-mark",
        "links/extra.yaml",
        (("E104", 1),),
        _bytes(b"\xef\xbb\xbf" + LINK_SET % b"Saved by Notepad"),
    ),
    Case("non-utf8", "links/extra.yaml", (("E104", 3),), _bytes(LINK_SET % b"Caf\xe9 links")),
    Case(
        "control-characters",
        "links/extra.yaml",
        (("E107", 3),),
        _bytes(LINK_SET % b'"red \x1b[31mALERT\x1b[0m and a NUL \x00"'),
    ),
    Case(
        "deep-nesting",
        "links/extra.yaml",
        (("E107", 4),),
        _bytes(b"link_set:\n  id: deep\n  title: Deep\nlinks: " + b"[" * LONG + b"]" * LONG),
    ),
    Case("huge-file", "links/huge.yaml", (("E107", 1),), _huge_file),
    Case(
        "long-strings",
        "models/long.yaml",
        (("E202", 3), ("E202", 5), ("E205", 12)),
        _long_strings,
    ),
]
DATA_CASES = sorted(
    [_committed(p) for p in HOSTILE.glob("*.yaml")] + GENERATED, key=lambda c: c.name
)

# Review workbooks: rows are exported in link id order, below the header row.
LINK_IDS = sorted(
    str(link["id"])
    for path in sorted((PROJECT / "links").glob("*.yaml"))
    for link in yaml.safe_load(path.read_text(encoding="utf-8"))["links"]
)
ROW = {lid: row for row, lid in enumerate(LINK_IDS, start=2)}
COLUMN = {key: index for index, (key, _, _) in enumerate(COLUMNS, start=1)}
WORKBOOK = "review.xlsx"


def _edit_rows(out: Path) -> None:
    book = load_workbook(out)
    sheet = book["Review"]
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, COLUMN["link_id"])
        edits: dict[str, str] = {
            # a read-only cell edited, with a decision that is otherwise fine
            "w-1": {"rationale": "Rewritten by the reviewer", "decision": "endorse"},
            # a link id that is not in the data
            "w-2": {"link_id": "no-such-link", "decision": "endorse"},
            # a decision outside the list
            "w-3": {"decision": "approve"},
        }.get(str(cell.value), {})
        for key, value in edits.items():
            sheet.cell(row, COLUMN[key]).value = value
        if edits:
            sheet.cell(row, COLUMN["reviewer"]).value = "A. Reviewer"
    book.save(out)


def _other_workbook(out: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Link id", "Decision"])
    sheet.append(["w-1", "endorse"])
    book.save(out)


def _parts(out: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(out) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _with_parts(change: Callable[[dict[str, bytes]], None]) -> Callable[[Path], None]:
    """Rewrite the exported workbook's zip with some parts changed, added or removed."""

    def write(out: Path) -> None:
        parts = _parts(out)
        change(parts)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in parts.items():
                archive.writestr(name, content)

    return write


SHEET_XML = "xl/worksheets/sheet1.xml"


def _padded(size: int) -> Callable[[dict[str, bytes]], None]:
    """Blank space inside the sheet's data: valid XML, small once deflated, `size` inflated."""

    def change(parts: dict[str, bytes]) -> None:
        sheet = parts[SHEET_XML]
        parts[SHEET_XML] = sheet.replace(b"</sheetData>", b" " * size + b"</sheetData>")

    return change


def _shared_strings(count: int) -> Callable[[dict[str, bytes]], None]:
    """A shared string table of `count` one-letter strings, declared as the workbook's."""

    def change(parts: dict[str, bytes]) -> None:
        parts["xl/sharedStrings.xml"] = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + b"<si><t>a</t></si>" * count
            + b"</sst>"
        )
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )

    return change


def _many_parts(parts: dict[str, bytes]) -> None:
    parts.update({f"xl/extra/{i}.xml": b"" for i in range(xlsxread.MAX_PARTS + 1)})


def _cut_short(parts: dict[str, bytes]) -> None:
    parts[SHEET_XML] = parts[SHEET_XML][: len(parts[SHEET_XML]) // 2]


def _doctype(parts: dict[str, bytes]) -> None:
    laughs = b'<!ENTITY a "lol">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + i, b"&%c;" % (ord("a") + i) * 10) for i in range(8)
    )
    parts[SHEET_XML] = b"<!DOCTYPE worksheet [" + laughs + b"]>" + parts[SHEET_XML]


def _long_cell(parts: dict[str, bytes]) -> None:
    """w-1's rationale one character longer than a cell holds (openpyxl would cut it)."""
    warm = yaml.safe_load((PROJECT / "links" / "warm.yaml").read_text(encoding="utf-8"))
    rationale = next(lk["rationale"] for lk in warm["links"] if lk["id"] == "w-1").encode()
    assert parts[SHEET_XML].count(rationale) == 1
    long = b"x" * (xlsxread.MAX_CELL + 1)
    parts[SHEET_XML] = parts[SHEET_XML].replace(rationale, long)


def _cells(edits: dict[str, dict[str, str]]) -> Callable[[Path], None]:
    def write(out: Path) -> None:
        book = load_workbook(out)
        sheet = book["Review"]
        for lid, cells in edits.items():
            for key, value in cells.items():
                sheet.cell(ROW[lid], COLUMN[key]).value = value
        book.save(out)

    return write


REVIEW_CASES = [
    Case(
        "review-broken-rows",
        WORKBOOK,
        (("R202", ROW["w-1"]), ("R201", ROW["w-2"]), ("R203", ROW["w-3"])),
        _edit_rows,
        review=True,
    ),
    Case(
        "review-not-a-spreadsheet",
        WORKBOOK,
        (("R101", 1),),
        _bytes(b"Link id,Decision\nw-1,endorse\n"),
        review=True,
    ),
    Case("review-empty-file", WORKBOOK, (("R101", 1),), _bytes(b""), review=True),
    Case("review-other-workbook", WORKBOOK, (("R101", 1),), _other_workbook, review=True),
    # Bombs and broken XML: refused from the zip's directory or a scan, before parsing.
    Case(
        "review-inflation-bomb",
        WORKBOOK,
        (("R101", 1),),
        _with_parts(_padded(xlsxread.MAX_XML_BYTES)),
        review=True,
    ),
    Case(
        "review-shared-strings-bomb",
        WORKBOOK,
        (("R101", 1),),
        _with_parts(_shared_strings(xlsxread.MAX_STRINGS + 1)),
        review=True,
    ),
    Case("review-many-parts", WORKBOOK, (("R101", 1),), _with_parts(_many_parts), review=True),
    Case("review-cut-short-xml", WORKBOOK, (("R101", 1),), _with_parts(_cut_short), review=True),
    Case("review-doctype", WORKBOOK, (("R101", 1),), _with_parts(_doctype), review=True),
    # Cells: one longer than a spreadsheet holds; formulas with no value saved with them.
    Case(
        "review-long-cell",
        WORKBOOK,
        (("R101", ROW["w-1"]),),
        _with_parts(_long_cell),
        review=True,
    ),
    Case(
        "review-formula-without-value",
        WORKBOOK,
        (("R207", ROW["w-1"]), ("R207", ROW["w-3"])),
        _cells(
            {
                "w-1": {"decision": '=IF(TRUE,"endorse","")', "reviewer": "A. Reviewer"},
                "w-3": {"decision": "endorse", "reviewer": "=A1"},
            }
        ),
        review=True,
    ),
]

# Every command that reads data; {out} is a fresh empty folder, {site} the previous site.
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "validate-strict": ["validate", "--strict"],
    "stats": ["stats"],
    "export-turtle": ["export", "--format", "turtle", "--out", "{out}/graph.ttl"],
    "export-sssom": ["export", "--format", "sssom", "--out", "{out}/sssom"],
    "coverage": ["coverage", "--model", "warm", "--framework", "reg"],
    "build": ["build", "--out", "{site}"],
}
REVIEW = "review-import"
REVIEW_COMMAND = ["review", "import", WORKBOOK, "--date", DATE]

# Every case runs every command in-process. These run again as the `crosswalk` console script
# in a subprocess, under the time and memory limits: the bomb-like cases (only a limit shows
# they stay within it) through `validate`, which reads what every command reads, and `build`,
# which does the most; and one case that gets past reading to the rules through every command
# (the real script's exit code, and that it prints nothing but problem lines: no warning from
# the interpreter, nothing at exit).
BOUNDED = ("validate", "build")
IN_SUBPROCESS: dict[str, tuple[str, ...]] = {
    "alias-bomb": BOUNDED,
    "deep-nesting": BOUNDED,
    "huge-file": BOUNDED,
    "long-strings": BOUNDED,
    "dangling": tuple(COMMANDS),
    "review-inflation-bomb": (REVIEW,),
    "review-shared-strings-bomb": (REVIEW,),
    "review-many-parts": (REVIEW,),
    "review-doctype": (REVIEW,),
}


# Running the CLI -------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one command did: exit code, output, and the state of what it must not touch."""

    command: list[str]
    code: int | None  # None: it ran out of time
    out: str
    err: str
    left: dict[str, str] = field(default_factory=dict)  # file -> hash, in its output folder

    def describe(self) -> str:
        return (
            f"$ crosswalk {' '.join(self.command)}\nexit {self.code}\n"
            f"--- stdout\n{self.out[-3000:]}\n--- stderr\n{self.err[-3000:]}"
        )


class _TooSlow(BaseException):
    """The in-process time limit: not an Exception, so no handler in the CLI can take it."""


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """Run `crosswalk.cli.main` in this process, in the current folder, within the time limit.

    With CROSSWALK_DEBUG set (the `here` fixture sets it), an exception the CLI does not turn
    into a message reaches this function: a user would see exit 3 and "this is a bug", and the
    test fails saying so, with the traceback."""

    def stop(signum: int, frame: object) -> None:
        raise _TooSlow

    capsys.readouterr()
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    code: int | None
    try:
        code = cli.main(list(args))
    except _TooSlow:
        code = None
    except SystemExit as exc:  # argparse refused the command line
        code = exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        err = capsys.readouterr().err
        raise AssertionError(
            f"$ crosswalk {' '.join(args)} raised {type(exc).__name__}: {exc}\n"
            "a bug: the CLI must turn it into a located problem (a user sees exit 3)\n"
            f"--- stderr\n{err[-3000:]}"
        ) from exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    out, err = capsys.readouterr()
    if code is None:
        err += f"timed out after {TIMEOUT} s\n"
    return Outcome(list(args), code, out, err)


@pytest.fixture
def here(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`here(*args)`: run the CLI in-process (see `in_process`), exceptions left to the test."""
    monkeypatch.setenv("CROSSWALK_DEBUG", "1")

    def _here(*args: str) -> Outcome:
        return in_process(capsys, *args)

    return _here


def _bound_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


CONSOLE_SCRIPT = Path(sys.executable).parent / "crosswalk"
ENV = {
    **os.environ,
    "PYTHONPATH": str(REPO),
    # one thread per numerical library, so that their buffers fit under the memory bound
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
ENV.pop("CROSSWALK_DEBUG", None)
if ENV.pop("PYTHONDONTWRITEBYTECODE", None):
    # Runs should not each compile every module again: cache the bytecode aside.
    ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / f"crosswalk-pyc-{os.getuid()}")


def crosswalk(cwd: Path, *args: str, cache: Path, bound: bool = True) -> Outcome:
    """Run the `crosswalk` console script, as a user would, with a time and a memory limit
    (its cache of SHACL results in `cache`, so that nothing is written outside the test)."""
    try:
        done = subprocess.run(
            [str(CONSOLE_SCRIPT), *args],
            cwd=cwd,
            env={**ENV, "CROSSWALK_CACHE": str(cache)},
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            preexec_fn=_bound_memory if bound else None,
        )
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else ""
        return Outcome(list(args), None, "", f"timed out after {TIMEOUT} s\n{err}")
    return Outcome(list(args), done.returncode, done.stdout, done.stderr)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under a folder (hidden ones included), files by content hash."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
        )
        for p in sorted(folder.rglob("*"))
    }


class Cases:
    """Each case's folder, made once when first asked for: `data` (the fixture project with
    the case's file) and, for a review case, the workbook beside it. Each command of a case
    runs in that folder, writing only to an `out-COMMAND` folder beside `data`."""

    def __init__(self, root: Path, site: Path, workbook: Path) -> None:
        root.mkdir()
        self.root = root
        self.site = site  # the previous site, which a refused build must leave as it was
        self.site_files = snapshot(site)
        self.workbook = workbook  # exported from the fixture, before the case's change

    def folder(self, case: Case) -> Path:
        folder = self.root / case.name
        if folder.exists():
            return folder
        folder.mkdir()
        shutil.copytree(PROJECT, folder / "data")
        if case.review:
            shutil.copy2(self.workbook, folder / case.target)
            case.write(folder / case.target)
        else:
            target = folder / "data" / case.target
            target.parent.mkdir(parents=True, exist_ok=True)
            case.write(target)
        return folder

    def arguments(self, folder: Path, name: str) -> tuple[list[str], Path]:
        """The command line of a command (relative to the case's folder) and its out folder;
        for `build`, a copy of the previous site waits there."""
        out = folder / f"out-{name}"
        out.mkdir()
        site = out / "site"
        args = COMMANDS[name]
        if "{site}" in " ".join(args):
            shutil.copytree(self.site, site)
            assert snapshot(site) == self.site_files
        filled = [
            a.format(out=out.relative_to(folder), site=site.relative_to(folder)) for a in args
        ]
        return [*filled, "--data", "data"], out


def _data_changes(before: dict[str, str], after: dict[str, str]) -> dict[str, str]:
    return {
        f"data/{path}": "changed"
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
    }


class Runner:
    """Runs the IN_SUBPROCESS commands of each case two at a time, once, and keeps their
    outcomes: a case's commands start when the first is asked for, the next case's too."""

    def __init__(self, cases: Cases, cache: Path) -> None:
        self.cases = cases
        self.cache = cache
        self.pool = ThreadPoolExecutor(2)
        self.futures: dict[str, dict[str, Future[Outcome]]] = {}

    def outcome(self, case: Case, command: str, order: list[Case]) -> Outcome:
        self._submit(case)
        following = order[order.index(case) + 1 :]
        if following:  # keep both workers busy while this case's results are checked
            self._submit(following[0])
        return self.futures[case.name][command].result()

    def _submit(self, case: Case) -> None:
        if case.name in self.futures:
            return
        folder = self.cases.folder(case)
        self.futures[case.name] = {
            name: self.pool.submit(self._run, folder, name) for name in IN_SUBPROCESS[case.name]
        }

    def _run(self, folder: Path, name: str) -> Outcome:
        if name == REVIEW:
            before = snapshot(folder / "data")
            outcome = crosswalk(folder, *REVIEW_COMMAND, "--data", "data", cache=self.cache)
            outcome.left = _data_changes(before, snapshot(folder / "data"))
            return outcome
        args, out = self.cases.arguments(folder, name)
        outcome = crosswalk(folder, *args, cache=self.cache)
        outcome.left = snapshot(out)
        return outcome

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class Previous:
    """What the cases start from: the fixture's site and its exported review workbook."""

    base: Path
    site: Path
    workbook: Path


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Previous:
    base = tmp_path_factory.mktemp("hostile")
    site, workbook = base / "site", base / WORKBOOK
    assert cli.main(["build", "--data", str(PROJECT), "--out", str(site), "--no-search"]) == 0
    assert cli.main(["review", "export", "--data", str(PROJECT), "--out", str(workbook)]) == 0
    return Previous(base, site, workbook)


@pytest.fixture(scope="module")
def cases(previous: Previous) -> Cases:
    return Cases(previous.base / "in-process", previous.site, previous.workbook)


@pytest.fixture(scope="module")
def runner(previous: Previous) -> Iterator[Runner]:
    started = Runner(
        Cases(previous.base / "subprocess", previous.site, previous.workbook),
        previous.base / "shape-cache",
    )
    yield started
    started.close()


def test_the_memory_bound_is_real() -> None:
    """The limit the cases run under stops a process that asks for more than 1 GiB."""
    done = subprocess.run(
        [sys.executable, "-c", "bytearray(2 << 30)"],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_bound_memory,
    )
    assert done.returncode != 0 and "MemoryError" in done.stderr, done.stderr


# What every broken case must show --------------------------------------------------------

PROBLEM = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): (?P<code>[EWR]\d{3}) "
    r"(?:error|warning): (?P<message>.+) \((?P<hint>.+)\)$"
)
SUMMARIES = (
    re.compile(r"^data: \d+ error\(s\), \d+ warning\(s\) in \d+ files, .*$"),
    re.compile(
        r"^stopped: \d+ problem\(s\) in the data; run 'crosswalk validate' for the full report$"
    ),
    re.compile(rf"^{re.escape(WORKBOOK)}: \d+ problem\(s\); nothing was changed$"),
)


def _line_count(path: Path) -> int:
    """The lines of a file, as an editor shows them (at least 1)."""
    count, last = 0, b""
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            count, last = count + chunk.count(b"\n"), chunk[-1:]
    return max(count + (1 if last not in {b"", b"\n"} else 0), 1)


def assert_refused(case: Case, outcome: Outcome, folder: Path, shown: str) -> None:
    """Exit 1; every line a located problem with a hint or a summary; the expected ones."""
    report = outcome.describe()
    assert outcome.code == 1, f"expected exit 1 (problems in the data)\n{report}"
    assert "Traceback" not in outcome.out + outcome.err, report
    assert outcome.out == "", f"nothing belongs on standard output\n{report}"
    longest = max((len(line) for line in outcome.err.splitlines()), default=0)
    assert longest <= LONGEST_LINE, f"a line of {longest} characters\n{report[:LONGEST_LINE]}"
    found: set[tuple[str, str, int]] = set()
    lines: dict[str, int] = {}
    for text in outcome.err.splitlines():
        if any(summary.match(text) for summary in SUMMARIES):
            continue
        problem = PROBLEM.match(text)
        assert problem, f"not a located problem with a hint in parentheses: {text!r}\n{report}"
        path, line = problem["path"], int(problem["line"])
        assert problem["hint"].strip(), f"no hint: {text!r}"
        assert (folder / path).is_file(), f"{path} does not name the file\n{report}"
        assert line >= 1 and int(problem["column"]) >= 1, text
        if not case.review:  # a review problem's line is a sheet row
            if path not in lines:
                lines[path] = _line_count(folder / path)
            assert line <= lines[path], f"line {line} is past the end of {path}\n{report}"
        found.add((problem["code"], path, line))
    missing = [(code, line) for code, line in case.expects if (code, shown, line) not in found]
    assert not missing, f"not reported at {shown}: {missing}\n{report}"


def assert_data_refused(case: Case, command: str, outcome: Outcome, cases: Cases) -> None:
    """Refused with located problems, the previous site as it was, no export, nothing else."""
    folder = cases.folder(case)
    assert_refused(case, outcome, folder, f"data/{case.target}")
    if command == "build":
        assert outcome.left == {"site": "<dir>"} | {
            f"site/{path}": digest for path, digest in cases.site_files.items()
        }, "the previous site changed, or something was left beside it"
    else:
        assert outcome.left == {}, f"{command} left files behind: {sorted(outcome.left)}"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("out-")) == ["data"]


DATA_PARAMS = [
    pytest.param(case, command, id=f"{case.name}:{command}")
    for case in DATA_CASES
    for command in COMMANDS
]


@pytest.mark.parametrize(("case", "command"), DATA_PARAMS)
def test_broken_data_is_refused_with_located_problems(
    cases: Cases, here, monkeypatch: pytest.MonkeyPatch, case: Case, command: str
) -> None:
    folder = cases.folder(case)
    monkeypatch.chdir(folder)
    args, out = cases.arguments(folder, command)
    outcome = here(*args)
    outcome.left = snapshot(out)
    assert_data_refused(case, command, outcome, cases)


@pytest.mark.parametrize("case", REVIEW_CASES, ids=[f"{c.name}:{REVIEW}" for c in REVIEW_CASES])
def test_broken_review_workbook_is_refused_by_row(
    cases: Cases, here, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    folder = cases.folder(case)
    monkeypatch.chdir(folder)
    before = snapshot(folder / "data")
    outcome = here(*REVIEW_COMMAND, "--data", "data")
    outcome.left = _data_changes(before, snapshot(folder / "data"))
    assert_refused(case, outcome, folder, WORKBOOK)
    assert outcome.left == {}, f"the data changed: {sorted(outcome.left)}"


SUBPROCESS_CASES = [c for c in DATA_CASES + REVIEW_CASES if c.name in IN_SUBPROCESS]
SUBPROCESS_PARAMS = [
    pytest.param(case, command, id=f"{case.name}:{command}")
    for case in SUBPROCESS_CASES
    for command in IN_SUBPROCESS[case.name]
]


def test_the_subprocess_cases_are_cases() -> None:
    assert sorted(IN_SUBPROCESS) == sorted(c.name for c in SUBPROCESS_CASES)


@pytest.mark.parametrize(("case", "command"), SUBPROCESS_PARAMS)
def test_the_console_script_refuses_within_the_limits(
    runner: Runner, case: Case, command: str
) -> None:
    """The same checks on the real `crosswalk` script, under 60 s and 1 GiB of address space."""
    outcome = runner.outcome(case, command, SUBPROCESS_CASES)
    if case.review:
        assert_refused(case, outcome, runner.cases.folder(case), WORKBOOK)
        assert outcome.left == {}, f"the data changed: {sorted(outcome.left)}"
    else:
        assert_data_refused(case, command, outcome, runner.cases)


def test_a_review_workbook_at_every_limit_imports_within_the_memory_bound(
    previous: Previous, tmp_path: Path
) -> None:
    """What the checks let through fits: the most XML, shared strings and the longest cell
    allowed, under the same 1 GiB address-space limit, read to the end with no problem."""
    shutil.copytree(PROJECT, tmp_path / "data")
    book = tmp_path / WORKBOOK
    shutil.copy2(previous.workbook, book)
    _cells({"w-1": {"comment": "x" * xlsxread.MAX_CELL}})(book)  # openpyxl first: it
    _with_parts(_shared_strings(xlsxread.MAX_STRINGS))(book)  # writes no shared strings
    inflated = sum(len(content) for content in _parts(book).values())
    _with_parts(_padded(xlsxread.MAX_XML_BYTES - inflated - 4096))(book)
    with zipfile.ZipFile(book) as archive:
        total = sum(info.file_size for info in archive.infolist())
    assert xlsxread.MAX_XML_BYTES - 2 * 4096 < total <= xlsxread.MAX_XML_BYTES
    assert b"x" * xlsxread.MAX_CELL in _parts(book)[SHEET_XML]
    outcome = crosswalk(tmp_path, *REVIEW_COMMAND, "--data", "data", cache=tmp_path / "shape-cache")
    assert outcome.code == 0, outcome.describe()
    assert "0 decision(s)" in outcome.out, outcome.describe()


# What the reader stopped on before: each located, in-process ---------------------------

READER_CASES = {
    "impossible-date": ("a: 1\ncreated: 2026-02-30\n", "E202", 2),
    "time-zone-25-hours": ("t: 2001-12-14t21:59:43.10-25:00\n", "E202", 1),
    "5000-digit-number": ("year: " + "9" * 5000 + "\n", "E202", 1),
    "escaped-bell": ('a: 1\ntitle: "bell \\a"\n', "E107", 2),
    "escaped-escape-in-key": ('"\\x1b[2J": key\n', "E107", 1),
    "bracket-never-closed": ("a: 1\nb: [1, 2\n\n\n", "E101", 2),
    "bracket-at-end-of-file": ("a: [", "E101", 1),
    "tag-bool-on-a-word": ("a: 1\nin_wales: !!bool x\n", "E202", 2),
    "tag-int-on-a-word": ("year: !!int x\n", "E202", 1),
}


@pytest.mark.parametrize(("text", "code", "line"), READER_CASES.values(), ids=READER_CASES)
def test_reader_locates_values_that_only_look_like_dates_numbers_or_text(
    text: str, code: str, line: int
) -> None:
    located, problems = yamlread.parse(text, "f.yaml")
    assert located is None
    assert [(p.code, p.location.line) for p in problems] == [(code, line)]
    assert problems[0].hint and len(problems[0].render()) < 300, problems[0].render()


def test_a_problem_in_a_list_item_names_the_list(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(PROJECT, data)
    (data / "links" / "extra.yaml").write_bytes((HOSTILE / "unknown-enum.yaml").read_bytes())
    messages = [p.message for p in pipeline.check(data, "data").problems if p.code == "E203"]
    assert "'gossip' is not allowed for 'kinds'" in messages, messages


# Markup and script payloads are legal text -----------------------------------------------

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(2)</script>",
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} ${7*7}",
    "javascript:alert(3)",
    "<!-- --> ]]> &amp; &lt;b&gt; &#x3C;",
    "[click](javascript:alert(4)) <svg onload=alert(5)>",
    "' OR '1'='1'; DROP TABLE links; --",
    "\u202eevil\u202c \u200b zero width",
    '\\u003c/script\\u003e "quoted" `backticks` | pipes | \\ back',
]
TEXT_FIELDS = {
    # every free-text field of the format (ids, references, addresses, dates and controlled
    # values are checked by form, so a payload there is refused, not carried)
    *("title", "short_title", "publisher", "version", "description", "notes", "text"),
    *("summary", "notation", "definition", "developer", "settings_notes", "wales_notes"),
    *("rationale", "item", "locator", "author", "reviewer", "comment", "rating_scale"),
}


def _with_payloads(value: Any, counter: list[int], key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _with_payloads(v, counter, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_payloads(v, counter, key) for v in value]
    if isinstance(value, str) and key in TEXT_FIELDS:
        counter[0] += 1
        return f"{PAYLOADS[counter[0] % len(PAYLOADS)]} {value}"
    return value


def test_markup_and_script_payloads_in_every_text_field_are_valid(here, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(PROJECT, data)
    counter = [0]
    for path in sorted(data.rglob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(
            yaml.safe_dump(_with_payloads(loaded, counter), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    assert counter[0] > 40, "payloads in every text field of the fixture"
    for args in (["validate"], ["validate", "--strict"]):
        outcome = here(*args, "--data", str(data))
        assert outcome.code == 0, outcome.describe()
        assert "Traceback" not in outcome.out + outcome.err and "valid" in outcome.out
    corpus = pipeline.check(data, "data").corpus
    titles = [m.title for m in corpus.models.values()]
    assert any(title.startswith(tuple(PAYLOADS)) for title in titles), titles


# Fuzzing the loader ----------------------------------------------------------------------

FIXTURE_FILES = sorted(p.relative_to(PROJECT).as_posix() for p in PROJECT.rglob("*.yaml"))
FIELD_NAMES = sorted(
    {name for model in Record.__subclasses__() for name in model.model_fields} | set(FILE_KINDS)
)
WORDS = [
    "warm",
    "warm:welcome",
    "bright:rota",
    "hub:kindness",
    "reg:Q1",
    "reg:Q1.2",
    "other:T1",
    "doc-a",
    "w-1",
    "embodies",
    "supplies_evidence_for",
    "strong",
    "proposed",
    "endorsed",
    "processes",
    "official",
    "theme",
    "2026-01-01",
    "https://example.org/",
    "javascript:alert(1)",
    "../../etc",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.text(max_size=30),
    st.sampled_from(WORDS),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)
    ),
    max_leaves=40,
)
DUMP_STYLES = st.fixed_dictionaries(
    {
        "allow_unicode": st.booleans(),
        "default_flow_style": st.sampled_from([False, True, None]),
        "sort_keys": st.booleans(),
    }
)
INTERESTING_BYTES = [
    b":",
    b"-",
    b" ",
    b"\t",
    b"\n",
    b"'",
    b'"',
    b"[",
    b"{",
    b"&a ",
    b"*a",
    b"!!",
    b"#",
    b"<<: ",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\x1b",
    b"\xe2\x80\xa8",
    b"---\n",
]


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _nodes(child, (*path, index))


@st.composite
def yaml_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A random YAML document, often under the top-level key of a kind of file."""
    tree = draw(TREES)
    if draw(st.booleans()):
        tree = draw(st.dictionaries(st.sampled_from(FIELD_NAMES), TREES, min_size=1, max_size=3))
    text = yaml.safe_dump(tree, **draw(DUMP_STYLES))
    return "fuzz.yaml", text.encode("utf-8")


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture file with one value replaced, deleted or added somewhere in it."""
    name = draw(st.sampled_from(FIXTURE_FILES))
    data = yaml.safe_load((PROJECT / name).read_text(encoding="utf-8"))
    path = draw(st.sampled_from(list(_nodes(data))[1:]))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        parent[path[-1]] = draw(TREES)
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent, list):
        parent.insert(path[-1], draw(TREES))
    else:
        parent[draw(KEYS)] = draw(TREES)
    return name, yaml.safe_dump(data, **draw(DUMP_STYLES)).encode("utf-8")


@st.composite
def byte_edits(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture file with a few bytes overwritten, inserted or deleted."""
    name = draw(st.sampled_from(FIXTURE_FILES))
    raw = bytearray((PROJECT / name).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw)))
        chunk = draw(
            st.one_of(st.sampled_from(INTERESTING_BYTES), st.binary(min_size=1, max_size=4))
        )
        action = draw(st.sampled_from(["overwrite", "insert", "delete"]))
        if action == "overwrite":
            raw[at : at + len(chunk)] = chunk
        elif action == "insert":
            raw[at:at] = chunk
        else:
            del raw[at : at + draw(st.integers(1, 20))]
    return name, bytes(raw)


# Characters YAML gives meaning to, digits and the letters of dates, times and numbers
YAMLISH = st.text(alphabet="0123456789-:.+_ eExobTtZz\n\t[]{},#&*!|>'\"%@`?~<=a", max_size=80)


def text_files() -> st.SearchStrategy[tuple[str, bytes]]:
    """Any text, and text made of the characters YAML treats specially."""
    return st.one_of(st.text(), YAMLISH, YAMLISH.map(lambda t: "created: " + t)).map(
        lambda t: ("fuzz.yaml", t.encode("utf-8", "surrogatepass"))
    )


def check_one_file(tmp: pytest.TempPathFactory, target: str, content: bytes) -> None:
    """Write one file into a copy of the fixture: every problem located, or none; no raise.
    (A folder of the session's temporary folder for each example: hypothesis runs many in
    one test, which has one tmp_path.)"""
    folder = tmp.mktemp("fuzz")
    try:
        data = folder / "data"
        shutil.copytree(PROJECT, data)
        (data / target).write_bytes(content)
        checked = pipeline.check(data, "data")
        for problem in checked.problems:
            where = problem.location
            assert where.path in checked.corpus.files, problem.render()
            lines = (data.parent / where.path).read_bytes().decode("utf-8", "replace")
            assert 1 <= where.line <= max(len(lines.splitlines()), 1), problem.render()
            assert where.column >= 1 and problem.hint, problem.render()
    finally:
        shutil.rmtree(folder)


FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(text_files())
def test_fuzz_random_text(
    tmp_path_factory: pytest.TempPathFactory, file: tuple[str, bytes]
) -> None:
    check_one_file(tmp_path_factory, *file)


@FUZZ
@given(yaml_documents())
def test_fuzz_random_yaml_documents(
    tmp_path_factory: pytest.TempPathFactory, file: tuple[str, bytes]
) -> None:
    check_one_file(tmp_path_factory, *file)


@FUZZ
@given(mutated_files())
def test_fuzz_mutated_fixture_files(
    tmp_path_factory: pytest.TempPathFactory, file: tuple[str, bytes]
) -> None:
    check_one_file(tmp_path_factory, *file)


@FUZZ
@given(byte_edits())
def test_fuzz_byte_edits(tmp_path_factory: pytest.TempPathFactory, file: tuple[str, bytes]) -> None:
    check_one_file(tmp_path_factory, *file)
