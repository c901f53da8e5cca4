"""How the cost of each stage grows with the data: k = 1, 10 and 100 times the bundled corpus.

    .venv/bin/python benchmarks/scale.py [--k 1 10 100] [--skip-shacl-above K]

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
process tree (the build forks one worker per CPU; see measure.py). The floor is the same work
with bare libraries: parsing the same YAML with PyYAML's C loader and rendering as many pages
with a bare Jinja2 loop. Ratios are from one run on one machine.
"""

from __future__ import annotations

import argparse
import gc
import os
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
from generate import generate

from crosswalk import collector, loader, pipeline, rdf, rules, shacl
from crosswalk.analysis.coverage import Index
from crosswalk.export import rdfformats, sssom, tables, workbook
from crosswalk.site import build as site_build
from crosswalk.site import pages
from crosswalk.site.views import Views

FLOOR_TEMPLATE = Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang=en><title>{{ t }}</title><main><h1>{{ t }}</h1>"
    "{% for r in rows %}<p>{{ r }}</p>{% endfor %}</main></html>"
)
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

    searched: dict[str, float] = {}
    real_pagefind = site_build._pagefind

    def pagefind(site: Path) -> None:
        searched["search"] = timed(lambda: real_pagefind(site), "search")[0]

    site_build._pagefind = pagefind
    try:
        site_build.build(pipeline.Checked(corpus), work / "site")
    finally:
        site_build._pagefind = real_pagefind
    row["search"] = searched["search"]

    def exports() -> None:
        for fmt in rdfformats.FORMATS.values():
            fmt(made)
        sssom.all_sets(corpus)
        workbook.from_tables({name: table(corpus) for name, table in tables.TABLES.items()})

    row["exports"] = timed(exports, "exports")[0]
    row["records"] = len(corpus.criteria) + len(corpus.elements) + len(corpus.links)
    row["peaks"] = dict(PEAKS)
    return row


def measure_k(k: int, work: Path, run_shacl: bool) -> dict[str, Any]:
    root = generate(pipeline.DEFAULT_DATA, k, work / f"k{k}")
    os.sync()  # each measurement starts with what was written before it on the disk
    row = {"k": k, **measure_stages(root, work / f"stages-{k}", run_shacl)}
    gc.collect()
    os.sync()
    exe = str(Path(sys.executable).parent / "crosswalk")
    built = measure.run([exe, "build", "--data", str(root), "--out", str(work / f"built-{k}")])
    row["build"], row["largest_mib"], row["tree_mib"] = (
        built.wall,
        built.largest_mib,
        built.tree_mib,
    )
    row["floor"] = floor(root, row["pages"])
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument(
        "--skip-shacl-above",
        type=int,
        default=1000,
        help="leave SHACL out of the validate stage for k above this",
    )
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="crosswalk-scale-") as folder:
        for k in sorted(args.k):
            rows.append(measure_k(k, Path(folder), k <= args.skip_shacl_above))
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
    last = rows[-1]
    slowest = max(STAGES, key=lambda s: last[s])
    print(f"slowest stage at k={last['k']}: {slowest} ({last[slowest]:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
