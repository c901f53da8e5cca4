"""Release names never reach git as options, and SPARQL queries stay within their limits.

Revisions: `diff` and `build --previous` resolve a release name to a commit hash before git
sees anything else, so a name that looks like a git option (`-o FILE`, `--output=FILE`) is a
usage error that writes nothing. Queries: a local query stops at its row cap and its time
limit (in a child process killed at the deadline, within a memory budget), SERVICE, GRAPH
and FROM are refused however they are written, and every bad query exits 2 with a message.
"""

from __future__ import annotations

import http.server
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, REPO

from crosswalk import query, resources

pytestmark = pytest.mark.heavy  # scheduled first: see tests/conftest.py

MEMORY = 1 << 30  # bytes of address space for the bounded subprocesses
PRECIOUS = b"someone's notes\n"


# Revisions ---------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose `mappings/` is the fixture project (tag v1), then without
    links/warm.yaml (HEAD); crosswalk reads releases from it as from its own repository."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT, root / "mappings")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "first")
    _git(root, "tag", "v1")
    (root / "mappings" / "links" / "warm.yaml").unlink()
    _git(root, "commit", "-qam", "second")
    monkeypatch.setattr(resources, "BUNDLED_DATA", root / "mappings")
    return root


# Release names that git would read as options: -o and --output write a file, --remote
# reaches out to another repository. {kept} is a file with someone's notes in it; {absent}
# a file that must not come to exist.
OPTION_LIKE = [
    "-o{kept}",
    "-o{absent}",
    "--output={kept}",
    "--output={absent}",
    "--remote={absent}",
    "--end-of-options",
]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


@pytest.mark.parametrize("template", OPTION_LIKE)
@pytest.mark.parametrize("how", ["diff old", "diff new", "build --previous"])
def test_an_option_like_release_name_is_a_usage_error_that_writes_nothing(
    run, repo: Path, tmp_path: Path, template: str, how: str
) -> None:
    name = template.format(kept=tmp_path / "kept.txt", absent=tmp_path / "absent.txt")
    (tmp_path / "kept.txt").write_bytes(PRECIOUS)
    before = _files(tmp_path)
    if how == "diff old":
        result = run("diff", "--", name, "HEAD")
    elif how == "diff new":
        result = run("diff", "v1", "--", name)
    else:
        site = tmp_path / "site"
        result = run("build", "--data", str(PROJECT), "--out", str(site), "--no-search",
                     f"--previous={name}")  # fmt: skip
    assert result.code == 2, result.err
    assert f"release '{name[:60]}" in result.err  # named (long names are shortened)
    assert "is neither a data folder nor a git revision" in result.err
    assert "give a data folder, or a tag, branch or commit" in result.err
    assert (tmp_path / "kept.txt").read_bytes() == PRECIOUS
    assert not (tmp_path / "absent.txt").exists()
    assert _files(tmp_path) == before  # nothing created or changed anywhere, the repo included


def test_a_valid_revision_still_works(run, repo: Path) -> None:
    warm = yaml.safe_load((PROJECT / "links" / "warm.yaml").read_text(encoding="utf-8"))
    removed = sorted(link["id"] for link in warm["links"])
    first = _git(repo, "rev-parse", "--short", "v1")
    for old in ("v1", first, "HEAD~1"):
        result = run("diff", old, "HEAD", "--format", "json")
        assert result.code == 0, result.err
        links = json.loads(result.out)["links"]
        assert (links["removed"], links["added"], links["changed"]) == (removed, [], [])


def test_an_unknown_revision_or_one_without_the_data_is_a_usage_error(run, repo: Path) -> None:
    unknown = run("diff", "no-such-tag", "HEAD")
    assert unknown.code == 2
    assert "release 'no-such-tag' is neither a data folder nor a git revision" in unknown.err
    (repo / "other.txt").write_text("x\n", encoding="utf-8")
    _git(repo, "rm", "-rq", "mappings")
    _git(repo, "add", "other.txt")
    _git(repo, "commit", "-qm", "no data")
    empty = run("diff", "v1", "HEAD")
    assert empty.code == 2 and "has no mappings/ folder" in empty.err, empty.err
    assert "Traceback" not in unknown.err + empty.err


# Queries: what is refused ------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A local port that records whether anything connected to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", server


