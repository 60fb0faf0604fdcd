"""The web benchmark scripts run end to end in --smoke mode (no timing assertions).

Each script builds a tiny store (the bundled seed + a few corpus cables when the shared corpus
is present), starts real servers, drives them with wrk and writes its Markdown section. Needs
Debian's ``wrk`` and the ``oxigraph`` server binary; without them the test says so and skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = {
    "bench_query.py": "web-1-query.md",
    "bench_pages.py": "web-2-pages.md",
    "bench_dumps.py": "web-3-dumps.md",
}

needs_tools = pytest.mark.skipif(
    shutil.which("wrk") is None
    or not (Path(sys.executable).with_name("oxigraph").exists() or shutil.which("oxigraph")),
    reason="the web benchmarks need `wrk` (apt-get install wrk) and the oxigraph server binary",
)


@needs_tools
@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_smoke(script: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    work = tmp_path_factory.getbasetemp() / "bench-web"  # shared: the smoke store is built once
    env = {**os.environ, "CABLEKG_BENCH_DIR": str(work)}
    env = {k: v for k, v in env.items() if not k.startswith("CABLEKG_") or k == "CABLEKG_BENCH_DIR"}
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(REPO),
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    section = work / "smoke-results" / SCRIPTS[script]
    text = section.read_text()
    assert text.startswith("## ") and "|---|" in text
    assert "## " in (work / "smoke-results" / "web.md").read_text()
