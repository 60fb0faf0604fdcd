"""cablekg on an existing SPARQL 1.1 server: load, query, reload, remove and export through a
real ``oxigraph serve`` started on 127.0.0.1, each answer equal to the embedded store's.
The tests themselves are in remote_contract.py (shared with test_virtuoso.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from oxigraph_server import oxigraph_serve
from remote_contract import (  # noqa: F401 (tests and fixtures collected here)
    RemoteTarget,
    loaded,
    peer,
    test_a_cable_larger_than_one_insert_block,
    test_counts_equal_the_embedded_store,
    test_every_minted_resource_has_one_label,
    test_export_equals_the_embedded_store,
    test_interop_contract_through_the_server,
    test_reload_is_idempotent,
    test_remove_then_load_again,
    test_system_graphs_stay_out_of_dumps,
)

from cablekg.errors import StoreError
from cablekg.store import open_store
from cablekg.store.http import Endpoints
from cablekg.store.remote import RemoteStore


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module", params=["sparql", "gsp"])
def remote(request: pytest.FixtureRequest, server: str) -> RemoteTarget:
    """Oxigraph's endpoints, with and without its Graph Store Protocol endpoint for dumps."""
    env = {"CABLEKG_STORE_GSP": server + "/store"} if request.param == "gsp" else {}
    return RemoteTarget(server + "/query", env)


# -- configuration and errors (no server needed) --------------------------------------------


def test_endpoints_from_url_and_environment() -> None:
    e = Endpoints.configure("http://alice:s%40cret@db.example:7200/repositories/kg", {})
    assert e.query == e.update == "http://db.example:7200/repositories/kg"
    assert (e.user, e.password) == ("alice", "s@cret")
    e = Endpoints.configure(
        "https://db.example/ds/query",
        {
            "CABLEKG_STORE_USER": "bob",
            "CABLEKG_STORE_PASSWORD": "pw",
            "CABLEKG_STORE_GSP": "https://db.example/ds/data",
            "CABLEKG_STORE_TIMEOUT": "12",
        },
    )
    assert e.update == "https://db.example/ds/update"
    assert (e.user, e.password, e.timeout) == ("bob", "pw", 12.0)
    assert e.gsp == "https://db.example/ds/data"
    e = Endpoints.configure(
        "https://db.example/sparql",
        {"CABLEKG_STORE_UPDATE": "https://db.example/sparql-auth", "CABLEKG_STORE_TOKEN": "t"},
    )
    assert (e.update, e.token, e.user) == ("https://db.example/sparql-auth", "t", None)


def test_open_store_chooses_the_remote_store() -> None:
    assert isinstance(open_store("http://127.0.0.1:1/query"), RemoteStore)


def test_an_unreachable_server_is_a_store_error_naming_it() -> None:
    from process_support import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    store = RemoteStore(url, merge_graph="none", timeout=2)
    with pytest.raises(StoreError, match=url.replace("/", ".")):
        store.count_quads()


def test_a_refused_update_names_the_url_and_the_answer(server: str) -> None:
    store = RemoteStore(server + "/query", update_url=server + "/no-such-endpoint")
    with pytest.raises(StoreError) as caught:
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert "/no-such-endpoint" in str(caught.value) and "answered 404" in str(caught.value)


def test_a_malformed_query_is_a_syntax_error(server: str) -> None:
    with pytest.raises(SyntaxError, match="refused the query"):
        RemoteStore(server + "/query").query("SELECT WHERE {")


def test_construct_answers_are_pyoxigraph_query_triples(loaded: RemoteTarget) -> None:  # noqa: F811
    # the web layer serialises CONSTRUCT answers by their type, as for the embedded store
    result = loaded.store().query("CONSTRUCT WHERE { ?s a ?t } LIMIT 3")
    assert isinstance(result, ox.QueryTriples)
    assert len(list(result)) == 3


def test_oxigraph_is_a_standard_server(loaded: RemoteTarget) -> None:  # noqa: F811
    store = loaded.store()
    assert store.merge_graph is None
    assert store.system_graphs == ("urn:x-cablekg:meta",)


def test_a_broken_gsp_endpoint_is_named(server: str) -> None:
    # proves triple dumps go through the configured Graph Store Protocol endpoint
    store = RemoteStore(server + "/query", env={"CABLEKG_STORE_GSP": server + "/no-gsp"})
    with pytest.raises(StoreError, match="no-gsp.*graph download"):
        store.dump(io.BytesIO(), ox.RdfFormat.TURTLE)


def test_a_malformed_user_update_is_a_syntax_error(server: str) -> None:
    # as on the embedded store, so /sparql answers 400, not 500
    with pytest.raises(SyntaxError, match="refused the update"):
        RemoteStore(server + "/query").update("INSERT DATA {")
