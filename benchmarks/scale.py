"""How the cost of each stage grows with the data: k = 1, 10 and 100 times the bundled corpus.

    .venv/bin/python benchmarks/scale.py [--k 1 10 100] [--skip-shacl-above K]

For each k it generates a synthetic corpus (benchmarks/generate.py), then times each stage in
this process: load (read and type-check YAML), validate (cross-record rules, then SHACL),
graph (rdflib), analysis (coverage of every single model against every framework), site
render (view-models and templates, no writing), search index (Pagefind over the written
site), exports (Turtle, JSON-LD, N-Triples, SSSOM, CSV). Then it runs the whole
`crosswalk build` as a fresh process for its wall time and peak memory. The floor is what
the same work costs with bare libraries: parsing the same YAML with PyYAML's C loader and
rendering the same number of pages with a bare Jinja2 loop. Ratios are from one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from crosswalk import loader, pipeline, rdf, rules, shacl
from crosswalk.analysis.coverage import Index
from crosswalk.export import rdfformats, sssom, tables
from crosswalk.site import build as site_build
from crosswalk.site import pages
from crosswalk.site.views import Views

FLOOR_TEMPLATE = Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang=en><title>{{ t }}</title><main><h1>{{ t }}</h1>"
    "{% for r in rows %}<p>{{ r }}</p>{% endfor %}</main></html>"
)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def floor(root: Path, pages_count: int) -> float:
    started = time.perf_counter()
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in loader.discover(root):
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader_cls)
    for i in range(pages_count):
        FLOOR_TEMPLATE.render(t=f"page {i}", rows=range(20))
    return time.perf_counter() - started


def whole_build(root: Path, out: Path) -> tuple[float, float]:
    exe = str(Path(sys.executable).parent / "crosswalk")
    started = time.perf_counter()
    child = subprocess.Popen(
        [exe, "build", "--data", str(root), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        err = child.stderr.read().decode() if child.stderr else ""
        raise SystemExit(f"crosswalk build failed on {root}:\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(k: int, work: Path, run_shacl: bool) -> dict[str, Any]:
    root = generate(pipeline.DEFAULT_DATA, k, work / f"k{k}")
    row: dict[str, Any] = {"k": k}
    row["load"], (corpus, problems) = timed(lambda: loader.load(root, f"k{k}"))
    row["rules"], more = timed(lambda: rules.check(corpus))
    assert not [p for p in problems + more if p.severity == "error"], (problems + more)[:5]
    row["triples"], made = timed(lambda: rdf.triples(corpus))
    row["graph"], graph = timed(made.graph)
    row["shacl"] = timed(lambda: shacl.check(graph, corpus))[0] if run_shacl else None
    index = Index(corpus)

    def analysis() -> None:
        for fid in corpus.frameworks:
            for mid in corpus.models:
                index.coverage(fid, [mid])

    row["analysis"] = timed(analysis)[0]
    env = site_build.environment()

    def render() -> int:
        site_pages = pages.all_pages(Views(corpus, index))
        for page in site_pages:
            site_build.render(env, page)
        return len(site_pages)

    row["render"], row["pages"] = timed(render)
    checked = pipeline.Checked(corpus, made, [])
    out = work / f"site-{k}"
    site_build.build(checked, out, search=False)
    pagefind = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(out),
        "--output-subdir",
        "search/pagefind",
        "--quiet",
    ]
    row["search"] = timed(lambda: subprocess.run(pagefind, check=True, capture_output=True))[0]

    def exports() -> None:
        for fmt in rdfformats.FORMATS.values():
            fmt(made)
        sssom.all_sets(corpus)
        for table in tables.TABLES.values():
            table(corpus)

    row["exports"] = timed(exports)[0]
    shutil.rmtree(out)
    row["build"], row["build_mib"] = whole_build(root, work / f"built-{k}")
    row["floor"] = floor(root, row["pages"])
    row["records"] = len(corpus.criteria) + len(corpus.elements) + len(corpus.links)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument(
        "--skip-shacl-above",
        type=int,
        default=1000,
        help="skip the SHACL stage for k above this (it is reported as -)",
    )
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="crosswalk-scale-") as folder:
        for k in args.k:
            rows.append(measure(k, Path(folder), k <= args.skip_shacl_above))
            print(f"k={k} done", file=sys.stderr)
    stages = [
        "load",
        "rules",
        "triples",
        "graph",
        "shacl",
        "analysis",
        "render",
        "search",
        "exports",
        "build",
    ]
    print("seconds per stage; build is the whole `crosswalk build` in a fresh process")
    print(
        f"{'k':>4} {'records':>8} {'pages':>6} "
        + " ".join(f"{s:>8}" for s in stages)
        + f" {'MiB':>6} {'floor':>7} {'build/floor':>11}"
    )
    for r in rows:
        cells = " ".join(f"{r[s]:8.2f}" if r[s] is not None else f"{'-':>8}" for s in stages)
        print(
            f"{r['k']:>4} {r['records']:>8} {r['pages']:>6} {cells} {r['build_mib']:6.0f} "
            f"{r['floor']:7.2f} {r['build'] / r['floor']:11.1f}"
        )
    by_k = {r["k"]: r for r in rows}
    if 10 in by_k and 100 in by_k:
        print(
            f"build time k=100 / k=10: {by_k[100]['build'] / by_k[10]['build']:.1f} "
            "(target: at most 12)"
        )
    slowest = max(stages[:-1], key=lambda s: rows[-1][s] or 0)
    print(f"slowest stage at k={rows[-1]['k']}: {slowest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
