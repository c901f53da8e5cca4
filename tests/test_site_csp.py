"""The pages' Content-Security-Policy: every page carries it, no page needs more than it
allows, and in Chromium it is enforced while every page type, the explorer and search work.

The policy is a <meta> in the base layout. It allows only the site's own scripts, styles and
images, so nothing may be inline: no style attribute, <style> element, script without src or
event-handler attribute. Criterion rows are indented by classes instead (cw-indent-N).
"""

from __future__ import annotations

import functools
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from conftest import PROJECT
from test_site_a11y import PAGE_TYPES, open_as_used

from crosswalk import pipeline
from crosswalk.site import build
from crosswalk.site.pages.common import INDENT_STEPS

if TYPE_CHECKING:
    from site_support import Site, Watched

pytest_plugins = ["site_support"]

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

EXPECTED = {
    "default-src": ["'self'"],
    # Pagefind compiles WebAssembly: in its worker (not under the page's policy) or, when
    # the worker cannot start, on the page itself, which needs 'wasm-unsafe-eval'.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    # Pagefind's stylesheet draws its search icon from a data: URL.
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}

# Records every violation of the policy, from before the page's own scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}`));
"""
# Violation events are queued as tasks: let them arrive, then read them.
READ_VIOLATIONS = "() => new Promise(done => setTimeout(() => done(window.__violations), 100))"


def parse_policy(content: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in content.split(";"):
        name, *values = part.split()
        assert name not in directives, f"directive {name} given twice"
        directives[name] = values
    return directives


class PageScan(HTMLParser):
    """What in one page bears on the policy: its policies, and anything inline."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.loaded_before_policy: list[str] = []
        self.inline: list[str] = []
        self.indents: list[int] = []
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif tag == "meta" and (at.get("http-equiv") or "").lower() == "content-security-policy":
            assert self._in_head, "the policy is in <head>"
            self.policies.append(at.get("content") or "")
        elif tag in ("link", "script", "style") and not self.policies:
            self.loaded_before_policy.append(tag)
        if tag == "style":
            self.inline.append("<style> element")
        if tag == "script" and not at.get("src"):
            self.inline.append("<script> without src")
        for name, value in attrs:
            if name == "style":
                self.inline.append(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self.inline.append(f"<{tag} {name}=...> event handler")
            elif name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.inline.append(f"<{tag} {name}={value}>")
        self.indents += [
            int(c[len("cw-indent-") :]) for c in re.findall(r"cw-indent-\d+", at.get("class") or "")
        ]

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False


@functools.cache
def scan(path: Path) -> PageScan:
    """A page of the bundled site, read once for both tests that read every page."""
    parsed = PageScan()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def test_every_page_has_the_policy_and_nothing_inline(bundled_build: tuple[Path, int]) -> None:
    root, pages = bundled_build
    files = sorted(root.rglob("*.html"))
    assert len(files) >= pages > 0
    problems: list[str] = []
    for path in files:
        page = scan(path)
        name = path.relative_to(root).as_posix()
        if len(page.policies) != 1:
            problems.append(f"{name}: {len(page.policies)} Content-Security-Policy metas")
        elif parse_policy(page.policies[0]) != EXPECTED:
            problems.append(f"{name}: policy {page.policies[0]!r}")
        if page.loaded_before_policy:
            problems.append(f"{name}: {page.loaded_before_policy} come before the policy")
        if page.inline:
            problems.append(f"{name}: {len(page.inline)} inline, the first {page.inline[0]}")
    assert not problems, "\n".join(problems[:40])


def test_indent_classes_are_in_the_stylesheet(bundled_build: tuple[Path, int]) -> None:
    """Each step up to INDENT_STEPS has its rule, 15 px a step, and pages use no other."""
    root, _ = bundled_build
    css = (root / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    rules = {
        int(step): int(px)
        for step, px in re.findall(r"\.cw-indent-(\d+)\{padding-left:(\d+)px\}", css)
    }
    assert rules == {step: 15 * step for step in range(INDENT_STEPS + 1)}
    used = {i for path in root.rglob("*.html") for i in scan(path).indents}
    assert len(used) > 1, "the bundled frameworks have criteria at more than one level"
    assert used <= set(rules)


def test_deep_criteria_share_the_last_indent(tmp_path: Path) -> None:
    """A chain deeper than the stylesheet's steps is indented by step, then stays at the last."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT, data)
    framework = data / "frameworks" / "reg.yaml"
    doc = yaml.safe_load(framework.read_text(encoding="utf-8"))
    levels = INDENT_STEPS + 3
    parent = "Q1.3"  # Q1 > Q1.3: depth 1
    for n in range(levels):
        doc["criteria"].append(
            {
                "id": f"D{n}",
                "parent": parent,
                "level": "prompt",
                "title": f"Depth {n + 2}",
                "verification": "partial",
            }
        )
        parent = f"D{n}"
    framework.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    out = tmp_path / "site"
    build.build(pipeline.load_clean(data), out, search=False, workers=1)
    for page in ("frameworks/reg/matrix.html", "reports/warm/reg.html"):
        text = (out / page).read_text(encoding="utf-8")
        shown = {
            code: int(step)
            for step, code in re.findall(
                r'cw-indent-(\d+)"><a class="govuk-link" href="[^"]*">(D\d+)[ <]', text
            )
        }
        assert shown == {f"D{n}": min(n + 2, INDENT_STEPS) for n in range(levels)}, page
        assert 'style="' not in text


@pytest.fixture
def guarded(context: Any) -> Watched:
    """A watched page whose policy violations are recorded from the first script on."""
    import site_support

    context.add_init_script(RECORD_VIOLATIONS)
    return site_support.watch(context.new_page())


def use(page: Any, site: Site, kind: str) -> None:
    """Open one page of a type and use it as its visitors do (and filter the models)."""
    open_as_used(page, site, kind)
    if kind == "models-index":
        page.locator("#model-filter input[type=checkbox]").first.check()


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_page_type_breaks_the_policy(site: Site, guarded: Watched, kind: str) -> None:
    use(guarded.page, site, kind)
    assert guarded.page.evaluate(READ_VIOLATIONS) == []
    assert not guarded.errors, guarded.errors  # Chromium also logs each refusal as an error
    assert not guarded.failed, guarded.failed


def test_the_policy_is_enforced(site: Site, guarded: Watched) -> None:
    """Inline style and script are refused; a script's CSSOM styling (Pagefind's) is not."""
    guarded.page.goto(site.url + "index.html")
    # Each way of styling the heading tries another outline style; only the CSSOM's may show.
    outcome = guarded.page.evaluate(
        """() => {
          const h1 = document.querySelector('h1');
          const shown = () => getComputedStyle(h1).outlineStyle;
          const before = shown();
          h1.setAttribute('style', 'outline-style: dotted');
          const attribute = shown();
          h1.removeAttribute('style');
          const script = document.createElement('script');
          script.textContent = 'window.__ran = true';
          document.body.append(script);
          const style = document.createElement('style');
          style.textContent = 'h1 { outline-style: double; }';
          document.head.append(style);
          const element = shown();
          style.remove();
          h1.style.outlineStyle = 'dashed';
          return {before, attribute, element, ran: window.__ran === true, cssom: shown()};
        }"""
    )
    before = outcome["before"]
    assert before not in ("dotted", "double", "dashed")
    assert outcome == {
        "before": before,
        "attribute": before,
        "element": before,
        "ran": False,
        "cssom": "dashed",
    }
    refused = guarded.page.evaluate(READ_VIOLATIONS)
    assert [v.split()[0] for v in refused] == [
        "style-src-attr",
        "script-src-elem",
        "style-src-elem",
    ]


@pytest.mark.parametrize("worker", [True, False], ids=["in-worker", "on-page"])
def test_search_works_under_the_policy(site: Site, guarded: Watched, worker: bool) -> None:
    """Search finds a criterion with Pagefind in its worker, and on the page without one."""
    page = guarded.page
    if not worker:
        page.route("**/pagefind-worker.js", lambda route: route.abort())
    workers: list[str] = []
    page.on("worker", lambda w: workers.append(w.url))
    page.goto(site.url + "search/index.html")
    page.fill(".pagefind-ui__search-input", "whistleblowers")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href", timeout=1_000) is not None
    assert page.evaluate(READ_VIOLATIONS) == []
    assert not guarded.errors, guarded.errors
    assert [Path(url).name for url in workers] == (["pagefind-worker.js"] if worker else [])
    if worker:
        assert not guarded.failed, guarded.failed
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith(site.url) and page.url != site.url + "search/index.html"
    assert "whistleblow" in page.inner_text("main").lower(), "the result is a page with the word"
