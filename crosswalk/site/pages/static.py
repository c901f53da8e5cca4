"""The site's fixed pages: home, downloads, methodology and accessibility."""

from __future__ import annotations

from crosswalk.site import rubric, urls
from crosswalk.site.pagemodels.static import DownloadsPage, Figures, HomePage, MethodologyPage
from crosswalk.site.pages.common import HOME
from crosswalk.site.viewmodels import VERIFICATION_LABELS, Page, Ref, SearchEntry
from crosswalk.site.views import Views

# The licence CQC publishes its material under, attributed on the methodology page.
OGL = Ref(
    "Open Government Licence v3.0",
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)


def home(v: Views) -> Page:
    c = v.corpus
    figures = Figures(
        frameworks=len(c.frameworks),
        criteria=len(c.criteria),
        models=len(c.models),
        principles=len(c.principles),
        links=len(c.links),
    )
    return Page(
        urls.home(),
        "home.html",
        "crosswalk: positive-culture models and inspection criteria",
        context=HomePage(
            figures=figures,
            frameworks=[v.framework_ref(f) for f in sorted(c.frameworks)],
            matrices=[(v.framework_ref(f), urls.matrix(f)) for f in sorted(c.frameworks)],
        ),
    )


def downloads(v: Views) -> Page:
    return Page(
        urls.downloads(),
        "downloads.html",
        "Downloads",
        [HOME],
        DownloadsPage(
            coverage=[
                (
                    v.model_ref(mid),
                    [
                        (v.framework_ref(fid), urls.coverage_json(mid, fid))
                        for fid in v.index.frameworks_reached(mid)
                    ],
                )
                for mid in sorted(v.corpus.models)
            ],
            workbook=urls.review_workbook(),
        ),
    )


def methodology(v: Views, strength: rubric.Rubric) -> Page:
    sources = [v.corpus.sources[s] for s in sorted(v.corpus.sources)]
    sets = [ps for _, ps in sorted(v.corpus.principle_sets.items())]
    return Page(
        urls.methodology(),
        "methodology.html",
        "Methodology and sources",
        [HOME],
        MethodologyPage(
            sources=sources,
            sets=sets,
            verification=VERIFICATION_LABELS,
            rubric=strength,
            ogl=OGL,
        ),
        SearchEntry("About the data", "about the data: how the links are made, and their sources"),
    )


def accessibility(v: Views) -> Page:
    return Page(urls.accessibility(), "accessibility.html", "Accessibility statement", [HOME])
