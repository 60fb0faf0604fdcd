"""SPARQL endpoint throughput: cablekg /sparql against `oxigraph serve` on the same store data.

Reproduce (full run; the stores are built once under $CABLEKG_BENCH_DIR, default
/tmp/cablekg-bench, by bench_common.build_store from the corpus loaded through Pipeline):

    apt-get install wrk                     # the load generator (a separate C process)
    /work/venv/bin/python bench/bench_query.py --cables 10000 --seconds 8 --runs 3
    /work/venv/bin/python bench/bench_query.py --smoke      # seconds; CI runs this

What it measures, each figure the median of --runs wrk runs, servers interleaved per run:
1. framework ceiling: a Flask "hello" app under waitress and under gunicorn (gthread, one
   process), concurrency 8;
2. point lookups (SELECT ?p ?o WHERE { <cable> ?p ?o }, cycling over 200 cables) on cablekg
   under waitress and gunicorn, uncached (wrk sends Cache-Control: no-cache) and cached, and on
   oxigraph serve; ratio = cablekg uncached / hello ceiling of the same WSGI server;
3. heavy analyst queries (HEAVY below + queries/*.rq) one at a time, concurrency 1 and 8:
   cablekg uncached vs oxigraph serve (ratio = cablekg / oxigraph), and cablekg cached
   (a repeated query answered from the response cache) vs oxigraph uncached.
oxigraph serve-read-only opens the same store directory (the default graph is the merge, so it
answers the same queries with the same results).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from bench_common import (
    REPO,
    Load,
    burst,
    cablekg_server,
    ensure_store,
    fetch,
    hello_server,
    machine,
    median_load,
    oxigraph_server,
    query_path,
    results_folder,
    sample_iris,
    store_info,
    store_origin,
    table,
    write_section,
    wrk,
)

PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX ckg: <https://w3id.org/cablekg/ontology#>
"""
# Analyst queries: aggregates over every mention/cable, property paths, text filters.
HEAVY = {
    "mentions-by-class": "SELECT ?class (COUNT(*) AS ?n) WHERE { ?m ckg:refersTo ?e . "
    "?e a ?class } GROUP BY ?class ORDER BY DESC(?n)",
    "top-entities": "SELECT ?e ?label (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p ckg:mentions ?e . "
    "?e rdfs:label ?label } GROUP BY ?e ?label ORDER BY DESC(?n) LIMIT 20",
    "cables-per-post-year": "SELECT ?post ?year (COUNT(?c) AS ?n) "
    "WHERE { ?c a ckg:Cable ; ckg:originPost ?post ; dcterms:created ?d } "
    "GROUP BY ?post (SUBSTR(STR(?d), 1, 4) AS ?year) ORDER BY DESC(?n) LIMIT 50",
    "text-filter": "SELECT (COUNT(?p) AS ?n) WHERE { ?p ckg:text ?t "
    'FILTER(CONTAINS(LCASE(?t), "reform")) }',
    "kinds-by-path": "SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* ?k . "
    "VALUES ?k { foaf:Person org:Organization dcterms:Location } } GROUP BY ?k",
    "top-speakers": "SELECT ?name (COUNT(?s) AS ?n) WHERE { ?s ckg:speaker ?sp . "
    "?sp rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?n) LIMIT 20",
}
JSON = "application/sparql-results+json"
# Same work as oxigraph serve: no 30 s deadline, no 10,000-row cut (both are cablekg defaults).
SERVER_ENV = {"CABLEKG_QUERY_TIMEOUT": "600", "CABLEKG_RESULT_LIMIT": "0"}


def heavy_queries(include_saved: bool) -> dict[str, str]:
    queries = {name: PREFIXES + text for name, text in HEAVY.items()}
    if include_saved:
        for rq in sorted((REPO / "queries").glob("*.rq")):
            queries["saved:" + rq.stem] = rq.read_text(encoding="utf-8")
    return queries


