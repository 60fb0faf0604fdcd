"""Shared helpers of the web benchmarks (bench_query.py, bench_pages.py, bench_dumps.py).

- ``corpus_nquads``: the corpus cables loaded once through the real ``Pipeline`` (reader,
  extractor, resolver, builder, SHACL validation) into an in-memory store, cached as N-Quads.
- ``build_store``: a BENCHMARK SHORTCUT that makes a store of N cables quickly: it replicates
  the corpus cables' named graphs with renumbered cable ids (string substitution on the
  N-Quads of each cable) and writes them with pyoxigraph's ``bulk_extend``, adding the merged
  default graph itself. The result has the same shape as a store written by ``cablekg load``
  (named graphs per cable/paragraph + the default graph as their merge) but skips extraction and
  validation, which is the loader's cost, not the web's.
- servers: ``cablekg serve`` (waitress), the same app under gunicorn (gthread, one process),
  ``oxigraph serve`` on a copy of the same store, and a Flask "hello" app (framework ceiling).
- ``wrk``: Debian's wrk as the HTTP load generator (a separate C process, so the client does
  not compete with the servers for the GIL); a Lua script rotates through a list of paths.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CABLEKG_CORPUS", "/work/shared/corpus/cablegate"))
WORK = Path(os.environ.get("CABLEKG_BENCH_DIR", tempfile.gettempdir() + "/cablekg-bench"))
RESULTS = REPO / "bench" / "results"
BASE = "http://bench.cablekg.test/"  # base IRI of every bench store; servers get --base BASE
PYTHON = sys.executable
OXIGRAPH = (
    str(Path(PYTHON).with_name("oxigraph"))
    if Path(PYTHON).with_name("oxigraph").exists()
    else (shutil.which("oxigraph") or "oxigraph")
)
_CABLE_GRAPH = re.compile(r"<" + re.escape(BASE) + r"cable/([^/>]+)[^>]*> \.$")


# -- stores ------------------------------------------------------------------------------------


def corpus_sources(limit: int | None = None) -> list[Path]:
    """Corpus cables (skipping metadata.csv); the bundled seed cables when the corpus is absent."""
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        from cablekg.resources import bundled_cables

        files = bundled_cables()
    return files[:limit] if limit else files


def corpus_nquads(limit: int | None = None, work: Path = WORK) -> Path:
    """The named graphs of the (first ``limit``) corpus cables plus the bundled seed, loaded
    through the real Pipeline; cached in ``work`` (delete the file to rebuild)."""
    target = work / f"corpus-{limit or 'all'}.nq"
    if target.is_file():
        return target
    import pyoxigraph as ox

    from cablekg.config import Settings
    from cablekg.pipeline import Pipeline
    from cablekg.resources import bundled_cables
    from cablekg.store.embedded import EmbeddedStore

    work.mkdir(parents=True, exist_ok=True)
    store = EmbeddedStore(None)
    summary = Pipeline(Settings(base=BASE, store=":memory:")).load(
        [*bundled_cables(), *corpus_sources(limit)], store
    )
    print(f"corpus: {summary}", file=sys.stderr)
    tmp = target.with_suffix(".partial")
    with tmp.open("wb") as out:
        store.dump(out, ox.RdfFormat.N_QUADS)
    tmp.replace(target)
    return target


def split_by_cable(nquads: Path) -> tuple[list[str], dict[str, list[str]]]:
    """(lines of graphs that belong to no cable, {cable id: lines of its graphs})."""
    shared: list[str] = []
    cables: dict[str, list[str]] = defaultdict(list)
    with nquads.open(encoding="utf-8") as f:
        for line in f:
            m = _CABLE_GRAPH.search(line.rstrip("\n"))
            (cables[m.group(1)] if m else shared).append(line)
    return shared, dict(cables)


def build_store(path: Path, n_cables: int, nquads: Path, chunk: int = 200_000) -> dict[str, int]:
    """BENCHMARK SHORTCUT: a store of ``n_cables`` cables (replicas of the cables in ``nquads``
    with renumbered ids), written with bulk_extend; not how cablekg loads data. Returns counts.

    Replica r of cable 09POST123 is 09POST123 followed by a 6-digit serial (so ids keep the
    YY+POST+NUMBER shape); the id is replaced wherever it appears in that cable's lines (IRIs
    and literals), and nowhere else, so links to other cables and shared entities stay shared.
    """
    import pyoxigraph as ox

    from cablekg.store.embedded import EmbeddedStore

    shared, cables = split_by_cable(nquads)
    ids = sorted(cables)
    if path.exists():
        shutil.rmtree(path)
    store = EmbeddedStore(path)
    raw = store._store  # the pyoxigraph Store: bulk_extend is the benchmark shortcut

    def flush(lines: list[str]) -> int:
        quads = list(ox.parse(input="".join(lines).encode(), format=ox.RdfFormat.N_QUADS))
        merged = [ox.Quad(q.subject, q.predicate, q.object) for q in quads]
        raw.bulk_extend(quads + merged)
        return len(quads)

    total, buffer = flush(shared), []
    for n in range(n_cables):
        cable_id = ids[n % len(ids)]
        replica = n // len(ids)
        lines = cables[cable_id]
        if replica:
            new_id = f"{cable_id}{replica:06d}"
            pattern = re.compile(re.escape(cable_id) + r"(?![0-9])")
            lines = [pattern.sub(new_id, line) for line in lines]
        buffer.extend(lines)
        if len(buffer) >= chunk:
            total += flush(buffer)
            buffer = []
    if buffer:
        total += flush(buffer)
    store._bump_version()
    store.close()
    return {"cables": n_cables, "named_quads": total, "source_cables": len(ids)}


def ensure_store(n_cables: int, *, smoke: bool = False, given: Path | None = None) -> Path:
    """The bench store of ``n_cables`` cables under WORK, built once and reused; or ``given``,
    a store that ``bench_load.py --keep-store`` loaded the way cablekg loads."""
    if given is not None:
        if not (given / "bench-built.json").is_file():
            raise SystemExit(f"{given} is not a bench store (no bench-built.json)")
        return given
    nquads = corpus_nquads(limit=5 if smoke else None)
    path = WORK / (f"store-smoke-{n_cables}" if smoke else f"store-{n_cables}")
    marker = path / "bench-built.json"
    if marker.is_file() and marker.stat().st_mtime >= nquads.stat().st_mtime:
        return path
    started = time.perf_counter()
    info = build_store(path, n_cables, nquads)
    info["seconds"] = round(time.perf_counter() - started, 1)
    marker.write_text(json.dumps(info))
    print(f"built {path}: {info}", file=sys.stderr)
    return path


def store_info(path: Path) -> dict[str, int]:
    return json.loads((path / "bench-built.json").read_text())  # type: ignore[no-any-return]


def store_origin(info: dict) -> str:
    """How a bench store was made, for the results' header."""
    if info.get("built_by") == "load":
        return "loaded by cablekg load from a make_corpus.py corpus"
    return f"replicated from {info['source_cables']} corpus cables; bench_common.build_store"


