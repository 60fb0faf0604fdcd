"""A Store on any SPARQL 1.1 server (Fuseki, Virtuoso, GraphDB, Neptune, QLever,
``oxigraph serve``): SPARQL 1.1 Query and Update over the SPARQL Protocol, plus the Graph
Store Protocol for dumps when one is configured. Configuration: store/http.py and
docs/deployment.md.

cablekg keeps the merge of the named graphs itself, with the same single-request updates as
the embedded store (one request per cable: atomic wherever the server runs an update request
as one transaction). Two server profiles:

- standard (Oxigraph, Fuseki, GraphDB, Neptune, QLever): the server's real default graph holds
  the merge. The server must NOT be configured with a union default graph (no
  ``--union-default-graph``, no ``tdb2:unionDefaultGraph``).
- union (Virtuoso, detected from its ``Server`` header, or ``CABLEKG_STORE_MERGE_GRAPH``): the
  server's default graph is already the union of *all* graphs, with duplicates and its own
  system graphs. The merge is then kept in the named graph ``urn:x-cablekg:merge`` and every
  query without an explicit dataset is sent with it as ``default-graph-uri``.

The store's version token lives in one small named graph, ``urn:x-cablekg:meta``, written in
the same request as every change. Both graphs (and the server's own, for Virtuoso) are listed
by ``system_graphs`` so that pages, VoID and dumps leave them out.
"""

from __future__ import annotations

import os
import re
import urllib.parse
import uuid
from collections.abc import Iterator, Sequence
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
from cablekg.store.http import Client, Endpoints, derive_update_url

META_GRAPH = "urn:x-cablekg:meta"
MERGE_GRAPH = "urn:x-cablekg:merge"
_VERSION = "urn:x-cablekg:version"
_RESULTS = "application/sparql-results+json"
_QUAD_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
_FORM = "application/x-www-form-urlencoded"
_MAX_BLOCK = 2000  # quads per INSERT DATA operation (Virtuoso fails at ~5,000)
_EMPTY = "urn:x-cablekg:empty"  # a graph never written: an empty default graph
# Graphs a fresh Virtuoso 7 holds for itself; its GRAPH ?g ranges over them too.
VIRTUOSO_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
    "http://www.w3.org/2002/07/owl#",
)


# IRIs, strings and comments are skipped so that only the query's own keywords are seen
_TOKENS = re.compile(
    r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|#[^\n]*|[A-Za-z]+""",
    re.DOTALL,
)
_GRAPH_FORMS = {"construct", "describe"}
_RESULT_FORMS = {"select", "ask"}


def returns_graph(sparql: str) -> bool:
    """Whether a query is a CONSTRUCT or DESCRIBE (its first query-form keyword). Virtuoso
    answers a CONSTRUCT asked for SPARQL JSON results with s/p/o bindings, so the Accept
    header must ask for what the query form returns."""
    for token in _TOKENS.findall(sparql):
        word = token.lower()
        if word in _GRAPH_FORMS:
            return True
        if word in _RESULT_FORMS:
            return False
    return False


def _as_query_triples(triples: Iterator[ox.Triple]) -> ox.QueryTriples:
    """CONSTRUCT/DESCRIBE results as pyoxigraph's own QueryTriples (the web layer tests for
    that type): the triples go through a small in-memory store."""
    scratch = ox.Store()
    scratch.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")  # type: ignore[return-value]


