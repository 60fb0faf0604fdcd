"""EmbeddedStore writes of new graphs (a SPARQL update, or a bulk-loaded batch through
add_new) keep the default graph the merge of the named graphs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cablekg.errors import StoreError
from cablekg.store import EmbeddedStore, GraphWrite, NewGraphs

EX = "http://example.org/"
S, P = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p")


def quad(o: str, g: str) -> ox.Quad:
    return ox.Quad(S, P, ox.Literal(o), ox.NamedNode(EX + g))


def default(store: EmbeddedStore) -> set[str]:
    merged = store._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    return {q.object.value for q in merged}


def test_shared_triples_are_merged_once_and_survive_a_removal() -> None:
    store = EmbeddedStore(None)
    store.write(GraphWrite((), [quad("shared", "a"), quad("only-a", "a")]))
    store.write(GraphWrite((), [quad("shared", "b")]))  # a new graph
    assert default(store) == {"shared", "only-a"}
    assert len(list(store._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 2
    store.write(GraphWrite((EX + "a",), ()))  # removal: SPARQL path
    assert default(store) == {"shared"}


def test_an_existing_graph_is_replaced_not_extended() -> None:
    store = EmbeddedStore(None)
    store.write(GraphWrite((), [quad("old", "a")]))
    store.write(GraphWrite((), [quad("new", "a")]))  # graph exists: must replace
    assert default(store) == {"new"}
    assert store.count_quads() == 1


def test_blank_nodes_are_still_refused() -> None:
    store = EmbeddedStore(None)
    with pytest.raises(StoreError, match="blank nodes"):
        store.write(GraphWrite((), [ox.Quad(ox.BlankNode(), P, S, ox.NamedNode(EX + "g"))]))
    assert store.count_quads() == 0


def test_the_version_changes_on_a_fast_write() -> None:
    store = EmbeddedStore(None)
    before = store.version()
    store.write(GraphWrite((), [quad("x", "a")]))
    assert store.version() != before


# -- add_new: the loader's batch write (bulk loader on disk, one transaction in memory) -----


def new_graphs(*quads: ox.Quad) -> NewGraphs:
    names = tuple(sorted({q.graph_name.value for q in quads}))  # type: ignore[union-attr]
    merged = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    return NewGraphs(
        names,
        ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"",
        ox.serialize(merged, format=ox.RdfFormat.N_TRIPLES) or b"",
    )


@pytest.fixture(params=["memory", "disk"])
def any_store(request: pytest.FixtureRequest, tmp_path) -> EmbeddedStore:  # type: ignore[no-untyped-def]
    return EmbeddedStore(None if request.param == "memory" else tmp_path / "store")


def test_add_new_writes_named_graphs_and_their_merge(any_store: EmbeddedStore) -> None:
    before = any_store.version()
    any_store.add_new(
        [new_graphs(quad("shared", "a"), quad("only-a", "a")), new_graphs(quad("shared", "b"))]
    )
    assert default(any_store) == {"shared", "only-a"}
    assert len(list(any_store._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 2
    assert any_store.count_quads() == 3 and any_store.version() != before
    assert any_store.graphs_of(EX + "a") == [EX + "a"]


def test_add_new_gives_the_store_a_transactional_write_gives(any_store: EmbeddedStore) -> None:
    quads = [quad(f"o{i}", f"g{i % 3}") for i in range(30)] + [quad("o1", "g2")]
    reference = EmbeddedStore(None)
    reference.write(GraphWrite((), quads))
    any_store.add_new([new_graphs(*quads)])
    assert set(any_store._store) == set(reference._store)


def test_add_new_refuses_a_batch_with_a_graph_already_there(any_store: EmbeddedStore) -> None:
    any_store.add_new([new_graphs(quad("first", "a"))])
    before = (set(any_store._store), any_store.version())
    with pytest.raises(StoreError, match="already in the store.*example.org/a"):
        any_store.add_new([new_graphs(quad("new", "b")), new_graphs(quad("second", "a"))])
    assert (set(any_store._store), any_store.version()) == before  # nothing of the batch
