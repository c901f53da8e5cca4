"""What the page families share: the home breadcrumb and a criterion row's indentation."""

from __future__ import annotations

from crosswalk.site import urls
from crosswalk.site.viewmodels import Ref

HOME = Ref("Home", urls.home())


# A criterion row is indented one step per level below its framework's top, by a class
# (cw-indent-0 .. cw-indent-6 in site/scss/site.scss), never a style attribute, which the
# pages' Content-Security-Policy forbids. Deeper levels share the last step.
INDENT_STEPS = 6


def indent(depth: int) -> int:
    """The indentation class for a criterion this many levels below the top."""
    return min(depth, INDENT_STEPS)
