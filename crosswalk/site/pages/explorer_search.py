"""The pages that find things: the gap explorer and the search page."""

from __future__ import annotations

from crosswalk.site import explorer_data, urls
from crosswalk.site.pagemodels.explorer_search import ExplorerPage, ModelReports, SearchPage
from crosswalk.site.pages.common import HOME
from crosswalk.site.viewmodels import SEARCH_KINDS, Page, Ref
from crosswalk.site.views import Views


def explorer(v: Views) -> Page:
    reports = [
        ModelReports(
            v.model_ref(mid),
            [
                Ref(v.framework_ref(fid).label, urls.report(mid, fid))
                for fid in v.index.frameworks_reached(mid)
            ],
        )
        for mid in sorted(v.corpus.models)
    ]
    return Page(
        urls.explorer(),
        "explorer.html",
        "Gap explorer",
        [HOME],
        ExplorerPage(
            models=[(mid, v.corpus.models[mid].title) for mid in sorted(v.corpus.models)],
            # England or Wales first; then the frameworks of that country (explorer_data.py)
            countries=[
                (code, name, [(f, v.framework_ref(f).label, explorer_data.path(f)) for f in fids])
                for code, name, fids in explorer_data.countries(v.corpus)
            ],
            reports=reports,
        ),
    )


def search() -> Page:
    return Page(urls.search(), "search.html", "Search", [HOME], SearchPage(SEARCH_KINDS))
