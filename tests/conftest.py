"""Shared fixtures: ``store``, ``app``, ``client``, ``runner`` and a real server, ``live_server``.

``store`` is an in-memory EmbeddedStore holding tests/data/web/sample.trig (a tiny synthetic
dataset in the INTEROP.md layout). ``live_server`` starts ``cablekg serve`` as a subprocess on
127.0.0.1 and a free port over an on-disk store, waits until it answers and stops it by PID at
the end of the session. ``serve_process`` starts further servers with other options.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from process_support import free_port, stop, wait_until_answering

from cablekg.config import Settings
from cablekg.store import EmbeddedStore, GraphWrite

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
SAMPLE_TRIG = REPO / "tests" / "data" / "web" / "sample.trig"
TEST_BASE = "http://kg.example.org/"
# The W3C protocol fixtures (graphs data1-3) and the checker live in the shared folder, which
# CI places at ../shared beside the repository.
SHARED = REPO.parent / "shared"
PROTOCOL_CHECK = SHARED / "tools" / "protocol_check.py"
W3C_GRAPHS = {
    f"http://kasei.us/2009/09/sparql/data/data{i}.rdf": SHARED
    / "tools"
    / "protocol_data"
    / f"data{i}.nt"
    for i in (1, 2, 3)
}


def sample_quads() -> list[ox.Quad]:
    return list(ox.parse(path=str(SAMPLE_TRIG), format=ox.RdfFormat.TRIG))


def fill(store: EmbeddedStore, quads: list[ox.Quad]) -> None:
    store.write(GraphWrite((), quads))


@pytest.fixture
def store() -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(None)
    fill(s, sample_quads())
    yield s


@pytest.fixture
def settings() -> Settings:
    return Settings(base=TEST_BASE, store=":memory:", query_timeout=10.0, result_limit=1000)


@pytest.fixture
def app(settings: Settings, store: EmbeddedStore, tmp_path: Path):  # type: ignore[no-untyped-def]
    from cablekg.web import create_app

    application = create_app(settings, store)
    application.config.update(TESTING=True, CABLEKG_DUMP_DIR=str(tmp_path / "dumps"))
    return application


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- a real server ------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveServer:
    url: str  # the base, e.g. http://127.0.0.1:PORT/ (also the base IRI it mints under)
    store: Path
    pid: int
    log: Path  # what the server printed (stdout and stderr)

    @property
    def sparql(self) -> str:
        return self.url + "sparql"


def cablekg_command() -> list[str]:
    """``cablekg`` as installed, else ``python -m cablekg`` from this checkout."""
    installed = Path(sys.executable).with_name("cablekg")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "cablekg"]


@contextmanager
def serve_process(
    store_dir: Path,
    *args: str,
    env: dict[str, str] | None = None,
    port: int | None = None,
    timeout: float = 120.0,
) -> Iterator[LiveServer]:
    """Run ``cablekg serve --store STORE_DIR --host 127.0.0.1 --port PORT ARGS...`` (a free
    port unless given) until the block ends; the process is stopped by its PID (SIGTERM, then
    SIGKILL). Its base IRI is http://127.0.0.1:PORT/ unless ARGS or ENV say otherwise."""
    port = port or free_port()
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), full_env.get("PYTHONPATH")]))
    for name in [n for n in full_env if n.startswith("CABLEKG_") and n not in (env or {})]:
        del full_env[name]  # the developer's own settings must not change what a test sees
    log = store_dir.parent / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                *cablekg_command(),
                "serve",
                "--store",
                str(store_dir),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *args,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=full_env,
            cwd=str(REPO),
        )
    server = LiveServer(f"http://127.0.0.1:{port}/", store_dir, process.pid, log)
    try:
        wait_until_answering(
            server.sparql + "?query=ASK%7B%7D",
            process,
            what="cablekg serve",
            output=lambda: log.read_text(errors="replace"),
            seconds=timeout,
        )
        yield server
    finally:
        stop(process)


def make_disk_store(
    path: Path, *, base: str = TEST_BASE, seed: bool = False, with_w3c_graphs: bool = True
) -> Path:
    """An on-disk store with the sample data, the W3C protocol graphs data1-3 (when the shared
    folder is there) and, with ``seed``, the bundled cables loaded by the real Pipeline under
    ``base``; closed again so that a server process can open it."""
    s = EmbeddedStore(path)
    quads = sample_quads()
    if with_w3c_graphs:
        for graph, nt in W3C_GRAPHS.items():
            if nt.is_file():
                quads += [
                    ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                    for t in ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
                ]
    fill(s, quads)
    if seed:
        from cablekg.pipeline import Pipeline
        from cablekg.resources import bundled_cables

        summary = Pipeline(Settings(base=base, store=str(path))).load(bundled_cables(), s)
        if not summary.ok:
            s.close()
            raise RuntimeError(
                f"the bundled cables did not load: {summary}\n"
                + "\n".join(str(r) for r in summary.rejected)
            )
    s.close()
    return path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real server (``cablekg serve`` under waitress), read-only, for the whole session.

    Its store holds the bundled cables (minted under the server's own base IRI
    http://127.0.0.1:PORT/, so entity IRIs dereference), the synthetic sample data of
    tests/data/web/sample.trig (under http://kg.example.org/) and the W3C fixture graphs."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    store = make_disk_store(tmp_path_factory.mktemp("live") / "store", base=base, seed=True)
    with serve_process(store, "--no-seed", port=port) as server:
        yield server
