"""The list of pages: one function per page type, each returning Page view-models."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from crosswalk import vocab
from crosswalk.analysis import report
from crosswalk.analysis.checklist import checklist_for
from crosswalk.analysis.coverage import STATUSES
from crosswalk.analysis.recommend import recommend_for
from crosswalk.diff import TableDiff
from crosswalk.model import STRENGTH_RANK, Relation, Role, Status, Strength
from crosswalk.site import explorer_data, ratings, rubric, urls
from crosswalk.site.views import (
    KIND_LABELS,
    SEARCH_KINDS,
    SETTING_LABELS,
    VERIFICATION_LABELS,
    ModelSupport,
    Page,
    Ref,
    SearchEntry,
    Views,
)

HOME = Ref("Home", urls.home())
# A model page names the frameworks it does not reach up to this many, then gives a count:
# the page must not grow with the number of frameworks in the data.
UNREACHED_NAMED = 12
# A criterion row is indented one step per level below its framework's top, by a class
# (cw-indent-0 .. cw-indent-6 in site/scss/site.scss), never a style attribute, which the
# pages' Content-Security-Policy forbids. Deeper levels share the last step.
INDENT_STEPS = 6
# The models page's setting filter value for a model whose settings are not recorded.
NOT_RECORDED = "not-recorded"
# The licence CQC publishes its material under, attributed on the methodology page.
OGL = Ref(
    "Open Government Licence v3.0",
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)


def indent(depth: int) -> int:
    """The indentation class for a criterion this many levels below the top."""
    return min(depth, INDENT_STEPS)


def plan(
    v: Views, changes: dict[str, TableDiff] | None = None, previous: str | None = None
) -> list[Callable[[], Page]]:
    """Every page to build, in site order, as a function that makes its view-model.

    The view-models are made only when rendered, one at a time (possibly in another
    process), so a large site is never held in memory all at once.
    """
    makers: list[Callable[[], Page]] = [
        partial(home, v),
        partial(frameworks_index, v),
        partial(models_index, v),
        partial(principles_index, v),
        partial(explorer, v),
        partial(review, v, changes, previous),
        partial(downloads, v),
        partial(methodology, v, rubric.load()),  # read now, before any page is made
        partial(accessibility, v),
        search,
    ]
    makers += [partial(review_set, v, lsid) for lsid in sorted(v.corpus.link_sets)]
    for fid in sorted(v.corpus.frameworks):
        makers += [partial(framework, v, fid), partial(matrix, v, fid)]
        makers += [partial(criterion, v, ref) for ref in v.index.tree_order(fid)]
    for mid in sorted(v.corpus.models):
        makers.append(partial(model, v, mid))
        makers += [partial(element, v, ref) for ref in v.corpus.elements_of(mid)]
        makers += [partial(single_report, v, mid, fid) for fid in v.index.frameworks_reached(mid)]
    makers += [partial(principle, v, ref) for ref in sorted(v.corpus.principles)]
    return makers


def all_pages(
    v: Views, changes: dict[str, TableDiff] | None = None, previous: str | None = None
) -> list[Page]:
    return [make() for make in plan(v, changes, previous)]


def home(v: Views) -> Page:
    c = v.corpus
    figures = {
        "frameworks": len(c.frameworks),
        "criteria": len(c.criteria),
        "models": len(c.models),
        "principles": len(c.principles),
        "links": len(c.links),
    }
    return Page(
        urls.home(),
        "home.html",
        "crosswalk: positive-culture models and inspection criteria",
        context={
            "figures": figures,
            "frameworks": [v.framework_ref(f) for f in sorted(c.frameworks)],
            "matrices": [(v.framework_ref(f), urls.matrix(f)) for f in sorted(c.frameworks)],
        },
    )


def frameworks_index(v: Views) -> Page:
    rows: list[dict[str, Any]] = []
    for fid, fw in sorted(v.corpus.frameworks.items()):
        rows.append(
            {
                "ref": v.framework_ref(fid),
                "publisher": fw.publisher,
                "jurisdiction": str(fw.jurisdiction).replace("_", " ").title(),
                "version": fw.version,
                "criteria": len(v.corpus.criteria_of(fid)),
                "matrix": urls.matrix(fid),
                "stage": v.stage(fid),
            }
        )
    return Page(urls.frameworks(), "frameworks.html", "Frameworks", [HOME], {"rows": rows})


def framework(v: Views, fid: str) -> Page:
    fw = v.corpus.frameworks[fid]
    models = tuple(sorted(v.corpus.models))
    all_cov = v.coverage(fid, models)
    # A grouping (a key question) is a heading with no status of its own, as in the answers.
    status_of = {
        ref: item.status
        for ref, item in all_cov.criteria.items()
        if item.role is not Role.grouping
    }
    direct_models = {
        ref: sorted({v.corpus.models[v.index.model_of[d.element]].title for d in item.direct})
        for ref, item in all_cov.criteria.items()
    }
    criteria = [v.corpus.criteria[r] for r in v.corpus.criteria_of(fid)]
    verification = Counter(str(crit.verification) for crit in criteria)
    return Page(
        urls.framework(fid),
        "framework.html",
        fw.title,
        [HOME, Ref("Frameworks", urls.frameworks())],
        {
            "fw": fw,
            "fid": fid,
            "stage": v.stage(fid),
            "levels": v.levels(fid),
            "kloes": ratings.kloes(v, fid, models),
            "tree": v.tree(fid, status_of),
            "direct_models": {v.ref(r).path: m for r, m in direct_models.items()},
            "counts": v.counts(all_cov),
            "matrix": urls.matrix(fid),
            "verification": [
                (VERIFICATION_LABELS[k], verification[k])
                for k in VERIFICATION_LABELS
                if verification[k]
            ],
        },
        SearchEntry("Framework", f"framework published by {fw.publisher}"),
    )


def short_names(titles: list[str]) -> list[str]:
    """Column headings for the matrix, short enough for every model to fit at desktop width:
    a short title as it is, a title that starts with an acronym by it (IMPACT), others by
    their initials (Compassionate Leadership: CL); the same twice gets a number."""
    shorts: list[str] = []
    for title in titles:
        words = [w for w in title.split() if w.lower() not in {"the", "and", "of", "for", "a"}]
        if len(title) <= 12 or not words:
            short = title
        elif words[0].isupper() and len(words[0]) > 1:
            short = words[0]
        else:
            short = "".join(w[0].upper() for w in words)
        shorts.append(short if short not in shorts else f"{short} {len(shorts) + 1}")
    return shorts


def matrix(v: Views, fid: str) -> Page:
    models = sorted({m for ref in v.corpus.criteria_of(fid) for m in v.index.models_reaching(ref)})
    refs = [v.model_ref(m) for m in models]
    columns: list[dict[str, Any]] = [
        {"ref": ref, "short": short}
        for ref, short in zip(refs, short_names([r.label for r in refs]), strict=True)
    ]
    covs = [v.coverage(fid, (m,)) for m in models]
    # On a phone, a list per model instead of the table: its counts, then the criteria it
    # supports by status (the last status, no support, only counted).
    per_model = [
        {
            "ref": ref,
            "report": urls.report(mid, fid),
            "counts": v.counts(cov),
            "supported": [
                (status, [v.ref(r) for r, item in cov.criteria.items() if item.status == status])
                for status in STATUSES[:-1]
            ],
        }
        for mid, ref, cov in zip(models, refs, covs, strict=True)
    ]
    depth: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for ref in v.coverage(fid, ()).criteria:  # characteristics have pages of their own
        parent = v.corpus.criteria[ref].parent
        depth[ref] = depth[f"{fid}:{parent}"] + 1 if parent else 0
        rows.append(
            {
                "ref": v.ref(ref),
                "indent": indent(depth[ref]),
                # a grouping (a key question) is a heading: no status of its own
                "cells": [
                    None if c.role is Role.grouping else c.status
                    for c in (cov.criteria[ref] for cov in covs)
                ],
            }
        )
    return Page(
        urls.matrix(fid),
        "matrix.html",
        f"Matrix: {v.framework_ref(fid).label}",
        [HOME, Ref("Frameworks", urls.frameworks()), v.framework_ref(fid)],
        {
            "columns": columns,
            "rows": rows,
            "per_model": per_model,
            "key": [c for c in columns if c["short"] != c["ref"].label],
            "fid": fid,
            "stage": v.stage(fid),
            "others": len(v.corpus.models) - len(models),
        },
    )


def criterion(v: Views, ref: str) -> Page:
    c = v.corpus
    crit = c.criteria[ref]
    fid = c.scheme_of(ref)
    # Only the models with any support are looked at: the page stays the same size however
    # many models the data holds.
    supports = [v.support(ref, mid) for mid in v.index.models_reaching(ref)]
    related: list[dict[str, Any]] = []
    for target, relation, link in v.index.criterion_links.get(ref, []):
        if c.scheme_of(target) != fid:
            related.append(
                {
                    "framework": v.framework_ref(c.scheme_of(target)),
                    "target": v.ref(target),
                    "how": str(relation).replace("_", " "),
                    "via": v.link(link),
                    "key": (c.scheme_of(target), target, link.id),
                }
            )
    for from_a in v.index.assessing.get(ref, []):
        for from_b in v.index.assessed_by_principle.get(from_a.subject, []):
            other = c.scheme_of(from_b.object)
            if other != fid:
                related.append(
                    {
                        "framework": v.framework_ref(other),
                        "target": v.ref(from_b.object),
                        "how": "shares a principle",
                        "principle": v.ref(from_a.subject),
                        "via": None,
                        "key": (other, from_b.object, from_a.subject),
                    }
                )
    related.sort(key=lambda r: (r["key"][0], r["via"] is None, r["key"][1], r["key"][2]))
    parent = v.ref(f"{fid}:{crit.parent}") if crit.parent else None
    kids = v.index.children.get(ref, [])
    level = next((lv for lv in v.levels(fid) if lv.id == crit.rating), None)
    rated = any(v.index.is_characteristic(k) for k in kids)
    return Page(
        urls.criterion(ref),
        "criterion.html",
        v.ref(ref).name,
        [
            HOME,
            Ref("Frameworks", urls.frameworks()),
            v.framework_ref(fid),
            *([parent] if parent else []),
        ],
        {
            "crit": crit,
            "ref": ref,
            "framework": v.framework_ref(fid),
            "parent": parent,
            "children": [v.ref(r) for r in kids if not v.index.is_characteristic(r)],
            "stage": v.stage(fid),
            "level": level,
            "kloe": ratings.kloe(v, ref, tuple(sorted(c.models))) if rated else None,
            "verification": VERIFICATION_LABELS[str(crit.verification)],
            "summary": support_line(supports, len(c.models)),
            "number": v.ref(ref).number,
            "supported": supports,
            "matrix": urls.matrix(fid),
            "unsupported": len(c.models) - len(supports),
            "principles": v.links_where("object", ref, Relation.assessed_by),
            "related": related,
        },
        SearchEntry("Criterion", f"criterion of {v.framework_ref(fid).label}"),
    )


def support_line(supports: list[ModelSupport], models: int) -> str:
    """A criterion's answer in one line: how many of the models supply direct evidence, and
    the best support and which models give it ("3 of 7 models supply direct evidence; best:
    strong, Culture star")."""
    rank = {str(strength): n for strength, n in STRENGTH_RANK.items()}
    best_of = {s.model.label: max(rank[d.strength] for d in s.direct) for s in supports if s.direct}
    if not best_of:
        if not supports:
            return f"None of the {models} models supplies evidence, directly or by a principle."
        return (
            f"No model supplies direct evidence; {len(supports)} of {models} "
            f"support{'s' if len(supports) == 1 else ''} it only through a principle."
        )
    top = max(best_of.values())
    names = [name for name, n in best_of.items() if n == top]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "supplies" if len(best_of) == 1 else "supply"
    word = next(w for w, n in rank.items() if n == top)
    return f"{len(best_of)} of {models} models {verb} direct evidence; best: {word}, {who}"


def models_index(v: Views) -> Page:
    rows: list[dict[str, Any]] = []
    for mid, m in sorted(v.corpus.models.items()):
        rows.append(
            {
                "ref": v.model_ref(mid),
                "developer": m.developer,
                # A model with no recorded setting is filtered as "settings not recorded".
                "settings": [str(s) for s in m.settings] or [NOT_RECORDED],
                "setting_labels": [SETTING_LABELS[str(s)] for s in m.settings],
                "impact": str(m.impact_evidence),
                "in_wales": m.in_wales,
                "elements": len(v.corpus.elements_of(mid)),
                "coverage": [
                    {
                        "ref": v.framework_ref(fid),
                        "report": urls.report(mid, fid),
                        "counts": v.counts(v.coverage(fid, (mid,))),
                    }
                    for fid in v.index.frameworks_reached(mid)
                ],
            }
        )
    order = [*SETTING_LABELS, NOT_RECORDED]
    used = sorted({s for r in rows for s in r["settings"]}, key=order.index)
    labels = {**SETTING_LABELS, NOT_RECORDED: "Settings not recorded"}
    return Page(
        urls.models(),
        "models.html",
        "Models",
        [HOME],
        {
            "rows": rows,
            "settings": [(s, labels[s]) for s in used],
            "impacts": ["substantial", "limited", "not_assessed"],
            "matrices": [(v.framework_ref(f), urls.matrix(f)) for f in sorted(v.corpus.frameworks)],
        },
    )


def model(v: Views, mid: str) -> Page:
    m = v.corpus.models[mid]
    frameworks = []
    for fid in v.index.frameworks_reached(mid):
        cov = v.coverage(fid, (mid,))
        frameworks.append(
            {
                "ref": v.framework_ref(fid),
                "fid": fid,
                "counts": v.counts(cov),
                # the same words as `crosswalk coverage` (crosswalk/vocab.py)
                "summary": vocab.summary_line(cov.counts()),
                "gaps_line": vocab.gaps_line(cov.counts()),
                "report": urls.report(mid, fid),
                "stage": v.stage(fid),
                "gaps": [
                    {"ref": v.ref(g.ref), "status": g.status, "reason": g.gap_reason}
                    for g in cov.gaps()
                ],
            }
        )
    elements = [
        {
            "ref": v.ref(ref),
            "kind": str(v.corpus.elements[ref].kind).replace("_", " "),
            "parent": v.corpus.elements[ref].parent,
        }
        for ref in v.corpus.elements_of(mid)
    ]
    reached = set(v.index.frameworks_reached(mid))
    unreached = [v.framework_ref(f) for f in sorted(v.corpus.frameworks) if f not in reached]
    return Page(
        urls.model(mid),
        "model.html",
        m.title,
        [HOME, Ref("Models", urls.models())],
        {
            "model": m,
            "mid": mid,
            "elements": elements,
            "frameworks": frameworks,
            "unreached": unreached[:UNREACHED_NAMED],
            "unreached_count": len(unreached),
            "settings": [SETTING_LABELS[str(s)] for s in m.settings],
            "sources": v.citations(m.sources),
            "changes": ratings.changes(v, mid),
        },
        SearchEntry("Model", f"model developed by {m.developer}"),
    )


def element(v: Views, ref: str) -> Page:
    el = v.corpus.elements[ref]
    mid = v.corpus.scheme_of(ref)
    reached = v.index.reached(ref)
    principles_to: dict[str, set[str]] = {}
    for link in v.index.embodies_from.get(ref, []):
        for second in v.index.assessed_by_principle.get(link.object, []):
            principles_to.setdefault(second.object, set()).add(v.ref(link.object).label)
    best: dict[str, Strength] = {}
    for link in v.index.direct_from.get(ref, []):
        known = best.get(link.object)
        if known is None or STRENGTH_RANK[link.strength] > STRENGTH_RANK[known]:
            best[link.object] = link.strength
    reach = []
    for fid in sorted({v.corpus.scheme_of(c) for c in reached}):
        rows: list[dict[str, Any]] = [
            {
                "ref": v.ref(cref),
                "status": str(best[cref]) if cref in best else "inferred",
                "principles": sorted(principles_to.get(cref, set())),
            }
            for cref in v.index.tree_order(fid)
            if cref in reached
        ]
        reach.append(
            {
                "ref": v.framework_ref(fid),
                "rows": rows,
                "unreached": len(v.corpus.criteria_of(fid)) - len(rows),
            }
        )
    parent = v.ref(f"{mid}:{el.parent}") if el.parent else None
    return Page(
        urls.element(ref),
        "element.html",
        el.title,
        [HOME, Ref("Models", urls.models()), v.model_ref(mid)],
        {
            "el": el,
            "model": v.model_ref(mid),
            "parent": parent,
            "sources": v.citations(el.sources),
            "outgoing": v.links_where("subject", ref),
            "reach": reach,
            "frameworks_unreached": len(v.corpus.frameworks) - len(reach),
        },
        SearchEntry("Element", f"element of {v.model_ref(mid).label}"),
    )


def principles_index(v: Views) -> Page:
    rows: list[dict[str, Any]] = []
    for ref, pr in sorted(v.corpus.principles.items()):
        rows.append(
            {
                "ref": v.ref(ref),
                "definition": pr.definition,
                "elements": len(v.links_where("object", ref, Relation.embodies)),
                "criteria": len(v.links_where("subject", ref, Relation.assessed_by)),
            }
        )
    sets = [ps for _, ps in sorted(v.corpus.principle_sets.items())]
    return Page(
        urls.principles(), "principles.html", "Principles", [HOME], {"rows": rows, "sets": sets}
    )


def principle(v: Views, ref: str) -> Page:
    pr = v.corpus.principles[ref]
    pset = v.corpus.scheme_of(ref)
    return Page(
        urls.principle(ref),
        "principle.html",
        pr.title,
        [HOME, Ref("Principles", urls.principles())],
        {
            "pr": pr,
            "sources": v.citations(pr.sources),
            "embodied": v.links_where("object", ref, Relation.embodies),
            "assessed": v.links_where("subject", ref, Relation.assessed_by),
        },
        SearchEntry("Principle", f"principle of {v.corpus.principle_sets[pset].title}"),
    )


def explorer(v: Views) -> Page:
    reports = [
        {
            "model": v.model_ref(mid),
            "reports": [
                Ref(v.framework_ref(fid).label, urls.report(mid, fid))
                for fid in v.index.frameworks_reached(mid)
            ],
        }
        for mid in sorted(v.corpus.models)
    ]
    return Page(
        urls.explorer(),
        "explorer.html",
        "Gap explorer",
        [HOME],
        {
            "models": [(mid, v.corpus.models[mid].title) for mid in sorted(v.corpus.models)],
            # England or Wales first; then the frameworks of that country (explorer_data.py)
            "countries": [
                (code, name, [(f, v.framework_ref(f).label, explorer_data.path(f)) for f in fids])
                for code, name, fids in explorer_data.countries(v.corpus)
            ],
            "reports": reports,
        },
    )


def single_report(v: Views, mid: str, fid: str) -> Page:
    cov = v.coverage(fid, (mid,))
    rec = report.recommend_data(v.corpus, recommend_for(v.index, cov))
    items = checklist_for(cov)
    depth: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for ref, item in cov.criteria.items():
        parent = v.corpus.criteria[ref].parent
        depth[ref] = depth[f"{fid}:{parent}"] + 1 if parent else 0
        rows.append(
            {
                "ref": v.ref(ref),
                "indent": indent(depth[ref]),
                "role": str(item.role),
                "status": None if item.role is Role.grouping else item.status,
                # a grouping (a key question) shows its children's counts instead
                "rollup": (
                    vocab.summary_line(cov.child_counts(ref))
                    if item.role is Role.grouping and cov.child_counts(ref)
                    else None
                ),
                "direct": len(item.direct),
                "paths": len(item.paths),
                "reason": item.gap_reason,  # only for a gap
            }
        )
    steps = [
        {
            "model": v.model_ref(s["model"]),
            "gain": s["gain"],
            "closes": [v.ref(r) for r in s["closes"]],
            "remaining": s["remaining"],
            "line": vocab.closes_line(s["gain"], s["gain"] + s["remaining"]),
        }
        for s in rec["steps"]
    ]
    check = [
        {
            "ref": v.ref(c.ref),
            "kinds": [
                (KIND_LABELS[k], [(i.text, [v.ref(e) for e in i.elements]) for i in its])
                for k, its in c.by_kind().items()
            ],
        }
        for c in items
    ]
    title = f"{v.corpus.models[mid].title} and {v.framework_ref(fid).label}"
    data_path = urls.coverage_json(mid, fid)
    return Page(
        urls.report(mid, fid),
        "report.html",
        title,
        [HOME, Ref("Gap explorer", urls.explorer()), v.model_ref(mid)],
        {
            "model": v.model_ref(mid),
            "framework": v.framework_ref(fid),
            "stage": v.stage(fid),
            "rows": rows,
            "counts": v.counts(cov),
            "summary": vocab.summary_line(cov.counts()),
            "steps": steps,
            "checklist": check,
            "uncloseable": [v.ref(r) for r in rec["uncloseable"]],
            "json": data_path,
        },
        data={data_path: report.coverage_data(v.corpus, cov)},
    )


def review(
    v: Views, changes: dict[str, TableDiff] | None = None, previous: str | None = None
) -> Page:
    """Counts by status for each link set (a page each), and the changelog."""
    by_set: dict[str, Counter[str]] = {lsid: Counter() for lsid in v.corpus.link_sets}
    for lid, link in v.corpus.links.items():
        by_set[v.corpus.link_set_of[lid]][str(link.status)] += 1
    sets = [
        {
            "ref": Ref(v.corpus.link_sets[lsid].title, urls.review_set(lsid), lsid),
            "counts": [counts[str(status)] for status in Status],
            "total": sum(counts.values()),
        }
        for lsid, counts in sorted(by_set.items())
    ]
    totals = Counter(str(link.status) for link in v.corpus.links.values())
    changelog = None
    if changes is not None:
        changelog = [
            {
                "name": name,
                "added": t.added,
                "removed": t.removed,
                "changed": [
                    {
                        "id": c.id,
                        "fields": [(f, _short(o), _short(n)) for f, (o, n) in c.fields.items()],
                    }
                    for c in t.changed
                ],
            }
            for name, t in changes.items()
        ]
    return Page(
        urls.review(),
        "review.html",
        "Review: links by status",
        [HOME],
        {
            "statuses": [str(status) for status in Status],
            "totals": [totals[str(status)] for status in Status],
            "sets": sets,
            "total": len(v.corpus.links),
            "changelog": changelog,
            "previous": previous,
            "workbook": urls.review_workbook(),
        },
    )


def review_set(v: Views, lsid: str) -> Page:
    """One link set's links, grouped by review status: a page a reviewer can work through."""
    link_set = v.corpus.link_sets[lsid]
    mine = v.links_of_set(lsid)
    links = [v.link(lk) for lk in mine]
    counts = Counter(link.status for link in links)
    # What a reviewer can narrow the list to: each criterion (or principle) the links point to.
    objects = sorted({link.object for link in links}, key=lambda r: (r.name.casefold(), r.path))
    return Page(
        urls.review_set(lsid),
        "review_set.html",
        f"Review: {link_set.title}",
        [HOME, Ref("Review", urls.review())],
        {
            "link_set": link_set,
            "links": links,
            "counts": [(str(status), counts[str(status)]) for status in Status],
            "strengths": [str(strength) for strength in Strength],
            "objects": objects,
            "workbook": urls.review_workbook(),
        },
    )


def _short(value: object) -> str:
    text = " ".join(str(value).split()) if value is not None else "(none)"
    return text if len(text) <= 200 else text[:199] + "…"


def downloads(v: Views) -> Page:
    return Page(
        urls.downloads(),
        "downloads.html",
        "Downloads",
        [HOME],
        {
            "coverage": [
                (
                    v.model_ref(mid),
                    [
                        (v.framework_ref(fid), urls.coverage_json(mid, fid))
                        for fid in v.index.frameworks_reached(mid)
                    ],
                )
                for mid in sorted(v.corpus.models)
            ],
            "workbook": urls.review_workbook(),
        },
    )


def methodology(v: Views, strength: rubric.Rubric) -> Page:
    sources = [v.corpus.sources[s] for s in sorted(v.corpus.sources)]
    sets = [ps for _, ps in sorted(v.corpus.principle_sets.items())]
    return Page(
        urls.methodology(),
        "methodology.html",
        "Methodology and sources",
        [HOME],
        {
            "sources": sources,
            "sets": sets,
            "verification": VERIFICATION_LABELS,
            "rubric": strength,
            "ogl": OGL,
        },
        SearchEntry("About the data", "about the data: how the links are made, and their sources"),
    )


def accessibility(v: Views) -> Page:
    return Page(urls.accessibility(), "accessibility.html", "Accessibility statement", [HOME])


def search() -> Page:
    return Page(urls.search(), "search.html", "Search", [HOME], {"kinds": SEARCH_KINDS})
