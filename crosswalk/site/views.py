"""Views: builds the view-models of every page of the site (viewmodels.py) from the corpus
and the analysis, caching what several pages share.

Templates only lay these out: every label, link target and status is decided here.
"""

from __future__ import annotations

import datetime as dt

from crosswalk.analysis.compare import Related, compare
from crosswalk.analysis.coverage import STATUSES, Coverage, Index
from crosswalk.analysis.lifecycle import stage_note
from crosswalk.analysis.migrate import Succession, succession
from crosswalk.corpus import Corpus
from crosswalk.enums import Relation, Stage, Verification
from crosswalk.model import Citation, Link
from crosswalk.site import urls
from crosswalk.site.pagemodels.frameworks import TreeNode
from crosswalk.site.viewmodels import (
    KIND_LABELS,
    RELATION_LABELS,
    CitationView,
    Counts,
    EvidenceView,
    LevelView,
    LinkView,
    ModelSupport,
    PathView,
    Ref,
    StageView,
    criterion_number,
    kloe_anchor,
)
from crosswalk.vocab import STAGE_LABELS

# Good is the baseline of a rating scale: the levels up to it are what a provider aims to show
# (the models' support is counted for them), the levels below it are what to avoid.
BASELINE_LEVEL = "good"


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


class Views:
    """Builds view-models; holds the corpus, the analysis index and cached coverages."""

    def __init__(self, corpus: Corpus, index: Index) -> None:
        self.corpus = corpus
        self.index = index
        self._coverage: dict[tuple[str, tuple[str, ...], str | None], Coverage] = {}
        self._related: dict[tuple[str, str], dict[str, Related]] = {}
        self._by_end: dict[tuple[str, str], list[str]] = {}
        self._links: dict[str, LinkView] = {}
        self._sets: dict[str, list[Link]] | None = None
        self._refs: dict[str, Ref] = {}
        self._stages: dict[str, StageView] = {}
        self._successions: dict[tuple[str, str], Succession] = {}

    def related(self, framework_a: str, framework_b: str) -> dict[str, Related]:
        key = (framework_a, framework_b)
        if key not in self._related:
            rows = compare(self.index, framework_a, framework_b)
            self._related[key] = {r.ref: r for r in rows}
        return self._related[key]

    def succession(self, old: str, new: str) -> Succession:
        """How the old framework's criteria align to the new one's, worked out once for every
        model's page."""
        key = (old, new)
        if key not in self._successions:
            self._successions[key] = succession(self.index, old, new)
        return self._successions[key]

    # Small pieces -----------------------------------------------------------------------

    def coverage(
        self, framework: str, models: tuple[str, ...], rating: str | None = None
    ) -> Coverage:
        key = (framework, models, rating)
        if key not in self._coverage:
            self._coverage[key] = self.index.coverage(framework, models, rating)
        return self._coverage[key]

    def ref(self, ref: str) -> Ref:
        found = self._refs.get(ref)
        if found is None:
            found = self._refs[ref] = self._make_ref(ref)
        return found

    def _make_ref(self, ref: str) -> Ref:
        c = self.corpus
        if ref in c.criteria:
            crit = c.criteria[ref]
            return Ref(
                crit.title,
                urls.criterion(ref),
                crit.notation or crit.id,
                crit.title_cy,
                criterion_number(crit.notation, crit.id),
            )
        if ref in c.elements:
            return Ref(c.elements[ref].title, urls.element(ref), c.models[c.scheme_of(ref)].title)
        if ref in c.principles:
            return Ref(c.principles[ref].title, urls.principle(ref))
        raise KeyError(ref)

    def model_ref(self, mid: str) -> Ref:
        return Ref(self.corpus.models[mid].title, urls.model(mid))

    def framework_ref(self, fid: str) -> Ref:
        fw = self.corpus.frameworks[fid]
        return Ref(fw.short_title or fw.title, urls.framework(fid))

    def citations(self, cites: list[Citation]) -> list[CitationView]:
        views = []
        for cite in cites:
            src = self.corpus.sources[cite.source]
            views.append(CitationView(cite.source, src.title, cite.locator, src.url))
        return views

    def link(self, link: Link) -> LinkView:
        """The view of a link, made once: many pages show the same link."""
        view = self._links.get(link.id)
        if view is None:
            view = self._links[link.id] = self._make_link(link)
        return view

    def _make_link(self, link: Link) -> LinkView:
        return LinkView(
            id=link.id,
            subject=self.ref(link.subject),
            relation=RELATION_LABELS[link.relation],
            object=self.ref(link.object),
            strength=str(link.strength),
            rationale=link.rationale,
            evidence=[
                EvidenceView(e.item, [KIND_LABELS[str(k)] for k in e.kinds]) for e in link.evidence
            ],
            sources=self.citations(link.sources),
            status=str(link.status),
            author=link.author,
            created=link.created.isoformat(),
            reviewer=link.reviewer,
            reviewed=link.reviewed.isoformat() if link.reviewed else None,
            comment=link.comment,
            review_path=(
                f"{urls.review_set(self.corpus.link_set_of[link.id])}#{urls.link_anchor(link.id)}"
            ),
        )

    def links_of_set(self, lsid: str) -> list[Link]:
        """A link set's links, in id order."""
        if self._sets is None:
            self._sets = {s: [] for s in self.corpus.link_sets}
            for lid, link in sorted(self.corpus.links.items()):
                self._sets[self.corpus.link_set_of[lid]].append(link)
        return self._sets[lsid]

    def support(self, ref: str, mid: str) -> ModelSupport:
        rating = self.corpus.criteria[ref].rating  # a characteristic is answered at its level
        item = self.coverage(self.corpus.scheme_of(ref), (mid,), rating).criteria[ref]
        return ModelSupport(
            model=self.model_ref(mid),
            status=item.status,
            reason=item.gap_reason,
            direct=[self.link(d.link) for d in item.direct],
            paths=[
                PathView(
                    self.ref(p.element),
                    self.ref(p.principle),
                    str(p.strength),
                    [self.link(p.embodies), self.link(p.assessed_by)],
                )
                for p in item.paths
            ],
        )

    def links_where(self, end: str, ref: str, relation: Relation | None = None) -> list[LinkView]:
        """Views of the links whose subject (or object) is ref, in link-id order."""
        if not self._by_end:
            for lid, lk in sorted(self.corpus.links.items()):
                self._by_end.setdefault(("subject", lk.subject), []).append(lid)
                self._by_end.setdefault(("object", lk.object), []).append(lid)
        links = (self.corpus.links[lid] for lid in self._by_end.get((end, ref), []))
        return [self.link(lk) for lk in links if relation is None or lk.relation is relation]

    def tree(self, fid: str, status_of: dict[str, str] | None = None) -> list[TreeNode]:
        """A framework's criteria as nested nodes.

        Rating characteristics are not children here: a node counts them, and the framework
        page shows them by rating level beside their key line of enquiry."""

        def node(ref: str) -> TreeNode:
            kids = self.index.children.get(ref, [])
            return TreeNode(
                ref=self.ref(ref),
                status=(status_of or {}).get(ref),
                children=[node(c) for c in kids if not self.index.is_characteristic(c)],
                characteristics=sum(1 for c in kids if self.index.is_characteristic(c)),
                anchor=kloe_anchor(ref),
            )

        roots = [r for r in self.index.tree_order(fid) if not self.corpus.criteria[r].parent]
        return [node(r) for r in roots]

    def stage(self, fid: str) -> StageView:
        """The framework's stage, made once: every page about the framework shows it."""
        found = self._stages.get(fid)
        if found is None:
            found = self._stages[fid] = self._make_stage(fid)
        return found

    def _make_stage(self, fid: str) -> StageView:
        c = self.corpus
        fw = c.frameworks[fid]
        life = fw.lifecycle
        titles = {f: x.short_title or x.title for f, x in c.frameworks.items()}
        # A draft's text, which its wording was read from: the source published at the
        # framework's address. (A framework in force or superseded has no banner for it.)
        text = next(
            (c.sources[s] for s in sorted(c.sources) if fw.url and c.sources[s].url == fw.url),
            None,
        )
        if life.stage is not Stage.draft:
            text = None
        refs = c.criteria_of(fid)
        secondary = sum(1 for r in refs if c.criteria[r].verification is Verification.secondary)
        caveat = None
        if text is not None and secondary:
            when = f" on {_day(life.published)}" if life.published else ""
            which = (
                "every criterion here is"
                if secondary == len(refs)
                else f"{secondary} criteria here are"
            )
            caveat = (
                f"This text is secondary (a third party's copy of the publisher's text), and "
                f"{which} worded as in it: it is not proven identical to the draft "
                f"that {fw.publisher} published{when}. Check the wording against {fw.publisher}'s "
                f"own site before relying on it."
            )
        return StageView(
            stage=str(life.stage),
            label=STAGE_LABELS[life.stage].capitalize(),
            note=stage_note(fw, titles),
            text_title=text.title if text else None,
            text_url=text.url if text else None,
            caveat=caveat,
        )

    def levels(self, fid: str, rated_only: bool = False) -> list[LevelView]:
        """The framework's rating scale, best first; `rated_only`: only the levels it has
        rating characteristics at."""
        scale = self.corpus.frameworks[fid].rating_scale
        ids = [level.id for level in scale]
        baseline = ids.index(BASELINE_LEVEL) if BASELINE_LEVEL in ids else len(ids) - 1
        rated = {
            str(self.corpus.criteria[r].rating)
            for r in self.corpus.criteria_of(fid)
            if self.index.is_characteristic(r)
        }
        return [
            LevelView(level.id, level.title, level.title_cy, i <= baseline)
            for i, level in enumerate(scale)
            if not rated_only or level.id in rated
        ]

    def counts(self, cov: Coverage) -> Counts:
        counts = cov.counts()
        total = sum(counts.values()) or 1
        return [(s, counts[s], round(100 * counts[s] / total, 1)) for s in STATUSES]
