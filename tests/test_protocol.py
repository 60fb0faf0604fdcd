"""The shared SPARQL 1.1 Protocol checker against the real server, read-only.

The server is ``cablekg serve`` over a store holding the synthetic sample data plus the W3C
fixture graphs data1-3 (as protocol_check.py's docstring asks for a read-only endpoint); the
checker's ``--data`` is the server's own TriG dump, and ``--union-default-graph`` says that
the default graph is the merge of the named graphs.
"""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from conftest import PROTOCOL_CHECK

pytestmark = pytest.mark.skipif(
    not PROTOCOL_CHECK.is_file(),
    reason=f"the shared protocol checker is not at {PROTOCOL_CHECK} (../shared beside the repo)",
)


def test_protocol_checker_passes_read_only(live_server, tmp_path):  # type: ignore[no-untyped-def]
    dump = tmp_path / "kg.trig"
    dump.write_bytes(httpx.get(live_server.url + "dumps/cablekg.trig").content)
    done = subprocess.run(
        [
            sys.executable,
            str(PROTOCOL_CHECK),
            "--endpoint",
            live_server.sparql,
            "--read-only",
            "--union-default-graph",
            "--data",
            str(dump),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    last = done.stdout.strip().splitlines()[-1]
    assert last.endswith(" 0 failed"), output
    # the W3C dataset tests ran (fixtures present), not skipped
    assert "PASS protocol/query_dataset_full" in done.stdout, output
