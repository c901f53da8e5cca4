"""crosswalk against its peers on the same work, as ratios from one run.

    .venv/bin/python benchmarks/peers.py [--k 1 10] [--runs N] [--peers mkdocs sssom]
                                         [--mkdocs PATH] [--keep DIR]

For each k it writes a corpus k times the bundled one (benchmarks/generate.py), then times
whole processes, in turn (A B A B ...: a slow spell of the machine falls on both), and
compares medians per unit of work:

  mkdocs  `crosswalk build` against `mkdocs build` of a generated project with as many
          Markdown pages as the build made (each a heading, a paragraph, a ten-row table and
          two links to other pages; the navigation lists five pages, so no page grows with
          the site and mkdocs stays linear: compare its time per page at two values of k).
          Per page.
  sssom   sssom-py reading and validating the SSSOM export of the same data
          (benchmarks/sssom_peer.py over `crosswalk export --format sssom`) against
          `crosswalk validate --strict`, with and without the SHACL shapes, which reads and
          checks the same mappings and the frameworks and models they join. Per mapping.

Every figure is printed with the command that was timed. mkdocs comes with the bench extra
(`make bench` installs it); --mkdocs points at another installation.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure
from generate import generate

from crosswalk import resources

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
NAV_PAGES = 5
TABLE_ROWS = 10


@dataclass
class Timed:
    """One command's runs: what it is, the command, and what one unit of its work is."""

    label: str
    command: list[str]
    units: int = 0
    unit: str = ""
    before: Callable[[], None] | None = None  # run before each timing (not timed)
    runs: list[measure.Measured] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def per_unit_ms(self) -> float:
        return 1000 * self.median / self.units


def in_turn(timed: list[Timed], runs: int) -> None:
    """Run each command `runs` times, one after the other in turn."""
    for _ in range(runs):
        for t in timed:
            if t.before:
                t.before()
            t.runs.append(measure.run(t.command))


def mkdocs_project(folder: Path, pages: int) -> Path:
    """A mkdocs project of `pages` Markdown pages (index.md one of them); its config file."""
    docs = folder / "docs"
    names = ["index.md"] + [f"p{i // 1000:03d}/{i:06d}.md" for i in range(1, pages)]
    for i, name in enumerate(names):
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        up = "../" * name.count("/")
        rows = "".join(
            f"| criterion {i}.{r} | partly covered | strong | seed-{r:03d} |\n"
            for r in range(TABLE_ROWS)
        )
        target.write_text(
            f"# Page {i}\n\n"
            f"This page stands for one page of the site: a record of the data, what it says "
            f"and how it links to the records of the other frameworks, number {i} of {pages}.\n\n"
            "| criterion | coverage | strength | source |\n| --- | --- | --- | --- |\n"
            f"{rows}\n"
            f"See [the next page]({up}{names[(i + 1) % pages]}) "
            f"and [the home page]({up}index.md).\n",
            encoding="utf-8",
        )
    nav = "".join(f"  - {name}\n" for name in names[:NAV_PAGES])
    config = folder / "mkdocs.yml"
    # The built-in theme and search plugin, as a new project has them.
    config.write_text(f"site_name: peer\ndocs_dir: docs\nnav:\n{nav}", encoding="utf-8")
    return config


