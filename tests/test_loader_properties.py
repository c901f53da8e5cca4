"""Property-based tests of the loader: valid data loads; one corruption is found where it is.

Corpora are generated as records of flat `key: value` lines written by a tiny emitter that
knows the line of every field, so a test can say exactly where a problem must be reported.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswalk import pipeline

IDS = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
TEXT = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@dataclass
class File:
    """A YAML file built line by line; remembers the line of each record's fields."""

    lines: list[str] = field(default_factory=list)
    fields: dict[tuple[str, str], int] = field(default_factory=dict)

    def header(self, key: str, values: dict[str, object]) -> None:
        self.lines.append(f"{key}:")
        for k, v in values.items():
            self.lines.append(f"  {k}: {json.dumps(v, ensure_ascii=False)}")

    def record(self, rid: str, values: dict[str, object]) -> None:
        first = True
        for k, v in values.items():
            self.lines.append(
                ("  - " if first else "    ") + f"{k}: {json.dumps(v, ensure_ascii=False)}"
            )
            self.fields[(rid, k)] = len(self.lines)
            first = False

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, File]:
    cite = [{"source": "src", "locator": draw(TEXT)}]
    principles = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    criteria = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    elements = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))

    sources = File()
    sources.lines.append("sources:")
    sources.record("src", {"id": "src", "title": draw(TEXT), "publisher": draw(TEXT)})

    pset = File()
    pset.header(
        "principle_set", {"id": "hub", "title": draw(TEXT), "version": "1", "status": "draft"}
    )
    pset.lines.append("principles:")
    for pid in principles:
        pset.record(
            pid, {"id": pid, "title": draw(TEXT), "definition": draw(TEXT), "sources": cite}
        )

    fw = File()
    fw.header(
        "framework",
        {
            "id": "fw",
            "title": draw(TEXT),
            "series": "fw",
            "version": "1",
            "publisher": draw(TEXT),
            "jurisdiction": "wales",
            "lifecycle": {"stage": "in_force", "sources": cite},
        },
    )
    fw.lines.append("criteria:")
    for i, cid in enumerate(criteria):
        values: dict[str, object] = {
            "id": cid,
            "level": "area",
            "title": draw(TEXT),
            "verification": "official",
        }
        if i:  # a parent earlier in the list: always a tree
            values["parent"] = criteria[draw(st.integers(0, i - 1))]
        fw.record(cid, values)

    model = File()
    model.header(
        "model",
        {
            "id": "m",
            "title": draw(TEXT),
            "developer": draw(TEXT),
            "impact_evidence": "limited",
            "in_wales": draw(st.booleans()),
            "description": draw(TEXT),
            "sources": cite,
        },
    )
    model.lines.append("elements:")
    for eid in elements:
        model.record(eid, {"id": eid, "title": draw(TEXT), "kind": "theme"})

    links = File()
    links.header("link_set", {"id": "ls", "title": draw(TEXT)})
    links.lines.append("links:")
    n = 0
    common = {"sources": cite, "status": "proposed", "author": "a", "created": "2026-01-01"}
    strengths = st.sampled_from(["strong", "partial", "weak"])
    for eid in elements:
        n += 1
        links.record(
            f"l{n}",
            {
                "id": f"l{n}",
                "subject": f"m:{eid}",
                "relation": "embodies",
                "object": f"hub:{draw(st.sampled_from(principles))}",
                "strength": draw(strengths),
                "rationale": draw(TEXT),
                **common,
            },
        )
    for pid in principles:
        n += 1
        links.record(
            f"l{n}",
            {
                "id": f"l{n}",
                "subject": f"hub:{pid}",
                "relation": "assessed_by",
                "object": f"fw:{draw(st.sampled_from(criteria))}",
                "strength": draw(strengths),
                "rationale": draw(TEXT),
                **common,
            },
        )
    n += 1
    links.record(
        f"l{n}",
        {
            "id": f"l{n}",
            "subject": f"m:{elements[0]}",
            "relation": "supplies_evidence_for",
            "object": f"fw:{criteria[0]}",
            "strength": draw(strengths),
            "rationale": draw(TEXT),
            "evidence": [{"item": draw(TEXT), "kinds": ["observation"]}],
            **common,
        },
    )
    return {
        "sources.yaml": sources,
        "principles.yaml": pset,
        "frameworks/fw.yaml": fw,
        "models/m.yaml": model,
        "links/ls.yaml": links,
    }


def _write(tmp: pytest.TempPathFactory, files: dict[str, File]) -> Path:
    """The files in a new folder of the session's temporary folder (hypothesis runs many
    examples in one test, so a test's own tmp_path would be shared between them)."""
    root = tmp.mktemp("corpus")
    for name, f in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f.text(), encoding="utf-8")
    return root


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(corpora())
def test_generated_valid_data_always_loads(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, File]
) -> None:
    root = _write(tmp_path_factory, files)
    try:
        checked = pipeline.check(root, "data", run_shacl=False)
        assert checked.failures() == [], [p.render() for p in checked.problems]
        assert len(checked.corpus.links) == sum(
            1 for k in files["links/ls.yaml"].fields if k[1] == "id"
        )
    finally:
        shutil.rmtree(root)


CORRUPTIONS = {
    # name: (field to change, new value or None to delete, expected code)
    "enum": ("strength", "stronger", "E203"),
    "dangling": ("object", "hub:no-such-thing", "E302"),
    "bad-ref": ("subject", "not a reference", "E205"),
    "wrong-type": ("rationale", ["a", "list"], "E202"),
    "bad-date": ("created", "yesterday", "E202"),
    "missing": ("rationale", None, "E204"),
}


@SETTINGS
@given(corpora(), st.sampled_from(sorted(CORRUPTIONS)), st.data())
def test_a_single_corruption_is_reported_at_its_line(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, File], name: str, data: st.DataObject
) -> None:
    links = files["links/ls.yaml"]
    link_ids = sorted({rid for rid, _ in links.fields}, key=lambda r: int(r[1:]))
    target = data.draw(st.sampled_from(link_ids))
    key, value, code = CORRUPTIONS[name]
    line = links.fields[(target, key)]
    if value is None:
        links.lines[line - 1] = "    comment: " + json.dumps(
            "rationale removed", ensure_ascii=False
        )
        expected_line = links.fields[(target, "id")]
    else:
        prefix = links.lines[line - 1].split(":", 1)[0]
        links.lines[line - 1] = f"{prefix}: {json.dumps(value, ensure_ascii=False)}"
        expected_line = line
    root = _write(tmp_path_factory, files)
    try:
        checked = pipeline.check(root, "data", run_shacl=False)
        found = [(p.code, p.location.path, p.location.line) for p in checked.failures()]
        assert (code, "data/links/ls.yaml", expected_line) in found, found
        assert all(c == code or c == "W501" or c == "W502" for c, _, _ in found), found
    finally:
        shutil.rmtree(root)
