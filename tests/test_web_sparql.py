"""The SPARQL 1.1 endpoint: protocol matrix, negotiation, errors, updates, limits, CORS,
service description (Flask test client), and real clients against the live server."""

from __future__ import annotations

import csv
import io
import json
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import TEST_BASE, fill, sample_quads, serve_process

from cablekg.config import Settings
from cablekg.saved_queries import saved_queries
from cablekg.store import EmbeddedStore
from cablekg.web import create_app
from cablekg.web.query_runner import escape_xml_cr, parser_message

SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
EX = "http://kg.example.org/"
PARA1, PARA2 = EX + "cable/99HARBOR1/para/1", EX + "cable/99HARBOR1/para/2"
SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def media_type(response) -> str:  # type: ignore[no-untyped-def]
    return response.headers.get("Content-Type", "").split(";")[0].strip()


def merged_triples() -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in sample_quads()}


# --- content negotiation -------------------------------------------------------------------

NEGOTIATION = [
    # (query, Accept, format parameter, expected status, expected media type)
    (SELECT, None, None, 200, SRJ),
    (SELECT, "*/*", None, 200, SRJ),
    (SELECT, SRX, None, 200, SRX),
    (SELECT, "text/csv", None, 200, "text/csv"),
    (SELECT, "text/tab-separated-values", None, 200, "text/tab-separated-values"),
    (SELECT, "application/json", None, 200, SRJ),
    (SELECT, f"{SRX};q=0.5, {SRJ}", None, 200, SRJ),
    (SELECT, f"{SRX}, {SRJ};q=0.2", None, 200, SRX),
    (SELECT, "text/turtle", None, 406, "application/json"),
    (SELECT, SRJ, "csv", 200, "text/csv"),
    (SELECT, None, "xml", 200, SRX),
    (SELECT, None, "application/sparql-results+xml", 200, SRX),
    (SELECT, None, "tsv", 200, "text/tab-separated-values"),
    (SELECT, None, "turtle", 406, "application/json"),
    (ASK, None, None, 200, SRJ),
    (ASK, SRX, None, 200, SRX),
    (ASK, "text/turtle", None, 406, "application/json"),
    (CONSTRUCT, None, None, 200, "text/turtle"),
    (CONSTRUCT, "*/*", None, 200, "text/turtle"),
    (CONSTRUCT, "application/n-triples", None, 200, "application/n-triples"),
    (CONSTRUCT, "application/ld+json", None, 200, "application/ld+json"),
    (CONSTRUCT, "application/rdf+xml", None, 200, "application/rdf+xml"),
    (CONSTRUCT, "application/n-quads", None, 200, "application/n-quads"),
    (CONSTRUCT, "application/trig", None, 200, "application/trig"),
    (CONSTRUCT, "application/rdf+xml;q=0.3, text/turtle;q=0.9", None, 200, "text/turtle"),
    (CONSTRUCT, SRJ, None, 406, "application/json"),
    (CONSTRUCT, None, "jsonld", 200, "application/ld+json"),
    (CONSTRUCT, None, "json", 200, "application/ld+json"),
    (CONSTRUCT, None, "ntriples", 200, "application/n-triples"),
    (CONSTRUCT, None, "rdfxml", 200, "application/rdf+xml"),
    (CONSTRUCT, "text/turtle", "csv", 406, "application/json"),
    (f"DESCRIBE <{EX}person/li-wei>", "text/turtle", None, 200, "text/turtle"),
]


@pytest.mark.parametrize(("query", "accept", "fmt", "status", "expected"), NEGOTIATION)
def test_negotiation(client, query, accept, fmt, status, expected):  # type: ignore[no-untyped-def]
    params = {"query": query} | ({"format": fmt} if fmt else {})
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string=params, headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)
    assert media_type(response) == expected
    assert "Accept" in response.headers.get("Vary", "")
    if status == 406:
        assert response.get_json()["error"]["code"] == "not-acceptable"


RESULT_PARSERS = {
    SRJ: lambda body: len(json.loads(body)["results"]["bindings"]),
    SRX: lambda body: len(
        ET.fromstring(body).findall(".//{http://www.w3.org/2005/sparql-results#}result")
    ),
    "text/csv": lambda body: len(list(csv.reader(io.StringIO(body.decode())))) - 1,
    "text/tab-separated-values": lambda body: len(body.decode().rstrip("\n").split("\n")) - 1,
}


@pytest.mark.parametrize("accept", list(RESULT_PARSERS))
def test_select_formats_carry_every_solution(client, accept):  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept})
    assert RESULT_PARSERS[accept](response.get_data()) == len(merged_triples())


