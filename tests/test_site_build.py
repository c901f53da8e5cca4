"""Building and serving the site: deterministic output, all-or-nothing builds, the commands."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
import site_support
from conftest import REPO

from crosswalk import outputs, pipeline
from crosswalk.site import build
from crosswalk.site.pages.explorer_search import search
from crosswalk.site.viewmodels import Page, SearchEntry

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return (
        [f"only in first: {k}" for k in only_a]
        + [f"only in second: {k}" for k in only_b]
        + [f"differs: {k}" for k in changed]
    )


def leftovers(out: Path) -> list[str]:
    """Anything beside the site folder: temporary or old folders a build left behind."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


@pytest.fixture(scope="module")
def cli_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`crosswalk build` of the bundled data in a fresh process with its own hash seed."""
    work = tmp_path_factory.mktemp("cli-build")
    out = work / "out" / "site"
    done = subprocess.run(
        [sys.executable, "-m", "crosswalk.cli", "build", "--out", str(out)],
        cwd=work,
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done, out


def test_cli_build_says_how_many_pages_and_where(
    cli_build: tuple[subprocess.CompletedProcess[str], Path], bundled_build: tuple[Path, int]
) -> None:
    done, out = cli_build
    assert done.returncode == 0, done.stderr
    _, pages = bundled_build
    assert f"built {pages} pages (" in done.stdout
    assert f"the site is in {out.resolve()}/" in done.stdout
    assert (out / "index.html").is_file()
    assert leftovers(out) == []


def test_two_builds_are_byte_identical(
    cli_build: tuple[subprocess.CompletedProcess[str], Path], bundled_build: tuple[Path, int]
) -> None:
    """The session's in-process build and a CLI build (another process, another hash seed,
    another folder) give the same files, byte for byte, search index included."""
    done, out = cli_build
    assert done.returncode == 0, done.stderr
    first, second = snapshot(bundled_build[0]), snapshot(out)
    assert any(k.startswith("search/pagefind/index/") for k in first), "the search index is built"
    diff = differences(first, second)
    assert not diff, "\n".join(diff[:40])


def _fail_search(_root: Path) -> None:
    raise build.BuildError("the search index could not be built: simulated")


def _fail_assets(root: Path) -> None:
    (root / "assets").mkdir()
    (root / "assets" / "half-copied.css").write_text("body{", encoding="utf-8")
    raise OSError("No space left on device (simulated)")


def _interrupt(_root: Path) -> None:
    raise KeyboardInterrupt


FAILURES: dict[str, tuple[str, Callable[..., Any], type[BaseException]]] = {
    "search index": ("_pagefind", _fail_search, build.BuildError),
    "assets": ("_copy_assets", _fail_assets, OSError),
    "interrupted": ("_pagefind", _interrupt, KeyboardInterrupt),
}


@pytest.fixture
def previous(project: Path, tmp_path: Path) -> tuple[pipeline.Checked, Path, dict[str, bytes]]:
    """A built fixture site and what it holds, before the build that fails."""
    checked = pipeline.load_clean(project)
    out = tmp_path / "out" / "site"
    build.build(checked, out)
    before = snapshot(out)
    assert "index.html" in before
    return checked, out, before


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_build_leaves_the_previous_site(
    previous: tuple[pipeline.Checked, Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    checked, out, before = previous
    name, replacement, error = FAILURES[failure]
    monkeypatch.setattr(build, name, replacement)
    with pytest.raises(error):
        build.build(checked, out)
    assert not differences(before, snapshot(out))
    assert leftovers(out) == []


def test_without_pagefind_the_build_says_what_to_do(
    previous: tuple[pipeline.Checked, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    checked, out, before = previous
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import fails as if not installed
    with pytest.raises(build.BuildError, match="Pagefind is not installed: run 'make setup'"):
        build.build(checked, out)
    assert not differences(before, snapshot(out))
    assert leftovers(out) == []


def test_a_template_error_leaves_the_previous_site(
    previous: tuple[pipeline.Checked, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    checked, out, before = previous
    real = build.render

    def render(env: jinja2.Environment, page: Page) -> str:
        if page.path == "review/index.html":
            raise jinja2.UndefinedError("'link' has no attribute 'nope' (simulated)")
        return real(env, page)

    monkeypatch.setattr(build, "render", render)
    with pytest.raises(jinja2.UndefinedError):
        build.build(checked, out)
    assert not differences(before, snapshot(out))
    assert leftovers(out) == []


def test_workers_build_the_same_site(
    previous: tuple[pipeline.Checked, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    """Pages and downloads shared among forked workers: the same bytes as one process."""
    checked, _, before = previous
    out = tmp_path / "three" / "site"
    built = build.build(checked, out, workers=3)
    assert not differences(before, snapshot(out))
    assert built.pages == sum(1 for name in before if name.endswith(".html"))


@pytest.mark.parametrize("error", [jinja2.UndefinedError, KeyboardInterrupt])
def test_a_failure_in_a_worker_stops_the_build(
    previous: tuple[pipeline.Checked, Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    error: type[BaseException],
) -> None:
    """Whichever process renders the failing page, the error reaches the caller as itself."""
    checked, out, before = previous
    real = build.render
    parent = os.getpid()
    rendered_here = []

    def render(env: jinja2.Environment, page: Page) -> str:
        if os.getpid() != parent:
            raise error("simulated in a worker")
        # Slow enough that the worker starts and fails while this process is still busy.
        time.sleep(0.01)
        rendered_here.append(page.path)
        return real(env, page)

    monkeypatch.setattr(build, "render", render)
    with pytest.raises(error, match="simulated in a worker"):
        build.build(checked, out, workers=2)
    assert not differences(before, snapshot(out))
    assert leftovers(out) == []
    # The failure stopped this process too, long before it had made the whole site.
    pages = sum(1 for name in before if name.endswith(".html"))
    assert len(rendered_here) < pages / 2, (len(rendered_here), pages)


def test_a_failed_swap_puts_the_previous_site_back(
    previous: tuple[pipeline.Checked, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving the new site into place is the last step; if it fails, the old one returns."""
    checked, out, before = previous
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(src).name.startswith(f".{out.name}."):
            raise OSError("rename failed (simulated)")
        real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", replace)
    with pytest.raises(OSError, match="simulated"):
        build.build(checked, out)
    monkeypatch.undo()
    assert not differences(before, snapshot(out))
    assert leftovers(out) == []


