#!/usr/bin/env python3
"""Benchmark castgraph from Python against the igraph and NetworkX pipelines.

    python3 scripts/bench-python.py [--reps N] [--smoke] [--skip-networkx] [--out FILE]

Reuses scripts/bench-peers.py (imported as a module): its release binary snapshot
(target/bench/graph), generated data (target/bench/medium.csv: 100,000 scenes, 2,000
characters), virtualenv (target/bench-venv, pins in scripts/bench-requirements.txt), its
`/usr/bin/time -v` wrapper, its igraph and NetworkX workers (csv module + Counter + the
library's graph + all seven measures, weighted) and its formatting.

1. `pip install ./python` into target/bench-venv (CARGO_TARGET_DIR=target), and
   `pip wheel ./python` into target/bench/wheel for the wheel's size;
2. import time: `python -c "import castgraph"` against `python -c "pass"`, 20 times each in
   alternation, medians of the difference;
3. the medium set, N repetitions in alternation: castgraph from Python (one process:
   `castgraph.build(medium.csv)` then `g.centrality()`, all 7 measures, exact, as a dict of
   lists), the command line (`graph build` + `graph central --top 0 --format csv`), igraph; then
   NetworkX once (about 20 minutes) unless --skip-networkx. The Python run's values are checked
   against the command's CSV (equal to 1e-9);
4. writes the section "## From Python" of BENCHMARKS.md (before "## Communities and timeline"
   when there is one, replacing the previous one); --smoke (the small set, one repetition, no
   NetworkX) writes target/bench/smoke-python.md instead.

Worker mode (inside the venv): `--worker castgraph-python --input CSV [--dump FILE]`.
"""
import argparse
import csv
import datetime
import importlib.util
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
SECTION = "## From Python"
BEFORE = "## Communities and timeline"


def worker(a):
    """One castgraph-from-Python pipeline, timed in process."""
    t = time.perf_counter()
    import castgraph

    phases = {"import": time.perf_counter() - t}
    t = time.perf_counter()
    g = castgraph.build(a.input)
    phases["build"] = time.perf_counter() - t
    t = time.perf_counter()
    table = g.centrality(output="dict")
    phases["centrality (7 measures)"] = time.perf_counter() - t
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            json.dump(dict(table), f)
    print(json.dumps({"tool": "castgraph-python", "n": g.character_count, "m": g.tie_count,
                      "phases": phases, "in_process_total": sum(phases.values())}))