GRAPH_PARSE = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@pytest.mark.parametrize("accept", list(GRAPH_PARSE))
def test_construct_formats_give_the_merged_graph(client, accept):  # type: ignore[no-untyped-def]
    response = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    parsed = list(ox.parse(response.get_data(), format=GRAPH_PARSE[accept]))
    got = [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]
    assert len(got) == len(set(got))  # a graph is a set
    assert set(got) == merged_triples()


# --- transports ----------------------------------------------------------------------------


def _count(response) -> int:  # type: ignore[no-untyped-def]
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("transport", ["get", "form", "direct", "direct-charset"])
def test_query_transports(client, transport):  # type: ignore[no-untyped-def]
    if transport == "get":
        response = client.get("/sparql", query_string={"query": COUNT})
    elif transport == "form":
        response = client.post("/sparql", data={"query": COUNT})
    else:
        ctype = "application/sparql-query" + ("; charset=UTF-8" if "charset" in transport else "")
        response = client.post("/sparql", data=COUNT.encode(), headers={"Content-Type": ctype})
    assert response.status_code == 200
    assert _count(response) == len(merged_triples())


BAD_REQUESTS = [
    # (method, kwargs, status, code)
    ("get", {"query_string": {"query": "SELECT * WHERE { ?s ?p "}}, 400, "malformed-query"),
    (
        "get",
        {"query_string": {"query": "INSERT DATA { <a:s> <a:p> <a:o> }"}},
        400,
        "malformed-query",
    ),
    ("get", {"query_string": [("query", ASK), ("query", ASK)]}, 400, "bad-request"),
    ("get", {"query_string": {"update": "CLEAR SILENT GRAPH <a:g>"}}, 400, "update-needs-post"),
    ("post", {"data": {"query": ASK, "update": "CLEAR SILENT GRAPH <a:g>"}}, 400, "bad-request"),
    (
        "post",
        {"data": ASK.encode(), "headers": {"Content-Type": "text/plain"}},
        415,
        "unsupported-media-type",
    ),
    (
        "post",
        {
            "data": ASK.encode("utf-16"),
            "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"},
        },
        415,
        "unsupported-charset",
    ),
    (
        "post",
        {"data": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}},
        400,
        "bad-request",
    ),
    (
        "post",
        {"data": b"", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
        400,
        "missing-operation",
    ),
    ("put", {"query_string": {"query": ASK}}, 405, "method-not-allowed"),
    ("delete", {}, 405, "method-not-allowed"),
]


@pytest.mark.parametrize(("method", "kwargs", "status", "code"), BAD_REQUESTS)
def test_bad_requests_have_one_error_body(client, method, kwargs, status, code):  # type: ignore[no-untyped-def]
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == status
    body = response.get_json()
    assert body == {"error": {"status": status, "code": code, "message": body["error"]["message"]}}
    assert body["error"]["message"]


def test_malformed_query_keeps_the_parser_position(client):  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE {\n ?s ?p "})
    assert response.get_json()["error"]["message"].startswith("error at 2:")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("error at 3:7: expected X", "error at 2:7: expected X"),
        ("error at 2:1: expected X", "error at 1:1: expected X"),
        ("something else", "something else"),
    ],
)
def test_parser_message(message, expected):  # type: ignore[no-untyped-def]
    assert parser_message(SyntaxError(message)) == expected


def test_relative_iris_resolve_against_the_endpoint(client):  # type: ignore[no-untyped-def]
    response = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
        headers={"Accept": "application/n-triples"},
    )
    assert response.get_data().startswith(f"<{TEST_BASE}s> <{TEST_BASE}p> ".encode())


# --- dataset -------------------------------------------------------------------------------

DATASET_CASES = [
    # (query, default-graph-uri, named-graph-uri, expected count)
    (COUNT, [PARA1], [], 10),
    (COUNT, [PARA2], [], 6),
    (COUNT, ["urn:x-nothing"], [], 0),
    (f"SELECT (COUNT(*) AS ?n) FROM <{PARA2}> WHERE {{ ?s ?p ?o }}", [PARA1], [], 10),
    (f"SELECT (COUNT(*) AS ?n) FROM <{PARA2}> WHERE {{ ?s ?p ?o }}", [], [PARA1], 0),
    ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", [], [PARA2], 6),
    ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", [PARA1], [], 0),
]


