"""The CPU-bound half of loading (extract -> resolve -> build -> validate) in a process pool.

Extraction, graph building and SHACL validation are pure Python and hold the GIL, so threads
would not use a second core. Workers get the Pipeline once (inherited through fork, or built by
the initializer where fork is unavailable) and send back compact results: the cable's graphs
serialised (N-Quads, and its merged triples as N-Triples) with the aliases they add, or the
problems that reject it. The parent keeps the store: it reads cables, submits them in small
chunks, and writes results strictly in input order, as the single-process path does (it only
joins the bytes for the store). At most ``window`` chunks are in flight, so memory stays
bounded however long the input (Pool.imap would read the whole input ahead).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cablekg.aliases import Pair, pairs_from_quads
from cablekg.cables.model import Cable
from cablekg.errors import CableKGError
from cablekg.store.base import NewGraphs

if TYPE_CHECKING:
    from cablekg.pipeline import Pipeline
    from cablekg.resolve import AliasIndex


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one cable: its graphs to write, or why it was rejected."""

    cable_id: str
    source: str
    graphs: NewGraphs | None = None
    quad_count: int = 0
    aliases: tuple[Pair, ...] = ()  # the (alias, path, label) pairs its quads add
    problems: tuple[str, ...] = ()
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def prepare_outcome(
    pipeline: Pipeline,
    cable: Cable,
    aliases: AliasIndex | None,
    *,
    catch_all: bool,
) -> Outcome:
    """One cable through the pure stages. ``catch_all``: turn any exception into a rejection
    naming the cable (in a worker, a bug must not take the whole batch down)."""
    stages: dict[str, float] = {}
    try:
        prepared = pipeline.prepare(cable, aliases, stages)
        if not prepared.report.conforms:
            return Outcome(cable.id, cable.source, problems=pipeline.problems(prepared))
        started = time.perf_counter()
        graphs = prepared.graphs
        new = NewGraphs(tuple(graphs.graph_names()), graphs.nquads(), graphs.merged_ntriples)
        pairs = tuple(pairs_from_quads(graphs.ox_quads, pipeline.iris))
        stages["convert"] = time.perf_counter() - started
    except CableKGError as e:
        return Outcome(cable.id, cable.source, problems=(str(e),), stages=stages)
    except Exception as e:  # noqa: BLE001 - see catch_all
        if not catch_all:
            raise
        last = traceback.extract_tb(e.__traceback__)[-1]
        return Outcome(
            cable.id,
            cable.source,
            problems=(
                f"internal error {type(e).__name__}: {e} (at {last.filename}:{last.lineno})",
            ),
            stages=stages,
        )
    return Outcome(cable.id, cable.source, new, len(graphs.ox_quads), pairs, stages=stages)


# -- worker side ---------------------------------------------------------------------------------

_PIPELINE: Pipeline | None = None
_ALIASES: AliasIndex | None = None


def _init(pipeline_factory, aliases: AliasIndex | None) -> None:  # noqa: ANN001
    global _PIPELINE, _ALIASES
    if _PIPELINE is None:  # not inherited through fork: build it here, once per worker
        _PIPELINE = pipeline_factory()
    _ALIASES = aliases


def _run_chunk(cables: list[Cable]) -> list[Outcome]:
    assert _PIPELINE is not None
    return [prepare_outcome(_PIPELINE, c, _ALIASES, catch_all=True) for c in cables]


# -- parent side ---------------------------------------------------------------------------------


def _chunks(items: Iterable[object], size: int) -> Iterator[list[object]]:
    chunk: list[object] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def prepare_parallel(
    pipeline: Pipeline,
    items: Iterable[object],
    aliases: AliasIndex | None,
    workers: int,
    *,
    chunksize: int = 4,
    window: int | None = None,
) -> Iterator[object]:
    """Items in input order: each Cable replaced by its Outcome; anything else (a reading
    error, a duplicate marker) passed through untouched, at its place."""
    global _PIPELINE
    window = window or 4 * workers
    fork = "fork" in mp.get_all_start_methods() and os.name == "posix"
    context = mp.get_context("fork" if fork else "spawn")
    _PIPELINE = pipeline if fork else None  # fork: children inherit the parsed shapes for free
    factory = _PipelineFactory(pipeline)
    try:
        with context.Pool(workers, initializer=_init, initargs=(factory, aliases)) as pool:
            pending: deque = deque()
            for chunk in _chunks(items, chunksize):
                cables = [x for x in chunk if isinstance(x, Cable)]
                pending.append((chunk, pool.apply_async(_run_chunk, (cables,))))
                while len(pending) >= window:
                    yield from _merge(*pending.popleft())
            while pending:
                yield from _merge(*pending.popleft())
    finally:
        _PIPELINE = None


def _merge(chunk: list[object], result) -> Iterator[object]:  # noqa: ANN001
    outcomes = iter(result.get())
    for item in chunk:
        yield next(outcomes) if isinstance(item, Cable) else item


class _PipelineFactory:
    """Rebuilds the Pipeline in a spawned worker from its settings (picklable, unlike it)."""

    def __init__(self, pipeline: Pipeline):
        self.settings = pipeline.settings
        self.engine = pipeline.validator.engine

    def __call__(self) -> Pipeline:
        from cablekg.pipeline import Pipeline
        from cablekg.validate import Validator

        return Pipeline(self.settings, Validator(engine=self.engine))
