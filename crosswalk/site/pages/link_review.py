"""The review pages: links by status with the changelog, and a page for each link set."""

from __future__ import annotations

from collections import Counter

from crosswalk.diff import TableDiff, short
from crosswalk.enums import Status, Strength
from crosswalk.site import urls
from crosswalk.site.pagemodels.link_review import (
    ReviewPage,
    ReviewSetPage,
    RowChanges,
    SetCounts,
    TableChanges,
)
from crosswalk.site.pages.common import HOME
from crosswalk.site.viewmodels import Page, Ref
from crosswalk.site.views import Views


def review(
    v: Views, changes: dict[str, TableDiff] | None = None, previous: str | None = None
) -> Page:
    """Counts by status for each link set (a page each), and the changelog."""
    by_set: dict[str, Counter[str]] = {lsid: Counter() for lsid in v.corpus.link_sets}
    for lid, link in v.corpus.links.items():
        by_set[v.corpus.link_set_of[lid]][str(link.status)] += 1
    sets = [
        SetCounts(
            ref=Ref(v.corpus.link_sets[lsid].title, urls.review_set(lsid), lsid),
            counts=[counts[str(status)] for status in Status],
            total=sum(counts.values()),
        )
        for lsid, counts in sorted(by_set.items())
    ]
    totals = Counter(str(link.status) for link in v.corpus.links.values())
    changelog = None
    if changes is not None:
        changelog = [
            TableChanges(
                name=name,
                added=t.added,
                removed=t.removed,
                changed=[
                    RowChanges(
                        c.id,
                        [(f, short(o, 200), short(n, 200)) for f, (o, n) in c.fields.items()],
                    )
                    for c in t.changed
                ],
            )
            for name, t in changes.items()
        ]
    return Page(
        urls.review(),
        "review.html",
        "Review: links by status",
        [HOME],
        ReviewPage(
            statuses=[str(status) for status in Status],
            totals=[totals[str(status)] for status in Status],
            sets=sets,
            total=len(v.corpus.links),
            changelog=changelog,
            previous=previous,
            workbook=urls.review_workbook(),
        ),
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
        ReviewSetPage(
            link_set=link_set,
            links=links,
            counts=[(str(status), counts[str(status)]) for status in Status],
            strengths=[str(strength) for strength in Strength],
            objects=objects,
            workbook=urls.review_workbook(),
        ),
    )