def _break(project: Path) -> None:
    links = project / "links" / "bright.yaml"
    text = links.read_text(encoding="utf-8")
    assert "object: reg:Q1.1\n" in text
    links.write_text(text.replace("object: reg:Q1.1\n", "object: reg:Q9\n"), encoding="utf-8")


def test_build_refuses_data_with_an_error(run: Any, project: Path, tmp_path: Path) -> None:
    _break(project)
    out = tmp_path / "out" / "site"
    result = run("build", "--data", str(project), "--out", str(out))
    assert result.code == 1
    assert "E302" in result.err
    assert not out.exists()
    assert not out.parent.exists() or leftovers(out) == []


def test_build_with_an_error_keeps_the_previous_site(
    run: Any, previous: tuple[pipeline.Checked, Path, dict[str, bytes]], project: Path
) -> None:
    _, out, before = previous
    _break(project)
    result = run("build", "--data", str(project), "--out", str(out))
    assert result.code == 1
    assert "E302" in result.err
    assert not differences(before, snapshot(out))
    assert leftovers(out) == []


# crosswalk serve ------------------------------------------------------------------------

SERVE = [sys.executable, "-m", "crosswalk.cli", "serve"]
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> str | None:
    try:
        with NO_PROXY.open(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], seconds: float, proc: subprocess.Popen[str]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.25)
    return False


def test_serve_rebuilds_when_the_data_changes(project: Path, tmp_path: Path) -> None:
    port = free_port()
    out = tmp_path / "served" / "site"
    log = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}/"
    principle = base + "principles/hub/kindness.html"
    with log.open("w", encoding="utf-8") as sink:
        proc = subprocess.Popen(
            [*SERVE, "--port", str(port), "--out", str(out), "--data", str(project)],
            cwd=REPO,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            assert wait_for(lambda: fetch(base + "index.html") is not None, 60, proc), (
                f"crosswalk serve did not answer: {log.read_text(encoding='utf-8')}"
            )
            page = fetch(principle) or ""
            assert '<h1 class="govuk-heading-xl">Kindness</h1>' in page
            data = project / "principles.yaml"
            text = data.read_text(encoding="utf-8")
            assert "    title: Kindness\n" in text
            data.write_text(text.replace("    title: Kindness\n", "    title: Gentleness\n"))
            assert wait_for(lambda: "Gentleness</h1>" in (fetch(principle) or ""), 20, proc), (
                f"the served page did not change: {log.read_text(encoding='utf-8')}"
            )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def test_each_report_offers_the_cli_coverage_answer_as_json(
    bundled_build: tuple[Path, int],
) -> None:
    """Every report's coverage JSON parses to what `crosswalk coverage --format json` says."""
    root, _ = bundled_build
    reports = sorted((root / "reports").glob("*/*.html"))
    assert len(reports) > 10
    for page in reports:
        mid, fid = page.parent.name, page.stem
        data = root / "downloads" / "coverage" / fid / f"{mid}.json"
        assert f'href="../../downloads/coverage/{fid}/{mid}.json"' in page.read_text("utf-8")
        want = site_support.cli_json("coverage", "--framework", fid, "--model", mid)
        assert json.loads(data.read_text("utf-8")) == want, data


def test_templates_compile_without_a_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A temporary folder that cannot hold Jinja's cache costs time, not the build."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the temporary folder should be", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    env = build.environment()
    assert env.bytecode_cache is None
    assert "<title>Search" in build.render(env, search())


def test_fragments_are_kept_per_environment() -> None:
    """A fragment is rendered once per environment and values; a new environment (as `serve`
    makes for each rebuild, after a template changed) renders it afresh."""
    first = build.SiteEnvironment(
        loader=jinja2.DictLoader({"f.html": "<b>{{ value }}</b>\n"}), autoescape=True
    )
    badge = first.fragment("f.html", value="x<y")
    assert badge == "<b>x&lt;y</b>"  # escaped as in a page, without its trailing line break
    assert first.fragment("f.html", value="x<y") is badge
    assert first.fragment("f.html", value="z") == "<b>z</b>"
    second = build.SiteEnvironment(
        loader=jinja2.DictLoader({"f.html": "<i>{{ value }}</i>"}), autoescape=True
    )
    assert second.fragment("f.html", value="x<y") == "<i>x&lt;y</i>"


def test_search_indexes_every_page_marked_for_it(
    cli_build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    """Pagefind reads only the sections of `urls.SEARCHED`: the pages it indexed are exactly
    the pages marked to be found, wherever in the site they are."""
    done, out = cli_build
    assert done.returncode == 0, done.stderr
    marked = [p for p in out.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    entry = json.loads((out / "search" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    assert marked and indexed == len(marked)


def test_a_page_found_by_search_must_be_in_an_indexed_section() -> None:
    with pytest.raises(ValueError, match=r"urls\.SEARCHED"):
        Page("reports/x.html", "report.html", "X", search=SearchEntry("Model", "model of x"))
