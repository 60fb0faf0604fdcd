"""The ontology document served at /ontology: pyLODE HTML for people, the Turtle source (or
another RDF syntax of it) for programs. Both are built once per process and cached.

Term IRIs are hash IRIs (https://w3id.org/cablekg/ontology#Reform), so /ontology covers every
term; pyLODE anchors each term by its local name. When cablekg.docs (pyLODE rendering) is not
available, a plain list of the terms of the shipped ontology (the store's ontology graph holds
the same) stands in, with the same anchors.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from flask import current_app, render_template

from cablekg import resources
from cablekg.errors import CableKGError
from cablekg.rdf.namespaces import ONTOLOGY_IRI
from cablekg.web.describe import ontology_select
from cablekg.web.rdfdoc import SERIALIZE_PREFIXES, RdfFormat
from cablekg.web.terms import local_name, value

_lock = threading.Lock()
_html: dict[str, str] = {}


@dataclass(frozen=True)
class Term:
    iri: str
    anchor: str
    label: str
    kind: str
    definition: str | None


def ontology_html() -> str:
    with _lock:
        if "page" not in _html:
            _html["page"] = _render()
        return _html["page"]


def _render() -> str:
    try:
        from cablekg.docs import render_docs  # pyLODE, by the docs module
    except ImportError:
        return _fallback()
    try:
        return str(render_docs())
    except CableKGError:  # pyLODE could not read the ontology: the plain list still helps
        current_app.logger.exception("pyLODE failed; serving the plain list of terms")
        return _fallback()


def _fallback() -> str:
    # the shipped ontology, which is what the store's ontology graph holds (describe.py)
    rows = ontology_select(
        "SELECT ?t ?kind (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?def) WHERE { ?t a ?kind "
        "FILTER(?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))"
        f' FILTER(STRSTARTS(STR(?t), "{ONTOLOGY_IRI}#")) OPTIONAL {{ ?t rdfs:label ?l }}'
        " OPTIONAL { ?t skos:definition ?d } } GROUP BY ?t ?kind ORDER BY ?kind ?t",
    )
    terms = [
        Term(
            r["t"].value,
            local_name(r["t"].value),
            value(r["label"]) or local_name(r["t"].value),
            local_name(r["kind"].value),
            value(r["def"]),
        )
        for r in rows
    ]
    return render_template("ontology.html", terms=terms, ontology_iri=ONTOLOGY_IRI)


@cache
def ontology_rdf(fmt: RdfFormat) -> bytes:
    """The ontology file in the format ``fmt``: the Turtle source as it is, else converted."""
    path = resources.ontology_path()
    if fmt.ext == "ttl":
        return path.read_bytes()
    triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    if fmt.quads:  # the ontology's own named graph, as in the store
        graph = ox.NamedNode(ONTOLOGY_IRI)
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        return ox.serialize(quads, format=fmt.fmt) or b""
    return ox.serialize(triples, format=fmt.fmt, prefixes=SERIALIZE_PREFIXES) or b""
