"""The canonical layout of a data file's records, written by ruamel.yaml's round-trip dumper.

The values come from crosswalk's own reader; here each is given its place and style
(docs/data-format.md, "Canonical layout"):

* keys in the order the data model declares its fields, 2-space indentation, list items
  indented under their key;
* text on its key's line where it fits in 100 columns, plain where both YAML 1.1 (crosswalk's
  reader) and YAML 1.2 read it back as the same text, otherwise quoted; longer text folded
  (`>-`) with its lines filled to column 100;
* citations and rating levels as one-line flow mappings, and lists of words as `[a, b]`, where
  they fit and no comment is inside them;
* dates as YYYY-MM-DD and `null` for an empty value.

Every decision depends only on the values and the comments' places, never on how the file
was written before, so laying out a canonical file changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import types
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    SingleQuotedScalarString,
)

from crosswalk.model import Citation, RatingLevel, Record
from crosswalk.yamlevents import PathKey

WIDTH = 100  # columns
FLOW_RECORDS: tuple[type[Record], ...] = (Citation, RatingLevel)  # one line where they fit

_STR = "tag:yaml.org,2002:str"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver_12 = VersionedResolver()
_ruamel_emitter: Emitter = YAML().emitter  # only its analysis of scalars is used


def dump(data: dict[str, Any], model: type[Record], blocked: set[PathKey]) -> str:
    """A file's data (as crosswalk's reader reads it; `model` its file record) in the
    canonical layout, without comments. The collections in `blocked` hold a comment and are
    never written on one line."""
    out = io.StringIO()
    _yaml().dump(_Layout(blocked).mapping(data, model, (), 0), out)
    return out.getvalue()


# The shape of each record, from the data model -------------------------------------------------


@dataclass(frozen=True)
class _Field:
    kind: str  # "record", "records", "values", "date" or "value"
    model: type[Record] | None = None


@cache
def fields(model: type[BaseModel]) -> dict[str, _Field]:
    """A record's fields in the order the model declares them, each with its kind."""
    return {name: _kind(info.annotation) for name, info in model.model_fields.items()}


