"""Linked-data pages: content negotiation, dereferencing every IRI of the seed graph, the cable,
paragraph and entity pages, the home page, escaping of untrusted cable text.

The seed graph is the bundled seed cable loaded by the real pipeline (read, extract, resolve,
build, validate, store). The escaping test uses a small synthetic, malicious graph.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from cablekg.config import Settings
from cablekg.store import EmbeddedStore, GraphWrite
from cablekg.web import create_app

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "cables" / "09CHENGDU229.txt"
SEED_ID = "09CHENGDU229"
BASE = "http://kg.example.org/"  # not the test client's host: IRIs map by path under the base
CKG = "https://w3id.org/cablekg/ontology#"
ONTOLOGY_GRAPH = "https://w3id.org/cablekg/ontology"

RDF_TYPES = {
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdf": ("application/rdf+xml", "xml"),
    "trig": ("application/trig", "trig"),
    "nq": ("application/n-quads", "nquads"),
}


def load_seed(settings: Settings) -> EmbeddedStore:
    from cablekg.pipeline import Pipeline

    store = EmbeddedStore(None)
    summary = Pipeline(settings).load([SEED], store)
    if not summary.ok:
        pytest.fail("the seed cable did not load:\n" + "\n".join(map(str, summary.rejected)))
    return store


@pytest.fixture(scope="module")
def seed_store() -> EmbeddedStore:
    return load_seed(Settings(base=BASE, store=":memory:"))


@pytest.fixture(scope="module")
def seed_app(seed_store: EmbeddedStore):  # type: ignore[no-untyped-def]
    application = create_app(Settings(base=BASE, store=":memory:"), seed_store)
    application.config.update(TESTING=True)
    return application


@pytest.fixture
def seed(seed_app):  # type: ignore[no-untyped-def]
    return seed_app.test_client()


def subjects_under_base(store: EmbeddedStore) -> list[str]:
    rows = store.query(
        f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}")) }}'
    )
    return sorted(r["s"].value for r in rows)  # type: ignore[union-attr]


def first_of_type(store: EmbeddedStore, cls: str) -> str:
    rows = list(
        store.query(
            "SELECT ?x WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <"
            + cls
            + f'> FILTER(STRSTARTS(STR(?x), "{BASE}")) }} ORDER BY ?x LIMIT 1'
        )
    )
    assert rows, f"no resource of class {cls} in the seed graph"
    return rows[0]["x"].value  # type: ignore[index]


def path_of(iri: str) -> str:
    assert iri.startswith(BASE)
    return "/" + iri[len(BASE) :]


def parse(body: bytes, ext: str) -> Graph:
    media, fmt = RDF_TYPES[ext]
    if ext in ("trig", "nq"):
        ds = Dataset()
        ds.parse(data=body, format=fmt)
        graph = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=body, format=fmt)


# -- content negotiation -----------------------------------------------------------------------

# (suffix or query string, Accept) -> (status, media type, Vary: Accept?, Content-Location ext)
NEGOTIATION = [
    ("", "text/html", 200, "text/html", True, "html"),
    (
        "",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        200,
        "text/html",
        True,
        "html",
    ),
    ("", "text/turtle", 200, "text/turtle", True, "ttl"),
    ("", "application/ld+json", 200, "application/ld+json", True, "jsonld"),
    ("", "application/n-triples", 200, "application/n-triples", True, "nt"),
    ("", "application/rdf+xml", 200, "application/rdf+xml", True, "rdf"),
    ("", "application/trig", 200, "application/trig", True, "trig"),
    ("", "application/n-quads", 200, "application/n-quads", True, "nq"),
    (
        "",
        "text/turtle;q=0.5, application/ld+json;q=0.9",
        200,
        "application/ld+json",
        True,
        "jsonld",
    ),
    ("", "text/html;q=0.1, text/turtle", 200, "text/turtle", True, "ttl"),
    ("", "*/*", 200, "text/html", True, "html"),
    ("", None, 200, "text/html", True, "html"),
    (".ttl", "text/html", 200, "text/turtle", False, "ttl"),
    (".jsonld", None, 200, "application/ld+json", False, "jsonld"),
    (".nt", None, 200, "application/n-triples", False, "nt"),
    (".rdf", None, 200, "application/rdf+xml", False, "rdf"),
    (".trig", None, 200, "application/trig", False, "trig"),
    (".html", "text/turtle", 200, "text/html", False, "html"),
    ("?_format=ttl", "text/html", 200, "text/turtle", False, "ttl"),
    ("?format=application/rdf%2Bxml", "text/html", 200, "application/rdf+xml", False, "rdf"),
    ("?_mediatype=application/ld%2Bjson", "text/html", 200, "application/ld+json", False, "jsonld"),
    ("?_format=html", "text/turtle", 200, "text/html", False, "html"),
    ("", "image/png", 406, "application/json", False, None),
    ("?_format=bogus", None, 406, "application/json", False, None),
]


@pytest.mark.parametrize("kind", ["person", "cable", "paragraph"])
@pytest.mark.parametrize(("variant", "accept", "status", "media", "vary", "ext"), NEGOTIATION)
def test_negotiation(seed, seed_store, kind, variant, accept, status, media, vary, ext) -> None:  # type: ignore[no-untyped-def]
    iri = {
        "person": lambda: first_of_type(seed_store, "http://xmlns.com/foaf/0.1/Person"),
        "cable": lambda: f"{BASE}cable/{SEED_ID}",
        "paragraph": lambda: f"{BASE}cable/{SEED_ID}/para/2",
    }[kind]()
    path = path_of(iri)
    headers = {"Accept": accept} if accept else {}
    response = seed.get(path + variant, headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == media
    if status != 200:
        error = response.get_json()["error"]
        assert error["status"] == status and error["code"] == "not-acceptable"
        return
    assert ("Accept" in response.headers.get("Vary", "")) is vary
    assert response.headers["Content-Location"] == f"{path}.{ext}"
    if ext != "html":
        graph = parse(response.data, ext)
        assert (URIRef(iri), None, None) in graph


def test_quad_formats_carry_the_paragraph_graphs(seed, seed_store) -> None:  # type: ignore[no-untyped-def]
    person = first_of_type(seed_store, "http://xmlns.com/foaf/0.1/Person")
    ds = Dataset()
    ds.parse(data=seed.get(path_of(person) + ".trig").data, format="trig")
    graphs = {str(g) for _, _, _, g in ds.quads((URIRef(person), None, None, None))}
    assert any(g.startswith(f"{BASE}cable/") and "/para/" in g for g in graphs), graphs


def test_head_and_alternate_links(seed) -> None:  # type: ignore[no-untyped-def]
    path = f"/cable/{SEED_ID}"
    head = seed.head(path, headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.data == b""
    assert head.mimetype == "text/turtle"
    assert f'<{path}.jsonld>; rel="alternate"' in head.headers["Link"]
    assert seed.head("/no/such/thing", headers={"Accept": "text/turtle"}).status_code == 404


# -- every IRI dereferences ----------------------------------------------------------------------


def test_every_iri_of_the_seed_graph_dereferences(seed, seed_store) -> None:  # type: ignore[no-untyped-def]
    subjects = subjects_under_base(seed_store)
    assert len(subjects) > 20
    failures = []
    for iri in subjects:
        html = seed.get(path_of(iri), headers={"Accept": "text/html"})
        turtle = seed.get(path_of(iri), headers={"Accept": "text/turtle"})
        if html.status_code != 200 or html.mimetype != "text/html":
            failures.append(f"{iri}: HTML {html.status_code}")
            continue
        if turtle.status_code != 200:
            failures.append(f"{iri}: Turtle {turtle.status_code}")
            continue
        graph = Graph().parse(data=turtle.data, format="turtle")
        if (URIRef(iri), None, None) not in graph:
            failures.append(f"{iri}: not a subject of its own Turtle document")
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/person/nobody-at-all", "text/turtle"),
        ("/person/nobody-at-all", "application/json"),
        ("/cable/99NOWHERE1/para/7", "application/ld+json"),
        ("/no-such-kind/x.ttl", None),
        ("/person/%3Cscript%3E", "text/turtle"),
    ],
)
def test_unknown_iri_is_404_with_the_json_error_body(seed, path, accept) -> None:  # type: ignore[no-untyped-def]
    response = seed.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 404
    assert response.get_json() == {
        "error": {
            "status": 404,
            "code": "not-found",
            "message": response.get_json()["error"]["message"],
        }
    }


def test_unknown_iri_is_a_friendly_page_for_browsers(seed) -> None:  # type: ignore[no-untyped-def]
    response = seed.get("/person/nobody-at-all", headers={"Accept": "text/html"})
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert f"{BASE}person/nobody-at-all" in response.get_data(as_text=True)


# -- the pages -----------------------------------------------------------------------------------


def paragraphs_of(store: EmbeddedStore, cable: str) -> dict[int, str]:
    rows = store.query(
        f"SELECT ?n ?t WHERE {{ <{cable}> <http://purl.org/dc/terms/hasPart> ?p . "
        f"?p <{CKG}paragraphNumber> ?n ; <{CKG}text> ?t }}"
    )
    return {int(r["n"].value): r["t"].value for r in rows}  # type: ignore[union-attr]


def test_cable_page_shows_header_paragraphs_and_anchors(seed, seed_store) -> None:  # type: ignore[no-untyped-def]
    cable = f"{BASE}cable/{SEED_ID}"
    page = seed.get(path_of(cable), headers={"Accept": "text/html"}).get_data(as_text=True)
    title = next(
        iter(
            seed_store.query(f"SELECT ?t WHERE {{ <{cable}> <http://purl.org/dc/terms/title> ?t }}")
        )
    )["t"].value  # type: ignore[index]
    assert f"<h1>{title}</h1>" in page.replace("&#39;", "'")
    assert SEED_ID in page and "Classification" in page and "References" in page
    paragraphs = paragraphs_of(seed_store, cable)
    assert paragraphs
    positions = [page.index(f'id="p{n}"') for n in sorted(paragraphs)]
    assert positions == sorted(positions), "paragraphs out of order"
    for n in paragraphs:
        assert f'href="/cable/{SEED_ID}/para/{n}"' in page  # each paragraph's own citable IRI
    refs = seed_store.query(
        f"SELECT ?r WHERE {{ <{cable}> <http://purl.org/dc/terms/references> ?r }}"
    )
    for r in refs:  # type: ignore[union-attr]
        assert f'href="{path_of(r["r"].value)}"' in page
    assert "not loaded" in page  # the seed cable's references are not in the store


def test_cable_page_links_every_mention(seed, seed_store) -> None:  # type: ignore[no-untyped-def]
    cable = f"{BASE}cable/{SEED_ID}"
    page = seed.get(path_of(cable), headers={"Accept": "text/html"}).get_data(as_text=True)
    rows = seed_store.query(
        f"SELECT DISTINCT ?e WHERE {{ ?m <{CKG}refersTo> ?e ; <{CKG}inParagraph> ?p . "
        f"<{cable}> <http://purl.org/dc/terms/hasPart> ?p }}"
    )
    linked = set(re.findall(r'<a href="([^"]+)" class="mention"', page))
    expected = {path_of(r["e"].value) for r in rows}  # type: ignore[union-attr]
    assert expected and expected <= linked


QUOTE = re.compile(
    r'<li class="source"><q class="quote">(?P<quote>.*?)</q> '
    r'<a class="cite" href="(?P<href>[^"]+)">',
    re.S,
)


def test_entity_page_quotes_the_paragraphs_with_the_mention_marked(seed, seed_store) -> None:  # type: ignore[no-untyped-def]
    person = first_of_type(seed_store, "http://xmlns.com/foaf/0.1/Person")
    page = seed.get(path_of(person), headers={"Accept": "text/html"}).get_data(as_text=True)
    quotes = QUOTE.findall(page)
    assert quotes, page[:2000]
    for quote, href in quotes:
        assert re.fullmatch(rf"/cable/{SEED_ID}#p\d+", href), href
        assert "<mark>" in quote
    label = next(
        iter(
            seed_store.query(
                f"SELECT ?l WHERE {{ <{person}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
            )
        )
    )["l"].value  # type: ignore[index]
    assert f"<h1>{label}</h1>" in page
    assert 'href="/ontology#' in page  # types link to the ontology docs


def test_paragraph_page_lists_the_facts_of_its_graph(seed, seed_store) -> None:  # type: ignore[no-untyped-def]
    para = f"{BASE}cable/{SEED_ID}/para/2"
    page = seed.get(path_of(para), headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f'href="/cable/{SEED_ID}#p2"' in page
    rows = seed_store.query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH <{para}> {{ ?s a ?t }} "
        f"FILTER NOT EXISTS {{ ?s a <{CKG}Mention> }} }}"
    )
    for r in rows:  # type: ignore[union-attr]
        assert f'href="{path_of(r["s"].value)}"' in page


def test_behind_a_proxy_links_keep_the_prefix(seed_app, seed_store) -> None:  # type: ignore[no-untyped-def]
    client = seed_app.test_client()
    person = first_of_type(seed_store, "http://xmlns.com/foaf/0.1/Person")
    response = client.get(
        path_of(person), base_url="https://proxy.example/kg/", headers={"Accept": "text/html"}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'href="/kg/cable/{SEED_ID}#p' in page
    assert response.headers["Content-Location"] == "/kg" + path_of(person) + ".html"


def test_home_page(seed, seed_store) -> None:  # type: ignore[no-untyped-def]
    response = seed.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'href="/cable/{SEED_ID}"' in page
    for link in (
        'href="/sparql"',
        'href="/dumps/"',
        'href="/.well-known/void"',
        'href="/ontology"',
        'href="/person/"',
    ):
        assert link in page
    assert 'href="/sparql#query=' in page  # the saved queries, opened in the query UI
    assert re.search(r'<span class="n">[1-9][\d,]*</span><span class="what">cables</span>', page)


@pytest.mark.parametrize(
    ("kind", "cls"),
    [
        ("person", "http://xmlns.com/foaf/0.1/Person"),
        ("org", "http://www.w3.org/ns/org#Organization"),
        ("place", "http://purl.org/dc/terms/Location"),
        ("reform", f"{CKG}Reform"),
    ],
)
def test_browse_lists(seed, seed_store, kind, cls) -> None:  # type: ignore[no-untyped-def]
    page = seed.get(f"/{kind}/").get_data(as_text=True)
    assert f'href="{path_of(first_of_type(seed_store, cls))}"' in page


def test_ontology_document(seed) -> None:  # type: ignore[no-untyped-def]
    html = seed.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert 'id="Reform"' in html.get_data(as_text=True)
    turtle = seed.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle" and turtle.headers["Vary"] == "Accept"
    graph = Graph().parse(data=turtle.data, format="turtle")
    assert (URIRef(ONTOLOGY_GRAPH), None, None) in graph
    assert seed.get("/ontology.jsonld").mimetype == "application/ld+json"


def test_html_pages_have_a_content_security_policy(seed) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", f"/cable/{SEED_ID}", "/person/", "/nowhere"):
        response = seed.get(path, headers={"Accept": "text/html"})
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


# -- untrusted text ------------------------------------------------------------------------------

EVIL_TEXT = (
    'Officials of the <script>alert("x")</script> Evil Bureau met "quoted" people; '
    'see <a href="javascript:alert(1)">here</a> & <img src=x onerror=alert(2)>. '
    "The Evil Bureau said it's fine."
)


def evil_store() -> EmbeddedStore:
    """A cable whose text, title and labels carry markup, with one mention of an entity."""
    b = BASE
    cable, para = f"{b}cable/09EVIL1", f"{b}cable/09EVIL1/para/1"
    start = EVIL_TEXT.index("Evil Bureau")
    ttl = f"""
    @prefix ckg: <{CKG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    <{cable}> {{
      <{cable}> a ckg:Cable ; rdfs:label "09EVIL1" ; dcterms:identifier "09EVIL1" ;
        dcterms:title "<script>alert('title')</script>" ; dcterms:hasPart <{para}> .
      <{para}> a ckg:Paragraph ; ckg:paragraphNumber 1 ; dcterms:isPartOf <{cable}> ;
        ckg:text {Literal_n3(EVIL_TEXT)} ; ckg:heading "<b onmouseover=alert(3)>head</b>" .
    }}
    <{para}> {{
      <{b}org/evil-bureau> a ckg:GovernmentBody ;
        rdfs:label "Evil Bureau <img src=x onerror=alert(4)>" .
      <{para}> ckg:mentions <{b}org/evil-bureau> .
      <{para}/mention/1> a ckg:Mention ; ckg:refersTo <{b}org/evil-bureau> ;
        ckg:inParagraph <{para}> ; ckg:startOffset {start} ; ckg:endOffset {start + 11} ;
        ckg:exact "Evil Bureau" .
      <{para}/mention/2> a ckg:Mention ; ckg:refersTo <{b}org/evil-bureau> ;
        ckg:inParagraph <{para}> ; ckg:startOffset 5000 ; ckg:endOffset 5011 .
    }}
    """
    store = EmbeddedStore(None)
    store.write(GraphWrite((), list(ox.parse(ttl.encode(), format=ox.RdfFormat.TRIG))))
    return store


def Literal_n3(text: str) -> str:  # noqa: N802 - reads like the rdflib method it mirrors
    from rdflib import Literal

    return Literal(text).n3()


@pytest.mark.parametrize("path", ["/cable/09EVIL1", "/cable/09EVIL1/para/1", "/org/evil-bureau"])
def test_cable_text_is_escaped(path: str) -> None:
    app = create_app(Settings(base=BASE, store=":memory:"), evil_store())
    page = app.test_client().get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>" not in page and "<img" not in page and "<b onmouseover" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;" in page
    # the mention is still linked (or marked), its surroundings escaped around it
    if path != "/org/evil-bureau":
        assert '<a href="/org/evil-bureau" class="mention"' in page
    else:
        assert "<mark>Evil Bureau</mark>" in page


# -- the real server -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded_live(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """``cablekg serve`` on an empty store: it loads the bundled seed cable through the
    pipeline and mints IRIs under its own address."""
    from conftest import serve_process

    with serve_process(tmp_path_factory.mktemp("pages-live") / "store") as server:
        yield server


def test_live_server_dereferences_every_iri(seeded_live) -> None:  # type: ignore[no-untyped-def]
    import httpx

    base = seeded_live.url
    answer = httpx.get(
        seeded_live.sparql,
        params={
            "query": f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{base}")) }}'
        },
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    subjects = sorted(b["s"]["value"] for b in answer.json()["results"]["bindings"])
    assert len(subjects) > 20, "the seed cable was not loaded by cablekg serve"
    failures = []
    with httpx.Client(timeout=30) as client:
        for iri in subjects:
            html = client.get(iri, headers={"Accept": "text/html"})
            turtle = client.get(iri, headers={"Accept": "text/turtle"})
            if html.status_code != 200 or not html.headers["content-type"].startswith("text/html"):
                failures.append(f"{iri}: HTML {html.status_code}")
            elif turtle.status_code != 200:
                failures.append(f"{iri}: Turtle {turtle.status_code}")
            elif (URIRef(iri), None, None) not in Graph().parse(data=turtle.text, format="turtle"):
                failures.append(f"{iri}: not a subject of its own Turtle document")
    assert not failures, "\n".join(failures[:20])


# -- quotes: sentence choice and highlighting (pure functions, and a hand-written graph) ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two two. Three", ["One.", "Two two.", "Three"]),
        ("The U.S. Consul met him. He left.", ["The U.S. Consul met him.", "He left."]),
        ('He said "yes." Then no.', ['He said "yes."', "Then no."]),
        (
            "Mr. Li spoke on Jan. 5 in St. Paul. Done",
            ["Mr. Li spoke on Jan. 5 in St. Paul.", "Done"],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    from cablekg.web.highlight import sentences

    assert [text[s:e] for s, e in sentences(text)] == expected


def test_quote_prefers_the_sentence_with_subject_and_value() -> None:
    from cablekg.web.highlight import Span, quote

    text = "Alpha met the press. Alpha joined <Beta>. Beta grew."
    alpha = [Span(0, 5), Span(21, 26)]
    beta = [Span(35, 39), Span(42, 46)]
    shown = str(quote(text, alpha, beta))
    assert shown == "<mark>Alpha</mark> joined &lt;<mark>Beta</mark>&gt;."


def test_out_of_range_and_overlapping_spans_are_dropped() -> None:
    from cablekg.web.highlight import Span, render_text

    html = render_text("abc def", [Span(0, 3, "/x"), Span(1, 5, "/y"), Span(5, 99, "/z")])
    assert str(html) == '<a href="/x">abc</a> def'


@pytest.fixture(scope="module")
def sample_client():  # type: ignore[no-untyped-def]
    """tests/data/pages_sample.trig: a hand-written cable with known offsets."""
    from cablekg.rdf.convert import ontology_quads
    from cablekg.rdf.vocabulary import default_vocabulary

    store = EmbeddedStore(None)
    quads = list(
        ox.parse(path=str(REPO / "tests/data/pages_sample.trig"), format=ox.RdfFormat.TRIG)
    )
    store.write(GraphWrite((), quads + ontology_quads(default_vocabulary())))
    app = create_app(Settings(store=":memory:"), store)  # the sample uses the default base
    return app.test_client()


def test_fact_quote_marks_subject_and_value(sample_client) -> None:  # type: ignore[no-untyped-def]
    page = sample_client.get("/person/wang-mingde").get_data(as_text=True)
    facts = page[page.index('<section class="facts">') : page.index('<section class="mentions">')]
    quotes = dict((href, q) for q, href in QUOTE.findall(facts))
    # paragraph 1 names both in one sentence; paragraph 2 names them in two sentences
    assert "<mark>Wang Mingde</mark>" in quotes["/cable/09TESTPOST77#p1"]
    assert "<mark>Hexi Reform Commission</mark>" in quotes["/cable/09TESTPOST77#p1"]
    assert quotes["/cable/09TESTPOST77#p2"].startswith("<mark>Wang</mark> said")


def test_figure_quote_marks_its_source_text(sample_client) -> None:  # type: ignore[no-untyped-def]
    page = sample_client.get("/cable/09TESTPOST77/para/1/figure/1").get_data(as_text=True)
    assert "<mark>12 million farmers</mark>" in page


@pytest.mark.parametrize(("variant", "accept", "status", "media", "vary", "ext"), NEGOTIATION)
def test_live_server_negotiation_table(
    seeded_live, variant, accept, status, media, vary, ext
) -> None:  # type: ignore[no-untyped-def]
    """The same negotiation table through a real HTTP client against the real server."""
    import httpx

    person = f"{seeded_live.url}person/shen-xiaozhong"
    response = httpx.get(person + variant, headers={"Accept": accept} if accept else {}, timeout=30)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].split(";")[0] == media
    if status != 200:
        assert response.json()["error"]["code"] == "not-acceptable"
        return
    assert ("Accept" in response.headers.get("vary", "")) is vary
    assert response.headers["content-location"].endswith(f"/person/shen-xiaozhong.{ext}")
    if ext != "html":
        assert (URIRef(person), None, None) in parse(response.content, ext)
