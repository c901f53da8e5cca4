"""Where each page of the site lives, and relative links between pages.

Every link in the site is relative, so the site works from any folder of any static host
(and from the file system). Ids are safe as file names: the data model allows only letters,
digits, '.', '_' and '-', and never '..'.
"""

from __future__ import annotations


def home() -> str:
    return "index.html"


def frameworks() -> str:
    return "frameworks/index.html"


def framework(fid: str) -> str:
    return f"frameworks/{fid}/index.html"


def criterion(ref: str) -> str:
    fid, cid = ref.split(":", 1)
    return f"frameworks/{fid}/{cid}.html"


def matrix(fid: str) -> str:
    return f"frameworks/{fid}/matrix.html"


def models() -> str:
    return "models/index.html"


def model(mid: str) -> str:
    return f"models/{mid}/index.html"


def element(ref: str) -> str:
    mid, eid = ref.split(":", 1)
    return f"models/{mid}/{eid}.html"


def principles() -> str:
    return "principles/index.html"


def principle(ref: str) -> str:
    sid, pid = ref.split(":", 1)
    return f"principles/{sid}/{pid}.html"


def explorer() -> str:
    return "explorer/index.html"


def report(mid: str, fid: str) -> str:
    return f"reports/{mid}/{fid}.html"


def coverage_json(mid: str, fid: str) -> str:
    return f"downloads/coverage/{fid}/{mid}.json"


def review() -> str:
    return "review/index.html"


def review_set(link_set: str) -> str:
    return f"review/{link_set}.html"


def downloads() -> str:
    return "downloads/index.html"


def methodology() -> str:
    return "methodology/index.html"


def accessibility() -> str:
    return "accessibility/index.html"


def search() -> str:
    return "search/index.html"


def link_anchor(lid: str) -> str:
    return f"link-{lid}"


def ref_page(ref: str, kind: str) -> str:
    """The page of a criterion, element or principle reference."""
    return {"criterion": criterion, "element": element, "principle": principle}[kind](ref)
