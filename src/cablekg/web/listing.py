"""The queries behind the home page and the browse lists (/person/, /org/, /place/, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from cablekg.store import Store
from cablekg.web.terms import Linker, Node, number, select, value

PAGE_SIZE = 100

# What the home page counts; classes reached through rdfs:subClassOf* (the ontology is in the
# store), so that Officials count as people and Commissions as institutions.
COUNTS = {
    "cables": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ckg:Cable ; dcterms:hasPart ?p }",
    "paragraphs": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ckg:Paragraph }",
    "people": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* foaf:Person }",
    "institutions": "SELECT (COUNT(DISTINCT ?x) AS ?n) "
    "WHERE { ?x a/rdfs:subClassOf* org:Organization }",
    "places": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* dcterms:Location }",
    "reforms": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* ckg:Reform }",
    "figures": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ckg:Figure }",
    "statements": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ckg:Statement }",
}

# Browse lists: the first segment of an entity path, and its title.
KINDS = {
    "person": "People",
    "org": "Institutions",
    "place": "Places",
    "reform": "Reforms",
    "role": "Roles",
    "directive": "Directives",
    "membership": "Memberships",
    "cable": "Cables",
}

# cable/... also names paragraphs, figures, references: list only the cables themselves
_EXTRA = {"cable": "?x a ckg:Cable ."}

_count_cache: dict[tuple[int, str], dict[str, int]] = {}


def counts(store: Store) -> dict[str, int]:
    """The home page's figures in one SPARQL query, cached until the store changes."""
    key = (id(store), store.version())
    if key not in _count_cache:
        parts = " ".join("{ " + q.replace("?n", f"?{name}", 1) + " }" for name, q in COUNTS.items())
        rows = select(store, f"SELECT * WHERE {{ {parts} }}")
        row = rows[0] if rows else {}
        _count_cache.clear()
        _count_cache[key] = {name: number(row.get(name)) for name in COUNTS}
    return _count_cache[key]


@dataclass(frozen=True)
class CableRow:
    cable: Node
    title: str | None
    created: str | None
    paragraphs: int


def loaded_cables(store: Store, linker: Linker, page: int = 1) -> list[CableRow]:
    """Loaded cables (those with paragraphs), newest first, one page of them."""
    offset = (max(page, 1) - 1) * PAGE_SIZE
    rows = select(
        store,
        "SELECT ?c (SAMPLE(?i) AS ?id) (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?created) "
        "(COUNT(DISTINCT ?p) AS ?n) WHERE { ?c a ckg:Cable ; dcterms:hasPart ?p ; "
        "dcterms:identifier ?i OPTIONAL { ?c dcterms:title ?t } "
        "OPTIONAL { ?c dcterms:created ?d } } GROUP BY ?c "
        f"ORDER BY DESC(?created) ?id LIMIT {PAGE_SIZE + 1} OFFSET {offset}",
    )
    return [
        CableRow(
            linker.node(r["c"], r["id"]), value(r["title"]), value(r["created"]), number(r["n"])
        )
        for r in rows
    ]


@dataclass(frozen=True)
class IndexRow:
    node: Node
    paragraphs: int  # how many paragraphs mention it


def index(store: Store, linker: Linker, kind: str, page: int = 1) -> list[IndexRow]:
    """Resources whose IRI is <base><kind>/..., by label; PAGE_SIZE + 1 rows tell of a next page."""
    prefix = linker.base + kind + "/"
    offset = (max(page, 1) - 1) * PAGE_SIZE
    rows = select(
        store,
        # grouped in a subquery: Virtuoso refuses an aggregate's alias inside an ORDER BY
        # expression (SP031), it takes it in the outer query
        "SELECT ?x ?label ?n WHERE { { "
        "SELECT ?x (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?para) AS ?n) WHERE { "
        f'?x rdfs:label ?l FILTER(STRSTARTS(STR(?x), "{prefix}")) {_EXTRA.get(kind, "")} '
        "FILTER NOT EXISTS { ?x a ckg:Paragraph } FILTER NOT EXISTS { ?x a ckg:Mention } "
        "OPTIONAL { ?para ckg:mentions ?x } } GROUP BY ?x } } "
        f"ORDER BY LCASE(STR(?label)) LIMIT {PAGE_SIZE + 1} OFFSET {offset}",
    )
    return [IndexRow(linker.node(r["x"], r["label"]), number(r["n"])) for r in rows]
