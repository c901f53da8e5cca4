"""The answers as text: table, CSV, Markdown and JSON, each laid out from a report's data
(report_data.py), so all four formats always say the same thing. Tables fit an 80-column
terminal.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable

from crosswalk import csvtext, vocab
from crosswalk.analysis.coverage import STATUSES
from crosswalk.analysis.report_data import Data, local_id
from crosswalk.texttable import WIDTH, text_table


def wrapped(text: str) -> str:
    """A paragraph of a text answer, wrapped to the terminal's width, its lines after the
    first indented."""
    return textwrap.fill(text, WIDTH, subsequent_indent="  ", break_on_hyphens=False) + "\n"


def _summary_line(summary: Data) -> str:
    return wrapped(vocab.summary_line(summary["counts"]))


def _header(data: Data) -> str:
    head = wrapped(
        f"{data.get('framework', '')} <- {', '.join(data.get('models', [])) or '(none)'}"
    )
    stage_ = data.get("stage")
    if stage_ and stage_["stage"] != "in_force":
        head += wrapped(f"note: {stage_['note']}")
    if data.get("rating"):
        head += wrapped(f"rating characteristics at: {data['rating']}")
    return head + "".join(wrapped(f"warning: {w}") for w in data.get("warnings", []))


def _depths(criteria: list[Data]) -> dict[str, int]:
    depth: dict[str, int] = {}
    for c in criteria:
        depth[c["id"]] = depth.get(c["parent"], -1) + 1 if c["parent"] in depth else 0
    return depth


def coverage_rows(data: Data) -> tuple[list[str], list[list[str]]]:
    header = ["id", "status", "direct", "paths", "children", "title"]
    rows = []
    for c in data["criteria"]:
        children = c["children"] or {}
        kids = "/".join(str(children.get(s, 0)) for s in STATUSES) if children else ""
        rows.append(
            [
                c["notation"],
                c["status"] or "group",
                str(len(c["direct"])),
                str(len(c["paths"])),
                kids,
                c["title"],
            ]
        )
    return header, rows


def coverage_table(data: Data) -> str:
    header, rows = coverage_rows(data)
    depth = _depths(data["criteria"])
    for row, c in zip(rows, data["criteria"], strict=True):
        row[0] = "  " * depth[c["id"]] + row[0]
    legend = "children: " + "/".join(STATUSES) + "\n"
    return (
        _header(data)
        + text_table(header, rows)
        + legend
        + _characteristics_lines(data)
        + _summary_line(data["summary"])
    )


def supported(counts: dict[str, int]) -> int:
    """How many criteria have strong or partial direct evidence (are not gaps)."""
    return sum(counts.get(s, 0) for s in vocab.SUPPORTED)


def _characteristics_lines(data: Data) -> str:
    """Per KLOE: how many of its characteristics at the two best levels of the scale (those a
    provider prepares for and aims at) have strong or partial direct evidence; the JSON has
    every level."""
    parts = []
    best = data["rating_scale"][:2]
    for c in data["criteria"]:
        rated = {k: v for k, v in (c.get("characteristics") or {}).items() if k in best}
        if rated:
            levels = ", ".join(
                f"{level.replace('_', ' ')} {supported(counts)}/{sum(counts.values())}"
                for level, counts in rated.items()
            )
            parts.append(f"{c['notation']} {levels}")
    if not parts:
        return ""
    return wrapped(
        "rating characteristics with strong or partial direct evidence: " + "; ".join(parts)
    )


def gaps_rows(data: Data) -> tuple[list[str], list[list[str]]]:
    return ["id", "status", "reason", "title"], [
        [c["notation"], c["status"], c["gap_reason"], c["title"]] for c in data["criteria"]
    ]


def recommend_rows(data: Data) -> tuple[list[str], list[list[str]]]:
    return ["step", "model", "gain", "remaining", "closes"], [
        [
            str(i),
            s["model"],
            str(s["gain"]),
            str(s["remaining"]),
            " ".join(local_id(r) for r in s["closes"]),
        ]
        for i, s in enumerate(data["steps"], start=1)
    ]


def recommend_table(data: Data) -> str:
    kinds = {s: sum(1 for g in data["gaps"] if g["status"] == s) for s in vocab.GAPS}
    out = _header(data) + wrapped(vocab.gaps_line(kinds)) + "\n"
    header, rows = recommend_rows(data)
    out += text_table(header, rows) if rows else "no other model in the data closes any gap\n"
    if data["uncloseable"]:
        closes = " ".join(local_id(r) for r in data["uncloseable"])
        out += "\n" + wrapped("no model in the data closes: " + closes)
    return out


def compare_rows(data: Data) -> tuple[list[str], list[list[str]]]:
    rows = []
    for c in data["criteria"]:
        for e in c["explicit"]:
            rows.append([c["id"], local_id(e["target"]), e["relation"], e["link"]["id"]])
        for s in c["shared_principles"]:
            rows.append(
                [c["id"], local_id(s["target"]), "shared principle", local_id(s["principle"])]
            )
    return ["from", "to", "how", "via"], rows


def compare_table(data: Data) -> str:
    head = f"{data['from']} -> {data['to']}\n"
    for stage_ in data["stages"].values():
        if stage_["stage"] != "in_force":
            head += wrapped(f"note: {stage_['note']}")
    header, rows = compare_rows(data)
    return head + (text_table(header, rows) if rows else "no related criteria\n")


def checklist_rows(data: Data) -> tuple[list[str], list[list[str]]]:
    rows: list[list[str]] = []
    for c in data["criteria"]:
        for kind, items in c["kinds"].items():
            rows.extend([c["id"], kind, i["item"]] for i in items)
    return ["criterion", "kind", "evidence item"], rows


def checklist_markdown(data: Data) -> str:
    out = [
        f"# Evidence checklist: {data['framework']}",
        "",
        f"Models: {', '.join(data['models'])}",
        "",
    ]
    if data["stage"]["stage"] != "in_force":
        out += [f"Note: {data['stage']['note']}", ""]
    if data["rating"]:
        out += [f"Rating characteristics at: {data['rating']}", ""]
    for c in data["criteria"]:
        out += [f"## {c['id']} {c['title']}", ""]
        for kind, items in c["kinds"].items():
            out += [f"### {kind.replace('_', ' ')}", ""]
            out += [f"- [ ] {markdown_cell(i['item'])}" for i in items]
            out.append("")
    return "\n".join(out)


def markdown_cell(text: str) -> str:
    """Text as it can stand in a Markdown table's cell: on one line, its bars escaped."""
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(header: list[str], rows: list[list[str]], title: str = "") -> str:
    out = [f"# {title}", ""] if title else []
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join("---" for _ in header) + "|")
    out += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def as_csv(header: list[str], rows: list[list[str]]) -> str:
    """CSV written as every CSV table is: cells that would start a formula made text."""
    return csvtext.dumps(header, rows)


def as_json(data: Data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RowsFn = Callable[[Data], tuple[list[str], list[list[str]]]]


def render(
    data: Data,
    fmt: str,
    rows: RowsFn,
    table: Callable[[Data], str] | None = None,
    markdown: Callable[[Data], str] | None = None,
    title: str = "",
) -> str:
    """Lay out one report in one of the four formats."""
    if fmt == "json":
        return as_json(data)
    if fmt == "csv":
        return as_csv(*rows(data))
    if fmt == "markdown":
        if markdown is not None:
            return markdown(data)
        text = markdown_table(*rows(data), title=title)
        if "summary" in data:
            text += "\n" + _summary_line(data["summary"])
        return text
    if table is not None:
        return table(data)
    return _header(data) + text_table(*rows(data))
