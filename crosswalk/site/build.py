"""Build the static site: view-models -> rendered pages and downloads -> one folder, swapped in.

Stages: pages (view-models) -> render (Jinja, autoescaped, strict) -> downloads (exports and
the CLI's JSON) -> write everything into a fresh temporary folder beside the target, copy
the static assets, index it with Pagefind -> swap it into place. A failure at any stage
leaves the previous site as it was. Only a folder a build made (it carries a marker), an empty
or a new one is replaced: the rules are in crosswalk/outputs.py.
"""

from __future__ import annotations

import functools
import gc
import json
import multiprocessing
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    pass_environment,
    select_autoescape,
)
from markupsafe import Markup

from crosswalk import diff, outputs
from crosswalk.analysis.coverage import STATUSES, Index
from crosswalk.export import rdfformats, tables
from crosswalk.corpus import Corpus
from crosswalk.pipeline import Checked
from crosswalk.problems import CrosswalkError
from crosswalk.site import explorer_data, pages, urls
from crosswalk.site.views import KIND_LABELS, SETTING_LABELS, Page, Views
from crosswalk.workers import count as how_many_workers

PROJECT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = PROJECT / "site" / "templates"
STATIC = PROJECT / "site" / "static"
GOVUK = PROJECT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
COMPILED_CSS = STATIC / "css" / "site.css"
SITE_NAME = "crosswalk"
SMALL_SITE = 400  # jobs below which starting workers costs more than it saves
WRITE_SLICE = 1 << 20  # characters
# The search index is made from a small document per page (its title and its own words),
# not from the pages themselves: a page repeats the rationales of every link it shows, and
# indexing those again on every page is most of Pagefind's time on a large corpus.
SEARCH_SOURCE = ".search-documents"

# Something to write: a site path and what makes its text; no path and what makes a Page; or
# a label and what makes several files, one (site path, text or its lines) at a time.
Job = tuple[str | None, Callable[[], "str | Page | Iterator[tuple[str, str | list[str]]]"]]
GRAPH_FILES = "downloads/crosswalk.*"


class BuildError(CrosswalkError):
    """The site could not be built; the previous site is untouched."""


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int
    files: int


class SiteEnvironment(Environment):
    """Jinja's environment with two additions, both for speed at scale.

    `row.key` looks the key up first in a plain dict: view-model rows are dicts, and Jinja's
    own lookup tries an attribute first and falls back to the key only after catching the
    AttributeError, ten times slower on every cell of every table. (No view-model key is named
    like a dict method, which would hide the method.)

    `fragment(name, **values)` renders a template once for those values and keeps it, for
    pieces thousands of pages share: rendering them for every page was a third of the build's
    time. They are kept with the environment, so a new one (each rebuild of `serve`) starts
    afresh.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._fragments: dict[tuple[str, tuple[tuple[str, str], ...]], Markup] = {}

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return Environment.getattr(self, obj, attribute)

    def fragment(self, name: str, **values: str) -> Markup:
        """The template rendered with these values, without the line breaks it starts or ends
        with (a fragment is placed inside a line of its page)."""
        key = (name, tuple(sorted(values.items())))
        found = self._fragments.get(key)
        if found is None:
            text = self.get_template(name).render(**values).strip("\n")
            found = self._fragments[key] = Markup(text)
        return found


def _template_cache() -> FileSystemBytecodeCache | None:
    """Jinja's cache of compiled templates, in a folder of this user's own in the system's
    temporary folder, checked against each template's source: compiling the templates again
    was a sixth of a second of every build. Without a usable folder, no cache."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def environment() -> SiteEnvironment:
    env = SiteEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=_template_cache(),
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
    env.filters["badge"] = badge
    return env


@pass_environment
def badge(env: SiteEnvironment, value: str) -> Markup:
    """A coverage status or strength as a labelled badge (fragments/badge.html)."""
    return env.fragment("fragments/badge.html", value=value)


def render(env: SiteEnvironment, page: Page) -> str:
    # Every link is relative: `up` to the site's root, then down to the target. (Not the
    # shortest form, but the same for every link on the page and cheap to make.)
    up = "../" * page.path.count("/")
    section = page.path.split("/", 1)[0]
    # What every page has around its own content, the same for pages as deep in one section.
    chrome = {
        part: env.fragment(f"chrome/{part}.html", up=up, section=section)
        for part in ("head", "header", "footer")
    }
    template = env.get_template(page.template)
    return template.render(page=page, up=Markup(up), chrome=chrome, **page.context)


