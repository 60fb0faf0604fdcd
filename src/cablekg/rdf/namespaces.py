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

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/cablekg/ontology"
REFORM_AREA_SCHEME_IRI = "https://w3id.org/cablekg/reform-area"


class CKG(DefinedNamespace):
    """cablekg ontology terms."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # documents
    Cable: object
    Paragraph: object
    CableReference: object  # a qualified REF entry (letter, inferred year, source text)
    Mention: object  # where a paragraph names an entity (offsets and exact text)
    # places
    Place: object
    Country: object
    Province: object
    Municipality: object
    County: object
    City: object
    District: object
    Region: object
    Township: object
    PilotArea: object
    # institutions (all under org:Organization)
    GovernmentBody: object
    Commission: object
    Ministry: object
    LocalGovernment: object
    PartyOrganization: object
    ResearchInstitution: object
    FinancialInstitution: object
    Bank: object
    ForeignBank: object
    Cooperative: object
    DiplomaticPost: object
    Embassy: object
    Consulate: object
    Company: object
    InternationalOrganization: object
    # people
    Official: object
    # reforms, events, claims, figures
    ReformArea: object  # skos:Concept subclass for the reform-area scheme
    Reform: object
    ReformExperiment: object
    Meeting: object
    Directive: object
    Plan: object
    Statement: object
    Figure: object

    # object properties
    originPost: object
    citation: object
    citedCable: object
    mentions: object
    refersTo: object
    inParagraph: object
    locatedIn: object
    pilotFor: object
    designatedBy: object
    pursuedBy: object
    reformArea: object
    experimentIn: object
    experimentOf: object
    jurisdiction: object
    basedIn: object
    operatesIn: object
    approvedBy: object
    issuedBy: object
    addressedTo: object
    focusArea: object
    participant: object
    speaker: object
    addressee: object
    about: object
    statedIn: object

    # datatype properties
    classification: object
    tag: object
    paragraphNumber: object
    text: object
    marking: object
    heading: object
    referenceLabel: object
    yearInferred: object
    sourceText: object
    startOffset: object
    endOffset: object
    exact: object
    designatedOn: object
    aim: object
    measure: object
    value: object
    unit: object
    measures: object
    asOf: object
    verb: object
    content: object


RA = Namespace(REFORM_AREA_SCHEME_IRI + "/")

PREFIXES: dict[str, Namespace | str] = {
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
