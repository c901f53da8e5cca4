"""What the gap explorer combines in the browser: each model's own answer, made here.

The explorer computes nothing the engine does not. For each framework (one script file,
loaded only when chosen: `explorer/data/<framework>.js`), and for each model that reaches it,
this publishes the model's own answer to every question the explorer asks (the criteria,
and each rating level a provider aims for that has rating characteristics):

* its status for every criterion, one digit each, an index into `statuses` (best first);
  a grouping (a heading) has `-` for no status;
* the counted criteria it closes (strong or partial direct evidence: the greedy cover's sets);
* its evidence items, each with the de-duplication key the checklist uses
  (`checklist.item_key`), its place in the checklist's order, and the element and link
  that supply it.

Coverage of a set of models is, per criterion, the best of its members' statuses (a property
test says so), so the browser takes that best, counts the counted criteria, runs the greedy
loop over these sets, and merges the evidence items by their keys. A browser test and a Node
test over every combination of models check it shows what `crosswalk coverage`, `recommend`
and `checklist` say. Which criteria count, which statuses are gaps and every word it shows
come from here and crosswalk/vocab.py. Rejected links are left out, as in the engine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NotRequired, TypedDict

from crosswalk import vocab
from crosswalk.analysis.checklist import item_key
from crosswalk.analysis.coverage import Coverage, Index
from crosswalk.corpus import Corpus
from crosswalk.enums import EvidenceKind, Jurisdiction, Role
from crosswalk.site import urls
from crosswalk.site.viewmodels import KIND_LABELS
from crosswalk.site.views import Views

# Where a service is: the first question the explorer asks, since each country's regulator
# has its own frameworks. Listed in this order, each only if the data has a framework there.
COUNTRIES = {
    Jurisdiction.england: "England",
    Jurisdiction.wales: "Wales",
    Jurisdiction.scotland: "Scotland",
    Jurisdiction.northern_ireland: "Northern Ireland",
    Jurisdiction.united_kingdom: "The whole UK",
}
NO_STATUS = "-"
DIGIT = {status: str(i) for i, status in enumerate(vocab.STATUSES)}


# The shape of the JSON the explorer's scripts read (site/static/js/explorer.js): its keys
# are the script's.


class Question(TypedDict):
    """A question the explorer answers: no rating, or a rating level a provider aims for."""

    rating: str | None
    title: str


class Row(TypedDict):
    """A criterion an answer lists; a grouping's `children` are the positions of the counted
    criteria under it."""

    ref: str
    number: str
    title: str
    page: str
    depth: int
    role: str
    counted: bool
    children: NotRequired[list[int]]


# An evidence item: (criterion's position, its de-duplication key, its words, its place in the
# checklist's order, its kinds (positions in `kinds`), the element, the link's place by id).
Evidence = tuple[int, str, str, int, list[int], str, int]


class ModelAnswer(TypedDict):
    """One model's own answer: a status digit per criterion, the criteria it closes (by
    position) and its evidence items."""

    statuses: str
    closes: list[int]
    evidence: list[Evidence]


class Answer(Question):
    rows: list[Row]
    models: dict[str, ModelAnswer]


class StageNote(TypedDict):
    label: str
    note: str
    text: str | None
    caveat: str | None


class Titled(TypedDict):
    """A record's title and page, and for an element its model's id."""

    title: str
    page: str
    model: NotRequired[str]


class FrameworkData(TypedDict):
    """Everything the explorer needs for one framework (`explorer/data/<framework>.js`)."""

    id: str
    title: str
    country: str
    stage: StageNote | None
    answers: list[Answer]
    elements: dict[str, Titled]
    kinds: list[tuple[str, str]]  # (evidence kind, its label)


class WordsData(TypedDict):
    """The words of an answer and the models' names and pages (`explorer/data/words.js`)."""

    models: dict[str, Titled]
    statuses: list[str]
    short: dict[str, str]
    labels: dict[str, str]
    supported: list[str]
    gaps: list[str]
    reasons: dict[str, str]


def countries(corpus: Corpus) -> list[tuple[str, str, list[str]]]:
    """Each country with frameworks in the data: its code, its name, its frameworks."""
    found = []
    for code, name in COUNTRIES.items():
        fids = [f for f, fw in sorted(corpus.frameworks.items()) if fw.jurisdiction is code]
        if fids:
            found.append((str(code), name, fids))
    return found


def path(fid: str) -> str:
    """Where a framework's data is, from the site's root."""
    return f"explorer/data/{fid}.js"


def answers(views: Views, fid: str) -> list[Question]:
    """The questions the explorer answers for a framework: without a rating level, then
    each level a provider aims for (Good first) that has rating characteristics."""
    levels = [level for level in views.levels(fid, rated_only=True) if level.aim]
    found: list[Question] = [{"rating": None, "title": "Criteria"}]
    found += [{"rating": level.id, "title": level.title} for level in reversed(levels)]
    return found


def stage(views: Views, fid: str) -> StageNote | None:
    """What the explorer says above an answer for a framework that is not in force."""
    st = views.stage(fid)
    if not st.banner:
        return None
    return {"label": st.label, "note": st.note, "text": st.text_title, "caveat": st.caveat}