def load_bench_peers():
    spec = importlib.util.spec_from_file_location("bench_peers", HERE.parent / "bench-peers.py")
    bp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bp)
    return bp


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3, help="repetitions in alternation (default 3)")
    ap.add_argument("--smoke", action="store_true", help="small set, 1 repetition, no NetworkX")
    ap.add_argument("--skip-networkx", action="store_true", help="no NetworkX run (about 20 min)")
    ap.add_argument("--out", help="markdown file (default BENCHMARKS.md; --smoke: target/bench/smoke-python.md)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--dump", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        return worker(a)

    bp = load_bench_peers()
    log, PY, BENCH, ROOT = bp.log, bp.VENV_PY, bp.BENCH, bp.ROOT
    started, t_start, load0 = datetime.datetime.now(datetime.timezone.utc), time.time(), os.getloadavg()
    reps = 1 if a.smoke else a.reps
    dataset = "small" if a.smoke else "medium"
    with_nx = not (a.smoke or a.skip_networkx)
    out_path = Path(a.out) if a.out else (BENCH / "smoke-python.md" if a.smoke else ROOT / "BENCHMARKS.md")
    bp.ensure_binary(False)
    binary = bp.snapshot_binary()
    bp.ensure_data([dataset])
    bp.ensure_venv()
    env = {**os.environ, "CARGO_TARGET_DIR": str(ROOT / "target")}
    log("+ pip install ./python (into target/bench-venv)")
    subprocess.run([str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--force-reinstall",
                    "--no-deps", str(ROOT / "python")], check=True, env=env, cwd=ROOT)
    wheel_dir = BENCH / "wheel"
    for old in wheel_dir.glob("*.whl"):
        old.unlink()
    subprocess.run([str(PY), "-m", "pip", "wheel", "-q", "--disable-pip-version-check", "--no-deps",
                    "-w", str(wheel_dir), str(ROOT / "python")], check=True, env=env, cwd=ROOT)
    wheel = next(wheel_dir.glob("castgraph-*.whl"))
    info = {**bp.machine_info(), **binary}
    version = subprocess.run([str(PY), "-c", "import castgraph; print(castgraph.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()

    # -- import time ------------------------------------------------------
    def wall(code):
        t = time.perf_counter()
        subprocess.run([str(PY), "-c", code], check=True)
        return time.perf_counter() - t

    imports, bare = [], []
    for _ in range(20):
        bare.append(wall("pass"))
        imports.append(wall("import castgraph"))
    import_ms = (statistics.median(imports) - statistics.median(bare)) * 1000

    # -- the pipelines ----------------------------------------------------
    me = Path(os.path.relpath(HERE, ROOT))
    csv_path = BENCH / f"{dataset}.csv"
    py_cmd = [PY, me, "--worker", "castgraph-python", "--input", csv_path]
    runs = {"python": [], "cli": [], "igraph": []}
    dump = BENCH / f"{dataset}.python.values.json"
    for rep in range(reps):
        log(f"[{dataset}] repetition {rep + 1}/{reps}")
        r = bp.timed(py_cmd + (["--dump", dump] if rep == 0 else []))
        r.update(json.loads(r.pop("stdout").strip().splitlines()[-1]))
        runs["python"].append(r)
        log(f"  castgraph from Python {r['wall']:.2f} s")
        runs["cli"].append(bp.run_castgraph(dataset))
        log(f"  castgraph command line {runs['cli'][-1]['wall']:.2f} s")
        runs["igraph"].append(bp.run_peer("igraph", dataset, "full"))
        log(f"  igraph {runs['igraph'][-1]['wall']:.2f} s")
    nx_run = None
    if with_nx:
        log(f"[{dataset}] NetworkX, once")
        nx_run = bp.run_peer("networkx", dataset, "full")
        log(f"  NetworkX {nx_run['wall']:.0f} s")

    # The values from Python are the command's.
    central = bp.timed(bp.cg_central(BENCH / f"{dataset}.json"))["stdout"]
    theirs = {r["character"]: r for r in csv.DictReader(central.splitlines())}
    ours = json.loads(dump.read_text())
    worst = 0.0
    for i, name in enumerate(ours["character"]):
        for m in bp.MEASURES:
            x, y = float(ours[m][i]), float(theirs[name][m])
            worst = max(worst, abs(x - y) / max(1.0, abs(y)))
    agree = worst <= 1e-9 and len(ours["character"]) == len(theirs)

    # -- report -------------------------------------------------------------
    elapsed, load1 = time.time() - t_start, os.getloadavg()
    fmt_s, fmt_range, fmt_mem, med = bp.fmt_s, bp.fmt_range, bp.fmt_mem, bp.med
    base = med(runs["python"])
    n, m = runs["python"][0]["n"], runs["python"][0]["m"]
    scenes, _ = bp.SETS[dataset]
    rows = [
        ("**castgraph from Python** (`castgraph.build` + `Graph.centrality()`, one process)", runs["python"]),
        ("castgraph command line (`graph build` + `graph central --top 0 --format csv`)", runs["cli"]),
        (bp.PEER_DESC["igraph"], runs["igraph"]),
    ]
    md = [SECTION, ""]
    if a.smoke:
        md += ["> **Smoke run** (`--smoke`): small set, one repetition, no NetworkX.", ""]
    md += [
        f"Measured by `scripts/bench-python.py` ({reps} repetition{'s' if reps > 1 else ''} in alternation"
        f"{', then NetworkX once' if with_nx else ''}; the whole run took {elapsed / 60:.1f} min): the "
        f"{dataset} set ({scenes:,} scenes, {n:,} characters, {m:,} ties), read, built and measured "
        "(all 7 measures, exact, weighted) by each pipeline in a process of its own; wall time of "
        "the process, peak RSS from `/usr/bin/time -v`.",
        "",
        f"- date: {started:%Y-%m-%d %H:%M} UTC; `nproc`: {info['nproc']}; CPU: {info['cpu']}; memory: "
        f"{info['memory']}; load average (1/5/15 min) {load0[0]:.2f}/{load0[1]:.2f}/{load0[2]:.2f} at start, "
        f"{load1[0]:.2f}/{load1[1]:.2f}/{load1[2]:.2f} at end",
        f"- castgraph {version} (Python package, abi3 wheel built by `pip install ./python`, release); "
        f"{info['castgraph']} (`target/bench/graph`, sha256 {info['binary_sha256'][:16]}…); {info['rustc']}; "
        f"Python {info['python']}, igraph {info['igraph']}, networkx {info['networkx']} (`target/bench-venv`)",
        "",
        "| pipeline | wall (median) | min – max | peak RSS | time ÷ castgraph from Python's |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, rs in rows:
        md.append(f"| {label} | {fmt_s(med(rs))} | {fmt_range(rs)} | "
                  f"{fmt_mem(max(r['rss_kb'] for r in rs))} | {med(rs) / base:.1f}× |")
    if nx_run:
        md.append(f"| {bp.PEER_DESC['networkx']} — **1 run** | {fmt_s(nx_run['wall'])} | — | "
                  f"{fmt_mem(nx_run['rss_kb'])} | {nx_run['wall'] / base:.0f}× |")
    md += ["", "In-process phases (perf_counter inside the process, medians):", ""]
    py_phases = runs["python"][0]["phases"]
    md.append("- **castgraph from Python**: " + ", ".join(
        f"{p} {fmt_s(statistics.median(r['phases'][p] for r in runs['python']))}" for p in py_phases)
        + f"; process total {fmt_s(base)} (Python start-up included)")
    md += bp.phase_table({"igraph": runs["igraph"], **({"networkx": [nx_run]} if nx_run else {})})
    md += [
        "",
        f"- **import time**: `import castgraph` adds {import_ms:.0f} ms to a Python start-up "
        f"(median of 20 runs each of `python -c 'import castgraph'` and `python -c pass`); inside the "
        f"pipeline's process the import took {fmt_s(statistics.median(r['phases']['import'] for r in runs['python']))}. "
        "pandas and NetworkX are imported only when a table or a conversion needs them.",
        f"- **wheel**: `{wheel.name}`, {wheel.stat().st_size / 1e6:.2f} MB "
        f"({wheel.stat().st_size:,} bytes; one abi3 wheel for CPython 3.9 and later on this platform).",
        f"- **the same numbers**: castgraph from Python against the command's CSV, every character and "
        f"measure: largest relative difference {worst:.1e} ({'equal to 1e-9: ok' if agree else '**DIFFERENT**'}).",
        "",
        "Regenerate (about 25 minutes with NetworkX; `--skip-networkx` about 2, `--smoke` under 1):",
        "",
        "```sh",
        "python3 scripts/bench-python.py" + (" --smoke" if a.smoke else ""),
        "```",
    ]
    text = "\n".join(md) + "\n"
    if out_path.name == "BENCHMARKS.md" and out_path.exists():
        old = out_path.read_text(encoding="utf-8")
        if "\n" + SECTION in old:
            start = old.index("\n" + SECTION)
            rest = old[start + 1:]
            nxt = rest.find("\n## ", len(SECTION))
            old = old[:start] + ("\n" + rest[nxt + 1:] if nxt >= 0 else "\n")
        if "\n" + BEFORE in old:
            i = old.index("\n" + BEFORE)
            text = old[:i].rstrip("\n") + "\n\n" + text + "\n" + old[i + 1:]
        else:
            text = old.rstrip("\n") + "\n\n" + text
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    print("\n".join(md))
    log(f"wrote {bp.rel(out_path)} in {elapsed:.0f} s")
    if not agree:
        sys.exit(1)
    if not math.isfinite(import_ms):
        sys.exit(1)


if __name__ == "__main__":
    main()
