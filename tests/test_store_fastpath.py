"""EmbeddedStore.write's fast path (a first load: one extend) keeps the default graph the merge."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cablekg.errors import StoreError
from cablekg.store import EmbeddedStore, GraphWrite

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
    store.write(GraphWrite((), [quad("shared", "b")]))  # new graph: fast path
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
