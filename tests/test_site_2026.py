"""CQC's 2026 draft on the site: its stage on every page about it, its key lines of enquiry
with their rating characteristics side by side (GOV.UK tabs, with and without JavaScript, on
a phone), a page per characteristic, the explorer's rating level, each model's "what changes",
Welsh names marked as Welsh, and the strength rubric and CQC's licence on the methodology page.

Every expectation is read from the data or from the CLI's own answers, never written here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import BUNDLED

from crosswalk import pipeline
from crosswalk.analysis.lifecycle import stage_note
from crosswalk.corpus import Corpus
from crosswalk.enums import CriterionLevel, Stage
from crosswalk.site import rubric, urls
from crosswalk.vocab import SHORT, summary_line

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

DRAFT = "cqc-asc-2026"
BEFORE = "cqc-saf-2024"
MODEL = "my-home-life"
# One page of each type about the draft framework.
DRAFT_PAGES = {
    "framework": urls.framework(DRAFT),
    "kloe": urls.criterion(f"{DRAFT}:S1"),
    "characteristic": urls.criterion(f"{DRAFT}:S1-G2"),
    "matrix": urls.matrix(DRAFT),
    "report": urls.report(MODEL, DRAFT),
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return pipeline.load_clean(BUNDLED).corpus


def words(text: str) -> str:
    return " ".join(text.split())


def note_of(corpus: Corpus, fid: str) -> str:
    titles = {f: fw.short_title or fw.title for f, fw in corpus.frameworks.items()}
    return stage_note(corpus.frameworks[fid], titles)


def static_page(browser: Any, site: Site, path: str, **options: Any) -> Any:
    """A page opened without JavaScript: the HTML as built."""
    context = browser.new_context(java_script_enabled=False, **options)
    page = context.new_page()
    page.goto(site.url + path)
    return page


# The stage ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(DRAFT_PAGES))
def test_every_page_about_the_draft_says_so(
    site: Site, browser: Any, corpus: Corpus, kind: str
) -> None:
    source = corpus.sources[f"{DRAFT}-draft"]
    assert corpus.frameworks[DRAFT].url == source.url, "the draft's text is its framework's"
    page = static_page(browser, site, DRAFT_PAGES[kind])
    try:
        banner = page.locator(".govuk-notification-banner")
        assert banner.count() == 1, f"one stage banner on the {kind} page"
        text = words(banner.inner_text())
        assert note_of(corpus, DRAFT) in text
        assert f"“{source.title}”" in text, "the banner names the draft text by its title"
        assert "secondary" in text and "not proven identical" in text, "and its caveat"
        assert page.locator(f'.govuk-notification-banner a[href="{source.url}"]').count() == 1
    finally:
        page.context.close()


def test_superseded_and_in_force_frameworks(site: Site, browser: Any, corpus: Corpus) -> None:
    stages = {fid: fw.lifecycle.stage for fid, fw in corpus.frameworks.items()}
    superseded = sorted(f for f, s in stages.items() if s is Stage.superseded)
    in_force = sorted(f for f, s in stages.items() if s is Stage.in_force)
    assert superseded and in_force
    page = static_page(browser, site, urls.framework(superseded[0]))
    try:
        text = words(page.locator(".govuk-notification-banner").inner_text())
        assert note_of(corpus, superseded[0]) in text
        page.goto(site.url + urls.framework(in_force[0]))
        assert page.locator(".govuk-notification-banner").count() == 0, "in force: no banner"
    finally:
        page.context.close()


def test_the_frameworks_index_shows_each_stage(site: Site, browser: Any, corpus: Corpus) -> None:
    page = static_page(browser, site, urls.frameworks())
    try:
        for fid, fw in corpus.frameworks.items():
            row = page.locator("tbody tr").filter(
                has=page.locator(f'a[href="../{urls.framework(fid)}"]')
            )
            tag = row.locator(".cw-stage").inner_text().strip().lower()
            assert tag == str(fw.lifecycle.stage).replace("_", " "), fid
    finally:
        page.context.close()


# The framework page: key lines of enquiry, their characteristics by level --------------------


def test_each_kloe_with_its_question_topics_and_characteristics(
    site: Site, browser: Any, corpus: Corpus
) -> None:
    page = static_page(browser, site, urls.framework(DRAFT))
    try:
        tree = page.locator(".cw-tree").first
        for ref in corpus.criteria_of(DRAFT):
            crit = corpus.criteria[ref]
            link = f'a[href$="/{ref.split(":", 1)[1]}.html"]'
            if crit.level is CriterionLevel.rating_characteristic:
                assert tree.locator(link).count() == 0, f"{ref} is not a child in the tree"
                continue
            if crit.level is not CriterionLevel.kloe:
                continue
            section = page.locator(f"#kloe-{crit.id}")
            assert section.count() == 1, f"{ref} has a section"
            text = words(section.inner_text())
            assert crit.text and crit.text in text, f"{ref}: its question"
            assert all(t in text for t in crit.topics), f"{ref}: its scope topics"
            mine = [
                corpus.criteria[r]
                for r in corpus.criteria_of(DRAFT)
                if corpus.criteria[r].parent == crit.id and corpus.criteria[r].rating
            ]
            tabs = section.locator(".govuk-tabs__tab").all_inner_texts()
            levels = {lv.id: lv.title for lv in corpus.frameworks[DRAFT].rating_scale}
            expected = [levels[x] for x in ("good", "outstanding", "requires_improvement")]
            if mine:
                assert [t.split(":")[0].strip() for t in tabs[:3]] == expected, tabs
                for ch in mine:
                    panel = section.locator(f"#kloe-{crit.id}-{ch.rating}")
                    assert panel.locator(f'a[href$="/{ch.id}.html"]').count() == 1, ch.id
            else:
                assert not tabs
    finally:
        page.context.close()


def test_good_and_outstanding_count_what_the_models_supply(
    site: Site, browser: Any, corpus: Corpus
) -> None:
    import site_support

    page = static_page(browser, site, urls.framework(DRAFT))
    try:
        args = ["--framework", DRAFT]
        for mid in sorted(corpus.models):
            args += ["--model", mid]
        for level in ("good", "outstanding"):
            cov = site_support.cli_json("coverage", *args, "--rating", level)
            by_kloe: dict[str, dict[str, int]] = {}
            for row in cov["criteria"]:
                tally = by_kloe.setdefault(row["parent"], {})
                tally[row["status"]] = tally.get(row["status"], 0) + 1
            for kloe, tally in by_kloe.items():
                panel = page.locator(f"#kloe-{kloe}-{level}")
                said = words(panel.locator("p").first.inner_text())
                expected = ", ".join(f"{n} {SHORT[s]}" for s, n in tally_in_order(tally))
                assert said.endswith(f": {expected}."), (kloe, level, said)
                statuses = panel.locator(".cw-characteristics .cw-status").evaluate_all(
                    "badges => badges.map(b => b.dataset.status)"
                )
                rows = [r["status"] for r in cov["criteria"] if r["parent"] == kloe]
                assert statuses == rows, (kloe, level)
        for level in ("requires_improvement", "inadequate"):
            panels = page.locator(f".govuk-tabs__panel[id$='-{level}']")
            assert panels.count() > 0
            for i in range(panels.count()):
                assert "what to avoid" in panels.nth(i).locator("h5").inner_text()
                assert panels.nth(i).locator(".cw-status").count() == 0
    finally:
        page.context.close()


def tally_in_order(tally: dict[str, int]) -> list[tuple[str, int]]:
    from crosswalk.vocab import STATUSES

    return [(s, tally[s]) for s in STATUSES if tally.get(s)]


# GOV.UK tabs: with JavaScript, without it, on a phone -----------------------------------------


def panels_shown(page: Any, kloe: str) -> list[bool]:
    panels = page.locator(f"#kloe-{kloe} .govuk-tabs__panel")
    return [panels.nth(i).is_visible() for i in range(panels.count())]


def test_tabs_switch_with_javascript(site: Site, context: Any) -> None:
    page = context.new_page()
    page.set_viewport_size(DESKTOP)
    page.goto(site.url + urls.framework(DRAFT))
    tabs = page.locator("#kloe-S1 .govuk-tabs__tab")
    assert tabs.count() == 4
    assert panels_shown(page, "S1") == [True, False, False, False], "only the first level"
    tabs.nth(1).click()
    assert panels_shown(page, "S1") == [False, True, False, False]
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    assert tabs.nth(0).get_attribute("aria-selected") == "false"
    assert panels_shown(page, "WL1")[0], "another KLOE's tabs are its own"


def test_without_javascript_every_level_is_a_headed_section(site: Site, browser: Any) -> None:
    page = static_page(browser, site, urls.framework(DRAFT), viewport=DESKTOP)
    try:
        assert all(panels_shown(page, "S1"))
        links = page.locator("#kloe-S1 .govuk-tabs__tab")
        panels = page.locator("#kloe-S1 .govuk-tabs__panel")
        for i in range(panels.count()):
            panel_id = panels.nth(i).get_attribute("id")
            assert links.nth(i).get_attribute("href") == f"#{panel_id}", "the list leads to it"
            heading = panels.nth(i).locator("h5").inner_text()
            assert links.nth(i).inner_text().split(":")[0].strip() in heading
    finally:
        page.context.close()


def test_on_a_phone_the_levels_follow_each_other(site: Site, context: Any) -> None:
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(site.url + urls.framework(DRAFT))
    page.wait_for_load_state("load")
    assert all(panels_shown(page, "WL2")), "GOV.UK tabs are sections below tablet width"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width} px)"


# A characteristic's own page -----------------------------------------------------------------


def test_a_characteristic_page_shows_its_level_kloe_and_support(
    site: Site, browser: Any, corpus: Corpus
) -> None:
    import site_support

    ref = f"{DRAFT}:S1-G2"
    crit = corpus.criteria[ref]
    level = next(lv for lv in corpus.frameworks[DRAFT].rating_scale if lv.id == crit.rating)
    parent = corpus.criteria[f"{DRAFT}:{crit.parent}"]
    page = static_page(browser, site, urls.criterion(ref))
    try:
        assert (
            f"{level.title} rating characteristic" in page.locator(".govuk-caption-l").inner_text()
        )
        rows = page.locator(".govuk-summary-list__row")
        level_row = rows.filter(has=page.locator("dt", has_text="Rating level"))
        assert level.title in level_row.locator("dd").inner_text()
        kloe_row = rows.filter(has=page.locator("dt", has_text="Key line of enquiry"))
        assert kloe_row.locator(f'a[href$="/{parent.id}.html"]').count() == 1
        shown = {
            page.locator(f"#model-{i} a").inner_text(): page.locator(
                f"#model-{i} .cw-status"
            ).get_attribute("data-status")
            for i in range(1, page.locator("section[aria-labelledby^=model-]").count() + 1)
        }
        expected = {}
        for mid, model in sorted(corpus.models.items()):
            cov = site_support.cli_json(
                "coverage", "--framework", DRAFT, "--model", mid, "--rating", str(crit.rating)
            )
            row = next(r for r in cov["criteria"] if r["ref"] == ref)
            if row["status"] != "none":
                expected[model.title] = row["status"]
        assert expected, "some model supports this characteristic"
        assert shown == expected, "each model's support at the characteristic's level"
        direct = page.locator("section[aria-labelledby^=model-] h4").count()
        assert direct > 0, "with the direct links, their evidence and sources"
    finally:
        page.context.close()


# The explorer's rating level -----------------------------------------------------------------

READ = """() => ({
  rows: Array.from(document.querySelectorAll('#explorer-table tr[data-ref]'))
    .map(tr => [tr.dataset.ref, tr.dataset.status ?? null]),
  summary: document.querySelector('#explorer-summary').textContent,
  stage: document.querySelector('#explorer-stage')?.textContent ?? null,
})"""


@pytest.mark.parametrize("level", ["good", "outstanding"])
def test_the_explorer_answers_at_a_rating_level_as_the_cli(
    site: Site, page: Watched, corpus: Corpus, level: str
) -> None:
    import site_support

    page.page.goto(site.url + urls.explorer())
    site_support.tick_models(page.page, (MODEL,), DRAFT)
    assert page.page.locator("#rating-group").is_visible()
    page.page.select_option("#rating", level)
    page.page.wait_for_selector(f"#explorer-table tr[data-ref^='{DRAFT}:']")
    shown = page.page.evaluate(READ)
    cov = site_support.cli_json(
        "coverage", "--framework", DRAFT, "--model", MODEL, "--rating", level
    )
    assert shown["rows"] == [[c["ref"], c["status"]] for c in cov["criteria"]]
    assert shown["summary"] == summary_line(cov["summary"]["counts"])
    assert shown["stage"] and note_of(corpus, DRAFT) in shown["stage"]
    page.page.select_option("#framework", BEFORE)  # no characteristics: no rating choice
    page.page.wait_for_selector(f"#explorer-table tr[data-ref^='{BEFORE}:']")
    assert not page.page.locator("#rating-group").is_visible()
    assert page.page.evaluate(READ)["stage"] is None, "a framework in force has no warning"
    assert not page.errors, page.errors


# A model's "what changes" --------------------------------------------------------------------


@pytest.mark.parametrize("mid", ["my-home-life", "sfc-productivity-model"])
def test_what_changes_is_the_migration_answer(site: Site, browser: Any, mid: str) -> None:
    import site_support

    data = site_support.cli_json("migrate", "--model", mid, "--from", BEFORE, "--to", DRAFT)
    page = static_page(browser, site, urls.model(mid))
    try:
        section = page.locator(".cw-changes")
        assert section.count() == 1
        carried = section.locator(".cw-carried > li")
        assert [carried.nth(i).get_attribute("data-ref") for i in range(carried.count())] == [
            urls.criterion(c["ref"]) for c in data["carried"]
        ]
        for i, row in enumerate(data["carried"]):
            items = carried.nth(i).locator(".cw-carried__item").all_inner_texts()
            assert len(items) == len(row["items"])
            for text, item in zip(items, row["items"], strict=True):
                assert words(text).startswith(words(item["item"]))
                assert words(item["carries"]) in words(text)
        new = [c for c in data["no_predecessor"] if not c["rating"]]
        assert section.locator(".cw-new a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))"
        ) == [f"../../{urls.criterion(c['ref'])}" for c in new]
        assert section.locator(".cw-gone a").count() == len(data["no_successor"])
        rated = sum(1 for c in data["no_predecessor"] if c["rating"])
        if rated:
            text = words(section.inner_text())
            numbers = re.search(r"Rating characteristics with no predecessor: ([^.]*)\.", text)
            assert numbers, text
            assert sum(int(n) for n in re.findall(r"\d+", numbers.group(1))) == rated
    finally:
        page.context.close()


# Welsh names ---------------------------------------------------------------------------------


def test_welsh_names_are_marked_as_welsh(site: Site, browser: Any, corpus: Corpus) -> None:
    welsh = {
        fid
        for fid, fw in corpus.frameworks.items()
        if any(lv.title_cy for lv in fw.rating_scale)
        or any(corpus.criteria[r].title_cy for r in corpus.criteria_of(fid))
    }
    assert welsh
    for fid in sorted(welsh):
        page = static_page(browser, site, urls.framework(fid))
        try:
            # textContent: the rating scale is inside "About this framework", folded away
            marked = page.locator('[lang="cy"]').all_text_contents()
            for lv in corpus.frameworks[fid].rating_scale:
                if lv.title_cy:
                    assert lv.title_cy in marked, f"{fid} rating level {lv.id}"
            for ref in corpus.criteria_of(fid):
                title_cy = corpus.criteria[ref].title_cy
                if title_cy:
                    assert title_cy in marked, ref
                    page.goto(site.url + urls.criterion(ref))
                    assert page.locator('h1 [lang="cy"]').inner_text() == title_cy
                    page.goto(site.url + urls.framework(fid))
        finally:
            page.context.close()


# The methodology page ------------------------------------------------------------------------


def plain_section(path: Path) -> list[str]:
    """The rubric's section of the docs as bare words, markup and table rules left out: read
    here independently of crosswalk.site.rubric."""
    text = path.read_text(encoding="utf-8")
    section = text.split(f"## {rubric.HEADING}\n", 1)[1].split("\n## ", 1)[0]
    kept = [ln for ln in section.splitlines() if not re.fullmatch(r"\|[\s:|-]+\|?", ln.strip())]
    bare = re.sub(r"^\s*\d+\.\s", "", "\n".join(kept), flags=re.MULTILINE)
    return bare_words(bare)


def bare_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s|]+", re.sub(r"[*`]", "", text)) if w]


def test_the_rubric_is_read_word_for_word_from_the_docs() -> None:
    read = rubric.load()
    assert read.blocks, "the section has content"
    assert bare_words(read.words()) == plain_section(rubric.DOCS)
    kinds = [b for b in read.blocks if b.kind == "table"]
    assert len(kinds) >= 4, "the three relations' tables and the evidence kinds"


def test_a_missing_rubric_stops_the_build_with_what_to_do(tmp_path: Path) -> None:
    docs = tmp_path / "data-format.md"
    docs.write_text("# The data format\n\n## Something else\n\ntext\n", encoding="utf-8")
    with pytest.raises(rubric.RubricError, match=f"{docs}: no section '## {rubric.HEADING}'"):
        rubric.load(docs)


def test_the_methodology_page_carries_the_rubric_and_the_licence(site: Site, browser: Any) -> None:
    read = rubric.load()
    page = static_page(browser, site, urls.methodology())
    try:
        shown = words(page.locator(".cw-rubric").inner_text())
        for block in read.blocks:
            for runs in [block.runs, *block.items, *(c for row in block.rows for c in row)]:
                assert words("".join(t for _, t in runs)) in shown
        assert page.locator(".cw-rubric table").count() == sum(
            1 for b in read.blocks if b.kind == "table"
        )
        licence = page.locator("#licence + p")
        assert "Care Quality Commission" in licence.inner_text()
        link = licence.locator("a[rel=license]")
        assert link.inner_text() == "Open Government Licence v3.0"
        assert link.get_attribute("href") == (
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
        )
    finally:
        page.context.close()


# Accessibility of the new page types ---------------------------------------------------------

NEW_PAGES = {
    "framework-2026": urls.framework(DRAFT),
    "kloe": urls.criterion(f"{DRAFT}:WL1"),
    "characteristic": urls.criterion(f"{DRAFT}:S1-G2"),
    "avoid-characteristic": urls.criterion(f"{DRAFT}:S1-I1"),
    "model-changes": urls.model(MODEL),
    "methodology": urls.methodology(),
}


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", list(NEW_PAGES))
def test_no_serious_accessibility_violations(
    site: Site, page: Watched, kind: str, width: dict[str, int]
) -> None:
    from test_site_a11y import assert_clean

    page.page.set_viewport_size(width)
    page.page.goto(site.url + NEW_PAGES[kind])
    page.page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert_clean(page, kind)
    scroll = page.page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width["width"], f"{kind} scrolls sideways ({scroll} px)"


def test_axe_on_the_explorer_at_a_rating_level(site: Site, page: Watched) -> None:
    import site_support
    from test_site_a11y import assert_clean

    page.page.goto(site.url + urls.explorer())
    site_support.tick_models(page.page, (MODEL,), DRAFT)
    page.page.select_option("#rating", "outstanding")
    assert_clean(page, "explorer at a rating level")
