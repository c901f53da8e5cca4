"""JSON Schema for each kind of data file, so editors check YAML while it is typed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from crosswalk import outputs
from crosswalk.model import FILE_KINDS

SCHEMA_BASE = "https://w3id.org/crosswalk/schema/"
FILE_NAMES = {key: f"{key.replace('_', '-')}.schema.json" for key in FILE_KINDS}


def schemas() -> dict[str, str]:
    """File name -> JSON Schema text, one per file kind, plus one that accepts any kind."""
    out: dict[str, str] = {}
    for key, model in FILE_KINDS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = SCHEMA_BASE + FILE_NAMES[key]
        out[FILE_NAMES[key]] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    any_kind = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + "crosswalk.schema.json",
        "title": "Any crosswalk data file",
        "oneOf": [{"$ref": name} for name in FILE_NAMES.values()],
    }
    out["crosswalk.schema.json"] = json.dumps(any_kind, indent=2, sort_keys=True) + "\n"
    return dict(sorted(out.items()))


def write(folder: Path, data: Iterable[Path] = ()) -> list[Path]:
    """Write every schema into a folder (never into or around a data folder), each file whole;
    nothing else in the folder is touched. Every path is checked before the first is written.
    """
    outputs.check_folder(folder, data)
    texts = {folder / name: text for name, text in schemas().items()}
    for path in texts:
        outputs.check_file(path, data)
    for path, text in texts.items():
        outputs.write_atomically(path, text)
    return list(texts)
