"""The embedded store: atomic graph replacement, the merged default graph, dumps, versions."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from oxigraph_server import oxigraph_serve

from cablekg.errors import StoreError
from cablekg.store import EmbeddedStore, GraphWrite
from cablekg.store.remote import RemoteStore

EX = "http://example.org/"


def quad(s: str, p: str, o: str | int, g: str) -> ox.Quad:
    obj = (
        ox.Literal(str(o), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        if isinstance(o, int)
        else ox.NamedNode(EX + o)
    )
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj, ox.NamedNode(EX + g))


def count(store: EmbeddedStore, query: str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") -> int:
    return int(next(iter(store.query(query)))["n"].value)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory) -> Iterator[str]:
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(params=["memory", "disk", "remote"])
def store(request: pytest.FixtureRequest, tmp_path):  # type: ignore[no-untyped-def]
    """The same contract for the embedded store and a real SPARQL 1.1 server."""
    if request.param == "remote":
        url = request.getfixturevalue("oxigraph_url")
        remote = RemoteStore(url + "/query")
        remote.update("CLEAR ALL")
        return remote
    return EmbeddedStore(None if request.param == "memory" else tmp_path / "store")


def test_default_graph_is_a_set_of_the_named_graphs(store: EmbeddedStore) -> None:
    # the same triple in two paragraph graphs counts once (oxigraph issue 1919 avoided)
    store.write(
        GraphWrite(
            (), [quad("s", "p", 10, "g1"), quad("s", "p", 10, "g2"), quad("s", "q", "o", "g2")]
        )
    )
    assert count(store) == 2
    assert count(store, "SELECT (SUM(?o) AS ?n) WHERE { ?s <http://example.org/p> ?o }") == 10
    assert store.count_quads() == 3
    assert (
        count(
            store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <urn:x-cablekg:meta>) }",
        )
        == 3
    )


def test_dropping_a_graph_keeps_triples_other_graphs_still_state(store: EmbeddedStore) -> None:
    store.write(
        GraphWrite(
            (), [quad("s", "p", 10, "g1"), quad("s", "p", 10, "g2"), quad("s", "q", "o", "g2")]
        )
    )
    store.write(GraphWrite((EX + "g2",), []))
    assert count(store) == 1  # s p 10 is still in g1; s q o is gone
    store.write(GraphWrite((EX + "g1",), []))
    assert count(store) == 0
    assert store.count_quads() == 0


def test_replacing_graphs_is_idempotent(store: EmbeddedStore) -> None:
    quads = [quad("s", "p", 1, "g1"), quad("s", "p", 2, "g2")]
    for _ in range(3):
        store.write(GraphWrite((EX + "g1", EX + "g2"), quads))
    assert store.count_quads() == 2
    assert count(store) == 2


def test_a_failed_write_changes_nothing(store: EmbeddedStore) -> None:
    store.write(GraphWrite((), [quad("s", "p", 1, "g1")]))
    before = store.version()
    bad = ox.Quad(ox.BlankNode(), ox.NamedNode(EX + "p"), ox.Literal("x"), ox.NamedNode(EX + "g1"))
    with pytest.raises(StoreError):
        store.write(GraphWrite((EX + "g1",), [bad]))
    assert store.count_quads() == 1
    assert store.version() == before


def test_version_changes_on_every_write(store: EmbeddedStore) -> None:
    seen = {store.version()}
    for i in range(3):
        store.write(GraphWrite((), [quad("s", "p", i, "g")]))
        seen.add(store.version())
    assert len(seen) == 4


def test_embedded_version_survives_reopening(tmp_path) -> None:
    first = EmbeddedStore(tmp_path / "s")
    first.write(GraphWrite((), [quad("s", "p", 1, "g")]))
    token = first.version()
    first.close()
    assert EmbeddedStore(tmp_path / "s").version() == token


def test_graphs_of_a_cable(store: EmbeddedStore) -> None:
    cable, para = EX + "cable/X", EX + "cable/X/para/1"
    has_part = ox.Quad(
        ox.NamedNode(cable),
        ox.NamedNode("http://purl.org/dc/terms/hasPart"),
        ox.NamedNode(para),
        ox.NamedNode(cable),
    )
    store.write(GraphWrite((), [has_part, quad("a", "b", "c", "cable/X/para/1")]))
    assert store.graphs_of(cable) == [cable, para]
    assert store.graphs_of(EX + "cable/unknown") == []


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (ox.RdfFormat.N_QUADS, 3),
        (ox.RdfFormat.TRIG, 3),
        (ox.RdfFormat.TURTLE, 2),
        (ox.RdfFormat.N_TRIPLES, 2),
    ],
)
def test_dump_quads_keep_graphs_triples_are_the_merge(
    store: EmbeddedStore, fmt: ox.RdfFormat, expected: int
) -> None:
    store.write(
        GraphWrite(
            (), [quad("s", "p", 10, "g1"), quad("s", "p", 10, "g2"), quad("s", "q", "o", "g2")]
        )
    )
    out = io.BytesIO()
    store.dump(out, fmt)
    assert len(list(ox.parse(out.getvalue(), fmt))) == expected


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG])
def test_dump_named_graphs_round_trip_tricky_literals(
    store: EmbeddedStore, fmt: ox.RdfFormat
) -> None:
    tricky = ["ends with a dot .", "line\nbreak .\n", 'quote " .', "tab\t.", "ünï .\r\n"]
    quads = [
        ox.Quad(
            ox.NamedNode(EX + "s"),
            ox.NamedNode(EX + "p"),
            ox.Literal(t),
            ox.NamedNode(EX + f"g{i}"),
        )
        for i, t in enumerate(tricky)
    ]
    quads.append(quad("s", "p", "o", "g0"))
    store.write(GraphWrite((), quads))
    out = io.BytesIO()
    store.dump(out, fmt)
    assert set(ox.parse(out.getvalue(), fmt)) == set(quads)


def test_user_update_keeps_the_merge_in_step(store: EmbeddedStore) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> <{EX}o> }} }}")
    assert count(store) == 1
    store.update(f"DROP GRAPH <{EX}g>")
    assert count(store) == 0
