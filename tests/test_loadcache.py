"""The record cache (crosswalk/loadcache.py) gives back records that are exactly the ones
validation makes, and a run with the last report's keys reads each unchanged file once."""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswalk import lastrun, loadcache, loader, pipeline, yamlread
from crosswalk.baseiri import DEFAULT_BASE
from crosswalk.model import Record


def records_in(value: object) -> Iterator[Record]:
    """Every record in a value, itself included, nested ones after their holder."""
    if isinstance(value, Record):
        yield value
        for field in value.__dict__.values():
            yield from records_in(field)
    elif isinstance(value, list):
        for item in value:
            yield from records_in(item)


def validated(project: Path) -> list[Record]:
    """Each file's record, freshly validated."""
    found = []
    for path in sorted(project.rglob("*.yaml")):
        located, problems = yamlread.read(path, path.name)
        assert located is not None
        parsed = loader.validate_file(located, problems, {})
        assert parsed is not None
        found.append(parsed[0])
    return found


def test_a_restored_record_is_the_validated_one(project: Path) -> None:
    """Every kind of record, nested ones too, as the cache pickles and restores them: equal,
    the same values, the same fields given, and pydantic's own state exactly as validation
    leaves it (no extra keys, no private attributes, a set of fields given)."""
    kinds = set()
    for fresh in validated(project):
        restored = loadcache._Unpickler(io.BytesIO(pickle.dumps(fresh, protocol=5))).load()
        assert restored == fresh
        assert restored.model_dump() == fresh.model_dump()
        assert restored.model_dump(exclude_unset=True) == fresh.model_dump(exclude_unset=True)
        pairs = list(zip(records_in(restored), records_in(fresh), strict=True))
        for again, first in pairs:
            kinds.add(type(first).__name__)
            assert type(again) is type(first)
            assert again.__dict__ == first.__dict__
            assert again.model_fields_set == first.model_fields_set
            assert type(again.model_fields_set) is set
            assert again.model_fields_set is not first.model_fields_set
            assert again.__pydantic_extra__ is first.__pydantic_extra__ is None
            assert again.__pydantic_private__ is first.__pydantic_private__ is None
    # The fixture project holds every kind of record the files declare, and their parts.
    assert {"SourcesFile", "Link", "Citation", "Lifecycle", "Element", "Principle"} <= kinds


# Each file read once a run ---------------------------------------------------------------


def reported(project: Path, cache: Path) -> tuple[list[str], bool]:
    report = lastrun.validate(project, "data", DEFAULT_BASE, where=cache)
    return [p.render(strict=True) for p in report.problems], report.replayed


def reference(root: Path) -> list[str]:
    return [p.render(strict=True) for p in pipeline.check(root, "data").problems]


def test_an_edit_reads_each_unchanged_file_once(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's key reads every file; the loader then reads only the edited one (to
    parse it, and once more to see that it did not change meanwhile), and scans no folder."""
    from crosswalk import datafolder

    reported(project, tmp_path / "c")
    edited = project / "links" / "warm.yaml"
    edited.write_text(edited.read_text("utf-8").replace("strength: strong", "strength: weak", 1))
    reads: list[Path] = []
    scans: list[Path] = []
    real_bytes, real_scan = loadcache.file_bytes, datafolder.scan

    def counted_bytes(path: Path) -> bytes | None:
        reads.append(path)
        return real_bytes(path)

    def counted_scan(root: Path, label: str) -> datafolder.Scan:
        scans.append(root)
        return real_scan(root, label)

    monkeypatch.setattr(loadcache, "file_bytes", counted_bytes)
    monkeypatch.setattr(datafolder, "scan", counted_scan)
    assert reported(project, tmp_path / "c") == (reference(project), False)
    files = sorted(project.rglob("*.yaml"))
    assert len(scans) == 2  # the report's key, and the reference run above
    keyed = reads[: len(files)]
    assert sorted(keyed) == files
    assert reads[len(files) :] == [edited, edited]  # the loader: only the edited file


LATER = {  # a change after keying that breaks a reference, to each kind of file
    "the edited file": ("links/warm.yaml", "object: hub:kindness", "object: hub:kindnes"),
    "an unchanged file": ("sources.yaml", "id: doc-a", "id: doc-z"),
}


@pytest.mark.parametrize("which", sorted(LATER))
def test_a_file_changed_after_it_was_keyed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """A file that changes between the report's key and the loading: the report is that of
    the files as keyed (an unchanged file's entry stands for the bytes it was keyed from)
    or of what the loader read, and is never given again for the files as they are now."""
    reported(project, tmp_path / "c")
    edited = project / "links" / "warm.yaml"
    edited.write_text(edited.read_text("utf-8").replace("strength: strong", "strength: weak", 1))
    name, old, new = LATER[which]
    later = project / name
    keyed_as = reference(project)
    real_key = lastrun._key

    def key_then_change(*args):  # type: ignore[no-untyped-def]
        found = real_key(*args)
        text = later.read_text("utf-8")
        assert old in text
        later.write_text(text.replace(old, new, 1), "utf-8")
        return found

    monkeypatch.setattr(lastrun, "_key", key_then_change)
    problems, replayed = reported(project, tmp_path / "c")
    monkeypatch.undo()
    now = reference(project)
    assert now != keyed_as  # the change after keying breaks a reference
    assert not replayed
    assert problems == (now if which == "the edited file" else keyed_as)
    assert reported(project, tmp_path / "c") == (now, False)
    assert reported(project, tmp_path / "c") == (now, True)
