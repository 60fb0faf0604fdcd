"""Running one SPARQL query for the endpoint: deadline, row limit, de-duplication, serialising.

pyoxigraph cannot cancel a query. So a query and the serialisation of its answer run in a
worker thread, and the request thread waits for it until the deadline (Settings.query_timeout);
past it the request answers 503 ``query-timeout`` and the server goes on answering others.
Results are evaluated lazily, so the worker checks a cancel flag after every solution and stops
consuming as soon as the request has given up; only a query that blocks inside the engine
before its first solution (an aggregate, ORDER BY) keeps its thread busy until the engine
returns. At most ``slots`` such workers exist at once (a semaphore): a request that finds every
slot taken waits for one until its own deadline, then answers 503 ``busy``. The workers are a
long-lived pool of ``slots`` threads: starting a thread per query cost more than a point lookup
itself (bench/results/web.md).

The answer is serialised into memory inside the worker, which is bounded by the row limit
(Settings.result_limit): a SELECT with more solutions, or a CONSTRUCT/DESCRIBE with more
distinct triples, is cut to the limit and says so (``Answer.truncated``).
"""

from __future__ import annotations

import contextlib
import json
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from cablekg.errors import StoreError
from cablekg.rdf.namespaces import PREFIXES as VOCABULARY_PREFIXES
from cablekg.store import Store
from cablekg.web.conneg import Choice
from cablekg.web.errors import APIError

_ERROR_POSITION = re.compile(r"\b(\d+):(\d+)\b")

# Prefixes for readable Turtle/TriG answers (INTEROP.md vocabularies).
PREFIXES = {
    **VOCABULARY_PREFIXES,
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
}
_PREFIX_FORMATS = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG}


@dataclass(frozen=True)
class QueryRequest:
    """One query as the protocol delivered it. ``None`` dataset lists = no protocol dataset."""

    text: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    base_iri: str


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    truncated: bool = False
    limit: int = 0


class _Cancelled(Exception):
    """The request stopped waiting; the worker stops consuming results."""


def escape_xml_cr(data: bytes) -> bytes:
    """Write every carriage return of an XML document as ``&#13;``.

    XML 1.0 section 2.11 makes a parser turn a raw CR into a line feed, so a literal holding
    "\\r" would come back changed. pyoxigraph 0.5.13 writes CR raw in SPARQL XML results and
    RDF/XML. Its writers never emit CR as markup whitespace, so every CR in their output is
    character data (element text or attribute value), where ``&#13;`` is the correct form."""
    return data.replace(b"\r", b"&#13;")


def with_base(text: str, base_iri: str) -> str:
    """The query with the service's base IRI (Protocol 2.3) for its relative IRIs. A BASE in
    the query itself comes later in the prologue and wins."""
    return f"BASE <{base_iri}>\n{text}"


def parser_message(error: SyntaxError, shifted_lines: int = 1) -> str:
    """The parser's message with positions as the user wrote them (before ``with_base``)."""

    def shift(match: re.Match[str]) -> str:
        line = int(match.group(1))
        return f"{max(1, line - shifted_lines)}:{match.group(2)}"

    return _ERROR_POSITION.sub(shift, str(error), count=2)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def execute(
    store: Store,
    request: QueryRequest,
    results: Choice[ox.QueryResultsFormat] | None,
    graphs: Choice[ox.RdfFormat] | None,
    limit: int,
    cancelled: threading.Event,
) -> Answer:
    """Run and serialise one query (in the worker thread). ``results``/``graphs``: the formats
    negotiated for a SELECT/ASK and a CONSTRUCT/DESCRIBE answer; None = not acceptable."""
    try:
        outcome = store.query(
            with_base(request.text, request.base_iri),
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
        )
    except SyntaxError as e:
        raise APIError(400, "malformed-query", parser_message(e)) from e
    except StoreError as e:
        raise APIError(500, "store-error", str(e)) from e
    if isinstance(outcome, ox.QueryTriples):
        if graphs is None:
            raise APIError(
                406,
                "not-acceptable",
                "this query returns an RDF graph, and none of "
                "the accepted media types is an RDF graph format",
            )
        return _graph_answer(outcome, graphs, limit, cancelled)
    if results is None:
        raise APIError(
            406,
            "not-acceptable",
            "this query returns SPARQL results, and none of "
            "the accepted media types is a SPARQL results format",
        )
    if isinstance(outcome, ox.QueryBoolean):
        body = outcome.serialize(format=results.format)
        return Answer(_fix_xml(body, results.format), results.media_type)
    return _select_answer(outcome, results, limit, cancelled)


def _fix_xml(body: bytes | None, fmt: object) -> bytes:
    """pyoxigraph serialisers return bytes when given no output file."""
    body = body or b""
    if fmt in (ox.QueryResultsFormat.XML, ox.RdfFormat.RDF_XML):
        return escape_xml_cr(body)
    return body


def _select_answer(
    solutions: ox.QuerySolutions,
    choice: Choice[ox.QueryResultsFormat],
    limit: int,
    cancelled: threading.Event,
) -> Answer:
    """Solutions written by pyoxigraph's own writers: first as TSV, one solution per line (TSV
    escapes line breaks inside terms), into a sink that counts lines and stops the writer at
    the row limit; then, for any other format, parsed back and written in it (both native).
    Lossless: TSV cells are RDF terms in N-Triples syntax. Writing rows in Python cost about
    a quarter of a heavy query's time (bench/results/web.md)."""
    sink = _TsvSink(limit, cancelled)
    with contextlib.suppress(_LimitReached):
        solutions.serialize(output=sink, format=ox.QueryResultsFormat.TSV)  # type: ignore[arg-type]
    tsv = sink.body()
    if choice.format == ox.QueryResultsFormat.TSV:
        return Answer(tsv, choice.media_type, sink.truncated, limit)
    parsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    body = parsed.serialize(format=choice.format) or b""
    if sink.truncated and choice.format == ox.QueryResultsFormat.JSON:
        # before "results": streaming readers (pyoxigraph's among them) stop reading after the
        # bindings array and reject members that follow it; "head" holds only variable names
        note = b',"cablekg":' + _dumps({"truncated": True, "limit": limit}).encode()
        body = body.replace(b',"results":', note + b',"results":', 1)
    return Answer(_fix_xml(body, choice.format), choice.media_type, sink.truncated, limit)


