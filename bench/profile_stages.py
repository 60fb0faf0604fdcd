"""CPU per cable of each loader stage, one process, no pool: where the loader's time goes.

    /work/venv/bin/python bench/profile_stages.py            # the corpus cables
    /work/venv/bin/python bench/profile_stages.py --smoke    # 5 cables (CI)

Runs ``Pipeline.prepare`` with its stage clocks on every corpus cable, then writes the ones
that conform to a fresh on-disk store with ``EmbeddedStore.add_new`` in batches (what the
loader does), and prints ms per cable for each stage (bench/results/load.md quotes it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import corpus_sources  # noqa: E402

from cablekg.cables import read_many  # noqa: E402
from cablekg.cables.model import Cable  # noqa: E402
from cablekg.config import Settings  # noqa: E402
from cablekg.parallel import prepare_outcome  # noqa: E402
from cablekg.pipeline import Pipeline  # noqa: E402
from cablekg.store.embedded import EmbeddedStore  # noqa: E402

BATCH = 60  # cables per add_new, about the loader's 50,000 quads


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="5 cables")
    args = ap.parse_args(argv)
    pipeline = Pipeline(Settings(store=":memory:"))
    cables = [
        c for c in read_many(corpus_sources(5 if args.smoke else None)) if isinstance(c, Cable)
    ]
    prepare_outcome(pipeline, cables[0], None, catch_all=True)  # warm caches and imports
    stages: dict[str, list[float]] = {}
    outcomes = []
    for cable in cables:
        outcome = prepare_outcome(pipeline, cable, None, catch_all=True)
        outcomes.append(outcome)
        for stage, seconds in outcome.stages.items():
            stages.setdefault(stage, []).append(seconds)
    ok = [o for o in outcomes if o.ok and o.graphs is not None]
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "store")
        started = time.perf_counter()
        for i in range(0, len(ok), BATCH):
            store.add_new([o.graphs for o in ok[i : i + BATCH] if o.graphs is not None])
        store.flush()
        write = (time.perf_counter() - started) / max(len(ok), 1)
        store.close()
    print(f"{len(cables)} cables, {len(ok)} conforming; ms per cable (mean, median):")
    total = 0.0
    for stage, values in stages.items():
        mean = sum(values) / len(cables) * 1000
        total += mean
        print(f"  {stage:9s} {mean:6.1f} {statistics.median(values) * 1000:6.1f}")
    print(f"  {'write':9s} {write * 1000:6.1f}")
    print(f"  {'total':9s} {total + write * 1000:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