def _rows(views: Views, cov: Coverage) -> list[Row]:
    """The criteria an answer lists, in tree order, as the explorer shows them."""
    corpus = views.corpus
    depth: dict[str, int] = {}
    rows = []
    position = {ref: i for i, ref in enumerate(cov.criteria)}
    for ref, item in cov.criteria.items():
        parent = cov.parents.get(ref)
        depth[ref] = depth[parent] + 1 if parent in depth else 0
        crit = corpus.criteria[ref]
        row: Row = {
            "ref": ref,
            "number": views.ref(ref).number,  # the publisher's numbering, or nothing
            "title": crit.title,
            "page": urls.criterion(ref),
            "depth": min(depth[ref], 6),  # cw-indent-0 .. cw-indent-6
            "role": str(item.role),
            "counted": item.counted,
        }
        if item.role is Role.grouping:
            row["children"] = [
                position[c] for c in item.children if c in position and cov.criteria[c].counted
            ]
        rows.append(row)
    return rows


def _model_answer(
    views: Views, fid: str, mid: str, rating: str | None, order: Orders
) -> ModelAnswer:
    """One model's own answer to one question: statuses, the gaps it closes, its evidence."""
    cov = views.index.coverage(fid, [mid], rating)
    statuses = []
    closes = []
    evidence: list[Evidence] = []
    for i, item in enumerate(cov.criteria.values()):
        statuses.append(NO_STATUS if item.role is Role.grouping else DIGIT[item.status])
        if item.counted and item.status in vocab.SUPPORTED:
            closes.append(i)
        for direct in sorted(item.direct, key=lambda d: d.link.id):
            for e in direct.link.evidence:
                evidence.append(
                    (
                        i,
                        item_key(e.item),
                        e.item,
                        order.texts[e.item.casefold()],
                        [KINDS.index(str(k)) for k in e.kinds],
                        direct.element,
                        order.links[direct.link.id],
                    )
                )
    return {"statuses": "".join(statuses), "closes": closes, "evidence": evidence}


KINDS = [str(k) for k in EvidenceKind]


@dataclass(frozen=True)
class Orders:
    """Python-made ranks the browser sorts by: evidence texts as the checklist sorts them
    (casefolded), and links by id (the wording of the first link in id order is shown)."""

    texts: dict[str, int]
    links: dict[str, int]


def framework(views: Views, fid: str) -> FrameworkData:
    """Everything the explorer needs for one framework."""
    corpus, index = views.corpus, views.index
    fw = corpus.frameworks[fid]
    questions = answers(views, fid)
    models = [m for m in sorted(corpus.models) if fid in index.frameworks_reached(m)]
    # Python-made orders, so the browser compares numbers, never words.
    texts: set[str] = set()
    links: set[str] = set()
    for ref in corpus.criteria_of(fid):
        for link in index.direct_to.get(ref, []):
            if index.model_of[link.subject] in models:
                links.add(link.id)
                texts.update(e.item.casefold() for e in link.evidence)
    order = Orders(
        {text: i for i, text in enumerate(sorted(texts))},
        {lid: i for i, lid in enumerate(sorted(links))},
    )
    elements: dict[str, tuple[str, str]] = {}
    answered: list[Answer] = []
    for q in questions:
        cov = views.coverage(fid, (), q["rating"])
        per_model: dict[str, ModelAnswer] = {}
        for mid in models:
            answer = _model_answer(views, fid, mid, q["rating"], order)
            per_model[mid] = answer
            for row in answer["evidence"]:
                element = row[5]
                elements.setdefault(element, (corpus.elements[element].title, mid))
        answered.append(
            {
                "rating": q["rating"],
                "title": q["title"],
                "rows": _rows(views, cov),
                "models": per_model,
            }
        )
    return {
        "id": fid,
        "title": views.framework_ref(fid).label,
        "country": str(fw.jurisdiction),
        "stage": stage(views, fid),
        "answers": answered,
        "elements": {
            ref: {"title": title, "model": mid, "page": urls.element(ref)}
            for ref, (title, mid) in sorted(elements.items())
        },
        "kinds": [(k, KIND_LABELS[k]) for k in KINDS],
    }


def words(corpus: Corpus) -> WordsData:
    """The words of an answer, from crosswalk/vocab.py, and the models' names and pages:
    what the explorer writes with."""
    return {
        "models": {
            mid: {"title": m.title, "page": urls.model(mid)}
            for mid, m in sorted(corpus.models.items())
        },
        "statuses": list(vocab.STATUSES),
        "short": vocab.SHORT,
        "labels": vocab.LABELS,
        "supported": list(vocab.SUPPORTED),
        "gaps": list(vocab.GAPS),
        "reasons": vocab.GAP_REASONS,
    }


def script(name: str, data: WordsData | FrameworkData) -> str:
    """Data as a script that files it under `window.crosswalkExplorer[name]`: a script, not
    a fetched file, so the explorer also works when the site is opened from disk. With
    ensure_ascii and "<" escaped, no data string can close the script element."""
    payload = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    safe = payload.replace("<", "\\u003c")
    key = json.dumps(name)
    return (
        "window.crosswalkExplorer = window.crosswalkExplorer || {};\n"
        f"window.crosswalkExplorer[{key}] = {safe};\n"
    )


def files(corpus: Corpus, index: Index) -> Iterator[tuple[str, str]]:
    """The explorer's data files: the words (loaded with the page), then one per framework."""
    views = Views(corpus, index)
    yield "explorer/data/words.js", script("words", words(corpus))
    for fid in sorted(corpus.frameworks):
        yield path(fid), script(fid, framework(views, fid))
