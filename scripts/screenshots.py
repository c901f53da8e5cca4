"""Take the README's screenshots of the built site in Debian's chromium (via Playwright).

    .venv/bin/python scripts/screenshots.py [--site build/site] [--out docs/screenshots]

Builds nothing: run `make run` (or `crosswalk build`) first. Serves the site on localhost,
then photographs a criterion page and the gap explorer (two models chosen) at desktop and
phone widths.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
# The explorer keeps its state in the address, so the answer for two models is a link.
EXPLORER = "explorer/index.html?framework=cqc-asc-2017&model=my-home-life&model=senses-framework"
SHOTS = {"criterion": "frameworks/cqc-asc-2017/W3.5.html", "explorer": EXPLORER}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("build/site"))
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site}/index.html not found: run 'crosswalk build' first")
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(args.site.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for size_name, viewport in SIZES.items():
                page = browser.new_page(viewport=viewport)
                for shot_name, path in SHOTS.items():
                    page.goto(base + path)
                    if path == EXPLORER:  # its answer, summary first, fills the first screen
                        page.wait_for_function(
                            "document.querySelector('#explorer-summary').textContent.trim()"
                        )
                    target = args.out / f"{shot_name}-{size_name}.png"
                    page.screenshot(path=str(target))
                    print(target)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