def download_jobs(corpus: Corpus, index: Index, checked: Checked) -> list[Job]:
    """Every download that is not a page's own data, as a job: the graph in three formats and
    its JSON-LD context (one job: they share the triples, made by whichever worker takes it),
    the CSV tables and the explorer's data. (Each report writes its coverage JSON itself.)"""
    jobs: list[Job] = [(GRAPH_FILES, partial(_graph_files, checked))]
    jobs.append(("explorer/data.js", partial(_explorer_script, corpus, index)))
    jobs += [
        (f"downloads/csv/{name}.csv", partial(table, corpus))
        for name, table in tables.TABLES.items()
    ]
    return jobs


def _graph_files(checked: Checked) -> Iterator[tuple[str, str | list[str]]]:
    """The graph's files one at a time, so only one of these large texts is held at once."""
    triples = checked.triples
    assert triples is not None, "the data has errors: no graph to write"
    for fmt, ext in (("jsonld", "jsonld"), ("turtle", "ttl")):
        yield f"downloads/crosswalk.{ext}", rdfformats.FORMATS[fmt](triples)
    yield "downloads/crosswalk.nt", rdfformats.ntriples_lines(triples)
    yield "downloads/context.jsonld", rdfformats.context(triples.base)


def data_file(data: object) -> str:
    """A page's data as a JSON file: the same answer as `crosswalk coverage --format json`,
    without the indentation (the standard library writes compact JSON in C, and indented JSON
    several times slower in Python; there are thousands of these files at scale)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _explorer_script(corpus: Corpus, index: Index) -> str:
    payload = json.dumps(
        explorer_data.build(corpus, index), ensure_ascii=True, sort_keys=True, separators=(",", ":")
    )
    # A script, not a fetched file, so the explorer also works when opened from disk. With
    # ensure_ascii and "<" escaped, no data string can close the script element.
    safe = payload.replace("<", "\\u003c")
    return "window.crosswalkExplorerData = " + safe + ";\n"


def _copy_assets(root: Path) -> None:
    if not COMPILED_CSS.is_file() or not GOVUK.is_dir():
        raise BuildError(
            "the site's styles are not installed: run 'make setup' "
            "(it installs govuk-frontend with npm and compiles site/scss)"
        )
    # Copied as new files, so that they follow the umask like everything else in the site.
    outputs.copy_tree(STATIC, root / "assets")
    shutil.copyfile(
        GOVUK / "govuk-frontend.min.js", root / "assets" / "js" / "govuk-frontend.min.js"
    )
    outputs.copy_tree(
        GOVUK / "assets" / "images",
        root / "assets" / "govuk" / "assets" / "images",
        leave_out="govuk-*",
    )


def _pagefind(root: Path) -> None:
    """Index the search documents the pages left in SEARCH_SOURCE, into the site."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as exc:
        raise BuildError(
            "Pagefind is not installed: run 'make setup' (it installs pagefind[bin])"
        ) from exc
    # The program itself: `python -m pagefind` starts another Python only to find it.
    command = [
        str(get_executable()),
        "--site",
        str(root / SEARCH_SOURCE),
        "--output-path",
        str(root / "search" / "pagefind"),
        "--quiet",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"the search index could not be built: {done.stderr.strip()[-400:]}")


def build(
    checked: Checked,
    out: Path,
    search: bool = True,
    previous: tuple[Corpus, str] | None = None,
    workers: int | None = None,
) -> Built:
    """Build the site; with a previous release (its corpus and name), a changelog too.

    Pages and downloads are written as they are made, by `workers` processes (default: one
    per CPU, at most four) that share the loaded data and take the next job as they finish.
    """
    # The loaded data lives as long as the build: keep the garbage collector from walking it
    # again and again while the index and pages are made (at 100 times the bundled data that
    # was 2 s before the first page), and from touching it in forked workers, whose memory
    # stays shared with this process only while nothing writes to it.
    outputs.check_folder(out, [checked.corpus.root], outputs.SITE)  # before any work
    gc.freeze()
    try:
        return _build(checked, out, search, previous, workers)
    finally:
        gc.unfreeze()