@pytest.mark.parametrize(("query", "default", "named", "expected"), DATASET_CASES)
def test_protocol_dataset_wins(client, query, default, named, expected):  # type: ignore[no-untyped-def]
    params = (
        [("query", query)]
        + [("default-graph-uri", g) for g in default]
        + [("named-graph-uri", g) for g in named]
    )
    assert _count(client.get("/sparql", query_string=params)) == expected


def test_construct_over_several_default_graphs_never_repeats_a_triple(client):  # type: ignore[no-untyped-def]
    params = [("query", CONSTRUCT), ("default-graph-uri", PARA1), ("default-graph-uri", PARA2)]
    body = client.get(
        "/sparql", query_string=params, headers={"Accept": "application/n-triples"}
    ).get_data()
    lines = [line for line in body.decode().splitlines() if line.strip()]
    assert len(lines) == len(set(lines)) == 13


# --- XML and carriage returns ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        (b"<a>x\ry</a>", b"<a>x&#13;y</a>"),
        (b"<a>x\r\ny</a>", b"<a>x&#13;\ny</a>"),
        (b"<a>plain</a>", b"<a>plain</a>"),
    ],
)
def test_escape_xml_cr(raw, escaped):  # type: ignore[no-untyped-def]
    assert escape_xml_cr(raw) == escaped


NOTE = f"SELECT ?o WHERE {{ ?s <{EX}note> ?o }}"


def test_xml_results_keep_carriage_returns(client):  # type: ignore[no-untyped-def]
    body = client.get("/sparql", query_string={"query": NOTE}, headers={"Accept": SRX}).get_data()
    literal = ET.fromstring(body).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal is not None and literal.text is not None
    assert literal.text.startswith("first line\r\nsecond line\rthird")


def test_rdfxml_keeps_carriage_returns(client):  # type: ignore[no-untyped-def]
    query = f"CONSTRUCT {{ ?s <{EX}note> ?o }} WHERE {{ ?s <{EX}note> ?o }}"
    body = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/rdf+xml"}
    ).get_data()
    graph = rdflib.Graph().parse(data=body, format="xml")
    assert "\rthird" in str(next(iter(graph.objects())))


# --- updates -------------------------------------------------------------------------------

UPDATE = f'INSERT DATA {{ GRAPH <{EX}g/new> {{ <{EX}x> <{EX}p> "new" }} }}'
PROBE = f'ASK {{ <{EX}x> <{EX}p> "new" }}'


def _ask(client, query: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(client.get("/sparql", query_string={"query": query}).get_json()["boolean"])


@pytest.mark.parametrize("transport", ["form", "direct"])
@pytest.mark.parametrize("authorization", [None, "Bearer s3cret"])
def test_updates_refused_when_read_only(client, transport, authorization):  # type: ignore[no-untyped-def]
    headers = {"Authorization": authorization} if authorization else {}
    if transport == "form":
        response = client.post("/sparql", data={"update": UPDATE}, headers=headers)
    else:
        response = client.post(
            "/sparql",
            data=UPDATE.encode(),
            headers={**headers, "Content-Type": "application/sparql-update"},
        )
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "read-only"
    assert not _ask(client, PROBE)


@pytest.fixture
def writable(settings, store, tmp_path):  # type: ignore[no-untyped-def]
    app = create_app(settings.with_(update_token="s3cret"), store)
    app.config.update(TESTING=True, CABLEKG_DUMP_DIR=str(tmp_path / "dumps"))
    return app.test_client()


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (None, 403),
        ("Bearer wrong", 403),
        ("Basic s3cret", 403),
        ("Bearer s3cret", 204),
    ],
)
def test_update_needs_the_token(writable, authorization, status):  # type: ignore[no-untyped-def]
    headers = {"Authorization": authorization} if authorization else {}
    response = writable.post(
        "/sparql",
        data=UPDATE.encode(),
        headers={**headers, "Content-Type": "application/sparql-update"},
    )
    assert response.status_code == status
    assert _ask(writable, PROBE) is (status == 204)


