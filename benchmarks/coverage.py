"""Time to compute coverage for every combination of the bundled models against every framework.

    .venv/bin/python benchmarks/coverage.py [--data DIR] [--repeat N]

Loads and indexes the data once (that time is printed apart), then computes coverage for
each non-empty subset of models against each framework, and prints the total, the count of
computations and the mean per computation (best of N repeats).
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from crosswalk import pipeline, resources
from crosswalk.analysis.coverage import Index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=resources.BUNDLED_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    corpus = pipeline.load_clean(args.data).corpus
    loaded = time.perf_counter()
    index = Index(corpus)
    indexed = time.perf_counter()

    models = sorted(corpus.models)
    subsets = [c for n in range(1, len(models) + 1) for c in itertools.combinations(models, n)]
    frameworks = sorted(corpus.frameworks)
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for framework in frameworks:
            for subset in subsets:
                index.coverage(framework, subset)
        best = min(best, time.perf_counter() - t0)
    runs = len(subsets) * len(frameworks)
    print(
        f"data: {len(models)} models, {len(frameworks)} frameworks, "
        f"{len(corpus.criteria)} criteria, {len(corpus.links)} links"
    )
    print(f"load and check:           {loaded - started:8.3f} s")
    print(f"build index (networkx):   {indexed - loaded:8.3f} s")
    print(
        f"coverage, all {len(subsets)} model combinations x {len(frameworks)} frameworks "
        f"= {runs} computations: {best:.3f} s (best of {args.repeat}), "
        f"{1000 * best / runs:.2f} ms each"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
