"""The data the gap explorer computes with in the browser.

The explorer repeats the engine's coverage rules in JavaScript (site/static/js/explorer.js)
so that it works on any static host; a browser test checks it shows exactly what
`crosswalk coverage --format json` says. Rejected links are left out here, as in the engine.
"""

from __future__ import annotations

from typing import Any

from crosswalk.analysis.coverage import GAP_REASONS, STATUSES, Index
from crosswalk.corpus import Corpus
from crosswalk.site import urls


def build(corpus: Corpus, index: Index) -> dict[str, Any]:
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
                    "page": urls.criterion(ref),
                }
            )
        frameworks.append({"id": fid, "title": fw.short_title or fw.title, "criteria": criteria})
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
