"""The queries behind a cable's page and a paragraph's page.

A cable page is the cable as an analyst reads it: its header (id, date, post, classification,
subject, tags, references) and its numbered paragraphs in order, with every mention linked to
the entity it names. A paragraph page adds the facts extracted from that paragraph (its graph).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from cablekg.rdf.namespaces import CKG, DCTERMS, RDF, RDFS
from cablekg.store import Store
from cablekg.web.describe import ontology_labels
from cablekg.web.highlight import Span, render_text
from cablekg.web.terms import (
    Linker,
    Node,
    humanise,
    in_graph,
    iri_ref,
    number,
    select,
    value,
)

FACT_LIMIT = 2000  # rows of a paragraph's graph shown on its page


@dataclass(frozen=True)
class Reference:
    cable: Node
    loaded: bool
    letter: str | None = None
    source_text: str | None = None


@dataclass(frozen=True)
class ParagraphView:
    iri: str
    href: str  # the paragraph's own page
    number: int
    anchor: str  # "p3"
    headings: tuple[str, ...]
    marking: str | None
    html: Markup  # the text, mentions linked to their entities, everything else escaped


@dataclass(frozen=True)
class CableView:
    iri: str
    href: str
    cable_id: str
    title: str | None
    created: str | None
    origin: Node | None
    classification: str | None
    tags: tuple[str, ...]
    references: tuple[Reference, ...]
    cited_by: tuple[Node, ...]
    paragraphs: tuple[ParagraphView, ...]

    @property
    def loaded(self) -> bool:
        return bool(self.paragraphs)


def cable_of(store: Store, paragraph_iri: str) -> str | None:
    """The cable a paragraph is part of."""
    rows = select(
        store, f"SELECT ?c WHERE {{ {iri_ref(paragraph_iri)} dcterms:isPartOf ?c }} LIMIT 1"
    )
    return str(rows[0]["c"].value) if rows else None


def cable_view(store: Store, linker: Linker, iri: str, only: str | None = None) -> CableView:
    """The cable ``iri``; with ``only`` (a paragraph IRI), just that paragraph."""
    ref = iri_ref(iri)
    header = select(
        store,
        f"SELECT ?p ?o (SAMPLE(?l) AS ?ol) WHERE {{ {ref} ?p ?o OPTIONAL {{ ?o rdfs:label ?l }} "
        f"FILTER(?p NOT IN (dcterms:hasPart, ckg:citation, dcterms:references)) }} GROUP BY ?p ?o",
    )
    first: dict[str, object] = {}
    tags: list[str] = []
    for row in header:
        prop = row["p"].value
        if prop == str(CKG.tag):
            tags.append(row["o"].value)
        else:
            first.setdefault(prop, row)
    origin_row = first.get(str(CKG.originPost))

    def text_of(prop: object) -> str | None:
        row = first.get(str(prop))
        return row["o"].value if row else None  # type: ignore[index]

    refs = select(
        store,
        f"SELECT ?ref (SAMPLE(?i) AS ?id) (SAMPLE(?lt) AS ?letter) (SAMPLE(?st) AS ?src) ?loaded "
        f"WHERE {{ {ref} dcterms:references ?ref . OPTIONAL {{ ?ref dcterms:identifier ?i }} "
        f"OPTIONAL {{ {ref} ckg:citation ?q . ?q ckg:citedCable ?ref "
        f"OPTIONAL {{ ?q ckg:referenceLabel ?lt }} OPTIONAL {{ ?q ckg:sourceText ?st }} }} "
        f"BIND(EXISTS {{ GRAPH ?ref {{ ?ref dcterms:identifier ?x }} }} AS ?loaded) }} "
        f"GROUP BY ?ref ?loaded ORDER BY ?letter ?id",
    )
    cited_by = select(
        store,
        f"SELECT ?s (SAMPLE(?i) AS ?id) WHERE {{ ?s dcterms:references {ref} ; "
        f"dcterms:identifier ?i }} GROUP BY ?s ORDER BY ?id LIMIT 500",
    )
    cable_id = text_of(DCTERMS.identifier) or iri.rsplit("/", 1)[-1]
    return CableView(
        iri=iri,
        href=linker.href(iri),
        cable_id=cable_id,
        title=text_of(DCTERMS.title),
        created=text_of(DCTERMS.created),
        origin=linker.node(origin_row["o"], origin_row["ol"]) if origin_row else None,  # type: ignore[index]
        classification=text_of(CKG.classification),
        tags=tuple(sorted(tags)),
        references=tuple(
            Reference(
                linker.node(r["ref"], r["id"]),
                value(r["loaded"]) == "true",
                value(r["letter"]),
                value(r["src"]),
            )
            for r in refs
        ),
        cited_by=tuple(linker.node(r["s"], r["id"]) for r in cited_by),
        paragraphs=_paragraphs(store, linker, ref, cable_id, only),
    )


def _paragraphs(
    store: Store, linker: Linker, ref: str, cable_id: str, only: str | None
) -> tuple[ParagraphView, ...]:
    restrict = f"VALUES ?para {{ {iri_ref(only)} }}" if only else ""
    rows = select(
        store,
        f"SELECT ?para ?n ?text ?h ?mk WHERE {{ {restrict} {ref} dcterms:hasPart ?para . "
        f"?para ckg:paragraphNumber ?n ; ckg:text ?text "
        f"OPTIONAL {{ ?para ckg:heading ?h }} OPTIONAL {{ ?para ckg:marking ?mk }} }} ORDER BY ?n",
    )
    mention_rows = select(
        store,
        f"SELECT ?para ?s ?e ?ref (SAMPLE(?l) AS ?label) WHERE {{ {restrict} "
        f"{ref} dcterms:hasPart ?para . ?m ckg:inParagraph ?para ; ckg:startOffset ?s ; "
        f"ckg:endOffset ?e ; ckg:refersTo ?ref OPTIONAL {{ ?ref rdfs:label ?l }} }} "
        f"GROUP BY ?para ?s ?e ?ref",
    )
    spans: dict[str, list[Span]] = defaultdict(list)
    for r in mention_rows:
        label = value(r["label"]) or r["ref"].value
        spans[r["para"].value].append(
            Span(number(r["s"]), number(r["e"]), linker.href(r["ref"].value), label, "mention")
        )
    merged: dict[str, dict] = {}
    for r in rows:  # several headings give several rows
        para = r["para"].value
        entry = merged.setdefault(
            para, {"n": number(r["n"]), "text": r["text"].value, "h": [], "mk": value(r["mk"])}
        )
        if r["h"] is not None and r["h"].value not in entry["h"]:
            entry["h"].append(r["h"].value)
    return tuple(
        ParagraphView(
            iri=para,
            href=linker.href(para),
            number=e["n"],
            anchor=f"p{e['n']}",
            headings=tuple(e["h"]),
            marking=e["mk"],
            html=render_text(e["text"], spans[para]),
        )
        for para, e in merged.items()
    )


@dataclass(frozen=True)
class SubjectFacts:
    subject: Node
    facts: tuple[tuple[Node, Node], ...]  # (property, value)


def paragraph_facts(store: Store, linker: Linker, iri: str) -> tuple[SubjectFacts, ...]:
    """What the paragraph's graph says, by subject; mention records are left out (the text
    above already shows them as links)."""
    labels = ontology_labels()
    rows = select(
        store,
        f"SELECT ?s ?p ?o (SAMPLE(?sl0) AS ?sl) (SAMPLE(?ol0) AS ?ol) WHERE {{ "
        f"{in_graph(iri)} GRAPH ?g {{ ?s ?p ?o }} FILTER NOT EXISTS {{ ?s a ckg:Mention }} "
        f"FILTER(?p != ckg:mentions) OPTIONAL {{ ?s rdfs:label ?sl0 }} "
        f"OPTIONAL {{ ?o rdfs:label ?ol0 }} }} GROUP BY ?s ?p ?o LIMIT {FACT_LIMIT}",
    )
    subjects: dict[str, Node] = {}
    facts: dict[str, list[tuple[Node, Node]]] = defaultdict(list)
    for r in rows:
        s = r["s"].value
        subjects.setdefault(s, linker.node(r["s"], r["sl"]))
        if r["p"].value == str(RDFS.label):
            continue
        p = r["p"].value
        prop = Node(
            p,
            "type" if p == str(RDF.type) else labels.get(p) or humanise(p),
            linker.href(p),
            is_iri=True,
        )
        obj = linker.node(r["o"], r["ol"])
        if p == str(RDF.type):
            obj = Node(obj.value, labels.get(obj.value) or humanise(obj.value), obj.href, True)
        facts[s].append((prop, obj))
    return tuple(
        SubjectFacts(subjects[s], tuple(sorted(facts[s], key=lambda f: f[0].label != "type")))
        for s in sorted(subjects, key=lambda s: subjects[s].label)
    )
