"""The response cache (web/cache.py): hits, invalidation by store version, 304s, bounds."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from cablekg.config import Settings
from cablekg.store import GraphWrite
from cablekg.store.embedded import EmbeddedStore
from cablekg.web import create_app
from cablekg.web.cache import LRU, Entry, ResponseCache, VersionProbe

JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
G = "http://kg.example.org/graph/extra"


def cache_of(app) -> ResponseCache:  # type: ignore[no-untyped-def]
    return app.extensions["cablekg.cache"]  # type: ignore[no-any-return]


def count(client, **headers: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    r = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON, **headers})
    return r.status_code, (
        int(r.get_json()["results"]["bindings"][0]["n"]["value"]) if r.status_code == 200 else -1
    )


def add_triple(store: EmbeddedStore, n: int) -> None:
    s = ox.NamedNode(f"http://kg.example.org/x/{n}")
    store.write(GraphWrite((), [ox.Quad(s, s, ox.Literal(str(n)), ox.NamedNode(G))]))


def test_repeat_is_a_hit(app, client) -> None:  # type: ignore[no-untyped-def]
    cache = cache_of(app)
    first = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON})
    second = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON})
    assert (cache.misses, cache.hits) == (1, 1)
    assert first.get_data() == second.get_data()
    assert first.headers["ETag"] == second.headers["ETag"]
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert second.headers["Access-Control-Allow-Origin"] == "*"  # the app's headers are kept
    assert "no-cache" in second.headers["Cache-Control"]


def test_key_separates_media_types_and_parameters(app, client) -> None:  # type: ignore[no-untyped-def]
    as_json = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON})
    as_xml = client.get(
        "/sparql",
        query_string={"query": COUNT},
        headers={"Accept": "application/sparql-results+xml"},
    )
    in_graph = client.get(
        "/sparql", query_string={"query": COUNT, "default-graph-uri": G}, headers={"Accept": JSON}
    )
    assert cache_of(app).hits == 0
    assert as_json.mimetype != as_xml.mimetype
    assert in_graph.get_json() != as_json.get_json()


def test_posted_query_is_cached_and_matches_get(app, client) -> None:  # type: ignore[no-untyped-def]
    posted = [
        client.post(
            "/sparql", data=COUNT, content_type="application/sparql-query", headers={"Accept": JSON}
        )
        for _ in range(2)
    ]
    assert cache_of(app).hits == 1
    assert posted[0].get_data() == posted[1].get_data()
    assert (
        posted[0].get_json()
        == client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON}).get_json()
    )


def test_a_write_invalidates(app, client, store) -> None:  # type: ignore[no-untyped-def]
    _, before = count(client)
    etag = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON}).headers[
        "ETag"
    ]
    add_triple(store, 1)
    _, after = count(client)
    assert after == before + 1  # not the cached answer
    fresh = client.get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": JSON, "If-None-Match": etag}
    )
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag


def test_version_change_from_another_process_is_seen(tmp_path: Path) -> None:
    """A load by another process (here: a second store object on the same directory after the
    first is closed) replaces the version file; the probe notices without reading it each time."""
    path = tmp_path / "store"
    s = EmbeddedStore(path)
    add_triple(s, 1)
    probe = VersionProbe(s)
    v1 = probe()
    assert probe() == v1 == s.version()
    (path / "cablekg-version.tmp").write_text("another-writer")
    os.replace(path / "cablekg-version.tmp", path / "cablekg-version")
    assert probe() == "another-writer"
    s.close()


def test_if_none_match_gives_304_on_sparql_and_pages(app, client) -> None:  # type: ignore[no-untyped-def]
    for path, params, accept in [
        ("/sparql", {"query": COUNT}, JSON),
        ("/", {}, "text/html"),
    ]:
        first = client.get(path, query_string=params, headers={"Accept": accept})
        assert first.status_code == 200, path
        etag = first.headers["ETag"]
        again = client.get(
            path, query_string=params, headers={"Accept": accept, "If-None-Match": etag}
        )
        assert again.status_code == 304, path
        assert again.get_data() == b"" and again.headers["ETag"] == etag
        other = client.get(
            path, query_string=params, headers={"Accept": accept, "If-None-Match": '"nope"'}
        )
        assert other.status_code == 200


def test_errors_are_not_cached(app, client) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        bad = client.get(
            "/sparql", query_string={"query": "SELEC nonsense"}, headers={"Accept": JSON}
        )
        assert bad.status_code == 400
        assert "ETag" not in bad.headers
        missing = client.get("/no/such/thing", headers={"Accept": "application/json"})
        assert missing.status_code == 404
    assert len(cache_of(app).lru) == 0


def test_truncated_and_volatile_answers_are_not_cached(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(base="http://kg.example.org/", store=":memory:", result_limit=1)
    app = create_app(settings, store)
    app.config.update(TESTING=True, CABLEKG_DUMP_DIR=str(tmp_path / "dumps"))
    client = app.test_client()
    cut = client.get(
        "/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": JSON}
    )
    assert cut.headers.get("X-Cablekg-Result-Truncated") == "true"
    client.get(
        "/sparql",
        query_string={"query": "SELECT (RAND() AS ?r) WHERE {}"},
        headers={"Accept": JSON},
    )
    assert len(cache_of(app).lru) == 0


def test_updates_and_dumps_bypass_the_cache(app, client) -> None:  # type: ignore[no-untyped-def]
    refused = client.post("/sparql", data={"update": "CLEAR ALL"})
    assert refused.status_code == 403
    assert client.get("/dumps/").status_code == 200
    assert len(cache_of(app).lru) == 0


def test_no_cache_request_refreshes(app, client) -> None:  # type: ignore[no-untyped-def]
    count(client)
    count(client, **{"Cache-Control": "no-cache"})
    assert (cache_of(app).misses, cache_of(app).hits) == (2, 0)


def test_lru_is_bounded_by_bytes() -> None:
    lru = LRU(max_bytes=10_000)

    def entry(n: int) -> Entry:
        return Entry("200 OK", (("Content-Type", "text/plain"),), b"x" * n, '"e"')

    for i in range(100):
        assert lru.put(("k", i), entry(1000))
        assert lru.size <= lru.max_bytes
    assert len(lru) < 10
    assert lru.get(("k", 99)) is not None and lru.get(("k", 0)) is None  # oldest evicted first
    assert not lru.put(("big",), entry(5000))  # over a quarter of the cache: refused
    lru.get(("k", 97))  # recently used survives the next evictions
    lru.put(("k", 100), entry(1000))
    lru.put(("k", 101), entry(1000))
    assert lru.get(("k", 97)) is not None


def test_cache_can_be_turned_off(store, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CABLEKG_CACHE_MB", "0")
    app = create_app(Settings(base="http://kg.example.org/", store=":memory:"), store)
    assert "cablekg.cache" not in app.extensions
    response = app.test_client().get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": JSON}
    )
    assert response.status_code == 200 and "ETag" not in response.headers


@pytest.mark.parametrize("fmt", ["ttl", "html"])
def test_pages_are_cached(app, client, fmt: str) -> None:  # type: ignore[no-untyped-def]
    first = client.get(f"/?_format={fmt}" if fmt == "html" else "/ontology.ttl")
    second = client.get(f"/?_format={fmt}" if fmt == "html" else "/ontology.ttl")
    assert first.status_code == second.status_code == 200
    assert first.get_data() == second.get_data() or fmt == "html"
    assert cache_of(app).hits == 1


def test_version_probe_is_cheap(tmp_path: Path) -> None:
    """No timing: the probe reads the version file only when its stat changes."""
    s = EmbeddedStore(tmp_path / "store")
    add_triple(s, 1)
    probe = VersionProbe(s)
    reads = 0
    original = s.version

    def counting() -> str:
        nonlocal reads
        reads += 1
        return original()

    s.version = counting  # type: ignore[method-assign]
    for _ in range(50):
        probe()
    assert reads == 1
    time.sleep(0.01)
    add_triple(s, 2)
    assert probe() == original() and reads == 2
    s.close()