def runs_of(n: int, measure) -> Load:  # type: ignore[no-untyped-def]
    return median_load([measure() for _ in range(n)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cables", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--heavy-seconds", type=float, default=15.0)
    ap.add_argument("--cached-seconds", type=float, default=3.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--slow",
        type=float,
        default=20.0,
        help="a query slower than this (s) is timed once, not load-tested",
    )
    ap.add_argument("--no-saved", action="store_true", help="skip queries/*.rq")
    ap.add_argument(
        "--exclude",
        default=None,
        help="regular expression of heavy query names to leave out (quadratic ones at 100k: "
        "neither server can cancel a query, so one that runs for an hour poisons the rest)",
    )
    ap.add_argument("--skip-heavy", action="store_true", help="framework and lookups only")
    ap.add_argument(
        "--heavy-log",
        type=Path,
        default=None,
        help="take the heavy rows from the stderr log of an earlier run "
        "(each measured row is printed as it completes)",
    )
    ap.add_argument(
        "--store",
        type=Path,
        default=None,
        help="an existing bench store (bench_load.py --keep-store) instead of --cables",
    )
    ap.add_argument("--smoke", action="store_true", help="tiny store, 1-second runs, 1 run")
    args = ap.parse_args()
    if args.smoke:
        args.cables, args.seconds, args.heavy_seconds, args.runs = 20, 1.0, 1.0, 1
        args.cached_seconds = 1.0
    store = ensure_store(args.cables, smoke=args.smoke, given=args.store)
    info = store_info(store)
    cables = sample_iris(
        store, "SELECT ?c WHERE { ?c a <https://w3id.org/cablekg/ontology#Cable> } LIMIT 200"
    )
    queries = heavy_queries(include_saved=not (args.smoke or args.no_saved))
    if args.exclude:
        skipped = [n for n in queries if re.search(args.exclude, n)]
        queries = {n: q for n, q in queries.items() if n not in skipped}
        print(f"left out: {skipped}", file=sys.stderr)
    if args.smoke:
        queries = dict(list(queries.items())[:2])
    point = {
        ep: [query_path(ep, f"SELECT ?p ?o WHERE {{ <{c}> ?p ?o }}") for c in cables]
        for ep in ("/sparql", "/query")
    }
    s = args.seconds
    rows_fw: list[list[object]] = []
    rows_heavy: list[list[object]] = []
    plot: dict[str, float] = {}

    with oxigraph_server(store) as ox_srv:
        ox_point = []
        for server in ("waitress",) if args.smoke else ("waitress", "gunicorn"):
            with ExitStack() as stack:
                hello = stack.enter_context(hello_server(server))
                ckg = stack.enter_context(cablekg_server(store, server, env=SERVER_ENV))
                h, cold, warm, ox = [], [], [], []
                for _ in range(args.runs):  # interleaved: every server in every run
                    h.append(wrk(hello.url, ["/"], concurrency=8, seconds=s))
                    cold.append(
                        wrk(
                            ckg.url,
                            point["/sparql"],
                            concurrency=8,
                            seconds=s,
                            accept=JSON,
                            fresh=True,
                        )
                    )
                    warm.append(
                        wrk(ckg.url, point["/sparql"], concurrency=8, seconds=s, accept=JSON)
                    )
                    ox.append(
                        wrk(ox_srv.url, point["/query"], concurrency=8, seconds=s, accept=JSON)
                    )
                hm, cm, wm = median_load(h), median_load(cold), median_load(warm)
                ox_point.extend(ox)
                rows_fw += [
                    [f"Flask hello ({server})", hm.rps, hm.p50_ms, hm.p99_ms, "ceiling"],
                    [
                        f"cablekg point lookup, uncached ({server})",
                        cm.rps,
                        cm.p50_ms,
                        cm.p99_ms,
                        f"{cm.rps / hm.rps:.2f}x hello (target >= 0.90)",
                    ],
                    [
                        f"cablekg point lookup, cached ({server})",
                        wm.rps,
                        wm.p50_ms,
                        wm.p99_ms,
                        f"{wm.rps / hm.rps:.2f}x hello",
                    ],
                ]
                plot[f"hello\n{server}"] = hm.rps
                plot[f"lookup\n{server}"] = cm.rps
                plot[f"lookup cached\n{server}"] = wm.rps
                if server == "waitress" and args.heavy_log:
                    rows_heavy = rows_from_log(args.heavy_log)
                elif server == "waitress" and not args.skip_heavy:
                    rows_heavy = heavy_rows(ckg, ox_srv, queries, args)
        om = median_load(ox_point)
        rows_fw.append(["oxigraph serve point lookup", om.rps, om.p50_ms, om.p99_ms, "peer"])
        plot["lookup\noxigraph"] = om.rps

    text = [
        "## SPARQL endpoint (bench_query.py)\n",
        f"Store: {info['cables']:,} cables ({info['named_quads']:,} quads in named graphs, "
        f"{store_origin(info)}). "
        f"{machine()}; wrk, {args.runs} runs of {s:g}s (heavy: {args.heavy_seconds:g}s), "
        "medians.\n",
        "### Framework ceiling and point lookups (concurrency 8)\n",
        table(["server / workload", "req/s", "p50 ms", "p99 ms", "ratio"], rows_fw),
        "\n### Heavy analyst queries, one query per row (cablekg under waitress)\n",
        f"(rows read from {args.heavy_log}, the log of an earlier run)\n" if args.heavy_log else "",
        table(
            [
                "query",
                "c",
                "oxigraph req/s",
                "cablekg req/s",
                "ratio (>= 1.0)",
                "cablekg cached req/s",
                "cached / oxigraph",
                "oxigraph p50/p99 ms",
                "cablekg p50/p99 ms",
            ],
            rows_heavy,
        ),
        "\n" + heavy_summary(rows_heavy),
    ]
    name = "1-query" if args.smoke else f"1-query-{info['cables']}"
    write_section(name, "\n".join(text), args.smoke)
    _plot(plot, rows_heavy, args.smoke, "web.png" if args.smoke else f"web-{info['cables']}.png")


def heavy_rows(ckg, ox_srv, queries: dict[str, str], args) -> list[list[object]]:  # type: ignore[no-untyped-def]
    """Each query alone: a fixed number of requests sized from one warm-up run (burst), since
    a wrk time window cannot hold queries that take seconds; cached figures come from wrk."""
    rows: list[list[object]] = []
    for name, text in queries.items():
        try:
            rows.extend(_heavy_rows_of(ckg, ox_srv, name, text, args))
        except RuntimeError as e:  # e.g. oxigraph serve drops a connection after 60 s
            print(f"{name}: not measured: {str(e)[-300:]}", file=sys.stderr)
            rows.append([name + " (failed: " + str(e).splitlines()[-1][:80] + ")", 1] + ["-"] * 7)
    return rows


def _heavy_rows_of(ckg, ox_srv, name: str, text: str, args) -> list[list[object]]:  # type: ignore[no-untyped-def]
    """The rows of one heavy query (one per concurrency, or one request when it is slow)."""
    rows: list[list[object]] = []
    started = time.perf_counter()
    status, _ = fetch(ckg.url + query_path("/sparql", text), JSON)  # warm + validity check
    one = time.perf_counter() - started
    if status != 200:
        print(f"skip {name}: cablekg answered {status}", file=sys.stderr)
        return rows
    if one > args.slow:  # minutes per query: one request each, concurrency 1 only
        o = burst(ox_srv.url, query_path("/query", text), concurrency=1, requests=1, accept=JSON)
        k = burst(
            ckg.url,
            query_path("/sparql", text),
            concurrency=1,
            requests=1,
            accept=JSON,
            fresh=True,
        )
        w = wrk(
            ckg.url,
            [query_path("/sparql", text)],
            concurrency=1,
            seconds=args.seconds,
            accept=JSON,
        )
        rows.append(
            [
                name + " (1 request)",
                1,
                o.rps,
                k.rps,
                f"{k.rps / o.rps:.2f}",
                w.rps,
                f"{w.rps / o.rps:,.0f}x",
                f"{o.p50_ms:,.0f}",
                f"{k.p50_ms:,.0f}",
            ]
        )
        print(rows[-1], file=sys.stderr)
        return rows
    for c in (1, 8) if not args.smoke else (8,):
        n = int(min(200, max(c, args.heavy_seconds / one * (1 if c == 1 else 2))))
        ck, ox, hot = [], [], []
        for _ in range(args.runs):
            ox.append(
                burst(
                    ox_srv.url,
                    query_path("/query", text),
                    concurrency=c,
                    requests=n,
                    accept=JSON,
                )
            )
            ck.append(
                burst(
                    ckg.url,
                    query_path("/sparql", text),
                    concurrency=c,
                    requests=n,
                    accept=JSON,
                    fresh=True,
                )
            )
            hot.append(
                wrk(
                    ckg.url,
                    [query_path("/sparql", text)],
                    concurrency=c,
                    seconds=args.cached_seconds,
                    accept=JSON,
                )
            )
        o, k, w = median_load(ox), median_load(ck), median_load(hot)
        errors = f" ({k.errors} errors)" if k.errors else ""
        rows.append(
            [
                name,
                c,
                o.rps,
                k.rps,
                f"{k.rps / o.rps:.2f}" if o.rps else "-",
                w.rps,
                f"{w.rps / o.rps:,.0f}x" if o.rps else "-",
                f"{o.p50_ms:,.0f} / {o.p99_ms:,.0f}",
                f"{k.p50_ms:,.0f} / {k.p99_ms:,.0f}{errors}",
            ]
        )
        print(rows[-1], file=sys.stderr)
    return rows


def rows_from_log(log: Path) -> list[list[object]]:
    import ast

    return [
        ast.literal_eval(line) for line in log.read_text().splitlines() if line.startswith("['")
    ]


def heavy_summary(rows: list[list[object]]) -> str:
    if not rows:
        return "(no heavy query answered)"
    out = []
    for c in (1, 8):
        ratios = [float(r[4]) for r in rows if r[1] == c and r[4] != "-"]  # type: ignore[arg-type]
        if ratios:
            out.append(
                f"concurrency {c}: median ratio cablekg/oxigraph "
                f"{statistics.median(ratios):.2f} over {len(ratios)} queries "
                f"(min {min(ratios):.2f}, max {max(ratios):.2f})"
            )
    return "Summary: " + "; ".join(out) + ".\n"


def _plot(points: dict[str, float], heavy: list[list[object]], smoke: bool, png: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(13, 4.5))
    a.bar(list(points), list(points.values()), color="#4a7ab0")
    a.set_ylabel("requests/s (concurrency 8)")
    a.set_title("point lookups vs framework ceiling")
    a.tick_params(axis="x", labelsize=7)
    c8 = [r for r in heavy if r[1] == 8]
    names = [str(r[0]).replace("saved:", "") for r in c8]
    x = range(len(c8))
    b.bar([i - 0.2 for i in x], [float(r[2]) for r in c8], 0.4, label="oxigraph serve")  # type: ignore[arg-type]
    b.bar([i + 0.2 for i in x], [float(r[3]) for r in c8], 0.4, label="cablekg (uncached)")  # type: ignore[arg-type]
    b.set_xticks(list(x), names, rotation=60, ha="right", fontsize=7)
    b.set_yscale("log")
    b.set_ylabel("requests/s (concurrency 8, log)")
    b.set_title("heavy queries")
    b.legend()
    fig.tight_layout()
    fig.savefig(results_folder(smoke) / png, dpi=110)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
