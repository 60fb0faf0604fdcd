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

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass(frozen=True)
class GraphWrite:
    """Replace a set of named graphs in one transaction.

    ``drop``: graph IRIs to remove first (e.g. the old paragraph graphs of a reloaded cable);
    ``quads``: the new content, every quad in a named graph.
    """

    drop: tuple[str, ...]
    quads: Sequence[ox.Quad]


class Store(Protocol):
    def write(self, change: GraphWrite) -> None:
        """Apply one GraphWrite atomically: all of it or nothing."""

    def graphs_of(self, cable_iri: str) -> list[str]:
        """The named graphs that belong to a loaded cable (its own and its paragraphs')."""

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query. Without a dataset, the default graph is the merge of all
        named graphs. Raises SyntaxError for a malformed query."""

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
