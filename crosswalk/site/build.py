"""Build the static site: view-models -> rendered pages and downloads -> one folder, swapped in.

Stages: pages (view-models) -> render (Jinja, autoescaped, strict) -> downloads (exports and
the CLI's JSON) -> write everything into a fresh temporary folder beside the target, copy
the static assets, index it with Pagefind -> swap it into place. A failure at any stage
leaves the previous site as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from crosswalk import diff
from crosswalk.analysis import report
from crosswalk.analysis.coverage import STATUSES, Index
from crosswalk.export import rdfformats, tables
from crosswalk.loader import Corpus
from crosswalk.pipeline import Checked
from crosswalk.problems import CrosswalkError
from crosswalk.site import explorer_data, pages, urls
from crosswalk.site.views import KIND_LABELS, SETTING_LABELS, Page, Views

PROJECT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = PROJECT / "site" / "templates"
STATIC = PROJECT / "site" / "static"
GOVUK = PROJECT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
COMPILED_CSS = STATIC / "css" / "site.css"
SITE_NAME = "crosswalk"


class BuildError(CrosswalkError):
    """The site could not be built; the previous site is untouched."""


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int
    files: int


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        site_name=SITE_NAME,
        statuses=STATUSES,
        kind_labels=KIND_LABELS,
        setting_labels=SETTING_LABELS,
        urls=urls,
    )
    return env


def render(env: Environment, page: Page) -> str:
    def rel(target: str) -> str:
        return urls.relative(target, page.path)

    template = env.get_template(page.template)
    return template.render(page=page, rel=rel, **page.context)


def downloads(corpus: Corpus, index: Index, checked: Checked) -> dict[str, str]:
    """Every download, by site path: the graph, CSV tables and the CLI's JSON answers."""
    assert checked.triples is not None
    files = {
        f"downloads/crosswalk.{ext}": rdfformats.FORMATS[fmt](checked.triples)
        for fmt, ext in (("turtle", "ttl"), ("jsonld", "jsonld"), ("ntriples", "nt"))
    }
    files["downloads/context.jsonld"] = rdfformats.context(checked.triples.base)
    for name, table in tables.TABLES.items():
        files[f"downloads/csv/{name}.csv"] = table(corpus)
    for mid in sorted(corpus.models):
        for fid in index.frameworks_reached(mid):
            cov = index.coverage(fid, [mid])
            files[f"downloads/coverage/{fid}/{mid}.json"] = report.as_json(
                report.coverage_data(corpus, cov)
            )
    payload = json.dumps(
        explorer_data.build(corpus, index), ensure_ascii=True, sort_keys=True, separators=(",", ":")
    )
    # A script, not a fetched file, so the explorer also works when opened from disk. With
    # ensure_ascii and "<" escaped, no data string can close the script element.
    safe = payload.replace("<", "\\u003c")
    files["explorer/data.js"] = "window.crosswalkExplorerData = " + safe + ";\n"
    return files


def _copy_assets(root: Path) -> None:
    if not COMPILED_CSS.is_file() or not GOVUK.is_dir():
        raise BuildError(
            "the site's styles are not installed: run 'make setup' "
            "(it installs govuk-frontend with npm and compiles site/scss)"
        )
    shutil.copytree(STATIC, root / "assets", dirs_exist_ok=True)
    shutil.copy2(GOVUK / "govuk-frontend.min.js", root / "assets" / "js" / "govuk-frontend.min.js")
    shutil.copytree(
        GOVUK / "assets" / "images",
        root / "assets" / "govuk" / "assets" / "images",
        ignore=shutil.ignore_patterns("govuk-*"),
    )


def _pagefind(root: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(root),
        "--output-subdir",
        "search/pagefind",
        "--quiet",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"the search index could not be built: {done.stderr.strip()[-400:]}")


def _swap(new: Path, out: Path) -> None:
    """Put the new site in place; keep the old one until the new one is there."""
    old = out.with_name(out.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(new, out)
    except BaseException:
        if old.exists():
            os.replace(old, out)
        raise
    if old.exists():
        shutil.rmtree(old)


def build(
    checked: Checked, out: Path, search: bool = True, previous: tuple[Corpus, str] | None = None
) -> Built:
    """Build the site; with a previous release (its corpus and name), a changelog too."""
    corpus = checked.corpus
    index = Index(corpus)
    views = Views(corpus, index)
    env = environment()
    changes = diff.diff(previous[0], corpus) if previous else None
    site_pages = pages.all_pages(views, changes, previous[1] if previous else None)
    rendered = {page.path: render(env, page) for page in site_pages}
    files = {**rendered, **downloads(corpus, index, checked)}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for path, text in sorted(files.items()):
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        _copy_assets(tmp)
        if search:
            _pagefind(tmp)
        count = sum(1 for p in tmp.rglob("*") if p.is_file())
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Built(out, len(site_pages), count)