def sample_iris(store: Path, query: str, limit: int = 200) -> list[str]:
    """IRIs selected by ``query`` (first variable) from a closed store, opened read-only."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    out = [row[0].value for row in s.query(query)][:limit]  # type: ignore[union-attr]
    del s
    return out


# -- servers -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Server:
    name: str
    url: str  # no trailing slash
    pid: int
    sparql: str  # path of the query endpoint, e.g. /sparql or /query


def _wait(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not answer:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.2)


@contextmanager
def _process(
    name: str, cmd: list[str], probe: str, sparql: str, port: int, env: dict[str, str] | None = None
) -> Iterator[Server]:
    WORK.mkdir(parents=True, exist_ok=True)
    log = WORK / f"{name}-{port}.log"
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CABLEKG_")}
    full_env.update(env or {})
    with log.open("wb") as out:
        process = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=full_env,
            cwd=str(REPO),
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url + probe, process, log)
        yield Server(name, url, process.pid, sparql)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # its own session: gunicorn's children too
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)


def cablekg_server(
    store: Path, server: str = "waitress", threads: int = 8, env: dict[str, str] | None = None
) -> Iterator[Server]:  # type: ignore[misc]
    """``cablekg serve --server SERVER`` on ``store`` under the bench base IRI."""
    port = free_port()
    cmd = [
        PYTHON,
        "-m",
        "cablekg",
        "serve",
        "--store",
        str(store),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--base",
        BASE,
        "--no-seed",
        "--threads",
        str(threads),
        "--server",
        server,
    ]
    return _process(f"cablekg-{server}", cmd, "/sparql?query=ASK%7B%7D", "/sparql", port, env)


def oxigraph_server(location: Path) -> Iterator[Server]:  # type: ignore[misc]
    """``oxigraph serve-read-only`` on a store directory: RocksDB opens it as a secondary
    instance, so it can share the directory with cablekg's server (no copy of a 30 GB store)."""
    port = free_port()
    cmd = [
        OXIGRAPH,
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    return _process("oxigraph", cmd, "/query?query=ASK%7B%7D", "/query", port)


def hello_server(server: str = "waitress", threads: int = 8) -> Iterator[Server]:  # type: ignore[misc]
    """A Flask app answering "hello" at /: the framework + WSGI server ceiling."""
    port = free_port()
    app = "hello_app:app"
    if server == "gunicorn":
        cmd = [
            PYTHON,
            "-m",
            "gunicorn",
            "-k",
            "gthread",
            "-w",
            "1",
            "--threads",
            str(threads),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ]
    else:
        cmd = [
            PYTHON,
            "-m",
            "waitress",
            f"--threads={threads}",
            "--host=127.0.0.1",
            f"--port={port}",
            app,
        ]
    env = {"PYTHONPATH": str(REPO / "bench")}
    return _process(f"hello-{server}", cmd, "/", "/", port, env)


# -- load generation ---------------------------------------------------------------------------

_LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
local headers = {["Accept"] = "%s"%s}
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("JSON {\\"requests\\": %%d, \\"seconds\\": %%f, \\"errors\\": %%d, "
    .. "\\"status_errors\\": %%d, \\"p50_ms\\": %%f, \\"p99_ms\\": %%f}\\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass(frozen=True)
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def wrk(
    url: str,
    paths: Sequence[str],
    *,
    concurrency: int,
    seconds: float,
    accept: str = "*/*",
    timeout: float = 60,
    fresh: bool = False,
) -> Load:
    """``wrk`` with ``concurrency`` connections on 1-2 threads, GETs cycling through ``paths``;
    ``fresh`` sends ``Cache-Control: no-cache`` (cablekg's cache then runs every request)."""
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=WORK, suffix=".paths", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        path_file = f.name
    script = Path(path_file + ".lua")
    extra = ', ["Cache-Control"] = "no-cache"' if fresh else ""
    script.write_text(_LUA % (path_file, accept, extra))
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t",
                str(min(2, concurrency)),
                "-c",
                str(concurrency),
                "-d",
                f"{max(1, round(seconds))}s",
                "--timeout",
                f"{round(timeout)}s",
                "-s",
                str(script),
                url,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=seconds + timeout + 30,
        )
    finally:
        Path(path_file).unlink(missing_ok=True)
        script.unlink(missing_ok=True)
    lines = [li for li in out.stdout.splitlines() if li.startswith("JSON ")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr or out.stdout}")
    line = lines[0]
    d = json.loads(line[5:])
    rps = d["requests"] / d["seconds"] if d["seconds"] else 0.0
    return Load(rps, d["p50_ms"], d["p99_ms"], d["requests"], d["errors"] + d["status_errors"])


def median_load(runs: Sequence[Load]) -> Load:
    return Load(
        statistics.median(r.rps for r in runs),
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p99_ms for r in runs),
        sum(r.requests for r in runs),
        sum(r.errors for r in runs),
    )


