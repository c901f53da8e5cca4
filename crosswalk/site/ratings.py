"""View-models for rating characteristics and for what changes when a draft framework comes.

A key line of enquiry's characteristics are shown side by side by rating level: Good (the
baseline) and the levels above it first, each with what the models supply, then the levels
below Good as what to avoid. A model's page says what carries over from the framework in force
to a draft of the same series (`crosswalk migrate`), from the migration answer itself.
"""

from __future__ import annotations

from crosswalk.analysis.coverage import STATUSES
from crosswalk.analysis.migrate import migrate
from crosswalk.analysis.report_migrate import migrate_data
from crosswalk.enums import Stage
from crosswalk.site.pagemodels.frameworks import Kloe, KloeItem, KloeLevel
from crosswalk.site.pagemodels.models import CarriedCriterion, CarriedItem, DraftChanges
from crosswalk.site.viewmodels import KIND_LABELS, LevelView, kloe_anchor
from crosswalk.site.views import Views


def level_order(levels: list[LevelView]) -> list[LevelView]:
    """Good first, then the levels above it (nearest first), then those below it, best first."""
    aims = [level for level in levels if level.aim]
    return [*reversed(aims), *(level for level in levels if not level.aim)]


def kloe(v: Views, ref: str, models: tuple[str, ...]) -> Kloe:
    """A criterion with its question, scope topics and its characteristics by rating level,
    with the support the models give at each level they aim for."""
    c = v.corpus
    fid = c.scheme_of(ref)
    crit = c.criteria[ref]
    mine = [r for r in v.index.children.get(ref, []) if v.index.is_characteristic(r)]
    rolled = v.coverage(fid, models).characteristics.get(ref, {})
    levels = []
    for level in level_order(v.levels(fid)):
        refs = [r for r in mine if c.criteria[r].rating == level.id]
        if not refs:
            continue
        items: list[KloeItem] = []
        counts: list[tuple[str, int]] = []
        if level.aim:
            cov = v.coverage(fid, models, level.id)
            for r in refs:
                item = cov.criteria[r]
                direct = sorted({c.models[v.index.model_of[d.element]].title for d in item.direct})
                items.append(KloeItem(v.ref(r), item.status, direct))
            tally = rolled.get(level.id, {})
            counts = [(s, tally[s]) for s in STATUSES if tally.get(s)]
        else:
            items = [KloeItem(v.ref(r), None, []) for r in refs]
        levels.append(KloeLevel(level, f"{kloe_anchor(ref)}-{level.id}", items, counts))
    return Kloe(v.ref(ref), kloe_anchor(ref), crit.text, crit.topics, levels)


def kloes(v: Views, fid: str, models: tuple[str, ...]) -> list[Kloe]:
    """The framework's criteria that have scope topics or rating characteristics, in order."""
    c = v.corpus
    chosen = [
        ref
        for ref in v.index.tree_order(fid)
        if not v.index.is_characteristic(ref)
        and (
            c.criteria[ref].topics
            or any(v.index.is_characteristic(r) for r in v.index.children.get(ref, []))
        )
    ]
    return [kloe(v, ref, models) for ref in chosen]


def successions(v: Views) -> list[tuple[str, str]]:
    """(framework in force, draft to replace it) for each draft: the framework in force of the
    same series. A draft with none has nothing to migrate from."""
    in_force: dict[str, list[str]] = {}
    for fid, fw in sorted(v.corpus.frameworks.items()):
        if fw.lifecycle.stage is Stage.in_force:
            in_force.setdefault(fw.series, []).append(fid)
    return [
        (old, new)
        for new, fw in sorted(v.corpus.frameworks.items())
        if fw.lifecycle.stage is Stage.draft
        for old in in_force.get(fw.series, [])
    ]


def changes(v: Views, mid: str) -> list[DraftChanges]:
    """For each draft framework, what carries over to it for this model: the migration answer
    (`crosswalk migrate --model MID --from OLD --to NEW`), laid out for the model's page.
    Only for the drafts and predecessors the model's elements reach."""
    c = v.corpus
    sections: list[DraftChanges] = []
    reached = set(v.index.frameworks_reached(mid))
    for old, new in successions(v):
        if old not in reached and new not in reached:
            continue  # the model has nothing to do with either: nothing to say on its page
        data = migrate_data(c, migrate(v.index, old, new, [mid], v.succession(old, new)))
        levels = {level.id: level for level in v.levels(new)}
        rated: dict[str, int] = {}
        for row in data["no_predecessor"]:
            if row["rating"]:
                rated[row["rating"]] = rated.get(row["rating"], 0) + 1
        sections.append(
            DraftChanges(
                old=v.framework_ref(old),
                new=v.framework_ref(new),
                stage=v.stage(new),
                items=sum(len(row["items"]) for row in data["carried"]),
                carried=[
                    CarriedCriterion(
                        v.ref(row["ref"]),
                        [
                            CarriedItem(
                                text=i["item"],
                                kinds=[KIND_LABELS[k] for k in i["kinds"]],
                                origin=v.ref(i["from"]),
                                carries=i["carries"],
                                alignment=v.link(c.links[i["alignment"]]),
                            )
                            for i in row["items"]
                        ],
                    )
                    for row in data["carried"]
                ],
                new_kloes=[v.ref(r["ref"]) for r in data["no_predecessor"] if not r["rating"]],
                new_characteristics=[
                    (levels[level].title, n) for level, n in rated.items() if level in levels
                ],
                no_successor=[v.ref(r["ref"]) for r in data["no_successor"]],
                stranded=[v.ref(r) for r in data["stranded"]],
            )
        )
    return sections
