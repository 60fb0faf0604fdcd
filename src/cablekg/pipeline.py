"""The loader: read -> extract -> resolve -> build -> validate -> store, one cable at a time.

A cable is written only when its whole graph conforms to the shapes. A cable that is already
in the store is replaced in one transaction of its own; new cables are written together, in
batches of ~50,000 quads (one bulk write each, all of a batch or none of it: see _Writer and
EmbeddedStore.add_new). A cable that fails at any stage is reported (file, cable, paragraph,
focus node, the shape's message) and the batch goes on.

``load(..., workers=N)`` with N > 1 runs the pure stages (extract, resolve, build, validate) in
a pool of N processes (parallel.py); reading, the duplicate check and the writes stay in this
process, in input order, so the store ends up exactly as with one worker. The aliases already
in the store are read once at the start of a load (aliases.py) and the same snapshot is
given to every worker, so cables of one batch do not see each other's aliases, with or without
workers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from rdflib import Dataset, URIRef

from cablekg import resources
from cablekg.aliases import AliasCache, Pair, scan_pairs
from cablekg.cables import read_many
from cablekg.cables.model import Cable
from cablekg.config import Settings
from cablekg.errors import CableFormatError, CableKGError
from cablekg.extract import extract, load_reform_scheme
from cablekg.parallel import Outcome, prepare_outcome, prepare_parallel
from cablekg.rdf.build import build
from cablekg.rdf.convert import ontology_quads
from cablekg.rdf.graphs import CableGraphs
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
    graphs: CableGraphs
    report: Report

    @cached_property
    def dataset(self) -> Dataset:
        """The graphs as an rdflib Dataset (for golden files and queries in tests)."""
        return self.graphs.dataset()


@dataclass
class LoadSummary:
    loaded: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    quads: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, all cables
    new_aliases: list[Pair] = field(default_factory=list)  # what the loaded cables added
    replaced: int = 0  # cables that were already in the store

    @property
    def ok(self) -> bool:
        return not self.rejected

    def __str__(self) -> str:
        rate = len(self.loaded) / self.seconds if self.seconds else 0.0
        return (
            f"loaded {len(self.loaded)} cable(s), rejected {len(self.rejected)}, "
            f"{self.quads} quads written in {self.seconds:.2f}s ({rate:.1f} cables/s)"
        )


_T = TypeVar("_T")
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

    def prepare(
        self,
        cable: Cable,
        aliases: AliasIndex | None = None,
        stages: dict[str, float] | None = None,
    ) -> Prepared:
        """``stages``: when given, receives the seconds spent in each stage (for benchmarks)."""
        clock = _Clock(stages)
        self.check_limits(cable)
        facts = clock("extract", extract, cable, self.scheme)
        identities = clock("resolve", resolve, facts, aliases)
        graphs = clock("build", build, cable, facts, identities, self.iris, self.vocabulary)
        return Prepared(cable, graphs, clock("validate", self.validator.validate, graphs))

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
            where = self._paragraphs_of(prepared.graphs, v.focus)
            out.append(f"{where}: {v}")
        return tuple(out)

    def _paragraphs_of(self, graphs: CableGraphs, focus: str) -> str:
        prefix = str(self.iris.cable("")).rstrip("/")
        names = []
        for name in graphs.naming(URIRef(focus)):
            if "/para/" in name:
                names.append("paragraph " + name.rsplit("/", 1)[-1])
            elif name.startswith(prefix):
                names.append("header")
        return ", ".join(sorted(set(names))) or "cable"

    # -- effects -------------------------------------------------------------------------------

    def install_ontology(self, store: Store) -> None:
        """(Re)write the ontology graph so `a/rdfs:subClassOf*` works against the store."""
        quads = ontology_quads(self.vocabulary)
        # VALUES ?g rather than a constant GRAPH <iri>: Virtuoso 7.2 matches nothing with the
        # latter once a default graph is given, and would rewrite the ontology on every load
        query = (
            "CONSTRUCT { ?s ?p ?o } WHERE { "
            f"VALUES ?g {{ <{ONTOLOGY_IRI}> }} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        stored = {(t.subject, t.predicate, t.object) for t in store.query(query)}  # type: ignore[union-attr]
        if stored != {(q.subject, q.predicate, q.object) for q in quads}:
            store.write(GraphWrite((ONTOLOGY_IRI,), quads))

    def load(
        self,
        sources: Iterable[Path],
        store: Store,
        progress: Progress | None = None,
        workers: int = 1,
    ) -> LoadSummary:
        """Load every cable of ``sources``. ``workers`` > 1 prepares cables in that many
        processes (see parallel.py); writes stay here, in input order (see _Writer)."""
        summary = LoadSummary()
        started = time.perf_counter()
        self.install_ontology(store)
        alias_cache = AliasCache(store, self.iris)
        known = alias_cache.load()
        aliases = AliasIndex.from_pairs(known)
        items = self._screened(read_many(sources), summary.stages)
        stream: Iterable[object]
        if workers > 1:
            stream = prepare_parallel(self, items, aliases, workers)
        else:
            stream = (
                prepare_outcome(self, x, aliases, catch_all=False) if isinstance(x, Cable) else x
                for x in items
            )
        writer = _Writer(store, self.iris, summary)
        for item in stream:
            rejection = None
            if isinstance(item, CableFormatError):
                rejection = Rejection(item.source, item.cable_id, (str(item),))
            elif isinstance(item, Rejection):
                rejection = item
            elif isinstance(item, Outcome):
                rejection = writer.put(item)
            if rejection:
                summary.rejected.append(rejection)
            if progress:
                progress(len(summary.loaded), len(summary.rejected))
        writer.flush()
        if progress:
            progress(len(summary.loaded), len(summary.rejected))
        if summary.loaded and not summary.replaced:
            # a reload may have dropped aliases, so only a pure addition keeps the cache
            alias_cache.save(known + summary.new_aliases)
        summary.seconds = time.perf_counter() - started
        return summary

    def _screened(
        self, items: Iterable[Cable | CableFormatError], stages: dict[str, float]
    ) -> Iterator[Cable | CableFormatError | Rejection]:
        """Reading errors and cables, with a second copy of a cable turned into its Rejection
        (decided here, in input order, before any worker sees it)."""
        seen: dict[str, str] = {}
        source = iter(items)
        while True:
            started = time.perf_counter()
            item = next(source, None)
            stages["read"] = stages.get("read", 0.0) + time.perf_counter() - started
            if item is None:
                return
            if isinstance(item, Cable) and item.id in seen:
                kept = seen[item.id]
                yield Rejection(
                    item.source,
                    item.id,
                    (
                        f"cable {item.id} appears twice in this batch; "
                        f"the copy from {kept} was kept",
                    ),
                )
                continue
            if isinstance(item, Cable):
                seen[item.id] = item.source
            yield item

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


class _Writer:
    """Writes prepared cables in input order. New cables are gathered into batches for
    ``Store.add_new`` (one bulk write each); a cable already in the store is replaced at once
    by its own transaction, after the batch before it, so the order of effects is the input's.

    A batch is all or nothing, like each replacement: a crash or a full disk can lose the
    batch in flight, never half of a cable, and never anything written before it."""

    # ~60 corpus cables. Bigger batches gained nothing measurable (bench/results/load.md) and
    # hold more in memory; smaller ones make more, smaller SST files for RocksDB to compact.
    BATCH_QUADS = 50_000

    def __init__(self, store: Store, iris: IRIs, summary: LoadSummary):
        self.store, self.iris, self.summary = store, iris, summary
        self.pending: list[Outcome] = []
        self.pending_quads = 0

    def put(self, outcome: Outcome) -> Rejection | None:
        summary = self.summary
        for stage, seconds in outcome.stages.items():
            summary.stages[stage] = summary.stages.get(stage, 0.0) + seconds
        if not outcome.ok or outcome.graphs is None:
            return Rejection(outcome.source, outcome.cable_id, outcome.problems)
        started = time.perf_counter()
        old = self.store.graphs_of(str(self.iris.cable(outcome.cable_id)))
        if old:
            self.flush()
            self.store.write(GraphWrite(tuple(old), outcome.graphs.quads()))
            summary.replaced += 1
            self._written([outcome])
        else:
            self.pending.append(outcome)
            self.pending_quads += outcome.quad_count
        self._clock(started)
        if self.pending_quads >= self.BATCH_QUADS:
            self.flush()
        return None

    def flush(self) -> None:
        if not self.pending:
            return
        started = time.perf_counter()
        self.store.add_new([o.graphs for o in self.pending if o.graphs is not None])
        self._written(self.pending)
        self.pending, self.pending_quads = [], 0
        self._clock(started)

    def _written(self, outcomes: list[Outcome]) -> None:
        for o in outcomes:
            self.summary.quads += o.quad_count
            self.summary.loaded.append(o.cable_id)
            self.summary.new_aliases.extend(o.aliases)

    def _clock(self, started: float) -> None:
        stages = self.summary.stages
        stages["store"] = stages.get("store", 0.0) + time.perf_counter() - started


class _Clock:
    """Calls a stage and adds its duration to ``stages`` (no bookkeeping when None)."""

    def __init__(self, stages: dict[str, float] | None):
        self.stages = stages

    def __call__(self, stage: str, fn: Callable[..., _T], *args: object) -> _T:
        if self.stages is None:
            return fn(*args)
        started = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.stages[stage] = self.stages.get(stage, 0.0) + time.perf_counter() - started


def alias_index(store: Store, iris: IRIs) -> AliasIndex:
    """The aliases already in the store (see aliases.py), read afresh."""
    return AliasIndex.from_pairs(scan_pairs(store, iris))
