"""Start a throwaway Virtuoso (Debian's virtuoso-opensource) on 127.0.0.1 for tests.

The server runs from a generated virtuoso.ini in a temporary directory, on free ports, in the
foreground (``virtuoso-t +foreground``) and is stopped by its PID. A fresh database has the DBA
password "dba"; the fixture grants SPARQL_UPDATE to the anonymous ``SPARQL`` user so that the
plain /sparql endpoint accepts updates (production servers use /sparql-auth instead: see
docs/deployment.md).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from process_support import free_port, stop, wait_until_answering

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8

[SPARQL]
; the Debian default (10000) silently cuts SELECT results: dumps need them whole
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


def isql(isql_binary: str, sql_port: int, statement: str) -> str:
    done = subprocess.run(
        [isql_binary, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statement}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql {statement!r} failed: {done.stdout}{done.stderr}")
    return done.stdout


@contextmanager
def virtuoso_serve(folder: Path) -> Iterator[str]:
    """Yields the server's base URL; its SPARQL endpoint is <url>/sparql."""
    binaries = virtuoso_binaries()
    if binaries is None:
        raise RuntimeError("Virtuoso is not installed: apt-get install virtuoso-opensource")
    server, isql_binary = binaries
    sql_port, http_port = free_port(), free_port()
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql_port=sql_port, http_port=http_port))
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [server, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_answering(  # a fresh database is created on first start
            url + "/sparql?query=ASK%7B%7D",
            process,
            what="virtuoso-t",
            output=lambda: (folder / "stdout.log").read_text(errors="replace"),
            seconds=120,
            poll=0.3,
        )
        isql(isql_binary, sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
        yield url
    finally:
        stop(process, grace=30)
        log.close()