def query_path(endpoint: str, query: str) -> str:
    return endpoint + "?" + urllib.parse.urlencode({"query": query})


def fetch(url: str, accept: str = "*/*") -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


# -- reporting ---------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(v: object) -> str:
        if isinstance(v, float):
            return f"{v:,.2f}" if v < 100 else f"{v:,.0f}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def results_folder(smoke: bool) -> Path:
    """bench/results, or a scratch folder for --smoke runs (CI must not touch the results)."""
    folder = (WORK / "smoke-results") if smoke else RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_section(name: str, text: str, smoke: bool) -> Path:
    """Each script writes its own section file; bench/results/web.md is assembled from them."""
    folder = results_folder(smoke)
    section = folder / f"web-{name}.md"
    section.write_text(text.rstrip() + "\n")
    parts = sorted(folder.glob("web-*.md"))
    header = (
        "# Web benchmarks\n\nGenerated by bench/bench_query.py, bench/bench_pages.py and "
        "bench/bench_dumps.py; see the top of each script for how to reproduce.\n\n"
    )
    (folder / "web.md").write_text(header + "\n".join(p.read_text() for p in parts))
    return section


def machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"


# -- fixed-count bursts (heavy queries) ----------------------------------------------------------


def burst(
    url: str,
    path: str,
    *,
    concurrency: int,
    requests: int,
    accept: str = "*/*",
    fresh: bool = False,
    timeout: float = 600,
) -> Load:
    """``requests`` GETs of one slow URL from ``concurrency`` threads of a separate Python
    process (wrk's fixed time window cannot measure queries that take seconds each)."""
    cmd = [
        PYTHON,
        __file__,
        "burst",
        url + path,
        str(concurrency),
        str(requests),
        accept,
        "1" if fresh else "0",
        str(timeout),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout * requests + 60)
    if out.returncode != 0:
        raise RuntimeError(f"burst failed: {out.stderr[-2000:]}")
    d = json.loads(out.stdout.strip().splitlines()[-1])
    return Load(d["rps"], d["p50_ms"], d["p99_ms"], d["requests"], d["errors"])


def _burst_main(
    url: str, concurrency: int, total: int, accept: str, fresh: bool, timeout: float
) -> None:
    import http.client
    import threading

    parts = urllib.parse.urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    headers = {"Accept": accept, **({"Cache-Control": "no-cache"} if fresh else {})}
    latencies: list[float] = []
    errors = [0]
    counter = iter(range(total))
    lock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            t = time.perf_counter()
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
            response.read()
            with lock:
                latencies.append(time.perf_counter() - t)
                errors[0] += response.status != 200
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(
        json.dumps(
            {
                "rps": len(latencies) / elapsed,
                "p50_ms": pct(0.5),
                "p99_ms": pct(0.99),
                "requests": len(latencies),
                "errors": errors[0],
            }
        )
    )


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "burst":
    _burst_main(
        sys.argv[2],
        int(sys.argv[3]),
        int(sys.argv[4]),
        sys.argv[5],
        sys.argv[6] == "1",
        float(sys.argv[7]),
    )
