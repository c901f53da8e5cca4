"""How the cost of each stage grows with the data: k = 1, 10 and 100 times the bundled corpus.

    .venv/bin/python benchmarks/scale.py [--k 1 10 100] [--runs N] [--skip-shacl-above K]
                                         [--keep DIR]

For each k it writes a synthetic corpus (benchmarks/generate.py), then times each stage in
this process, one after the other:

  load      read and type-check the YAML
  validate  the cross-record rules, then SHACL over the rdflib graph (pyshacl)
  graph     the triples, the rdflib Graph (for SPARQL and SHACL) and the analysis index
  analysis  coverage of every model against each framework it reaches, and of each framework
            by all models (what the site shows)
  render    every page's view-model and template, in one process, nothing written
  search    Pagefind over the search documents of a full build
  exports   Turtle, JSON-LD, N-Triples, SSSOM, CSV tables and the XLSX workbook

It prints each stage's wall time and its peak memory: the proportional set size of this
process and of the workers and tools it starts, sampled every 50 ms (measure.Peak); the
loaded corpus counts in every stage after load.

Then it runs the whole `crosswalk build` (search included) as a fresh process: its wall time,
the largest single process's peak memory and the peak proportional set size of the whole
process tree (the build forks one worker per CPU; see measure.py).

Two floors, the same work with bare libraries:

  floor  (the old one) parsing the same YAML with PyYAML's C loader and rendering as many
         twenty-line pages with a bare Jinja2 loop, in this process, writing nothing;
  fair   benchmarks/floor.py as a fresh process: parsing the same YAML with the C loader,
         then one file per file the build writes (the files of its site, and the files it
         writes and removes before it ends), at the same paths and of the same sizes, each a
         minimal Jinja2 template padded to its size, written to disk by as many processes
         as the build uses.

The build and the fair floor are run in turn (build, floor, build, floor, ...; --runs pairs,
each into a new folder after the disk is flushed) and their medians compared. --keep DIR
keeps the corpora, the file lists (files-K.tsv) and the outputs, to time either command again
by hand with `/usr/bin/time -v` (docs/performance.md shows how).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure
from floor import list_site
from generate import generate

from crosswalk import collector, loader, opendata, pipeline, rdf, resources, rules, shacl, workers
from crosswalk.analysis.coverage import Index
from crosswalk.export import rdfformats, sssom, workbook
from crosswalk.site import build as site_build
from crosswalk.site import pages
from crosswalk.site.views import Views

FLOOR_TEMPLATE = Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang=en><title>{{ t }}</title><main><h1>{{ t }}</h1>"
    "{% for r in rows %}<p>{{ r }}</p>{% endfor %}</main></html>"
)
FAIR_FLOOR = Path(__file__).resolve().parent / "floor.py"
FAIR_TARGET = 1.1  # the build at most this many times the fair floor at k = 100
STAGES = ["load", "validate", "graph", "analysis", "render", "search", "exports"]


PEAKS: dict[str, float] = {}  # stage -> peak MiB of this process and its workers


def timed(fn: Callable[[], Any], stage: str | None = None) -> tuple[float, Any]:
    with measure.Peak() as peak:
        started = time.perf_counter()
        value = fn()
        elapsed = time.perf_counter() - started
    if stage is not None:
        PEAKS[stage] = max(PEAKS.get(stage, 0.0), peak.mib)
    return elapsed, value


def floor(root: Path, pages_count: int) -> float:
    started = time.perf_counter()
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in loader.discover(root):
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader_cls)
    for i in range(pages_count):
        FLOOR_TEMPLATE.render(t=f"page {i}", rows=range(20))
    return time.perf_counter() - started


def measure_stages(root: Path, work: Path, run_shacl: bool) -> dict[str, Any]:
    row: dict[str, Any] = {}
    PEAKS.clear()
    with collector.paused():
        row["load"], (corpus, problems) = timed(lambda: loader.load(root, root.name), "load")
        rules_time, more = timed(lambda: rules.check(corpus), "validate")
        assert not [p for p in problems + more if p.severity == "error"], (problems + more)[:5]
        triples_time, made = timed(lambda: rdf.triples(corpus), "graph")
        graph_time, graph = timed(made.graph, "graph")
        assert graph is not None
    index_time, index = timed(lambda: Index(corpus), "graph")
    row["graph"] = triples_time + graph_time + index_time
    row["shacl"] = None
    if run_shacl:
        row["shacl"] = timed(lambda: shacl.check(graph, corpus), "validate")[0]
    row["validate"] = rules_time + (row["shacl"] or 0.0)
    graph = None  # the site and exports work from the triples; let the Graph go

    def analysis() -> None:
        for mid in corpus.models:
            for fid in index.frameworks_reached(mid):
                index.coverage(fid, [mid])
        for fid in corpus.frameworks:
            index.coverage(fid, corpus.models)

    row["analysis"] = timed(analysis, "analysis")[0]
    env = site_build.environment()

    def render() -> int:
        makers = pages.plan(Views(corpus, index))
        for make in makers:
            site_build.render(env, make())
        return len(makers)

    row["render"], row["pages"] = timed(render, "render")
    jobs = len(site_build.download_jobs(corpus, index, pipeline.Checked(corpus))) + row["pages"]
    row["workers"] = workers.count(None, jobs, site_build.SMALL_SITE)  # as the build decides

    searched: dict[str, float] = {}
    before_search: list[tuple[str, int]] = []  # the site as Pagefind finds it
    real_pagefind = site_build._pagefind

    def pagefind(root: Path) -> None:
        before_search.extend(list_site(root))
        searched["search"] = timed(lambda: real_pagefind(root), "search")[0]

    site_build._pagefind = pagefind
    try:
        site_build.build(pipeline.Checked(corpus), work / "site")
    finally:
        site_build._pagefind = real_pagefind
    row["search"] = searched["search"]
    # What the build writes and removes before it ends (site path -> bytes): the fair floor
    # writes these too.
    kept = {path for path, _ in list_site(work / "site")}
    row["removed"] = {path: size for path, size in before_search if path not in kept}

    def exports() -> None:
        for fmt in rdfformats.FORMATS.values():
            fmt(made)
        sssom.all_sets(corpus)
        workbook.from_tables(opendata.every(corpus, index))

    row["exports"] = timed(exports, "exports")[0]
    row["records"] = len(corpus.criteria) + len(corpus.elements) + len(corpus.links)
    row["peaks"] = dict(PEAKS)
    return row


def in_turn(
    commands: dict[str, list[str]], outs: dict[str, Path], runs: int, removed: dict[str, int]
) -> tuple[dict[str, list[measure.Measured]], dict[str, int]]:
    """Run the build and the fair floor in turn, `runs` times each, each into a new folder
    after the disk is flushed. Before the floor's first run, write its list of files (the
    floor command's second argument): the first build's site and what the build removed."""
    measured: dict[str, list[measure.Measured]] = {"build": [], "fair": []}
    listing = Path(commands["fair"][3])
    written: dict[str, int] = {}
    for _ in range(runs):  # in turn, so a slow spell of the machine falls on both
        for name in ("build", "fair"):
            shutil.rmtree(outs[name], ignore_errors=True)
            os.sync()
            measured[name].append(measure.run(commands[name]))
            if not written:
                written = {**removed, **dict(list_site(outs[name]))}
                listing.write_text("".join(f"{p}\t{n}\n" for p, n in sorted(written.items())))
    found = dict(list_site(outs["fair"]))
    wrong = sorted(set(found) ^ set(written)) or [p for p in found if found[p] != written[p]]
    if wrong:
        raise SystemExit(f"the fair floor did not write the files of the list: {wrong[:5]}")
    return measured, written


def measure_k(k: int, work: Path, run_shacl: bool, runs: int) -> dict[str, Any]:
    root = generate(resources.BUNDLED_DATA, k, work / f"k{k}")
    os.sync()  # each measurement starts with what was written before it on the disk
    row = {"k": k, **measure_stages(root, work / f"stages-{k}", run_shacl)}
    gc.collect()
    listing = work / f"files-{k}.tsv"
    exe = str(Path(sys.executable).parent / "crosswalk")
    outs = {"build": work / f"built-{k}", "fair": work / f"fair-{k}"}
    commands = {
        "build": [exe, "build", "--data", str(root), "--out", str(outs["build"])],
        "fair": [
            sys.executable,
            str(FAIR_FLOOR),
            str(root),
            str(listing),
            str(outs["fair"]),
            "--workers",
            str(row["workers"]),
        ],
    }
    measured, written = in_turn(commands, outs, runs, row.pop("removed"))
    row["files"] = len(written)
    row["build"] = statistics.median(m.wall for m in measured["build"])
    row["largest_mib"] = max(m.largest_mib for m in measured["build"])
    row["tree_mib"] = max(m.tree_mib for m in measured["build"])
    row["fair"] = statistics.median(m.wall for m in measured["fair"])
    row["fair_mib"] = max(m.tree_mib for m in measured["fair"])
    row["floor"] = floor(root, row["pages"])
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of the build and of the fair floor, in turn"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="work in DIR (a new folder) and keep it"
    )
    parser.add_argument(
        "--skip-shacl-above",
        type=int,
        default=1000,
        help="leave SHACL out of the validate stage for k above this",
    )
    args = parser.parse_args()
    if args.keep and args.keep.exists():
        parser.error(f"{args.keep} exists: --keep makes a new folder")
    rows = []
    with tempfile.TemporaryDirectory(prefix="crosswalk-scale-") as folder:
        work = Path(folder)
        if args.keep:
            args.keep.mkdir(parents=True)
            work = args.keep
        for k in sorted(args.k):
            rows.append(measure_k(k, work, k <= args.skip_shacl_above, max(1, args.runs)))
            print(f"k={k} done", file=sys.stderr, flush=True)
    print("seconds per stage, in one process; build is the whole `crosswalk build` (fresh process)")
    header = f"{'k':>4} {'records':>8} {'pages':>6} " + " ".join(f"{s:>8}" for s in STAGES)
    print(header + f" {'build':>7} {'MiB':>5} {'treeMiB':>7} {'floor':>6} {'build/floor':>11}")
    for r in rows:
        cells = " ".join(f"{r[s]:8.2f}" for s in STAGES)
        print(
            f"{r['k']:>4} {r['records']:>8} {r['pages']:>6} {cells} {r['build']:7.2f} "
            f"{r['largest_mib']:5.0f} {r['tree_mib']:7.0f} {r['floor']:6.2f} "
            f"{r['build'] / r['floor']:11.1f}"
        )
    print()
    runs = max(1, args.runs)
    print(
        f"the build against the fair floor (benchmarks/floor.py), whole processes run in turn, "
        f"median of {runs} each"
    )
    print(
        f"{'k':>4} {'files':>7} {'processes':>9} {'build s':>8} {'fair s':>7} {'fair MiB':>8} "
        f"{'build/fair':>10}"
    )
    for r in rows:
        print(
            f"{r['k']:>4} {r['files']:>7} {r['workers']:>9} {r['build']:8.2f} {r['fair']:7.2f} "
            f"{r['fair_mib']:8.0f} {r['build'] / r['fair']:10.2f}"
        )
    print()
    print("peak memory per stage, MiB (this process and any workers or tools it starts)")
    print(f"{'k':>4} " + " ".join(f"{s:>8}" for s in STAGES))
    for r in rows:
        print(f"{r['k']:>4} " + " ".join(f"{r['peaks'][s]:8.0f}" for s in STAGES))
    print()
    shacl_rows = [r for r in rows if r["shacl"] is not None]
    if shacl_rows:
        print("of which SHACL: " + ", ".join(f"k={r['k']} {r['shacl']:.2f} s" for r in shacl_rows))
    by_k = {r["k"]: r for r in rows}
    if 10 in by_k and 100 in by_k:
        print(
            f"build time k=100 / k=10: {by_k[100]['build'] / by_k[10]['build']:.1f} "
            "(target: at most 12)"
        )
    if 100 in by_k:
        ratio = by_k[100]["build"] / by_k[100]["fair"]
        verdict = "met" if ratio <= FAIR_TARGET else "not met"
        print(f"build / fair floor at k=100: {ratio:.2f} (target at most {FAIR_TARGET}: {verdict})")
    last = rows[-1]
    slowest = max(STAGES, key=lambda s: last[s])
    print(f"slowest stage at k={last['k']}: {slowest} ({last[slowest]:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
