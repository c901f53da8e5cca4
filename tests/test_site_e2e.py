"""The site in use: the gap explorer agrees with the CLI (in Chromium, and in Node for every
combination of models), every count a model or report page shows is the CLI's, search finds a
criterion, and without JavaScript the explorer leads to pre-rendered reports."""

from __future__ import annotations

import functools
import itertools
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import BUNDLED, REPO

from crosswalk import pipeline, vocab
from crosswalk.analysis import report_data
from crosswalk.analysis.checklist import checklist_for
from crosswalk.analysis.coverage import Index
from crosswalk.analysis.recommend import recommend_for
from crosswalk.site import urls

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

MODELS = ("my-home-life", "senses-framework")

# What the explorer shows, read from the page: rows, summary, steps and the checklist.
READ_EXPLORER = """() => {
  const rows = Array.from(document.querySelectorAll('#explorer-table tr[data-ref]'))
    .map(tr => [tr.dataset.ref, tr.dataset.status ?? null]);  // a grouping has no status
  const steps = Array.from(document.querySelectorAll('#explorer-steps li'))
    .map(li => li.textContent);
  const checklist = Array.from(document.querySelectorAll('.cw-explorer__check')).flatMap(
    section => Array.from(section.querySelectorAll('fieldset')).map(fs => [
      section.dataset.ref, fs.dataset.kind,
      Array.from(fs.querySelectorAll('.govuk-checkboxes__label')).map(l => l.textContent)]));
  const none = document.querySelector('#explorer-uncloseable');
  return {rows, steps, checklist, uncloseable: none ? none.textContent : null,
          summary: document.querySelector('#explorer-summary').textContent};
}"""


@functools.cache
def bundled() -> Any:
    return pipeline.load_clean(BUNDLED).corpus


def short(criterion: dict[str, Any]) -> str:
    """How the explorer names a criterion in a list: its number, or its title."""
    from crosswalk.site.viewmodels import criterion_number

    notation = bundled().criteria[criterion["ref"]].notation
    return criterion_number(notation, criterion["id"]) or criterion["title"]


def code(criterion: dict[str, Any]) -> str:
    return str(criterion["notation"] or criterion["id"])


def expected_explorer(framework: str, titles: dict[str, str]) -> dict[str, Any]:
    """What the explorer must show, from `crosswalk coverage|recommend|checklist`."""
    import site_support

    args = ["--framework", framework]
    for mid in MODELS:
        args += ["--model", mid]
    cov = site_support.cli_json("coverage", *args)
    rec = site_support.cli_json("recommend", *args)
    check = site_support.cli_json("checklist", *args)
    names = {c["ref"]: short(c) for c in cov["criteria"]}
    steps, open_gaps = [], len(rec["gaps"])
    for s in rec["steps"]:
        line = vocab.closes_line(len(s["closes"]), open_gaps)
        steps.append(
            f"Add {titles[s['model']]}: {line} ({', '.join(names[r] for r in s['closes'])})."
        )
        open_gaps = s["remaining"]
    none = ", ".join(names[r] for r in rec["uncloseable"])
    return {
        "rows": [[c["ref"], c["status"]] for c in cov["criteria"]],
        "summary": vocab.summary_line(cov["summary"]["counts"]),
        "steps": steps,
        "uncloseable": f"No model in the data closes: {none}." if none else None,
        "checklist": [
            [c["ref"], kind, [i["item"] for i in items]]
            for c in check["criteria"]
            for kind, items in c["kinds"].items()
        ],
    }


