"""Stores: where the knowledge graph lives. See base.Store for the protocol."""

from __future__ import annotations

from cablekg.store.base import GraphWrite, QueryResult, Store
from cablekg.store.embedded import EmbeddedStore


def open_store(location: str, *, read_only: bool = False) -> Store:
    """Open the store named by ``--store``: a directory (embedded Oxigraph) or an http(s) URL
    of a SPARQL 1.1 server (query, update and Graph Store Protocol)."""
    if location.startswith(("http://", "https://")):
        from cablekg.store.remote import RemoteStore  # imported lazily: needs an HTTP client

        return RemoteStore(location)
    return EmbeddedStore(location, read_only=read_only)


__all__ = ["EmbeddedStore", "GraphWrite", "QueryResult", "Store", "open_store"]