def _nobody_called(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return True
    return False


SERVICE_QUERIES = {
    "plain": "SELECT * WHERE { SERVICE <%s> { ?s ?p ?o } }",
    "prefixed": "PREFIX far: <%s/> SELECT * WHERE { SERVICE far:here { ?s ?p ?o } }",
    "lower case, silent": "SELECT * WHERE { ?s ?p ?o . service silent <%s> { ?s ?p ?x } }",
    "after a comment": "SELECT * WHERE { # } no SERVICE here\n SERVICE <%s> { ?s ?p ?o } }",
    "unicode escape": "SELECT * WHERE { \\u0053ERVICE <%s> { ?s ?p ?o } }",
    "in a subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <%s> { ?s ?p ?o } } } }",
    "in FILTER EXISTS": "ASK { ?s ?p ?o FILTER EXISTS { SERVICE <%s> { ?s ?p ?o } } }",
}


@pytest.mark.parametrize("form", sorted(SERVICE_QUERIES))
def test_service_is_refused_however_it_is_written(run, listener, form: str) -> None:
    url, server = listener
    result = run("sparql", "--data", str(PROJECT), SERVICE_QUERIES[form] % url)
    assert result.code == 2, result.err
    assert "SERVICE calls another server, which a local query does not do" in result.err
    time.sleep(0.2)
    assert _nobody_called(server)


def test_the_word_service_in_a_comment_is_not_refused(run) -> None:
    text = (
        "# SERVICE <http://127.0.0.1:9/>\n"
        "SELECT ?id WHERE { ?f a cw:Framework ; dcterms:identifier ?id }"
    )
    result = run("sparql", "--data", str(PROJECT), text, "--format", "csv")
    assert result.code == 0, result.err
    assert result.out.startswith("id\n") and result.out.count("\n") > 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "the local graph has no named graphs"),
        ("ASK { FILTER NOT EXISTS { GRAPH <http://x/> { ?s ?p ?o } } }", "no named graphs"),
        ("SELECT * FROM <http://127.0.0.1:9/> WHERE { ?s ?p ?o }", "FROM and FROM NAMED"),
        ("SELECT * FROM NAMED <http://127.0.0.1:9/> { ?s ?p ?o }", "FROM and FROM NAMED"),
        ("SELEKT nothing", "could not be read"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "updates do not"),
        ("SELECT * WHERE { ?s ?p ?o ", "could not be read"),
        ("SELECT ?x WHERE { BIND(nope:x AS ?x) }", "could not be read"),
    ],
)
def test_every_query_error_is_a_usage_error(run, text: str, message: str) -> None:
    result = run("sparql", "--data", str(PROJECT), text)
    assert result.code == 2, result.err
    assert message in result.err and result.err.startswith("crosswalk: error: ")
    assert "Traceback" not in result.err and not result.out


