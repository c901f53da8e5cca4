"""Coverage of a framework by a set of models, with inference and its provenance.

For every criterion the answer is the best support the chosen models' elements give:

* `strong`, `partial`, `weak`: the best *direct* link (element supplies evidence for it);
* `inferred`: no direct link, but at least one element -> principle -> criterion path;
* `none`: neither.

A counted criterion whose status is `weak`, `inferred` or `none` is a gap (crosswalk/vocab.py
declares the statuses, their words and the definition once).

A path's strength is the weakest of its two links. Inferred support is never added up into
a direct status and never outranks any direct link. Every path found is kept: there is no
shortest-path shortcut and no early exit, so an answer can show all of its reasons.
Rejected links are ignored.

What is counted: only criteria with the role `criterion`. A grouping criterion (a key
question) reports the counts of its children and is never a gap; legal context is shown with
its support but never counted. Rating characteristics (what Outstanding, Good ... looks like
for a key line of enquiry) are answered on their own, one rating level at a time
(`rating=`); without a level, each KLOE carries the counts of its characteristics by level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from crosswalk import graph
from crosswalk.corpus import Corpus
from crosswalk.enums import STRENGTH_RANK, CriterionLevel, Relation, Role, Status, Strength
from crosswalk.model import Link
from crosswalk.problems import UsageError

# Read here by earlier callers; the words themselves live in crosswalk/vocab.py.
from crosswalk.vocab import GAP_REASONS as GAP_REASONS
from crosswalk.vocab import STATUS_RANK as STATUS_RANK
from crosswalk.vocab import STATUSES as STATUSES

# Criterion-to-criterion relations, and how each reads from the other end.
INVERSE = {
    Relation.equal: Relation.equal,
    Relation.subset_of: Relation.superset_of,
    Relation.superset_of: Relation.subset_of,
    Relation.intersects_with: Relation.intersects_with,
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
    children: list[str] = field(default_factory=list)  # in this answer, in tree order
    role: Role = Role.criterion
    rating: str | None = None  # a rating characteristic's level, e.g. "good"

    @property
    def counted(self) -> bool:
        """Whether the criterion counts in the headline and can be a gap."""
        return self.role is Role.criterion

    @property
    def status(self) -> str:
        if self.direct:
            return str(strongest(d.link.strength for d in self.direct))
        return "inferred" if self.paths else "none"

    @property
    def inferred_strength(self) -> Strength | None:
        return strongest(p.strength for p in self.paths) if self.paths else None

    @property
    def gap_reason(self) -> str | None:
        return GAP_REASONS.get(self.status) if self.counted else None


@dataclass
class Coverage:
    framework: str
    models: list[str]
    criteria: dict[str, CriterionCoverage]  # in framework order
    rating: str | None = None  # the rating level answered for, if any
    # KLOE ref -> rating level -> counts of its characteristics at that level by status
    characteristics: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)  # criterion ref -> parent ref

    def counts(self, refs: Iterable[str] | None = None) -> dict[str, int]:
        chosen = (self.criteria[r] for r in (self.criteria if refs is None else refs))
        tally = Counter(c.status for c in chosen if c.counted)
        return {status: tally[status] for status in STATUSES}

    def child_counts(self, ref: str) -> dict[str, int]:
        children = [c for c in self.criteria[ref].children if self.criteria[c].counted]
        return self.counts(children) if children else {}

    def gaps(self) -> list[CriterionCoverage]:
        return [c for c in self.criteria.values() if c.gap_reason]

    def under(self, ref: str) -> Coverage:
        """The same answer for one criterion and everything beneath it."""
        known = set(self.criteria) | set(self.parents.values())
        if ref not in known:
            valid = ", ".join(r.split(":", 1)[1] for r in self.criteria)
            raise UsageError(f"no criterion '{ref.split(':', 1)[1]}' here; valid: {valid}")

        def beneath(current: str) -> bool:
            while current != ref:
                if current not in self.parents:
                    return False
                current = self.parents[current]
            return True

        kept = {r: c for r, c in self.criteria.items() if beneath(r)}
        rolled = {r: v for r, v in self.characteristics.items() if beneath(r)}
        return Coverage(self.framework, self.models, kept, self.rating, rolled, self.parents)


class Index:
    """The links of a corpus arranged for coverage questions; build once, ask many times."""

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
        self._order: dict[str, tuple[str, ...]] = {}
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
        """A framework's criteria depth first: each parent, then its children in file order.

        Worked out once per framework (the site asks for it for every model and framework);
        each caller gets its own list."""
        if framework not in self._order:
            self._order[framework] = tuple(self._tree_order(framework))
        return list(self._order[framework])

    def _tree_order(self, framework: str) -> list[str]:
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

    def check_rating(self, framework: str, rating: str) -> None:
        """Raise a UsageError unless the framework has characteristics at this level."""
        scale = [level.id for level in self.corpus.frameworks[framework].rating_scale]
        rated = sorted(
            {
                str(self.corpus.criteria[r].rating)
                for r in self.corpus.criteria_of(framework)
                if self.corpus.criteria[r].rating
            }
        )
        if not rated:
            with_levels = sorted(
                {self.corpus.scheme_of(r) for r, c in self.corpus.criteria.items() if c.rating}
            )
            raise UsageError(
                f"{framework} has no rating characteristics; frameworks with them: "
                f"{', '.join(with_levels) or 'none'}"
            )
        if rating not in scale:
            raise UsageError(
                f"unknown rating '{rating}' for {framework}; valid: {', '.join(scale)}"
            )

    def _criterion(self, ref: str, wanted: set[str], children: list[str]) -> CriterionCoverage:
        crit = self.corpus.criteria[ref]
        cov = CriterionCoverage(ref, children=children, role=crit.role, rating=crit.rating)
        for link in self.direct_to.get(ref, []):
            if self.model_of[link.subject] in wanted:
                cov.direct.append(Direct(link.subject, link))
        for second in self.assessing.get(ref, []):
            for first in self.embodying.get(second.subject, []):
                if self.model_of[first.subject] in wanted:
                    cov.paths.append(Path(first.subject, second.subject, first, second))
        cov.direct.sort(key=lambda d: (-STRENGTH_RANK[d.link.strength], d.link.id))
        cov.paths.sort(key=lambda p: (-STRENGTH_RANK[p.strength], p.element, p.principle))
        return cov

    def is_characteristic(self, ref: str) -> bool:
        return self.corpus.criteria[ref].level is CriterionLevel.rating_characteristic

    def coverage(
        self, framework: str, models: Iterable[str], rating: str | None = None
    ) -> Coverage:
        """Coverage of a framework's criteria; with `rating`, of its characteristics at
        that level instead."""
        chosen = sorted(set(models))
        self.check_ids(framework, chosen)
        if rating is not None:
            self.check_rating(framework, rating)
        wanted = set(chosen)
        order = self.tree_order(framework)
        parents = {
            ref: f"{framework}:{self.corpus.criteria[ref].parent}"
            for ref in order
            if self.corpus.criteria[ref].parent
        }
        result: dict[str, CriterionCoverage] = {}
        rolled: dict[str, dict[str, dict[str, int]]] = {}
        for ref in order:
            if self.is_characteristic(ref):
                level = str(self.corpus.criteria[ref].rating)
                if rating is None:
                    status = self._criterion(ref, wanted, []).status
                    tally = rolled.setdefault(parents[ref], {}).setdefault(
                        level, dict.fromkeys(STATUSES, 0)
                    )
                    tally[status] += 1
                elif level == rating:
                    result[ref] = self._criterion(ref, wanted, [])
            elif rating is None:
                children = [c for c in self.children.get(ref, []) if not self.is_characteristic(c)]
                result[ref] = self._criterion(ref, wanted, children)
        scale = [level.id for level in self.corpus.frameworks[framework].rating_scale]
        for ref, levels in rolled.items():
            rolled[ref] = {level: levels[level] for level in scale if level in levels}
        return Coverage(framework, chosen, result, rating, rolled, parents)


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
