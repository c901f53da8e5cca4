"""Turn pydantic's validation errors into located problems a curator can act on.

The loader validates each file against the typed records of crosswalk/model.py; this module
says, for each error, where it is (file, line, column of the key or value), what was wanted
and what was found, and what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from crosswalk.model import (
    Record,
)
from crosswalk.problems import Problem
from crosswalk.yamlevents import Located, shorten

R = TypeVar("R", bound=Record)


def item_type(file_model: type[BaseModel], list_key: str) -> type[Record]:
    annotation = file_model.model_fields[list_key].annotation
    (item,) = get_args(annotation)
    return item


def type_name(value: Any) -> str:
    return {
        dict: "mapping",
        list: "list",
        str: "text",
        int: "number",
        float: "number",
        bool: "true/false",
    }.get(type(value), type(value).__name__)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at a location of an error, for 'did you mean' hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return sorted(current.model_fields)
        current = _unwrap(info.annotation)
    return []


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is None:
            return annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            return annotation
        annotation = next(
            (a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), args[0]
        )
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation


def problems_from(exc: ValidationError, located: Located, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        # The field's name: for an item of a list (loc ends with its index), the list's.
        name = shorten(next((part for part in reversed(loc) if isinstance(part, str)), "value"))
        raw = error.get("input")
        value = shorten(raw)
        location = located.location(loc)
        if kind == "extra_forbidden":
            allowed = _fields_at(model, (*loc[:-1], "__none__")) or []
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else ("allowed keys here: " + ", ".join(allowed) if allowed else "remove it")
            )
            problems.append(Problem(location, "E201", f"unknown key '{name}'", hint))
        elif kind == "missing":
            problems.append(
                Problem(location, "E204", f"'{name}' is required", f"add '{name}:' to this record")
            )
        elif kind == "enum":
            expected = error.get("ctx", {}).get("expected", "")
            problems.append(
                Problem(
                    location,
                    "E203",
                    f"'{value}' is not allowed for '{name}'",
                    f"use one of {expected}",
                )
            )
        elif kind == "string_pattern_mismatch":
            pattern = error.get("ctx", {}).get("pattern", "")
            if "https?" in pattern:
                problems.append(
                    Problem(
                        location,
                        "E202",
                        f"'{name}' must be an http(s) address",
                        "give a full address starting with https://",
                    )
                )
            elif ":" in pattern:
                problems.append(
                    Problem(
                        location,
                        "E205",
                        f"'{value}' is not a reference of the form SCHEME:ID",
                        "write e.g. cqc-asc-2017:W3.5 or my-home-life:some-element",
                    )
                )
            else:
                problems.append(
                    Problem(
                        location,
                        "E205",
                        f"'{value}' is not a well-formed id",
                        "use letters, digits, '.', '_' or '-', no spaces or '..'",
                    )
                )
        elif kind in {"string_too_long", "too_long"}:
            limit = error.get("ctx", {}).get("max_length", "")
            problems.append(
                Problem(
                    location,
                    "E202",
                    f"'{name}' is too long (over {limit})",
                    "shorten it; link to the source for longer text",
                )
            )
        elif kind in _STRICT_TYPES:
            want, hint = _STRICT_TYPES[kind]
            problems.append(
                Problem(location, "E202", f"'{name}' must be {want}, not {_written(raw)}", hint)
            )
        else:
            message = error["msg"][0].lower() + error["msg"][1:]
            got = type_name(raw) if raw is not None else "nothing"
            problems.append(
                Problem(location, "E202", f"'{name}': {message} (got {got})", _type_hint(kind))
            )
    return problems


# The fields that take a value only as YAML wrote it (model.Year, Date, Flag): what they want.
_STRICT_TYPES = {
    "int_type": (
        "a whole number written in decimal",
        "write digits only, e.g. 2006: no quotes, decimal point or leading zero",
    ),
    "date_type": (
        "a date",
        "write a real date as YYYY-MM-DD, without a time",
    ),
    "bool_type": ("true or false", "write true or false, without quotes"),
}


def _written(raw: Any) -> str:
    """A value as a message quotes it: its kind and, for a scalar, how it reads."""
    if isinstance(raw, str):
        return f"the text '{shorten(raw)}'"
    if isinstance(raw, dt.datetime):
        return f"the date and time {raw.isoformat(' ')}"
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, int | float):
        return f"the number {raw}"
    if raw is None:
        return "an empty value"
    return f"a {type_name(raw)}"


def _type_hint(kind: str) -> str:
    if kind.startswith("string"):
        return "write it as text; quote numbers and dates that are meant as text"
    if kind.startswith("date"):
        return "write a date as YYYY-MM-DD"
    if kind.startswith(("int", "bool", "float")):
        return "write a plain number or true/false, without quotes"
    if kind.startswith("list"):
        return "write a list, one '- ' item per line"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "write a mapping of 'key: value' lines here"
    return "check the format in docs/data-format.md"
