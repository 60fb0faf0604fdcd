"""A Store on any SPARQL 1.1 server (Fuseki, Virtuoso, GraphDB, Neptune, QLever,
``oxigraph serve``): SPARQL 1.1 Query and Update over the SPARQL Protocol.

cablekg keeps the server's default graph as the merge of the named graphs itself, with the
same single-request updates as the embedded store, so the server must NOT be configured with a
union default graph (no ``--union-default-graph``, no ``tdb2:unionDefaultGraph``): any
standards-compliant server then behaves like the embedded store. The store's version token lives
in one small named graph, ``urn:x-cablekg:meta``, written in the same request as every change.

``--store`` names the query endpoint. The update endpoint is derived from it (``.../query`` ->
``.../update`` as in Oxigraph and Fuseki; otherwise the same URL, as in Virtuoso and GraphDB)
unless ``CABLEKG_STORE_UPDATE`` names it.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from typing import IO

import pyoxigraph as ox

from cablekg.errors import StoreError
from cablekg.store.base import rebuild_merge, GraphWrite, QueryResult, replacement_update

META_GRAPH = "urn:x-cablekg:meta"
_VERSION = "urn:x-cablekg:version"
_RESULTS = "application/sparql-results+json"
_GRAPH = "application/n-triples"
_CHUNK = 1 << 16


class RemoteTriples:
    """CONSTRUCT/DESCRIBE results from a server: iterable triples that serialise like pyoxigraph's."""

    def __init__(self, triples: list[ox.Triple]):
        self._triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def serialize(self, output: IO[bytes] | None = None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes | None:
        return ox.serialize(self._triples, output, format)


class RemoteStore:
    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 300.0):
        self.query_url = query_url
        self.update_url = update_url or os.environ.get("CABLEKG_STORE_UPDATE") or _update_url(query_url)
        self.timeout = timeout

    # -- HTTP --------------------------------------------------------------------------------

    def _post(self, url: str, data: dict[str, str] | bytes, accept: str | None = None, content_type: str | None = None):  # type: ignore[no-untyped-def]
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", content_type or "application/x-www-form-urlencoded")
        if accept:
            request.add_header("Accept", accept)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310 (configured URL)
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:500]
            if e.code == 400:
                raise SyntaxError(f"the SPARQL server refused the request: {detail}") from e
            raise StoreError(f"{url} answered {e.code}: {detail}") from e
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {e}") from e

    # -- Store protocol ----------------------------------------------------------------------

    def write(self, change: GraphWrite) -> None:
        operations = replacement_update(change)
        if operations:
            self._update(operations)

    def update(self, sparql: str) -> None:
        self._update(sparql + " ;\n" + rebuild_merge(META_GRAPH))

    def _update(self, sparql: str) -> None:
        token = uuid.uuid4().hex
        bump = (
            f"DROP SILENT GRAPH <{META_GRAPH}> ;\n"
            f'INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{_VERSION}> "{token}" }} }}'
        )
        with self._post(self.update_url, {"update": sparql + " ;\n" + bump}) as response:
            response.read()

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        url = self.query_url
        params = [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        with self._post(url, sparql.encode("utf-8"), f"{_RESULTS}, {_GRAPH};q=0.9",
                        "application/sparql-query; charset=utf-8") as response:
            media_type = response.headers.get_content_type()
            payload = response.read()
        if media_type == _RESULTS or media_type.endswith("+json") and b'"head"' in payload[:200]:
            return ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
        fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        return RemoteTriples([ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(payload, fmt)])  # type: ignore[return-value]

    def graphs_of(self, cable_iri: str) -> list[str]:
        rows = self.query(
            f"SELECT ?p WHERE {{ GRAPH <{cable_iri}> {{ <{cable_iri}> <http://purl.org/dc/terms/hasPart> ?p }} }}"
        )
        parts = sorted(r["p"].value for r in rows)  # type: ignore[union-attr]
        exists = bool(self.query(f"ASK {{ GRAPH <{cable_iri}> {{ ?s ?p ?o }} }}"))
        return [cable_iri, *parts] if exists else []

    def dump(self, output: IO[bytes], fmt: ox.RdfFormat) -> None:
        """Streamed in pages: quads from the named graphs, triples from the merged default graph."""
        quads = fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
        pattern = (
            f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{META_GRAPH}>)" if quads else "?s ?p ?o"
        )
        ox.serialize(self._paged(pattern, quads), output, fmt)

    def _paged(self, pattern: str, quads: bool, page: int = 100_000) -> Iterator[ox.Quad | ox.Triple]:
        offset = 0
        while True:
            variables = "?s ?p ?o ?g" if quads else "?s ?p ?o"
            rows = list(self.query(f"SELECT {variables} WHERE {{ {pattern} }} ORDER BY {variables} LIMIT {page} OFFSET {offset}"))  # type: ignore[arg-type]
            for r in rows:
                if quads:
                    yield ox.Quad(r["s"], r["p"], r["o"], r["g"])
                else:
                    yield ox.Triple(r["s"], r["p"], r["o"])
            if len(rows) < page:
                return
            offset += page

    def version(self) -> str:
        rows = list(self.query(f"SELECT ?v WHERE {{ GRAPH <{META_GRAPH}> {{ <{META_GRAPH}> <{_VERSION}> ?v }} }}"))  # type: ignore[arg-type]
        return rows[0]["v"].value if rows else "0"

    def count_quads(self) -> int:
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{META_GRAPH}>) }}"))  # type: ignore[arg-type]
        return int(rows[0]["n"].value)

    def contains_graph(self, graph_iri: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"))

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def _update_url(query_url: str) -> str:
    parsed = urllib.parse.urlsplit(query_url)
    if parsed.path.endswith("/query"):
        return urllib.parse.urlunsplit(parsed._replace(path=parsed.path[: -len("query")] + "update"))
    return query_url


__all__ = ["META_GRAPH", "RemoteStore", "RemoteTriples"]
