"""Coverage of a framework by a set of models, with inference and its provenance.

For every criterion the answer is the best support the chosen models' elements give:

* `strong`, `partial`, `weak`: the best *direct* link (element supplies evidence for it);
* `inferred`: no direct link, but at least one element -> principle -> criterion path;
* `gap`: neither.

A path's strength is the weakest of its two links. Inferred support is never added up into
a direct status and never outranks any direct link. Every path found is kept: there is no
shortest-path shortcut and no early exit, so an answer can show all of its reasons.
Rejected links are ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from crosswalk import collector, graph
from crosswalk.loader import Corpus
from crosswalk.model import STRENGTH_RANK, Link, Relation, Status, Strength
from crosswalk.problems import UsageError

# Statuses from best to worst. Direct strengths outrank inferred, which outranks a gap.
STATUSES = ("strong", "partial", "weak", "inferred", "gap")
STATUS_RANK = {status: len(STATUSES) - i for i, status in enumerate(STATUSES)}

# Criterion-to-criterion relations, and how each reads from the other end.
INVERSE = {
    Relation.equal: Relation.equal,
    Relation.subset_of: Relation.superset_of,
    Relation.superset_of: Relation.subset_of,
    Relation.intersects_with: Relation.intersects_with,
}

GAP_REASONS = {
    "gap": "no element of the chosen models links to it",
    "inferred": "only inferred support, through a principle",
    "weak": "only weak direct support",
}


def weakest(strengths: Iterable[Strength]) -> Strength:
    return min(strengths, key=lambda s: STRENGTH_RANK[s])


def strongest(strengths: Iterable[Strength]) -> Strength:
    return max(strengths, key=lambda s: STRENGTH_RANK[s])


@dataclass(frozen=True)
class Direct:
    """A direct link from a chosen element to the criterion."""

    element: str
    link: Link


@dataclass(frozen=True)
class Path:
    """element -> principle -> criterion: two links, as strong as the weaker."""

    element: str
    principle: str
    embodies: Link
    assessed_by: Link

    @property
    def strength(self) -> Strength:
        return weakest((self.embodies.strength, self.assessed_by.strength))

    @property
    def links(self) -> tuple[Link, Link]:
        return (self.embodies, self.assessed_by)


@dataclass
class CriterionCoverage:
    ref: str
    direct: list[Direct] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    children: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.direct:
            return str(strongest(d.link.strength for d in self.direct))
        return "inferred" if self.paths else "gap"

    @property
    def inferred_strength(self) -> Strength | None:
        return strongest(p.strength for p in self.paths) if self.paths else None

    @property
    def gap_reason(self) -> str | None:
        return GAP_REASONS.get(self.status)


@dataclass
class Coverage:
    framework: str
    models: list[str]
    criteria: dict[str, CriterionCoverage]  # in framework order

    def counts(self, refs: Iterable[str] | None = None) -> dict[str, int]:
        tally = Counter(self.criteria[r].status for r in (refs or self.criteria))
        return {status: tally[status] for status in STATUSES}

    def child_counts(self, ref: str) -> dict[str, int]:
        return self.counts(self.criteria[ref].children) if self.criteria[ref].children else {}

    def gaps(self) -> list[CriterionCoverage]:
        return [c for c in self.criteria.values() if c.gap_reason]

    def under(self, ref: str) -> Coverage:
        """The same answer for one criterion and everything beneath it."""
        if ref not in self.criteria:
            valid = ", ".join(r.split(":", 1)[1] for r in self.criteria)
            raise UsageError(f"no criterion '{ref.split(':', 1)[1]}' here; valid: {valid}")
        keep: set[str] = set()
        stack = [ref]
        while stack:
            current = stack.pop()
            keep.add(current)
            stack.extend(self.criteria[current].children)
        kept = {r: c for r, c in self.criteria.items() if r in keep}
        return Coverage(self.framework, self.models, kept)


class Index:
    """The links of a corpus arranged for coverage questions; build once, ask many times."""

    @collector.paused()  # many small dicts and lists over the corpus, no cycles: see collector
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.graph = graph.build(corpus)
        self.direct_to: dict[str, list[Link]] = {}
        self.assessing: dict[str, list[Link]] = {}
        self.embodying: dict[str, list[Link]] = {}
        self.model_of: dict[str, str] = {ref: corpus.scheme_of(ref) for ref in corpus.elements}
        tables = {
            Relation.supplies_evidence_for: self.direct_to,
            Relation.assessed_by: self.assessing,
            Relation.embodies: self.embodying,
        }
        # The networkx view holds every non-rejected link as an edge keyed by its id.
        for _, target, _, data in sorted(
            self.graph.edges(keys=True, data=True), key=lambda edge: edge[2]
        ):
            table = tables.get(data["relation"])
            if table is not None:
                table.setdefault(target, []).append(data["link"])
        # For the framework crosswalk: criterion links read from either end, and the
        # criteria each principle is assessed by.
        self.criterion_links: dict[str, list[tuple[str, Relation, Link]]] = {}
        for _, link in sorted(corpus.links.items()):
            if link.status is Status.rejected or link.relation not in INVERSE:
                continue
            self.criterion_links.setdefault(link.subject, []).append(
                (link.object, link.relation, link)
            )
            self.criterion_links.setdefault(link.object, []).append(
                (link.subject, INVERSE[link.relation], link)
            )
        self.assessed_by_principle: dict[str, list[Link]] = {}
        for _, links in sorted(self.assessing.items()):
            for link in links:
                self.assessed_by_principle.setdefault(link.subject, []).append(link)
        self.direct_from: dict[str, list[Link]] = {}
        for links in self.direct_to.values():
            for link in links:
                self.direct_from.setdefault(link.subject, []).append(link)
        self.embodies_from: dict[str, list[Link]] = {}
        for links in self.embodying.values():
            for link in links:
                self.embodies_from.setdefault(link.subject, []).append(link)
        self._reach: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        for ref, criterion in corpus.criteria.items():
            if criterion.parent:
                parent = f"{corpus.scheme_of(ref)}:{criterion.parent}"
                self.children.setdefault(parent, []).append(ref)

    def reached(self, element: str) -> dict[str, str]:
        """The criteria an element reaches: criterion -> 'direct' or 'inferred'."""
        found: dict[str, str] = {}
        for link in self.embodies_from.get(element, []):
            for second in self.assessed_by_principle.get(link.object, []):
                found.setdefault(second.object, "inferred")
        for link in self.direct_from.get(element, []):
            found[link.object] = "direct"
        return found

    def frameworks_reached(self, model: str) -> list[str]:
        """The frameworks a model's elements reach at all, directly or through a principle."""
        if model not in self._reach:
            frameworks = {
                self.corpus.scheme_of(c)
                for e in self.corpus.elements_of(model)
                for c in self.reached(e)
            }
            self._reach[model] = sorted(frameworks)
        return self._reach[model]

    def models_reaching(self, criterion: str) -> list[str]:
        """The models with any support for a criterion, direct or inferred."""
        models = {self.model_of[link.subject] for link in self.direct_to.get(criterion, [])}
        for second in self.assessing.get(criterion, []):
            models |= {
                self.model_of[link.subject] for link in self.embodying.get(second.subject, [])
            }
        return sorted(models)

    def tree_order(self, framework: str) -> list[str]:
        """A framework's criteria depth first: each parent, then its children in file order."""
        refs = self.corpus.criteria_of(framework)
        roots = [r for r in refs if not self.corpus.criteria[r].parent]
        ordered: list[str] = []
        stack = list(reversed(roots))
        while stack:
            ref = stack.pop()
            ordered.append(ref)
            stack.extend(reversed(self.children.get(ref, [])))
        return ordered

    def check_ids(self, framework: str, models: Iterable[str]) -> None:
        """Raise a UsageError naming the valid ids when one is unknown."""
        if framework not in self.corpus.frameworks:
            valid = ", ".join(sorted(self.corpus.frameworks))
            raise UsageError(f"unknown framework '{framework}'; valid: {valid}")
        unknown = sorted(set(models) - set(self.corpus.models))
        if unknown:
            raise UsageError(
                f"unknown model {', '.join(repr(m) for m in unknown)}; "
                f"valid: {', '.join(sorted(self.corpus.models))}"
            )

    def coverage(self, framework: str, models: Iterable[str]) -> Coverage:
        chosen = sorted(set(models))
        self.check_ids(framework, chosen)
        wanted = set(chosen)
        result: dict[str, CriterionCoverage] = {}
        for ref in self.tree_order(framework):
            cov = CriterionCoverage(ref, children=self.children.get(ref, []))
            for link in self.direct_to.get(ref, []):
                if self.model_of[link.subject] in wanted:
                    cov.direct.append(Direct(link.subject, link))
            for second in self.assessing.get(ref, []):
                for first in self.embodying.get(second.subject, []):
                    if self.model_of[first.subject] in wanted:
                        cov.paths.append(Path(first.subject, second.subject, first, second))
            cov.direct.sort(key=lambda d: (-STRENGTH_RANK[d.link.strength], d.link.id))
            cov.paths.sort(key=lambda p: (-STRENGTH_RANK[p.strength], p.element, p.principle))
            result[ref] = cov
        return Coverage(framework, chosen, result)


def coverage(corpus: Corpus, framework: str, models: Iterable[str]) -> Coverage:
    return Index(corpus).coverage(framework, models)


def setting_warnings(corpus: Corpus, models: Iterable[str], setting: str | None) -> list[str]:
    """Warn for each chosen model with no evidence of use in the setting (seed 000's coverage)."""
    if setting is None:
        return []
    warnings = []
    for mid in sorted(set(models)):
        model = corpus.models[mid]
        if setting not in {str(s) for s in model.settings}:
            seen = ", ".join(str(s) for s in model.settings) or "none recorded"
            warnings.append(
                f"{mid} has no evidence of use in {setting} settings (evidence: {seen})"
            )
    return warnings
