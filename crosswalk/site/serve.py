"""`crosswalk serve`: build, serve the site on localhost, rebuild when sources change."""

from __future__ import annotations

import functools
import http.server
import logging
import threading
from pathlib import Path

from watchfiles import watch

from crosswalk import collector, outputs, pipeline
from crosswalk.problems import CrosswalkError, DataError
from crosswalk.site import build

log = logging.getLogger(__name__)  # the command shows it on standard error


def _rebuild(root: Path, label: str, out: Path, base: str) -> None:
    try:
        built = build.build(pipeline.load_clean(root, label, base), out)
        log.info("rebuilt %d pages", built.pages)
    except DataError as exc:
        for problem in exc.problems:
            log.error("%s", problem.render())
        log.warning("not rebuilt: the previous site is still served")
    except CrosswalkError as exc:
        log.warning("not rebuilt: %s", exc)
    finally:
        collector.after_run()  # what this build left behind goes before the next


def serve(root: Path, label: str, out: Path, port: int, base: str) -> None:
    # Refused before anything is built or served: the folder is replaced on every rebuild.
    outputs.check_folder(out, [root], outputs.SITE)
    _rebuild(root, label, out, base)
    out_abs = out.resolve()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            # The folder is looked up per request, so a rebuild's swap is picked up.
            super().__init__(*args, directory=str(out_abs), **kwargs)  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log.info("serving %s at http://127.0.0.1:%d/ (Ctrl-C to stop)", out_abs, port)
    watched = [root.resolve(), build.TEMPLATES, build.STATIC]
    try:
        for _ in watch(*watched, watch_filter=functools.partial(_relevant, out_abs)):
            _rebuild(root, label, out, base)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _relevant(out: Path, _change: object, path: str) -> bool:
    return not Path(path).is_relative_to(out) and not Path(path).name.startswith(".")
