"""The base IRI that data IRIs hang off (`--base-iri`), and what makes one acceptable.

A module of its own, without rdflib, so that the command line can declare and check the
option without importing the graph library.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

DEFAULT_BASE = "https://w3id.org/crosswalk/"


def check_base_iri(text: str) -> str:
    """The base IRI as given, or ValueError saying what is wrong with it.

    Data IRIs are the base followed by a path (`framework/reg`), written as they are into
    Turtle, N-Triples and SSSOM: the base must be an absolute http(s) IRI that ends with '/'
    or '#', holds no character an IRI cannot (spaces, quotes, angle brackets, controls...),
    and has no fragment before its end.
    """
    bad = _NOT_IN_IRI.search(text)
    if bad:
        what = "a '%' that does not start an escape" if bad.group() == "%" else repr(bad.group())
        raise ValueError(f"it holds {what}, which an IRI cannot hold")
    if not text.startswith(("http://", "https://")):
        raise ValueError("it must be an absolute address starting with https:// or http://")
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # a port that is not a number, an unclosed '[' of an IPv6 host
        parts, port_ok = urlsplit(""), False
    if not parts.hostname or "@" in parts.netloc or not port_ok:
        raise ValueError("it must name a host (and a port, if any, as a number), and no user")
    if not text.endswith(("/", "#")):
        raise ValueError("it must end with '/' or '#', so that ids can follow it")
    if "#" in text[:-1]:
        raise ValueError("'#' can only be its last character")
    return text


# Characters that RFC 3987 leaves out of IRIs (spaces, controls, quotes, angle brackets,
# braces, '|', '\\', '^', '`'), and a '%' that does not start an escape.
_NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`]|%(?![0-9A-Fa-f]{2})')
