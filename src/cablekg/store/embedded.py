"""The embedded store: pyoxigraph (RocksDB) on disk, or in memory for tests.

pyoxigraph 0.5.13 returns a triple held in two named graphs twice when the default graph is
queried as the union of all graphs (oxigraph issue 1919, fixed after that release), which
would inflate COUNTs and repeat triples in CONSTRUCT results. Provenance puts the same fact in
several paragraph graphs, so cablekg instead keeps the store's own default graph as the RDF
merge of all named graphs, maintained in the same transaction as every write. Queries then run
against a real set, and the default graph index is also the fastest one to scan.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from cablekg.errors import StoreError
from cablekg.store.base import (
    GraphWrite,
    NewGraphs,
    QueryResult,
    rebuild_merge,
    replacement_update,
)

_DCTERMS_HAS_PART = ox.NamedNode("http://purl.org/dc/terms/hasPart")
_VERSION_FILE = "cablekg-version"
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


class EmbeddedStore:
    """A Store on a local directory (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from e
        self._memory_version = uuid.uuid4().hex

    # -- writing ---------------------------------------------------------------------------

    def write(self, change: GraphWrite) -> None:
        """One SPARQL update (one transaction). New cables do not come this way: the loader
        gives them to ``add_new`` in batches; this replaces cables and the ontology graph."""
        operations = replacement_update(change)
        if not operations:
            return
        try:
            self._store.update(operations)  # one update request = one transaction
        except (OSError, SyntaxError) as e:
            raise StoreError(f"write failed, nothing was changed: {e}") from e
        self._bump_version()

    def add_new(self, batch: Sequence[NewGraphs]) -> None:
        """Add a batch of new cables' graphs (and their triples to the merged default graph)
        with Oxigraph's bulk loader: about 4x cheaper per quad than a transaction on disk
        (8.5 against 34 ms per corpus cable, bench/results/load.md), because it writes sorted
        SST files instead of locking and logging every key of every index.

        Still all or nothing: the bulk loader of pyoxigraph 0.5 builds every SST file first and
        ingests them all in one RocksDB IngestExternalFiles call, which is atomic across column
        families; our input was serialised by pyoxigraph from validated quads, so it cannot
        fail to parse half way. Readers see the whole batch or none of it. In memory there
        are no files to ingest, and ``load`` is the transaction."""
        if not batch:
            return
        names = [ox.NamedNode(g) for new in batch for g in new.graphs]
        present = [g.value for g in names if self._store.contains_named_graph(g)]
        if present:
            raise StoreError(
                f"cannot add graphs that are already in the store: {', '.join(present[:3])}"
            )
        data = b"".join(new.nquads for new in batch) + b"".join(new.merged for new in batch)
        try:
            if self.path is None:
                self._store.load(data, format=ox.RdfFormat.N_QUADS)
            else:
                self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"write failed: {e}") from e
        self._bump_version()

    def update(self, sparql: str) -> None:
        """A user's SPARQL Update (only through an enabled, authenticated endpoint).

        The merged default graph is rebuilt afterwards, because an arbitrary update can touch
        any named graph."""
        self._store.update(sparql)
        self._store.update(rebuild_merge())
        self._bump_version()

    # -- reading ---------------------------------------------------------------------------

    def graphs_of(self, cable_iri: str) -> list[str]:
        cable = ox.NamedNode(cable_iri)
        if not self._store.contains_named_graph(cable):
            return []
        parts = self._store.quads_for_pattern(cable, _DCTERMS_HAS_PART, None, cable)
        return [cable_iri] + sorted(
            q.object.value for q in parts if isinstance(q.object, ox.NamedNode)
        )

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        kwargs: dict[str, object] = {}
        if default_graphs is not None:  # an empty list is an empty default graph
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
        except OSError as e:
            raise StoreError(f"query failed: {e}") from e

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat) -> None:
        if fmt in _QUAD_FORMATS:
            self._dump_named_graphs(output, fmt)
        else:
            self._store.dump(output, fmt, from_graph=ox.DefaultGraph())

    def _dump_named_graphs(self, output: IO[bytes], fmt: ox.RdfFormat) -> None:
        """Every named graph (not the derived default graph), in N-Quads or TriG.

        Each graph is dumped natively as N-Triples (pyoxigraph's ``dump(from_graph=...)`` writes
        a graph's triples without its name) and given its name with one bytes.replace: a raw
        " .\n" only ends a statement, because N-Triples escapes line breaks inside literals.
        This keeps the per-quad work in Rust and skips the derived default graph; filtering
        every quad of the store in Python took 1.2x as long at 1,000 cables
        (bench/results/web.md). Memory is one graph at a time."""
        for graph in self._store.named_graphs():
            if not isinstance(graph, ox.NamedNode):
                continue  # cablekg never writes blank-node graph names
            body = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            if not body:
                continue
            if fmt == ox.RdfFormat.N_QUADS:
                output.write(body.replace(b" .\n", b" " + str(graph).encode() + b" .\n"))
            else:  # TriG: N-Triples statements are valid inside a graph block
                output.write(str(graph).encode() + b" {\n" + body + b"}\n")

    def count_quads(self) -> int:
        result = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        for solution in result:  # type: ignore[union-attr]
            return int(solution["n"].value)
        return 0

    def contains_graph(self, graph_iri: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph_iri))

    # -- bookkeeping -----------------------------------------------------------------------

    def version(self) -> str:
        if self.path is None:
            return self._memory_version
        try:
            return (self.path / _VERSION_FILE).read_text().strip()
        except FileNotFoundError:
            return "0"

    def _bump_version(self) -> None:
        self._memory_version = uuid.uuid4().hex
        if self.path is not None:
            tmp = self.path / (_VERSION_FILE + ".tmp")
            tmp.write_text(self._memory_version)
            tmp.replace(self.path / _VERSION_FILE)  # atomic: readers never see a partial token

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        self.flush()
        del self._store
