"""Hostile text in the data stays text on the site: nothing a curator writes runs as script.

Every free-text field of the fixture project gets a payload that would run if it reached a
page unescaped (a script element, an event handler, quotes and an ampersand), tagged with
the field it is in. The site built from it must carry the payload only escaped, and in
Chromium no page of any type may run it, while the text itself is shown.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from conftest import PROJECT

from crosswalk import pipeline
from crosswalk.site import build

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD = SCRIPT + '<img src=x onerror="window.__pwned=1"><svg onload="alert(1)">"\'&'
RAW_MARKERS = ("<script>window.__pwned", "<img src=x", "<svg onload")

# The fields that carry curators' free text, by the file kind's top-level key.
HEADER_FIELDS = {
    "sources": {},
    "framework": {
        "framework": ("title", "short_title", "publisher", "version", "description", "notes")
    },
    "model": {"model": ("title", "developer", "description", "settings_notes", "wales_notes")},
    "principle_set": {"principle_set": ("title", "version", "description")},
    "link_set": {"link_set": ("title", "description")},
}
ITEM_FIELDS = {
    "sources": ("title", "publisher", "description"),
    "criteria": ("title", "title_cy", "notation", "text", "summary", "notes"),
    "elements": ("title", "description"),
    "principles": ("title", "definition"),
    "links": ("rationale", "author", "reviewer", "comment"),
}
OPTIONAL_ON_LINKS = {"reviewer", "comment"}

# One page of every type of the fixture project's site.
PAGES = {
    "home": "index.html",
    "frameworks-index": "frameworks/index.html",
    "framework": "frameworks/reg/index.html",
    "matrix": "frameworks/reg/matrix.html",
    "criterion": "frameworks/reg/Q1.1.html",
    "models-index": "models/index.html",
    "model": "models/warm/index.html",
    "element": "models/warm/meetings.html",
    "principles-index": "principles/index.html",
    "principle": "principles/hub/kindness.html",
    "explorer": "explorer/index.html",
    "report": "reports/bright/reg.html",
    "review": "review/index.html",
    "review-set": "review/warm-links.html",
    "downloads": "downloads/index.html",
    "methodology": "methodology/index.html",
    "accessibility": "accessibility/index.html",
    "search": "search/index.html",
}
# Pages that show no curated text (only ids and fixed wording): the payload cannot appear.
NO_CURATED_TEXT = {"accessibility"}  # the downloads page names frameworks and models


def inject(data: Path) -> list[str]:
    """Put the payload into every free-text field of every file; return the tags of those
    the site shows (each payload ends with its tag, e.g. 'warm.elements.welcome.title')."""
    tags: list[str] = []

    def poison(record: Any, key: str | int, tag: str, shown: bool = True) -> None:
        record[key] = f"{PAYLOAD} {tag}"
        if shown:
            tags.append(tag)

    def citations(record: dict[str, Any], tag: str) -> None:
        for i, cite in enumerate(record.get("sources") or []):
            if isinstance(cite, dict):  # a citation (a sources: file lists sources instead)
                poison(cite, "locator", f"{tag}.locator{i}")

    for path in sorted(data.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        stem = path.stem
        for header, fields in HEADER_FIELDS.get(next(iter(doc)), {}).items():
            for key in fields:
                poison(doc[header], key, f"{stem}.{header}.{key}")
            citations(doc[header], f"{stem}.{header}")
            for i, level in enumerate(doc[header].get("rating_scale", [])):
                for key in ("title", "title_cy"):
                    poison(level, key, f"{stem}.{header}.rating{i}.{key}")
            if "lifecycle" in doc[header]:
                poison(doc[header]["lifecycle"], "notes", f"{stem}.{header}.lifecycle.notes")
        for items, fields in ITEM_FIELDS.items():
            for record in doc.get(items, []):
                tag = f"{stem}.{items}.{record['id']}"
                for key in fields:
                    if key in OPTIONAL_ON_LINKS and key not in record:
                        continue  # a reviewer or comment only where the link has a review
                    poison(record, key, f"{tag}.{key}")
                if items == "criteria":  # a list of its publisher's scope topics
                    record["topics"] = [""]
                    poison(record["topics"], 0, f"{tag}.topics")
                for j, evidence in enumerate(record.get("evidence") or []):
                    poison(evidence, "item", f"{tag}.evidence{j}")
                citations(record, tag)
        path.write_text(
            yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=10_000),
            encoding="utf-8",
        )
    return tags


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, list[str]]]:
    import site_support

    data = tmp_path_factory.mktemp("poisoned") / "data"
    shutil.copytree(PROJECT, data)
    tags = inject(data)
    out = data.parent / "site"
    built = build.build(pipeline.load_clean(data), out)
    with site_support.served_site(out, built.pages) as served:
        yield served, tags


def test_the_data_still_loads_with_the_payload(poisoned: tuple[Site, list[str]]) -> None:
    site, tags = poisoned
    assert len(tags) > 40
    assert site.pages == len(site.html_files())


def test_payload_never_appears_unescaped(poisoned: tuple[Site, list[str]]) -> None:
    site, tags = poisoned
    files = [*site.html_files(), *sorted((site.root / "explorer" / "data").glob("*.js"))]
    raw = [
        f"{f.relative_to(site.root)}: {marker}"
        for f in files
        for marker in RAW_MARKERS
        if marker in f.read_text(encoding="utf-8")
    ]
    assert not raw, "unescaped payload:\n" + "\n".join(raw)
    text = "\n".join(f.read_text(encoding="utf-8") for f in site.html_files())
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text, "the payload is shown, escaped"
    missing = [t for t in tags if t not in text]
    assert not missing, f"fields injected but never shown on the site: {missing}"


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_page_runs_the_payload(
    poisoned: tuple[Site, list[str]], page: Watched, kind: str
) -> None:
    import site_support

    site, _ = poisoned
    page.page.goto(site.url + PAGES[kind])
    if kind == "explorer":
        site_support.tick_models(page.page, ("bright", "warm"))
    if kind == "search":
        page.page.fill(".pagefind-ui__search-input", "pwned")
        page.page.wait_for_selector(".pagefind-ui__result-link")
    page.page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.page.wait_for_load_state("load")
    assert page.page.evaluate("typeof window.__pwned") == "undefined"
    assert not page.dialogs, f"a dialog opened on {kind}: {page.dialogs}"
    assert page.page.locator("script:not([src])").count() == 0, "no inline script on any page"
    shown = page.page.get_by_text(SCRIPT, exact=False)
    if kind in NO_CURATED_TEXT:
        assert shown.count() == 0
    else:
        assert shown.count() > 0, f"the payload is not shown as text on {kind}"
        # some copies are hidden by design (the search index's metadata): one must be seen
        visible = [i for i in range(shown.count()) if shown.nth(i).is_visible()]
        assert visible, f"the payload is on {kind} but never visible"


@pytest.mark.parametrize(
    ("file", "before", "after"),
    [
        ("sources.yaml", "url: https://example.org/inspecting", "url: javascript:alert(1)"),
        (
            "frameworks/reg.yaml",
            "url: https://example.org/framework\n",
            "url: javascript:alert(1)\n",
        ),
        (
            "frameworks/reg.yaml",
            "urls: [https://example.org/framework/q1-1]",
            "urls: ['javascript:alert(1)']",
        ),
        ("sources.yaml", "url: https://example.org/inspecting", "url: 'data:text/html,<b>x</b>'"),
    ],
)
def test_only_http_urls_are_accepted(
    run: Any, project: Path, file: str, before: str, after: str
) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after), encoding="utf-8")
    result = run("validate", "--data", str(project))
    assert result.code == 1
    assert any(f"{file}:" in line and "E202" in line for line in result.err.splitlines()), (
        result.err
    )
