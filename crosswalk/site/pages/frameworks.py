"""The framework pages: the frameworks list, a framework, its matrix and its criteria."""

from __future__ import annotations

from collections import Counter

from crosswalk.analysis.coverage import STATUSES
from crosswalk.enums import STRENGTH_RANK, Relation, Role
from crosswalk.site import ratings, urls
from crosswalk.site.pagemodels.frameworks import (
    CriterionPage,
    FrameworkPage,
    FrameworkRow,
    FrameworksPage,
    MatrixColumn,
    MatrixModel,
    MatrixPage,
    MatrixRow,
    RelatedCriterion,
)
from crosswalk.site.pages.common import HOME, indent
from crosswalk.site.viewmodels import VERIFICATION_LABELS, ModelSupport, Page, Ref, SearchEntry
from crosswalk.site.views import Views


def frameworks_index(v: Views) -> Page:
    rows = [
        FrameworkRow(
            ref=v.framework_ref(fid),
            publisher=fw.publisher,
            jurisdiction=str(fw.jurisdiction).replace("_", " ").title(),
            version=fw.version,
            criteria=len(v.corpus.criteria_of(fid)),
            matrix=urls.matrix(fid),
            stage=v.stage(fid),
        )
        for fid, fw in sorted(v.corpus.frameworks.items())
    ]
    return Page(urls.frameworks(), "frameworks.html", "Frameworks", [HOME], FrameworksPage(rows))


def framework(v: Views, fid: str) -> Page:
    fw = v.corpus.frameworks[fid]
    models = tuple(sorted(v.corpus.models))
    all_cov = v.coverage(fid, models)
    # A grouping (a key question) is a heading with no status of its own, as in the answers.
    status_of = {
        ref: item.status for ref, item in all_cov.criteria.items() if item.role is not Role.grouping
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
        FrameworkPage(
            fw=fw,
            stage=v.stage(fid),
            levels=v.levels(fid),
            kloes=ratings.kloes(v, fid, models),
            tree=v.tree(fid, status_of),
            direct_models={v.ref(r).path: m for r, m in direct_models.items()},
            counts=v.counts(all_cov),
            matrix=urls.matrix(fid),
            verification=[
                (VERIFICATION_LABELS[k], verification[k])
                for k in VERIFICATION_LABELS
                if verification[k]
            ],
        ),
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
    columns = [
        MatrixColumn(ref, short)
        for ref, short in zip(refs, short_names([r.label for r in refs]), strict=True)
    ]
    covs = [v.coverage(fid, (m,)) for m in models]
    # On a phone, a list per model instead of the table: its counts, then the criteria it
    # supports by status (the last status, no support, only counted).
    per_model = [
        MatrixModel(
            ref=ref,
            report=urls.report(mid, fid),
            counts=v.counts(cov),
            supported=[
                (status, [v.ref(r) for r, item in cov.criteria.items() if item.status == status])
                for status in STATUSES[:-1]
            ],
        )
        for mid, ref, cov in zip(models, refs, covs, strict=True)
    ]
    depth: dict[str, int] = {}
    rows: list[MatrixRow] = []
    for ref in v.coverage(fid, ()).criteria:  # characteristics have pages of their own
        parent = v.corpus.criteria[ref].parent
        depth[ref] = depth[f"{fid}:{parent}"] + 1 if parent else 0
        rows.append(
            MatrixRow(
                ref=v.ref(ref),
                indent=indent(depth[ref]),
                # a grouping (a key question) is a heading: no status of its own
                cells=[
                    None if c.role is Role.grouping else c.status
                    for c in (cov.criteria[ref] for cov in covs)
                ],
            )
        )
    return Page(
        urls.matrix(fid),
        "matrix.html",
        f"Matrix: {v.framework_ref(fid).label}",
        [HOME, Ref("Frameworks", urls.frameworks()), v.framework_ref(fid)],
        MatrixPage(
            columns=columns,
            rows=rows,
            per_model=per_model,
            key=[c for c in columns if c.short != c.ref.label],
            stage=v.stage(fid),
            others=len(v.corpus.models) - len(models),
        ),
    )


def criterion(v: Views, ref: str) -> Page:
    c = v.corpus
    crit = c.criteria[ref]
    fid = c.scheme_of(ref)
    # Only the models with any support are looked at: the page stays the same size however
    # many models the data holds.
    supports = [v.support(ref, mid) for mid in v.index.models_reaching(ref)]
    # Each with its order: by framework, the linked criteria before those sharing a principle.
    related: list[tuple[tuple[str, bool, str, str], RelatedCriterion]] = []
    for target, relation, link in v.index.criterion_links.get(ref, []):
        other = c.scheme_of(target)
        if other != fid:
            row = RelatedCriterion(
                framework=v.framework_ref(other),
                target=v.ref(target),
                how=str(relation).replace("_", " "),
                via=v.link(link),
            )
            related.append(((other, False, target, link.id), row))
    for from_a in v.index.assessing.get(ref, []):
        for from_b in v.index.assessed_by_principle.get(from_a.subject, []):
            other = c.scheme_of(from_b.object)
            if other != fid:
                row = RelatedCriterion(
                    framework=v.framework_ref(other),
                    target=v.ref(from_b.object),
                    how="shares a principle",
                    via=None,
                    principle=v.ref(from_a.subject),
                )
                related.append(((other, True, from_b.object, from_a.subject), row))
    related.sort(key=lambda pair: pair[0])
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
        CriterionPage(
            crit=crit,
            framework=v.framework_ref(fid),
            parent=parent,
            children=[v.ref(r) for r in kids if not v.index.is_characteristic(r)],
            stage=v.stage(fid),
            level=level,
            kloe=ratings.kloe(v, ref, tuple(sorted(c.models))) if rated else None,
            verification=VERIFICATION_LABELS[str(crit.verification)],
            summary=support_line(supports, len(c.models)),
            number=v.ref(ref).number,
            supported=supports,
            matrix=urls.matrix(fid),
            unsupported=len(c.models) - len(supports),
            principles=v.links_where("object", ref, Relation.assessed_by),
            related=[row for _, row in related],
        ),
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
