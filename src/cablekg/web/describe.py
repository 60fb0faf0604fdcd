"""The queries behind the HTML pages of entities, cables and paragraphs.

Each ``*_view`` function runs a handful of SELECT queries against the store and returns a frozen
view model; templates only lay it out. Provenance comes from the named graphs (INTEROP.md): a
fact about an entity is "stated in" every paragraph whose graph holds the triple, and its quote
is the sentence of that paragraph where the entity (and, if possible, the value) is mentioned.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from markupsafe import Markup

from cablekg import resources
from cablekg.rdf.namespaces import CKG, RDF, RDFS, SKOS
from cablekg.store import Store
from cablekg.web.highlight import Span, find_literal, quote
from cablekg.web.terms import (
    Linker,
    Node,
    Row,
    humanise,
    iri_ref,
    number,
    select,
    value,
)

INCOMING_LIMIT = 500  # incoming links shown (and put in the RDF description)
OUTGOING_LIMIT = 5000
PARAGRAPH_LIMIT = 200  # source paragraphs quoted on one entity page
SOURCES_PER_FACT = 6

# Shown in the page header, not repeated in the table of properties.
HEADER_PROPERTIES = frozenset(str(p) for p in (RDF.type, RDFS.label, SKOS.altLabel))
# Literal values of a resource that are quotations of the paragraph (figures, statements,
# mentions): found verbatim in the text, they are what a quote should highlight.
QUOTED_PROPERTIES = frozenset(str(p) for p in (CKG.sourceText, CKG.exact, CKG.content))
HIDDEN_INCOMING = frozenset(str(p) for p in (CKG.refersTo, CKG.mentions))  # shown as quotes


@cache
def _ontology() -> ox.Store:
    """The ontology cablekg ships, in memory. Pipeline.install_ontology writes exactly these
    triples to the ontology graph of every store, so labels and super-properties are read
    here rather than from the store: that saves two queries per store version and works on
    every server (Virtuoso 7.2 matches nothing in ``GRAPH <iri>`` once a default graph is
    given, and refuses ``?p rdfs:subPropertyOf+ ?q`` with both ends open: SP031)."""
    ontology = ox.Store()
    ontology.load(path=str(resources.ontology_path()), format=ox.RdfFormat.TURTLE)
    return ontology


def ontology_select(sparql: str) -> list[Row]:
    """A SELECT (prefixes of PREFIXES declared) over the shipped ontology alone."""
    return select(_ontology(), sparql)


@cache
def ontology_labels() -> dict[str, str]:
    """rdfs:label of every term of the ontology, computed once per process."""
    rows = ontology_select("SELECT ?t ?l WHERE { ?t rdfs:label ?l }")
    return {r["t"].value: r["l"].value for r in rows if isinstance(r["t"], ox.NamedNode)}


@cache
def super_properties() -> dict[str, frozenset[str]]:
    """property -> its (transitive) super-properties in the ontology, computed once."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in ontology_select("SELECT ?p ?q WHERE { ?p rdfs:subPropertyOf+ ?q }"):
        found[r["p"].value].add(r["q"].value)
    return {p: frozenset(q) for p, q in found.items()}


def drop_materialised(groups: dict[str, list[Fact]], supers: dict[str, frozenset[str]]) -> None:
    """Remove a standard super-property whose values a sub-property already shows: the loader
    writes both (docs/graph-model.md), people need to read them once."""
    values = {p: {f.value.value for f in facts} for p, facts in groups.items()}
    for prop in list(groups):
        if any(
            prop in supers.get(sub, ()) and values[prop] <= values[sub]
            for sub in groups
            if sub != prop
        ):
            del groups[prop]


def resource_kind(store: Store, iri: str) -> str | None:
    """'cable', 'paragraph' or 'entity' for a described IRI; None when it has no triples."""
    ref = iri_ref(iri)
    types = {value(r["t"]) for r in select(store, f"SELECT DISTINCT ?t WHERE {{ {ref} a ?t }}")}
    if str(CKG.Cable) in types:
        return "cable"
    if str(CKG.Paragraph) in types:
        return "paragraph"
    if types:
        return "entity"
    found = store.query(f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} }}")
    return "entity" if bool(found) else None


