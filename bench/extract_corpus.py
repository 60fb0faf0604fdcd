"""Counts and timing of the extractor over every readable cable of the shared corpus.

    /work/venv/bin/python bench/extract_corpus.py [--json OUT]

Prints entities by kind, memberships, figures (and how many have as_of/about), statements,
meetings, experiments and pilot areas, and the median extraction time per cable (each cable
extracted 3 times, the per-cable median taken, then the median over cables).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from cablekg.cables import read_path
from cablekg.extract import extract

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_report import CORPUS, scheme  # noqa: E402


def cables() -> list:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            out.extend(read_path(path))
        except Exception:  # noqa: BLE001, S112 - unreadable cables are not counted
            continue
    return out


def main(argv: list[str]) -> None:
    sch = scheme()
    cs = cables()
    counts: Counter[str] = Counter()
    times = []
    for c in cs:
        ts = []
        for _ in range(3):
            t0 = time.perf_counter()
            facts = extract(c, sch)
            ts.append(time.perf_counter() - t0)
        times.append(statistics.median(ts))
        for e in facts.entities:
            counts["entity:" + e.kind] += 1
        counts["memberships"] += len(facts.memberships)
        counts["figures"] += len(facts.figures)
        counts["figures with as_of"] += sum(f.as_of is not None for f in facts.figures)
        counts["figures with about"] += sum(f.about is not None for f in facts.figures)
        counts["statements"] += len(facts.statements)
        counts["meetings"] += len(facts.meetings)
        counts["relations"] += len(facts.relations)
        counts["pilot areas (pilotFor)"] += sum(r.predicate == "pilotFor" for r in facts.relations)
    counts["cables"] = len(cs)
    for k in sorted(counts):
        print(f"{k:40} {counts[k]}")
    print(f"median extract ms per cable: {statistics.median(times) * 1000:.2f}")
    print(f"total extract s: {sum(times):.2f}")
    if argv[:1] == ["--json"]:
        Path(argv[1]).write_text(json.dumps(dict(counts), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
