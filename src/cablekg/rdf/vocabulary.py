"""What the builder needs to know about the ontology, read once from ontology/cablekg.ttl."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDFS, SKOS

from cablekg import resources
from cablekg.rdf.namespaces import ONTOLOGY_IRI

# Vocabularies whose super-properties are materialised, so that outside queries written with
# standard terms only (INTEROP.md) find what our sub-properties state.
STANDARD_NAMESPACES = tuple(str(ns) for ns in (DCTERMS, FOAF, ORG, PROV, SKOS))


class Vocabulary:
    def __init__(self, graph: Graph):
        self.graph = graph
        self._supers: dict[URIRef, tuple[URIRef, ...]] = {}
        self._labels: dict[URIRef, str] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        graph = Graph()
        graph.parse(path or resources.ontology_path(), format="turtle")
        return cls(graph)

    @property
    def ontology_iri(self) -> URIRef:
        return URIRef(ONTOLOGY_IRI)

    def standard_super_properties(self, prop: URIRef) -> tuple[URIRef, ...]:
        """Standard-vocabulary properties that ``prop`` is (transitively) a sub-property of."""
        if prop not in self._supers:
            found = {
                p
                for p in self.graph.transitive_objects(prop, RDFS.subPropertyOf)
                if p != prop and isinstance(p, URIRef) and str(p).startswith(STANDARD_NAMESPACES)
            }
            self._supers[prop] = tuple(sorted(found))
        return self._supers[prop]

    def concept_label(self, concept: URIRef) -> str:
        if concept not in self._labels:
            label = self.graph.value(concept, SKOS.prefLabel)
            self._labels[concept] = str(label) if label is not None else concept.rsplit("/", 1)[-1]
        return self._labels[concept]


@cache
def default_vocabulary() -> Vocabulary:
    return Vocabulary.load()
