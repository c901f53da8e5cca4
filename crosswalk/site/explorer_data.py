"""The data the gap explorer computes with in the browser.

The explorer repeats the engine's coverage rules in JavaScript (site/static/js/explorer.js)
so that it works on any static host; a browser test checks it shows exactly what
`crosswalk coverage --format json` says. Rejected links are left out here, as in the engine.

Which criteria an answer lists is the engine's: for each framework, the criteria of its answer
without a rating level and, for each level a provider aims for (Good and above) that has rating
characteristics, the characteristics of `crosswalk coverage --rating LEVEL`. Each criterion says
its role (a grouping has no status; only `criterion` is counted), and each framework that is
not in force says so, as every answer does.
"""

from __future__ import annotations

from typing import Any

from crosswalk.analysis.coverage import GAP_REASONS, STATUSES, Index
from crosswalk.corpus import Corpus
from crosswalk.site import urls
from crosswalk.site.views import Views


def answers(views: Views, fid: str) -> list[dict[str, Any]]:
    """The answers the explorer offers for a framework: the criteria each one lists, in order."""
    levels = [level for level in views.levels(fid, rated_only=True) if level.aim]
    found = [{"rating": None, "title": "Criteria", "refs": list(views.coverage(fid, ()).criteria)}]
    for level in reversed(levels):  # Good first, then the levels above it
        refs = list(views.coverage(fid, (), level.id).criteria)
        found.append({"rating": level.id, "title": level.title, "refs": refs})
    return found


def stage(views: Views, fid: str) -> dict[str, Any] | None:
    """What the explorer says above an answer for a framework that is not in force."""
    st = views.stage(fid)
    if not st.banner:
        return None
    return {"label": st.label, "note": st.note, "text": st.text_title, "caveat": st.caveat}


def build(corpus: Corpus, index: Index) -> dict[str, Any]:
    views = Views(corpus, index)
    frameworks = []
    for fid, fw in sorted(corpus.frameworks.items()):
        criteria = []
        for ref in index.tree_order(fid):
            crit = corpus.criteria[ref]
            criteria.append(
                {
                    "ref": ref,
                    "code": crit.notation or crit.id,
                    "title": crit.title,
                    "parent": f"{fid}:{crit.parent}" if crit.parent else None,
                    "role": str(crit.role),
                    "page": urls.criterion(ref),
                }
            )
        frameworks.append(
            {
                "id": fid,
                "title": fw.short_title or fw.title,
                "criteria": criteria,
                "answers": answers(views, fid),
                "stage": stage(views, fid),
            }
        )
    links: dict[str, list[dict[str, Any]]] = {}
    for key, table in (
        ("direct", index.direct_to),
        ("assessed", index.assessing),
        ("embodies", index.embodying),
    ):
        links[key] = [
            {
                "id": lk.id,
                "s": lk.subject,
                "o": lk.object,
                "strength": str(lk.strength),
                **(
                    {
                        "evidence": [
                            {"item": e.item, "kinds": [str(k) for k in e.kinds]}
                            for e in lk.evidence
                        ]
                    }
                    if key == "direct"
                    else {}
                ),
            }
            for target in sorted(table)
            for lk in table[target]
        ]
    return {
        "frameworks": frameworks,
        "models": [{"id": mid, "title": m.title} for mid, m in sorted(corpus.models.items())],
        "elements": {
            ref: {"model": corpus.scheme_of(ref), "title": e.title}
            for ref, e in sorted(corpus.elements.items())
        },
        "links": links,
        "statuses": list(STATUSES),
        "reasons": GAP_REASONS,
    }
