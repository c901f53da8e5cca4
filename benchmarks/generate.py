"""Write a synthetic corpus k times the size of the bundled one, valid by construction.

    .venv/bin/python benchmarks/generate.py K OUT_DIR [--data DIR]

Every framework, model, the principle set and every link set of the bundled data is copied k
times under new ids (copy r prefixes each scheme and link id with `rR-`), so all records and
links scale by k and every reference still resolves inside its copy. Copies after the first
also link one element of each model to a principle of the previous copy, so the graph is one
connected whole rather than k islands. Sources are shared.
"""

from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from crosswalk import resources
from crosswalk.loader import discover

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True)


def _prefix(r: int, value: str) -> str:
    return f"r{r}-{value}"


def _ref(r: int, ref: str) -> str:
    scheme, local = ref.split(":", 1)
    return f"{_prefix(r, scheme)}:{local}"


def _copy(data: dict[str, Any], r: int) -> dict[str, Any]:
    if "framework" in data:
        data["framework"]["id"] = _prefix(r, data["framework"]["id"])
        # Each copy is a corpus of its own: its frameworks follow one another within it, as
        # the bundled ones do, not every copy's draft after every copy's framework in force.
        if data["framework"].get("series"):
            data["framework"]["series"] = _prefix(r, data["framework"]["series"])
        lifecycle = data["framework"].get("lifecycle") or {}
        if lifecycle.get("superseded_by"):  # its successor is copied beside it
            lifecycle["superseded_by"] = _prefix(r, lifecycle["superseded_by"])
    elif "model" in data:
        data["model"]["id"] = _prefix(r, data["model"]["id"])
    elif "principle_set" in data:
        data["principle_set"]["id"] = _prefix(r, data["principle_set"]["id"])
    elif "link_set" in data:
        data["link_set"]["id"] = _prefix(r, data["link_set"]["id"])
        for link in data["links"]:
            link["id"] = _prefix(r, link["id"])
            link["subject"] = _ref(r, link["subject"])
            link["object"] = _ref(r, link["object"])
    return data


def _bridges(originals: list[dict[str, Any]], r: int) -> dict[str, Any]:
    """One embodies link per model from copy r to a principle of copy r - 1."""
    principles = next(d for d in originals if "principle_set" in d)
    first = principles["principles"][0]["id"]
    target = f"{_prefix(r - 1, principles['principle_set']['id'])}:{first}"
    links = []
    for data in originals:
        if "model" in data and data["elements"]:
            element = f"{_prefix(r, data['model']['id'])}:{data['elements'][0]['id']}"
            links.append(
                {
                    "id": f"bridge-{r}-{data['model']['id']}",
                    "subject": element,
                    "relation": "embodies",
                    "object": target,
                    "strength": "weak",
                    "rationale": "Synthetic link joining two copies of the corpus.",
                    "sources": [{"source": "seed-000", "locator": "benchmark"}],
                    "status": "proposed",
                    "author": "benchmark",
                    "created": "2026-01-01",
                }
            )
    return {"link_set": {"id": f"bridges-{r}", "title": "Synthetic bridges"}, "links": links}


def generate(source: Path, k: int, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    originals = [
        (p.relative_to(source), yaml.load(p.read_text(encoding="utf-8"), Loader=_LOADER))
        for p in discover(source)
    ]
    for rel, data in originals:
        if "sources" in data:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_text(_dump(data), encoding="utf-8")
    for r in range(k):
        copies = [_copy(copy.deepcopy(data), r) for _, data in originals if "sources" not in data]
        folder = out / f"copy-{r:03d}"
        folder.mkdir()
        for i, data in enumerate(copies):
            (folder / f"{i:02d}.yaml").write_text(_dump(data), encoding="utf-8")
        if r:
            (folder / "bridges.yaml").write_text(
                _dump(_bridges([d for _, d in originals], r)),
                encoding="utf-8",
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("k", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=resources.BUNDLED_DATA)
    args = parser.parse_args()
    generate(args.data, args.k, args.out)
    print(f"wrote a corpus {args.k} times the size of {args.data} to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
