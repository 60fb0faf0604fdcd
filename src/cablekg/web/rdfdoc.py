"""The RDF document of a resource, as served to programs at its IRI.

What it holds (bounded, so that a popular entity does not produce a huge document):
  * every outgoing triple, with the rdfs:label of each linked resource;
  * incoming links (at most INCOMING_LIMIT, with their labels; a cut is said in the document);
  * for a cable: its whole cable graph (header, paragraphs and their text, references);
  * for a paragraph: the facts of its graph;
  * for any other entity: its mentions, and the paragraphs whose graphs state facts about it.
Quad formats (TriG, N-Quads) put each triple in the named graphs that hold it: the provenance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from cablekg.rdf.namespaces import PREFIXES
from cablekg.store import Store
from cablekg.web.describe import INCOMING_LIMIT
from cablekg.web.terms import PREFIX_BLOCK, hide_system_graphs, in_graph, iri_ref, select

MENTION_LIMIT = 2000
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_VALUES_CHUNK = 200
SERIALIZE_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation the pages offer: URL suffix, media type and pyoxigraph format."""

    ext: str
    media_type: str
    fmt: ox.RdfFormat
    quads: bool = False


RDF_FORMATS = (
    RdfFormat("ttl", "text/turtle", ox.RdfFormat.TURTLE),
    RdfFormat("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
    RdfFormat("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    RdfFormat("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    RdfFormat("trig", "application/trig", ox.RdfFormat.TRIG, quads=True),
    RdfFormat("nq", "application/n-quads", ox.RdfFormat.N_QUADS, quads=True),
)


def _construct(store: Store, sparql: str) -> list[ox.Triple]:
    return list(store.query(PREFIX_BLOCK + sparql))  # type: ignore[arg-type]


def description(store: Store, iri: str, kind: str, doc_url: str) -> list[ox.Triple]:
    """The triples of the document about ``iri`` (kind as from describe.resource_kind)."""
    ref = iri_ref(iri)
    node = ox.NamedNode(iri)
    triples = _construct(
        store,
        f"CONSTRUCT {{ {ref} ?p ?o . ?o rdfs:label ?l }} "
        f"WHERE {{ {ref} ?p ?o OPTIONAL {{ ?o rdfs:label ?l }} }}",
    )
    incoming = select(
        store,
        f"SELECT ?s ?p (SAMPLE(?l0) AS ?l) WHERE {{ ?s ?p {ref} OPTIONAL {{ ?s rdfs:label ?l0 }} }}"
        f" GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {INCOMING_LIMIT + 1}",
    )
    for row in incoming[:INCOMING_LIMIT]:
        triples.append(ox.Triple(row["s"], row["p"], node))  # type: ignore[arg-type]
        if row["l"] is not None:
            triples.append(ox.Triple(row["s"], _RDFS_LABEL, row["l"]))  # type: ignore[arg-type]
    if len(incoming) > INCOMING_LIMIT:
        note = f"Only the first {INCOMING_LIMIT} incoming links are listed; ask /sparql for all."
        triples.append(ox.Triple(ox.NamedNode(doc_url), _RDFS_COMMENT, ox.Literal(note)))
    if kind in ("cable", "paragraph"):
        triples += _construct(
            store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {in_graph(iri)} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
    else:
        triples += _construct(
            store,
            f"CONSTRUCT {{ ?m ?mp ?mo }} WHERE {{ {{ SELECT ?m WHERE {{ ?m ckg:refersTo {ref} }} "
            f"LIMIT {MENTION_LIMIT} }} ?m ?mp ?mo }}",
        )
        triples += _construct(
            store,
            f"CONSTRUCT {{ ?g rdfs:label ?gl ; dcterms:isPartOf ?c ; ckg:paragraphNumber ?n }} "
            f"WHERE {{ {{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {ref} ?p ?o }} }} }} "
            "?g a ckg:Paragraph ; rdfs:label ?gl ; dcterms:isPartOf ?c ; "
            "ckg:paragraphNumber ?n }",
        )
    return list(dict.fromkeys(triples))  # a set, in a stable order


def with_graphs(store: Store, triples: Iterable[ox.Triple]) -> list[ox.Quad]:
    """Each triple in every named graph that holds it (a triple found in none stays in the
    default graph, e.g. the note about a cut list of incoming links)."""
    triples = list(triples)
    quads: list[ox.Quad] = []
    placed: set[ox.Triple] = set()
    hidden = hide_system_graphs(store)  # not the merge graph: it holds every triple
    for i in range(0, len(triples), _VALUES_CHUNK):
        chunk = triples[i : i + _VALUES_CHUNK]
        values = " ".join(f"({t.subject} {t.predicate} {t.object})" for t in chunk)
        rows = select(
            store,
            f"SELECT ?s ?p ?o ?g WHERE {{ VALUES (?s ?p ?o) {{ {values} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} {hidden} }}",
        )
        for r in rows:
            triple = ox.Triple(r["s"], r["p"], r["o"])  # type: ignore[arg-type]
            placed.add(triple)
            quads.append(ox.Quad(r["s"], r["p"], r["o"], r["g"]))  # type: ignore[arg-type]
    quads += [ox.Quad(t.subject, t.predicate, t.object) for t in triples if t not in placed]
    return quads


def serialize(store: Store, triples: list[ox.Triple], fmt: RdfFormat, iri: str) -> bytes:
    """The document in ``fmt``; statements about ``iri`` come first."""
    _first = ox.NamedNode(iri)
    # sorted so that Turtle and TriG group the statements about one subject together
    data: list[ox.Triple] | list[ox.Quad]
    if fmt.quads:
        data = sorted(
            with_graphs(store, triples), key=lambda q: (str(q.graph_name), str(q.subject))
        )
    else:
        data = sorted(
            triples, key=lambda t: (t.subject != _first, str(t.subject), str(t.predicate))
        )
    prefixes = SERIALIZE_PREFIXES if fmt.fmt != ox.RdfFormat.N_TRIPLES else None
    return ox.serialize(data, format=fmt.fmt, prefixes=prefixes) or b""  # type: ignore[arg-type]