def _build(
    checked: Checked,
    out: Path,
    search: bool,
    previous: tuple[Corpus, str] | None,
    workers: int | None,
) -> Built:
    corpus = checked.corpus
    index = Index(corpus)
    views = Views(corpus, index)
    changes = diff.diff(previous[0], corpus) if previous else None
    page_makers = pages.plan(views, changes, previous[1] if previous else None)
    # The big downloads first, so no worker is left with one at the end.
    jobs = download_jobs(corpus, index, checked)
    jobs += [(None, make) for make in page_makers]
    # Made in a marked folder of its own beside `out`, swapped in only once it is whole.
    with outputs.replacing(out, outputs.SITE) as tmp:
        run_jobs(jobs, tmp, how_many_workers(workers, len(jobs), SMALL_SITE))
        _copy_assets(tmp)
        if search:
            _pagefind(tmp)
        shutil.rmtree(tmp / SEARCH_SOURCE, ignore_errors=True)
        count = sum(1 for p in tmp.rglob("*") if p.is_file())
    return Built(out, len(page_makers), count)


def _write(root: Path, path: str, text: str | list[str]) -> None:
    """Write a text, or its lines one after another."""
    target = root / path
    _folder(target.parent)
    with target.open("w", encoding="utf-8", newline="\n") as out:
        if isinstance(text, list):
            out.writelines(text)
            return
        # In slices: a large download (the JSON-LD is 120 MB at 100 times the corpus) would
        # otherwise be encoded into a second copy of itself all at once.
        for start in range(0, len(text), WRITE_SLICE):
            out.write(text[start : start + WRITE_SLICE])


@functools.cache
def _folder(path: Path) -> None:
    """Make a folder once per build (tens of thousands of pages share a few folders)."""
    path.mkdir(parents=True, exist_ok=True)


def _do(job: Job, root: Path, env: SiteEnvironment) -> None:
    path, make = job
    made = make()
    if isinstance(made, Page):
        _write(root, made.path, render(env, made))
        if made.search:
            document = env.get_template("search_document.html").render(page=made)
            _write(root / SEARCH_SOURCE, made.path, document)
        for name, data in made.data.items():
            _write(root, name, data_file(data))
    elif isinstance(made, str):
        assert path is not None
        _write(root, path, made)
    else:
        for name, text in made:
            _write(root, name, text)


def run_jobs(jobs: list[Job], root: Path, workers: int = 1) -> None:
    """Do every job, in this process or shared among forked workers that take the next
    job as they finish one. The first failure stops the build and is raised here."""
    env = environment()
    _folder.cache_clear()  # folders made for an earlier build are not this one's
    if workers <= 1:
        for job in jobs:
            _do(job, root, env)
        return
    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("q", 0)

    def take() -> Job | None:
        with counter.get_lock():
            number = counter.value
            counter.value += 1
        return jobs[number] if number < len(jobs) else None

    def stop_taking() -> None:
        with counter.get_lock():
            counter.value = len(jobs)

    def work(conn: Connection) -> None:
        try:
            while (job := take()) is not None:
                _do(job, root, env)
            conn.send(None)
        except BaseException as exc:  # sent to the parent, which raises it
            stop_taking()  # the others finish the job in hand and take no more
            try:
                conn.send(exc)
            except Exception:
                conn.send(BuildError(f"{type(exc).__name__}: {exc}"))
        finally:
            conn.close()

    children: list[tuple[BaseProcess, Connection]] = []
    try:
        for _ in range(workers - 1):
            receive, send = ctx.Pipe(duplex=False)
            process = ctx.Process(target=work, args=(send,), daemon=True)
            process.start()
            send.close()
            children.append((process, receive))
        while (mine := take()) is not None:
            _do(mine, root, env)
        for child, receive in children:
            try:
                failure = receive.recv()
            except EOFError:
                failure = BuildError(f"a build worker stopped (exit code {child.exitcode})")
            if failure is not None:
                raise failure
    finally:
        for child, receive in children:
            if child.is_alive():
                child.terminate()
            child.join()
            receive.close()
