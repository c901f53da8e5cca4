"""Add validated files to the corpus: each record under the id people use, ids declared twice
or reserved reported, and where each record was read remembered."""

from __future__ import annotations

from typing import Any, TypeVar

from crosswalk.corpus import Corpus, Refusal, Where
from crosswalk.model import (
    FrameworkFile,
    LinksFile,
    ModelFile,
    PrinciplesFile,
    Record,
    SourcesFile,
)
from crosswalk.namespaces import RESERVED_PREFIXES
from crosswalk.problems import Problem
from crosswalk.yamlread import Located

R = TypeVar("R", bound=Record)

# The names the site gives pages of its own (`site/urls` makes its addresses from them): a
# record's id may not be one, in any letter case, or its page would be written over (E205).
INDEX = "index"
MATRIX = "matrix"
RESERVED_IDS = frozenset({INDEX, MATRIX, f"{INDEX}.html"})


class Registry:
    """Adds validated files to the corpus, reporting ids declared twice or reserved.

    A record whose page would be written over another's (an id reserved by the site, or one
    that differs from another only in letter case) is reported but still registered, so that
    what refers to it is not reported again.
    """

    def __init__(self, corpus: Corpus, problems: list[Problem]) -> None:
        self.corpus = corpus
        self.problems = problems
        self.schemes: dict[str, Record] = {}  # located only when reported
        self.folded: dict[str, dict[str, str]] = {}  # kind of record -> casefolded key -> key

    def _declare(
        self, table: dict[str, Any], key: str, record: Record, what: str, page: bool = True
    ) -> bool:
        if key in table:
            first = self.corpus.where(table[key])
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E301",
                    f"{what} '{key}' is already declared at {first}",
                    "give it a different id, or remove one of the two",
                )
            )
            return False
        if page:
            self._check_page_name(table, key, record, what)
        table[key] = record
        return True

    def _check_page_name(self, table: dict[str, Any], key: str, record: Record, what: str) -> None:
        local = getattr(record, "id", key)
        if local.casefold() in RESERVED_IDS:
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E205",
                    f"the {what} id '{local}' is reserved: the site names its own pages "
                    + ", ".join(sorted(RESERVED_IDS)),
                    "choose another id; these are reserved in any letter case",
                )
            )
        folded = self.folded.setdefault(what, {})
        other = folded.setdefault(key.casefold(), key)
        if other != key:
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E301",
                    f"{what} '{key}' differs from '{other}' "
                    f"(at {self.corpus.where(table[other], 'id')}) only in letter case",
                    "give it another id: on a case-insensitive file system (macOS, Windows) "
                    "their pages are one file",
                )
            )

    def _scheme(self, record: Record, scheme_id: str, what: str) -> bool:
        if scheme_id.casefold() in RESERVED_PREFIXES:
            self.problems.append(
                Problem(
                    self.corpus.where(record, "id"),
                    "E205",
                    f"the {what} id '{scheme_id}' is reserved: it is the prefix of its "
                    "references in exported data, where these prefixes are taken: "
                    + ", ".join(sorted(RESERVED_PREFIXES)),
                    "choose another id; these are reserved in any letter case",
                )
            )
        if scheme_id in self.schemes:
            problem = Problem(
                self.corpus.where(record, "id"),
                "E301",
                f"{what} id '{scheme_id}' is already used at "
                f"{self.corpus.where(self.schemes[scheme_id], 'id')}",
                "frameworks, models and principle sets need distinct ids",
            )
            self.problems.append(problem)
            self.corpus.refused[("scheme", scheme_id)] = Refusal(f"{what} '{scheme_id}'", problem)
            return False
        self.schemes[scheme_id] = record
        return True

    def add(self, parsed: Record, located: Located, indices: list[int]) -> None:
        def place(record: R, key: str) -> R:
            self.corpus.locate(record, Where(located, (key,)))
            return record

        def items(records: list[R], key: str) -> list[R]:
            """A file's list of records, each located at its index in the file's list."""
            locate = self.corpus.locate
            for record, index in zip(records, indices, strict=True):
                locate(record, Where(located, (key, index)))
            return records

        c = self.corpus
        declare = self._declare
        if isinstance(parsed, SourcesFile):
            for src in items(parsed.sources, "sources"):
                declare(c.sources, src.id, src, "source", page=False)
        elif isinstance(parsed, FrameworkFile):
            fw = place(parsed.framework, "framework")
            if self._scheme(fw, fw.id, "framework") and declare(
                c.frameworks, fw.id, fw, "framework"
            ):
                for crit in items(parsed.criteria, "criteria"):
                    declare(c.criteria, f"{fw.id}:{crit.id}", crit, "criterion")
        elif isinstance(parsed, PrinciplesFile):
            ps = place(parsed.principle_set, "principle_set")
            if self._scheme(ps, ps.id, "principle set") and declare(
                c.principle_sets, ps.id, ps, "principle set"
            ):
                for pr in items(parsed.principles, "principles"):
                    declare(c.principles, f"{ps.id}:{pr.id}", pr, "principle")
        elif isinstance(parsed, ModelFile):
            m = place(parsed.model, "model")
            if self._scheme(m, m.id, "model") and declare(c.models, m.id, m, "model"):
                for el in items(parsed.elements, "elements"):
                    declare(c.elements, f"{m.id}:{el.id}", el, "element")
        elif isinstance(parsed, LinksFile):
            ls = place(parsed.link_set, "link_set")
            if declare(c.link_sets, ls.id, ls, "link set"):
                link_set_of = c.link_set_of
                for link in items(parsed.links, "links"):
                    if declare(c.links, link.id, link, "link", page=False):
                        link_set_of[link.id] = ls.id