def test_a_query_file_that_is_not_utf8_names_its_line(run, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.rq"
    bad.write_bytes('SELECT ?s WHERE {\n ?s ?p "caf\u00e9" }\n'.encode("latin-1"))
    result = run("sparql", "--data", str(PROJECT), str(bad))
    assert result.code == 2
    assert f"{bad}:2: the query file is not UTF-8 text (save it as UTF-8)" in result.err


def test_a_query_file_too_large_to_be_a_query_is_refused(run, tmp_path: Path) -> None:
    big = tmp_path / "big.rq"
    big.write_bytes(b"ASK {}\n" + b"#" * query.MAX_QUERY_BYTES)
    result = run("sparql", "--data", str(PROJECT), str(big))
    assert result.code == 2 and f"{big}: the query file is larger than" in result.err


@pytest.mark.parametrize(
    "option", [["--timeout", "0"], ["--timeout", "nan"], ["--timeout", "-1"], ["--limit", "0"]]
)
def test_limits_must_be_positive(run, option: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run("sparql", "ASK {}", *option)
    assert exc.value.code == 2


# Queries: the limits -----------------------------------------------------------------------


def _count(run) -> int:
    result = run("sparql", "--data", str(PROJECT), "SELECT ?id WHERE { ?f a cw:Framework ; "
                 "dcterms:identifier ?id }", "--format", "csv")  # fmt: skip
    assert result.code == 0, result.err
    return result.out.count("\n") - 1


def test_the_row_cap_is_exact(run) -> None:
    text = "SELECT ?id WHERE { ?f a cw:Framework ; dcterms:identifier ?id }"
    rows = _count(run)
    assert rows >= 2
    at = run("sparql", "--data", str(PROJECT), text, "--limit", str(rows), "--format", "csv")
    assert at.code == 0 and at.out.count("\n") == rows + 1
    over = run("sparql", "--data", str(PROJECT), text, "--limit", str(rows - 1))
    assert over.code == 2 and not over.out
    assert f"the query returned more than {rows - 1:,} rows and was stopped" in over.err


def test_without_fork_the_row_cap_still_holds(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    result = run("sparql", "--data", str(PROJECT), text, "--limit", "50")
    assert result.code == 2 and "more than 50 rows" in result.err


def _bound() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _crosswalk(*args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    """The CLI in a subprocess under a 1 GiB address-space limit, and how long it took."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("CROSSWALK_DEBUG", None)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "crosswalk.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=_bound,
    )
    return done, time.monotonic() - started


def test_a_cartesian_query_stops_at_the_default_cap_within_the_memory_bound() -> None:
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # the graph's size squared
    done, _ = _crosswalk("sparql", "--data", str(PROJECT), text)
    assert done.returncode == 2, done.stderr
    assert f"more than {query.Limits.rows:,} rows and was stopped" in done.stderr
    assert "add LIMIT to the query, or allow more with --limit" in done.stderr
    assert "Traceback" not in done.stderr and not done.stdout


def test_a_query_that_never_yields_a_row_is_stopped_at_the_deadline() -> None:
    """COUNT over a triple cartesian product computes for hours before its one row: only
    killing the child stops it."""
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    done, took = _crosswalk("sparql", "--data", str(PROJECT), "--timeout", "2", text)
    assert done.returncode == 2, done.stderr
    assert "the query ran for more than 2 s and was stopped" in done.stderr
    assert took < 30, took  # loading, the 2 s, and the kill; not the hours the query needs


def test_a_sorted_cartesian_query_stops_by_time_or_memory_never_a_traceback() -> None:
    """ORDER BY holds every solution before the first row: the deadline or the memory
    budget stops it, whichever comes first on this machine, with a message either way."""
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i"
    done, took = _crosswalk("sparql", "--data", str(PROJECT), "--timeout", "10", text)
    assert done.returncode == 2, done.stderr
    assert (
        "the query ran for more than 10 s" in done.stderr
        or "the query ran out of memory" in done.stderr
    ), done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert took < 60, took


# Queries at a SPARQL server ----------------------------------------------------------------


class _Answers(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def answering() -> Iterator[tuple[str, type[_Answers]]]:
    handler = type("Handler", (_Answers,), {})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query", handler
    finally:
        server.shutdown()
        server.server_close()


def test_a_server_that_does_not_answer_is_stopped_at_the_timeout(run, listener) -> None:
    url, _ = listener  # accepts the connection (the backlog does), never answers
    started = time.monotonic()
    result = run("sparql", "--endpoint", url, "--timeout", "1", "ASK {}")
    assert result.code == 2, result.err
    assert f"the query at {url} ran for more than 1 s and was stopped" in result.err
    assert time.monotonic() - started < 10


def test_a_server_answer_over_the_row_cap_is_refused(run, answering) -> None:
    url, handler = answering
    bindings = [{"x": {"type": "literal", "value": str(i)}} for i in range(5)]
    answer = {"head": {"vars": ["x"]}, "results": {"bindings": bindings}}
    handler.body = json.dumps(answer).encode("utf-8")
    assert run("sparql", "--endpoint", url, "SELECT ?x {}", "--limit", "5").code == 0
    over = run("sparql", "--endpoint", url, "SELECT ?x {}", "--limit", "4")
    assert over.code == 2 and f"the query at {url} returned more than 4 rows" in over.err


def test_a_server_answer_that_is_not_sparql_results_is_an_error(run, answering) -> None:
    url, handler = answering
    handler.body = b"<html>Welcome</html>"
    result = run("sparql", "--endpoint", url, "ASK {}")
    assert result.code == 1 and "answered with something other than SPARQL results" in result.err
