"""Servers that tests start on 127.0.0.1: free ports, waiting until they answer, stopping them
by PID. Shared by the cablekg, `oxigraph serve` and Virtuoso fixtures."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answering(
    url: str,
    process: subprocess.Popen,  # type: ignore[type-arg]
    *,
    what: str,
    output: Callable[[], str],
    seconds: float = 60.0,
    poll: float = 0.2,
) -> None:
    """Poll ``url`` until it answers (any HTTP status counts); fail with the server's output
    when the process exits or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{output()}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answered, if not with 200
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{what} did not answer within {seconds:.0f}s:\n{output()}"
                ) from None
            time.sleep(poll)


def stop(process: subprocess.Popen, grace: float = 15.0) -> None:  # type: ignore[type-arg]
    """SIGTERM, then SIGKILL after ``grace`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=grace)