# -- entity pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A paragraph that states a fact, with the sentence that shows it."""

    cable_id: str
    number: int
    href: str
    quote: Markup | None
    shows_value: bool = False  # the quote highlights the fact's value, not only the subject

    @property
    def cite(self) -> str:
        return f"{self.cable_id} ¶{self.number}"


@dataclass(frozen=True)
class Fact:
    value: Node
    sources: tuple[Source, ...]
    more_sources: int = 0

    @property
    def quotes_value(self) -> bool:
        """Whether a quote shows the value (else the quotes only repeat the mentions)."""
        return any(s.shows_value for s in self.sources)


@dataclass(frozen=True)
class PropertyGroup:
    prop: Node
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class EntityView:
    iri: str
    label: str
    alt_labels: tuple[str, ...]
    types: tuple[Node, ...]
    properties: tuple[PropertyGroup, ...]
    incoming: tuple[PropertyGroup, ...]
    incoming_truncated: bool
    mentions: tuple[Source, ...]


def _prop_node(linker: Linker, labels: dict[str, str], prop: str) -> Node:
    return Node(prop, labels.get(prop) or humanise(prop), linker.href(prop), is_iri=True)


@dataclass(frozen=True)
class ParagraphText:
    cable_id: str
    number: int
    text: str
    mentions: tuple[tuple[str, int, int], ...]  # (entity IRI, start, end)

    def spans_of(self, iri: str) -> list[Span]:
        return [Span(s, e) for r, s, e in self.mentions if r == iri]


def entity_view(store: Store, linker: Linker, iri: str) -> EntityView:
    ref = iri_ref(iri)
    labels = ontology_labels()
    outgoing = select(
        store,
        f"SELECT ?p ?o (SAMPLE(?l) AS ?ol) WHERE {{ {ref} ?p ?o OPTIONAL {{ ?o rdfs:label ?l }} }}"
        f" GROUP BY ?p ?o ORDER BY ?p ?o LIMIT {OUTGOING_LIMIT}",
    )
    stated = select(
        store,
        f"SELECT ?p ?o ?g ?n ?cid WHERE {{ GRAPH ?g {{ {ref} ?p ?o }} ?g ckg:paragraphNumber ?n ;"
        f" dcterms:isPartOf ?c . ?c dcterms:identifier ?cid }}",
    )
    # only the mentions a quote can highlight: the entity's own and its facts' values
    shown = {iri} | {r["o"].value for r in outgoing if isinstance(r["o"], ox.NamedNode)}
    paragraphs = paragraph_texts(store, stated, shown)
    # literal values that quote the paragraph (a figure's source text): highlight them too
    own_literals = [r["o"].value for r in outgoing if value(r["p"]) in QUOTED_PROPERTIES]

    def own_spans(para: ParagraphText) -> list[Span]:
        found = para.spans_of(iri)
        return found + [sp for lit in own_literals if (sp := find_literal(para.text, lit))]

    def value_spans(para: ParagraphText, target: object) -> list[Span]:
        if isinstance(target, ox.Literal):
            sp = find_literal(para.text, target.value)
            return [sp] if sp else []
        return para.spans_of(target.value) if isinstance(target, ox.NamedNode) else []

    def source(para_iri: str, target: object) -> Source:
        para = paragraphs[para_iri]
        own = own_spans(para)
        # a value inside the subject's own mention ("Shen" in "Shen Xiaozhong") shows nothing new
        found = [
            v
            for v in value_spans(para, target)
            if not any(v.start < o.end and o.start < v.end for o in own)
        ]
        shown = quote(para.text, own, found)
        href = linker.paragraph_href(para.cable_id, para.number)
        return Source(para.cable_id, para.number, href, shown, bool(found))

    stated_in: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in stated:
        if row["g"].value in paragraphs:
            stated_in[(row["p"].value, str(row["o"]))].append(row["g"].value)

    groups: dict[str, list[Fact]] = defaultdict(list)
    alt_labels: list[str] = []
    types: list[Node] = []
    label: str | None = None
    for row in outgoing:
        prop, obj = row["p"].value, row["o"]
        if prop == str(RDFS.label):
            label = label or obj.value
        elif prop == str(SKOS.altLabel):
            alt_labels.append(obj.value)
        elif prop == str(RDF.type) and isinstance(obj, ox.NamedNode):
            types.append(
                Node(
                    obj.value,
                    labels.get(obj.value) or humanise(obj.value),
                    linker.href(obj.value),
                    is_iri=True,
                )
            )
        if prop in HEADER_PROPERTIES:
            continue
        paras = sorted(stated_in.get((prop, str(obj)), []), key=lambda p: _order(paragraphs[p]))
        sources = tuple(source(p, obj) for p in paras[:SOURCES_PER_FACT])
        more = max(0, len(paras) - SOURCES_PER_FACT)
        groups[prop].append(Fact(linker.node(obj, row["ol"]), sources, more))

    mentions = []
    for para in sorted(paragraphs.values(), key=_order):
        own = para.spans_of(iri)
        if own:
            href = linker.paragraph_href(para.cable_id, para.number)
            mentions.append(Source(para.cable_id, para.number, href, quote(para.text, own)))

    hidden = ", ".join(iri_ref(p) for p in HIDDEN_INCOMING)
    incoming_rows = select(
        store,
        f"SELECT ?s ?p (SAMPLE(?l) AS ?sl) WHERE {{ ?s ?p {ref} FILTER(?p NOT IN ({hidden}))"
        f" OPTIONAL {{ ?s rdfs:label ?l }} }} GROUP BY ?s ?p ORDER BY ?p"
        f" LIMIT {INCOMING_LIMIT + 1}",
    )
    incoming: dict[str, list[Fact]] = defaultdict(list)
    for row in incoming_rows[:INCOMING_LIMIT]:
        incoming[row["p"].value].append(Fact(linker.node(row["s"], row["sl"]), ()))

    supers = super_properties()
    drop_materialised(groups, supers)
    drop_materialised(incoming, supers)

    def grouped(by_prop: dict[str, list[Fact]]) -> tuple[PropertyGroup, ...]:
        return tuple(
            PropertyGroup(
                _prop_node(linker, labels, p), tuple(sorted(f, key=lambda x: x.value.label))
            )
            for p, f in by_prop.items()
        )

    return EntityView(
        iri=iri,
        label=label or iri.rstrip("/").rsplit("/", 1)[-1],
        alt_labels=tuple(sorted(set(alt_labels))),
        types=tuple(types),
        properties=grouped(groups),
        incoming=grouped(incoming),
        incoming_truncated=len(incoming_rows) > INCOMING_LIMIT,
        mentions=tuple(mentions),
    )


