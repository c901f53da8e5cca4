"""Where crosswalk keeps what it remembers between runs: the last run's report, each file's
loaded records and each fragment's SHACL findings (docs/performance.md).

A module of its own, importing nothing of crosswalk's, so that reading the last report back
does not import the graph code that the shapes cache needs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path


def folder(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the cache is kept: never inside a data folder."""
    if environ.get("CROSSWALK_CACHE"):
        return Path(environ["CROSSWALK_CACHE"])
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "crosswalk"
    return Path.home() / ".cache" / "crosswalk"


def inside(cache: Path, data: Path) -> bool:
    """Whether a cache folder is a data folder or lies inside it, where its files would sit
    among the curators' own (`CROSSWALK_CACHE` pointed at the data, say)."""
    try:
        cache, data = cache.resolve(), data.resolve()
    except (OSError, RuntimeError):
        return False
    return cache == data or data in cache.parents


def write_whole(target: Path, data: bytes) -> bool:
    """Write a cache file whole: to a part file beside it, then renamed into place, with the
    mode the umask gives. False, leaving nothing behind, when it cannot be written: a cache
    that cannot be kept is no error."""
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(data)
        os.replace(part, target)
    except OSError:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        return False
    return True
