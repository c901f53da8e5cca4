"""The fair floor of a build: the same reading and writing with bare libraries, nothing else.

    .venv/bin/python benchmarks/floor.py DATA FILES OUT [--workers N]
    .venv/bin/python benchmarks/floor.py --list SITE > FILES

It parses every YAML file under DATA with PyYAML's C loader, then writes one file per line of
FILES (a site path and a size in bytes, tab-separated) under OUT: a minimal Jinja2 template
rendered with the path, padded with spaces to that size, so the floor writes the same number
of files, of the same sizes, at the same paths as the build. Like the build, it forks workers
after reading (N processes in all, the parent one of them), each writing a share of the
files. It checks no data, makes no graph and runs no search indexer: a build can only come
near it, never below.

`--list SITE` prints the FILES list of a built site (every file under it, sorted). Time the
floor as a whole process, like the build:

    /usr/bin/time -v .venv/bin/python benchmarks/floor.py DATA FILES OUT --workers 2
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

import yaml
from jinja2 import Environment

TEMPLATE = Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang=en><title>{{ t }}</title><main><h1>{{ t }}</h1></main></html>\n"
)
PAD = " " * (1 << 20)  # written a slice at a time, as the build writes its large files


def read(data: Path) -> int:
    """Parse every YAML file under `data`; the number of documents read."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(p for p in data.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return len(files)


def write_one(out: Path, path: str, size: int, folders: set[Path]) -> None:
    text = TEMPLATE.render(t=path)[:size]
    target = out / path
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    left = size - len(text.encode("utf-8"))
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        while left > 0:
            handle.write(PAD[: min(left, len(PAD))])
            left -= len(PAD)


def write_share(out: Path, files: list[tuple[str, int]], worker: int, workers: int) -> None:
    folders: set[Path] = set()
    for path, size in files[worker::workers]:
        write_one(out, path, size, folders)


def read_list(listing: Path) -> list[tuple[str, int]]:
    files = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        path, size = line.split("\t")
        files.append((path, int(size)))
    # Largest first, dealt out in turn: no worker is left with the large downloads alone.
    files.sort(key=lambda item: -item[1])
    return files


def list_site(site: Path) -> list[tuple[str, int]]:
    return sorted(
        (p.relative_to(site).as_posix(), p.stat().st_size) for p in site.rglob("*") if p.is_file()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?")
    parser.add_argument("files", type=Path, nargs="?")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--workers", type=int, default=1, help="processes in all (default 1)")
    parser.add_argument("--list", type=Path, metavar="SITE", help="print the FILES of a site")
    args = parser.parse_args()
    if args.list:
        sys.stdout.writelines(f"{path}\t{size}\n" for path, size in list_site(args.list))
        return 0
    if args.out is None:
        parser.error("DATA, FILES and OUT are needed")
    if args.out.exists():
        parser.error(f"{args.out} exists: the floor writes into a new folder, like the build")
    documents = read(args.data)
    files = read_list(args.files)
    workers = max(1, args.workers)
    ctx = multiprocessing.get_context("fork")
    children = [
        ctx.Process(target=write_share, args=(args.out, files, n, workers))
        for n in range(1, workers)
    ]
    for child in children:
        child.start()
    write_share(args.out, files, 0, workers)
    for child in children:
        child.join()
        if child.exitcode != 0:
            print(f"a floor worker failed (exit code {child.exitcode})", file=sys.stderr)
            return 1
    print(f"read {documents} YAML files, wrote {len(files)} files with {workers} processes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