@pytest.mark.parametrize("framework", ["cqc-asc-2017", "ciw-adult-services"])
def test_explorer_shows_what_the_cli_says(site: Site, page: Watched, framework: str) -> None:
    import site_support

    page.page.goto(site.url + "explorer/index.html")
    site_support.tick_models(page.page, MODELS, framework)
    titles = {
        mid: page.page.inner_text(f"label[for=model-{mid}]").strip()
        for mid in page.page.eval_on_selector_all(
            "input[name=model]", "els => els.map(e => e.value)"
        )
    }
    shown = page.page.evaluate(READ_EXPLORER)
    expected = expected_explorer(framework, titles)
    assert [ref for ref, _ in shown["rows"]] == [ref for ref, _ in expected["rows"]], (
        "the explorer lists every criterion of the framework, in the CLI's (tree) order"
    )
    mismatched = [
        f"{ref}: explorer says {got}, crosswalk coverage says {want}"
        for (ref, got), (_, want) in zip(shown["rows"], expected["rows"], strict=True)
        if got != want
    ]
    assert not mismatched, "\n".join(mismatched)
    assert shown["summary"] == expected["summary"]
    # Both frameworks have gaps another model closes, and evidence items to gather.
    assert expected["steps"] and expected["checklist"]
    assert shown["steps"] == expected["steps"], "recommendations as `crosswalk recommend`"
    assert shown["uncloseable"] == expected["uncloseable"]
    assert shown["checklist"] == expected["checklist"], "items as `crosswalk checklist`"
    assert not page.errors, page.errors
    assert not page.failed, page.failed


def test_explorer_updates_when_models_change(site: Site, page: Watched) -> None:
    import site_support

    page.page.goto(site.url + "explorer/index.html")
    site_support.tick_models(page.page, MODELS, "cqc-asc-2017")
    page.page.uncheck("#model-senses-framework")
    page.page.uncheck("#model-my-home-life")
    assert page.page.locator("#explorer-table").count() == 0
    assert "Tick at least one model" in page.page.inner_text("#explorer-summary")
    page.page.check("#model-sfc-productivity-model")
    rows = page.page.eval_on_selector_all(
        "#explorer-table tr[data-ref]", "trs => trs.map(tr => [tr.dataset.ref, tr.dataset.status])"
    )
    cov = site_support.cli_json(
        "coverage", "--framework", "cqc-asc-2017", "--model", "sfc-productivity-model"
    )
    assert rows == [[c["ref"], c["status"]] for c in cov["criteria"]]


def test_search_finds_a_criterion(site: Site, page: Watched) -> None:
    """The criterion that names whistleblowers is among the results (others may name them
    too, such as a 2026 rating characteristic), and its result opens its page."""
    page.page.goto(site.url + "search/index.html")
    page.page.fill(".pagefind-ui__search-input", "whistleblowers")
    results = page.page.locator(".pagefind-ui__result-link")
    results.first.wait_for(timeout=10_000)
    wanted = results.filter(has_text="W3.3")
    assert wanted.count() == 1, results.all_inner_texts()
    wanted.click()
    page.page.wait_for_load_state()
    assert page.page.url == site.url + "frameworks/cqc-asc-2017/W3.3.html"
    assert page.page.inner_text("h1").startswith("W3.3 ")
    assert not page.failed, page.failed


def test_without_javascript_the_explorer_links_to_reports(site: Site, browser: Any) -> None:
    import site_support

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "explorer/index.html")
        assert not page.locator("#explorer").is_visible(), "the form needs JavaScript"
        notice = page.locator("noscript .govuk-inset-text")  # text matching skips <noscript>
        assert notice.is_visible()
        assert "pre-rendered report" in notice.inner_text()
        link = page.locator('a[href="../reports/my-home-life/cqc-asc-2017.html"]')
        assert link.count() == 1
        link.click()
        page.wait_for_load_state()
        assert page.url == site.url + "reports/my-home-life/cqc-asc-2017.html"
        assert page.locator("table#coverage").is_visible()
        rows = page.eval_on_selector_all(
            "#coverage tr[data-ref]",
            "trs => trs.map(tr => [tr.dataset.ref, tr.dataset.status ?? null])",
        )
    finally:
        context.close()
    cov = site_support.cli_json(
        "coverage", "--framework", "cqc-asc-2017", "--model", "my-home-life"
    )
    assert rows == [[code(c), c["status"]] for c in cov["criteria"]]


# ---- the explorer's combining, in Node, for every combination of models ------------------

