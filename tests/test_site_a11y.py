"""axe-core in headless Chromium on one page of every type: no serious or critical violation.

Each page is checked as a visitor sees it after using it: every <details> opened, the gap
explorer with two models ticked, the search page with results. It must also load without
script errors or failed requests. The criterion page and the explorer are checked again at
phone width (375 px), where nothing may make the page scroll sideways.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

# One page of every type of the bundled site.
PAGE_TYPES = {
    "home": "index.html",
    "frameworks-index": "frameworks/index.html",
    "framework": "frameworks/cqc-asc-2017/index.html",
    "matrix": "frameworks/cqc-asc-2017/matrix.html",
    "criterion": "frameworks/cqc-asc-2017/W3.5.html",
    "models-index": "models/index.html",
    "model": "models/my-home-life/index.html",
    "element": "models/my-home-life/shared-decision-making.html",
    "principles-index": "principles/index.html",
    "principle": "principles/pcp/co-production.html",
    "explorer": "explorer/index.html",
    "report": "reports/my-home-life/cqc-asc-2017.html",
    "review": "review/index.html",
    "review-set": "review/my-home-life-links.html",
    "downloads": "downloads/index.html",
    "methodology": "methodology/index.html",
    "accessibility": "accessibility/index.html",
    "search": "search/index.html",
}
BLOCKING = {"serious", "critical"}
PHONE = {"width": 375, "height": 812}


def open_as_used(page: Any, site: Site, kind: str) -> None:
    """Open a page and use it the way its visitors do, so axe sees what they see."""
    import site_support

    page.goto(site.url + PAGE_TYPES[kind])
    if kind == "explorer":
        site_support.tick_models(page, ("my-home-life", "senses-framework"))
    if kind == "search":
        page.fill(".pagefind-ui__search-input", "whistleblowers")
        page.wait_for_selector(".pagefind-ui__result-link")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    import site_support

    site_support.require("axe-core", site_support.AXE_JS)
    # Evaluated by the driver, not added as an inline <script>, which the pages' policy refuses.
    page.evaluate(site_support.AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def assert_clean(watched: Watched, kind: str) -> None:
    violations = axe_violations(watched.page)
    assert not violations, f"axe on {kind}:\n{describe(violations)}"
    assert not watched.errors, f"script errors on {kind}: {watched.errors}"
    assert not watched.failed, f"failed requests on {kind}: {watched.failed}"


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(site: Site, page: Watched, kind: str) -> None:
    open_as_used(page.page, site, kind)
    assert_clean(page, kind)


@pytest.mark.parametrize("kind", ["criterion", "explorer"])
def test_phone_width(site: Site, page: Watched, kind: str) -> None:
    page.page.set_viewport_size(PHONE)
    open_as_used(page.page, site, kind)
    assert_clean(page, kind)
    views = [kind]
    if kind == "explorer":  # each framework's table must fit, not only the first one's
        views = page.page.eval_on_selector_all("#framework option", "os => os.map(o => o.value)")
        assert len(views) > 1, views
    for view in views:
        if kind == "explorer":
            page.page.select_option("#framework", view)
            page.page.wait_for_selector(f"#explorer-table tr[data-ref^='{view}:']")
        width = page.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{view} scrolls sideways at phone width ({width} px)"


def test_axe_reports_a_serious_violation(site: Site, page: Watched) -> None:
    """The check above can fail: an image without alternative text is a critical violation."""
    page.page.goto(site.url + PAGE_TYPES["accessibility"])
    page.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<img src=\"../assets/favicon.svg\">')"
    )
    assert "image-alt" in {v["id"] for v in axe_violations(page.page)}
