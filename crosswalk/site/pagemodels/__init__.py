"""Each page family's view-model: one typed object per page, which its template lays out, and
the rows it is made of, in a module named as the family's in `pages/`, which builds them with
Views (views.py). `build.render` hands a page's fields to its template by name. The pieces many
pages share (a reference, a link, a framework's stage) are in viewmodels.py.
"""

from __future__ import annotations

from crosswalk.site.pagemodels.explorer_search import ExplorerPage, SearchPage
from crosswalk.site.pagemodels.frameworks import (
    CriterionPage,
    FrameworkPage,
    FrameworksPage,
    MatrixPage,
)
from crosswalk.site.pagemodels.link_review import ReviewPage, ReviewSetPage
from crosswalk.site.pagemodels.models import ElementPage, ModelPage, ModelsPage, ReportPage
from crosswalk.site.pagemodels.principles import PrinciplePage, PrinciplesPage
from crosswalk.site.pagemodels.static import DownloadsPage, HomePage, MethodologyPage

# What a Page carries for its template (viewmodels.Page.context): one of these.
PageContext = (
    HomePage
    | DownloadsPage
    | MethodologyPage
    | ExplorerPage
    | SearchPage
    | FrameworksPage
    | FrameworkPage
    | MatrixPage
    | CriterionPage
    | ModelsPage
    | ModelPage
    | ElementPage
    | ReportPage
    | PrinciplesPage
    | PrinciplePage
    | ReviewPage
    | ReviewSetPage
)
