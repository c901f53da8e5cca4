"""crosswalk: links positive-culture models in social care, through common principles, to
regulators' inspection criteria; answers coverage and gap questions; publishes a static site
and open data. The command is `crosswalk` (crosswalk.cli); docs/architecture.md maps the
modules and where the files they read live (crosswalk.resources)."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """`crosswalk.__version__`, the installed distribution's version, looked up on first use
    (finding it reads the installed packages' metadata, which every command would pay for)."""
    if name != "__version__":
        raise AttributeError(f"module 'crosswalk' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("crosswalk")
    except PackageNotFoundError:  # a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
