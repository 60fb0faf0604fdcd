"""Build: a Cable and its resolved Facts -> its named graphs, laid out as INTEROP.md says.

One named graph for the cable's header facts and paragraph structure, one per paragraph for
the facts extracted from it. The graph model is documented in docs/graph-model.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Node

from cablekg.cables.model import Cable
from cablekg.extract.model import DateValue, Entity, Facts, Span, Value
from cablekg.rdf.graphs import CableGraphs, GraphSink
from cablekg.rdf.iris import IRIs, slugify
from cablekg.rdf.namespaces import CKG, DCTERMS, FOAF, ORG, PREFIXES, RA, RDF, RDFS, SKOS, XSD
from cablekg.rdf.vocabulary import Vocabulary

_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
_LABEL_MAX = 90


class Identities(Protocol):
    """What build needs of the resolve stage's answer (cablekg.resolve.Identities)."""

    @property
    def paths(self) -> Mapping[str, str]:
        """entity key -> IRI path under the base"""

    @property
    def labels(self) -> Mapping[str, str]:
        """IRI path -> the canonical label (identical in every cable)"""


def post_path(origin: str) -> str:
    """The IRI path of a diplomatic post named like a cable's origin ("Consulate Chengdu")."""
    return f"org/{slugify(origin)}"


def post_kind(origin: str) -> URIRef:
    words = origin.lower().split()
    if "consulate" in words:
        return CKG.Consulate
    if "embassy" in words:
        return CKG.Embassy
    return CKG.DiplomaticPost


def literal(value: Value) -> Literal:
    """A fact's value as a typed literal: numbers, dates and booleans are never strings."""
    if isinstance(value, DateValue):
        return Literal(value.value, datatype=_DATE_TYPES[value.precision])
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, Decimal):
        return Literal(value, datatype=XSD.decimal)
    return Literal(value)


