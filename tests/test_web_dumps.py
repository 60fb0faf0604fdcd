"""Dumps (/dumps/) and the VoID + DCAT description (/.well-known/void)."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
import rdflib
from conftest import TEST_BASE, sample_quads

from cablekg.store import GraphWrite
from cablekg.web.description import DUMPS

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
EX = "http://kg.example.org/"

FORMATS = {
    "cablekg.ttl": (ox.RdfFormat.TURTLE, "text/turtle"),
    "cablekg.trig": (ox.RdfFormat.TRIG, "application/trig"),
    "cablekg.nq": (ox.RdfFormat.N_QUADS, "application/n-quads"),
}


def expected_content(filename: str) -> set[ox.Quad]:
    quads = sample_quads()
    if filename.startswith("cablekg.ttl"):  # the merged default graph: every fact once
        return {ox.Quad(q.subject, q.predicate, q.object) for q in quads}
    return set(quads)  # the named graphs, provenance kept


def parse_dump(filename: str, body: bytes) -> list[ox.Quad]:
    if filename.endswith(".gz"):
        body = gzip.decompress(body)
        filename = filename[: -len(".gz")]
    return list(ox.parse(body, format=FORMATS[filename][0]))


@pytest.mark.parametrize("dump", [d.filename for d in DUMPS])
def test_every_dump_holds_exactly_the_store(client, dump):  # type: ignore[no-untyped-def]
    response = client.get(f"/dumps/{dump}")
    assert response.status_code == 200
    quads = parse_dump(dump, response.get_data())
    assert len(quads) == len(set(quads))
    assert set(quads) == expected_content(dump)


@pytest.mark.parametrize("dump", [d.filename for d in DUMPS])
def test_dump_headers(client, dump):  # type: ignore[no-untyped-def]
    response = client.get(f"/dumps/{dump}")
    plain_type = FORMATS[dump.removesuffix(".gz")][1]
    expected = "application/gzip" if dump.endswith(".gz") else plain_type
    assert response.headers["Content-Type"].split(";")[0] == expected
    assert response.headers["Content-Disposition"] == f"attachment; filename={dump}"
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("dump", ["cablekg.ttl", "cablekg.nq.gz"])
def test_conditional_get(client, dump):  # type: ignore[no-untyped-def]
    first = client.get(f"/dumps/{dump}")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(f"/dumps/{dump}", headers={"If-None-Match": etag}).status_code == 304
    assert client.get(f"/dumps/{dump}", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(f"/dumps/{dump}", headers={"If-None-Match": '"other"'}).status_code == 200


def test_gzip_dump_is_the_plain_dump_compressed(client):  # type: ignore[no-untyped-def]
    plain = client.get("/dumps/cablekg.trig").get_data()
    assert gzip.decompress(client.get("/dumps/cablekg.trig.gz").get_data()) == plain


def test_a_write_makes_a_new_dump(client, store):  # type: ignore[no-untyped-def]
    before = client.get("/dumps/cablekg.nq")
    added = ox.Quad(
        ox.NamedNode(EX + "x"),
        ox.NamedNode(EX + "p"),
        ox.Literal("new"),
        ox.NamedNode(EX + "g/new"),
    )
    store.write(GraphWrite((), [added]))
    after = client.get("/dumps/cablekg.nq", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert added in set(parse_dump("cablekg.nq", after.get_data()))


def test_the_cache_is_reused_while_the_version_holds(app, client):  # type: ignore[no-untyped-def]
    client.get("/dumps/cablekg.ttl")
    cache = app.extensions["cablekg.dumps"]
    files = sorted(cache.folder.glob("*-cablekg.ttl"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    client.get("/dumps/cablekg.ttl")
    assert files[0].stat().st_mtime_ns == stamp


def test_unknown_dump_is_404_json(client):  # type: ignore[no-untyped-def]
    response = client.get("/dumps/everything.zip")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not-found"


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),
        ("application/json", "application/json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
        ("text/turtle", None),
    ],
)
def test_index(client, accept, media_type):  # type: ignore[no-untyped-def]
    response = client.get("/dumps/", headers={"Accept": accept} if accept else {})
    if media_type is None:
        assert response.status_code == 406
        return
    assert response.headers["Content-Type"].split(";")[0] == media_type
    if media_type == "application/json":
        doc = response.get_json()
        assert [d["url"] for d in doc["dumps"]] == [
            TEST_BASE + "dumps/" + d.filename for d in DUMPS
        ]
    else:
        assert all(d.filename in response.get_data(as_text=True) for d in DUMPS)


# --- VoID ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        (None, "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_void(client, accept, fmt):  # type: ignore[no-untyped-def]
    response = client.get("/.well-known/void", headers={"Accept": accept} if accept else {})
    g = rdflib.Graph().parse(data=response.get_data(), format=fmt)
    dataset = g.value(None, rdflib.RDF.type, VOID.Dataset)
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in g
    merged = {(q.subject, q.predicate, q.object) for q in sample_quads()}
    assert int(g.value(dataset, VOID.triples)) == len(merged) == 22
    assert int(g.value(dataset, VOID.entities)) == 7
    partitions = {
        g.value(p, VOID["class"]): int(g.value(p, VOID.entities))
        for p in g.objects(dataset, VOID.classPartition)
    }
    assert partitions == {
        FOAF.Person: 2,
        FOAF.Document: 1,
        rdflib.URIRef("http://www.w3.org/ns/org#Organization"): 1,
        rdflib.URIRef("http://purl.org/dc/terms/Location"): 1,
    }
    assert g.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(TEST_BASE + "sparql")
    downloads = {str(g.value(d, DCAT.downloadURL)) for d in g.objects(dataset, DCAT.distribution)}
    assert downloads == {TEST_BASE + "dumps/" + d.filename for d in DUMPS}
    assert {str(u) for u in g.objects(dataset, VOID.dataDump)} == downloads
    assert all(g.value(d, DCAT.mediaType) for d in g.objects(dataset, DCAT.distribution))
    assert g.value(dataset, rdflib.URIRef("http://purl.org/dc/terms/license")) is not None
    assert len(list(g.objects(dataset, VOID.vocabulary))) >= 6


def test_void_counts_follow_the_store(client, store):  # type: ignore[no-untyped-def]
    store.write(GraphWrite((EX + "cable/99HARBOR1/para/2",), []))
    g = rdflib.Graph().parse(data=client.get("/.well-known/void").get_data(), format="turtle")
    dataset = g.value(None, rdflib.RDF.type, VOID.Dataset)
    assert int(g.value(dataset, VOID.triples)) == 22 - 3  # Zhao Min's three triples went


def test_void_refuses_unknown_types(client):  # type: ignore[no-untyped-def]
    response = client.get("/.well-known/void", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.get_json()["error"]["code"] == "not-acceptable"