def test_query_sent_as_update_is_400(writable):  # type: ignore[no-untyped-def]
    response = writable.post(
        "/sparql", data={"update": ASK}, headers={"Authorization": "Bearer s3cret"}
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed-update"


def test_service_description_names_update_only_when_enabled(client, writable):  # type: ignore[no-untyped-def]
    def languages(c) -> set[str]:  # type: ignore[no-untyped-def]
        g = rdflib.Graph().parse(
            data=c.get("/sparql", headers={"Accept": "text/turtle"}).get_data(), format="turtle"
        )
        return {str(o) for o in g.objects(None, SD.supportedLanguage)}

    assert languages(client) == {str(SD.SPARQL11Query)}
    assert languages(writable) == {str(SD.SPARQL11Query), str(SD.SPARQL11Update)}


# --- timeout -------------------------------------------------------------------------------


def _slow_app(tmp_path: Path, timeout: float):  # type: ignore[no-untyped-def]
    store = EmbeddedStore(None)
    graph = ox.NamedNode(EX + "g/big")
    fill(
        store,
        [
            ox.Quad(ox.NamedNode(f"{EX}n{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)), graph)
            for i in range(3000)
        ],
    )
    app = create_app(Settings(base=TEST_BASE, store=":memory:", query_timeout=timeout), store)
    app.config.update(TESTING=True, CABLEKG_DUMP_DIR=str(tmp_path / "dumps"))
    return app


# a cross product of 9 million pairs: seconds of work, far more than the timeout
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?p ?d . FILTER(STR(?b) < STR(?d)) }"
SLOW_STREAMED = "SELECT * WHERE { ?a ?p ?b . ?c ?p ?d }"


@pytest.mark.parametrize("query", [SLOW, SLOW_STREAMED])
def test_timeout_answers_503_and_the_server_goes_on(tmp_path, query):  # type: ignore[no-untyped-def]
    app = _slow_app(tmp_path, 0.5)
    app.extensions["cablekg.query_runner"].limit = 0  # no row limit: let the query run away
    client = app.test_client()
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "query-timeout" and "0.5 seconds" in error["message"]
    assert client.get("/sparql", query_string={"query": "ASK {}"}).get_json()["boolean"] is True


def test_requests_run_concurrently_with_a_slow_query(tmp_path):  # type: ignore[no-untyped-def]
    app = _slow_app(tmp_path, 30)
    statuses: list[int] = []
    slow = threading.Thread(
        target=lambda: statuses.append(
            app.test_client().get("/sparql", query_string={"query": SLOW}).status_code
        )
    )
    slow.start()
    fast = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert fast.status_code == 200
    slow.join()
    assert statuses == [200]


# --- result limit --------------------------------------------------------------------------


@pytest.fixture
def limited(store, tmp_path):  # type: ignore[no-untyped-def]
    app = create_app(Settings(base=TEST_BASE, store=":memory:", result_limit=3), store)
    app.config.update(TESTING=True, CABLEKG_DUMP_DIR=str(tmp_path / "dumps"))
    return app.test_client()


@pytest.mark.parametrize("accept", list(RESULT_PARSERS))
def test_truncated_select_says_so(limited, accept):  # type: ignore[no-untyped-def]
    response = limited.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["X-Cablekg-Result-Truncated"] == "true"
    assert response.headers["X-Cablekg-Result-Limit"] == "3"
    assert RESULT_PARSERS[accept](response.get_data()) == 3
    if accept == SRJ:
        assert response.get_json()["cablekg"] == {"truncated": True, "limit": 3}


def test_truncated_construct_says_so(limited):  # type: ignore[no-untyped-def]
    response = limited.get(
        "/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "application/n-triples"}
    )
    assert response.headers["X-Cablekg-Result-Truncated"] == "true"
    assert len(response.get_data().decode().strip().splitlines()) == 3


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> }",  # 2 rows, under the limit
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",  # exactly the limit: nothing was cut
    ],
)
def test_results_within_the_limit_are_not_marked(limited, query):  # type: ignore[no-untyped-def]
    response = limited.get("/sparql", query_string={"query": query})
    assert "X-Cablekg-Result-Truncated" not in response.headers
    assert "cablekg" not in response.get_json()


def test_truncation_member_is_ignored_by_result_readers(limited):  # type: ignore[no-untyped-def]
    body = limited.get("/sparql", query_string={"query": SELECT}).get_data()
    assert json.loads(body)["cablekg"] == {"truncated": True, "limit": 3}
    assert len(list(rdflib.query.Result.parse(io.BytesIO(body), format="json"))) == 3
    assert len(list(ox.parse_query_results(body, ox.QueryResultsFormat.JSON))) == 3
    # SPARQLWrapper: test_sparqlwrapper_reads_a_truncated_result, against the real server


# --- CORS, service description, query page ---------------------------------------------------


