"""The loader benchmark scripts run end to end in --smoke mode (no timing assertions), and the
corpus generator writes a readable, deterministic cables.csv."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cablekg.cables import read_many
from cablekg.errors import CableFormatError

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=str(REPO), timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_make_corpus_is_readable_unique_and_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "cables.csv", tmp_path / "b" / "cables.csv"
    for out in (first, second):
        run(str(BENCH / "make_corpus.py"), "--count", "30", "--seed", "7", "--out", str(out))
    assert first.read_bytes() == second.read_bytes()
    items = list(read_many([first]))
    errors = [i for i in items if isinstance(i, CableFormatError)]
    assert not errors and len(items) == 30
    assert len({c.id for c in items}) == 30
    assert all(c.paragraphs for c in items)


def test_bench_load_smoke(tmp_path: Path) -> None:
    out = tmp_path / "load.md"
    run(str(BENCH / "bench_load.py"), "--smoke", "--work", str(tmp_path), "--out", str(out))
    text = out.read_text()
    assert "| cables |" in text and "oxigraph" in text and "validate" in text


def test_bench_shacl_smoke(tmp_path: Path) -> None:
    out = tmp_path / "shacl.md"
    run(str(BENCH / "bench_shacl.py"), "--smoke", "--out", str(out))
    text = out.read_text()
    assert "| pyshacl |" in text


def test_profile_stages_smoke() -> None:
    text = run(str(BENCH / "profile_stages.py"), "--smoke").stdout
    assert "extract" in text and "validate" in text and "write" in text and "total" in text
