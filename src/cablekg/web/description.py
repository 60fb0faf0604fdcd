"""Self-descriptions of the service: SPARQL 1.1 Service Description and VoID + DCAT.

Both are built as pyoxigraph triples and serialised like any CONSTRUCT answer. Every URL in
them comes from the configured base IRI (Settings.base): that is the address the world sees,
also behind a reverse proxy where the request's own Host differs.

The counts come from a handful of aggregate queries over the merged default graph; they are
cached per store version (Store.version()), so a reload refreshes them and a busy endpoint
does not recount on every request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pyoxigraph as ox

from cablekg.rdf.namespaces import ONTOLOGY_IRI
from cablekg.store import EmbeddedStore, Store
from cablekg.web.terms import hide_system_graphs

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS = "http://www.w3.org/ns/formats/"
IANA = "https://www.iana.org/assignments/media-types/"

TITLE = "cablekg: a knowledge graph of US diplomatic cables"
DESCRIPTION = (
    "People, institutions, places, reforms, figures and dates extracted from US diplomatic "
    "cables, with the paragraph that states each fact as a named graph (provenance)."
)
# The ontology and the code are MIT-licensed (ontology/cablekg.ttl); the dataset uses the same.
LICENSE = "https://opensource.org/licenses/MIT"
# Vocabularies an analyst needs (INTEROP.md) plus our own ontology.
VOCABULARIES = (
    ONTOLOGY_IRI,
    "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
)
# SPARQL result and RDF formats the endpoint answers in (W3C format IRIs).
RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "N-Quads",
    "TriG",
)
MAX_LISTED_GRAPHS = 1000


@dataclass(frozen=True)
class Dump:
    """One downloadable distribution of the dataset."""

    filename: str
    media_type: str
    format: ox.RdfFormat
    gzip: bool
    title: str

    @property
    def download_type(self) -> str:
        return "application/gzip" if self.gzip else self.media_type


def _dumps() -> tuple[Dump, ...]:
    plain = (
        (
            "cablekg.ttl",
            "text/turtle",
            ox.RdfFormat.TURTLE,
            "the merged default graph (every fact once), Turtle",
        ),
        (
            "cablekg.trig",
            "application/trig",
            ox.RdfFormat.TRIG,
            "all named graphs (provenance per paragraph), TriG",
        ),
        (
            "cablekg.nq",
            "application/n-quads",
            ox.RdfFormat.N_QUADS,
            "all named graphs (provenance per paragraph), N-Quads",
        ),
    )
    out = []
    for name, media_type, fmt, title in plain:
        out.append(Dump(name, media_type, fmt, False, title))
        out.append(Dump(name + ".gz", media_type, fmt, True, title + ", gzip-compressed"))
    return tuple(out)


DUMPS = _dumps()


@dataclass(frozen=True)
class DatasetStats:
    version: str
    triples: int
    entities: int
    classes: tuple[tuple[str, int], ...]  # (class IRI, instances), most populous first
    graphs: int
    listed_graphs: tuple[str, ...]  # the non-paragraph named graphs (ontology, cables)


def _rows(store: Store, sparql: str) -> list[tuple[object, ...]]:
    result = store.query(sparql)
    rows = []
    for solution in result:  # type: ignore[union-attr]
        rows.append(tuple(solution))
    return rows


_stats_lock = threading.Lock()
_stats_cache: dict[int, DatasetStats] = {}


def dataset_stats(store: Store) -> DatasetStats:
    """Counts over the merged default graph, computed once per store version."""
    version = store.version()
    cached = _stats_cache.get(id(store))
    if cached is not None and cached.version == version:
        return cached
    with _stats_lock:
        triples = _single(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        entities = _single(
            store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"
        )
        classes = tuple(
            (row[0].value, int(row[1].value))  # type: ignore[attr-defined]
            for row in _rows(
                store,
                "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } "
                "GROUP BY ?c ORDER BY DESC(?n) ?c",
            )
        )
        named = f"{_named_graphs(store)} {hide_system_graphs(store)}"
        graphs = _single(store, f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {named} }}")
        listed = tuple(
            row[0].value  # type: ignore[attr-defined]
            for row in _rows(
                store,
                f"SELECT DISTINCT ?g WHERE {{ {named} "
                f"FILTER NOT EXISTS {{ ?g <{DCTERMS}isPartOf> ?whole }} }} ORDER BY ?g "
                f"LIMIT {MAX_LISTED_GRAPHS}",
            )
        )
        stats = DatasetStats(version, triples, entities, classes, graphs, listed)
        _stats_cache[id(store)] = stats
        return stats


def _named_graphs(store: Store) -> str:
    """A pattern binding ?g to each named graph. Oxigraph answers ``GRAPH ?g { }`` from its
    list of graphs without reading a quad; Virtuoso 7.2 binds nothing with an empty group, so
    a SPARQL server is asked for the graphs that hold a triple (the same graphs: cablekg
    writes no empty ones)."""
    return "GRAPH ?g { }" if isinstance(store, EmbeddedStore) else "GRAPH ?g { ?s ?p ?o }"


def _single(store: Store, sparql: str) -> int:
    rows = _rows(store, sparql)
    return int(rows[0][0].value) if rows and rows[0][0] is not None else 0  # type: ignore[attr-defined]


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _lit(value: object) -> ox.Literal:
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_iri("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value), language="en")


def endpoint_url(base: str) -> str:
    return base + "sparql"


def dataset_iri(base: str) -> str:
    return base + ".well-known/void#dataset"


def service_description(
    base: str, stats: DatasetStats, *, updates_enabled: bool
) -> list[ox.Triple]:
    """SPARQL 1.1 Service Description of the endpoint at ``base``/sparql."""
    endpoint = endpoint_url(base)
    service = _iri(endpoint + "#service")
    dataset = _iri(dataset_iri(base))
    t = [
        ox.Triple(service, RDF_TYPE, _iri(SD + "Service")),
        ox.Triple(service, _iri(SD + "endpoint"), _iri(endpoint)),
        ox.Triple(service, _iri(SD + "supportedLanguage"), _iri(SD + "SPARQL11Query")),
        ox.Triple(service, _iri(SD + "feature"), _iri(SD + "UnionDefaultGraph")),
        ox.Triple(
            service,
            _iri(SD + "defaultEntailmentRegime"),
            _iri("http://www.w3.org/ns/entailment/Simple"),
        ),
        ox.Triple(service, _iri(DCTERMS + "title"), _lit("cablekg SPARQL 1.1 endpoint")),
        ox.Triple(service, _iri(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _iri(SD + "Dataset")),
        ox.Triple(dataset, RDF_TYPE, _iri(VOID + "Dataset")),
    ]
    if updates_enabled:
        t.append(ox.Triple(service, _iri(SD + "supportedLanguage"), _iri(SD + "SPARQL11Update")))
    t += [
        ox.Triple(service, _iri(SD + "resultFormat"), _iri(FORMATS + f)) for f in RESULT_FORMAT_IRIS
    ]
    default_graph = ox.BlankNode("defaultGraph")
    t += [
        ox.Triple(dataset, _iri(SD + "defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _iri(SD + "Graph")),
        ox.Triple(default_graph, _iri(VOID + "triples"), _lit(stats.triples)),
        ox.Triple(
            default_graph,
            _iri(DCTERMS + "description"),
            _lit("the RDF merge of all named graphs: every fact once"),
        ),
    ]
    for i, name in enumerate(stats.listed_graphs):
        node = ox.BlankNode(f"namedGraph{i}")
        t += [
            ox.Triple(dataset, _iri(SD + "namedGraph"), node),
            ox.Triple(node, RDF_TYPE, _iri(SD + "NamedGraph")),
            ox.Triple(node, _iri(SD + "name"), _iri(name)),
        ]
    return t


def void_description(base: str, stats: DatasetStats) -> list[ox.Triple]:
    """VoID + DCAT description of the dataset, its endpoint and its dumps."""
    document = _iri(base + ".well-known/void")
    dataset = _iri(dataset_iri(base))
    t = [
        ox.Triple(document, RDF_TYPE, _iri(VOID + "DatasetDescription")),
        ox.Triple(document, _iri(FOAF + "primaryTopic"), dataset),
        ox.Triple(dataset, RDF_TYPE, _iri(VOID + "Dataset")),
        ox.Triple(dataset, RDF_TYPE, _iri(DCAT + "Dataset")),
        ox.Triple(dataset, _iri(DCTERMS + "title"), _lit(TITLE)),
        ox.Triple(dataset, _iri(DCTERMS + "description"), _lit(DESCRIPTION)),
        ox.Triple(dataset, _iri(DCTERMS + "license"), _iri(LICENSE)),
        ox.Triple(dataset, _iri(VOID + "sparqlEndpoint"), _iri(endpoint_url(base))),
        ox.Triple(dataset, _iri(VOID + "uriSpace"), ox.Literal(base)),
        ox.Triple(dataset, _iri(VOID + "triples"), _lit(stats.triples)),
        ox.Triple(dataset, _iri(VOID + "entities"), _lit(stats.entities)),
        ox.Triple(dataset, _iri(VOID + "classes"), _lit(len(stats.classes))),
        ox.Triple(dataset, _iri(DCAT + "landingPage"), _iri(base)),
    ]
    t += [ox.Triple(dataset, _iri(VOID + "vocabulary"), _iri(v)) for v in VOCABULARIES]
    for i, (cls, count) in enumerate(stats.classes):
        part = ox.BlankNode(f"class{i}")
        t += [
            ox.Triple(dataset, _iri(VOID + "classPartition"), part),
            ox.Triple(part, _iri(VOID + "class"), _iri(cls)),
            ox.Triple(part, _iri(VOID + "entities"), _lit(count)),
        ]
    for dump in DUMPS:
        url = _iri(base + "dumps/" + dump.filename)
        dist = _iri(base + "dumps/#" + dump.filename)
        t += [
            ox.Triple(dataset, _iri(VOID + "dataDump"), url),
            ox.Triple(dataset, _iri(DCAT + "distribution"), dist),
            ox.Triple(dist, RDF_TYPE, _iri(DCAT + "Distribution")),
            ox.Triple(dist, _iri(DCAT + "downloadURL"), url),
            ox.Triple(dist, _iri(DCAT + "mediaType"), _iri(IANA + dump.media_type)),
            ox.Triple(dist, _iri(DCTERMS + "title"), _lit(dump.title)),
            ox.Triple(dist, _iri(DCTERMS + "license"), _iri(LICENSE)),
        ]
        if dump.gzip:
            t.append(
                ox.Triple(dist, _iri(DCAT + "compressFormat"), _iri(IANA + "application/gzip"))
            )
    return t
