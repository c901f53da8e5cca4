"""The package installs anywhere: its wheel, installed into a fresh virtual environment, runs
the commands from any folder, with the ontology, templates, assets, rubric and data it ships.

The wheel is built offline (no build isolation, so this environment's setuptools) from a copy
of the sources under tmp_path: building in the work tree would write build/ and the egg-info
there, and setuptools' build/ keeps files from earlier builds. The fresh environment finds
the dependencies through a .pth file naming this environment's site-packages (nothing is
downloaded); crosswalk itself must come from the wheel, never from the work tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO

from crosswalk import resources

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

SOURCES = ("pyproject.toml", "README.md", "crosswalk")


@dataclass(frozen=True)
class Installed:
    venv: Path
    package: Path  # the installed crosswalk/ folder, inside venv

    def crosswalk(self, *args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.venv / "bin" / "crosswalk"), *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )


def _copy_sources(src: Path) -> None:
    """What the wheel is made from: the project's metadata, the package, and whatever the
    links in crosswalk/_data point to, each at its place in the repository."""
    for name in SOURCES:
        if (REPO / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(REPO / name, src / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(REPO / name, src / name)
    for link in sorted((REPO / "crosswalk" / "_data").iterdir()):
        if not link.is_symlink():
            continue
        target = link.resolve()
        assert target.exists(), f"{link} points to nothing: run 'make setup'"
        where = src / target.relative_to(REPO)
        where.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            shutil.copytree(target, where, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(target, where)


def _check(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, f"{done.args}\n{done.stdout}\n{done.stderr}"
    return str(done.stdout)


def _site_packages() -> list[str]:
    """This environment's folders of installed packages (not the work tree, which an
    editable install puts on the path)."""
    return [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    src, dist, venv = tmp / "src", tmp / "dist", tmp / "venv"
    src.mkdir()
    _copy_sources(src)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _check(
        subprocess.run(
            [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, src],
            capture_output=True,
            text=True,
            check=False,
        )
    )
    (wheel,) = dist.glob("crosswalk-*.whl")
    _check(subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True, text=True))
    python = venv / "bin" / "python"
    purelib = _check(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=False,
        )
    ).strip()
    (Path(purelib) / "crosswalk-dependencies.pth").write_text(
        "".join(f"{p}\n" for p in _site_packages()), encoding="utf-8"
    )
    install = [python, "-m", "pip", "--disable-pip-version-check", "install", "--no-index"]
    _check(subprocess.run([*install, "--no-deps", wheel], capture_output=True, text=True))
    return Installed(venv, Path(purelib) / "crosswalk")


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A working folder with nothing of the project in it, and an environment that does not
    point Python at the work tree."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return folder, env


def test_the_wheel_runs_every_command_from_any_folder(
    installed: Installed, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    cwd, env = elsewhere
    python = str(installed.venv / "bin" / "python")
    where = subprocess.run(
        [python, "-c", "import crosswalk; print(crosswalk.__file__, crosswalk.__version__)"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    file, version = _check(where).split()
    print("the installed crosswalk:", file)
    assert Path(file) == installed.package / "__init__.py"
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert version == meta["project"]["version"]
    # What it ships are copies of what the links point to, not links back into the work tree.
    shipped = installed.package / "_data"
    assert not [p for p in shipped.rglob("*") if p.is_symlink()]
    assert (shipped / "ontology" / "shapes.ttl").read_bytes() == resources.SHAPES.read_bytes()

    _check(installed.crosswalk("validate", "--strict", cwd=cwd, env=env))
    # The bundled data it ships is the data in the work tree: the same counts.
    stats = _check(installed.crosswalk("stats", "--format", "json", cwd=cwd, env=env))
    here = subprocess.run(
        [sys.executable, "-m", "crosswalk.cli", "stats", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(stats) == json.loads(_check(here))

    out = cwd / "out" / "site"
    said = _check(installed.crosswalk("build", "--out", str(out), cwd=cwd, env=env))
    pages = int(said.split()[1])  # "built N pages (M files) in S s"
    assert pages > 0
    assert len(list(out.rglob("*.html"))) >= pages
    assert (out / "index.html").is_file()
    css = out / "assets" / "css" / "site.css"
    assert css.read_bytes() == resources.COMPILED_CSS.read_bytes()
    assert (out / "assets" / "js" / "govuk-frontend.min.js").is_file()
    assert 'href="assets/css/site.css"' in (out / "index.html").read_text(encoding="utf-8")
    entry = json.loads((out / "search" / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) > 0


def test_an_installed_copy_without_its_styles_says_to_run_setup(
    installed: Installed, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    """A wheel built before `make setup` ships no compiled stylesheet: the build says so
    before any work, and writes nothing."""
    cwd, env = elsewhere
    css = installed.package / "_data" / "static" / "css" / "site.css"
    kept = css.read_bytes()
    css.unlink()
    try:
        out = cwd / "site"
        done = installed.crosswalk("build", "--out", str(out), cwd=cwd, env=env)
    finally:
        css.write_bytes(kept)
    assert done.returncode == 1, done.stderr
    assert "run 'make setup'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
