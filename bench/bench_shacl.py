"""SHACL engines side by side on real cable graphs: time per cable and agreement with pyshacl.

How to reproduce:

    /work/venv/bin/python bench/bench_shacl.py            # all corpus cables + the seed
    /work/venv/bin/python bench/bench_shacl.py --smoke    # 5 cables, seconds (CI)

Each cable is read, extracted, resolved and built once; then every engine validates the same
working graph (the cable's graphs + the ontology's class triples, as Validator does). Reported:
median ms per cable per engine, and how many cables get the same report as pyshacl (the
reference): same conforms and the same set of (focus, path, constraint, severity) results.
Writes bench/results/shacl.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import RESULTS, corpus_sources  # noqa: E402

from cablekg.cables import read_many  # noqa: E402
from cablekg.config import Settings  # noqa: E402
from cablekg.errors import CableFormatError  # noqa: E402
from cablekg.pipeline import Pipeline  # noqa: E402
from cablekg.resources import bundled_cables  # noqa: E402
from cablekg.validate import ENGINES, Validator  # noqa: E402


def result_keys(report) -> tuple[bool, frozenset]:  # noqa: ANN001
    return report.conforms, frozenset(
        (v.focus, v.path, v.constraint, v.severity) for v in report.violations
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="5 cables, for CI")
    ap.add_argument("--out", type=Path, default=RESULTS / "shacl.md")
    args = ap.parse_args(argv)
    pipeline = Pipeline(Settings(store=":memory:"), Validator(engine="pyshacl"))
    validators = {}
    for engine in ENGINES:
        try:
            validators[engine] = Validator(engine=engine)
        except ImportError as e:
            print(f"skipping {engine}: {e}", file=sys.stderr)
    sources = [*bundled_cables(), *corpus_sources(5 if args.smoke else None)]
    times: dict[str, list[float]] = {e: [] for e in validators}
    agree = {e: 0 for e in validators}
    disagreements: list[str] = []
    cables = triples = 0
    for cable in read_many(sources):
        if isinstance(cable, CableFormatError):
            continue
        try:
            prepared = pipeline.prepare(cable)
        except Exception as e:  # noqa: BLE001 - a cable the pipeline rejects is not compared
            print(f"skip {cable.id}: {e}", file=sys.stderr)
            continue
        cables += 1
        triples += len(prepared.graphs)
        reference = None
        for engine, validator in validators.items():
            started = time.perf_counter()
            # what the loader hands over: pyshacl gets an rdflib Dataset made from it,
            # pyshacl-turbo its N-Triples text
            report = validator.validate(prepared.graphs)
            times[engine].append(time.perf_counter() - started)
            keys = result_keys(report)
            reference = reference or keys
            if keys == reference:
                agree[engine] += 1
            else:
                disagreements.append(f"{cable.id}: {engine} differs")
    lines = [
        "# SHACL engines on cable graphs",
        "",
        f"{cables} cables (corpus + seed), {triples / max(cables, 1):.0f} triples per cable "
        "on average; reference engine: pyshacl.",
        "",
        "| engine | median ms/cable | mean ms/cable | same report as pyshacl |",
        "| --- | ---: | ---: | ---: |",
    ]
    for engine, ts in times.items():
        lines.append(
            f"| {engine} | {statistics.median(ts) * 1000:.1f} | {statistics.mean(ts) * 1000:.1f} "
            f"| {agree[engine]} / {cables} |"
        )
    if disagreements:
        lines += ["", "Disagreements:", ""] + [f"- {d}" for d in disagreements[:50]]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
