"""CableGraphs: the named graphs of one cable while it is built, checked and written.

The builder only ever adds triples, and every later stage reads them once, in bulk: the
validator as N-Triples text, the store as N-Quads bytes. An rdflib Dataset indexes every triple
three ways on insert, which cost more than extraction itself (about 1,500 ``Memory.add`` calls
per corpus cable, bench/results/load.md); here a graph is an insertion-ordered set (a dict), and
terms are converted to pyoxigraph once per distinct term. ``dataset()`` gives the rdflib view
for the golden files, the reference SHACL engine and anything else that wants to query.
The serialised forms are computed once, when first read: read them after building is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from cablekg.rdf.convert import to_ox
from cablekg.rdf.namespaces import PREFIXES

Triple = tuple[Node, Node, Node]


class GraphSink:
    """One named graph being built: ``add`` a triple, a repeated triple is kept once."""

    __slots__ = ("identifier", "triples")

    def __init__(self, identifier: URIRef):
        self.identifier = identifier
        self.triples: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        self.triples[triple] = None

    def __contains__(self, triple: Triple) -> bool:
        return triple in self.triples

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


class CableGraphs:
    """The named graphs a cable's load writes, in the order they were first used."""

    def __init__(self) -> None:
        self._graphs: dict[URIRef, GraphSink] = {}

    def graph(self, name: URIRef) -> GraphSink:
        sink = self._graphs.get(name)
        if sink is None:
            sink = self._graphs[name] = GraphSink(name)
        return sink

    def graphs(self) -> Iterator[GraphSink]:
        return (g for g in self._graphs.values() if len(g))

    def graph_names(self) -> list[str]:
        return sorted(str(g.identifier) for g in self.graphs())

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        for g in self.graphs():
            for s, p, o in g:
                yield s, p, o, g.identifier

    def __len__(self) -> int:
        return sum(len(g) for g in self._graphs.values())

    def naming(self, subject: URIRef) -> list[str]:
        """The names of the graphs in which ``subject`` is the subject of a triple."""
        return [str(g.identifier) for g in self.graphs() if any(t[0] == subject for t in g)]

    # -- the forms later stages read -----------------------------------------------------------

    @cached_property
    def ox_quads(self) -> list[ox.Quad]:
        """The quads as pyoxigraph terms (each distinct rdflib term converted once)."""
        cache: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

        def convert(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
            found = cache.get(term)
            if found is None:
                found = cache[term] = to_ox(term)
            return found

        out = []
        for g in self.graphs():
            name = convert(g.identifier)
            for s, p, o in g:
                out.append(ox.Quad(convert(s), convert(p), convert(o), name))  # type: ignore[arg-type]
        return out

    def nquads(self) -> bytes:
        """Every quad, as N-Quads (what a worker process sends to the writer)."""
        return ox.serialize(self.ox_quads, format=ox.RdfFormat.N_QUADS) or b""

    @cached_property
    def merged_ntriples(self) -> bytes:
        """The RDF merge of the graphs (each triple once) as N-Triples: the cable's share of the
        store's default graph, and what the validator reads (computed once for both)."""
        triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in self.ox_quads)
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def dataset(self) -> Dataset:
        """An rdflib Dataset with the same named graphs (built on demand, not cached)."""
        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        for g in self.graphs():
            target = ds.graph(g.identifier)
            for triple in g:
                target.add(triple)
        return ds


__all__ = ["CableGraphs", "GraphSink"]
