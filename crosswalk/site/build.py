"""Build the static site: view-models -> rendered pages and downloads -> one folder, swapped in.

Stages: pages (view-models) -> render (Jinja, autoescaped, strict) -> downloads (exports and
the CLI's JSON) -> write everything into a fresh temporary folder beside the target, copy
the static assets, index the pages with Pagefind -> swap it into place. A failure at any stage
leaves the previous site as it was. Only a folder a build made (it carries a marker), an empty
or a new one is replaced: the rules are in crosswalk/outputs.py.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_environment,
    select_autoescape,
)
from markupsafe import Markup

from crosswalk import diff, opendata, outputs, resources, review, vocab
from crosswalk.analysis.coverage import Index
from crosswalk.corpus import Corpus
from crosswalk.export import rdfformats
from crosswalk.pipeline import Checked
from crosswalk.problems import CrosswalkError
from crosswalk.site import explorer_data, jobpool, pages, urls
from crosswalk.site.pagemodels import PageContext
from crosswalk.site.plain import Words
from crosswalk.site.viewmodels import KIND_LABELS, SETTING_LABELS, Page
from crosswalk.site.views import Views
from crosswalk.workers import count as how_many_workers

TEMPLATES = resources.TEMPLATES
STATIC = resources.STATIC
GOVUK = resources.GOVUK
COMPILED_CSS = resources.COMPILED_CSS
SITE_NAME = "crosswalk"
SMALL_SITE = 400  # jobs below which starting workers costs more than it saves
WRITE_SLICE = 1 << 20  # characters

# Something to write: a site path and what makes its text (or bytes); no path and what makes
# a Page; or a label and what makes several files, one (site path, text or its lines) at a time.
Job = tuple[str | None, Callable[[], "str | bytes | Page | Iterator[tuple[str, str | list[str]]]"]]
GRAPH_FILES = "downloads/crosswalk.*"
# What search leaves out of every page it indexes, beside what a template marks
# `data-pagefind-ignore`: the parts that only arrange other records, each of which has a page
# of its own (tables, folded lists, a key line of enquiry's characteristics, what carries over
# to a new framework). Indexing them on every page that shows them made Pagefind's index four
# times as large.
SEARCH_SKIPS = ("table", ".govuk-details", ".govuk-tabs", ".cw-kloe", ".cw-carried")


class BuildError(CrosswalkError):
    """The site could not be built; the previous site is untouched."""


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int
    files: int


class SiteEnvironment(Environment):
    """Jinja's environment with one addition, for speed at scale.

    `fragment(name, **values)` renders a template once for those values and keeps it, for
    pieces thousands of pages share: rendering them for every page was a third of the build's
    time. They are kept with the environment, so a new one (each rebuild of `serve`) starts
    afresh.

    (`row.key` is Jinja's own lookup, which tries an attribute first: view-models are
    dataclasses (pagemodels/), so it finds it at once. The shortcut for dict rows that this
    class had while rows were dicts no longer paid once they were not: rendering the k = 10
    corpus took 2.5 s of CPU with it and 2.4 s without, medians of five, on a loaded machine.)
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._fragments: dict[tuple[str, tuple[tuple[str, str], ...]], Markup] = {}

    def fragment(self, name: str, **values: str) -> Markup:
        """The template rendered with these values, without the line breaks it starts or ends
        with (a fragment is placed inside a line of its page)."""
        key = (name, tuple(sorted(values.items())))
        found = self._fragments.get(key)
        if found is None:
            text = self.get_template(name).render(**values).strip("\n")
            found = self._fragments[key] = Markup(text)
        return found


def environment(words: Words | None = None) -> SiteEnvironment:
    """The site's templates; with `words`, every text a page shows is said in the site's
    words (crosswalk/site/plain.py).

    Templates are compiled in memory only, never cached on disk (a build writes nothing
    outside its `--out`): once per build, in the process that forks the workers
    (`run_jobs`), about a sixth of a second.
    """
    env = SiteEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        # A build renders each template thousands of times from files that do not change
        # while it runs: Jinja need not look at them again on every lookup. (`serve` makes a
        # new environment for each rebuild, which reads them afresh.)
        auto_reload=False,
        # Always a hook, even one that changes nothing: compiled templates are the same then.
        finalize=words or Words({}),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        site_name=SITE_NAME,
        kind_labels=KIND_LABELS,
        setting_labels=SETTING_LABELS,
        urls=urls,
        **vocab.as_globals(),  # statuses, status_labels, status_short, gap_statuses
    )
    env.filters["badge"] = badge
    env.filters["status"] = status_badge
    return env


@pass_environment
def badge(env: SiteEnvironment, value: str) -> Markup:
    """A link's strength as a labelled badge (fragments/badge.html)."""
    return env.fragment("fragments/badge.html", value=value, label=value, kind="strength")


@pass_environment
def status_badge(env: SiteEnvironment, value: str) -> Markup:
    """A criterion's status as a badge in its short words ("no support"), its value in
    `data-status` (crosswalk/vocab.py)."""
    return env.fragment(
        "fragments/badge.html", value=value, label=vocab.SHORT[value], kind="status"
    )


