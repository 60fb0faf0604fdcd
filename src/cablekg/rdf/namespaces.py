"""The vocabularies cablekg writes: its own ontology (CKG), the reform-area scheme (RA) and the
W3C / DCMI vocabularies it is aligned to.

CKG is a closed namespace: using a term the ontology does not define is an AttributeError at
import time of the caller, and tests/test_ontology.py checks that every term listed here is
declared, labelled and defined in ontology/cablekg.ttl.

The ontology namespace is fixed (it does not follow the configurable data base IRI) so that
saved queries are portable between deployments; the web app serves the ontology at
``<base>ontology`` and a w3id redirect points the namespace there.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/cablekg/ontology"
REFORM_AREA_SCHEME_IRI = "https://w3id.org/cablekg/reform-area"


class CKG(DefinedNamespace):
    """cablekg ontology terms."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # documents
    Cable: URIRef
    Paragraph: URIRef
    CableReference: URIRef  # a qualified REF entry (letter, inferred year, source text)
    Mention: URIRef  # where a paragraph names an entity (offsets and exact text)
    # places
    Place: URIRef
    Country: URIRef
    Province: URIRef
    Municipality: URIRef
    County: URIRef
    City: URIRef
    District: URIRef
    Region: URIRef
    Township: URIRef
    PilotArea: URIRef
    # institutions (all under org:Organization)
    GovernmentBody: URIRef
    Commission: URIRef
    Ministry: URIRef
    LocalGovernment: URIRef
    PartyOrganization: URIRef
    ResearchInstitution: URIRef
    FinancialInstitution: URIRef
    Bank: URIRef
    ForeignBank: URIRef
    Cooperative: URIRef
    DiplomaticPost: URIRef
    Embassy: URIRef
    Consulate: URIRef
    Company: URIRef
    InternationalOrganization: URIRef
    # people
    Official: URIRef
    # reforms, events, claims, figures
    ReformArea: URIRef  # skos:Concept subclass for the reform-area scheme
    Reform: URIRef
    ReformExperiment: URIRef
    Meeting: URIRef
    Directive: URIRef
    Plan: URIRef
    Statement: URIRef
    Figure: URIRef

    # object properties
    originPost: URIRef
    citation: URIRef
    citedCable: URIRef
    mentions: URIRef
    refersTo: URIRef
    inParagraph: URIRef
    locatedIn: URIRef
    pilotFor: URIRef
    designatedBy: URIRef
    pursuedBy: URIRef
    reformArea: URIRef
    experimentIn: URIRef
    experimentOf: URIRef
    jurisdiction: URIRef
    basedIn: URIRef
    operatesIn: URIRef
    approvedBy: URIRef
    issuedBy: URIRef
    addressedTo: URIRef
    focusArea: URIRef
    participant: URIRef
    speaker: URIRef
    addressee: URIRef
    about: URIRef
    statedIn: URIRef

    # datatype properties
    classification: URIRef
    tag: URIRef
    paragraphNumber: URIRef
    text: URIRef
    marking: URIRef
    heading: URIRef
    referenceLabel: URIRef
    yearInferred: URIRef
    sourceText: URIRef
    startOffset: URIRef
    endOffset: URIRef
    exact: URIRef
    designatedOn: URIRef
    aim: URIRef
    measure: URIRef
    value: URIRef
    unit: URIRef
    measures: URIRef
    asOf: URIRef
    verb: URIRef
    content: URIRef


RA = Namespace(REFORM_AREA_SCHEME_IRI + "/")

# prefix -> namespace IRI, for queries, serialisations and pages
PREFIXES: dict[str, str] = {
    prefix: str(ns)
    for prefix, ns in {
        "ckg": CKG._NS,
        "ra": RA,
        "rdf": RDF,
        "rdfs": RDFS,
        "owl": OWL,
        "xsd": XSD,
        "skos": SKOS,
        "dcterms": DCTERMS,
        "foaf": FOAF,
        "org": ORG,
        "prov": PROV,
    }.items()
}

__all__ = [
    "CKG",
    "DCTERMS",
    "FOAF",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RA",
    "RDF",
    "RDFS",
    "REFORM_AREA_SCHEME_IRI",
    "SKOS",
    "XSD",
]
