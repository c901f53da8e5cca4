"""Warnings about records nothing links to: an element or principle with no link, an element
that embodies no principle, a model with no element (W501, W502, W504, W505)."""

from __future__ import annotations

from collections.abc import Iterable, Set

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
    problems = ends(corpus, [*corpus.elements, *corpus.principles], linked, embodying(corpus))
    return problems + empty_models(corpus)


def empty_models(corpus: Corpus) -> list[Problem]:
    """A model with no element (W504)."""
    return [
        Problem(
            corpus.where(model, "id"),
            "W504",
            f"model '{model_id}' has no element",
            "list its components under 'elements:'",
        )
        for model_id, model in corpus.models.items()
        if not corpus.elements_of(model_id)
    ]


def embodying(corpus: Corpus) -> set[str]:
    """The elements that embody a principle: subjects of an `embodies` link not rejected."""
    return {
        link.subject
        for link in corpus.links.values()
        if link.relation is Relation.embodies and link.status is not Status.rejected
    }


def ends(
    corpus: Corpus, refs: Iterable[str], linked: Set[str], embodies: Set[str]
) -> list[Problem]:
    """The warnings about these elements and principles, given the references that some link
    names (`linked`) and the elements that embody a principle (`embodies`): an element or
    principle with no link (W501, W502), and an element that has links (else W501 says so)
    but embodies no principle (W505). Every element should embody at least one, and a
    rejected link embodies nothing; an element with a link refused for its own problem is
    left until that problem is fixed."""
    refused = {key for kind, key in corpus.refused if kind == "linked"}
    problems = []
    for ref in refs:
        element = corpus.elements.get(ref)
        if element is not None and ref not in linked:
            problems.append(
                Problem(
                    corpus.where(element, "id"),
                    "W501",
                    f"element '{ref}' has no link",
                    "link it to at least one principle",
                )
            )
        elif element is not None and ref not in refused and ref not in embodies:
            problems.append(
                Problem(
                    corpus.where(element, "id"),
                    "W505",
                    f"element '{ref}' embodies no principle",
                    "add an 'embodies' link from it to the principle it puts into practice",
                )
            )
        principle = corpus.principles.get(ref)
        if principle is not None and ref not in linked:
            problems.append(
                Problem(
                    corpus.where(principle, "id"),
                    "W502",
                    f"principle '{ref}' has no link",
                    "link elements to it and it to criteria, or remove it",
                )
            )
    return problems