@dataclass(frozen=True, slots=True)
class Chrome:
    """What base.html places around a page's own content (templates/chrome/)."""

    head: Markup
    header: Markup
    footer: Markup


def render(env: SiteEnvironment, page: Page) -> str:
    # Every link is relative: `up` to the site's root, then down to the target. (Not the
    # shortest form, but the same for every link on the page and cheap to make.)
    up = "../" * page.path.count("/")
    section = page.path.split("/", 1)[0]

    # What every page has around its own content, the same for pages as deep in one section.
    def chrome(part: str) -> Markup:
        return env.fragment(f"chrome/{part}.html", up=up, section=section)

    template = env.get_template(page.template)
    around = Chrome(chrome("head"), chrome("header"), chrome("footer"))
    return template.render(
        page=page, up=Markup(up), chrome=around, **template_variables(page.context)
    )


def template_variables(context: PageContext | None) -> dict[str, object]:
    """A page's view-model as its template's variables, one for each field (not copied: the
    template reads the same objects)."""
    if context is None:
        return {}
    return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}


def download_jobs(corpus: Corpus, index: Index, checked: Checked) -> list[Job]:
    """Every download that is not a page's own data, as a job: the graph in three formats and
    its JSON-LD context (one job: they share the triples, made by whichever worker takes it),
    the CSV tables, the review workbook and the explorer's data. (Each report writes its
    coverage JSON itself.)"""
    jobs: list[Job] = [(GRAPH_FILES, partial(_graph_files, checked))]
    # The same workbook `crosswalk review export` writes, for a reviewer to download.
    jobs.append((urls.review_workbook(), partial(review.export, corpus)))
    # The explorer's data: one script per framework, each loaded only when it is chosen.
    jobs.append(("explorer/data/*", partial(explorer_data.files, corpus, index)))
    jobs += [
        (f"downloads/csv/{name}.csv", partial(table, corpus))
        for name, table in opendata.TABLES.items()
        if name != "coverage"
    ]
    # The coverage table from the build's own index, not one made again for it.
    jobs.append(("downloads/csv/coverage.csv", partial(opendata.coverage, corpus, index)))
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


def _check_assets() -> None:
    """The compiled stylesheet and GOV.UK Frontend are made by `make setup`, not kept in git,
    and ship in the package only if they were there when it was built."""
    if not COMPILED_CSS.is_file() or not (GOVUK / "govuk-frontend.min.js").is_file():
        raise BuildError(
            "the site's styles are not installed: run 'make setup' "
            "(it installs govuk-frontend with npm and compiles site/scss)"
        )


def _copy_assets(root: Path) -> None:
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
    """Index the site's pages into it: only the part of a page marked `data-pagefind-body`
    (base.html marks it on pages with a SearchEntry), without what it marks
    `data-pagefind-ignore` (the links a page repeats), and only in the sections that have
    such pages (`urls.SEARCHED`): reading the others took Pagefind a third of its time for
    nothing."""
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
        str(root),
        "--output-path",
        str(root / "search" / "pagefind"),
        "--quiet",
        "--glob",
        "{" + ",".join(urls.SEARCHED) + "}/**/*.html",
    ]
    for selector in SEARCH_SKIPS:
        command += ["--exclude-selectors", selector]
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
    # (The garbage collector is the command's to set: crosswalk/collector.py.)
    outputs.check_folder(out, [checked.corpus.root], outputs.SITE)  # before any work
    _check_assets()
    return _build(checked, out, search, previous, workers)


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
        env = environment(Words.of(corpus))
        run_jobs(jobs, tmp, how_many_workers(workers, len(jobs), SMALL_SITE), env)
        _copy_assets(tmp)
        if search:
            _pagefind(tmp)
        count = sum(1 for p in tmp.rglob("*") if p.is_file())
    return Built(out, len(page_makers), count)


def _write(root: Path, path: str, text: str | list[str] | bytes) -> None:
    """Write a text, or its lines one after another, or bytes."""
    target = root / path
    _folder(target.parent)
    if isinstance(text, bytes):
        target.write_bytes(text)
        return
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
        for name, data in made.data.items():
            _write(root, name, data_file(data))
    elif isinstance(made, str | bytes):
        assert path is not None
        _write(root, path, made)
    else:
        for name, text in made:
            _write(root, name, text)


def run_jobs(
    jobs: list[Job], root: Path, workers: int = 1, env: SiteEnvironment | None = None
) -> None:
    """Do every job, in this process or in a pool of forked workers, each taking the next
    job as it finishes one (crosswalk/site/jobpool.py). The first failure stops the build and
    is raised here: no worker starts another job after it."""
    env = env or environment()
    _folder.cache_clear()  # folders made for an earlier build are not this one's
    if workers > 1:
        _compile_templates(env)  # here, once: the forked workers share them
    jobpool.run(len(jobs), partial(_do_number, jobs, root, env), workers, BuildError)


def _do_number(jobs: list[Job], root: Path, env: SiteEnvironment, number: int) -> None:
    _do(jobs[number], root, env)


def _compile_templates(env: SiteEnvironment) -> None:
    """Compile every template into the environment's memory (it keeps 400; the site has a
    few dozen)."""
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
