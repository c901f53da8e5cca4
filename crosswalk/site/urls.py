"""Where each page of the site lives, and relative links between pages.

Every link in the site is relative, so the site works from any folder of any static host
(and from the file system). Ids are safe as file names: the data model allows only letters,
digits, '.', '_' and '-', and never '..'.

A record's page is named by its id, beside pages the site names itself: a framework's
folder holds `index.html` and `matrix.html` next to `{criterion}.html`, `models/` holds
`index.html` next to `{model}/`, `review/` holds `index.html` next to `{link set}.html`. So
that no record's page can replace another page, or need a folder where a page is, the ids
below are reserved; the loader refuses them in any letter case (a case-insensitive file
system, as on macOS and Windows, writes `Index.html` over `index.html`).
"""

from __future__ import annotations

from crosswalk.registry import INDEX, MATRIX
from crosswalk.registry import RESERVED_IDS as RESERVED_IDS

# The sections of the site that hold pages search finds (a page with a SearchEntry): the
# search indexer reads only these, not the reports, reviews and downloads, which are as large
# again and have nothing to index. A page with a SearchEntry elsewhere is refused.
SEARCHED = ("frameworks", "methodology", "models", "principles")


def home() -> str:
    return f"{INDEX}.html"


def frameworks() -> str:
    return f"frameworks/{INDEX}.html"


def framework(fid: str) -> str:
    return f"frameworks/{fid}/{INDEX}.html"


def criterion(ref: str) -> str:
    fid, cid = ref.split(":", 1)
    return f"frameworks/{fid}/{cid}.html"


def matrix(fid: str) -> str:
    return f"frameworks/{fid}/{MATRIX}.html"


def models() -> str:
    return f"models/{INDEX}.html"


def model(mid: str) -> str:
    return f"models/{mid}/{INDEX}.html"


def element(ref: str) -> str:
    mid, eid = ref.split(":", 1)
    return f"models/{mid}/{eid}.html"


def principles() -> str:
    return f"principles/{INDEX}.html"


def principle(ref: str) -> str:
    sid, pid = ref.split(":", 1)
    return f"principles/{sid}/{pid}.html"


def explorer() -> str:
    return f"explorer/{INDEX}.html"


def report(mid: str, fid: str) -> str:
    return f"reports/{mid}/{fid}.html"


def coverage_json(mid: str, fid: str) -> str:
    return f"downloads/coverage/{fid}/{mid}.json"


def review() -> str:
    return f"review/{INDEX}.html"


def review_set(link_set: str) -> str:
    return f"review/{link_set}.html"


def review_workbook() -> str:
    """The workbook `crosswalk review export` writes, every link in it."""
    return "downloads/review.xlsx"


def downloads() -> str:
    return f"downloads/{INDEX}.html"


def methodology() -> str:
    return f"methodology/{INDEX}.html"


def accessibility() -> str:
    return f"accessibility/{INDEX}.html"


def search() -> str:
    return f"search/{INDEX}.html"


def link_anchor(lid: str) -> str:
    return f"link-{lid}"


def ref_page(ref: str, kind: str) -> str:
    """The page of a criterion, element or principle reference."""
    return {"criterion": criterion, "element": element, "principle": principle}[kind](ref)