def short(text: str, limit: int = _LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Builder:
    def __init__(self, cable: Cable, facts: Facts, ids: Identities, iris: IRIs, vocab: Vocabulary):
        self.cable, self.facts, self.ids, self.iris, self.vocab = cable, facts, ids, iris, vocab
        self.ds = CableGraphs()
        self.cable_iri = iris.cable(cable.id)
        self.cable_graph = self.ds.graph(self.cable_iri)
        self.entities = {e.key: e for e in facts.entities}
        self.counters: dict[tuple[int, str], int] = defaultdict(int)
        self.described: set[tuple[str, int]] = set()

    # -- helpers -----------------------------------------------------------------------------

    def graph(self, paragraph: int) -> GraphSink:
        return self.ds.graph(self.iris.paragraph(self.cable.id, paragraph))

    def node(self, key: str) -> URIRef:
        if key.startswith("concept:"):
            return RA[key.removeprefix("concept:")]
        return self.iris.entity(self.ids.paths[key])

    def predicate(self, name: str) -> URIRef:
        if ":" in name:
            prefix, local = name.split(":", 1)
            return URIRef(str(PREFIXES[prefix]) + local)
        return CKG[name]

    def add(self, graph: GraphSink, s: Node, p: URIRef, o: Node) -> None:
        """Add a triple and the standard super-properties the ontology declares for p."""
        graph.add((s, p, o))
        for super_property in self.vocab.standard_super_properties(p):
            graph.add((s, super_property, o))

    def mint(self, paragraph: int, kind: str) -> URIRef:
        self.counters[(paragraph, kind)] += 1
        return self.iris.in_paragraph(
            self.cable.id, paragraph, kind, self.counters[(paragraph, kind)]
        )

    def label_of(self, key: str) -> str:
        if key.startswith("concept:"):
            return self.vocab.concept_label(RA[key.removeprefix("concept:")])
        path = self.ids.paths[key]
        return self.ids.labels.get(path) or self.entities[key].label

    def describe(self, key: str, paragraph: int) -> None:
        """Type, label and alternative labels of an entity, in the graph of a paragraph that
        involves it (once per paragraph: a fact stated in two paragraphs is in both graphs)."""
        if key.startswith("concept:") or (key, paragraph) in self.described:
            return
        self.described.add((key, paragraph))
        entity = self.entities[key]
        g, s = self.graph(paragraph), self.node(key)
        g.add((s, RDF.type, FOAF.Person if entity.kind == "Person" else CKG[entity.kind]))
        label = self.label_of(key)
        g.add((s, RDFS.label, Literal(label)))
        for alt in sorted(set(entity.alt_labels) - {label}):
            g.add((s, SKOS.altLabel, Literal(alt)))
        if entity.given_name:
            g.add((s, FOAF.givenName, Literal(entity.given_name)))
        if entity.family_name:
            g.add((s, FOAF.familyName, Literal(entity.family_name)))

    # -- the cable graph ---------------------------------------------------------------------

    def build_cable(self) -> None:
        c, g, s = self.cable, self.cable_graph, self.cable_iri
        g.add((s, RDF.type, CKG.Cable))
        g.add((s, RDFS.label, Literal(c.id)))
        g.add((s, DCTERMS.identifier, Literal(c.id)))
        if c.title:  # a cable without a SUBJECT line has no title rather than an empty one
            g.add((s, DCTERMS.title, Literal(c.title)))
        g.add((s, DCTERMS.created, Literal(c.created, datatype=XSD.dateTime)))
        if c.classification:
            g.add((s, CKG.classification, Literal(c.classification)))
        for tag in c.tags:
            g.add((s, CKG.tag, Literal(tag)))
        if c.origin:
            post = self.iris.entity(post_path(c.origin))
            self.add(g, s, CKG.originPost, post)
            g.add((post, RDF.type, post_kind(c.origin)))
            g.add((post, RDFS.label, Literal(self.ids.labels.get(post_path(c.origin), c.origin))))
        for ref in c.references:
            self.build_reference(ref.cable_id, ref.label, ref.year_inferred, ref.source_text)
        for p in c.paragraphs:
            para = self.iris.paragraph(c.id, p.number)
            g.add((s, DCTERMS.hasPart, para))
            g.add((para, DCTERMS.isPartOf, s))
            g.add((para, RDF.type, CKG.Paragraph))
            g.add((para, RDFS.label, Literal(f"{c.id} paragraph {p.number}")))
            g.add((para, CKG.paragraphNumber, Literal(p.number, datatype=XSD.integer)))
            g.add((para, CKG.text, Literal(p.text)))
            if p.marking:
                g.add((para, CKG.marking, Literal(p.marking)))
            for heading in p.headings:
                g.add((para, CKG.heading, Literal(heading)))

    def build_reference(self, cited_id: str, label: str | None, inferred: bool, text: str) -> None:
        g, cited = self.cable_graph, self.iris.cable(cited_id)
        g.add((self.cable_iri, DCTERMS.references, cited))
        g.add((cited, RDF.type, CKG.Cable))
        g.add((cited, RDFS.label, Literal(cited_id)))
        g.add((cited, DCTERMS.identifier, Literal(cited_id)))
        ref = self.iris.reference(self.cable.id, label or cited_id)
        g.add((self.cable_iri, CKG.citation, ref))
        g.add((ref, RDF.type, CKG.CableReference))
        g.add((ref, RDFS.label, Literal(f"{self.cable.id} ref {label or cited_id}: {cited_id}")))
        self.add(g, ref, CKG.citedCable, cited)
        if label:
            g.add((ref, CKG.referenceLabel, Literal(label)))
        g.add((ref, CKG.yearInferred, Literal(inferred, datatype=XSD.boolean)))
        if text:
            g.add((ref, CKG.sourceText, Literal(text)))

    # -- paragraph graphs --------------------------------------------------------------------

    def build_mentions(self) -> None:
        for entity in self.facts.entities:
            for span in sorted(entity.mentions):
                self.describe(entity.key, span.paragraph)
                g, para = (
                    self.graph(span.paragraph),
                    self.iris.paragraph(self.cable.id, span.paragraph),
                )
                target = self.node(entity.key)
                g.add((para, CKG.mentions, target))
                m = self.mint(span.paragraph, "mention")
                g.add((m, RDF.type, CKG.Mention))
                g.add(
                    (
                        m,
                        RDFS.label,
                        Literal(
                            f"{self.label_of(entity.key)} in {self.cable.id} "
                            f"paragraph {span.paragraph}"
                        ),
                    )
                )
                g.add((m, CKG.refersTo, target))
                g.add((m, CKG.inParagraph, para))
                g.add((m, CKG.startOffset, Literal(span.start, datatype=XSD.integer)))
                g.add((m, CKG.endOffset, Literal(span.end, datatype=XSD.integer)))
                g.add((m, CKG.exact, Literal(span.text)))

    def build_relations(self) -> None:
        for r in self.facts.relations:
            n = r.span.paragraph
            self.describe(r.subject, n)
            self.describe(r.object, n)
            g, s = self.graph(n), self.node(r.subject)
            self.add(g, s, self.predicate(r.predicate), self.node(r.object))
            if r.predicate == "pilotFor":  # a place with a pilot designation is a pilot area
                g.add((s, RDF.type, CKG.PilotArea))
        for a in self.facts.attributes:
            n = a.span.paragraph
            self.describe(a.subject, n)
            self.add(
                self.graph(n), self.node(a.subject), self.predicate(a.predicate), literal(a.value)
            )

    def build_memberships(self) -> None:
        for m in self.facts.memberships:
            n = m.span.paragraph
            self.describe(m.person, n)
            self.describe(m.organization, n)
            g = self.graph(n)
            person, org = self.node(m.person), self.node(m.organization)
            role = self.iris.role(m.role)
            membership = self.iris.membership(
                self.ids.paths[m.person], self.ids.paths[m.organization], m.role
            )
            self.add(g, person, ORG.memberOf, org)
            g.add((membership, RDF.type, ORG.Membership))
            label = f"{self.label_of(m.person)}, {m.role}, {self.label_of(m.organization)}"
            g.add((membership, RDFS.label, Literal(label)))
            self.add(g, membership, ORG.member, person)
            self.add(g, membership, ORG.organization, org)
            self.add(g, membership, ORG.role, role)
            g.add((role, RDF.type, ORG.Role))
            g.add((role, RDFS.label, Literal(m.role)))

    def statement_context(self, g: GraphSink, s: URIRef, span: Span) -> None:
        self.add(g, s, CKG.statedIn, self.iris.paragraph(self.cable.id, span.paragraph))

    def build_figures(self) -> None:
        for f in self.facts.figures:
            n = f.span.paragraph
            g, s = self.graph(n), self.mint(n, "figure")
            g.add((s, RDF.type, CKG.Figure))
            label = (
                f"{f.value} {f.unit} {f.measures}"
                if f.unit == "percent"
                else f"{f.value} {f.measures}"
            )
            g.add((s, RDFS.label, Literal(short(" ".join(label.split())))))
            g.add((s, CKG.value, literal(f.value)))
            if f.unit:
                g.add((s, CKG.unit, Literal(f.unit)))
            g.add((s, CKG.measures, Literal(f.measures)))
            g.add((s, CKG.sourceText, Literal(f.span.text)))
            if f.about:
                self.describe(f.about, n)
                self.add(g, s, CKG.about, self.node(f.about))
            if f.as_of:
                g.add((s, CKG.asOf, literal(f.as_of)))
            self.statement_context(g, s, f.span)

    def build_statements(self) -> None:
        for st in self.facts.statements:
            n = st.span.paragraph
            self.describe(st.speaker, n)
            g, s = self.graph(n), self.mint(n, "statement")
            g.add((s, RDF.type, CKG.Statement))
            g.add(
                (
                    s,
                    RDFS.label,
                    Literal(short(f"{self.label_of(st.speaker)} {st.verb}: {st.content}")),
                )
            )
            self.add(g, s, CKG.speaker, self.node(st.speaker))
            g.add((s, CKG.verb, Literal(st.verb)))
            g.add((s, CKG.content, Literal(st.content)))
            g.add((s, CKG.sourceText, Literal(st.span.text)))
            if st.addressee:
                self.describe(st.addressee, n)
                self.add(g, s, CKG.addressee, self.node(st.addressee))
            if st.date:
                self.add(g, s, DCTERMS.date, literal(st.date))
            self.statement_context(g, s, st.span)

    def build_meetings(self) -> None:
        for mt in self.facts.meetings:
            n = mt.span.paragraph
            g, s = self.graph(n), self.mint(n, "meeting")
            g.add((s, RDF.type, CKG.Meeting))
            names = " and ".join(self.label_of(p) for p in mt.participants)
            when = f", {mt.date.value}" if mt.date else ""
            g.add((s, RDFS.label, Literal(short(f"Meeting of {names}{when}"))))
            for p in mt.participants:
                self.describe(p, n)
                self.add(g, s, CKG.participant, self.node(p))
            if mt.date:
                self.add(g, s, DCTERMS.date, literal(mt.date))
            if mt.place:
                self.describe(mt.place, n)
                self.add(g, s, URIRef(str(PREFIXES["prov"]) + "atLocation"), self.node(mt.place))
            g.add((s, CKG.sourceText, Literal(mt.span.text)))
            self.statement_context(g, s, mt.span)


def build(
    cable: Cable, facts: Facts, ids: Identities, iris: IRIs, vocab: Vocabulary
) -> CableGraphs:
    """The cable's named graphs, as INTEROP.md lays them out."""
    b = _Builder(cable, facts, ids, iris, vocab)
    b.build_cable()
    b.build_mentions()
    b.build_relations()
    b.build_memberships()
    b.build_figures()
    b.build_statements()
    b.build_meetings()
    return b.ds


__all__ = ["Entity", "Identities", "build", "literal", "post_kind", "post_path"]
