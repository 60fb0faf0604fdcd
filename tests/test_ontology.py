"""The ontology: OWL consistency, every CKG term declared and documented, the INTEROP.md
alignments, the reform-area scheme (including how its labels match text) and the HTML docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from cablekg.rdf.namespaces import CKG, ONTOLOGY_IRI, PREFIXES, RA, REFORM_AREA_SCHEME_IRI
from cablekg.resources import ontology_path
from cablekg.validate import check_consistency

ONT = URIRef(ONTOLOGY_IRI)
SCHEME = URIRef(REFORM_AREA_SCHEME_IRI)
VANN = "http://purl.org/vocab/vann/"
STANDARD = (
    "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
)
CKG_TERMS = sorted(CKG.__annotations__)
KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def ont() -> Graph:
    graph = Graph().parse(ontology_path())
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def concepts(ont: Graph) -> list[URIRef]:
    return sorted(c for c in ont.subjects(SKOS.inScheme, SCHEME) if isinstance(c, URIRef))


# --- OWL ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable() -> None:
    report = check_consistency()
    assert report.consistent, report.detail
    assert report.unsatisfiable == ()


def test_no_property_is_both_object_and_datatype(ont: Graph) -> None:
    both = set(ont.subjects(RDF.type, OWL.ObjectProperty)) & set(
        ont.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert not both


def test_every_property_used_in_an_axiom_is_declared(ont: Graph) -> None:
    declared = {
        s for kind in KINDS | {OWL.AnnotationProperty} for s in ont.subjects(RDF.type, kind)
    }
    used = {p for p in ont.predicates() if not str(p).startswith((str(RDF), str(RDFS), str(OWL)))}
    assert used <= declared, sorted(used - declared)


def test_standard_super_properties_have_the_same_kind(ont: Graph) -> None:
    for sub, sup in ont.subject_objects(RDFS.subPropertyOf):
        if str(sup).startswith(STANDARD):
            kinds = set(ont.objects(sub, RDF.type)) & KINDS
            assert kinds and kinds <= set(ont.objects(sup, RDF.type)), (sub, sup)


# --- every CKG term ----------------------------------------------------------------------------


def test_namespace_lists_terms() -> None:
    assert len(CKG_TERMS) > 80 and "Cable" in CKG_TERMS and "statedIn" in CKG_TERMS


@pytest.mark.parametrize("name", CKG_TERMS)
def test_term_is_declared_labelled_and_defined(ont: Graph, name: str) -> None:
    term = CKG[name]
    kinds = set(ont.objects(term, RDF.type)) & KINDS
    expected = {OWL.Class} if name[0].isupper() else {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert len(kinds) == 1 and kinds <= expected, kinds
    labels = list(ont.objects(term, RDFS.label))
    assert len(labels) == 1 and labels[0].language == "en"
    definitions = list(ont.objects(term, SKOS.definition))
    assert len(definitions) == 1 and definitions[0].language == "en" and len(definitions[0]) > 20
    assert (term, RDFS.isDefinedBy, ONT) in ont


def test_ontology_defines_nothing_the_namespace_does_not_know(ont: Graph) -> None:
    ours = {s for s in ont.subjects() if isinstance(s, URIRef) and s.startswith(str(CKG._NS))}
    assert {str(s)[len(str(CKG._NS)) :] for s in ours} == set(CKG_TERMS)


def test_location_of_transitive_locatedin(ont: Graph) -> None:
    assert (CKG.locatedIn, RDF.type, OWL.TransitiveProperty) in ont


# --- INTEROP.md alignments, as an outside check would ask them --------------------------------

INSTITUTIONS = [
    "GovernmentBody",
    "Commission",
    "Ministry",
    "LocalGovernment",
    "PartyOrganization",
    "ResearchInstitution",
    "FinancialInstitution",
    "Bank",
    "ForeignBank",
    "Cooperative",
    "DiplomaticPost",
    "Embassy",
    "Consulate",
    "Company",
    "InternationalOrganization",
]
PLACES = [
    "Place",
    "Country",
    "Province",
    "Municipality",
    "County",
    "City",
    "District",
    "Region",
    "Township",
    "PilotArea",
]
ALIGNMENTS = (
    [
        ("Cable", "foaf:Document"),
        ("Official", "foaf:Person"),
        ("ReformArea", "skos:Concept"),
        ("Reform", "prov:Activity"),
        ("ReformExperiment", "ckg:Reform"),
        ("Meeting", "prov:Activity"),
        ("Plan", "prov:Plan"),
        ("Statement", "prov:Entity"),
        ("Figure", "prov:Entity"),
        ("Directive", "prov:Entity"),
        ("Paragraph", "prov:Entity"),
        ("Commission", "ckg:GovernmentBody"),
        ("ForeignBank", "ckg:Bank"),
        ("Bank", "ckg:FinancialInstitution"),
        ("Embassy", "ckg:DiplomaticPost"),
        ("Consulate", "ckg:DiplomaticPost"),
        ("Place", "prov:Location"),
    ]
    + [(name, "dcterms:Location") for name in PLACES]
    + [(name, "org:Organization") for name in INSTITUTIONS]
)


@pytest.mark.parametrize(("name", "superclass"), ALIGNMENTS)
def test_class_alignment(ont: Graph, name: str, superclass: str) -> None:
    assert ont.query(f"ASK {{ ckg:{name} rdfs:subClassOf* {superclass} }}").askAnswer


SUBPROPERTIES = [
    ("originPost", "dcterms:creator"),
    ("issuedBy", "dcterms:creator"),
    ("reformArea", "dcterms:subject"),
    ("focusArea", "dcterms:subject"),
    ("participant", "prov:wasAssociatedWith"),
    ("speaker", "prov:wasAttributedTo"),
    ("statedIn", "prov:wasDerivedFrom"),
    ("experimentIn", "prov:atLocation"),
]


@pytest.mark.parametrize(("name", "superproperty"), SUBPROPERTIES)
def test_property_alignment(ont: Graph, name: str, superproperty: str) -> None:
    assert ont.query(f"ASK {{ ckg:{name} rdfs:subPropertyOf+ {superproperty} }}").askAnswer


def test_a_class_is_labelled_pilot_area(ont: Graph) -> None:
    query = """ASK { ?c a owl:Class ; rdfs:label ?l ; rdfs:subClassOf* dcterms:Location .
                     FILTER (lcase(str(?l)) = "pilot area") }"""
    assert ont.query(query).askAnswer


def test_ontology_metadata(ont: Graph) -> None:
    assert (ONT, RDF.type, OWL.Ontology) in ont
    assert ont.value(ONT, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.1.0")
    assert ont.value(ONT, OWL.versionInfo) == Literal("0.1.0")
    for prop in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.creator,
        DCTERMS.modified,
    ):
        assert ont.value(ONT, prop) is not None, prop
    assert str(ont.value(ONT, URIRef(VANN + "preferredNamespacePrefix"))) == "ckg"


# --- the reform-area scheme ------------------------------------------------------------------


def test_scheme_has_the_core_reform_areas(ont: Graph) -> None:
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in ont
    query = """ASK { ?scheme a skos:ConceptScheme .
        { SELECT ?scheme (COUNT(?c) AS ?n) WHERE { ?c a skos:Concept ; skos:inScheme ?scheme }
          GROUP BY ?scheme } FILTER (?n >= 8) }"""
    assert ont.query(query).askAnswer
    for label in ("land use rights", "hukou", "social security", "rural finance"):
        found = ont.query(
            """ASK { ?c skos:inScheme ?s ; skos:prefLabel|skos:altLabel ?l .
                     ?s a skos:ConceptScheme . FILTER (lcase(str(?l)) = ?want) }""",
            initBindings={"want": Literal(label)},
        ).askAnswer
        assert found, label


def test_every_concept_is_complete(ont: Graph) -> None:
    found = concepts(ont)
    assert len(found) >= 20
    for concept in found:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", str(concept)[len(str(RA)) :]), concept
        assert {SKOS.Concept, CKG.ReformArea} <= set(ont.objects(concept, RDF.type)), concept
        pref = list(ont.objects(concept, SKOS.prefLabel))
        assert len(pref) == 1 and pref[0].language == "en", concept
        assert ont.value(concept, SKOS.definition) is not None, concept
        top = (concept, SKOS.topConceptOf, SCHEME) in ont
        assert top == ((SCHEME, SKOS.hasTopConcept, concept) in ont), concept
        assert top != (ont.value(concept, SKOS.broader) is not None), concept
        for broader in ont.objects(concept, SKOS.broader):
            assert (broader, SKOS.narrower, concept) in ont, concept


def test_labels_are_unambiguous(ont: Graph) -> None:
    """No surface phrase may point at two concepts: the extractor could not choose."""
    owner: dict[str, URIRef] = {}
    for concept in concepts(ont):
        for label in ont.objects(concept, SKOS.prefLabel | SKOS.altLabel):  # type: ignore[operator]
            key = str(label).lower()
            assert owner.setdefault(key, concept) == concept, key


def match_areas(ont: Graph, text: str) -> set[str]:
    """How the extractor classifies: labels, case-insensitive, on word boundaries."""
    hits = set()
    for concept in concepts(ont):
        for label in ont.objects(concept, SKOS.prefLabel | SKOS.altLabel):  # type: ignore[operator]
            if re.search(rf"(?<!\w){re.escape(str(label))}(?!\w)", text, re.IGNORECASE):
                hits.add(str(concept)[len(str(RA)) :])
    return hits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The province is reforming its land use and rural banking systems.",
            {"land-use-rights", "rural-finance"},
        ),
        ("Officials described the household registration (huji) changes.", {"hukou"}),
        ("Reclassifying the hukou of villagers lets them claim urban benefits.", {"hukou"}),
        (
            "The county expanded medical insurance and insurance for the elderly.",
            {"medical-insurance", "elderly-insurance"},
        ),
        ("Farmers may pool plots in land cooperatives (tudi hezuoshe).", {"land-cooperatives"}),
        (
            "Growers joined farmers' specialized cooperatives last year.",
            {"agricultural-cooperatives"},
        ),
        (
            "Rural Finance remains thin; Social Security coverage is patchy.",
            {"rural-finance", "social-security"},
        ),
        ("The public budget and revenue system will be overhauled.", {"public-budget"}),
        ("Urbanization of the county is moving quickly.", {"resettlement-and-urbanisation"}),
        ("The Ambassador met the Foreign Minister to discuss the election.", set()),
        ("The landlord used the island for fishing.", set()),
    ],
)
def test_labels_match_realistic_text(ont: Graph, text: str, expected: set[str]) -> None:
    assert match_areas(ont, text) == expected


# --- documentation ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docs_html() -> str:
    from cablekg.docs import render_docs

    return render_docs()


@pytest.mark.parametrize(
    "anchor",
    ["Cable", "PilotArea", "Official", "originPost", "paragraphNumber", "land-use-rights", "hukou"],
)
def test_docs_have_anchors_named_after_local_names(docs_html: str, anchor: str) -> None:
    assert f'id="{anchor}"' in docs_html


def test_docs_show_labels_and_definitions(docs_html: str) -> None:
    assert "cablekg ontology" in docs_html
    assert "pilot area" in docs_html
    assert "residence registration" in docs_html


def test_write_docs_to_a_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, docs_html: str
) -> None:
    from cablekg import docs

    monkeypatch.setattr(docs, "render_docs", lambda: docs_html)
    written = docs.write_docs(tmp_path / "site")
    assert written == tmp_path / "site" / "index.html"
    assert written.read_text(encoding="utf-8") == docs_html
    assert docs.write_docs(tmp_path / "o.html") == tmp_path / "o.html"


GENERIC_TEXT = [
    "The fiscal year 2010 budget request funds two new positions at the embassy.",
    "He described the political situation and the legal framework for the elections.",
    "The driver was taken to hospital after the incident at the land border crossing.",
    "Banking officials discussed the education of their children and local housing prices.",
    "Industrial output grew while the service economy and agricultural exports slowed.",
    "The administrative staff reviewed environmental and medical records.",
]


@pytest.mark.parametrize("text", GENERIC_TEXT)
def test_extractor_finds_no_reform_area_in_generic_text(text: str) -> None:
    """The extractor's own matcher (labels, plus labels without a generic tail such as
    'reform' or 'system') must not fire on everyday diplomatic prose."""
    from cablekg.extract.scheme import load_reform_scheme

    assert load_reform_scheme(ontology_path()).find(text) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Reform of land use rights lets farmers mortgage plots.", "concept:land-use-rights"),
        ("Villagers with a rural hukou cannot enrol their children.", "concept:hukou"),
        ("The pilot expands rural banking to every county.", "concept:rural-finance"),
        ("Pension reform will reach farmers next year.", "concept:elderly-insurance"),
        ("Tudi hezuoshe let members hold land as shares.", "concept:land-cooperatives"),
        ("The city plans more affordable housing for migrant workers.", "concept:housing"),
    ],
)
def test_extractor_finds_the_reform_area(text: str, key: str) -> None:
    from cablekg.extract.scheme import load_reform_scheme

    assert key in {k for k, _, _ in load_reform_scheme(ontology_path()).find(text)}
