"""rdflib terms -> pyoxigraph terms, for writing built graphs into the store."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from cablekg.rdf.namespaces import ONTOLOGY_IRI
from cablekg.rdf.vocabulary import Vocabulary


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot store RDF term {term!r}")


def ontology_quads(vocabulary: Vocabulary) -> list[ox.Quad]:
    """The ontology as quads of its named graph, blank nodes (OWL class expressions, lists)
    replaced by stable skolem IRIs: canonical labelling makes them the same in every run, so
    reinstalling an unchanged ontology changes nothing in the store."""
    canonical = to_canonical_graph(vocabulary.graph)
    skolem = canonical.skolemize(authority=ONTOLOGY_IRI, basepath="/.well-known/genid/")
    graph = ox.NamedNode(ONTOLOGY_IRI)
    return [ox.Quad(_subject(s), ox.NamedNode(str(p)), to_ox(o), graph) for s, p, o in skolem]


def _subject(term: Node) -> ox.NamedNode | ox.BlankNode:
    converted = to_ox(term)
    if isinstance(converted, ox.Literal):
        raise TypeError(f"a literal cannot be a subject: {term!r}")
    return converted
