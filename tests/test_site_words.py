"""What the pages say: no curator's words (seed numbers, "this file", the README, our own ids
such as WELL_LED) anywhere a reader sees, and every criterion page opens with its answer in
one line, the same answer `crosswalk coverage --format json` gives."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path
from typing import Any, ClassVar

import site_support
from conftest import BUNDLED

from crosswalk import pipeline
from crosswalk.site import urls
from crosswalk.site.viewmodels import criterion_number

pytest_plugins = ["site_support"]

# Words a reader of the site should never meet: the data's and the code's own vocabulary.
INTERNAL = re.compile(
    r"\bseeds? \d{3}\b|\bthis file\b|\bREADME\b|\.ya?ml\b|\bseed-\d{3}\b", re.IGNORECASE
)
RANK = {"strong": 3, "partial": 2, "weak": 1}


class _Text(html.parser.HTMLParser):
    """The text a reader sees: everything outside <script>, <style> and hidden elements, and
    outside the methodology's strength rubric, which quotes docs/data-format.md word for
    word (the curators' own document: it names a seed as they cite it)."""

    VOID: ClassVar[set[str]] = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        quoted = ("class", "cw-rubric") in attrs
        if (
            self._skip
            or tag in {"script", "style"}
            or quoted
            or any(k == "hidden" for k, _ in attrs)
        ):
            self._skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def handles() -> set[str]:
    """Ids a reader should never see: the criteria the site names by title alone, and the
    ids of link sets, models and frameworks."""
    corpus = pipeline.load_clean(BUNDLED).corpus
    hidden = {
        crit.id for crit in corpus.criteria.values() if not criterion_number(crit.notation, crit.id)
    }
    return hidden | set(corpus.link_sets) | set(corpus.models) | set(corpus.frameworks)


def internal_words(text: str, ids: set[str]) -> list[str]:
    found = [m.group(0) for m in INTERNAL.finditer(text)]
    found += [token for token in re.findall(r"[\w.-]+", text) if token in ids]
    return found


def test_the_check_finds_internal_words() -> None:
    """The check below can fail: each kind of internal word is caught."""
    ids = {"WELL_LED", "my-home-life-links"}
    text = visible_text(
        "<p>Seed 000 says so; see the README and links/x.yaml. WELL_LED"
        ' my-home-life-links</p><p hidden>WELL_LED seed 001</p><script>"seed 002"</script>'
    )
    assert internal_words(text, ids) == [
        "Seed 000",
        "README",
        ".yaml",
        "WELL_LED",
        "my-home-life-links",
    ]


def test_no_page_shows_internal_words(bundled_build: tuple[Path, int]) -> None:
    root, _ = bundled_build
    ids = handles()
    assert {"WELL_LED", "SAFE", "CIW-WB"} <= ids, "the key questions and themes are handles"
    problems = []
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        found = internal_words(visible_text(page.read_text("utf-8")), ids)
        if found:
            problems.append(f"{page.relative_to(root)}: {sorted(set(found))[:6]}")
    assert not problems, f"{len(problems)} pages show internal words:\n" + "\n".join(problems)


def _answers() -> dict[str, str]:
    """Each criterion's one-line answer, made from `crosswalk coverage --format json` for
    each model (characteristics at their own rating level)."""
    corpus = pipeline.load_clean(BUNDLED).corpus
    titles = {mid: m.title for mid, m in corpus.models.items()}
    reach: dict[str, dict[str, int | None]] = {}  # ref -> model -> best direct rank (or None)
    for fid in sorted(corpus.frameworks):
        ratings = {corpus.criteria[r].rating for r in corpus.criteria_of(fid)}
        for mid in sorted(corpus.models):
            for rating in sorted(ratings, key=str):
                extra = ["--rating", str(rating)] if rating else []
                data = site_support.cli_json("coverage", "--framework", fid, "--model", mid, *extra)
                for item in data["criteria"]:
                    if (item["rating"] or None) != rating:
                        continue
                    direct = [RANK[d["strength"]] for d in item["direct"]]
                    if direct or item["inferred_strength"]:
                        reach.setdefault(item["ref"], {})[mid] = max(direct, default=None)
    total = len(corpus.models)
    answers = {}
    for ref in corpus.criteria:
        models = reach.get(ref, {})
        direct = {mid: n for mid, n in sorted(models.items()) if n is not None}
        if not models:
            answers[ref] = (
                f"None of the {total} models supplies evidence, directly or by a principle."
            )
        elif not direct:
            verb = "supports" if len(models) == 1 else "support"
            answers[ref] = (
                f"No model supplies direct evidence; {len(models)} of {total} {verb} it only "
                "through a principle."
            )
        else:
            top = max(direct.values())
            best = [titles[mid] for mid, n in direct.items() if n == top]
            who = best[0] if len(best) == 1 else ", ".join(best[:-1]) + " and " + best[-1]
            verb = "supplies" if len(direct) == 1 else "supply"
            word = next(w for w, n in RANK.items() if n == top)
            answers[ref] = (
                f"{len(direct)} of {total} models {verb} direct evidence; best: {word}, {who}"
            )
    return answers


class _Answer(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        if self.depth or ("id", "answer") in attrs:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def test_every_criterion_page_opens_with_the_cli_answer(
    bundled_build: tuple[Path, int],
) -> None:
    root, _ = bundled_build
    answers = _answers()
    assert any(a.startswith("No model") for a in answers.values())
    assert any("; best: " in a for a in answers.values())
    wrong = []
    for ref, want in sorted(answers.items()):
        page = (root / urls.criterion(ref)).read_text("utf-8")
        parser = _Answer()
        parser.feed(page)
        got = " ".join("".join(parser.text).split())
        if got != want:
            wrong.append(f"{ref}: page says {got!r}, the CLI's answers say {want!r}")
        # The answer comes straight after the heading: the first thing a reader sees.
        assert re.search(r'</h1>\s*<p [^>]*id="answer"', page), ref
    assert not wrong, f"{len(wrong)} criteria:\n" + "\n".join(wrong[:20])
