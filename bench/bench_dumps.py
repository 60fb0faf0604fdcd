"""Dump throughput and peak memory: EmbeddedStore.dump against `oxigraph dump`.

Reproduce (stores built once by bench_common.build_store):

    /work/venv/bin/python bench/bench_dumps.py --cables 10000 --runs 3
    /work/venv/bin/python bench/bench_dumps.py --smoke

Every measurement runs in a fresh child process that reports its wall time and peak RSS
(getrusage), on the same store directory (closed between runs):
- N-Quads of the named graphs: cablekg's EmbeddedStore.dump (per-graph native dumps), the
  previous implementation (all quads filtered in Python, "legacy"; at the small size only, it
  takes minutes at the large one), and `oxigraph dump --location STORE --format nq` (which
  also writes the default graph, i.e. more quads: the ratio is computed on quads/s);
- Turtle of the merged default graph: EmbeddedStore.dump vs `oxigraph dump --graph default
  --format ttl`.
Peak memory is measured at --cables and at a small store (--small) to show it does not grow
with the store. Figures: medians of --runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from bench_common import (
    OXIGRAPH,
    PYTHON,
    WORK,
    ensure_store,
    machine,
    store_info,
    table,
    write_section,
)

CHILD = r"""
import json, resource, subprocess, sys, time
mode, store, fmt, out = sys.argv[1:5]
if mode != "oxigraph":  # interpreter start-up and imports are not dump time
    import pyoxigraph as ox
    from cablekg.store.embedded import EmbeddedStore
started = time.perf_counter()
if mode == "oxigraph":
    args = [sys.argv[5], "dump", "--location", store, "--file", out, "--format", fmt]
    if fmt == "ttl":
        args += ["--graph", "default"]
    subprocess.run(args, check=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
else:
    s = EmbeddedStore(store, read_only=True)
    f = {"nq": ox.RdfFormat.N_QUADS, "ttl": ox.RdfFormat.TURTLE}[fmt]
    with open(out, "wb") as o:
        if mode == "legacy":
            named = (q for q in s._store.quads_for_pattern(None, None, None, None)
                     if not isinstance(q.graph_name, ox.DefaultGraph))
            ox.serialize(named, o, f)
        else:
            s.dump(o, f)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
seconds = time.perf_counter() - started
lines = sum(1 for _ in open(out, "rb")) if fmt == "nq" else 0
import os
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "bytes": os.path.getsize(out),
                  "lines": lines}))
"""


def measure(mode: str, store: Path, fmt: str) -> dict[str, float]:
    out = WORK / f"dump-{mode}.{fmt}"
    result = subprocess.run(
        [PYTHON, "-c", CHILD, mode, str(store), fmt, str(out), OXIGRAPH],
        capture_output=True,
        text=True,
    )
    out.unlink(missing_ok=True)
    if result.returncode != 0:
        raise RuntimeError(f"{mode} {fmt} failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cables", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=1_000, help="store size for the memory check")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-legacy", action="store_true")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    if args.smoke:
        args.cables, args.small, args.runs = 20, 10, 1
    sizes = sorted({args.small, args.cables})
    rows: list[list[object]] = []
    ratios: list[str] = []
    for n in sizes:
        store = ensure_store(n, smoke=args.smoke)
        info = store_info(store)
        modes = [("oxigraph", "nq"), ("cablekg", "nq"), ("oxigraph", "ttl"), ("cablekg", "ttl")]
        if not args.no_legacy and n == min(sizes):  # minutes at the large size: small only
            modes.insert(2, ("legacy", "nq"))
        got: dict[tuple[str, str], dict[str, float]] = {}
        runs: dict[tuple[str, str], list[dict[str, float]]] = {m: [] for m in modes}
        for _ in range(args.runs):  # interleaved: the peer in every run
            for mode, fmt in modes:
                runs[(mode, fmt)].append(measure(mode, store, fmt))
        for (mode, fmt), rs in runs.items():
            m = medians(rs)
            quads = m["lines"]
            rows.append(
                [
                    f"{n:,}",
                    f"{mode} {fmt}",
                    m["seconds"],
                    f"{m['bytes'] / 1e6:,.0f}",
                    f"{quads / m['seconds']:,.0f}" if quads else "-",
                    f"{m['bytes'] / 1e6 / m['seconds']:,.0f}",
                    m["peak_mb"],
                ]
            )
            got[(mode, fmt)] = m
        ox_nq, ck_nq = got[("oxigraph", "nq")], got[("cablekg", "nq")]
        ox_tt, ck_tt = got[("oxigraph", "ttl")], got[("cablekg", "ttl")]
        nq_ratio = (ck_nq["lines"] / ck_nq["seconds"]) / (ox_nq["lines"] / ox_nq["seconds"])
        ttl_ratio = (ck_tt["bytes"] / ck_tt["seconds"]) / (ox_tt["bytes"] / ox_tt["seconds"])
        legacy = got.get(("legacy", "nq"))
        ratios.append(
            f"- {n:,} cables ({info['named_quads']:,} named-graph quads): N-Quads quads/s "
            f"cablekg/oxigraph = {nq_ratio:.2f} (target >= 0.8); wall time oxigraph/cablekg = "
            f"{ox_nq['seconds'] / ck_nq['seconds']:.2f}; Turtle MB/s cablekg/oxigraph = "
            f"{ttl_ratio:.2f}"
            + (f"; legacy/new time = {legacy['seconds'] / ck_nq['seconds']:.1f}x" if legacy else "")
        )
    text = [
        "## Dumps (bench_dumps.py)\n",
        f"{machine()}; each figure the median of {args.runs} runs in a fresh process. "
        "`oxigraph dump --format nq` writes the whole dataset (named graphs + the default graph "
        "cablekg derives), cablekg writes the named graphs only, so compare quads/s. "
        "Peak RSS includes the Python interpreter and pyoxigraph (~60 MB baseline).\n",
        table(["cables", "dump", "seconds", "MB", "quads/s", "MB/s", "peak RSS MB"], rows),
        "",
        *ratios,
    ]
    write_section(
        "3-dumps" if args.smoke else f"3-dumps-{'-'.join(map(str, sizes))}",
        "\n".join(text),
        args.smoke,
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