class RemoteStore:
    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        timeout: float | None = None,
        *,
        merge_graph: str | None = None,
        env: dict[str, str] | None = None,
    ):
        env = dict(os.environ) if env is None else env
        endpoints = Endpoints.configure(query_url, env)
        if update_url:
            endpoints = _replace(endpoints, update=update_url)
        if timeout is not None:
            endpoints = _replace(endpoints, timeout=timeout)
        self.endpoints = endpoints
        self.query_url = endpoints.query
        self.update_url = endpoints.update
        self._client = Client(endpoints)
        # merge_graph / CABLEKG_STORE_MERGE_GRAPH: a graph IRI (union profile), "none"
        # (standard profile), or unset: asked of the server on first use (one ASK)
        configured = env.get("CABLEKG_STORE_MERGE_GRAPH") if merge_graph is None else merge_graph
        self._profiled = bool(configured)
        self._merge_graph = configured if configured and configured.lower() != "none" else None

    # -- server profile -----------------------------------------------------------------------

    @property
    def merge_graph(self) -> str | None:
        """Where the merged default graph is kept: None = the server's real default graph."""
        if not self._profiled:
            headers = {"Accept": _RESULTS, "Content-Type": _FORM}
            body = urllib.parse.urlencode({"query": "ASK {}"}).encode()
            with self._client.open(
                self.query_url, data=body, headers=headers, read_only=True, what="query"
            ) as response:
                server = response.headers.get("Server", "")
                response.read()
            if "virtuoso" in server.lower():
                self._merge_graph = MERGE_GRAPH
            self._profiled = True
        return self._merge_graph

    @property
    def system_graphs(self) -> tuple[str, ...]:
        """Named graphs that are bookkeeping, not data: never dumped, counted or listed."""
        if self.merge_graph is None:
            return (META_GRAPH,)
        return (META_GRAPH, self.merge_graph, *VIRTUOSO_GRAPHS)

    def _not_system(self, variable: str) -> str:
        return f"FILTER({variable} NOT IN ({', '.join(f'<{g}>' for g in self.system_graphs)}))"

    # -- writing ------------------------------------------------------------------------------

    def write(self, change: GraphWrite) -> None:
        operations = replacement_update(change, merge_graph=self.merge_graph, max_block=_MAX_BLOCK)
        if operations:
            self._update(operations, "write")

    def add_new(self, batch: Sequence[NewGraphs]) -> None:
        """One update request for the whole batch (the server's transaction), which also
        refuses graphs that exist: replacement_update drops nothing here, so it checks."""
        names = " ".join(f"<{g}>" for new in batch for g in new.graphs)
        ask = f"ASK {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        if names and self.query(ask, raw=True):
            raise StoreError("cannot add graphs that are already in the store")
        quads = [q for new in batch for q in new.quads()]
        if quads:
            self.write(GraphWrite((), quads))

    def update(self, sparql: str) -> None:
        """A user's SPARQL Update; the merge is re-derived in the same request."""
        self._update(
            sparql
            + " ;\n"
            + rebuild_merge(META_GRAPH, *self.system_graphs[2:], merge_graph=self.merge_graph),
            "update",
        )

    def _update(self, sparql: str, what: str) -> None:
        token = uuid.uuid4().hex
        bump = (
            f"DROP SILENT GRAPH <{META_GRAPH}> ;\n"
            f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{_VERSION}> "{token}" }} }}'
        )
        body = urllib.parse.urlencode({"update": sparql + " ;\n" + bump}).encode()
        with self._client.open(
            self.update_url, data=body, headers={"Content-Type": _FORM}, read_only=False, what=what
        ) as response:
            response.read()

    # -- reading ------------------------------------------------------------------------------

    def _post_query(
        self,
        sparql: str,
        accept: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        raw: bool = False,
    ):  # type: ignore[no-untyped-def]
        """``raw``: no dataset at all, for cablekg's own GRAPH <iri> lookups (Virtuoso 7.2
        answers them wrongly once a default graph is given: empty, or a COUNT of 1)."""
        if default_graphs is None and self.merge_graph is not None and not raw:
            default_graphs = [self.merge_graph]
        params = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        if default_graphs is not None and not default_graphs and named_graphs:
            # an empty default graph: no protocol parameter says so; an unused graph IRI does
            params.append(("default-graph-uri", _EMPTY))
        return self._client.open(
            self.query_url,
            data=urllib.parse.urlencode(params).encode(),
            headers={"Accept": accept, "Content-Type": _FORM},
            read_only=True,
            what="query",
        )

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        raw: bool = False,
    ) -> QueryResult:
        accept = "application/n-triples, text/turtle;q=0.9" if returns_graph(sparql) else _RESULTS
        with self._post_query(sparql, accept, default_graphs, named_graphs, raw) as response:
            media_type = response.headers.get_content_type()
            payload = response.read()
        if media_type == _RESULTS or (media_type.endswith("json") and b'"head"' in payload[:300]):
            return ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
        fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(payload, fmt))
        return _as_query_triples(triples)

    def graphs_of(self, cable_iri: str) -> list[str]:
        rows = self.query(
            f"SELECT ?p WHERE {{ GRAPH <{cable_iri}> {{ <{cable_iri}> "
            "<http://purl.org/dc/terms/hasPart> ?p } }",
            raw=True,
        )
        parts = sorted(r["p"].value for r in rows)  # type: ignore[union-attr]
        return [cable_iri, *parts] if parts or self.contains_graph(cable_iri) else []

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat) -> None:
        """Streamed in constant memory: quad formats from a SELECT over the named graphs,
        triple formats from a Graph Store Protocol GET of the merged graph (or a CONSTRUCT),
        each parsed incrementally from the response as it arrives."""
        if fmt in _QUAD_FORMATS:
            ox.serialize(self._stream_quads(), output, fmt)
        else:
            ox.serialize(self._stream_triples(), output, fmt)

    def _stream_quads(self) -> Iterator[ox.Quad]:
        sparql = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._not_system('?g')} }}"
        with self._post_query(sparql, _RESULTS, None, None, raw=True) as response:
            for row in ox.parse_query_results(response, ox.QueryResultsFormat.JSON):  # type: ignore[union-attr]
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])  # type: ignore[arg-type]

    def _stream_triples(self) -> Iterator[ox.Triple]:
        if self.endpoints.gsp:
            target = (
                f"graph={urllib.parse.quote(self.merge_graph, safe='')}"
                if self.merge_graph
                else "default"
            )
            url = self.endpoints.gsp + ("&" if "?" in self.endpoints.gsp else "?") + target
            response = self._client.open(
                url,
                headers={"Accept": "application/n-triples"},
                read_only=True,
                what="graph download",
            )
        else:
            response = self._post_query(
                "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples", None, None
            )
        with response:
            fmt = ox.RdfFormat.from_media_type(response.headers.get_content_type())
            for q in ox.parse(response, fmt or ox.RdfFormat.N_TRIPLES):
                yield ox.Triple(q.subject, q.predicate, q.object)

    def version(self) -> str:
        rows = list(
            self.query(  # type: ignore[arg-type]
                f"SELECT ?v WHERE {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{_VERSION}> ?v }} }}",
                raw=True,
            )
        )
        return rows[0]["v"].value if rows else "0"

    def count_quads(self) -> int:
        rows = list(
            self.query(  # type: ignore[arg-type]
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                + self._not_system("?g")
                + " }",
                raw=True,
            )
        )
        return int(rows[0]["n"].value)

    def contains_graph(self, graph_iri: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", raw=True))

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def _replace(endpoints: Endpoints, **changes: object) -> Endpoints:
    from dataclasses import replace

    return replace(endpoints, **changes)  # type: ignore[arg-type]


_update_url = derive_update_url  # the name older callers import

__all__ = ["MERGE_GRAPH", "META_GRAPH", "RemoteStore", "VIRTUOSO_GRAPHS"]
