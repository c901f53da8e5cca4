"""The site in use, in Chromium: the gap explorer agrees with the CLI, search finds a
criterion, and without JavaScript the explorer leads to pre-rendered reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from crosswalk.site.views import KIND_LABELS

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

MODELS = ("my-home-life", "senses-framework")

# What the explorer shows, read from the page: rows, summary, steps and the checklist.
READ_EXPLORER = """() => {
  const result = document.querySelector('#explorer-result');
  const rows = Array.from(result.querySelectorAll('#explorer-table tr[data-ref]'))
    .map(tr => [tr.dataset.ref, tr.dataset.status ?? null]);  // a grouping has no status
  const steps = Array.from(result.querySelectorAll('#explorer-steps li')).map(li => li.textContent);
  const checklist = [];
  let inChecklist = false, criterion = null, kind = null;
  for (const node of result.children) {
    if (node.tagName === 'H2') {
      inChecklist = node.textContent === 'Evidence checklist';
      continue;
    }
    if (!inChecklist) continue;
    if (node.tagName === 'H3') { criterion = node.textContent; }
    else if (node.tagName === 'P' && criterion !== null) { kind = node.textContent; }
    else if (node.tagName === 'UL') {
      checklist.push([criterion, kind, Array.from(node.children).map(li => li.textContent)]);
    }
  }
  return {rows, steps, checklist,
          summary: result.querySelector('#explorer-summary').textContent};
}"""


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
    codes = {c["ref"]: code(c) for c in cov["criteria"]}
    counts = cov["summary"]["counts"]
    steps = [
        f"Add {titles[s['model']]}: closes {len(s['closes'])} "
        f"({', '.join(codes[r] for r in s['closes'])}); {s['remaining']} left."
        for s in rec["steps"]
    ]
    heading = {c["ref"]: f"{code(c)} {c['title']}" for c in cov["criteria"]}
    checklist = [
        [heading[c["ref"]], KIND_LABELS[kind], [i["item"] for i in items]]
        for c in check["criteria"]
        for kind, items in c["kinds"].items()
    ]
    return {
        "rows": [[c["ref"], c["status"]] for c in cov["criteria"]],
        "summary": f"{cov['summary']['total']} criteria: "
        + ", ".join(f"{n} {s}" for s, n in counts.items()),
        "steps": steps,
        "checklist": checklist,
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
    assert "Tick at least one model" in page.page.inner_text("#explorer-result")
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
