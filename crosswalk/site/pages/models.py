"""The model pages: the models list, a model, its elements and its report on each framework."""

from __future__ import annotations

from crosswalk import vocab
from crosswalk.analysis import report_data
from crosswalk.analysis.checklist import checklist_for
from crosswalk.analysis.recommend import recommend_for
from crosswalk.enums import STRENGTH_RANK, Role, Strength
from crosswalk.site import ratings, urls
from crosswalk.site.pagemodels.models import (
    ChecklistEntry,
    ElementPage,
    ElementRow,
    GapRow,
    ModelFramework,
    ModelPage,
    ModelRow,
    ModelsPage,
    Reach,
    ReachRow,
    ReportLink,
    ReportPage,
    ReportRow,
    Step,
)
from crosswalk.site.pages.common import HOME, indent
from crosswalk.site.viewmodels import KIND_LABELS, SETTING_LABELS, Page, Ref, SearchEntry
from crosswalk.site.views import Views

# A model page names the frameworks it does not reach up to this many, then gives a count:
# the page must not grow with the number of frameworks in the data.
UNREACHED_NAMED = 12


# The models page's setting filter value for a model whose settings are not recorded.
NOT_RECORDED = "not-recorded"


def models_index(v: Views) -> Page:
    rows = [
        ModelRow(
            ref=v.model_ref(mid),
            developer=m.developer,
            # A model with no recorded setting is filtered as "settings not recorded".
            settings=[str(s) for s in m.settings] or [NOT_RECORDED],
            setting_labels=[SETTING_LABELS[str(s)] for s in m.settings],
            impact=str(m.impact_evidence),
            in_wales=m.in_wales,
            elements=len(v.corpus.elements_of(mid)),
            coverage=[
                ReportLink(
                    v.framework_ref(fid), urls.report(mid, fid), v.counts(v.coverage(fid, (mid,)))
                )
                for fid in v.index.frameworks_reached(mid)
            ],
        )
        for mid, m in sorted(v.corpus.models.items())
    ]
    order = [*SETTING_LABELS, NOT_RECORDED]
    used = sorted({s for r in rows for s in r.settings}, key=order.index)
    labels = {**SETTING_LABELS, NOT_RECORDED: "Settings not recorded"}
    return Page(
        urls.models(),
        "models.html",
        "Models",
        [HOME],
        ModelsPage(
            rows=rows,
            settings=[(s, labels[s]) for s in used],
            impacts=["substantial", "limited", "not_assessed"],
            matrices=[(v.framework_ref(f), urls.matrix(f)) for f in sorted(v.corpus.frameworks)],
        ),
    )


def model(v: Views, mid: str) -> Page:
    m = v.corpus.models[mid]
    frameworks = []
    for fid in v.index.frameworks_reached(mid):
        cov = v.coverage(fid, (mid,))
        frameworks.append(
            ModelFramework(
                ref=v.framework_ref(fid),
                fid=fid,
                counts=v.counts(cov),
                # the same words as `crosswalk coverage` (crosswalk/vocab.py)
                summary=vocab.summary_line(cov.counts()),
                gaps_line=vocab.gaps_line(cov.counts()),
                report=urls.report(mid, fid),
                stage=v.stage(fid),
                gaps=[GapRow(v.ref(g.ref), g.status, g.gap_reason) for g in cov.gaps()],
            )
        )
    elements = [
        ElementRow(v.ref(ref), str(v.corpus.elements[ref].kind).replace("_", " "))
        for ref in v.corpus.elements_of(mid)
    ]
    reached = set(v.index.frameworks_reached(mid))
    unreached = [v.framework_ref(f) for f in sorted(v.corpus.frameworks) if f not in reached]
    return Page(
        urls.model(mid),
        "model.html",
        m.title,
        [HOME, Ref("Models", urls.models())],
        ModelPage(
            model=m,
            elements=elements,
            frameworks=frameworks,
            unreached=unreached[:UNREACHED_NAMED],
            unreached_count=len(unreached),
            settings=[SETTING_LABELS[str(s)] for s in m.settings],
            sources=v.citations(m.sources),
            changes=ratings.changes(v, mid),
        ),
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
        rows = [
            ReachRow(
                ref=v.ref(cref),
                status=str(best[cref]) if cref in best else "inferred",
                principles=sorted(principles_to.get(cref, set())),
            )
            for cref in v.index.tree_order(fid)
            if cref in reached
        ]
        reach.append(Reach(v.framework_ref(fid), rows, len(v.corpus.criteria_of(fid)) - len(rows)))
    parent = v.ref(f"{mid}:{el.parent}") if el.parent else None
    return Page(
        urls.element(ref),
        "element.html",
        el.title,
        [HOME, Ref("Models", urls.models()), v.model_ref(mid)],
        ElementPage(
            el=el,
            model=v.model_ref(mid),
            parent=parent,
            sources=v.citations(el.sources),
            outgoing=v.links_where("subject", ref),
            reach=reach,
            frameworks_unreached=len(v.corpus.frameworks) - len(reach),
        ),
        SearchEntry("Element", f"element of {v.model_ref(mid).label}"),
    )


def single_report(v: Views, mid: str, fid: str) -> Page:
    cov = v.coverage(fid, (mid,))
    rec = report_data.recommend_data(v.corpus, recommend_for(v.index, cov))
    items = checklist_for(cov)
    depth: dict[str, int] = {}
    rows: list[ReportRow] = []
    for ref, item in cov.criteria.items():
        parent = v.corpus.criteria[ref].parent
        depth[ref] = depth[f"{fid}:{parent}"] + 1 if parent else 0
        rows.append(
            ReportRow(
                ref=v.ref(ref),
                indent=indent(depth[ref]),
                role=str(item.role),
                status=None if item.role is Role.grouping else item.status,
                # a grouping (a key question) shows its children's counts instead
                rollup=(
                    vocab.summary_line(cov.child_counts(ref))
                    if item.role is Role.grouping and cov.child_counts(ref)
                    else None
                ),
                direct=len(item.direct),
                paths=len(item.paths),
                reason=item.gap_reason,  # only for a gap
            )
        )
    steps = [
        Step(
            model=v.model_ref(s["model"]),
            gain=s["gain"],
            closes=[v.ref(r) for r in s["closes"]],
            remaining=s["remaining"],
            line=vocab.closes_line(s["gain"], s["gain"] + s["remaining"]),
        )
        for s in rec["steps"]
    ]
    check = [
        ChecklistEntry(
            v.ref(c.ref),
            [
                (KIND_LABELS[k], [(i.text, [v.ref(e) for e in i.elements]) for i in its])
                for k, its in c.by_kind().items()
            ],
        )
        for c in items
    ]
    title = f"{v.corpus.models[mid].title} and {v.framework_ref(fid).label}"
    data_path = urls.coverage_json(mid, fid)
    return Page(
        urls.report(mid, fid),
        "report.html",
        title,
        [HOME, Ref("Gap explorer", urls.explorer()), v.model_ref(mid)],
        ReportPage(
            model=v.model_ref(mid),
            framework=v.framework_ref(fid),
            stage=v.stage(fid),
            rows=rows,
            counts=v.counts(cov),
            summary=vocab.summary_line(cov.counts()),
            steps=steps,
            checklist=check,
            uncloseable=[v.ref(r) for r in rec["uncloseable"]],
            json=data_path,
        ),
        data={data_path: report_data.coverage_data(v.corpus, cov)},
    )
