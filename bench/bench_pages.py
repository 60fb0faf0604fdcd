"""Linked-data page throughput: cable and entity pages, HTML and Turtle, uncached and cached.

Reproduce (the store is built once by bench_common.build_store; wrk from Debian):

    /work/venv/bin/python bench/bench_pages.py --cables 10000 --seconds 8 --runs 3
    /work/venv/bin/python bench/bench_pages.py --smoke

Each row: wrk at concurrency 8 cycling over 100 sampled resources of the kind, median of
--runs runs. "uncached" sends Cache-Control: no-cache (every request renders the page from the
store); "cached" repeats the same URLs (answered by web/cache.py). `cablekg serve` (waitress).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench_common import (
    BASE,
    cablekg_server,
    ensure_store,
    fetch,
    machine,
    median_load,
    results_folder,
    sample_iris,
    store_info,
    table,
    write_section,
    wrk,
)

KINDS = {
    "cable": "SELECT ?x WHERE { ?x a <https://w3id.org/cablekg/ontology#Cable> }",
    "paragraph": "SELECT ?x WHERE { ?c <http://purl.org/dc/terms/hasPart> ?x }",
    "person": "SELECT DISTINCT ?x WHERE { ?x a <http://xmlns.com/foaf/0.1/Person> }",
    "organisation": "SELECT DISTINCT ?x WHERE { ?x a <http://www.w3.org/ns/org#Organization> }",
}
FORMATS = {"html": "text/html", "ttl": "text/turtle"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cables", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--server", default="waitress", choices=["waitress", "gunicorn"])
    ap.add_argument(
        "--store",
        type=Path,
        default=None,
        help="an existing bench store (bench_load.py --keep-store) instead of --cables",
    )
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    if args.smoke:
        args.cables, args.seconds, args.runs = 20, 1.0, 1
    store = ensure_store(args.cables, smoke=args.smoke, given=args.store)
    info = store_info(store)
    samples = {
        kind: [iri[len(BASE) - 1 :] for iri in sample_iris(store, q, 100) if iri.startswith(BASE)]
        for kind, q in KINDS.items()
    }
    rows: list[list[object]] = []
    plot: dict[str, tuple[float, float]] = {}
    with cablekg_server(store, args.server) as ckg:
        for kind, paths in samples.items():
            if not paths:
                continue
            for ext, accept in FORMATS.items():
                if args.smoke and ext == "ttl" and kind != "cable":
                    continue
                status, body = fetch(ckg.url + paths[0], accept)
                if status != 200:
                    print(f"skip {kind} {ext}: {status}", file=sys.stderr)
                    continue
                cold = median_load(
                    [
                        wrk(
                            ckg.url,
                            paths,
                            concurrency=8,
                            seconds=args.seconds,
                            accept=accept,
                            fresh=True,
                        )
                        for _ in range(args.runs)
                    ]
                )
                warm = median_load(
                    [
                        wrk(ckg.url, paths, concurrency=8, seconds=args.seconds, accept=accept)
                        for _ in range(args.runs)
                    ]
                )
                rows.append(
                    [
                        f"{kind} ({ext})",
                        len(paths),
                        f"{len(body) / 1024:,.1f}",
                        cold.rps,
                        f"{cold.p50_ms:,.1f} / {cold.p99_ms:,.1f}",
                        warm.rps,
                        f"{warm.p50_ms:,.1f} / {warm.p99_ms:,.1f}",
                        f"{warm.rps / cold.rps:,.1f}x" if cold.rps else "-",
                    ]
                )
                plot[f"{kind}\n{ext}"] = (cold.rps, warm.rps)
                print(rows[-1], file=sys.stderr)
    text = [
        "## Linked-data pages (bench_pages.py)\n",
        f"Store: {info['cables']:,} cables ({info['named_quads']:,} named-graph quads). "
        f"`cablekg serve` ({args.server}, 8 threads); wrk concurrency 8, {args.runs} runs of "
        f"{args.seconds:g}s, medians. {machine()}.\n",
        table(
            [
                "page",
                "URLs",
                "first KiB",
                "uncached req/s",
                "uncached p50/p99 ms",
                "cached req/s",
                "cached p50/p99 ms",
                "cache speed-up",
            ],
            rows,
        ),
    ]
    name = "2-pages" if args.smoke else f"2-pages-{info['cables']}"
    write_section(name, "\n".join(text), args.smoke)
    _plot(plot, args.smoke, "web-pages.png" if args.smoke else f"web-pages-{info['cables']}.png")


def _plot(points: dict[str, tuple[float, float]], smoke: bool, png: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4))
    names = list(points)
    x = range(len(names))
    ax.bar([i - 0.2 for i in x], [points[n][0] for n in names], 0.4, label="uncached")
    ax.bar([i + 0.2 for i in x], [points[n][1] for n in names], 0.4, label="cached")
    ax.set_xticks(list(x), names, fontsize=8)
    ax.set_yscale("log")
    ax.set_ylabel("pages/s (concurrency 8, log)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(results_folder(smoke) / png, dpi=110)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
