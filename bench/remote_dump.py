"""Dumps through a SPARQL server: the streamed RemoteStore.dump against the paged
ORDER BY/OFFSET dump it replaced (git show 4d20de6:src/cablekg/store/remote.py), on a real
``oxigraph serve`` holding N synthetic quads. Each run is a fresh subprocess, so its peak RSS
(VmHWM) is that dump's memory.

    python bench/remote_dump.py [--quads 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
OLD_COMMIT = "4d20de6"


def make_store(location: Path, quads: int) -> None:
    """``quads`` quads in graphs of 500, each triple also in the merged default graph."""
    store = ox.Store(str(location))
    ex = "http://bench.example/"
    per_graph = 500

    def generate():  # type: ignore[no-untyped-def]
        for i in range(quads):
            s = ox.NamedNode(f"{ex}s{i // 10}")
            p = ox.NamedNode(f"{ex}p{i % 10}")
            o = ox.Literal(f"value {i} " + "x" * 40)
            yield ox.Quad(s, p, o, ox.NamedNode(f"{ex}g{i // per_graph}"))
            yield ox.Quad(s, p, o)

    store.bulk_extend(generate())
    store.flush()
    del store


def one_run(impl: str, url: str, fmt: str, gsp: bool) -> dict[str, float]:
    if impl == "old":
        source = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:src/cablekg/store/remote.py"],
            capture_output=True,
            text=True,
            check=True,
            cwd=HERE.parent,
        ).stdout
        namespace: dict[str, object] = {"__name__": "old_remote"}
        exec(compile(source, "old_remote.py", "exec"), namespace)  # noqa: S102 (our own file)
        store = namespace["RemoteStore"](url + "/query")  # type: ignore[operator]
    else:
        from cablekg.store.remote import RemoteStore

        env = {"CABLEKG_STORE_GSP": url + "/store"} if gsp else {}
        store = RemoteStore(url + "/query", env=env)
    rdf_format = {"nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES}[fmt]
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        store.dump(out, rdf_format)  # type: ignore[attr-defined]
        seconds = time.perf_counter() - started
        size = out.tell()
    rss_mb = _peak_rss_kb() / 1024
    return {"seconds": seconds, "rss_mb": rss_mb, "bytes": size}


def _peak_rss_kb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss, not inherited over fork + exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return float(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quads", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=4, metavar=("IMPL", "URL", "FMT", "GSP"))
    args = parser.parse_args()
    if args.child:
        impl, url, fmt, gsp = args.child
        print(json.dumps(one_run(impl, url, fmt, gsp == "1")))
        return

    from oxigraph_server import oxigraph_serve

    with tempfile.TemporaryDirectory() as folder:
        make_store(Path(folder) / "db", args.quads)
        with oxigraph_serve(Path(folder) / "db") as url:
            cases = [
                ("old", "nquads", "0"),
                ("new", "nquads", "0"),
                ("old", "ntriples", "0"),
                ("new", "ntriples", "0"),
                ("new", "ntriples", "1"),
            ]
            results: dict[tuple[str, str, str], list[dict[str, float]]] = {c: [] for c in cases}
            for _ in range(args.runs):  # interleaved, so a busy machine hurts every case alike
                for impl, fmt, gsp in cases:
                    child = subprocess.run(
                        [sys.executable, __file__, "--child", impl, url, fmt, gsp],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    results[(impl, fmt, gsp)].append(json.loads(child.stdout))
    print(f"{args.quads} quads, median of {args.runs} runs")
    for (impl, fmt, gsp), runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        rss = statistics.median(r["rss_mb"] for r in runs)
        how = "GSP GET" if gsp == "1" else ("paged SELECT" if impl == "old" else "streamed")
        print(
            f"{impl:4} {fmt:9} {how:13} {seconds:7.2f} s  peak RSS {rss:7.1f} MB  "
            f"{runs[0]['bytes'] / 1e6:.1f} MB written"
        )


if __name__ == "__main__":
    main()
