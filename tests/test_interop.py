"""The INTEROP.md contract, checked the way outside checks do: SPARQL with standard
vocabularies only (plus rdfs:subClassOf* over the ontology in the store), against the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablekg.config import Settings
from cablekg.pipeline import Pipeline
from cablekg.resources import bundled_cables
from cablekg.store import EmbeddedStore

BASE = "http://127.0.0.1:8080/"
PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("interop") / "store")
    summary = Pipeline(Settings(base=BASE)).load([bundled_cables()[0]], store)
    assert summary.ok, "\n".join(map(str, summary.rejected))
    return store


def ask(store: EmbeddedStore, body: str) -> bool:
    return bool(store.query(PREFIXES + "ASK {" + body + "}"))


def select(store: EmbeddedStore, query: str) -> list[dict[str, str]]:
    result = store.query(PREFIXES + query)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]  # type: ignore[union-attr]


CONTRACT = {
    "ontology in its named graph": "GRAPH <https://w3id.org/cablekg/ontology> { ?o a owl:Ontology }",
    "cable is a foaf:Document": "?c dcterms:identifier '09CHENGDU229' ; a/rdfs:subClassOf* foaf:Document",
    "cable metadata in the cable's graph": "GRAPH ?c { ?c dcterms:identifier '09CHENGDU229' }",
    "title": "?c dcterms:identifier '09CHENGDU229' ; dcterms:title 'Chongqing Goals for Balanced Urban-Rural Development'",
    "created as UTC dateTime": "?c dcterms:identifier '09CHENGDU229' ; dcterms:created ?d "
    "FILTER(?d = '2009-10-15T09:43:00Z'^^xsd:dateTime && datatype(?d) = xsd:dateTime)",
    "references with ids": "?c dcterms:identifier '09CHENGDU229' ; dcterms:references ?r1, ?r2 . "
    "?r1 dcterms:identifier '07CHENGDU129' . ?r2 dcterms:identifier '09CHENGDU163'",
    "paragraphs numbered and texted": "?c dcterms:identifier '09CHENGDU229' ; dcterms:hasPart ?p . "
    "?p dcterms:isPartOf ?c ; ?num ?n ; ?txt ?t . FILTER(?n = 6 && datatype(?n) = xsd:integer) "
    "FILTER(CONTAINS(?t, 'Xu Yuming added'))",
    "provenance by paragraph graph": "GRAPH ?p { ?m org:member ?who } ?p dcterms:isPartOf ?c . ?c dcterms:identifier '09CHENGDU229'",
    "person typed foaf:Person": "?x rdfs:label 'Shen Xiaozhong' ; a/rdfs:subClassOf* foaf:Person",
    "institution typed org:Organization with acronym": "?o a/rdfs:subClassOf* org:Organization ; "
    "rdfs:label 'Chongqing Development and Reform Commission' ; skos:altLabel 'CQDRC'",
    "memberOf": "?x rdfs:label 'Shen Xiaozhong' ; org:memberOf ?o . ?o skos:altLabel 'CQDRC'",
    "qualified membership": "?m a org:Membership ; org:member ?x ; org:organization ?o ; org:role ?r . "
    "?x rdfs:label 'Xu Yuming' . ?r a org:Role ; rdfs:label 'Section Chief' . ?o skos:altLabel 'CASS'",
    "place is a dcterms:Location": "?x rdfs:label ?l ; a/rdfs:subClassOf* dcterms:Location FILTER(CONTAINS(?l, 'Jiulong'))",
    "pilot area class": "?x a ?k . ?k rdfs:label ?kl FILTER(LCASE(STR(?kl)) = 'pilot area') ?x rdfs:label ?l FILTER(CONTAINS(?l, 'Chongqing'))",
    "reform classified by a concept of a scheme": "?reform dcterms:subject ?concept . ?concept a skos:Concept ; "
    "skos:inScheme ?scheme . ?scheme a skos:ConceptScheme",
    "population is a number": "?f ?p ?v FILTER(?v = 33000000 && (datatype(?v) = xsd:integer || datatype(?v) = xsd:decimal))",
    "percent is a number": "?f ?p ?v FILTER(?v = 70 && isNumeric(?v))",
    "a stated date is xsd:date": "?s ?p ?d FILTER(?d = '2009-09-22'^^xsd:date)",
    "a stated month is xsd:gYearMonth": "?s ?p ?d FILTER(datatype(?d) = xsd:gYearMonth && STR(?d) = '2009-01')",
    "romanised terms as altLabels": "?x skos:altLabel ?a FILTER(LCASE(STR(?a)) = 'tudi hezuoshe')",
}


@pytest.mark.parametrize("name", list(CONTRACT))
def test_contract(store: EmbeddedStore, name: str) -> None:
    assert ask(store, CONTRACT[name]), f"INTEROP check failed: {name}"


def test_every_minted_resource_has_exactly_one_label(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?x (COUNT(DISTINCT ?l) AS ?n) WHERE {{
        ?x a ?type . OPTIONAL {{ ?x rdfs:label ?l }}
        FILTER(STRSTARTS(STR(?x), "{BASE}")) }} GROUP BY ?x HAVING (COUNT(DISTINCT ?l) != 1)""",
    )
    assert rows == []


def test_one_iri_for_acronym_and_full_name(store: EmbeddedStore) -> None:
    rows = select(
        store,
        "SELECT DISTINCT ?o WHERE { ?o rdfs:label|skos:altLabel ?l FILTER(?l IN ('CQDRC', 'Chongqing Development and Reform Commission')) }",
    )
    assert len(rows) == 1


def test_no_text_from_page_breaks_or_the_publisher(store: EmbeddedStore) -> None:
    assert not ask(
        store,
        "?p ?q ?t FILTER(isLiteral(?t) && (CONTAINS(?t, '00000229') || CONTAINS(?t, 'Scoop') || CONTAINS(?t, 'UNFCCC')))",
    )


def test_default_graph_is_a_set(store: EmbeddedStore) -> None:
    # the same fact in two paragraph graphs must not be counted twice
    rows = select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    distinct = select(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }",
    )
    assert rows == distinct


def test_bundled_seed_is_the_shared_seed() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seed" / "09CHENGDU229.txt"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert bundled_cables()[0].read_bytes() == shared.read_bytes()
