"""cablekg on Virtuoso (Debian's virtuoso-opensource 7): the same pipeline tests as on
``oxigraph serve`` (remote_contract.py), against a throwaway server (virtuoso_server.py).

Virtuoso's default graph is the union of all its graphs (its own system graphs included, a
triple held by two graphs counted twice), so the store runs in the "union" profile: the merge
lives in the named graph urn:x-cablekg:merge, sent as the default graph of every query
(store/remote.py, docs/deployment.md). Skipped where Virtuoso is not installed, unless
CABLEKG_REQUIRE_VIRTUOSO=1 (CI, after its install block succeeded).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from remote_contract import (  # noqa: F401 (tests and fixtures collected here)
    RemoteTarget,
    ask,
    loaded,
    peer,
    test_a_cable_larger_than_one_insert_block,
    test_counts_equal_the_embedded_store,
    test_every_minted_resource_has_one_label,
    test_export_equals_the_embedded_store,
    test_reload_is_idempotent,
    test_remove_then_load_again,
    test_system_graphs_stay_out_of_dumps,
)
from test_interop import CONTRACT

# The web tier on Virtuoso: /sparql, entity and cable pages, dumps and VoID, compared with the
# embedded store. The pages bind named graphs with VALUES ?g (GRAPH <iri> matches nothing on
# Virtuoso once a default graph is given) and read labels and super-properties from the
# shipped ontology, not the store (docs/deployment.md).
from test_remote_web import (  # noqa: F401
    servers,
    test_nquads_dump,
    test_pages,
    test_sparql_construct,
    test_sparql_select,
    test_void_counts,
)
from virtuoso_server import virtuoso_binaries, virtuoso_serve

from cablekg.errors import StoreError
from cablekg.store.remote import MERGE_GRAPH, RemoteStore

# Virtuoso raises an error ("CONTAINS() needs a string value") where SPARQL 1.1 makes a FILTER
# on a non-string false, so the one contract query that applies CONTAINS to every object of a
# paragraph needs STR() there. Nothing else of the contract differs.
VIRTUOSO_CONTRACT = {
    **CONTRACT,
    "paragraphs numbered and texted": CONTRACT["paragraphs numbered and texted"].replace(
        "CONTAINS(?t,", "CONTAINS(STR(?t),"
    ),
}

if virtuoso_binaries() is None:
    if os.environ.get("CABLEKG_REQUIRE_VIRTUOSO") == "1":
        raise RuntimeError("CABLEKG_REQUIRE_VIRTUOSO=1 but virtuoso-t / isql-vt are missing")
    pytest.skip(
        "Virtuoso is not installed (apt-get install virtuoso-opensource)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with virtuoso_serve(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


@pytest.fixture(scope="module")
def remote(server: str) -> RemoteTarget:
    return RemoteTarget(server + "/sparql")


def test_virtuoso_is_detected_as_a_union_server(server: str) -> None:
    store = RemoteStore(server + "/sparql")
    assert store.merge_graph == MERGE_GRAPH
    assert MERGE_GRAPH in store.system_graphs


def test_digest_auth_on_sparql_auth(server: str) -> None:
    """Production Virtuoso takes updates on /sparql-auth (HTTP digest) only."""
    store = RemoteStore(
        server + "/sparql",
        env={
            "CABLEKG_STORE_UPDATE": server + "/sparql-auth",
            "CABLEKG_STORE_USER": "dba",
            "CABLEKG_STORE_PASSWORD": "dba",
        },
    )
    before = store.version()
    store.update("INSERT DATA { GRAPH <urn:x-test:auth> { <urn:a> <urn:b> <urn:c> } }")
    assert store.version() != before
    store.update("DROP SILENT GRAPH <urn:x-test:auth>")
    wrong = RemoteStore(
        server + "/sparql",
        env={
            "CABLEKG_STORE_UPDATE": server + "/sparql-auth",
            "CABLEKG_STORE_USER": "dba",
            "CABLEKG_STORE_PASSWORD": "wrong",
        },
    )
    with pytest.raises(StoreError, match="sparql-auth"):
        wrong.update("CLEAR GRAPH <urn:x-test:auth>")


@pytest.mark.parametrize("name", list(VIRTUOSO_CONTRACT))
def test_interop_contract_on_virtuoso(loaded: RemoteTarget, name: str) -> None:  # noqa: F811
    assert ask(loaded.store(), VIRTUOSO_CONTRACT[name]), f"INTEROP check failed: {name}"
