"""The Store protocol: what the loader and the web app need from a quad store.

Implementations: ``EmbeddedStore`` (pyoxigraph on disk, the default) and ``RemoteStore``
(any SPARQL 1.1 server). Both present the dataset of INTEROP.md: named graphs per ontology,
cable and paragraph, and a default graph that is the RDF merge (a set) of all named graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Protocol

import pyoxigraph as ox

from cablekg.errors import StoreError

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass(frozen=True)
class GraphWrite:
    """Replace a set of named graphs in one transaction.

    ``drop``: graph IRIs to remove first (e.g. the old paragraph graphs of a reloaded cable);
    ``quads``: the new content, every quad in a named graph.
    """

    drop: tuple[str, ...]
    quads: Sequence[ox.Quad]


@dataclass(frozen=True)
class NewGraphs:
    """Named graphs that are not in the store yet, serialised by the loader's workers.

    ``nquads``: their quads (N-Quads, every quad in a named graph); ``merged``: their triples,
    each once, as N-Triples (their share of the merged default graph); ``graphs``: their names.
    """

    graphs: tuple[str, ...]
    nquads: bytes
    merged: bytes

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS))


class Store(Protocol):
    def write(self, change: GraphWrite) -> None:
        """Apply one GraphWrite atomically: all of it or nothing."""

    def add_new(self, batch: Sequence[NewGraphs]) -> None:
        """Add a batch of graphs none of which is in the store yet, all of it or nothing
        (StoreError, store unchanged, if one of them is there already)."""

    def graphs_of(self, cable_iri: str) -> list[str]:
        """The named graphs that belong to a loaded cable (its own and its paragraphs')."""

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query. Without a dataset (None), the default graph is the merge of
        all named graphs; an empty sequence means an empty default graph / no named graphs.
        Raises SyntaxError for a malformed query."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update as one transaction."""

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat) -> None:
        """Stream the dataset (quad formats) or the merged default graph (triple formats)."""

    def version(self) -> str:
        """An opaque token that changes whenever the store's content changes."""

    def count_quads(self) -> int:
        """How many quads are in named graphs."""

    def close(self) -> None: ...


def quads_to_sparql_data(quads: Iterable[ox.Quad]) -> str:
    """Quads as the body of an INSERT DATA / DELETE DATA block, grouped by graph."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for graph, triples in by_graph.items():
        if graph == "DEFAULT":
            parts.append("\n".join(triples))
        else:
            parts.append(f"GRAPH {graph} {{\n" + "\n".join(triples) + "\n}")
    return "\n".join(parts)


def graph_iri_list(graphs: Iterable[str]) -> str:
    return ", ".join(f"<{g}>" for g in graphs)


def rebuild_merge(*excluded_graphs: str, merge_graph: str | None = None) -> str:
    """Re-derive the merged default graph from the named graphs (after an arbitrary update).
    ``merge_graph``: keep the merge in that named graph instead (servers whose default graph
    is already the union of all graphs, e.g. Virtuoso; see store/remote.py)."""
    excluded = (*excluded_graphs, merge_graph) if merge_graph else excluded_graphs
    keep = f"FILTER(?g NOT IN ({graph_iri_list(excluded)}))" if excluded else ""
    if merge_graph:
        return (
            f"DROP SILENT GRAPH <{merge_graph}> ;\n"
            f"INSERT {{ GRAPH <{merge_graph}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            + keep
            + " }"
        )
    return (
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } "
        + keep
        + " } } ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
        + keep
        + " }"
    )


def replacement_update(
    change: GraphWrite, *, merge_graph: str | None = None, max_block: int | None = None
) -> str:
    """One SPARQL 1.1 Update request (so one transaction) applying a GraphWrite and keeping the
    store's default graph equal to the RDF merge of its named graphs. Empty when nothing to do.

    ``merge_graph``: keep the merge in that named graph instead of the default graph;
    ``max_block``: at most that many quads per INSERT DATA operation.
    Quads must be in named graphs and free of blank nodes: a blank node written twice becomes
    two nodes, so the merged default graph could not be kept a set.
    """
    for q in change.quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            raise StoreError("cablekg writes named graphs only; the default graph is derived")
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            raise StoreError(f"blank nodes cannot be stored, skolemize them first: {q}")
    replaced = sorted(
        set(change.drop) | {q.graph_name.value for q in change.quads}  # type: ignore[union-attr]
    )
    operations = []
    if replaced:
        values = " ".join(f"<{g}>" for g in replaced)
        others = [*replaced, merge_graph] if merge_graph else replaced
        target = f"GRAPH <{merge_graph}> {{ ?s ?p ?o }}" if merge_graph else "?s ?p ?o"
        # Remove from the merged default graph the triples that no other graph still holds.
        operations.append(
            "DELETE { " + target + " } WHERE { VALUES ?g { " + values + " } GRAPH ?g { ?s ?p ?o } "
            "FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h NOT IN ("
            + graph_iri_list(others)
            + ")) } }"
        )
        operations.extend(f"DROP SILENT GRAPH <{g}>" for g in replaced)
    if change.quads:
        into = ox.NamedNode(merge_graph) if merge_graph else ox.DefaultGraph()
        merged = list(
            dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object, into) for q in change.quads)
        )
        for quads in (list(change.quads), merged):
            # several INSERT DATA operations, still one request: Virtuoso's parser gives up
            # ("SP030 memory exhausted") on a block of ~5,000 triples
            for start in range(0, len(quads), max_block or len(quads)):
                block = quads[start : start + (max_block or len(quads))]
                operations.append("INSERT DATA {\n" + quads_to_sparql_data(block) + "\n}")
    return " ;\n".join(operations)