def test_cors(client):  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": ASK})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Cablekg-Result-Truncated" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("*/*", "turtle"),
        (None, "turtle"),
    ],
)
def test_service_description(client, accept, fmt):  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    # the request's host differs from the base: the description names the base
    response = client.get("/sparql", headers=headers, base_url="http://internal:9999")
    g = rdflib.Graph().parse(data=response.get_data(), format=fmt)
    service = g.value(None, rdflib.RDF.type, SD.Service)
    assert g.value(service, SD.endpoint) == rdflib.URIRef(TEST_BASE + "sparql")
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert len(set(g.objects(service, SD.resultFormat))) == 10
    dataset = g.value(service, SD.defaultDataset)
    assert g.value(dataset, SD.defaultGraph) is not None
    names = {g.value(n, SD.name) for n in g.objects(dataset, SD.namedGraph)}
    assert rdflib.URIRef(EX + "cable/99HARBOR1") in names
    assert rdflib.URIRef(PARA1) not in names  # paragraph graphs are too many to list


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_browser_gets_the_query_page(client):  # type: ignore[no-untyped-def]
    response = client.get("/sparql", headers={"Accept": BROWSER})
    assert media_type(response) == "text/html"
    page = response.get_data(as_text=True)
    assert "yasgui/yasgui.min.js" in page and "new Yasgui(" in page
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200


def test_query_page_lists_saved_queries(client, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    (tmp_path / "people.rq").write_text(
        "# title: People and their offices\n# description: Who works where.\n"
        "SELECT * WHERE { ?s ?p ?o }\n"
    )
    monkeypatch.setattr("cablekg.resources.queries_dir", lambda: tmp_path)
    page = client.get("/sparql", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "People and their offices" in page and "Who works where." in page


def test_query_page_without_saved_queries(client, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("cablekg.resources.queries_dir", lambda: tmp_path)
    page = client.get("/sparql", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "No saved queries" in page


def test_saved_queries_of_a_missing_folder(tmp_path):  # type: ignore[no-untyped-def]
    assert saved_queries(tmp_path / "absent") == []


# --- real clients against the real server -------------------------------------------------


def test_sparqlwrapper_select_ask_construct(live_server):  # type: ignore[no-untyped-def]
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(live_server.sparql)
    sw.setQuery(
        "SELECT ?name WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name "
        f"FILTER(STRSTARTS(STR(?p), '{EX}')) }} ORDER BY ?name"
    )
    sw.setReturnFormat(JSON)
    names = [b["name"]["value"] for b in sw.queryAndConvert()["results"]["bindings"]]
    assert names == ["Li Wei", "Zhao Min"]
    sw.setQuery(ASK)
    assert sw.queryAndConvert()["boolean"] is True
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=sw.queryAndConvert(), format="turtle")
    assert len(graph) >= len(merged_triples())


def test_sparqlwrapper_post(live_server):  # type: ignore[no-untyped-def]
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    sw = SPARQLWrapper(live_server.sparql)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setQuery(COUNT)
    result = sw.queryAndConvert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) > 0


def test_rdflib_sparqlstore(live_server):  # type: ignore[no-untyped-def]
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(live_server.sparql, returnFormat="json"))
    rows = list(
        graph.query(
            f"SELECT ?o WHERE {{ <{EX}org/harbor-city-planning-office> "
            "<http://www.w3.org/2004/02/skos/core#altLabel> ?o }"
        )
    )
    assert [str(r[0]) for r in rows] == ["HCPO"]
    assert (
        rdflib.URIRef(EX + "person/li-wei"),
        rdflib.RDF.type,
        rdflib.URIRef("http://xmlns.com/foaf/0.1/Person"),
    ) in graph


def test_sparqlwrapper_reads_a_truncated_result(tmp_path):  # type: ignore[no-untyped-def]
    from conftest import make_disk_store
    from SPARQLWrapper import JSON, SPARQLWrapper

    store_dir = make_disk_store(tmp_path / "store", with_w3c_graphs=False)
    with serve_process(store_dir, "--no-seed", env={"CABLEKG_RESULT_LIMIT": "2"}) as server:
        sw = SPARQLWrapper(server.sparql)
        sw.setQuery(SELECT)
        sw.setReturnFormat(JSON)
        response = sw.query()
        assert response.info()["x-cablekg-result-truncated"] == "true"
        assert len(response.convert()["results"]["bindings"]) == 2


def test_graph_answer_drops_repeated_triples():  # type: ignore[no-untyped-def]
    from cablekg.web.conneg import GRAPH_FORMATS
    from cablekg.web.query_runner import _graph_answer

    t = ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("x"))
    u = ox.Triple(ox.NamedNode(EX + "b"), ox.NamedNode(EX + "p"), ox.Literal("y"))
    answer = _graph_answer(
        [t, u, t, t],
        GRAPH_FORMATS["application/n-triples"],
        0,  # type: ignore[arg-type]
        threading.Event(),
    )
    assert answer.body.decode().splitlines() == [str(t) + " .", str(u) + " ."]