NODE_RUNNER = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const [site, script, jobsFile] = process.argv.slice(2);
const explorer = require(script);
const context = { window: {} };
vm.createContext(context);
const read = (name) => {
  if (!context.window.crosswalkExplorer || !context.window.crosswalkExplorer[name]) {
    vm.runInContext(fs.readFileSync(path.join(site, "explorer", "data", name + ".js"), "utf8"),
                    context);
  }
  return context.window.crosswalkExplorer[name];
};
const words = read("words");
const answers = JSON.parse(fs.readFileSync(jobsFile, "utf8")).map((job) => {
  const framework = read(job.framework);
  const index = framework.answers.findIndex((a) => a.rating === job.rating);
  const got = explorer.combine(framework, index, job.models, words);
  const rows = got.answer.rows;
  return {
    rows: rows.map((r, i) => [r.ref, got.statuses[i]]),
    summary: explorer.summaryLine(got.counts, words),
    steps: got.steps.map((s) => [s.model, s.closes.map((i) => rows[i].ref), s.remaining]),
    uncloseable: got.uncloseable.map((i) => rows[i].ref),
    checklist: got.checklist.map((c) => [rows[c.row].ref, c.kinds.map((k) => [k.kind,
      k.items.map((i) => [i.text, i.elements])])]),
  };
});
process.stdout.write(JSON.stringify(answers));
"""


def combinations(models: list[str]) -> list[list[str]]:
    return [list(c) for n in range(1, len(models) + 1) for c in itertools.combinations(models, n)]


def engine_answer(index: Index, framework: str, rating: str | None, models: list[str]) -> Any:
    """The same answer from the report functions the CLI prints with."""
    corpus = index.corpus
    cov = index.coverage(framework, models, rating)
    data = report_data.coverage_data(corpus, cov)
    rec = report_data.recommend_data(corpus, recommend_for(index, cov))
    check = report_data.checklist_data(corpus, framework, cov.models, checklist_for(cov), rating)
    return {
        "rows": [[c["ref"], c["status"]] for c in data["criteria"]],
        "summary": vocab.summary_line(data["summary"]["counts"]),
        "steps": [[s["model"], s["closes"], s["remaining"]] for s in rec["steps"]],
        "uncloseable": rec["uncloseable"],
        "checklist": [
            [
                c["ref"],
                [
                    [kind, [[i["item"], i["elements"]] for i in items]]
                    for kind, items in c["kinds"].items()
                ],
            ]
            for c in check["criteria"]
        ],
    }


def test_the_explorer_combines_as_the_engine_answers_every_combination(
    bundled_build: tuple[Path, int], tmp_path: Path
) -> None:
    """Every combination of models on one framework (at every level it answers for), and
    every seventh combination and each single model on the others: the explorer's combining
    function, run in Node on the published data, says what `crosswalk coverage`, `recommend`
    and `checklist` say."""
    import site_support

    site_support.require("node")
    root, _ = bundled_build
    index = Index(pipeline.load_clean(BUNDLED).corpus)
    corpus = index.corpus
    jobs = []
    for fid in sorted(corpus.frameworks):
        data = (root / "explorer" / "data" / f"{fid}.js").read_text(encoding="utf-8")
        ratings = [None, *sorted(set(re.findall(r'"rating":"(\w+)"', data)))]
        reaching = [m for m in sorted(corpus.models) if fid in index.frameworks_reached(m)]
        every = combinations(sorted(corpus.models))
        if fid != "cqc-asc-2017":
            every = [c for i, c in enumerate(every) if len(c) == 1 or i % 7 == 0]
        assert len(reaching) > 3
        jobs += [{"framework": fid, "rating": r, "models": c} for r in ratings for c in every]
    assert len([j for j in jobs if j["framework"] == "cqc-asc-2017"]) >= 127
    (tmp_path / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    (tmp_path / "run.js").write_text(NODE_RUNNER, encoding="utf-8")
    done = subprocess.run(
        [
            "node",
            str(tmp_path / "run.js"),
            str(root),
            str(REPO / "site" / "static" / "js" / "explorer.js"),
            str(tmp_path / "jobs.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    wrong = []
    for job, got in zip(jobs, shown, strict=True):
        want = engine_answer(index, job["framework"], job["rating"], job["models"])
        for part in want:
            if got[part] != want[part]:
                wrong.append(f"{job}: {part}: explorer {got[part]!r}, engine {want[part]!r}")
    assert not wrong, f"{len(wrong)} differences, first:\n" + "\n".join(wrong[:5])


# ---- every count a model or report page shows is the CLI's --------------------------------


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Texts(HTMLParser):
    """A report page read as its reader sees it: the headline (`#summary`), the items of its
    numbered lists, and each table row's criterion and status."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[str]] = {"summary": [], "step": []}
        self.statuses: list[tuple[str, str | None]] = []
        self._open: list[str | None] = []  # per open element: what its text belongs to

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and "data-ref" in a:
            self.statuses.append((str(a["data-ref"]), a.get("data-status")))
        inside = self._open[-1] if self._open else None
        key = inside
        if a.get("id") == "summary":
            key = "summary"
        elif tag == "ol":
            key = "list"
        elif tag == "li" and inside == "list":
            key = "step"
        if key in self.found and key != inside:
            self.found[key].append("")
        if tag not in VOID:
            self._open.append(key)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        key = self._open[-1] if self._open else None
        if key in self.found:
            self.found[key][-1] += data

    def text(self, key: str) -> list[str]:
        return [" ".join(t.split()) for t in self.found[key]]


