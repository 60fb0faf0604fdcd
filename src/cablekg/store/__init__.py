"""Stores: where the knowledge graph lives. See base.Store for the protocol."""

from __future__ import annotations

from cablekg.store.base import GraphWrite, NewGraphs, QueryResult, Store
from cablekg.store.embedded import EmbeddedStore


def open_store(location: str, *, read_only: bool = False) -> Store:
    """Open the store named by ``--store``: a directory (embedded Oxigraph) or the http(s) URL
    of a SPARQL 1.1 server's query endpoint; its update and Graph Store Protocol endpoints,
    credentials and timeout come from ``CABLEKG_STORE_*`` (store/http.py,
    docs/deployment.md). Opening a remote store sends nothing: the first use does."""
    if location.startswith(("http://", "https://")):
        from cablekg.store.remote import RemoteStore  # imported lazily: needs an HTTP client

        return RemoteStore(location)
    return EmbeddedStore(location, read_only=read_only)


__all__ = ["EmbeddedStore", "GraphWrite", "NewGraphs", "QueryResult", "Store", "open_store"]
