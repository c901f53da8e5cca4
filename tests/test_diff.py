"""Release diff between two data folders or two git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT

from crosswalk import diff, pipeline
from crosswalk.problems import UsageError


def _changed_copy(tmp_path: Path) -> Path:
    new = tmp_path / "new"
    shutil.copytree(PROJECT, new)
    principles = new / "principles.yaml"
    principles.write_text(
        principles.read_text(encoding="utf-8").replace(
            "title: Voice\n", "title: Voice and choice\n"
        ),
        encoding="utf-8",
    )
    links = new / "links" / "hub.yaml"
    text = links.read_text(encoding="utf-8")
    start = text.index("  - id: x-1")
    links.write_text(text[:start], encoding="utf-8")  # x-1 removed
    bright = new / "links" / "bright.yaml"
    bright.write_text(
        bright.read_text(encoding="utf-8").replace("id: b-4", "id: b-5"), encoding="utf-8"
    )
    return new


def test_diff_lists_added_removed_and_changed_fields(tmp_path: Path) -> None:
    old = pipeline.load_clean(PROJECT).corpus
    new = pipeline.load_clean(_changed_copy(tmp_path)).corpus
    result = diff.diff(old, new)
    assert (result["links"].added, result["links"].removed) == (["b-5"], ["b-4", "x-1"])
    assert [(c.id, c.fields) for c in result["principles"].changed] == [
        ("hub:voice", {"title": ("Voice", "Voice and choice")})
    ]
    assert not result["criteria"] and not result["models"]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_cli_diff_formats(run, tmp_path: Path, fmt: str) -> None:
    new = _changed_copy(tmp_path)
    result = run("diff", str(PROJECT), str(new), "--format", fmt)
    assert result.code == 0, result.err
    if fmt == "json":
        data = json.loads(result.out)
        assert data["links"]["removed"] == ["b-4", "x-1"]
        assert data["principles"]["changed"][0]["fields"]["title"] == {
            "old": "Voice",
            "new": "Voice and choice",
        }
    elif fmt == "text":
        assert "links: 1 added, 2 removed, 0 changed" in result.out
        assert "      title: Voice -> Voice and choice" in result.out
    else:
        assert "- changed `hub:voice`: title: Voice → Voice and choice" in result.out


def test_releases_from_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(PROJECT, repo / "mappings")

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
        )
        return done.stdout.strip()

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first")
    first = git("rev-parse", "HEAD")
    shutil.rmtree(repo / "mappings")
    shutil.copytree(_changed_copy(tmp_path), repo / "mappings")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "second")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    old = diff.materialise(first, repo, "mappings", scratch)
    new = diff.materialise("HEAD", repo, "mappings", scratch)
    result = diff.diff(pipeline.load_clean(old).corpus, pipeline.load_clean(new).corpus)
    assert result["links"].removed == ["b-4", "x-1"]
    with pytest.raises(UsageError, match="neither a data folder nor a git revision"):
        diff.materialise("no-such-rev", repo, "mappings", scratch)


def test_site_review_page_shows_the_changelog(tmp_path: Path) -> None:
    from crosswalk.site import build

    new = pipeline.load_clean(_changed_copy(tmp_path))
    out = tmp_path / "site"
    build.build(new, out, search=False, previous=(pipeline.load_clean(PROJECT).corpus, "v1"))
    page = (out / "review" / "index.html").read_text(encoding="utf-8")
    assert "Compared with v1." in page
    assert "<li>Added b-5</li>" in page and "<li>Removed x-1</li>" in page
    assert "Changed hub:voice: title from “Voice” to “Voice and choice”" in page
    build.build(new, out, search=False)
    assert "No previous release was given" in (out / "review" / "index.html").read_text()
