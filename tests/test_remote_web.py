"""`cablekg serve --store http://...`: the web tier on a real SPARQL 1.1 server (``oxigraph
serve``) answers /sparql, entity and cable pages, dumps and VoID as it does on the embedded
store loaded with the same seed (both served under the same base IRI)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from conftest import LiveServer, serve_process
from oxigraph_server import oxigraph_serve
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from remote_contract import BASE, CABLE, SEED, RemoteTarget, cli

ENV = {"CABLEKG_BASE": BASE}


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteTarget]:
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph")) as url:
        yield RemoteTarget(url + "/query")


@pytest.fixture(scope="module")
def servers(
    remote: RemoteTarget, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """(the web tier on the SPARQL server, the web tier on the embedded store)."""
    folder = tmp_path_factory.mktemp("remote-web")
    cli(remote, "load", "--base", BASE, SEED)
    embedded = folder / "embedded" / "store"
    cli(str(embedded), "load", "--base", BASE, SEED)
    # serve_process names a store folder (its log goes beside it); the second --store
    # wins (click keeps an option's last value), so that server runs on the URL
    logs = folder / "remote" / "store"
    logs.parent.mkdir()
    with (
        serve_process(
            logs, "--store", remote.url, "--no-seed", env={**ENV, **remote.env}
        ) as on_remote,
        serve_process(embedded, "--no-seed", env=ENV) as on_embedded,
    ):
        yield on_remote, on_embedded


def get(server: LiveServer, path: str, accept: str, **params: str) -> httpx.Response:
    response = httpx.get(
        server.url + path.lstrip("/"), params=params, headers={"Accept": accept}, timeout=60
    )
    assert response.status_code == 200, response.text[:500]
    return response


def graph(body: bytes, fmt: str = "turtle") -> Graph:
    g = Graph()
    g.parse(data=body, format=fmt)
    return g


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?x ?l WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
        "<http://xmlns.com/foaf/0.1/Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?x ?l",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "?g <http://purl.org/dc/terms/isPartOf> ?c } GROUP BY ?p ORDER BY ?p",
    ],
)
def test_sparql_select(servers: tuple[LiveServer, LiveServer], sparql: str) -> None:
    answers = [
        get(s, "sparql", "application/sparql-results+json", query=sparql).json() for s in servers
    ]
    assert answers[0]["results"] == answers[1]["results"]
    assert answers[0]["results"]["bindings"]


def test_sparql_construct(servers: tuple[LiveServer, LiveServer]) -> None:
    sparql = f"CONSTRUCT {{ <{CABLE}> ?p ?o }} WHERE {{ <{CABLE}> ?p ?o }}"
    remote, embedded = (
        graph(get(s, "sparql", "text/turtle", query=sparql).content) for s in servers
    )
    assert len(remote) > 5 and isomorphic(remote, embedded)


def entity_path(server: LiveServer) -> str:
    sparql = "SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> 'Shen Xiaozhong' }"
    rows = get(server, "sparql", "application/sparql-results+json", query=sparql).json()
    return rows["results"]["bindings"][0]["x"]["value"][len(BASE) :]


@pytest.mark.parametrize("page", ["entity", "cable"])
def test_pages(servers: tuple[LiveServer, LiveServer], page: str) -> None:
    path = entity_path(servers[1]) if page == "entity" else CABLE[len(BASE) :]
    remote, embedded = (graph(get(s, path, "text/turtle").content) for s in servers)
    assert len(remote) > 3 and isomorphic(remote, embedded)
    html = get(servers[0], path, "text/html").text
    assert ("Shen Xiaozhong" if page == "entity" else "09CHENGDU229") in html


def test_nquads_dump(servers: tuple[LiveServer, LiveServer]) -> None:
    dumps = []
    for server in servers:
        ds = Dataset()
        ds.parse(data=get(server, "dumps/cablekg.nq", "*/*").content, format="nquads")
        dumps.append({str(g.identifier): g for g in ds.graphs() if len(g)})
    assert dumps[0].keys() == dumps[1].keys()
    assert "urn:x-cablekg:meta" not in dumps[0]
    assert all(isomorphic(dumps[0][k], dumps[1][k]) for k in dumps[0])


def test_void_counts(servers: tuple[LiveServer, LiveServer]) -> None:
    remote, embedded = (graph(get(s, ".well-known/void", "text/turtle").content) for s in servers)
    for prop in ("triples", "entities", "classes"):
        predicate = URIRef("http://rdfs.org/ns/void#" + prop)
        values = [sorted(str(o) for o in g.objects(None, predicate)) for g in (remote, embedded)]
        assert values[0] == values[1], prop
    assert b"urn:x-cablekg" not in get(servers[0], ".well-known/void", "text/turtle").content
