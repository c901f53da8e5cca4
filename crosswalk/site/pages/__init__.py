"""The list of pages: every page of the site, in order, as functions that make their
view-models. Each page family has a module of its own in this package.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from crosswalk.diff import TableDiff
from crosswalk.site import rubric
from crosswalk.site.pages.explorer_search import explorer, search
from crosswalk.site.pages.frameworks import criterion, framework, frameworks_index, matrix
from crosswalk.site.pages.link_review import review, review_set
from crosswalk.site.pages.models import element, model, models_index, single_report
from crosswalk.site.pages.principles import principle, principles_index
from crosswalk.site.pages.static import accessibility, downloads, home, methodology
from crosswalk.site.viewmodels import Page
from crosswalk.site.views import Views


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
