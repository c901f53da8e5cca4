"""The migration answer (`crosswalk migrate`) as data and as text, like the other reports."""

from __future__ import annotations

from crosswalk.analysis.migrate import CARRIES, Migration
from crosswalk.analysis.report_data import Data, local_id, stage
from crosswalk.analysis.report_text import markdown_cell, wrapped
from crosswalk.corpus import Corpus
from crosswalk.texttable import text_table


def migrate_data(corpus: Corpus, mig: Migration) -> Data:
    def title(ref: str) -> str:
        return corpus.criteria[ref].title

    return {
        "from": mig.old,
        "to": mig.new,
        "stages": {f: stage(corpus, f) for f in (mig.old, mig.new)},
        "models": mig.models,
        "carried": [
            {
                "id": local_id(ref),
                "ref": ref,
                "title": title(ref),
                "items": [
                    {
                        "item": c.item.text,
                        "kinds": [str(k) for k in c.item.kinds],
                        "elements": c.item.elements,
                        "links": c.item.links,
                        "from": c.old,
                        "from_title": title(c.old),
                        "relation": str(c.alignment.relation),
                        "alignment": c.alignment.link.id,
                        "carries": CARRIES[c.alignment.relation],
                    }
                    for c in carried
                ],
            }
            for ref, carried in mig.carried.items()
        ],
        "alignments": [
            {
                "from": a.old,
                "to": a.new,
                "relation": str(a.relation),
                "link": a.link.id,
                "strength": str(a.link.strength),
            }
            for aligned in mig.alignments.values()
            for a in aligned
        ],
        "no_predecessor": [
            {
                "ref": r,
                "title": title(r),
                "level": str(corpus.criteria[r].level),
                "rating": corpus.criteria[r].rating,
            }
            for r in mig.no_predecessor
        ],
        "no_successor": [{"ref": r, "title": title(r)} for r in mig.no_successor],
        "stranded": mig.stranded,
    }


def migrate_rows(data: Data) -> tuple[list[str], list[list[str]]]:
    header = ["to", "from", "relation", "evidence item", "elements"]
    rows = [
        [c["id"], local_id(i["from"]), i["relation"], i["item"], " ".join(i["elements"])]
        for c in data["carried"]
        for i in c["items"]
    ]
    return header, rows


def _migrate_lists(data: Data) -> list[tuple[str, list[str]]]:
    kloes = [c for c in data["no_predecessor"] if not c["rating"]]
    rated: dict[str, int] = {}
    for c in data["no_predecessor"]:
        if c["rating"]:
            rated[c["rating"]] = rated.get(c["rating"], 0) + 1
    return [
        (
            f"in {data['to']}, with no aligned predecessor in the data",
            [f"{local_id(c['ref'])} {c['title']}" for c in kloes],
        ),
        (
            "rating characteristics with no aligned predecessor",
            [f"{n} {level}" for level, n in rated.items()],
        ),
        (
            f"in {data['from']}, with no aligned successor",
            [f"{local_id(c['ref'])} {c['title']}" for c in data["no_successor"]],
        ),
        (
            "your evidence left without a successor",
            [local_id(r) for r in data["stranded"]],
        ),
    ]


def migrate_table(data: Data) -> str:
    out = wrapped(f"{data['from']} -> {data['to']} for {', '.join(data['models'])}")
    for stage_ in data["stages"].values():
        if stage_["stage"] != "in_force":
            out += wrapped(f"note: {stage_['note']}")
    carried = sum(len(c["items"]) for c in data["carried"])
    out += wrapped(
        f"{carried} evidence item(s) carry over to {len(data['carried'])} criteria of {data['to']}"
    )
    out += "\n"
    header, rows = migrate_rows(data)
    if rows:
        out += text_table([header[0], header[1], header[2], header[3]], [r[:4] for r in rows])
    for heading, items in _migrate_lists(data):
        out += "\n" + wrapped(f"{heading}: " + ("; ".join(items) if items else "none"))
    return out


def migrate_markdown(data: Data) -> str:
    out = [f"# What carries over: {data['from']} to {data['to']}", ""]
    out += [f"Models: {', '.join(data['models'])}", ""]
    for stage_ in data["stages"].values():
        if stage_["stage"] != "in_force":
            out += [f"Note: {stage_['note']}", ""]
    for c in data["carried"]:
        out += [f"## {c['id']} {markdown_cell(c['title'])}", ""]
        for i in c["items"]:
            out.append(
                f"- [ ] {markdown_cell(i['item'])} (from {local_id(i['from'])}, {i['relation']}: "
                f"{i['carries']})"
            )
        out.append("")
    for heading, items in _migrate_lists(data):
        out += [f"## {heading[0].upper()}{heading[1:]}", ""]
        out += [f"- {markdown_cell(i)}" for i in items] or ["- none"]
        out.append("")
    return "\n".join(out)