def _kind(annotation: Any) -> _Field:
    annotation = _bare(annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        item = _bare(item)
        if isinstance(item, type) and issubclass(item, Record):
            return _Field("records", item)
        return _Field("values")
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _Field("record", annotation)
    if annotation is dt.date:
        return _Field("date")
    return _Field("value")


def _bare(annotation: Any) -> Any:
    """The type inside `Annotated[...]` and `... | None`."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin is Union or origin is types.UnionType:
            kinds = [a for a in get_args(annotation) if a is not type(None)]
            if len(kinds) == 1:
                annotation = kinds[0]
                continue
        return annotation


# Scalars --------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _style(text: str, flow: bool) -> str:
    """'' (plain), "'" or '"': plain where YAML 1.2 (ruamel.yaml) would write it plain and
    PyYAML's YAML 1.1, on which crosswalk's reader is built, reads it back as the same text;
    otherwise quoted as ruamel.yaml quotes, in double quotes where the text holds an
    apostrophe or a line break, else in single quotes."""
    analysis = _ruamel_emitter.analyze_scalar(text)
    plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    if (
        plain
        and _resolver_12.resolve(RuamelScalarNode, text, (True, False)) == _STR
        and _reads_back(text, flow)
    ):
        return ""
    if analysis.allow_double_quoted and ("'" in text or "\n" in text):
        return '"'
    if analysis.allow_single_quoted and not analysis.multiline:
        return "'"
    return '"'


def _reads_back(text: str, flow: bool) -> bool:
    """Whether PyYAML reads the text, written plain, as itself."""
    document = f"[{text}]" if flow else f"k: {text}"
    try:
        read = yaml.load(document, Loader=_Loader)
    except yaml.YAMLError:
        return False
    return read == ([text] if flow else {"k": text})


def _shown(text: str, style: str) -> str:
    """The text as it will be written on one line, in that style."""
    if style == "":
        return text
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    return _double_quoted(text)


@lru_cache(maxsize=1 << 12)
def _double_quoted(text: str) -> str:
    out = io.StringIO()
    _yaml().dump(_flow(CommentedSeq([DoubleQuotedScalarString(text)])), out)
    return out.getvalue().strip()[1:-1]


def _styled(text: str, style: str) -> Any:
    if style == "'":
        return SingleQuotedScalarString(text)
    if style == '"':
        return DoubleQuotedScalarString(text)
    return text


def _one_line(value: Any, flow: bool) -> str | None:
    """A value as written on one line, or None for text that cannot be."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, str):
        return _shown(value, _style(value, flow))
    return None


_BREAK = re.compile(r"(?<=\S) (?=\S)")  # a single space between two words
_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")


def _folded(text: str, column: int) -> FoldedScalarString | None:
    """The text as a folded block whose lines start at `column` and end by column 100, or
    None where folding cannot keep it exactly (a line break, white space at either end, a tab
    or another character YAML writes only as an escape) or gains nothing (a single word)."""
    if (
        _LINE_BREAK.search(text)
        or text != text.strip()
        or not _BREAK.search(text)
        or not _ruamel_emitter.analyze_scalar(text).allow_block
    ):
        return None
    folds: list[int] = []
    start = 0
    last = 0  # where the current line's last word ends
    for gap in _BREAK.finditer(text):
        at = gap.start()
        if column + (at - start) > WIDTH and last > start:
            folds.append(last)
            start = last + 1
        last = at
    if column + (len(text) - start) > WIDTH and last > start:
        folds.append(last)
    block = FoldedScalarString(text)
    block.fold_pos = folds
    return block


# The tree ruamel.yaml writes ---------------------------------------------------------------


def _flow(node: CommentedMap | CommentedSeq) -> Any:
    node.fa.set_flow_style()
    return node


class _Layout:
    """Builds the tree to dump, deciding each scalar's style and each collection's layout."""

    def __init__(self, blocked: set[PathKey]) -> None:
        self.blocked = blocked  # collections a comment is inside of: never on one line

    def mapping(
        self, data: dict[str, Any], model: type[Record], path: PathKey, column: int
    ) -> CommentedMap:
        """A record as a block mapping whose keys start at `column`."""
        shapes = fields(model)
        out = CommentedMap()
        for key in sorted(data, key=list(shapes).index):
            out[key] = self.value(data[key], shapes[key], (*path, key), column, len(key) + 2)
        return out

    def value(self, value: Any, shape: _Field, path: PathKey, column: int, key: int) -> Any:
        """A key's value; the key starts at `column` and takes `key` columns with ': '."""
        if shape.kind == "record" and isinstance(value, dict):
            assert shape.model is not None
            return self.mapping(value, shape.model, path, column + 2)
        if shape.kind == "records" and isinstance(value, list):
            assert shape.model is not None
            return self.records(value, shape.model, path, column + 2)
        if shape.kind == "values" and isinstance(value, list):
            return self.values(value, path, column, column + key)
        if shape.kind == "date" and isinstance(value, str):
            value = dt.date.fromisoformat(value)  # validated as a date already
        return self.scalar(value, column + key, column + 2)

    def scalar(self, value: Any, inline: int, block: int) -> Any:
        """A scalar starting at column `inline`, or folded with its lines at column `block`."""
        if not isinstance(value, str):
            return value
        style = _style(value, flow=False)
        if inline + len(_shown(value, style)) <= WIDTH:
            return _styled(value, style)
        return _folded(value, block) or _styled(value, style)

    def records(
        self, items: list[Any], model: type[Record], path: PathKey, dash: int
    ) -> CommentedSeq:
        """A list of records, its dashes at column `dash`."""
        out = CommentedSeq()
        for index, item in enumerate(items):
            where = (*path, index)
            line = self._flow_line(item, model, where)
            if line is not None and dash + 2 + len(line) <= WIDTH:
                out.append(
                    _flow(
                        CommentedMap((k, self._flow_scalar(v)) for k, v in _line_items(item, model))
                    )
                )
            else:
                out.append(self.mapping(item, model, where, dash + 2))
        return out

    def _flow_line(self, item: Any, model: type[Record], path: PathKey) -> str | None:
        if model not in FLOW_RECORDS or path in self.blocked or not isinstance(item, dict):
            return None
        parts = []
        for key, value in _line_items(item, model):
            shown = _one_line(value, flow=True)
            if shown is None:
                return None
            parts.append(f"{key}: {shown}")
        return "{" + ", ".join(parts) + "}"

    @staticmethod
    def _flow_scalar(value: Any) -> Any:
        return _styled(value, _style(value, flow=True)) if isinstance(value, str) else value

    def values(self, items: list[Any], path: PathKey, column: int, inline: int) -> CommentedSeq:
        """A list of words: `[a, b]` at column `inline` where it fits, else one per line."""
        shown = [_one_line(item, flow=True) for item in items]
        if path not in self.blocked and None not in shown:
            line = "[" + ", ".join(s for s in shown if s is not None) + "]"
            if not items or inline + len(line) <= WIDTH:
                return _flow(CommentedSeq(self._flow_scalar(item) for item in items))
        dash = column + 2
        return CommentedSeq(self.scalar(item, dash + 2, dash + 2) for item in items)


def _line_items(item: dict[str, Any], model: type[Record]) -> list[tuple[str, Any]]:
    order = list(fields(model))
    return sorted(item.items(), key=lambda pair: order.index(pair[0]))


def _null(representer: Any, _: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


@cache
def _yaml() -> YAML:
    dumper = YAML()
    dumper.indent(mapping=2, sequence=4, offset=2)
    dumper.width = 1 << 30  # nothing is wrapped but what `_folded` folds
    dumper.allow_unicode = True
    dumper.representer.add_representer(type(None), _null)
    return dumper