class _LimitReached(Exception):
    """The sink has the header and ``limit`` rows: stop the writer."""


class _TsvSink:
    """A write-only file for pyoxigraph's TSV writer: keeps the header line and at most
    ``limit`` rows (0 = all), and gives up as soon as the request has."""

    def __init__(self, limit: int, cancelled: threading.Event):
        self.limit, self.cancelled = limit, cancelled
        self.chunks: list[bytes] = []
        self.lines = 0
        self.truncated = False

    def write(self, data: bytes) -> int:
        if self.cancelled.is_set():
            raise _Cancelled
        if self.truncated:  # the writer's buffer retries on its way out: keep the cut
            raise _LimitReached
        chunk = bytes(data)
        found = chunk.count(b"\n")
        if self.limit > 0 and self.lines + found > self.limit + 1:  # + 1: the header line
            end = -1
            for _ in range(self.limit + 1 - self.lines):
                end = chunk.index(b"\n", end + 1)
            self.chunks.append(chunk[: end + 1])
            self.truncated = True
            raise _LimitReached
        self.lines += found
        self.chunks.append(chunk)
        return len(data)

    def flush(self) -> None:
        pass

    def body(self) -> bytes:
        return b"".join(self.chunks)


def _graph_answer(
    triples: ox.QueryTriples, choice: Choice[ox.RdfFormat], limit: int, cancelled: threading.Event
) -> Answer:
    # An RDF graph is a set: never repeat a triple (pyoxigraph 0.5.13 can, with a
    # default-graph-uri list of several graphs; oxigraph issue 1919).
    seen: dict[ox.Triple, None] = {}  # a dict keeps the engine's order, a set would not
    truncated = False
    for triple in triples:
        if cancelled.is_set():
            raise _Cancelled
        if triple in seen:
            continue
        if 0 < limit <= len(seen):
            truncated = True
            break
        seen[triple] = None
    return Answer(serialize_graph(seen, choice.format), choice.media_type, truncated, limit)


def serialize_graph(triples: Any, fmt: ox.RdfFormat) -> bytes:
    """Triples in ``fmt`` (prefixed where the syntax has prefixes, CR escaped in RDF/XML)."""
    prefixes = PREFIXES if fmt in _PREFIX_FORMATS else None
    body = ox.serialize(triples, format=fmt, prefixes=prefixes)
    return _fix_xml(body, fmt)


def _without_tracebacks(error: BaseException) -> BaseException:
    """Drop the worker's frames from an error before another thread holds it: pyoxigraph
    results are unsendable and must be freed on the thread that made them."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return error


class _Workers:
    """``size`` daemon threads running submitted jobs. Daemon threads, unlike a
    ThreadPoolExecutor's, do not hold up the process's exit behind a runaway query. Jobs are
    submitted only after a slot is acquired, so one is never queued behind a busy thread."""

    def __init__(self, size: int):
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._size = size
        self._started = 0
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], None]) -> None:
        if self._started < self._size:
            with self._lock:
                if self._started < self._size:  # started lazily: an idle app has no threads
                    self._started += 1
                    threading.Thread(target=self._loop, name="cablekg-query", daemon=True).start()
        self._jobs.put(job)

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            with contextlib.suppress(BaseException):  # a job reports its own errors
                job()


class QueryRunner:
    """Runs queries in worker threads with a deadline; at most ``slots`` at once."""

    def __init__(self, store: Store, timeout: float, limit: int, slots: int = 4):
        self.store = store
        self.timeout = timeout
        self.limit = limit
        self._slots = threading.BoundedSemaphore(slots)
        self._pool = _Workers(slots)

    def run(
        self,
        request: QueryRequest,
        results: Choice[ox.QueryResultsFormat] | None,
        graphs: Choice[ox.RdfFormat] | None,
    ) -> Answer:
        started = time.monotonic()
        if not self._slots.acquire(timeout=self.timeout):
            raise APIError(
                503,
                "busy",
                "every query slot is taken by long-running queries; try again shortly",
                {"Retry-After": "10"},
            )
        box: dict[str, Any] = {}
        done = threading.Event()
        cancelled = threading.Event()

        def work() -> None:
            try:
                box["answer"] = execute(self.store, request, results, graphs, self.limit, cancelled)
            except _Cancelled:
                pass
            except BaseException as e:  # handed to the request thread, which raises it
                box["error"] = _without_tracebacks(e)
            finally:
                self._slots.release()
                done.set()

        self._pool.submit(work)
        if not done.wait(max(0.0, self.timeout - (time.monotonic() - started))):
            cancelled.set()
            raise APIError(
                503,
                "query-timeout",
                f"the query did not finish within {self.timeout:g} seconds and was abandoned; "
                "make it more selective (LIMIT, fewer OPTIONALs, bound subjects) or download "
                "a dump from /dumps/ and query it locally",
            )
        if "error" in box:
            raise box["error"]
        return box["answer"]  # type: ignore[no-any-return]
