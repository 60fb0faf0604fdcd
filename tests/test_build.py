"""Build: hand-made Facts -> named graphs as INTEROP.md lays them out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from cablekg.cables.model import Cable, Paragraph, Reference
from cablekg.extract.model import (
    Attribute,
    DateValue,
    Entity,
    Facts,
    Figure,
    Meeting,
    Membership,
    Relation,
    Span,
    Statement,
)
from cablekg.rdf.build import build, literal
from cablekg.rdf.iris import IRIs
from cablekg.rdf.namespaces import CKG, RA
from cablekg.rdf.vocabulary import Vocabulary

BASE = "http://kg.example/"
iris = IRIs(BASE)

ONTOLOGY = """
@prefix ckg: <https://w3id.org/cablekg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ckg:reformArea rdfs:subPropertyOf dcterms:subject .
ckg:speaker rdfs:subPropertyOf prov:wasAttributedTo .
ckg:statedIn rdfs:subPropertyOf prov:wasDerivedFrom .
ckg:originPost rdfs:subPropertyOf dcterms:creator .
<https://w3id.org/cablekg/reform-area/hukou> skos:prefLabel "hukou (residence registration)"@en .
"""

TEXT1 = "Springfield Municipality officials said the hukou reform would proceed."
TEXT2 = (
    "Deputy Director Li Ming of the Springfield Planning Commission told Consul General on May 3."
)


@dataclass
class Ids:
    paths: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary(Graph().parse(data=ONTOLOGY, format="turtle"))


def span(n: int, text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(n, start, start + len(phrase), phrase)


@pytest.fixture(scope="module")
def built(vocab: Vocabulary):
    cable = Cable(
        id="09SPRINGFIELD12",
        created=datetime(2009, 5, 20, 8, 30, tzinfo=UTC),
        title="Springfield reforms",
        paragraphs=(Paragraph(1, TEXT1, "SBU", ("Summary",)), Paragraph(2, TEXT2)),
        origin="Consulate Springfield",
        classification="UNCLASSIFIED",
        tags=("ECON", "PGOV"),
        references=(Reference("09SPRINGFIELD3", "A", True, "SPRINGFIELD 3"),),
    )
    place = Entity(
        "place:springfield",
        "Municipality",
        "Springfield Municipality",
        ("Springfield",),
        (span(1, TEXT1, "Springfield Municipality"),),
    )
    person = Entity(
        "person:li ming",
        "Official",
        "Li Ming",
        (),
        (span(2, TEXT2, "Li Ming"),),
        given_name="Ming",
        family_name="Li",
    )
    org = Entity(
        "org:spc",
        "Commission",
        "Springfield Planning Commission",
        ("SPC",),
        (span(2, TEXT2, "Springfield Planning Commission"),),
    )
    cg = Entity(
        "person:cg",
        "Official",
        "Consul General (Consulate Springfield)",
        (),
        (span(2, TEXT2, "Consul General"),),
    )
    reform = Entity("reform:springfield|hukou", "Reform", "Hukou reform in Springfield")
    facts = Facts(
        cable_id=cable.id,
        entities=(place, person, org, cg, reform),
        relations=(
            Relation(reform.key, "pursuedBy", place.key, span(1, TEXT1, "hukou reform")),
            Relation(reform.key, "reformArea", "concept:hukou", span(1, TEXT1, "hukou reform")),
            Relation(place.key, "pilotFor", reform.key, span(1, TEXT1, "hukou reform")),
        ),
        attributes=(
            Attribute(
                place.key, "designatedOn", DateValue("2008", "year"), span(1, TEXT1, "Springfield")
            ),
        ),
        memberships=(
            Membership(
                person.key, org.key, "Deputy Director", span(2, TEXT2, "Deputy Director Li Ming")
            ),
        ),
        figures=(
            Figure(Decimal("12.5"), "percent", "growth", place.key, span(1, TEXT1, "officials")),
        ),
        statements=(
            Statement(
                person.key,
                "told",
                "something",
                span(2, TEXT2, TEXT2),
                cg.key,
                DateValue("2009-05-03", "day"),
            ),
        ),
        meetings=(
            Meeting((person.key, cg.key), span(2, TEXT2, TEXT2), DateValue("2009-05-03", "day")),
        ),
    )
    ids = Ids(
        paths={
            "place:springfield": "place/springfield",
            "person:li ming": "person/li-ming",
            "org:spc": "org/springfield-planning-commission",
            "person:cg": "person/consul-general-consulate-springfield",
            "reform:springfield|hukou": "reform/springfield-hukou",
        },
    )
    return cable, build(cable, facts, ids, iris, vocab).dataset()


def graph(ds, name: str) -> Graph:
    return ds.graph(URIRef(BASE + name))


def test_named_graphs_are_the_cable_and_its_paragraphs(built) -> None:
    _, ds = built
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {
        BASE + "cable/09SPRINGFIELD12",
        BASE + "cable/09SPRINGFIELD12/para/1",
        BASE + "cable/09SPRINGFIELD12/para/2",
    }


def test_cable_header(built) -> None:
    _, ds = built
    g, c = graph(ds, "cable/09SPRINGFIELD12"), URIRef(BASE + "cable/09SPRINGFIELD12")
    assert (c, RDF.type, CKG.Cable) in g
    assert g.value(c, DCTERMS.created) == Literal(
        "2009-05-20T08:30:00+00:00", datatype=XSD.dateTime
    )
    assert (c, DCTERMS.identifier, Literal("09SPRINGFIELD12")) in g
    assert set(g.objects(c, CKG.tag)) == {Literal("ECON"), Literal("PGOV")}
    post = URIRef(BASE + "org/consulate-springfield")
    assert (c, CKG.originPost, post) in g and (c, DCTERMS.creator, post) in g  # materialised
    assert (post, RDF.type, CKG.Consulate) in g
    cited = URIRef(BASE + "cable/09SPRINGFIELD3")
    assert (c, DCTERMS.references, cited) in g
    assert (cited, DCTERMS.identifier, Literal("09SPRINGFIELD3")) in g
    ref = URIRef(BASE + "cable/09SPRINGFIELD12/ref/a")
    assert g.value(ref, CKG.yearInferred) == Literal(True)
    para = URIRef(BASE + "cable/09SPRINGFIELD12/para/1")
    assert (c, DCTERMS.hasPart, para) in g and (para, DCTERMS.isPartOf, c) in g
    assert g.value(para, CKG.paragraphNumber) == Literal(1, datatype=XSD.integer)
    assert g.value(para, CKG.text) == Literal(TEXT1)
    assert g.value(para, CKG.marking) == Literal("SBU")


def test_every_minted_resource_has_exactly_one_label(built) -> None:
    _, ds = built
    union = Graph()
    for g in ds.graphs():
        union += g
    for subject in set(union.subjects(RDF.type, None)):
        assert len(set(union.objects(subject, RDFS.label))) == 1, subject


def test_facts_live_in_their_paragraph_graph(built) -> None:
    _, ds = built
    p1, p2 = graph(ds, "cable/09SPRINGFIELD12/para/1"), graph(ds, "cable/09SPRINGFIELD12/para/2")
    place, reform = URIRef(BASE + "place/springfield"), URIRef(BASE + "reform/springfield-hukou")
    assert (reform, CKG.reformArea, RA.hukou) in p1
    assert (reform, DCTERMS.subject, RA.hukou) in p1  # standard super-property materialised
    assert (place, RDF.type, CKG.PilotArea) in p1
    assert (place, CKG.designatedOn, Literal("2008", datatype=XSD.gYear)) in p1
    assert (place, SKOS.altLabel, Literal("Springfield")) in p1
    person, org = (
        URIRef(BASE + "person/li-ming"),
        URIRef(BASE + "org/springfield-planning-commission"),
    )
    assert (person, ORG.memberOf, org) in p2 and (person, ORG.memberOf, org) not in p1
    assert (person, FOAF.familyName, Literal("Li")) in p2
    membership = URIRef(BASE + "membership/li-ming/springfield-planning-commission/deputy-director")
    assert (membership, ORG.role, URIRef(BASE + "role/deputy-director")) in p2
    assert (URIRef(BASE + "role/deputy-director"), RDFS.label, Literal("Deputy Director")) in p2


def test_mentions_carry_offsets(built) -> None:
    _, ds = built
    p2 = graph(ds, "cable/09SPRINGFIELD12/para/2")
    person = URIRef(BASE + "person/li-ming")
    (mention,) = p2.subjects(CKG.refersTo, person)
    start, end = int(p2.value(mention, CKG.startOffset)), int(p2.value(mention, CKG.endOffset))
    assert TEXT2[start:end] == str(p2.value(mention, CKG.exact)) == "Li Ming"
    assert (URIRef(BASE + "cable/09SPRINGFIELD12/para/2"), CKG.mentions, person) in p2


def test_figures_statements_meetings(built) -> None:
    _, ds = built
    p1, p2 = graph(ds, "cable/09SPRINGFIELD12/para/1"), graph(ds, "cable/09SPRINGFIELD12/para/2")
    figure = URIRef(BASE + "cable/09SPRINGFIELD12/para/1/figure/1")
    assert p1.value(figure, CKG.value) == Literal(Decimal("12.5"), datatype=XSD.decimal)
    assert (figure, PROV.wasDerivedFrom, URIRef(BASE + "cable/09SPRINGFIELD12/para/1")) in p1
    statement = URIRef(BASE + "cable/09SPRINGFIELD12/para/2/statement/1")
    assert (statement, PROV.wasAttributedTo, URIRef(BASE + "person/li-ming")) in p2
    assert p2.value(statement, DCTERMS.date) == Literal("2009-05-03", datatype=XSD.date)
    meeting = URIRef(BASE + "cable/09SPRINGFIELD12/para/2/meeting/1")
    assert len(set(p2.objects(meeting, CKG.participant))) == 2


@pytest.mark.parametrize(
    ("value", "datatype"),
    [
        (33000000, XSD.integer),
        (Decimal("1.5"), XSD.decimal),
        (True, XSD.boolean),
        (DateValue("2009-09-22", "day"), XSD.date),
        (DateValue("2009-01", "month"), XSD.gYearMonth),
        (DateValue("2007", "year"), XSD.gYear),
    ],
)
def test_values_are_typed_literals(value, datatype) -> None:
    assert literal(value).datatype == datatype
