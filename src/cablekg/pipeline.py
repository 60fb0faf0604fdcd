"""The loader: read -> extract -> resolve -> build -> validate -> store, one cable at a time.

A cable is written only when its whole graph conforms to the shapes, in one transaction that
replaces whatever an earlier load of the same cable wrote. A cable that fails at any stage is
reported (file, cable, paragraph, focus node, the shape's message) and the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from cablekg import resources
from cablekg.cables import read_many
from cablekg.cables.model import Cable
from cablekg.config import Settings
from cablekg.errors import CableFormatError, CableKGError
from cablekg.extract import extract, load_reform_scheme
from cablekg.rdf.build import build
from cablekg.rdf.convert import dataset_quads, ontology_quads
from cablekg.rdf.iris import IRIs
from cablekg.rdf.namespaces import ONTOLOGY_IRI
from cablekg.rdf.vocabulary import Vocabulary
from cablekg.resolve import AliasIndex, resolve
from cablekg.store import GraphWrite, Store
from cablekg.validate import Report, Validator


@dataclass(frozen=True)
class Rejection:
    """Why one input did not enter the store."""

    source: str
    cable_id: str | None
    problems: tuple[str, ...]

    def __str__(self) -> str:
        who = f"cable {self.cable_id} from {self.source}" if self.cable_id else self.source
        return f"rejected {who}:\n" + "\n".join(f"  - {p}" for p in self.problems)


@dataclass(frozen=True)
class Prepared:
    """A cable turned into its graphs and checked, not yet written."""

    cable: Cable
    dataset: Dataset
    report: Report

    @property
    def quads(self) -> list[ox.Quad]:
        return list(dataset_quads(self.dataset))


@dataclass
class LoadSummary:
    loaded: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    quads: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def __str__(self) -> str:
        rate = len(self.loaded) / self.seconds if self.seconds else 0.0
        return (
            f"loaded {len(self.loaded)} cable(s), rejected {len(self.rejected)}, "
            f"{self.quads} quads written in {self.seconds:.2f}s ({rate:.1f} cables/s)"
        )


Progress = Callable[[int, int], None]  # (cables done, cables rejected)


class Pipeline:
    """Everything the stages need, built once per command and reused for every cable."""

    def __init__(self, settings: Settings, validator: Validator | None = None):
        self.settings = settings
        self.iris = IRIs(settings.base)
        self.vocabulary = Vocabulary.load()
        self.scheme = load_reform_scheme(resources.ontology_path())
        self.validator = validator or Validator()

    # -- pure stages -------------------------------------------------------------------------

    def prepare(self, cable: Cable, aliases: AliasIndex | None = None) -> Prepared:
        self.check_limits(cable)
        facts = extract(cable, self.scheme)
        identities = resolve(facts, aliases)
        dataset = build(cable, facts, identities, self.iris, self.vocabulary)
        return Prepared(cable, dataset, self.validator.validate(dataset))

    def check_limits(self, cable: Cable) -> None:
        limit = self.settings.max_paragraph_chars
        for p in cable.paragraphs:
            if len(p.text) > limit:
                raise CableFormatError(
                    cable.source,
                    f"paragraph {p.number} has {len(p.text):,} characters, over the limit of "
                    f"{limit:,} (CABLEKG_MAX_PARAGRAPH_CHARS); is the file a cable?",
                    line=p.line or None,
                    cable_id=cable.id,
                )

    def problems(self, prepared: Prepared) -> tuple[str, ...]:
        """The report's violations, each placed in the paragraph(s) whose graph states it."""
        out = []
        for v in prepared.report.violations:
            if v.severity != "Violation":
                continue
            where = self._paragraphs_of(prepared.dataset, v.focus)
            out.append(f"{where}: {v}")
        return tuple(out)

    def _paragraphs_of(self, ds: Dataset, focus: str) -> str:
        prefix = str(self.iris.cable("")).rstrip("/")
        names = []
        for g in ds.graphs():
            if (URIRef(focus), None, None) in g:
                name = str(g.identifier)
                if "/para/" in name:
                    names.append("paragraph " + name.rsplit("/", 1)[-1])
                elif name.startswith(prefix):
                    names.append("header")
        return ", ".join(sorted(set(names))) or "cable"

    # -- effects -------------------------------------------------------------------------------

    def install_ontology(self, store: Store) -> None:
        """(Re)write the ontology graph so `a/rdfs:subClassOf*` works against the store."""
        quads = ontology_quads(self.vocabulary)
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_IRI}> {{ ?s ?p ?o }} }}"
        stored = {(t.subject, t.predicate, t.object) for t in store.query(query)}  # type: ignore[union-attr]
        if stored != {(q.subject, q.predicate, q.object) for q in quads}:
            store.write(GraphWrite((ONTOLOGY_IRI,), quads))

    def store_prepared(self, store: Store, prepared: Prepared) -> int:
        quads = prepared.quads
        old = store.graphs_of(str(self.iris.cable(prepared.cable.id)))
        store.write(GraphWrite(tuple(old), quads))
        return len(quads)

    def load(
        self, sources: Iterable[Path], store: Store, progress: Progress | None = None
    ) -> LoadSummary:
        summary = LoadSummary()
        started = time.perf_counter()
        self.install_ontology(store)
        aliases = alias_index(store, self.iris)
        seen: dict[str, str] = {}
        for item in read_many(sources):
            rejection = None
            if isinstance(item, CableFormatError):
                rejection = Rejection(item.source, item.cable_id, (str(item),))
            elif item.id in seen:
                rejection = Rejection(
                    item.source, item.id,
                    (f"cable {item.id} appears twice in this batch; the copy from {seen[item.id]} was kept",),
                )
            else:
                rejection = self._load_one(item, store, aliases, summary)
                seen.setdefault(item.id, item.source)
            if rejection:
                summary.rejected.append(rejection)
            if progress:
                progress(len(summary.loaded), len(summary.rejected))
        summary.seconds = time.perf_counter() - started
        return summary

    def _load_one(
        self, cable: Cable, store: Store, aliases: AliasIndex, summary: LoadSummary
    ) -> Rejection | None:
        try:
            prepared = self.prepare(cable, aliases)
        except CableKGError as e:
            return Rejection(cable.source, cable.id, (str(e),))
        if not prepared.report.conforms:
            return Rejection(cable.source, cable.id, self.problems(prepared))
        summary.quads += self.store_prepared(store, prepared)
        summary.loaded.append(cable.id)
        return None

    def validate_only(self, sources: Iterable[Path]) -> Iterator[tuple[str, Rejection | None]]:
        """Dry run: read, extract, resolve, build and validate; write nothing."""
        for item in read_many(sources):
            if isinstance(item, CableFormatError):
                yield item.source, Rejection(item.source, item.cable_id, (str(item),))
                continue
            try:
                prepared = self.prepare(item)
            except CableKGError as e:
                yield item.id, Rejection(item.source, item.id, (str(e),))
                continue
            if prepared.report.conforms:
                yield item.id, None
            else:
                yield item.id, Rejection(item.source, item.id, self.problems(prepared))


def alias_index(store: Store, iris: IRIs) -> AliasIndex:
    """Labels and alternative labels of people, institutions and places already stored, so a
    cable that names an entity only by an acronym or a variant joins the existing IRI."""
    query = f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?e ?label ?alias WHERE {{
          ?e rdfs:label ?label .
          {{ ?e rdfs:label ?alias }} UNION {{ ?e skos:altLabel ?alias }}
          FILTER(STRSTARTS(STR(?e), "{iris.base}person/") || STRSTARTS(STR(?e), "{iris.base}org/")
                 || STRSTARTS(STR(?e), "{iris.base}place/"))
        }}"""
    pairs = []
    for row in store.query(query):  # type: ignore[union-attr]
        path = iris.path_of(row["e"].value)
        if path:
            pairs.append((row["alias"].value, path, row["label"].value))
    return AliasIndex.from_pairs(pairs)
