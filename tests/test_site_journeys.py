"""The commissioner's and the regulator's journeys, search and print, in Chromium at desktop
(1280 x 800) and phone (390 x 844) width: what each of them looks for is on the page, works,
and agrees with the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import site_support
from conftest import BUNDLED

from crosswalk import pipeline, review
from crosswalk.site import urls

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
# One page of every type, and the review and matrix pages again: none may be wider than a phone.
EVERY_TYPE = [
    "index.html",
    "frameworks/index.html",
    "frameworks/cqc-asc-2017/index.html",
    "frameworks/cqc-asc-2026/index.html",
    "frameworks/cqc-asc-2017/matrix.html",
    "frameworks/cqc-asc-2017/W3.5.html",
    "frameworks/ciw-adult-services/index.html",
    "models/index.html",
    "models/my-home-life/index.html",
    "models/my-home-life/shared-decision-making.html",
    "principles/index.html",
    "principles/pcp/co-production.html",
    "explorer/index.html",
    "reports/my-home-life/cqc-asc-2017.html",
    "review/index.html",
    "review/my-home-life-links.html",
    "review/alignment-cqc-2026.html",
    "downloads/index.html",
    "methodology/index.html",
    "accessibility/index.html",
    "search/index.html",
]


@pytest.fixture(scope="module")
def corpus() -> Any:
    return pipeline.load_clean(BUNDLED).corpus


def _open(page: Watched, site: Site, path: str, size: dict[str, int]) -> Any:
    page.page.set_viewport_size(size)
    page.page.goto(site.url + path)
    return page.page


# ---- the commissioner -------------------------------------------------------------------


@pytest.mark.parametrize("fid", ["cqc-asc-2017", "cqc-asc-2026", "ciw-adult-services"])
def test_the_matrix_shows_every_model_at_desktop_width(
    site: Site, page: Watched, corpus: Any, fid: str
) -> None:
    p = _open(page, site, urls.matrix(fid), DESKTOP)
    reaching = {m for ref in corpus.criteria_of(fid) for m in _models_reaching(corpus, ref)}
    titles = {corpus.models[m].title for m in reaching}
    shorts = p.eval_on_selector_all(
        ".cw-matrix thead th.cw-matrix__model a",
        "as => as.map(a => (a.querySelector('abbr') || a).textContent)",
    )
    # Each heading is short to the eye, with the model's full name for everyone else.
    assert len(shorts) == len(titles) > 3
    assert all(len(short) <= 12 for short in shorts), shorts
    full = p.eval_on_selector_all(
        ".cw-matrix thead th.cw-matrix__model a",
        "as => as.map(a => (a.querySelector('.govuk-visually-hidden') || a).textContent)",
    )
    assert set(full) == titles
    box = p.evaluate(
        "(() => { const w = document.querySelector('.cw-matrix-wrapper');"
        " return [w.scrollWidth, w.clientWidth, w.scrollHeight, w.clientHeight]; })()"
    )
    assert box[0] <= box[1], f"the matrix scrolls sideways at 1280 px: {box}"
    # Scrolled down inside its box, the header row stays at the top of the box.
    if box[2] > box[3]:
        p.evaluate("document.querySelector('.cw-matrix-wrapper').scrollTop = 400")
        tops = p.evaluate(
            "(() => { const w = document.querySelector('.cw-matrix-wrapper')"
            ".getBoundingClientRect();"
            " const h = document.querySelector('.cw-matrix thead th').getBoundingClientRect();"
            " return [w.top, h.top]; })()"
        )
        assert abs(tops[0] - tops[1]) < 2, tops
    assert not p.locator(".cw-matrix-phone").is_visible()
    assert not page.errors and not page.failed


def _models_reaching(corpus: Any, ref: str) -> set[str]:
    """The models with a direct link to the criterion or a path to it through a principle."""
    from crosswalk.analysis.coverage import Index

    return set(Index(corpus).models_reaching(ref))


def test_the_criterion_column_stays_in_view(site: Site, page: Watched) -> None:
    """Narrower than the table, the box scrolls sideways and the criterion column stays."""
    p = _open(page, site, urls.matrix("cqc-asc-2026"), {"width": 700, "height": 800})
    assert p.locator(".cw-matrix").is_visible()
    p.evaluate("document.querySelector('.cw-matrix-wrapper').scrollLeft = 300")
    lefts = p.evaluate(
        "(() => { const w = document.querySelector('.cw-matrix-wrapper').getBoundingClientRect();"
        " const h = document.querySelector('.cw-matrix tbody th').getBoundingClientRect();"
        " return [w.left, h.left, document.querySelector('.cw-matrix-wrapper').scrollLeft]; })()"
    )
    assert lefts[2] > 0, "the table is wider than its box here"
    assert abs(lefts[0] - lefts[1]) < 2, lefts


def test_a_phone_gets_a_list_per_model(site: Site, page: Watched) -> None:
    p = _open(page, site, urls.matrix("cqc-asc-2017"), PHONE)
    assert not p.locator(".cw-matrix").is_visible()
    models = p.locator(".cw-matrix-phone details")
    assert models.count() == p.locator(".cw-matrix thead th.cw-matrix__model").count() > 3
    models.first.locator("summary").click()
    first = models.first.locator(".govuk-details__text")
    assert first.is_visible() and first.locator("a").count() > 1
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_home_and_models_link_to_every_matrix(
    site: Site, page: Watched, corpus: Any, width: str
) -> None:
    for path in (urls.home(), urls.models()):
        p = _open(page, site, path, WIDTHS[width])
        hrefs = p.eval_on_selector_all("main a", "as => as.map(a => a.href)")
        for fid in corpus.frameworks:
            assert site.url + urls.matrix(fid) in hrefs, (path, fid)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_models_index_shows_the_cli_coverage(
    site: Site, page: Watched, corpus: Any, width: str
) -> None:
    p = _open(page, site, urls.models(), WIDTHS[width])
    shown = p.eval_on_selector_all(
        "#model-table tbody tr li[data-framework]",
        "lis => lis.map(li => [li.closest('tr').querySelector('a').getAttribute('href'),"
        " li.dataset.framework, Array.from(li.querySelectorAll('[data-status]'))"
        ".map(s => [s.dataset.status, Number(s.dataset.count)])])",
    )
    assert shown
    by_path = {urls.framework(f): f for f in corpus.frameworks}
    model_of = {"../" + urls.model(m): m for m in corpus.models}
    for href, framework, counts in shown:
        mid, fid = model_of[href], by_path[framework]
        cov = site_support.cli_json("coverage", "--framework", fid, "--model", mid)
        want = [[s, n] for s, n in cov["summary"]["counts"].items() if n]
        assert counts == want, (mid, fid)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_settings_not_recorded_is_a_filter(
    site: Site, page: Watched, corpus: Any, width: str
) -> None:
    p = _open(page, site, urls.models(), WIDTHS[width])
    p.check("#setting-not-recorded")
    visible = p.eval_on_selector_all(
        "#model-table tbody tr:not(.cw-filter-hidden) td:first-child a",
        "as => as.map(a => a.textContent)",
    )
    want = sorted(m.title for m in corpus.models.values() if not m.settings)
    assert want, "the bundled data has a model without recorded settings"
    assert sorted(visible) == want


# ---- the regulator ----------------------------------------------------------------------

SET = "my-home-life-links"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_review_filters_and_sorts(site: Site, page: Watched, corpus: Any, width: str) -> None:
    mine = [lk for lid, lk in sorted(corpus.links.items()) if corpus.link_set_of[lid] == SET]
    p = _open(page, site, urls.review_set(SET), WIDTHS[width])
    read = (
        "lis => lis.filter(li => !li.hidden).map(li => [li.id, li.dataset.strength,"
        " li.dataset.status, li.dataset.object])"
    )
    rows = p.eval_on_selector_all("#review-links > li", read)
    assert [r[0] for r in rows] == [urls.link_anchor(lk.id) for lk in mine]
    p.select_option("#filter-strength", "strong")
    rows = p.eval_on_selector_all("#review-links > li", read)
    assert [r[0] for r in rows] == [
        urls.link_anchor(lk.id) for lk in mine if lk.strength == "strong"
    ]
    assert f"Showing {len(rows)} of {len(mine)} links" == p.inner_text("#review-count")
    p.select_option("#filter-strength", "")
    p.select_option("#sort", "strength")
    order = [r[1] for r in p.eval_on_selector_all("#review-links > li", read)]
    rank = {"strong": 0, "partial": 1, "weak": 2}
    assert order == sorted(order, key=rank.__getitem__) and len(set(order)) > 1
    target = mine[0].object
    kind = "criterion" if target in corpus.criteria else "principle"
    p.select_option("#filter-object", urls.ref_page(target, kind))
    rows = p.eval_on_selector_all("#review-links > li", read)
    assert rows and {r[3] for r in rows} == {urls.ref_page(target, kind)}
    assert len(rows) == sum(1 for lk in mine if lk.object == target)
    p.select_option("#filter-object", "")
    p.select_option("#filter-status", "endorsed")
    rows = p.eval_on_selector_all("#review-links > li", read)
    assert len(rows) == sum(1 for lk in mine if lk.status == "endorsed")
    assert p.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]


def test_review_without_javascript_lists_every_link(site: Site, browser: Any, corpus: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        p = context.new_page()
        p.goto(site.url + urls.review_set(SET))
        assert not p.locator("#review-filter").is_visible()
        count = p.locator("#review-links > li").count()
    finally:
        context.close()
    assert count == sum(1 for lid in corpus.links if corpus.link_set_of[lid] == SET)


def test_a_link_id_leads_to_its_link_on_a_phone(site: Site, page: Watched, corpus: Any) -> None:
    lid = max(lid for lid in corpus.links if corpus.link_set_of[lid] == SET)
    p = _open(page, site, urls.review_set(SET) + "#" + urls.link_anchor(lid), PHONE)
    item = p.locator(f"#{urls.link_anchor(lid)}")
    assert item.is_visible() and item.locator(".cw-id").inner_text() == f"Link {lid}"
    box = item.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"]
    # Rationale and sources are separate rows, each as wide as the phone allows.
    rationale = item.locator(".cw-rationale")
    assert rationale.inner_text() == corpus.links[lid].rationale
    sources = item.locator("dt", has_text="Sources")
    assert sources.count() == 1
    width = rationale.bounding_box()
    assert width is not None and width["width"] > 300
    assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_review_workbook_is_downloadable(site: Site, page: Watched, corpus: Any) -> None:
    p = _open(page, site, urls.review(), DESKTOP)
    link = p.locator(f'main a[href="../{urls.review_workbook()}"]')
    assert link.count() == 1
    with p.expect_download() as download:
        link.click()
    got = Path(download.value.path()).read_bytes()
    assert got == review.export(corpus), "the same file `crosswalk review export` writes"


# ---- every page -------------------------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_criterion_answer_is_in_the_first_screen(site: Site, page: Watched, width: str) -> None:
    p = _open(page, site, urls.criterion("cqc-asc-2017:W3.5"), WIDTHS[width])
    box = p.locator("#answer").bounding_box()
    assert box is not None and box["y"] + box["height"] <= WIDTHS[width]["height"]
    assert "models supply direct evidence; best:" in p.inner_text("#answer")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_framework_tree_comes_before_its_provenance(
    site: Site, page: Watched, width: str
) -> None:
    p = _open(page, site, urls.framework("ciw-adult-services"), WIDTHS[width])
    about = p.locator("details#about")
    assert about.count() == 1 and about.get_attribute("open") is None
    tree = p.locator(".cw-tree").first.bounding_box()
    folded = about.bounding_box()
    assert tree is not None and folded is not None and tree["y"] < folded["y"]
    assert tree["y"] < 2 * WIDTHS[width]["height"], "the tree starts near the top"


@pytest.mark.parametrize("path", EVERY_TYPE)
def test_no_page_is_wider_than_a_phone(site: Site, page: Watched, path: str) -> None:
    p = _open(page, site, path, PHONE)
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} scrolls sideways at 390 px ({width} px)"


# ---- search -----------------------------------------------------------------------------


def _count(p: Any) -> int:
    """How many results Pagefind says it found (it shows them a few at a time)."""
    return int(p.inner_text(".pagefind-ui__message").split()[0])


def _results(p: Any) -> list[list[str]]:
    p.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    # Pagefind shows a placeholder for each result, then fills it in: wait for all of them
    p.wait_for_function(
        "() => [...document.querySelectorAll('.pagefind-ui__result')]"
        ".every(r => r.querySelector('.pagefind-ui__result-link'))",
        timeout=10_000,
    )
    return p.eval_on_selector_all(
        ".pagefind-ui__result",
        "rs => rs.map(r => [r.querySelector('.pagefind-ui__result-link').textContent,"
        " (r.querySelector('[data-pagefind-ui-meta=type]') || {textContent: ''}).textContent])",
    )


@pytest.mark.parametrize("width", list(WIDTHS))
def test_search_from_the_header_and_the_address(site: Site, page: Watched, width: str) -> None:
    p = _open(page, site, urls.model("my-home-life"), WIDTHS[width])
    p.fill("#header-search", "whistleblowers")
    p.press("#header-search", "Enter")
    p.wait_for_load_state()
    assert p.url.startswith(site.url + urls.search() + "?q=whistleblowers")
    hits = _results(p)
    assert hits[0][0].startswith("W3.3 ")
    assert "criterion of" in hits[0][1], "each result says what it is"
    assert p.input_value(".pagefind-ui__search-input") == "whistleblowers"
    assert not page.errors and not page.failed


def test_search_results_narrow_to_a_kind(site: Site, page: Watched) -> None:
    p = _open(page, site, urls.search() + "?q=dignity", DESKTOP)
    every = _results(p)
    kinds = {what.removeprefix("Type:").strip().split(" ", 1)[0] for _, what in every}
    assert {"criterion", "element"} <= kinds, every
    p.select_option("#search-kind", "element")
    shown = p.eval_on_selector_all(
        ".pagefind-ui__result:not(.cw-filter-hidden) [data-pagefind-ui-meta=type]",
        "tags => tags.map(t => t.textContent)",
    )
    assert shown and len(shown) < len(every)
    assert all("element of" in what for what in shown), shown
    assert p.locator(".pagefind-ui__result.cw-filter-hidden").first.is_hidden()


def test_search_over_file_says_it_needs_a_web_server(site: Site, browser: Any) -> None:
    context = browser.new_context()
    try:
        p = context.new_page()
        p.goto((site.root / urls.search()).as_uri() + "?q=dignity")
        notice = p.locator("#search-needs-server")
        notice.wait_for()
        assert "needs the site to be served by a web server" in notice.inner_text()
        assert p.locator(".pagefind-ui__search-input").count() == 0
    finally:
        context.close()


# ---- print ------------------------------------------------------------------------------


def test_a_printed_report_puts_the_checklist_first(site: Site, page: Watched) -> None:
    p = _open(page, site, urls.report("my-home-life", "cqc-asc-2017"), DESKTOP)
    p.emulate_media(media="print")
    assert not p.locator(".govuk-service-navigation").is_visible()
    assert p.locator(".govuk-phase-banner").is_visible(), "the draft caveat is printed"
    checklist = p.locator("#checklist").bounding_box()
    coverage = p.locator("#coverage").bounding_box()
    title = p.locator("h1").bounding_box()
    assert checklist and coverage and title
    assert title["y"] < checklist["y"] < coverage["y"]
    # Each tick box is drawn beside its words, never over them.
    overlaps = p.evaluate(
        """() => Array.from(document.querySelectorAll('.cw-checklist .govuk-checkboxes__label'))
          .filter(label => {
            const box = getComputedStyle(label, '::before');
            const range = document.createRange();
            range.selectNodeContents(label);
            const text = range.getClientRects()[0];
            const left = label.getBoundingClientRect().left;
            return box.position !== 'static' || text.left < left + parseFloat(box.width);
          }).length"""
    )
    assert p.locator(".cw-checklist .govuk-checkboxes__label").count() > 0
    assert overlaps == 0
