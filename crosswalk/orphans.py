"""Warnings about records nothing links to: an element or principle with no link, an element
that embodies no principle, a model with no element (W501, W502, W504, W505)."""

from __future__ import annotations

from crosswalk.corpus import Corpus
from crosswalk.model import (
    Relation,
    Status,
)
from crosswalk.problems import Problem


def orphans(corpus: Corpus) -> list[Problem]:
    # An end of a link refused because of its own problem is linked, once that is fixed.
    linked = {key for kind, key in corpus.refused if kind == "linked"}
    for link in corpus.links.values():
        linked.add(link.subject)
        linked.add(link.object)
    problems = []
    for ref, element in corpus.elements.items():
        if ref not in linked:
            problems.append(
                Problem(
                    corpus.where(element, "id"),
                    "W501",
                    f"element '{ref}' has no link",
                    "link it to at least one principle",
                )
            )
    problems += embodies_nothing(corpus, linked)
    for ref, principle in corpus.principles.items():
        if ref not in linked:
            problems.append(
                Problem(
                    corpus.where(principle, "id"),
                    "W502",
                    f"principle '{ref}' has no link",
                    "link elements to it and it to criteria, or remove it",
                )
            )
    for model_id, model in corpus.models.items():
        if not corpus.elements_of(model_id):
            problems.append(
                Problem(
                    corpus.where(model, "id"),
                    "W504",
                    f"model '{model_id}' has no element",
                    "list its components under 'elements:'",
                )
            )
    return problems


def embodies_nothing(corpus: Corpus, linked: set[str]) -> list[Problem]:
    """Elements that have links (else W501 says so) but embody no principle: every element
    should embody at least one, and a rejected link embodies nothing. An element with a link
    refused for its own problem is left until that problem is fixed."""
    refused = {key for kind, key in corpus.refused if kind == "linked"}
    embodying = {
        link.subject
        for link in corpus.links.values()
        if link.relation is Relation.embodies and link.status is not Status.rejected
    }
    return [
        Problem(
            corpus.where(element, "id"),
            "W505",
            f"element '{ref}' embodies no principle",
            "add an 'embodies' link from it to the principle it puts into practice",
        )
        for ref, element in corpus.elements.items()
        if ref in linked and ref not in refused and ref not in embodying
    ]
