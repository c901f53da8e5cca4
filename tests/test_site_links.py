"""Every link of the built site resolves: internal href/src to a file, #fragments to an id."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from site_support import Site

pytest_plugins = ["site_support"]

URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}
EXTERNAL = ("http://", "https://", "mailto:")
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Page(HTMLParser):
    """The ids a page declares and the URLs it points at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in URL_ATTRIBUTES or name == "srcset":
                self.urls.append((tag, name, value.strip()))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def broken_links(root: Path) -> list[str]:
    """Every problem with the links of the site in root, as 'page: problem' lines."""
    pages = {p.relative_to(root).as_posix(): parse(p) for p in sorted(root.rglob("*.html"))}
    problems: list[str] = []
    for name, page in pages.items():
        for tag, attribute, url in page.urls:
            where = f"{name}: <{tag} {attribute}={url!r}>"
            if url.lower().startswith(FORBIDDEN_SCHEMES):
                problems.append(f"{where} uses a forbidden scheme")
                continue
            if url.lower().startswith(EXTERNAL):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("/"):
                problems.append(f"{where} is not a relative link within the site")
                continue
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path))
                target = unquote(target)
                if target.startswith("../") or target == "..":
                    problems.append(f"{where} points outside the site")
                    continue
                if not (root / target).is_file():
                    problems.append(f"{where} -> {target} does not exist")
                    continue
            else:
                target = name
            if "#" in url:
                fragment = unquote(parts.fragment)
                if not fragment:
                    problems.append(f"{where} has an empty #fragment")
                elif target not in pages:
                    problems.append(f"{where} has a #fragment on a file that is not a page")
                elif fragment not in pages[target].ids:
                    problems.append(f"{where}: no id {fragment!r} in {target}")
    return problems


def test_every_internal_link_resolves_to_a_file_and_an_id(site: Site) -> None:
    html = site.html_files()
    assert len(html) == site.pages, "one HTML file per page the build reported"
    problems = broken_links(site.root)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:50])


def test_pages_link_to_each_other_and_to_their_assets(site: Site) -> None:
    """The link check above has links to check: pages, stylesheet, scripts, fragments."""
    home = parse(site.root / "index.html")
    hrefs = {url for _, _, url in home.urls}
    assert {"assets/css/site.css", "assets/js/init.js", "explorer/index.html"} <= hrefs
    criterion = parse(site.root / "frameworks" / "cqc-asc-2017" / "W3.5.html")
    fragments = [url for _, _, url in criterion.urls if "#link-" in url]
    assert fragments, "a criterion page links to its links' rows on the review page"


def test_explorer_links_resolve(site: Site) -> None:
    """The explorer builds criterion, element and model links from its data (a script per
    framework, and one of words): each one must be a page."""
    pages = []
    for path in sorted((site.root / "explorer" / "data").glob("*.js")):
        text = path.read_text(encoding="utf-8")
        assigned = r"^window\.crosswalkExplorer\[\"[\w-]+\"\] = (.*);\n\Z"
        match = re.search(assigned, text, re.M | re.S)
        assert match, f"{path.name} files one JSON value"
        data = json.loads(match.group(1))
        pages += [r["page"] for a in data.get("answers", []) for r in a["rows"]]
        pages += [e["page"] for e in data.get("elements", {}).values()]
        pages += [m["page"] for m in data.get("models", {}).values()]
    assert len(pages) > 100
    missing = [p for p in pages if not (site.root / p).is_file()]
    assert not missing, f"explorer criterion links to missing pages: {missing}"


def test_the_checker_reports_broken_links(tmp_path: Path) -> None:
    """The checker itself: a missing file, a missing id and a javascript: URL are reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/page.html#here">ok</a><a href="a/page.html#gone">no id</a>'
        '<a href="a/none.html">no file</a><a href="javascript:alert(1)">js</a>'
        '<a href="https://example.org/x">external</a><img src="data:image/png;base64,AA">'
        '<a href="#">empty</a><a href="../outside.html">outside</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "page.html").write_text('<h1 id="here">Here</h1>', encoding="utf-8")
    problems = broken_links(tmp_path)
    assert len(problems) == 6, problems
    joined = "\n".join(problems)
    for expected in (
        "no id 'gone'",
        "a/none.html does not exist",
        "'javascript:alert(1)'> uses a forbidden scheme",
        "'data:image/png;base64,AA'> uses a forbidden scheme",
        "empty #fragment",
        "points outside the site",
    ):
        assert expected in joined
