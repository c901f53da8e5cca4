"""Shared fixtures for the website tests: the bundled site, a localhost server, a browser.

Test modules load these with ``pytest_plugins = ["site_support"]``, so each session fixture
runs once for the whole test session: the bundled data is built once, served once (from a
sub-folder, as on a project page of a static host, so every link must be relative) and one
Chromium is shared. Nothing is downloaded: the browser is Debian's chromium, and a missing
browser or Java runtime fails the tests with the command that installs them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from conftest import BUNDLED, REPO

from crosswalk import cli, pipeline
from crosswalk.site import build

CHROMIUM = Path("/usr/bin/chromium")
# Chromium reads only the last --disable-features, so ours repeats the features Playwright
# (1.65) turns off and adds the address bar's pop-ups: full headless Chromium renders them as
# web pages of their own in every window, which measured half the browser's CPU in the tests.
# tests/test_site_e2e.py checks that the browser runs without them and with Playwright's list.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AimEnabled",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsFirstBalancedModeAutoEnable",
    "HttpsUpgrades",
    "LensOverlay",
    "MediaRouter",
    "NetworkTimeServiceQuerying",
    "OptimizationHints",
    "PaintHolding",
    "PreconnectToSearch",
    "TcpPortRandomizationWin",
    "ThirdPartyStoragePartitioning",
    "msEdgeUpdateLaunchServicesPreferredVersion",
    "msForceBrowserSignIn",
)
DISABLED_FEATURES = (*PLAYWRIGHT_DISABLED_FEATURES, "WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SETUP_HINT = "run `make browser-setup` (and `make setup` for the npm packages)"


@dataclass(frozen=True)
class Site:
    """A built site and the URL it is served at (ending in '/')."""

    root: Path
    url: str
    pages: int

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def require(program: str, path: Path | None = None) -> None:
    """Fail (never skip) when a tool the browser and HTML tests need is missing."""
    found = path.is_file() if path is not None else shutil.which(program) is not None
    if not found:
        pytest.fail(f"{path or program} is missing: {SETUP_HINT}", pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def served_site(root: Path, pages: int) -> Iterator[Site]:
    """Serve a built site from a sub-folder named like its folder: relative links must hold."""
    with serve_folder(root.parent) as base:
        yield Site(root, f"{base}{root.name}/", pages)


_LOAD_CLEAN = pipeline.load_clean


@functools.cache
def _bundled_once(*args: Any) -> pipeline.Checked:
    return _LOAD_CLEAN(*args)


def _load_clean(root: Path, *args: Any, **options: Any) -> pipeline.Checked:
    """The pipeline's load_clean, except that the bundled data (which no test changes) is
    loaded once for every call the tests make of the CLI, not once per call."""
    if Path(root).resolve() == BUNDLED.resolve() and not options:
        return _bundled_once(root, *args)
    return _LOAD_CLEAN(root, *args, **options)


def cli_json(*args: str) -> Any:
    """Run the crosswalk CLI in-process and parse the JSON it prints. The tests that compare
    the site with the CLI's answers call it hundreds of times on the same data: the data is
    loaded and checked once (`_load_clean`); the command, the analysis and the JSON are the
    CLI's own on every call."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), mock.patch.object(pipeline, "load_clean", _load_clean):
        code = cli.main([*args, "--format", "json"])
    assert code == 0, f"crosswalk {' '.join(args)} exited {code}"
    return json.loads(out.getvalue())


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The bundled data, built once per session (with its search index)."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    built = build.build(pipeline.load_clean(BUNDLED), out)
    return out, built.pages


@pytest.fixture(scope="session")
def site(bundled_build: tuple[Path, int]) -> Iterator[Site]:
    """The bundled site, served on localhost."""
    root, pages = bundled_build
    with served_site(root, pages) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian chromium for the session, driven by Playwright."""
    require("chromium", CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watched:
    """A browser page and what went wrong on it: script errors, dialogs, failed requests."""

    page: Any
    errors: list[str]
    dialogs: list[str]
    failed: list[str]


def watch(page: Any) -> Watched:
    watched = Watched(page, [], [], [])
    page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: watched.errors.append(msg.text) if msg.type == "error" else None,
    )

    def dialog(d: Any) -> None:
        watched.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.on("requestfailed", lambda req: watched.failed.append(req.url))
    page.on(
        "response",
        lambda res: watched.failed.append(f"{res.status} {res.url}") if res.status >= 400 else None,
    )
    return watched


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no shared storage) that may only reach 127.0.0.1."""
    ctx = browser.new_context()
    ctx.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
            else route.abort()
        ),
    )
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: Any) -> Watched:
    return watch(context.new_page())


def tick_models(page: Any, models: tuple[str, ...], framework: str | None = None) -> None:
    """In the gap explorer: choose the framework's country and the framework, tick the
    models, wait for the table."""
    page.wait_for_selector("#explorer:not([hidden])")
    if framework is not None:
        page.check(f'input[name=country][data-frameworks~="{framework}"]')
        page.select_option("#framework", framework)
    elif page.locator("input[name=country]:checked").count() == 0:
        page.check("input[name=country] >> nth=0")  # the first country's first framework
    for mid in models:
        page.check(f"#model-{mid}")
    page.wait_for_selector("#explorer-table tr[data-ref]")