def fresh(folder: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def sssom_rows(folder: Path) -> int:
    """Mappings in the SSSOM/TSV files: rows after each file's header, without comments."""
    count = 0
    for path in folder.glob("*.sssom.tsv"):
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
        count += max(0, len(lines) - 1)
    return count


def peer_mkdocs(root: Path, work: Path, runs: int, mkdocs: str) -> list[Timed]:
    site, peer_site = work / "site", work / "mkdocs-site"
    build = Timed(
        "crosswalk build",
        [str(BIN / "crosswalk"), "build", "--data", str(root), "--out", str(site)],
        unit="page",
        before=fresh(site),
    )
    # The page count is the build's own: its first run tells it, then the runs go on in turn.
    in_turn([build], 1)
    found = re.search(r"built (\d+) pages", build.runs[0].out)
    if not found:
        raise SystemExit(f"no page count in the build's output: {build.runs[0].out[-400:]}")
    pages = build.units = int(found.group(1))
    config = mkdocs_project(work / "mkdocs", pages)
    peer = Timed(
        "mkdocs build",
        [mkdocs, "build", "--quiet", "--config-file", str(config), "--site-dir", str(peer_site)],
        units=pages,
        unit="page",
        before=fresh(peer_site),
    )
    in_turn([peer], 1)
    in_turn([build, peer], runs - 1)
    written = sum(1 for _ in peer_site.rglob("*.html"))
    if written < pages:
        raise SystemExit(f"mkdocs wrote {written} pages, not {pages}")
    return [build, peer]


def peer_sssom(root: Path, work: Path, runs: int) -> list[Timed]:
    exported = work / "sssom"
    crosswalk = str(BIN / "crosswalk")
    export = [crosswalk, "export", "--data", str(root), "--format", "sssom"]
    measure.run([*export, "--out", str(exported)])
    mappings = sssom_rows(exported)
    # --no-cache: every run checks the whole corpus, as sssom-py does (a warm cache would
    # read the last run's report back).
    validate = [crosswalk, "validate", "--strict", "--no-cache", "--data", str(root)]
    timed = [
        Timed(
            "sssom-py parse + validate",
            [sys.executable, str(HERE / "sssom_peer.py"), str(exported)],
        ),
        Timed("crosswalk validate --strict --no-cache", validate),
        Timed("crosswalk validate --strict --no-cache --no-shacl", [*validate, "--no-shacl"]),
    ]
    for t in timed:
        t.units, t.unit = mappings, "mapping"
    in_turn(timed, runs)
    return timed


def report(k: int, runs: int, timed: list[Timed]) -> None:
    print(f"k={k}: whole processes run in turn, median of {runs} each")
    print(f"  {'what':40} {'median s':>9} {'peak MiB':>9} {'per unit':>18}")
    for t in timed:
        peak = max(r.tree_mib for r in t.runs)
        per = f"{t.per_unit_ms:.2f} ms/{t.unit}"
        print(f"  {t.label:40} {t.median:9.2f} {peak:9.0f} {per:>18}")
        print(f"    timed: {' '.join(t.command)}  ({t.units} {t.unit}s)")
    by = {t.label: t for t in timed}
    if "mkdocs build" in by:
        ratio = by["mkdocs build"].median / by["crosswalk build"].median
        print(f"  mkdocs / crosswalk build, per page: {ratio:.2f}")
    if "sssom-py parse + validate" in by:
        peer = by["sssom-py parse + validate"].median
        shapes = peer / by["crosswalk validate --strict --no-cache"].median
        bare = peer / by["crosswalk validate --strict --no-cache --no-shacl"].median
        print(
            f"  sssom-py / crosswalk validate, per mapping: {shapes:.2f} with shapes, "
            f"{bare:.2f} without"
        )
    print(flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--runs", type=int, default=3, help="runs of each command, in turn")
    parser.add_argument(
        "--peers", nargs="+", choices=["mkdocs", "sssom"], default=["mkdocs", "sssom"]
    )
    parser.add_argument(
        "--mkdocs", default=str(BIN / "mkdocs"), help="the mkdocs program (default: the venv's)"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR (a new folder)")
    args = parser.parse_args()
    if "mkdocs" in args.peers and not Path(args.mkdocs).is_file():
        parser.error(f"{args.mkdocs} not found: run 'make bench' (it installs the bench extra)")
    if args.keep and args.keep.exists():
        parser.error(f"{args.keep} exists: --keep makes a new folder")
    runs = max(1, args.runs)
    per_page: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="crosswalk-peers-") as folder:
        work = Path(folder)
        if args.keep:
            args.keep.mkdir(parents=True)
            work = args.keep
        for k in sorted(args.k):
            root = generate(resources.BUNDLED_DATA, k, work / f"k{k}")
            timed: list[Timed] = []
            if "mkdocs" in args.peers:
                timed += peer_mkdocs(root, work / f"build-{k}", runs, args.mkdocs)
                per_page[k] = timed[-1].per_unit_ms
            if "sssom" in args.peers:
                timed += peer_sssom(root, work / f"validate-{k}", runs)
            report(k, runs, timed)
    if len(per_page) > 1:
        sizes = sorted(per_page)
        print(
            "mkdocs ms per page: "
            + ", ".join(f"k={k} {per_page[k]:.2f}" for k in sizes)
            + f" (k={sizes[-1]} / k={sizes[0]}: {per_page[sizes[-1]] / per_page[sizes[0]]:.2f}; "
            "above 1 would mean mkdocs grows faster than its pages)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
