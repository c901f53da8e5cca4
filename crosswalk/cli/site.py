"""Commands for the website: build, serve."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from crosswalk import outputs
from crosswalk.cli.console import EXIT_OK
from crosswalk.cli.exports import load_release
from crosswalk.cli.options import (
    DATA_OPTIONS,
    OUT_FOLDER,
    STRICT,
    data_folder,
    option,
    positive,
    protected,
)
from crosswalk.cli.registry import Command

DEFAULT_SITE = Path("build") / "site"
SITE_OUT = OUT_FOLDER.but(
    default=DEFAULT_SITE, help=f"folder to write the site to (default: {DEFAULT_SITE})"
)


def cmd_build(args: argparse.Namespace) -> int:
    from crosswalk import pipeline
    from crosswalk.site import build

    root, label = data_folder(args)
    outputs.check_folder(args.out, protected(root), outputs.SITE)  # before any work
    started = time.perf_counter()
    checked = pipeline.load_clean(root, label, args.base_iri, strict=args.strict)
    with tempfile.TemporaryDirectory() as scratch:
        previous = None
        if args.previous:
            old, old_label = load_release(args.previous, Path(scratch))
            previous = (old.corpus, old_label)
        built = build.build(
            checked,
            args.out,
            search=not args.no_search,
            previous=previous,
            workers=args.workers,
        )
    elapsed = time.perf_counter() - started
    print(f"built {built.pages} pages ({built.files} files) in {elapsed:.1f} s")
    print(f"the site is in {built.out.resolve()}/ (open {built.out.resolve()}/index.html)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from crosswalk.site import serve

    root, label = data_folder(args)
    outputs.check_folder(args.out, protected(root), outputs.SITE)
    serve.serve(root, label, args.out, args.port, args.base_iri)
    return EXIT_OK


COMMANDS = (
    Command(
        "build",
        help="build the static website and its downloads",
        description="Write the website (and its downloads) to a folder, replacing the previous "
        "build only when the whole build has succeeded. Output is deterministic.",
        options=(
            *DATA_OPTIONS,
            SITE_OUT,
            STRICT,
            option("--no-search", action="store_true", help="skip the Pagefind search index"),
            option(
                "--workers",
                type=positive,
                default=None,
                metavar="N",
                help="processes that render pages and downloads (default: one per CPU, at most 4)",
            ),
            option(
                "--previous",
                metavar="RELEASE",
                default=None,
                help="an earlier release (data folder or git revision) to show a changelog "
                "against on the review page",
            ),
        ),
        run=cmd_build,
    ),
    Command(
        "serve",
        help="build, serve on localhost and rebuild when data or templates change",
        description="Build the site, serve it on http://127.0.0.1:PORT/ and rebuild it when a "
        "data file, template or asset changes. Stop with Ctrl-C.",
        options=(
            *DATA_OPTIONS,
            SITE_OUT,
            option("--port", type=int, default=8000, help="port to listen on (default: 8000)"),
        ),
        run=cmd_serve,
    ),
)