def _order(para: ParagraphText) -> tuple[str, int]:
    return (para.cable_id, para.number)


_MAX_REFS = 500  # longer IN lists cost more than they save


def paragraph_texts(
    store: Store, stated: list[Row], refs: set[str] | None = None
) -> dict[str, ParagraphText]:
    """Text and mentions of the paragraphs (graph ?g, number ?n, cable id ?cid of ``stated``);
    ``refs``: keep only the mentions of these IRIs.

    The mentions are filtered with FILTER(?ref IN (...)) rather than a second VALUES block:
    on a 10k-cable store Oxigraph 0.5 answered the FILTER form in ~30 ms for a widely named
    person and for a country, where the unfiltered query took 120-390 ms and a second VALUES
    block 0.8-47 s (its join order)."""
    ids: dict[str, tuple[str, int]] = {}
    for row in stated:
        ids.setdefault(row["g"].value, (row["cid"].value, number(row["n"])))
    chosen = sorted(ids, key=lambda p: ids[p])[:PARAGRAPH_LIMIT]
    if not chosen:
        return {}
    values = " ".join(iri_ref(p) for p in chosen)
    texts = select(store, f"SELECT ?g ?text WHERE {{ VALUES ?g {{ {values} }} ?g ckg:text ?text }}")
    only = ""
    if refs is not None and len(refs) <= _MAX_REFS:
        only = f"FILTER(?ref IN ({', '.join(iri_ref(r) for r in sorted(refs))}))"
    rows = select(
        store,
        f"SELECT ?g ?ref ?s ?e WHERE {{ VALUES ?g {{ {values} }} ?m ckg:inParagraph ?g ;"
        f" ckg:refersTo ?ref ; ckg:startOffset ?s ; ckg:endOffset ?e {only} }}",
    )
    mentions: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for r in rows:
        mentions[r["g"].value].append((r["ref"].value, number(r["s"]), number(r["e"])))
    return {
        r["g"].value: ParagraphText(
            *ids[r["g"].value], r["text"].value, tuple(mentions[r["g"].value])
        )
        for r in texts
    }
