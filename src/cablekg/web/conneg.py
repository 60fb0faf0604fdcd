"""Content negotiation: which serialisation answers a request.

Formats are pyoxigraph enums, never strings. The client's ``Accept`` header is matched with
werkzeug's ``accept_mimetypes.best_match`` (q-values, wildcards); a ``format`` request
parameter overrides it (a short name such as ``json`` or ``turtle``, or a media type), as
prez's ``_mediatype`` and most SPARQL servers do. Nothing here matches strings by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import pyoxigraph as ox
from flask import Request

from cablekg.web.errors import APIError

F = TypeVar("F")


@dataclass(frozen=True)
class Choice(Generic[F]):
    """A negotiated answer: the media type to send and the serialiser format behind it."""

    media_type: str
    format: F
    extension: str


# The first entry of each table is the default for Accept: */* or no Accept header.
RESULT_FORMATS: dict[str, Choice[ox.QueryResultsFormat]] = {
    "application/sparql-results+json": Choice(
        "application/sparql-results+json", ox.QueryResultsFormat.JSON, "srj"
    ),
    "application/sparql-results+xml": Choice(
        "application/sparql-results+xml", ox.QueryResultsFormat.XML, "srx"
    ),
    "text/csv": Choice("text/csv", ox.QueryResultsFormat.CSV, "csv"),
    "text/tab-separated-values": Choice(
        "text/tab-separated-values", ox.QueryResultsFormat.TSV, "tsv"
    ),
}
GRAPH_FORMATS: dict[str, Choice[ox.RdfFormat]] = {
    "text/turtle": Choice("text/turtle", ox.RdfFormat.TURTLE, "ttl"),
    "application/n-triples": Choice("application/n-triples", ox.RdfFormat.N_TRIPLES, "nt"),
    "application/ld+json": Choice("application/ld+json", ox.RdfFormat.JSON_LD, "jsonld"),
    "application/rdf+xml": Choice("application/rdf+xml", ox.RdfFormat.RDF_XML, "rdf"),
    "application/n-quads": Choice("application/n-quads", ox.RdfFormat.N_QUADS, "nq"),
    "application/trig": Choice("application/trig", ox.RdfFormat.TRIG, "trig"),
}

# Other media types clients send for the same formats; answered with the canonical type.
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/n-triples": "application/n-triples",
    "application/json+ld": "application/ld+json",
    "text/x-nquads": "application/n-quads",
}
_RESULT_ALIASES = {k: v for k, v in _ALIASES.items() if v in RESULT_FORMATS}
_GRAPH_ALIASES = {k: v for k, v in _ALIASES.items() if v in GRAPH_FORMATS}

# Short names for the ``format`` parameter.
SHORT_NAMES = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "nquads": "application/n-quads",
    "nq": "application/n-quads",
    "trig": "application/trig",
}
# For graph answers, ``format=json`` / ``format=xml`` mean the natural RDF syntax.
_GRAPH_SHORT_NAMES = {"json": "application/ld+json", "xml": "application/rdf+xml"}

HTML = "text/html"


def negotiate(
    request: Request,
    table: Mapping[str, Choice[F]],
    aliases: Mapping[str, str] | None = None,
    *,
    short_names: Mapping[str, str] | None = None,
) -> Choice[F] | None:
    """The best entry of ``table`` for this request, or None when nothing is acceptable.

    ``format`` (query string or form) overrides Accept. An absent or empty Accept header
    means "anything", so the first entry of ``table`` (the default) answers."""
    aliases = aliases or {}
    requested = request.values.get("format")
    if requested:
        name = requested.strip().lower()
        media_type = (short_names or {}).get(name) or SHORT_NAMES.get(name) or name
        media_type = aliases.get(media_type, media_type)
        return table.get(media_type)
    accept = request.accept_mimetypes
    if not accept:
        return next(iter(table.values()))
    offered = list(table) + list(aliases)
    best = accept.best_match(offered)
    if best is None:
        return None
    return table[aliases.get(best, best)]


def result_choice(request: Request) -> Choice[ox.QueryResultsFormat] | None:
    return negotiate(request, RESULT_FORMATS, _RESULT_ALIASES)


def graph_choice(request: Request) -> Choice[ox.RdfFormat] | None:
    return negotiate(request, GRAPH_FORMATS, _GRAPH_ALIASES, short_names=_GRAPH_SHORT_NAMES)


def prefers_html(request: Request, alternatives: Sequence[str]) -> bool:
    """True when a browser-like client prefers HTML over every one of ``alternatives``."""
    if request.values.get("format"):
        return request.values["format"].strip().lower() in ("html", HTML)
    accept = request.accept_mimetypes
    if not accept:
        return False
    return accept.best_match([*alternatives, HTML]) == HTML


def not_acceptable(offered: Sequence[str]) -> APIError:
    return APIError(
        406,
        "not-acceptable",
        "none of the requested media types can be produced here; available: " + ", ".join(offered),
    )
