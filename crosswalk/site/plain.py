"""Plain words on the site: the data's curator talk said the way a reader names things.

The curated text speaks of the documents it was read from as "seed 000" (the id of the source
in sources.yaml), of "the seed" and of "this file" (a framework's YAML). Readers of the site
know none of these: every text from the data that a page shows passes through `Words`, which
names a seed source by its title, a framework by its title rather than its id (cqc-asc-2026),
and the file as the crosswalk's copy of the framework. Text a template escapes itself (`| e`)
is left alone: it is quoted word for word.
(The data keeps its words: they are exact for the curators, who cite by id.)
"""

from __future__ import annotations

import re
from typing import Any

from crosswalk.corpus import Corpus

# "seed 000", "seeds 000 and 001", "Seed 000, 001 and 002": one or more numbered seeds.
_NUMBERED = re.compile(r"(?<![\w/.-])[Ss]eeds? (\d{3}(?:(?:,? and |, )\d{3})*)\b")
_NUMBER = re.compile(r"\d{3}")
# What is left after the numbered seeds: the word itself, and talk of the data's files.
# A word, not part of a path or an id ("seed-000", "models/seed/x.html" are left alone).
_BEFORE = r"(?<![\w/.-])"
_AFTER = r"(?![\w/-]|\.\w)"
_PLAIN = {
    "seeds": "sources",
    "Seeds": "Sources",
    "seed": "source",
    "Seed": "Source",
    "this file": "the crosswalk's copy",
    "This file": "The crosswalk's copy",
}
_DATA_FILE = "the crosswalk's data"
_WORDS = re.compile(_BEFORE + r"(?:[Ss]eeds?|[Tt]his file|[\w-]+(?:/[\w-]+)*\.ya?ml)" + _AFTER)
# Quotation marks: a seed quoted as a name is named without quotes of its own.
_QUOTES = "\"'\u201c\u2018"
# An id as the data writes it (cqc-asc-2026), standing on its own, not in a path.
_ID = re.compile(_BEFORE + r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+" + _AFTER)
# A cheap test first: nearly every string a page shows has none of these.
_ANY = re.compile(r"[Ss]eed|[Ff]ile|\.ya?ml")
SHORT = 200  # characters: texts up to this long are rewritten once and remembered


class Words:
    """Rewrites a text from the data into the site's words; a Jinja `finalize` hook."""

    def __init__(self, titles: dict[str, str], names: dict[str, str] | None = None) -> None:
        self._titles = titles  # "000" -> the title of source seed-000
        self._names = names or {}  # a framework's id -> its title
        # Short texts (titles, labels) rewritten once: pages show them thousands of times.
        # Long ones (rationales, notes) are few per page and would only fill the memory.
        self._said: dict[str, str] = {}

    @classmethod
    def of(cls, corpus: Corpus) -> Words:
        titles = {
            sid.removeprefix("seed-"): src.title
            for sid, src in corpus.sources.items()
            if re.fullmatch(r"seed-\d{3}", sid)
        }
        names = {fid: fw.short_title or fw.title for fid, fw in corpus.frameworks.items()}
        return cls(titles, names)

    def _name(self, found: re.Match[str]) -> str:
        return self._names.get(found.group(0), found.group(0))

    def _seeds(self, found: re.Match[str]) -> str:
        quoted = found.start() > 0 and found.string[found.start() - 1] in _QUOTES

        def title(number: re.Match[str]) -> str:
            name = self._titles.get(number.group(0))
            if name is None:
                return "a source"
            return name if quoted else f"“{name}”"

        return _NUMBER.sub(title, found.group(1))

    def text(self, text: str) -> str:
        # Only prose, a text with a space: a value on its own (a link's target, a form's
        # option, a data attribute) may be a path or an id a script needs as it is; nor an
        # address.
        if " " not in text or text.startswith(("http://", "https://")):
            return text
        if _ANY.search(text):
            text = _NUMBERED.sub(self._seeds, text)
            text = _WORDS.sub(lambda m: _PLAIN.get(m.group(0), _DATA_FILE), text)
        if self._names and "-" in text:
            text = _ID.sub(self._name, text)
        return text

    def __call__(self, value: Any) -> Any:
        # Only plain strings: markup the site made (fragments, chrome) passes untouched.
        if type(value) is not str:
            return value
        if len(value) > SHORT:
            return self.text(value)
        said = self._said.get(value)
        if said is None:
            said = self._said[value] = self.text(value)
        return said
