"""Loader benchmark: cablekg load vs `oxigraph load` of the same quads, side by side.

How to reproduce:

    /work/venv/bin/python bench/bench_load.py --sizes 1000 --repeats 3        # ~10 min here
    /work/venv/bin/python bench/bench_load.py --sizes 10000 --repeats 1
    /work/venv/bin/python bench/bench_load.py --smoke                         # 20 cables, CI
    /work/venv/bin/python bench/bench_load.py --from-json bench/results/load-1k.json \
        bench/results/load-10k.json                   # one table from separate runs

For each size N: bench/make_corpus.py writes bench/corpus/N/cables.csv (recombined real cables,
cached); then, per repeat, a fresh store is loaded by a child process running exactly what
`cablekg load --workers W` runs (Pipeline.load), which records stage times (read, extract,
resolve, build, validate, convert, store: summed over workers, ms per cable) and the per-cable
cost as the store grows (wall ms per cable in windows of loaded cables). The peer then loads the
N-Quads that cablekg wrote (`cablekg export --format nquads`) with `oxigraph load`: the raw
store-load ceiling. Peak memory is the RSS of the whole process tree, sampled from /proc.
Medians over repeats; results in bench/results/load.md (+ load.png, + load.json).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_common import CORPUS, OXIGRAPH, PYTHON, RESULTS  # noqa: E402

OUT = HERE / "out" / "load"  # stores and exports (git-ignored); --work moves it
CORPORA = HERE / "corpus"  # generated cables.csv files (git-ignored); --work moves it
BASE = "http://bench.cablekg.test/"
WINDOW = 100  # cables per point of the per-cable cost curve


# -- child: one cablekg load, instrumented -------------------------------------------------------


def child(csv: Path, store_dir: Path, workers: int, report: Path) -> None:
    from cablekg.config import Settings
    from cablekg.pipeline import Pipeline
    from cablekg.store.embedded import EmbeddedStore

    marks: list[tuple[int, float]] = []
    started = time.perf_counter()

    def progress(done: int, rejected: int) -> None:
        # new cables are written in batches, so the count jumps: mark each window crossed
        n = done + rejected
        last = marks[-1][0] if marks else 0
        if n // WINDOW > last // WINDOW:
            marks.append((n, time.perf_counter() - started))
            if n // (10 * WINDOW) > last // (10 * WINDOW):  # readable before the run ends
                report.with_suffix(".partial.json").write_text(json.dumps({"marks": marks}))

    store = EmbeddedStore(store_dir)
    settings = Settings(base=BASE, store=str(store_dir))
    summary = Pipeline(settings).load([csv], store, progress, workers=workers)
    store.close()
    report.write_text(
        json.dumps(
            {
                "loaded": len(summary.loaded),
                "rejected": len(summary.rejected),
                "quads": summary.quads,
                "seconds": summary.seconds,
                "stages": summary.stages,
                "marks": marks,
            }
        )
    )


# -- parent: run, sample memory, compare ---------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """RSS in bytes of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run_measured(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS of the process tree in bytes); raises on a non-zero exit."""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):  # 1 = some cables rejected: still a measurement
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return seconds, peak


def corpus(n: int, source: Path) -> Path:
    target = CORPORA / str(n) / "cables.csv"
    if not target.is_file():
        subprocess.run(
            [
                PYTHON,
                str(HERE / "make_corpus.py"),
                "--source",
                str(source),
                "--count",
                str(n),
                "--out",
                str(target),
            ],
            check=True,
        )
    return target


def one_run(
    n: int, csv: Path, workers: int, rep: int, *, peer: bool = True, keep: Path | None = None
) -> dict:
    """One measured load of ``csv``; then the peer on the same quads (unless ``peer`` is
    False: at 100k cables the export and the peer's store would need twice the disk). ``keep``:
    move the loaded store there (with a bench-built.json the web benchmarks read)."""
    work = OUT / f"{n}-{rep}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    report = work / "child.json"
    seconds, peak = run_measured(
        [PYTHON, __file__, "--child", str(csv), str(work / "store"), str(workers), str(report)]
    )
    result = json.loads(report.read_text())
    result.update(wall=seconds, peak_rss=peak)
    if keep is not None:
        shutil.rmtree(keep, ignore_errors=True)
        shutil.move(work / "store", keep)
        info = {"cables": result["loaded"], "named_quads": result["quads"], "built_by": "load"}
        (keep / "bench-built.json").write_text(json.dumps(info))
    if not peer:
        shutil.rmtree(work, ignore_errors=True)
        return result
    nq = work / "cablekg.nq"
    subprocess.run(
        [
            PYTHON,
            "-m",
            "cablekg",
            "export",
            "--store",
            str(work / "store"),
            "--format",
            "nquads",
            "-o",
            str(nq),
        ],
        check=True,
    )
    peer_seconds, peer_peak = run_measured(
        [OXIGRAPH, "load", "--location", str(work / "peer"), "--file", str(nq)]
    )
    result.update(peer_wall=peer_seconds, peer_peak_rss=peer_peak)
    shutil.rmtree(work / "store", ignore_errors=True)
    shutil.rmtree(work / "peer", ignore_errors=True)
    nq.unlink()
    return result


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def write_results(results: dict[int, list[dict]], workers: int, out: Path) -> None:
    lines = [
        "# Loader: cablekg load vs oxigraph load of the same quads",
        "",
        f"Workers: {workers}; machine: {os.cpu_count()} cores, shared (other jobs running). "
        "Medians over repeats. Targets: >= 100 cables/s end to end, flat per-cable cost.",
        "",
        "| cables | runs | cablekg cables/s | cablekg quads/s | cablekg peak RSS MiB "
        "| oxigraph load quads/s | oxigraph peak RSS MiB | cablekg / oxigraph (quads/s) "
        "| vs target 100 cables/s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, runs in sorted(results.items()):
        cps = statistics.median(r["loaded"] / r["wall"] for r in runs)
        qps = statistics.median(r["quads"] / r["wall"] for r in runs)
        peer = [r for r in runs if "peer_wall" in r]
        if peer:
            peer_qps = statistics.median(r["quads"] / r["peer_wall"] for r in peer)
            peer_cells = (
                f"{peer_qps:,.0f} | {_median(peer, 'peer_peak_rss') / 2**20:.0f} "
                f"| {qps / peer_qps:.2f}"
            )
        else:
            peer_cells = "not run | | "
        lines.append(
            f"| {n} | {len(runs)} | {cps:.1f} | {qps:,.0f} "
            f"| {_median(runs, 'peak_rss') / 2**20:.0f} | {peer_cells} | {cps / 100:.2f} |"
        )
    lines += [
        "",
        "Stage breakdown (ms per loaded cable; worker stages summed over workers, so "
        "they can exceed wall time / cables):",
        "",
    ]
    stages = ["read", "extract", "resolve", "build", "validate", "convert", "store"]
    lines += [
        "| cables | " + " | ".join(stages) + " | wall |",
        "| ---: |" + " ---: |" * (len(stages) + 1),
    ]
    for n, runs in sorted(results.items()):
        cells = [
            statistics.median(r["stages"].get(s, 0.0) / max(r["loaded"], 1) * 1000 for r in runs)
            for s in stages
        ]
        wall = statistics.median(r["wall"] / max(r["loaded"], 1) * 1000 for r in runs)
        lines.append(f"| {n} | " + " | ".join(f"{c:.1f}" for c in cells) + f" | {wall:.1f} |")
    lines += [
        "",
        "Per-cable cost as the store grows (wall ms per cable, windows of "
        f"{WINDOW} cables, first run of each size): see load.png.",
        "",
    ]
    for n, runs in sorted(results.items()):
        costs = _curve(runs[0]["marks"])
        if costs:
            third = max(len(costs) // 3, 1)
            lines.append(
                f"- {n} cables: first third {statistics.median(costs[:third]):.1f} ms, "
                f"last third {statistics.median(costs[-third:]):.1f} ms per cable"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    out.with_suffix(".json").write_text(json.dumps({str(k): v for k, v in results.items()}))
    _plot(results, out.with_suffix(".png"))
    print("\n".join(lines))


def _curve(marks: list) -> list[float]:
    pairs = zip(marks, marks[1:], strict=False)
    return [(t1 - t0) / (n1 - n0) * 1000 for (n0, t0), (n1, t1) in pairs if n1 > n0]


def _plot(results: dict[int, list[dict]], png: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(8, 4))
    for n, runs in sorted(results.items()):
        marks = runs[0]["marks"]
        costs = _curve(marks)
        ax.plot([m[0] for m in marks[1:]][: len(costs)], costs, label=f"{n} cables")
    ax.set_xlabel("cables loaded")
    ax.set_ylabel("wall ms per cable")
    ax.set_ylim(bottom=0)
    ax.set_title("cablekg load: per-cable cost as the store grows")
    ax.legend()
    fig.tight_layout()
    fig.savefig(png, dpi=100)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        csv, store_dir, workers, report = argv[1:5]
        child(Path(csv), Path(store_dir), int(workers), Path(report))
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000", help="comma-separated cable counts")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--source", type=Path, default=CORPUS)
    ap.add_argument("--smoke", action="store_true", help="20 cables, 1 run, seconds (CI)")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=None, help="directory for corpora and stores")
    ap.add_argument(
        "--peer-max",
        type=int,
        default=20_000,
        help="skip the oxigraph load peer above this many cables (it needs twice the disk)",
    )
    ap.add_argument(
        "--keep-store",
        type=Path,
        default=None,
        help="keep the last run's store here (bench_query/bench_pages --store use it)",
    )
    ap.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        default=None,
        help="only rewrite the table and plot from earlier runs' .json files",
    )
    args = ap.parse_args(argv)
    if args.from_json:
        merged = {
            int(n): runs for f in args.from_json for n, runs in json.loads(f.read_text()).items()
        }
        write_results(merged, args.workers, args.out or RESULTS / "load.md")
        return 0
    global OUT, CORPORA
    if args.work:
        OUT, CORPORA = args.work / "out", args.work / "corpus"
    sizes = [20] if args.smoke else [int(s) for s in args.sizes.split(",")]
    repeats = 1 if args.smoke else args.repeats
    out = args.out or (OUT / "smoke.md" if args.smoke else RESULTS / "load.md")
    results: dict[int, list[dict]] = {}
    for n in sizes:
        csv = corpus(n, args.source)
        results[n] = []
        for rep in range(repeats):
            last = n == sizes[-1] and rep == repeats - 1
            keep = args.keep_store if last else None
            r = one_run(n, csv, args.workers, rep, peer=n <= args.peer_max, keep=keep)
            peer = f"{r['quads'] / r['peer_wall']:,.0f} quads/s" if "peer_wall" in r else "not run"
            print(
                f"{n} cables, run {rep + 1}: {r['loaded'] / r['wall']:.1f} cables/s, "
                f"oxigraph load {peer}",
                file=sys.stderr,
            )
            results[n].append(r)
    write_results(results, args.workers, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
