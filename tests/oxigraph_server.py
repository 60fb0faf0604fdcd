"""Start a real `oxigraph serve` on 127.0.0.1 for tests; stop it by PID."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from process_support import free_port, stop, wait_until_answering


def oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("oxigraph")
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


@contextmanager
def oxigraph_serve(location: Path) -> Iterator[str]:
    """Yields the server's base URL (query endpoint is <url>/query, update <url>/update)."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server binary is missing: pip install oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(
            url + "/query?query=ASK%7B%7D",
            process,
            what="oxigraph serve",
            output=lambda: process.stderr.read().decode(errors="replace") if process.stderr else "",
            seconds=20,
            poll=0.1,
        )
        yield url
    finally:
        stop(process, grace=10)
