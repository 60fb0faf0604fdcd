"""Every SHACL shape has tiny conforming examples and, for each of its constraints, a tiny
violating example.

An example is a base resource (conforming) with some properties overridden. A violating example
must produce a result from *that* node shape, on *that* path, from *that* constraint component;
``test_every_constraint_has_a_violating_example`` checks that every constraint in the shapes file
has one, so removing or weakening any constraint makes a test fail. All names are invented.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from cablekg.rdf.namespaces import PREFIXES as NAMESPACES
from cablekg.resources import shapes_path
from cablekg.validate import Report, Validator

CKGSH = "https://w3id.org/cablekg/shapes#"

PRELUDE = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in NAMESPACES.items()) + (
    "@prefix ex: <http://example.org/> .\n"
)

# conforming resources the examples point at
CONTEXT = """
ex:cable a ckg:Cable ; rdfs:label "10TESTPOST7" ; dcterms:identifier "10TESTPOST7" ;
    dcterms:title "Test subject" ; dcterms:created "2010-02-01T08:30:00Z"^^xsd:dateTime ;
    ckg:originPost ex:post ; ckg:classification "UNCLASSIFIED" ;
    dcterms:hasPart ex:para , ex:para2 .
ex:post a ckg:Embassy ; rdfs:label "Embassy Testland" .
ex:post2 a ckg:Consulate ; rdfs:label "Consulate Testville" .
ex:para a ckg:Paragraph ; rdfs:label "10TESTPOST7 paragraph 1" ; ckg:paragraphNumber 1 ;
    ckg:text "Some text." ; dcterms:isPartOf ex:cable .
ex:para2 a ckg:Paragraph ; rdfs:label "10TESTPOST7 paragraph 2" ; ckg:paragraphNumber 2 ;
    ckg:text "More text." ; dcterms:isPartOf ex:cable .
ex:s a ckg:Cable ; rdfs:label "09TESTPOST3" ; dcterms:identifier "09TESTPOST3" .
ex:refA a ckg:CableReference ; rdfs:label "10OTHERPOST8 ref A: 09TESTPOST3" ;
    ckg:citedCable ex:s ; ckg:referenceLabel "A" .
ex:person a ckg:Official ; rdfs:label "Ann Example" .
ex:person2 a foaf:Person ; rdfs:label "Consul General" .
ex:gov a ckg:GovernmentBody ; rdfs:label "Testland Council" .
ex:gov2 a ckg:Ministry ; rdfs:label "Ministry of Tests" .
ex:r a org:Role ; rdfs:label "Chief" .
ex:r2 a org:Role ; rdfs:label "Deputy Chief" .
ex:province a ckg:Province ; rdfs:label "North Province" .
ex:county a ckg:County ; rdfs:label "East County" ; ckg:locatedIn ex:province .
ex:reform a ckg:Reform ; rdfs:label "Land reform in North Province" ;
    ckg:pursuedBy ex:province ; ckg:reformArea ra:land-use-rights .
