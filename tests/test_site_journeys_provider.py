"""The provider's journey through the gap explorer, in Chromium at desktop (1280 x 800) and
phone (390 x 844) width: the choice lives in the address, England or Wales is asked (and
remembered), the answer comes first, rows read as a framework reads, and the checklist says
where each item comes from. Every figure is checked against the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import site_support
from conftest import BUNDLED

from crosswalk import pipeline, vocab
from crosswalk.site import urls
from crosswalk.site.viewmodels import criterion_number

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
MODELS = ("my-home-life", "senses-framework")


@pytest.fixture(scope="module")
def corpus() -> Any:
    return pipeline.load_clean(BUNDLED).corpus


def address(framework: str, *models: str) -> str:
    query = "&".join([f"framework={framework}", *(f"model={m}" for m in models)])
    return f"{urls.explorer()}?{query}"


def cli(framework: str, *models: str, command: str = "coverage") -> Any:
    args = ["--framework", framework]
    for mid in models:
        args += ["--model", mid]
    return site_support.cli_json(command, *args)


def answered(p: Any, framework: str) -> None:
    """Wait until the explorer shows its answer for the framework."""
    p.wait_for_selector(f"#explorer-table tr[data-ref^='{framework}:']")


def summary(p: Any) -> str:
    return str(p.inner_text("#explorer-summary")).strip()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_choice_is_in_the_address_and_back_restores_it(
    site: Site, page: Watched, width: str
) -> None:
    p = page.page
    p.set_viewport_size(WIDTHS[width])
    p.goto(site.url + address("cqc-asc-2017", "my-home-life"))
    answered(p, "cqc-asc-2017")
    assert p.is_checked("#country-england")
    assert p.input_value("#framework") == "cqc-asc-2017"
    assert p.is_checked("#model-my-home-life") and not p.is_checked("#model-senses-framework")
    alone = vocab.summary_line(cli("cqc-asc-2017", "my-home-life")["summary"]["counts"])
    assert summary(p) == alone
    p.check("#model-senses-framework")
    p.wait_for_url("**/explorer/index.html?framework=cqc-asc-2017&model=*&model=*")
    assert p.url.endswith(address("cqc-asc-2017", *MODELS).removeprefix("explorer/"))
    both = vocab.summary_line(cli("cqc-asc-2017", *MODELS)["summary"]["counts"])
    p.wait_for_function(
        "want => document.querySelector('#explorer-summary').textContent === want", arg=both
    )
    p.go_back()
    p.wait_for_function(
        "want => document.querySelector('#explorer-summary').textContent === want", arg=alone
    )
    assert not p.is_checked("#model-senses-framework")
    assert p.url == site.url + address("cqc-asc-2017", "my-home-life")
    # The address alone, in a new tab, gives the same answer: it can be bookmarked or shared.
    other = p.context.new_page()
    other.goto(site.url + address("cqc-asc-2017", *MODELS))
    answered(other, "cqc-asc-2017")
    assert summary(other) == both
    assert not page.errors and not page.failed


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_country_is_asked_then_remembered(
    site: Site, page: Watched, corpus: Any, width: str
) -> None:
    p = page.page
    p.set_viewport_size(WIDTHS[width])
    p.goto(site.url + urls.explorer())
    p.wait_for_selector("#explorer:not([hidden])")
    assert not p.is_checked("#country-england") and not p.is_checked("#country-wales")
    assert not p.locator("#framework").is_visible(), "no framework is chosen for anyone"
    assert "England or Wales" in summary(p)
    p.check("#country-wales")
    welsh = sorted(f for f, fw in corpus.frameworks.items() if str(fw.jurisdiction) == "wales")
    offered = p.eval_on_selector_all("#framework option", "os => os.map(o => o.value)")
    assert sorted(offered) == welsh
    p.reload()
    p.wait_for_selector("#explorer:not([hidden])")
    assert p.is_checked("#country-wales"), "the last choice is remembered"
    assert sorted(p.eval_on_selector_all("#framework option", "os => os.map(o => o.value)")) == (
        welsh
    )
    p.check("#country-england")
    english = sorted(f for f, fw in corpus.frameworks.items() if str(fw.jurisdiction) == "england")
    offered = p.eval_on_selector_all("#framework option", "os => os.map(o => o.value)")
    assert sorted(offered) == english
    assert not page.errors  # (a reload may cancel a request, which is not a failure)


@pytest.mark.parametrize("framework", ["cqc-asc-2017", "cqc-asc-2026"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_answer_is_in_the_first_screen(
    site: Site, page: Watched, width: str, framework: str
) -> None:
    p = page.page
    p.set_viewport_size(WIDTHS[width])
    p.goto(site.url + address(framework, *MODELS))
    answered(p, framework)
    box = p.locator("#explorer-summary").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= WIDTHS[width]["height"], box
    assert summary(p) == vocab.summary_line(cli(framework, *MODELS)["summary"]["counts"])


def test_only_the_summary_sentence_is_announced(site: Site, page: Watched) -> None:
    p = page.page
    p.goto(site.url + address("cqc-asc-2017", *MODELS))
    answered(p, "cqc-asc-2017")
    live = p.eval_on_selector_all("[aria-live]", "els => els.map(e => e.id)")
    assert live == ["explorer-summary"]
    assert p.locator("#explorer-summary *").count() == 0, "a sentence, nothing more"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_rows_read_as_the_framework_does(
    site: Site, page: Watched, corpus: Any, width: str
) -> None:
    """Children are indented under their parent; a grouping shows its children's counts and
    no status; legal context says it is not counted."""
    p = page.page
    p.set_viewport_size(WIDTHS[width])
    for framework in ("cqc-asc-2017", "ciw-adult-services"):
        p.goto(site.url + address(framework, *MODELS))
        answered(p, framework)
        cov = cli(framework, *MODELS)
        lefts = dict(
            p.eval_on_selector_all(
                "#explorer-table tr[data-ref]",
                "trs => trs.map(tr => [tr.dataset.ref,"
                " tr.querySelector('th a').getBoundingClientRect().left])",
            )
        )
        for c in cov["criteria"]:
            if c["parent"]:
                assert lefts[c["ref"]] > lefts[f"{framework}:{c['parent']}"], c["ref"]
        for c in cov["criteria"]:
            row = p.locator(f"#explorer-table tr[data-ref='{c['ref']}']")
            support = " ".join(str(row.locator(".cw-explorer__support").text_content()).split())
            why = str(row.locator(".cw-explorer__reason").text_content()).strip()
            if c["role"] == "grouping":
                assert row.get_attribute("data-status") is None
                assert support == vocab.summary_line(c["children"]), c["ref"]
            elif c["role"] == "context":
                assert "legal context, not counted" in support
                assert why == "", "context is never a gap"
            else:
                assert why == (c["gap_reason"] or ""), c["ref"]
        roles = {c["role"] for c in cov["criteria"]}
        assert roles >= ({"grouping"} if framework == "cqc-asc-2017" else {"context"})
    assert not page.errors and not page.failed


# Every word of every row, as the browser lays it out: a word drawn on two lines has boxes at
# two heights. (Ranges over each run of characters up to a space or a hyphen.)
BROKEN_WORDS = """() => {
  const broken = [];
  for (const tr of document.querySelectorAll('#explorer-table tr[data-ref]')) {
    const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s-]+-?/g)) {  // a break after a hyphen is fine
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("framework", ["cqc-asc-2017", "cqc-asc-2026", "ciw-adult-services"])
def test_on_a_phone_words_stay_whole_and_rows_short(
    site: Site, page: Watched, framework: str
) -> None:
    p = page.page
    p.set_viewport_size(PHONE)
    p.goto(site.url + address(framework, *MODELS))
    answered(p, framework)
    assert p.evaluate(BROKEN_WORDS) == []
    heights = p.eval_on_selector_all(
        "#explorer-table tr[data-ref]",
        "trs => trs.map(tr => [tr.dataset.ref, tr.getBoundingClientRect().height])",
    )
    tall = [(ref, h) for ref, h in heights if h > 300]
    assert heights and not tall, tall
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_checklist_ticks_and_names_each_element(
    site: Site, page: Watched, corpus: Any, width: str
) -> None:
    p = page.page
    p.set_viewport_size(WIDTHS[width])
    p.goto(site.url + address("cqc-asc-2017", *MODELS))
    answered(p, "cqc-asc-2017")
    shown = p.eval_on_selector_all(
        ".cw-explorer__check .govuk-checkboxes__item",
        "items => items.map(i => [i.closest('section').dataset.ref,"
        " i.querySelector('input[type=checkbox]') !== null,"
        " i.querySelector('label').textContent,"
        " Array.from(i.querySelectorAll('.govuk-hint a')).map(a => a.getAttribute('href'))])",
    )
    want = [
        (c["ref"], i["item"], [f"../{urls.element(e)}" for e in i["elements"]])
        for c in cli("cqc-asc-2017", *MODELS, command="checklist")["criteria"]
        for items in c["kinds"].values()
        for i in items
    ]
    assert want and [(ref, text, hrefs) for ref, _, text, hrefs in shown] == want
    assert all(box for _, box, _, _ in shown), "every item has a tick box"
    first = p.locator(".cw-explorer__check .govuk-checkboxes__input").first
    first.check()
    assert first.is_checked()
    hint = p.locator(".cw-explorer__check .govuk-hint").first.inner_text()
    checklist = cli("cqc-asc-2017", *MODELS, command="checklist")["criteria"]
    first_item = next(iter(checklist[0]["kinds"].values()))[0]
    element = corpus.elements[first_item["elements"][0]]
    assert hint.startswith("From ") and element.title in hint


@pytest.mark.parametrize("width", list(WIDTHS))
def test_what_no_model_closes_is_said(site: Site, page: Watched, corpus: Any, width: str) -> None:
    p = page.page
    p.set_viewport_size(WIDTHS[width])
    p.goto(site.url + address("cqc-asc-2017", "my-home-life"))
    answered(p, "cqc-asc-2017")
    rec = cli("cqc-asc-2017", "my-home-life", command="recommend")
    assert rec["uncloseable"], "the bundled data leaves some gaps no model closes"
    names = [
        criterion_number(corpus.criteria[r].notation, corpus.criteria[r].id)
        or corpus.criteria[r].title
        for r in rec["uncloseable"]
    ]
    said = p.inner_text("#explorer-uncloseable")
    assert said == f"No model in the data closes: {', '.join(names)}."
    steps = p.eval_on_selector_all("#explorer-steps li", "lis => lis.map(li => li.textContent)")
    assert len(steps) == len(rec["steps"])
    assert vocab.closes_line(len(rec["steps"][0]["closes"]), len(rec["gaps"])) in steps[0]