def _page(root: Path, path: str) -> _Texts:
    parser = _Texts()
    parser.feed((root / path).read_text(encoding="utf-8"))
    return parser


def test_every_count_on_model_and_report_pages_is_the_cli_answer(
    bundled_build: tuple[Path, int],
) -> None:
    """For every model on every framework it reaches: the model page's headline and gaps, and
    the report page's headline, statuses and recommendations, equal `crosswalk coverage` and
    `crosswalk recommend --format json`."""
    import site_support

    root, _ = bundled_build
    corpus = pipeline.load_clean(BUNDLED).corpus
    index = Index(corpus)
    checked = 0
    for mid in sorted(corpus.models):
        model_page = (root / urls.model(mid)).read_text(encoding="utf-8")
        for fid in index.frameworks_reached(mid):
            args = ("--framework", fid, "--model", mid)
            cov = site_support.cli_json("coverage", *args)
            rec = site_support.cli_json("recommend", *args)
            counts = cov["summary"]["counts"]
            line = vocab.summary_line(counts)
            # the model page: its headline for this framework, and its gaps disclosure
            headline = re.search(
                rf'class="govuk-body cw-summary" data-framework="{fid}">([^<]*)<', model_page
            )
            assert headline and headline.group(1) == line, (mid, fid)
            gaps = [c for c in cov["criteria"] if c["gap_reason"]]
            block = model_page.split(f'data-framework="{fid}">', 2)[-1].split("</details>")[0]
            if gaps:
                assert vocab.gaps_line(counts) + ": which and why" in block, (mid, fid)
                listed = re.findall(r'<li data-status="(\w+)">', block)
                assert listed == [c["status"] for c in gaps], (mid, fid)
            # the report page: headline, every row's status, each recommendation's words
            page = _page(root, urls.report(mid, fid))
            assert page.text("summary") == [line], (mid, fid)
            assert page.statuses == [(code(c), c["status"]) for c in cov["criteria"]]
            said = [s for s in page.text("step") if s.startswith("Add ")]
            open_gaps, want = len(rec["gaps"]), []
            for s in rec["steps"]:
                want.append(vocab.closes_line(len(s["closes"]), open_gaps))
                open_gaps = s["remaining"]
            assert [s.split(": ", 1)[1].split(" (")[0] for s in said] == want, (mid, fid)
            assert len(rec["gaps"]) == sum(counts[s] for s in vocab.GAPS)
            checked += 1
    assert checked >= len(corpus.models) * 3


def test_the_browser_runs_without_the_address_bar_pop_ups(browser: Any) -> None:
    """The tests' Chromium keeps the features Playwright turns off, and opens no pop-up pages
    of its own: Chromium reads only the last --disable-features (site_support)."""
    import site_support

    page = browser.new_page()
    try:
        page.goto("chrome://version")
        line = page.locator("#command_line").inner_text()
        targets = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
    finally:
        page.close()
    lists = [set(value.split(",")) for value in re.findall(r"--disable-features=(\S+)", line)]
    assert lists, line
    playwrights, ours = lists[0], lists[-1]
    assert ours == set(site_support.DISABLED_FEATURES)
    assert playwrights <= ours, f"Playwright turns off more now: {sorted(playwrights - ours)}"
    assert [t["url"] for t in targets if t["type"] == "browser_ui"] == []