"""

# base name -> (subject, types, properties); every base conforms to every shape
BASES: dict[str, tuple[str, str, dict[str, str]]] = {
    "place": ("ex:x", "ckg:Township", {"rdfs:label": '"West Town"', "ckg:locatedIn": "ex:county"}),
    "stub": (
        "ex:c3",
        "ckg:Cable",
        {"rdfs:label": '"09TESTPOST4"', "dcterms:identifier": '"09TESTPOST4"'},
    ),
    "cable": (
        "ex:c2",
        "ckg:Cable",
        {
            "rdfs:label": '"10OTHERPOST8"',
            "dcterms:identifier": '"10OTHERPOST8"',
            "dcterms:title": '"Other subject"',
            "dcterms:created": '"2010-02-01T08:30:00Z"^^xsd:dateTime',
            "ckg:originPost": "ex:post",
            "ckg:classification": '"CONFIDENTIAL"',
            "dcterms:hasPart": "ex:para",
            "dcterms:references": "ex:s",
            "ckg:citation": "ex:refA",
        },
    ),
    "paragraph": (
        "ex:p3",
        "ckg:Paragraph",
        {
            "rdfs:label": '"p3"',
            "ckg:paragraphNumber": "3",
            "ckg:text": '"t"',
            "dcterms:isPartOf": "ex:cable",
            "ckg:heading": '"Heading"',
            "ckg:marking": '"SBU"',
        },
    ),
    "ref": (
        "ex:ref",
        "ckg:CableReference",
        {
            "rdfs:label": '"ref A"',
            "ckg:citedCable": "ex:s",
            "ckg:referenceLabel": '"A"',
            "ckg:yearInferred": "true",
            "ckg:sourceText": '"TESTPOST 3"',
        },
    ),
    "mention": (
        "ex:mn",
        "ckg:Mention",
        {
            "rdfs:label": '"m"',
            "ckg:refersTo": "ex:person",
            "ckg:inParagraph": "ex:para",
            "ckg:startOffset": "0",
            "ckg:endOffset": "4",
            "ckg:exact": '"Some"',
        },
    ),
    "pilot": (
        "ex:pa",
        "ckg:Municipality , ckg:PilotArea",
        {
            "rdfs:label": '"Pilot City"',
            "ckg:pilotFor": "ex:reform",
            "ckg:designatedBy": "ex:gov",
            "ckg:designatedOn": '"2007"^^xsd:gYear',
        },
    ),
    "org": (
        "ex:o",
        "ckg:Commission",
        {
            "rdfs:label": '"Reform Commission"',
            "skos:altLabel": '"RC"',
            "ckg:jurisdiction": "ex:province",
            "ckg:basedIn": "ex:county",
            "ckg:operatesIn": "ex:county",
        },
    ),
    "person": (
        "ex:q",
        "ckg:Official",
        {
            "rdfs:label": '"Bo Sample"',
            "foaf:familyName": '"Sample"',
            "foaf:givenName": '"Bo"',
            "org:memberOf": "ex:gov",
        },
    ),
    "membership": (
        "ex:m",
        "org:Membership",
        {
            "rdfs:label": '"Ann Example, Chief, Testland Council"',
            "org:member": "ex:person",
            "org:organization": "ex:gov",
            "org:role": "ex:r",
        },
    ),
    "role": ("ex:r3", "org:Role", {"rdfs:label": '"Deputy Director"'}),
    "reform": (
        "ex:rf",
        "ckg:Reform",
        {
            "rdfs:label": '"r"',
            "ckg:pursuedBy": "ex:gov",
            "ckg:reformArea": "ra:hukou , ra:social-security",
        },
    ),
    "experiment": (
        "ex:xp",
        "ckg:ReformExperiment",
        {
            "rdfs:label": '"x"',
            "ckg:experimentIn": "ex:county",
            "ckg:pursuedBy": "ex:county",
            "ckg:experimentOf": "ex:reform",
            "ckg:reformArea": "ra:land-cooperatives",
            "ckg:measure": '"pooling land"',
        },
    ),
    "directive": (
        "ex:d",
        "ckg:Directive",
        {
            "rdfs:label": '"d"',
            "ckg:issuedBy": "ex:gov",
            "ckg:addressedTo": "ex:province",
            "dcterms:date": '"2009-01"^^xsd:gYearMonth',
            "ckg:focusArea": "ra:hukou",
            "ckg:aim": '"settle migrants"',
        },
    ),
    "plan": (
        "ex:pl",
        "ckg:Plan",
        {
            "rdfs:label": '"Ten-year plan"',
            "ckg:issuedBy": "ex:gov",
            "ckg:focusArea": "ra:infrastructure",
        },
    ),
    "statement": (
        "ex:st",
        "ckg:Statement",
        {
            "rdfs:label": '"Ann Example said: things"',
            "ckg:speaker": "ex:person",
            "ckg:verb": '"said"',
            "ckg:addressee": "ex:person2",
            "ckg:content": '"things"',
            "ckg:statedIn": "ex:para",
            "dcterms:date": '"2010-01-05"^^xsd:date',
        },
    ),
    "meeting": (
        "ex:mt",
        "ckg:Meeting",
        {
            "rdfs:label": '"Meeting"',
            "ckg:participant": "ex:person , ex:person2",
            "dcterms:date": '"2010-01-05"^^xsd:date',
        },
    ),
    "figure": (
        "ex:f",
        "ckg:Figure",
        {
            "rdfs:label": '"33000000 people"',
            "ckg:value": "33000000",
            "ckg:unit": '"person"',
            "ckg:measures": '"people"',
            "ckg:about": "ex:province",
            "ckg:sourceText": '"33 million people"',
            "ckg:asOf": '"2009"^^xsd:gYear',
            "ckg:statedIn": "ex:para",
        },
    ),
}

# further conforming variants: (base, overrides)
GOOD_VARIANTS: list[tuple[str, dict[str, str]]] = [
    ("person", {"@type": "foaf:Person", "foaf:familyName": "", "foaf:givenName": ""}),
    ("figure", {"ckg:value": "2.5", "ckg:unit": '"percent"', "ckg:asOf": ""}),
    ("figure", {"ckg:asOf": '"2009-06"^^xsd:gYearMonth'}),
    ("meeting", {"ckg:participant": "ex:person", "dcterms:date": '"2009"^^xsd:gYear'}),
    ("directive", {"dcterms:date": '"2009-01-15"^^xsd:date', "ckg:addressedTo": ""}),
    (
        "cable",
        {
            "dcterms:created": '"2010-02-01T08:30:00+00:00"^^xsd:dateTime',
            "ckg:originPost": "",
            "ckg:classification": "",
        },
    ),
    ("paragraph", {"ckg:paragraphNumber": "0", "ckg:heading": "", "ckg:marking": ""}),
    ("reform", {"ckg:pursuedBy": "ex:province , ex:gov"}),
    ("pilot", {"ckg:designatedOn": '"2007-05"^^xsd:gYearMonth'}),
    ("stub", {"rdfs:label": '"89PARIS1"', "dcterms:identifier": '"89PARIS1"'}),
]

# (node shape, "path Component" or "- Component" for node-level, base, overrides)
# an override value '' drops the property; "@id" / "@type" replace subject / types
BAD: list[tuple[str, str, str, dict[str, str]]] = [
    ("LabelShape", "rdfs:label MinCount", "place", {"rdfs:label": ""}),
    ("LabelShape", "rdfs:label MaxCount", "place", {"rdfs:label": '"A" , "B"'}),
    ("LabelShape", "rdfs:label NodeKind", "place", {"rdfs:label": "ex:name"}),
    ("LabelShape", "rdfs:label MinLength", "place", {"rdfs:label": '""'}),
    ("CableShape", "- NodeKind", "stub", {"@id": "[]"}),
    ("CableShape", "dcterms:identifier MinCount", "stub", {"dcterms:identifier": ""}),
    (
        "CableShape",
        "dcterms:identifier MaxCount",
        "stub",
        {"dcterms:identifier": '"09TESTPOST4" , "09TESTPOST5"'},
    ),
    (
        "CableShape",
        "dcterms:identifier Datatype",
        "stub",
        {"dcterms:identifier": '"09TESTPOST4"@en'},
    ),
    ("CableShape", "dcterms:identifier Pattern", "stub", {"dcterms:identifier": '"09TESTPOST04"'}),
    ("CableShape", "rdfs:label MinCount", "stub", {"rdfs:label": ""}),
    ("CableShape", "rdfs:label MaxCount", "stub", {"rdfs:label": '"a" , "b"'}),
    (
        "LoadedCableShape",
        "- Class",
        "cable",
        {"@type": "", "rdfs:label": "", "dcterms:identifier": ""},
    ),
    ("LoadedCableShape", "dcterms:title MinCount", "cable", {"dcterms:title": ""}),
    ("LoadedCableShape", "dcterms:title MaxCount", "cable", {"dcterms:title": '"A" , "B"'}),
    ("LoadedCableShape", "dcterms:title NodeKind", "cable", {"dcterms:title": "ex:title"}),
    ("LoadedCableShape", "dcterms:title MinLength", "cable", {"dcterms:title": '""'}),
    ("LoadedCableShape", "dcterms:created MinCount", "cable", {"dcterms:created": ""}),
    (
        "LoadedCableShape",
        "dcterms:created MaxCount",
        "cable",
        {
            "dcterms:created": '"2010-02-01T08:30:00Z"^^xsd:dateTime , '
            '"2010-02-02T08:30:00Z"^^xsd:dateTime'
        },
    ),
    (
        "LoadedCableShape",
        "dcterms:created Datatype",
        "cable",
        {"dcterms:created": '"2010-02-01Z"^^xsd:date'},
    ),
    (
        "LoadedCableShape",
        "dcterms:created Pattern",
        "cable",
        {"dcterms:created": '"2010-02-01T08:30:00+08:00"^^xsd:dateTime'},
    ),
    (
        "LoadedCableShape",
        "ckg:originPost MaxCount",
        "cable",
        {"ckg:originPost": "ex:post , ex:post2"},
    ),
    ("LoadedCableShape", "ckg:originPost Class", "cable", {"ckg:originPost": "ex:gov"}),
    (
        "LoadedCableShape",
        "ckg:classification MaxCount",
        "cable",
        {"ckg:classification": '"SECRET" , "CONFIDENTIAL"'},
    ),
    ("LoadedCableShape", "ckg:classification Datatype", "cable", {"ckg:classification": "1"}),
    (
        "LoadedCableShape",
        "dcterms:hasPart Class",
        "cable",
        {"dcterms:hasPart": "ex:para , ex:person"},
    ),
    ("LoadedCableShape", "dcterms:references Class", "cable", {"dcterms:references": "ex:para"}),
    ("LoadedCableShape", "ckg:citation Class", "cable", {"ckg:citation": "ex:person"}),
    ("ParagraphShape", "ckg:paragraphNumber MinCount", "paragraph", {"ckg:paragraphNumber": ""}),
    (
        "ParagraphShape",
        "ckg:paragraphNumber MaxCount",
        "paragraph",
        {"ckg:paragraphNumber": "3 , 4"},
    ),
    ("ParagraphShape", "ckg:paragraphNumber Datatype", "paragraph", {"ckg:paragraphNumber": '"3"'}),
    (
        "ParagraphShape",
        "ckg:paragraphNumber MinInclusive",
        "paragraph",
        {"ckg:paragraphNumber": "-1"},
    ),
    ("ParagraphShape", "ckg:text MinCount", "paragraph", {"ckg:text": ""}),
    ("ParagraphShape", "ckg:text MaxCount", "paragraph", {"ckg:text": '"a" , "b"'}),
    ("ParagraphShape", "ckg:text NodeKind", "paragraph", {"ckg:text": "ex:text"}),
    ("ParagraphShape", "dcterms:isPartOf MinCount", "paragraph", {"dcterms:isPartOf": ""}),
    (
        "ParagraphShape",
        "dcterms:isPartOf MaxCount",
        "paragraph",
        {"dcterms:isPartOf": "ex:cable , ex:s"},
    ),
    ("ParagraphShape", "dcterms:isPartOf Class", "paragraph", {"dcterms:isPartOf": "ex:person"}),
    ("ParagraphShape", "ckg:heading MaxCount", "paragraph", {"ckg:heading": '"a" , "b"'}),
    ("ParagraphShape", "ckg:heading NodeKind", "paragraph", {"ckg:heading": "ex:heading"}),
    ("CableReferenceShape", "ckg:citedCable MinCount", "ref", {"ckg:citedCable": ""}),
    (
        "CableReferenceShape",
        "ckg:citedCable MaxCount",
        "ref",
        {"ckg:citedCable": "ex:s , ex:cable"},
    ),
    ("CableReferenceShape", "ckg:citedCable Class", "ref", {"ckg:citedCable": "ex:para"}),
    (
        "CableReferenceShape",
        "ckg:referenceLabel MaxCount",
        "ref",
        {"ckg:referenceLabel": '"A" , "B"'},
    ),
    ("CableReferenceShape", "ckg:referenceLabel Datatype", "ref", {"ckg:referenceLabel": "1"}),
    (
        "CableReferenceShape",
        "ckg:yearInferred MaxCount",
        "ref",
        {"ckg:yearInferred": "true , false"},
    ),
    ("CableReferenceShape", "ckg:yearInferred Datatype", "ref", {"ckg:yearInferred": '"yes"'}),
    ("MentionShape", "ckg:refersTo MinCount", "mention", {"ckg:refersTo": ""}),
    ("MentionShape", "ckg:refersTo MaxCount", "mention", {"ckg:refersTo": "ex:person , ex:gov"}),
    ("MentionShape", "ckg:refersTo NodeKind", "mention", {"ckg:refersTo": '"Ann"'}),
    ("MentionShape", "ckg:inParagraph MinCount", "mention", {"ckg:inParagraph": ""}),
    (
        "MentionShape",
        "ckg:inParagraph MaxCount",
        "mention",
        {"ckg:inParagraph": "ex:para , ex:para2"},
    ),
    ("MentionShape", "ckg:inParagraph Class", "mention", {"ckg:inParagraph": "ex:cable"}),
    ("MentionShape", "ckg:startOffset MinCount", "mention", {"ckg:startOffset": ""}),
    ("MentionShape", "ckg:startOffset MaxCount", "mention", {"ckg:startOffset": "0 , 1"}),
    ("MentionShape", "ckg:startOffset Datatype", "mention", {"ckg:startOffset": "0.0"}),
    ("MentionShape", "ckg:startOffset LessThan", "mention", {"ckg:startOffset": "4"}),
    ("MentionShape", "ckg:startOffset MinInclusive", "mention", {"ckg:startOffset": "-1"}),
    ("MentionShape", "ckg:endOffset MinCount", "mention", {"ckg:endOffset": ""}),
    ("MentionShape", "ckg:endOffset MaxCount", "mention", {"ckg:endOffset": "4 , 5"}),
    ("MentionShape", "ckg:endOffset Datatype", "mention", {"ckg:endOffset": "4.0"}),
    (
        "MentionShape",
        "ckg:endOffset MinInclusive",
        "mention",
        {"ckg:startOffset": "-1", "ckg:endOffset": "0"},
    ),
    ("MentionShape", "ckg:exact MinCount", "mention", {"ckg:exact": ""}),
    ("MentionShape", "ckg:exact MaxCount", "mention", {"ckg:exact": '"Some" , "Text"'}),
    ("MentionShape", "ckg:exact NodeKind", "mention", {"ckg:exact": "ex:exact"}),
    ("MentionShape", "ckg:exact MinLength", "mention", {"ckg:exact": '""'}),
    ("PlaceShape", "- NodeKind", "place", {"@id": "[]"}),
    ("PlaceShape", "ckg:locatedIn Class", "place", {"ckg:locatedIn": "ex:gov"}),
    ("PilotAreaShape", "ckg:pilotFor Class", "pilot", {"ckg:pilotFor": "ex:county"}),
    ("PilotAreaShape", "ckg:designatedBy Class", "pilot", {"ckg:designatedBy": "ex:county"}),
    (
        "PilotAreaShape",
        "ckg:designatedOn MaxCount",
        "pilot",
        {"ckg:designatedOn": '"2007"^^xsd:gYear , "2008"^^xsd:gYear'},
    ),
    ("OrganizationShape", "- NodeKind", "org", {"@id": "[]"}),
    ("OrganizationShape", "ckg:jurisdiction Class", "org", {"ckg:jurisdiction": "ex:person"}),
    ("OrganizationShape", "ckg:basedIn Class", "org", {"ckg:basedIn": "ex:gov"}),
    ("OrganizationShape", "ckg:operatesIn Class", "org", {"ckg:operatesIn": "ex:reform"}),
    ("PersonShape", "- NodeKind", "person", {"@id": "[]"}),
    ("PersonShape", "rdfs:label MinCount", "person", {"rdfs:label": ""}),
    ("PersonShape", "rdfs:label MaxCount", "person", {"rdfs:label": '"Bo Sample" , "B. Sample"'}),
    ("PersonShape", "foaf:givenName MaxCount", "person", {"foaf:givenName": '"Bo" , "Bob"'}),
    ("PersonShape", "foaf:familyName MaxCount", "person", {"foaf:familyName": '"Sample" , "X"'}),
    ("PersonShape", "org:memberOf Class", "person", {"org:memberOf": "ex:province"}),
    ("MembershipShape", "org:member MinCount", "membership", {"org:member": ""}),
    (
        "MembershipShape",
        "org:member MaxCount",
        "membership",
        {"org:member": "ex:person , ex:person2"},
    ),
    ("MembershipShape", "org:member Class", "membership", {"org:member": "ex:gov"}),
    ("MembershipShape", "org:organization MinCount", "membership", {"org:organization": ""}),
    (
        "MembershipShape",
        "org:organization MaxCount",
        "membership",
        {"org:organization": "ex:gov , ex:gov2"},
    ),
    ("MembershipShape", "org:organization Class", "membership", {"org:organization": "ex:person"}),
    ("MembershipShape", "org:role MinCount", "membership", {"org:role": ""}),
    ("MembershipShape", "org:role MaxCount", "membership", {"org:role": "ex:r , ex:r2"}),
    ("MembershipShape", "org:role Class", "membership", {"org:role": "ex:gov"}),
    ("RoleShape", "rdfs:label MinCount", "role", {"rdfs:label": ""}),
    ("RoleShape", "rdfs:label MaxCount", "role", {"rdfs:label": '"Director" , "Head"'}),
    ("ReformShape", "ckg:pursuedBy MinCount", "reform", {"ckg:pursuedBy": ""}),
    ("ReformShape", "ckg:pursuedBy NodeKind", "reform", {"ckg:pursuedBy": '"the province"'}),
    ("ReformShape", "ckg:reformArea Class", "reform", {"ckg:reformArea": "ex:county"}),
    ("ReformShape", "ckg:reformArea MinCount", "reform", {"ckg:reformArea": ""}),
    ("ReformExperimentShape", "ckg:experimentIn MinCount", "experiment", {"ckg:experimentIn": ""}),
    (
        "ReformExperimentShape",
        "ckg:experimentIn Class",
        "experiment",
        {"ckg:experimentIn": "ex:gov"},
    ),
    (
        "ReformExperimentShape",
        "ckg:experimentOf Class",
        "experiment",
        {"ckg:experimentOf": "ex:county"},
    ),
    ("DirectiveShape", "ckg:issuedBy MinCount", "directive", {"ckg:issuedBy": ""}),
    ("DirectiveShape", "ckg:issuedBy Class", "directive", {"ckg:issuedBy": "ex:county"}),
    ("DirectiveShape", "ckg:focusArea Class", "directive", {"ckg:focusArea": '"hukou"'}),
    (
        "DirectiveShape",
        "dcterms:date MaxCount",
        "directive",
        {"dcterms:date": '"2009"^^xsd:gYear , "2010"^^xsd:gYear'},
    ),
    ("PlanShape", "ckg:issuedBy Class", "plan", {"ckg:issuedBy": "ex:county"}),
    ("PlanShape", "ckg:focusArea Class", "plan", {"ckg:focusArea": "ex:province"}),
    ("StatementShape", "ckg:speaker MinCount", "statement", {"ckg:speaker": ""}),
    ("StatementShape", "ckg:speaker MaxCount", "statement", {"ckg:speaker": "ex:person , ex:gov"}),
    ("StatementShape", "ckg:speaker Class", "statement", {"ckg:speaker": "ex:county"}),
    ("StatementShape", "ckg:content MinCount", "statement", {"ckg:content": ""}),
    ("StatementShape", "ckg:content MaxCount", "statement", {"ckg:content": '"a" , "b"'}),
    ("StatementShape", "ckg:content NodeKind", "statement", {"ckg:content": "ex:content"}),
    ("StatementShape", "ckg:content MinLength", "statement", {"ckg:content": '""'}),
    ("StatementShape", "ckg:statedIn MinCount", "statement", {"ckg:statedIn": ""}),
    (
        "StatementShape",
        "ckg:statedIn MaxCount",
        "statement",
        {"ckg:statedIn": "ex:para , ex:para2"},
    ),
    ("StatementShape", "ckg:statedIn Class", "statement", {"ckg:statedIn": "ex:cable"}),
    ("StatementShape", "ckg:addressee Class", "statement", {"ckg:addressee": "ex:province"}),
    (
        "StatementShape",
        "dcterms:date MaxCount",
        "statement",
        {"dcterms:date": '"2010-01-05"^^xsd:date , "2010-01-06"^^xsd:date'},
    ),
    ("MeetingShape", "ckg:participant MinCount", "meeting", {"ckg:participant": ""}),
    (
        "MeetingShape",
        "ckg:participant Class",
        "meeting",
        {"ckg:participant": "ex:person , ex:reform"},
    ),
    (
        "MeetingShape",
        "dcterms:date MaxCount",
        "meeting",
        {"dcterms:date": '"2010-01-05"^^xsd:date , "2010-01-06"^^xsd:date'},
    ),
    ("FigureShape", "ckg:value MinCount", "figure", {"ckg:value": ""}),
    ("FigureShape", "ckg:value MaxCount", "figure", {"ckg:value": "70 , 71"}),
    ("FigureShape", "ckg:value Or", "figure", {"ckg:value": '"33 million"'}),
    ("FigureShape", "ckg:measures MinCount", "figure", {"ckg:measures": ""}),
    ("FigureShape", "ckg:measures MaxCount", "figure", {"ckg:measures": '"people" , "persons"'}),
    ("FigureShape", "ckg:measures NodeKind", "figure", {"ckg:measures": "ex:people"}),
    ("FigureShape", "ckg:statedIn MinCount", "figure", {"ckg:statedIn": ""}),
    ("FigureShape", "ckg:statedIn MaxCount", "figure", {"ckg:statedIn": "ex:para , ex:para2"}),
    ("FigureShape", "ckg:statedIn Class", "figure", {"ckg:statedIn": "ex:cable"}),
    ("FigureShape", "ckg:unit MaxCount", "figure", {"ckg:unit": '"person" , "people"'}),
    (
        "FigureShape",
        "ckg:asOf MaxCount",
        "figure",
        {"ckg:asOf": '"2009"^^xsd:gYear , "2010"^^xsd:gYear'},
    ),
    ("StatedDateShape", "dcterms:date Or", "meeting", {"dcterms:date": '"September 22"'}),
    (
        "StatedDateShape",
        "dcterms:date Or",
        "meeting",
        {"dcterms:date": '"2009-09-22T10:00:00Z"^^xsd:dateTime'},
    ),
    ("StatedDateShape", "ckg:asOf Or", "figure", {"ckg:asOf": '"June 2009"'}),
    ("StatedDateShape", "ckg:designatedOn Or", "pilot", {"ckg:designatedOn": '"2007"'}),
]


def example(base: str, overrides: dict[str, str] | None = None) -> str:
    subject, types, props = BASES[base]
    props = {**props, **(overrides or {})}
    subject = props.pop("@id", subject)
    types = props.pop("@type", types)
    body = " ; ".join(
        ([f"a {types}"] if types else []) + [f"{p} {o}" for p, o in props.items() if o]
    )
    return f"{subject} {body} ."


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def run(validator: Validator, turtle: str) -> Report:
    graph = Graph().parse(data=PRELUDE + CONTEXT + turtle, format="turtle")
    return validator.validate(graph)


def expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return str(NAMESPACES[prefix]) + local


def test_context_conforms(validator: Validator) -> None:
    report = run(validator, "")
    assert report.conforms and report.violations == (), report.messages()


@pytest.mark.parametrize(
    ("base", "overrides"),
    [(base, None) for base in BASES] + GOOD_VARIANTS,
    ids=list(BASES) + [f"{base}-variant{i}" for i, (base, _) in enumerate(GOOD_VARIANTS)],
)
def test_conforming_example(validator: Validator, base: str, overrides: dict[str, str]) -> None:
    report = run(validator, example(base, overrides))
    assert report.conforms and report.violations == (), report.messages()


@pytest.mark.parametrize(
    ("shape", "expect", "base", "overrides"),
    BAD,
    ids=[f"{shape}-{expect.replace(' ', '-')}-{i}" for i, (shape, expect, _, _) in enumerate(BAD)],
)
def test_violating_example(
    validator: Validator, shape: str, expect: str, base: str, overrides: dict[str, str]
) -> None:
    report = run(validator, example(base, overrides))
    path, component = expect.split()
    mine = [
        v
        for v in report.violations
        if v.shape == CKGSH + shape
        and v.constraint == f"{component}ConstraintComponent"
        and v.path == (None if path == "-" else expand(path))
    ]
    assert mine, f"expected {shape} {expect}, got {report.messages()}"
    assert all(v.message for v in mine)
    if any(v.severity == "Violation" for v in mine):
        assert not report.conforms


def test_every_constraint_has_a_violating_example() -> None:
    shapes = Graph().parse(shapes_path())
    components = {
        "minCount": "MinCount",
        "maxCount": "MaxCount",
        "class": "Class",
        "datatype": "Datatype",
        "pattern": "Pattern",
        "lessThan": "LessThan",
        "minInclusive": "MinInclusive",
        "or": "Or",
        "nodeKind": "NodeKind",
        "minLength": "MinLength",
    }
    used = {str(p).removeprefix(str(SH)) for _, p, _ in shapes if str(p).startswith(str(SH))}
    assert used <= set(components) | {
        "path",
        "name",
        "message",
        "severity",
        "property",
        "targetClass",
        "targetSubjectsOf",
        "datatype",
        "first",
        "rest",
    }, "a constraint kind this test does not know"
    required = set()
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        name = str(node).removeprefix(CKGSH)
        required |= {
            (name, f"- {c}") for p, c in components.items() if (node, SH[p], None) in shapes
        }
        for prop in shapes.objects(node, SH.property):
            path = shapes.value(prop, SH.path)
            assert isinstance(path, URIRef)
            curie = shapes.namespace_manager.normalizeUri(path)
            required |= {
                (name, f"{curie} {c}")
                for p, c in components.items()
                if (prop, SH[p], None) in shapes
            }
    assert required == {(shape, expect) for shape, expect, _, _ in BAD}


def test_every_shape_is_named_and_explained() -> None:
    shapes = Graph().parse(shapes_path())
    nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.objects(None, SH.property))
    for shape in nodes:
        assert shapes.value(shape, SH.name), shape
        assert shapes.value(shape, SH.message), shape
        assert shapes.value(shape, SH.severity) in {SH.Violation, SH.Warning, SH.Info}, shape


@pytest.mark.parametrize(
    "cable_id",
    [
        "09CHENGDU229",
        "06BEIJING23571",
        "08STATE50524",
        "09USUNNEWYORK1040",
        "10ANKARA123",
        "00HARARE6677",
        "89PARIS1",
        "10SECSTATE10",
    ],
)
def test_canonical_cable_ids_accepted(validator: Validator, cable_id: str) -> None:
    turtle = example("stub", {"rdfs:label": f'"{cable_id}"', "dcterms:identifier": f'"{cable_id}"'})
    report = run(validator, turtle)
    assert report.conforms, report.messages()


@pytest.mark.parametrize(
    "cable_id",
    [
        "09CHENGDU0229",
        "9CHENGDU229",
        "2009CHENGDU229",
        "09chengdu229",
        "09CHENGDU",
        "09CHENGDU229A",
        "09 CHENGDU 229",
        "09CHENGDU0",
        "CHENGDU229",
        "09-CHENGDU-229",
        "",
    ],
)
def test_non_canonical_cable_ids_rejected(validator: Validator, cable_id: str) -> None:
    report = run(validator, example("stub", {"dcterms:identifier": f'"{cable_id}"'}))
    assert [v for v in report.errors if v.shape == CKGSH + "CableShape" and v.value == cable_id]


def test_unclassified_reform_is_only_a_warning(validator: Validator) -> None:
    report = run(validator, example("reform", {"ckg:reformArea": ""}))
    assert report.conforms
    assert [(v.severity, v.shape) for v in report.violations] == [
        ("Warning", CKGSH + "ReformShape")
    ]


@pytest.mark.parametrize("base", sorted(BASES))
def test_every_kind_of_minted_resource_needs_a_label(validator: Validator, base: str) -> None:
    report = run(validator, example(base, {"rdfs:label": ""}))
    assert [v for v in report.errors if v.shape == CKGSH + "LabelShape"], report.messages()
