"""The principle pages: the principles list and a principle."""

from __future__ import annotations

from crosswalk.enums import Relation
from crosswalk.site import urls
from crosswalk.site.pagemodels.principles import PrinciplePage, PrincipleRow, PrinciplesPage
from crosswalk.site.pages.common import HOME
from crosswalk.site.viewmodels import Page, Ref, SearchEntry
from crosswalk.site.views import Views


def principles_index(v: Views) -> Page:
    rows = [
        PrincipleRow(
            ref=v.ref(ref),
            definition=pr.definition,
            elements=len(v.links_where("object", ref, Relation.embodies)),
            criteria=len(v.links_where("subject", ref, Relation.assessed_by)),
        )
        for ref, pr in sorted(v.corpus.principles.items())
    ]
    sets = [ps for _, ps in sorted(v.corpus.principle_sets.items())]
    return Page(
        urls.principles(), "principles.html", "Principles", [HOME], PrinciplesPage(rows, sets)
    )


def principle(v: Views, ref: str) -> Page:
    pr = v.corpus.principles[ref]
    pset = v.corpus.scheme_of(ref)
    return Page(
        urls.principle(ref),
        "principle.html",
        pr.title,
        [HOME, Ref("Principles", urls.principles())],
        PrinciplePage(
            pr=pr,
            sources=v.citations(pr.sources),
            embodied=v.links_where("object", ref, Relation.embodies),
            assessed=v.links_where("subject", ref, Relation.assessed_by),
        ),
        SearchEntry("Principle", f"principle of {v.corpus.principle_sets[pset].title}"),
    )
