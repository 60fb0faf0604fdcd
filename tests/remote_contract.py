"""The whole pipeline through a real SPARQL 1.1 server, compared with the embedded store.

Not collected by itself (no ``test_`` prefix): test_remote_pipeline.py (``oxigraph serve``)
and test_virtuoso.py import these tests and define the ``remote`` fixture they need, a
``RemoteTarget``: the ``--store`` URL and the environment that configures it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from test_interop import CONTRACT, PREFIXES

from cablekg.cli import main
from cablekg.resources import bundled_cables
from cablekg.store import EmbeddedStore
from cablekg.store.remote import RemoteStore

BASE = "http://127.0.0.1:8080/"
SEED = str(bundled_cables()[0])
CABLE = BASE + "cable/09CHENGDU229"


@dataclass(frozen=True)
class RemoteTarget:
    url: str  # what --store names: the query endpoint
    env: dict[str, str] = field(default_factory=dict)

    def store(self) -> RemoteStore:
        return RemoteStore(self.url, env=self.env)


@contextmanager
def environment(monkeypatch_env: dict[str, str]) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        for name, value in monkeypatch_env.items():
            mp.setenv(name, value)
        yield


def cli(target: RemoteTarget | str, *args: str) -> str:
    """Run ``cablekg ARGS...`` against the store (a RemoteTarget or a directory)."""
    store, env = (target.url, target.env) if isinstance(target, RemoteTarget) else (target, {})
    command, rest = args[0], args[1:]
    with environment(env):
        result = CliRunner().invoke(main, [command, "--store", store, *rest])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


@pytest.fixture(scope="module")
def loaded(remote: RemoteTarget) -> RemoteTarget:
    """The seed loaded through the server with ``cablekg load --store URL``."""
    remote.store().update("CLEAR ALL")  # user updates keep the merge in step
    output = cli(remote, "load", "--base", BASE, SEED)
    assert "loaded 1 cable(s), rejected 0" in output
    return remote


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same seed in the embedded store: what every answer must equal."""
    directory = str(tmp_path_factory.mktemp("peer") / "store")
    cli(directory, "load", "--base", BASE, SEED)
    return directory


def ask(store: RemoteStore | EmbeddedStore, body: str) -> bool:
    return bool(store.query(PREFIXES + "ASK {" + body + "}"))


def export(target: RemoteTarget | str, fmt: str, tmp_path: Path) -> bytes:
    name = "remote" if isinstance(target, RemoteTarget) else "peer"
    out = tmp_path / f"{name}.{fmt}"
    cli(target, "export", "--format", fmt, "-o", str(out))
    return out.read_bytes()


def same_rdf(left: bytes, right: bytes, fmt: str) -> bool:
    rdflib_format = {
        "turtle": "turtle",
        "ntriples": "nt",
        "nquads": "nquads",
        "trig": "trig",
        "jsonld": "json-ld",
    }[fmt]
    if fmt in ("nquads", "trig"):
        a, b = Dataset(), Dataset()
        a.parse(data=left, format=rdflib_format)
        b.parse(data=right, format=rdflib_format)
        graphs_a = {str(g.identifier): g for g in a.graphs() if len(g)}
        graphs_b = {str(g.identifier): g for g in b.graphs() if len(g)}
        return graphs_a.keys() == graphs_b.keys() and all(
            isomorphic(graphs_a[k], graphs_b[k]) for k in graphs_a
        )
    ga, gb = Graph(), Graph()
    ga.parse(data=left, format=rdflib_format)
    gb.parse(data=right, format=rdflib_format)
    return isomorphic(ga, gb)


# -- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CONTRACT))
def test_interop_contract_through_the_server(loaded: RemoteTarget, name: str) -> None:
    assert ask(loaded.store(), CONTRACT[name]), f"INTEROP check failed: {name}"


def test_every_minted_resource_has_one_label(loaded: RemoteTarget) -> None:
    rows = list(
        loaded.store().query(
            PREFIXES
            + f"""SELECT ?x WHERE {{
        ?x a ?type . OPTIONAL {{ ?x rdfs:label ?l }}
        FILTER(STRSTARTS(STR(?x), "{BASE}")) }} GROUP BY ?x HAVING (COUNT(DISTINCT ?l) != 1)"""
        )
    )  # type: ignore[call-overload]
    assert rows == []


def test_counts_equal_the_embedded_store(loaded: RemoteTarget, peer: str) -> None:
    remote, embedded = loaded.store(), EmbeddedStore(peer, read_only=True)
    data = "FILTER(?g NOT IN (" + ", ".join(f"<{g}>" for g in remote.system_graphs) + "))"
    for sparql in (
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",  # the merged default graph is a set
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
        + data
        + " } }",
        # GRAPH ?g { ?s ?p ?o }: Virtuoso matches no graph with an empty group
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } " + data + " }",
    ):
        assert [r["n"] for r in remote.query(sparql)] == [r["n"] for r in embedded.query(sparql)]  # type: ignore[union-attr]
    assert remote.count_quads() == embedded.count_quads()
    assert remote.graphs_of(CABLE) == embedded.graphs_of(CABLE)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "ntriples", "jsonld"])
def test_export_equals_the_embedded_store(
    loaded: RemoteTarget, peer: str, tmp_path: Path, fmt: str
) -> None:
    assert same_rdf(export(loaded, fmt, tmp_path), export(peer, fmt, tmp_path), fmt)


def test_reload_is_idempotent(loaded: RemoteTarget, tmp_path: Path) -> None:
    store = loaded.store()
    before = export(loaded, "nquads", tmp_path)
    quads, version = store.count_quads(), store.version()
    cli(loaded, "load", "--base", BASE, SEED)
    assert store.count_quads() == quads
    assert store.version() != version
    assert same_rdf(export(loaded, "nquads", tmp_path), before, "nquads")


def test_remove_then_load_again(loaded: RemoteTarget, tmp_path: Path) -> None:
    store = loaded.store()
    before = export(loaded, "nquads", tmp_path)
    assert "removed 09CHENGDU229" in cli(loaded, "remove", "--base", BASE, "09CHENGDU229")
    assert store.graphs_of(CABLE) == []
    assert not ask(store, "?c <http://purl.org/dc/terms/identifier> '09CHENGDU229'")
    assert ask(store, "GRAPH <https://w3id.org/cablekg/ontology> { ?o a ?t }")  # ontology stays
    cli(loaded, "load", "--base", BASE, SEED)
    assert same_rdf(export(loaded, "nquads", tmp_path), before, "nquads")


def test_system_graphs_stay_out_of_dumps(loaded: RemoteTarget) -> None:
    out = io.BytesIO()
    loaded.store().dump(out, __import__("pyoxigraph").RdfFormat.N_QUADS)
    assert b"urn:x-cablekg:" not in out.getvalue()


def test_a_cable_larger_than_one_insert_block(loaded: RemoteTarget) -> None:
    """One request per write however large (Virtuoso's parser fails on one INSERT DATA block
    of ~5,000 triples: the store splits blocks inside the request)."""
    import pyoxigraph as ox

    from cablekg.store import GraphWrite

    store = loaded.store()
    graph = ox.NamedNode("urn:x-test:large")
    quads = [
        ox.Quad(
            ox.NamedNode(f"urn:x-test:s{i}"),
            ox.NamedNode("urn:x-test:p"),
            ox.Literal(f"value {i}"),
            graph,
        )
        for i in range(12_000)
    ]
    before = store.count_quads()
    store.write(GraphWrite((), quads))
    assert store.count_quads() == before + 12_000
    store.write(GraphWrite(("urn:x-test:large",), ()))
    assert store.count_quads() == before
