"""Where the files crosswalk reads besides a data folder are: the one place that knows.

The ontology and its shapes, the site's templates and static assets, GOV.UK Frontend's script
and images, the rubric's page of the docs and the bundled data ship inside the package, in
`crosswalk/_data/`, and are found through `importlib.resources`, so an installed copy runs
from any folder. In the repository `crosswalk/_data/` holds symbolic links to the folders
curators edit where they have always been (`ontology/`, `site/templates`, `site/static`,
`mappings/`, `docs/data-format.md`, and the GOV.UK Frontend that `make setup` installs in
`node_modules/`); building the wheel copies what they point to (docs/architecture.md, "Where
things live").

Each path is resolved, so in the repository (and an editable install) it is the folder
itself, as a curator would name it, not the link.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _packaged(name: str) -> Path:
    """A file or folder of `crosswalk/_data/`, on the file system (pip installs packages as
    folders, never zipped: the site's build copies these files and Jinja reads the
    templates by path)."""
    return Path(str(files("crosswalk._data") / name)).resolve()


ONTOLOGY = _packaged("ontology")
SHAPES = ONTOLOGY / "shapes.ttl"
VOCABULARY = ONTOLOGY / "crosswalk.ttl"
TEMPLATES = _packaged("templates")
STATIC = _packaged("static")
COMPILED_CSS = STATIC / "css" / "site.css"  # made by `make setup` from site/scss
GOVUK = _packaged("govuk")  # GOV.UK Frontend's dist/govuk, installed by `make setup`
DATA_FORMAT = _packaged("data-format.md")  # the page of the docs the rubric is read from
BUNDLED_DATA = _packaged("mappings")
