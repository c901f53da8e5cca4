"""SSSOM mapping tables: one TSV (with its YAML metadata block) per link set.

Standard SSSOM slots carry what they can: subject and object ids (our `SCHEME:ID` references
are CURIEs, each scheme a prefix), labels, sources and their versions, the predicate,
`semapv:ManualMappingCuration` as justification, confidence from strength, author, reviewer,
date, and the rationale as `comment`. What SSSOM has no slot for is declared in the
metadata's `extension_definitions` and written as extra columns: relation, strength, review
status, review date, evidence items and kinds, citations, and the reviewer's comment.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import yaml

from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.corpus import Corpus
from crosswalk.enums import Kind, Status
from crosswalk.model import Link
from crosswalk.namespaces import DATA_PATHS, PREFIXES, SEMAPV, Iris, standard
from crosswalk.rdfterms import CONFIDENCE, PREDICATES

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
JOIN = " | "

# Extension slots: our name, the property it stands for, and its type.
EXTENSIONS = [
    ("link_id", "cw:linkId", "xsd:string"),
    ("relation", "cw:relation", "xsd:string"),
    ("strength", "cw:strength", "xsd:string"),
    ("review_status", "cw:status", "xsd:string"),
    ("reviewed", "cw:reviewedOn", "xsd:date"),
    ("evidence", "cw:evidence", "xsd:string"),
    ("evidence_kinds", "cw:evidenceKind", "xsd:string"),
    ("citations", "cw:citation", "xsd:string"),
    ("review_comment", "rdfs:comment", "xsd:string"),
]
COLUMNS = [
    "subject_id",
    "subject_label",
    "subject_type",
    "subject_source",
    "subject_source_version",
    "predicate_id",
    "predicate_label",
    "object_id",
    "object_label",
    "object_type",
    "object_source",
    "object_source_version",
    "mapping_justification",
    "confidence",
    "author_label",
    "reviewer_label",
    "mapping_date",
    "comment",
]


def _curie_map(corpus: Corpus, base: str) -> dict[str, str]:
    iris = Iris(base)
    prefixes = {p: PREFIXES[p] for p in ("cw", "skos", "semapv", "xsd", "rdfs", "owl")}
    for path_prefix in ("framework", "model", "pset"):
        prefixes[path_prefix] = iris.base + DATA_PATHS[path_prefix]
    schemes = {fid: iris.criterion(f"{fid}:x") for fid in corpus.frameworks}
    schemes |= {mid: iris.element(f"{mid}:x") for mid in corpus.models}
    schemes |= {sid: iris.principle(f"{sid}:x") for sid in corpus.principle_sets}
    for scheme, iri in schemes.items():
        # The loader refuses these ids (namespaces.RESERVED_PREFIXES): never redefine one.
        if scheme in prefixes:
            raise ValueError(f"the id '{scheme}' would redefine the prefix '{scheme}:'")
        prefixes[scheme] = str(iri)[:-1]
    return dict(sorted(prefixes.items()))


def _end(corpus: Corpus, ref: str) -> tuple[str, str, str, str]:
    """label, type, source CURIE and source version of a link end."""
    scheme = corpus.scheme_of(ref)
    kind = corpus.kind_of(ref)
    if kind is Kind.criterion:
        fw = corpus.frameworks[scheme]
        return corpus.criteria[ref].title, "skos concept", f"framework:{scheme}", fw.version
    if kind is Kind.element:
        return corpus.elements[ref].title, "skos concept", f"model:{scheme}", ""
    ps = corpus.principle_sets[scheme]
    return corpus.principles[ref].title, "skos concept", f"pset:{scheme}", ps.version


def _curie(iri: str) -> str:
    return standard().compress(iri) or iri


def _row(corpus: Corpus, link: Link) -> list[str]:
    s_label, s_type, s_source, s_version = _end(corpus, link.subject)
    o_label, o_type, o_source, o_version = _end(corpus, link.object)
    predicate = PREDICATES[link.relation]
    row = [
        link.subject,
        s_label,
        s_type,
        s_source,
        s_version,
        _curie(str(predicate)),
        str(link.relation).replace("_", " "),
        link.object,
        o_label,
        o_type,
        o_source,
        o_version,
        _curie(str(SEMAPV.ManualMappingCuration)),
        CONFIDENCE[link.strength],
        link.author,
        link.reviewer or "",
        link.created.isoformat(),
        link.rationale,
    ]
    extensions = [
        link.id,
        str(link.relation),
        str(link.strength),
        str(link.status),
        link.reviewed.isoformat() if link.reviewed else "",
        JOIN.join(e.item for e in link.evidence),
        JOIN.join(",".join(str(k) for k in e.kinds) for e in link.evidence),
        JOIN.join(f"{c.source}: {c.locator}" for c in link.sources),
        link.comment or "",
    ]
    return [_clean(cell) for cell in row + extensions]


def _clean(cell: str) -> str:
    return " ".join(str(cell).split())


def _commented(meta: dict[str, Any]) -> str:
    """Metadata as YAML with every line commented out, as SSSOM/TSV carries it."""
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return "".join(f"#{line}\n" for line in text.splitlines())


# The metadata is one YAML mapping, written here in pieces: each top-level key comes out the
# same on its own, and the CURIE map (which names every scheme) and these fixed slots are the
# same for every link set, so they are written once rather than once per set.
_FIXED = _commented(
    {
        "license": LICENSE,
        "creator_label": ["crosswalk curators"],
        "extension_definitions": [
            {"slot_name": name, "property": prop, "type_hint": hint}
            for name, prop, hint in EXTENSIONS
        ],
    }
)


def mapping_set(corpus: Corpus, link_set: str, base: str = DEFAULT_BASE) -> str:
    """The SSSOM/TSV text of one link set."""
    members = sorted(lid for lid, owner in corpus.link_set_of.items() if owner == link_set)
    curie_map = _commented({"curie_map": _curie_map(corpus, base)})
    return _mapping_set(corpus, link_set, base, curie_map, members)


def _mapping_set(
    corpus: Corpus, link_set: str, base: str, curie_map: str, members: list[str]
) -> str:
    ls = corpus.link_sets[link_set]
    iris = Iris(base)
    header = curie_map
    header += _commented(
        {"mapping_set_id": f"{iris.link_set(link_set)}.sssom.tsv", "mapping_set_title": ls.title}
    )
    header += _FIXED
    if ls.description:
        header += _commented({"mapping_set_description": " ".join(ls.description.split())})
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS + [name for name, _, _ in EXTENSIONS])
    for lid in members:
        link = corpus.links[lid]
        if link.status is Status.rejected:
            continue
        writer.writerow(_row(corpus, link))
    return header + buffer.getvalue()


def all_sets(corpus: Corpus, base: str = DEFAULT_BASE) -> dict[str, str]:
    """File name -> SSSOM/TSV text, for every link set."""
    curie_map = _commented({"curie_map": _curie_map(corpus, base)})
    members: dict[str, list[str]] = {}
    for lid, owner in sorted(corpus.link_set_of.items()):
        members.setdefault(owner, []).append(lid)
    return {
        f"{sid}.sssom.tsv": _mapping_set(corpus, sid, base, curie_map, members.get(sid, []))
        for sid in sorted(corpus.link_sets)
    }
