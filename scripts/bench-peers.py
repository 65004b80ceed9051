#!/usr/bin/env python3
"""Benchmark castgraph against its Python peers (igraph, rustworkx, NetworkX).

    python3 scripts/bench-peers.py [--reps N] [--smoke] [--skip-networkx]
                                   [--networkx-set small|medium] [--out FILE]
                                   [--cargo-build] [--note TEXT] [--only big]

Run from anywhere; paths are resolved from this file.  The script

1. builds the release binary with ``cargo build --release`` if
   ``target/release/graph`` is missing (``--cargo-build``: always run it),
   then copies it to ``target/bench/graph`` and runs only that copy, so a
   concurrent ``cargo build`` cannot swap binaries mid-run (its mtime and
   SHA-256 go into the report);
2. generates the data sets with the hidden ``graph generate`` subcommand if
   they are missing (deterministic: same seed, same bytes; their SHA-256 goes
   into the report):
     small   5,000 scenes,   300 characters  target/bench/small.csv
     medium  100,000 scenes, 2,000 characters target/bench/medium.csv
     large   2,000,000 scenes, 50,000 characters target/bench/large.csv
3. creates the virtualenv ``target/bench-venv`` (git-ignored, as target/ is)
   with the pins of ``scripts/bench-requirements.txt`` from PyPI, reinstalling
   only when that file changes (a stamp holds its hash);
4. runs every pipeline as its own process under ``/usr/bin/time -v``: wall
   time is measured by this script around the process (perf_counter), peak
   memory is /usr/bin/time's "Maximum resident set size".  Pipelines of one
   section run in alternation (A B C A B C ...) for N repetitions; the report
   gives medians (and min-max);
5. prints a markdown report and writes it into ``BENCHMARKS.md`` between its
   markers (``<!-- bench-peers peers -->`` for A, C, D; ``<!-- bench-peers
   big -->`` for B, E, F; the other scripts' sections are kept), or with
   ``--smoke`` into ``target/bench/smoke.md``, and dumps the raw measurements
   as JSON next to the data (``target/bench/results-*.json``).
   ``--only big`` runs and rewrites B, E and F alone (about 10 minutes).

Sections (``--smoke``: one repetition, the small set stands in for medium and
large, NetworkX on small only; finishes in well under a minute):

A. whole pipeline on small and medium: castgraph ``build`` then
   ``central --top 0 --format csv`` (two processes, their sum is the
   pipeline), against one Python process per peer that reads the CSV with the
   csv module, counts pairs with a Counter over itertools.combinations of the
   sorted unique characters of each scene, builds the peer's graph and
   computes the peer's own measures (see ``run_igraph``, ``run_rustworkx``,
   ``run_networkx``; each prints its in-process phase times as JSON).
   NetworkX runs in alternation on small; on medium (``--networkx-set
   medium``, the default) it runs ONCE after the others (about 10+ minutes),
   labelled "1 run".  ``--skip-networkx`` leaves NetworkX out entirely.
B. large set, build only: ``graph build`` against the peers' read + count +
   graph construction, plus ``graph central --sample 256``.
C. accuracy of ``--sample 256`` against exact, on ``graph build large.csv
   --min-scenes 200`` (4,112 characters, 1.8 M ties; run once).
E. large set, exact distances: ``graph stats`` (target <= 10 s) and
   ``central --distance hops --measures closeness,harmonic``; exact
   ``central``'s three path measures timed from 32 and 96 sources for
   castgraph (``--sample K``) and igraph (``sources=``/``vertices=``), the
   slope between the two giving the per-source cost and the exact time
   extrapolated to every source; the error bound ``--sample 256`` prints.
F. streaming: the large set's rows ten times over (20M scenes, 1.2 GB, the
   same ties) built, its peak memory against one copy's (target <= 1.5x).
D. correctness on small: the peers' values, by character name, against
   castgraph's CSV (igraph's weighted betweenness x 2/((n-1)(n-2)) to 1e-9 and
   PageRank to 1e-6 are required; the rest is reported).  Exit status 1 if a
   required check fails (the report is still written).

The same file is the peers' worker, run with the venv's interpreter:
``--worker igraph|rustworkx|networkx --mode full|build --input CSV
[--dump JSON]``; ``--worker versions`` prints the package versions.
"""
import argparse
import csv
import datetime
import hashlib
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve()
BUILT = ROOT / "target" / "release" / "graph"  # what cargo builds
BIN = ROOT / "target" / "bench" / "graph"        # the copy every run uses (see snapshot_binary)
BENCH = ROOT / "target" / "bench"
VENV = ROOT / "target" / "bench-venv"
VENV_PY = VENV / "bin" / "python"
REQS = ROOT / "scripts" / "bench-requirements.txt"
TIME = "/usr/bin/time"

SETS = {  # name: (scenes, characters)
    "small": (5000, 300),
    "medium": (100000, 2000),
    "large": (2000000, 50000),
}
SUB_MIN_SCENES, SUB_SAMPLE = 200, 256          # section C, full run
SMOKE_SUB_MIN_SCENES, SMOKE_SUB_SAMPLE = 10, 64  # section C, --smoke (290 characters)
LARGE_SAMPLE = 256

TARGETS = {
    "medium_igraph": 4.0,     # castgraph whole pipeline >= 4x faster than igraph
    "medium_networkx": 300.0,  # >= 300x faster than NetworkX
    "large_build_s": 1.5,     # castgraph build of large <= ~1.5 s
    "large_build_rss": 1 << 30,  # <= 1 GiB
    "large_peer": 5.0,        # >= 5x faster than the fastest peer's build
    "large_igraph": 10.0,     # >= 10x faster than igraph's read + build (issue 16)
    "large_stats_s": 10.0,    # graph stats on large, exact, <= 10 s (issue 16)
    "stream_rss_ratio": 1.5,  # 10x the scenes: peak memory <= 1.5x one copy's (issue 16)
}
DISTANCE_SOURCES = (32, 96)       # section E, full run: K1, K2 sources
SMOKE_DISTANCE_SOURCES = (8, 24)  # section E, --smoke
MEASURES = ["degree", "strength", "betweenness", "closeness", "harmonic",
            "eigenvector", "pagerank"]


# =================================================================== worker ==
# Runs inside target/bench-venv.  Everything here is what a Python user would
# write: csv module, Counter, itertools.combinations, the library's own calls.

def read_pairs(path):
    """Characters (in order of first appearance) and a Counter of id pairs."""
    index = {}
    pairs = Counter()
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        col = header.index("characters")
        for row in reader:
            cast = sorted(set(filter(None, row[col].split(";"))))
            ids = sorted(index.setdefault(name, len(index)) for name in cast)
            pairs.update(combinations(ids, 2))
    return list(index), pairs


class Phases:
    def __init__(self, sources=None):
        self.times, self.values, self.skipped, self.notes = {}, {}, {}, []
        self.sources = sources  # mode "paths": how many sources (--sources)

    def run(self, name, fn):
        t = time.perf_counter()
        value = fn()
        self.times[name] = time.perf_counter() - t
        return value


def run_igraph(names, pairs, mode, ph):
    import igraph
    g = ph.run("graph", lambda: _igraph_graph(igraph, names, pairs))
    ph.notes.append("graph: the process's first igraph.Graph() call carries a one-off "
                    "start-up cost of about 50-80 ms (measured on small)")
    if mode == "build":
        return g.vcount(), g.ecount()
    n = g.vcount()
    if mode == "paths":
        return igraph_paths_from(g, n, ph)
    v = ph.values
    v["degree"] = ph.run("degree", g.degree)
    v["strength"] = ph.run("strength", lambda: g.strength(weights="weight"))
    dist = ph.run("distances 1/w", lambda: [1.0 / w for w in g.es["weight"]])

    def betweenness():
        raw = g.betweenness(weights=dist, directed=False)
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0  # NetworkX's normalisation
        return [b * scale for b in raw]
    v["betweenness"] = ph.run("betweenness", betweenness)
    v["closeness"] = ph.run("closeness", lambda: g.closeness(weights=dist))
    v["harmonic"] = ph.run("harmonic", lambda: g.harmonic_centrality(
        weights=dist, normalized=False))
    v["eigenvector"] = ph.run("eigenvector", lambda: g.eigenvector_centrality(
        weights="weight", scale=False))
    v["pagerank"] = ph.run("pagerank", lambda: g.pagerank(weights="weight"))
    ph.notes.append("eigenvector: igraph 1.0 ignores scale=False and scales the "
                    "maximum to 1 (compared after rescaling to unit norm)")
    ph.notes.append("closeness: igraph averages over reachable vertices only "
                    "(equals Wasserman-Faust on a connected graph)")
    return n, g.ecount()


def igraph_paths_from(g, n, ph):
    """The three path measures from ph.sources sources only (section E): the
    per-source cost of exact betweenness, closeness and harmonic, to extrapolate
    to all n sources.  Same lengths (1/w) and calls as the full run."""
    import random
    k = ph.sources
    sources = random.Random(1).sample(range(n), k)
    dist = [1.0 / w for w in g.es["weight"]]
    ph.run("betweenness", lambda: g.betweenness(weights=dist, directed=False, sources=sources))
    ph.run("closeness", lambda: g.closeness(vertices=sources, weights=dist))
    ph.run("harmonic", lambda: g.harmonic_centrality(vertices=sources, weights=dist,
                                                     normalized=False))
    return n, g.ecount()


def _igraph_graph(igraph, names, pairs):
    g = igraph.Graph(n=len(names), edges=list(pairs.keys()))
    g.es["weight"] = list(pairs.values())
    g.vs["name"] = names
    return g


def run_rustworkx(names, pairs, mode, ph):
    import rustworkx as rx

    def graph():
        g = rx.PyGraph()
        g.add_nodes_from(names)
        g.add_edges_from([(a, b, float(w)) for (a, b), w in pairs.items()])
        return g
    g = ph.run("graph", graph)
    if mode == "build":
        return g.num_nodes(), g.num_edges()
    n = g.num_nodes()
    v = ph.values
    v["degree"] = ph.run("degree", lambda: [g.degree(i) for i in range(n)])

    def strength():  # no built-in weighted degree for PyGraph
        s = [0.0] * n
        for a, b, w in g.weighted_edge_list():
            s[a] += w
            s[b] += w
        return s
    v["strength"] = ph.run("strength", strength)
    ph.notes.append("strength: no built-in, a Python loop over weighted_edge_list()")

    def betweenness():
        bc = rx.betweenness_centrality(g, normalized=True)
        return [bc[i] for i in range(n)]
    v["betweenness_hops"] = ph.run("betweenness (unweighted)", betweenness)
    ph.notes.append("betweenness: rustworkx's is unweighted only (hops); "
                    "compared with castgraph --distance hops")

    def closeness():
        c = rx.newman_weighted_closeness_centrality(g, weight_fn=float)
        return [c[i] for i in range(n)]
    v["closeness"] = ph.run("closeness (Newman weighted, 1/w)", closeness)
    ph.skipped["harmonic"] = "no harmonic centrality in rustworkx 0.18"

    def eigenvector():
        try:
            e = rx.eigenvector_centrality(g, weight_fn=float)
        except rx.FailedToConverge as exc:
            ph.notes.append(f"eigenvector: FailedToConverge ({exc}) with the "
                            "defaults max_iter=100, tol=1e-6")
            return None
        return [e[i] for i in range(n)]
    e = ph.run("eigenvector", eigenvector)
    if e is not None:
        v["eigenvector"] = e
    ph.skipped["pagerank"] = ("rustworkx.pagerank takes a PyDiGraph only "
                              "(g.to_directed() would be needed)")
    return n, g.num_edges()


def run_networkx(names, pairs, mode, ph):
    import networkx as nx

    def graph():
        G = nx.Graph()
        G.add_nodes_from(names)
        G.add_edges_from((names[a], names[b], {"weight": w, "distance": 1.0 / w})
                         for (a, b), w in pairs.items())
        return G
    G = ph.run("graph", graph)
    if mode == "build":
        return G.number_of_nodes(), G.number_of_edges()
    v = ph.values

    def ordered(d):
        return [d[name] for name in names]
    v["degree"] = ph.run("degree", lambda: ordered(dict(G.degree())))
    v["strength"] = ph.run("strength", lambda: ordered(dict(G.degree(weight="weight"))))
    v["betweenness"] = ph.run("betweenness", lambda: ordered(
        nx.betweenness_centrality(G, weight="distance")))
    v["closeness"] = ph.run("closeness", lambda: ordered(
        nx.closeness_centrality(G, distance="distance")))
    v["harmonic"] = ph.run("harmonic", lambda: ordered(
        nx.harmonic_centrality(G, distance="distance")))
    v["eigenvector"] = ph.run("eigenvector", lambda: ordered(
        nx.eigenvector_centrality_numpy(G, weight="weight")))
    v["pagerank"] = ph.run("pagerank", lambda: ordered(nx.pagerank(G, weight="weight")))
    return G.number_of_nodes(), G.number_of_edges()


def worker(args):
    if args.worker == "versions":
        import igraph
        import networkx
        import numpy
        import rustworkx
        import scipy
        print(json.dumps({"python": platform.python_version(),
                          "networkx": networkx.__version__, "igraph": igraph.__version__,
                          "rustworkx": rustworkx.__version__, "numpy": numpy.__version__,
                          "scipy": scipy.__version__}))
        return
    ph = Phases(args.sources)
    t = time.perf_counter()
    __import__({"igraph": "igraph", "rustworkx": "rustworkx",
                "networkx": "networkx"}[args.worker])
    ph.times["import"] = time.perf_counter() - t
    names, pairs = ph.run("read+count", lambda: read_pairs(args.input))
    fn = {"igraph": run_igraph, "rustworkx": run_rustworkx,
          "networkx": run_networkx}[args.worker]
    n, m = fn(names, pairs, args.mode, ph)
    total = sum(ph.times.values())
    if args.dump:  # after the clock: values by name, for the correctness check
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump({"names": names, "values": ph.values}, f)
    print(json.dumps({"tool": args.worker, "mode": args.mode, "n": n, "m": m,
                      "phases": ph.times, "in_process_total": total,
                      "skipped": ph.skipped, "notes": ph.notes}))


# =================================================================== driver ==

def rel(path):
    """path relative to the repository root (symlinks kept: the venv's python)."""
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(str(ROOT) + os.sep) else path


def show(cmd, stdout_null=False):
    s = shlex.join(rel(c) if isinstance(c, Path) else str(c) for c in cmd)
    s = s.replace(rel(BIN), "graph", 1) if s.startswith(rel(BIN)) else s
    return s + (" > /dev/null" if stdout_null else "")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, stdout_null=False):
    """Run cmd under /usr/bin/time -v: wall (perf_counter), peak RSS (KiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", dir=BENCH) as tf:
        full = [TIME, "-v", "-o", tf.name, *map(str, cmd)]
        t0 = time.perf_counter()
        p = subprocess.run(full, cwd=ROOT, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL if stdout_null else subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        report = tf.read()
    if p.returncode != 0:
        sys.exit(f"bench-peers: failed ({p.returncode}): {show(cmd)}\n{p.stderr[-3000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return {"wall": wall, "rss_kb": int(rss.group(1)) if rss else None,
            "stdout": p.stdout if not stdout_null else None, "stderr": p.stderr}


def ensure_binary(force):
    if force or not BUILT.exists():
        log("+ cargo build --release")
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    if not BUILT.exists():
        sys.exit(f"bench-peers: {BUILT} missing after cargo build --release")


def snapshot_binary():
    """Copy target/release/graph to target/bench/graph and run only the copy,
    so a concurrent `cargo build` cannot swap the binary in the middle of a run."""
    BENCH.mkdir(parents=True, exist_ok=True)
    shutil.copy2(BUILT, BIN)
    mtime = datetime.datetime.fromtimestamp(BUILT.stat().st_mtime, datetime.timezone.utc)
    return {"binary_sha256": sha256(BIN), "binary_mtime": f"{mtime:%Y-%m-%d %H:%M:%S} UTC"}


def gen_cmd(name):
    scenes, chars = SETS[name]
    return [BIN, "generate", "--scenes", str(scenes), "--characters", str(chars),
            "--seed", "1", "-o", BENCH / f"{name}.csv"]


def ensure_data(names):
    BENCH.mkdir(parents=True, exist_ok=True)
    for name in names:
        if not (BENCH / f"{name}.csv").exists():
            log("+ " + show(gen_cmd(name)))
            subprocess.run(list(map(str, gen_cmd(name))), cwd=ROOT, check=True)


def ensure_venv():
    stamp = VENV / "bench-requirements.sha256"
    want = hashlib.sha256(REQS.read_bytes()).hexdigest()
    if not VENV_PY.exists():
        log(f"+ {sys.executable} -m venv {rel(VENV)}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not stamp.exists() or stamp.read_text() != want:
        log(f"+ pip install -r {rel(REQS)}")
        subprocess.run([str(VENV_PY), "-m", "pip", "install", "-q",
                        "--disable-pip-version-check", "-r", str(REQS)], check=True)
        stamp.write_text(want)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def machine_info():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return "?"
    versions = json.loads(out([str(VENV_PY), str(SCRIPT), "--worker", "versions"]))
    return {"nproc": out(["nproc"]), "cpu": cpu, "memory": mem,
            "kernel": platform.release(), "castgraph": out([str(BIN), "--version"]),
            "rustc": out(["rustc", "--version"]), **versions}


# ------------------------------------------------------------- pipelines --

def cg_build(dataset, out_json, extra=()):
    return [BIN, "build", BENCH / f"{dataset}.csv", *extra, "-o", out_json, "--quiet"]


def cg_central(graph_json, extra=()):
    return [BIN, "central", "--graph", graph_json, *extra, "--top", "0", "--format", "csv"]


def peer_cmd(tool, dataset, mode, dump=None):
    cmd = [VENV_PY, SCRIPT, "--worker", tool, "--mode", mode,
           "--input", BENCH / f"{dataset}.csv"]
    return cmd + (["--dump", dump] if dump else [])


def run_peer(tool, dataset, mode, dump=None, sources=None):
    cmd = peer_cmd(tool, dataset, mode, dump) + (["--sources", sources] if sources else [])
    r = timed(cmd)
    r.pop("stderr")
    r.update(json.loads(r.pop("stdout").strip().splitlines()[-1]))
    return r


def run_castgraph(dataset):
    out = BENCH / f"{dataset}.json"
    b = timed(cg_build(dataset, out))
    c = timed(cg_central(out), stdout_null=True)
    return {"wall": b["wall"] + c["wall"], "rss_kb": max(b["rss_kb"], c["rss_kb"]),
            "build": b, "central": c}


def section_pipeline(dataset, reps, with_nx, dumps=False):
    """Section A on one set: alternate castgraph and the peers for reps runs."""
    tools = ["igraph", "rustworkx"] + (["networkx"] if with_nx else [])
    runs = {"castgraph": [], **{t: [] for t in tools}}
    for rep in range(reps):
        log(f"  [{dataset}] repetition {rep + 1}/{reps}")
        runs["castgraph"].append(run_castgraph(dataset))
        log(f"    castgraph {runs['castgraph'][-1]['wall']:.2f} s")
        for tool in tools:
            dump = BENCH / f"{dataset}.{tool}.values.json" if dumps and rep == 0 else None
            runs[tool].append(run_peer(tool, dataset, "full", dump))
            log(f"    {tool} {runs[tool][-1]['wall']:.2f} s")
    return runs


def section_large(dataset, reps, sample):
    """Section B: build only (castgraph vs peers) + castgraph sampled central."""
    runs = {"castgraph build": [], "castgraph central --sample": [],
            "igraph build": [], "rustworkx build": []}
    out = BENCH / f"{dataset}.json"
    for rep in range(reps):
        log(f"  [{dataset} build] repetition {rep + 1}/{reps}")
        runs["castgraph build"].append(timed(cg_build(dataset, out)))
        runs["castgraph central --sample"].append(timed(
            cg_central(out, ["--sample", str(sample)]), stdout_null=True))
        log(f"    castgraph build {runs['castgraph build'][-1]['wall']:.2f} s, "
            f"central --sample {runs['castgraph central --sample'][-1]['wall']:.2f} s")
        for tool in ("igraph", "rustworkx"):
            runs[f"{tool} build"].append(run_peer(tool, dataset, "build"))
            log(f"    {tool} build {runs[f'{tool} build'][-1]['wall']:.2f} s")
    return runs


PATH_MEASURES = "betweenness,closeness,harmonic"


def section_distances(dataset, reps, ks):
    """Section E: exact distances on the large set (graph stats, hop closeness
    and harmonic), and exact central's time extrapolated from K1 and K2 sources
    for castgraph and igraph alike (the per-source cost is the slope between
    the two runs, so start-up, loading and the other measures drop out)."""
    g = BENCH / f"{dataset}.json"
    stats_cmd = [BIN, "stats", "--graph", g]
    hops_cmd = cg_central(g, ["--distance", "hops", "--measures", "closeness,harmonic"])
    runs = {"stats": [], "hops": []}
    for rep in range(reps):
        runs["stats"].append(timed(stats_cmd))
        runs["hops"].append(timed(hops_cmd, stdout_null=True))
        log(f"    stats {runs['stats'][-1]['wall']:.2f} s, hop closeness+harmonic "
            f"{runs['hops'][-1]['wall']:.2f} s")
    lines = runs["stats"][-1]["stdout"].splitlines()
    figures = [ln.strip() for i, ln in enumerate(lines)
               if ln.strip().startswith("diameter") or (i and "components pooled" in lines[i - 1])]
    sampled = {}
    igraph = {}
    for k in ks:
        sampled[k] = timed(cg_central(g, ["--measures", PATH_MEASURES, "--sample", str(k)]),
                           stdout_null=True)
        log(f"    castgraph {PATH_MEASURES} from {k} sources {sampled[k]['wall']:.2f} s")
        igraph[k] = run_peer("igraph", dataset, "paths", sources=str(k))
        ig = sum(igraph[k]["phases"][m] for m in ("betweenness", "closeness", "harmonic"))
        igraph[k]["paths"] = ig
        log(f"    igraph {PATH_MEASURES} from {k} sources {ig:.2f} s (in process)")
    n = igraph[ks[0]]["n"]
    caption = timed([BIN, "central", "--graph", g, "--measures", PATH_MEASURES, "--sample",
                     str(LARGE_SAMPLE), "--top", "3"])
    bound = [ln.strip() for ln in (caption["stdout"] + caption["stderr"]).splitlines()
             if "sampling error" in ln]

    def extrapolate(t1, t2):
        slope = (t2 - t1) / (ks[1] - ks[0])
        return slope, t2 + slope * (n - ks[1])
    cg_slope, cg_all = extrapolate(sampled[ks[0]]["wall"], sampled[ks[1]]["wall"])
    ig_slope, ig_all = extrapolate(igraph[ks[0]]["paths"], igraph[ks[1]]["paths"])
    for r in runs["stats"] + runs["hops"] + list(sampled.values()):
        r.pop("stdout", None)
        r.pop("stderr", None)
    return {"dataset": dataset, "n": n, "ks": ks, "runs": runs, "figures": figures,
            "sampled": sampled, "igraph": igraph, "bound": bound,
            "castgraph_per_source": cg_slope, "castgraph_all": cg_all,
            "igraph_per_source": ig_slope, "igraph_all": ig_all,
            "commands": [show(stats_cmd), show(hops_cmd, stdout_null=True)] + [
                c for k in ks for c in (
                    show(cg_central(g, ["--measures", PATH_MEASURES, "--sample", str(k)]),
                         stdout_null=True),
                    show(peer_cmd("igraph", dataset, "paths") + ["--sources", k]))] + [
                show([BIN, "central", "--graph", g, "--measures", PATH_MEASURES, "--sample",
                      str(LARGE_SAMPLE), "--top", "3"])]}


def section_streaming(dataset, large_runs):
    """Section F: the large set's scenes ten times over (20M scenes for large,
    the same characters and ties) builds in the memory of one copy: the reader
    streams, only characters and ties are kept."""
    src = BENCH / f"{dataset}.csv"
    x10 = BENCH / f"{dataset}-x10.csv"
    if not x10.exists() or x10.stat().st_size < 10 * (src.stat().st_size - 100):
        log(f"+ {rel(x10)}: the header of {rel(src)}, then its rows 10 times")
        with open(src, "rb") as f, open(x10.with_suffix(".tmp"), "wb") as out:
            header = f.readline()
            body = f.read()
            out.write(header)
            for _ in range(10):
                out.write(body)
        x10.with_suffix(".tmp").replace(x10)
    r = timed(cg_build(f"{dataset}-x10", BENCH / f"{dataset}-x10.json"))
    r.pop("stdout")
    r.pop("stderr")
    base = med(large_runs["castgraph build"], "rss_kb")
    return {"dataset": dataset, "bytes": x10.stat().st_size, "scenes": 10 * SETS[dataset][0],
            "build": r, "base_rss_kb": base, "ratio": r["rss_kb"] / base,
            "commands": [f"(head -n 1 {rel(src)}; for i in $(seq 10); do tail -n +2 {rel(src)}; "
                         f"done) > {rel(x10)}",
                         show(cg_build(f"{dataset}-x10", BENCH / f"{dataset}-x10.json"))]}


def read_central_csv(text):
    rows = list(csv.DictReader(text.splitlines()))
    return {r["character"]: {k: float(r[k]) for k in MEASURES + ["scenes"]} for r in rows}


def section_sample_error(dataset, min_scenes, sample):
    """Section C: exact vs sampled path measures on a --min-scenes subgraph."""
    sub = BENCH / f"{dataset}-sub{min_scenes}.json"
    b = timed(cg_build(dataset, sub, ["--min-scenes", str(min_scenes)]))
    exact = timed(cg_central(sub))
    est = timed(cg_central(sub, ["--sample", str(sample)]))
    ex, es = read_central_csv(exact["stdout"]), read_central_csv(est["stdout"])
    stats = {}
    for m in ("betweenness", "closeness", "harmonic"):
        errs = [abs(es[c][m] - ex[c][m]) for c in ex]
        vals = [ex[c][m] for c in ex]
        top = lambda d: {c for c, _ in sorted(d.items(), key=lambda kv: -kv[1][m])[:10]}
        stats[m] = {"max_abs": max(errs), "mean_abs": statistics.fmean(errs),
                    "max_exact": max(vals), "mean_exact": statistics.fmean(vals),
                    "max_rel": max(e / abs(v) for e, v in zip(errs, vals) if v) if any(vals) else 0.0,
                    "top10_overlap": len(top(ex) & top(es))}
    for r in (exact, est):
        r.pop("stdout")
    b.pop("stdout")
    return {"dataset": dataset, "min_scenes": min_scenes, "sample": sample,
            "characters": len(ex), "build": b, "exact": exact, "sampled": est,
            "errors": stats,
            "commands": [show(cg_build(dataset, sub, ["--min-scenes", str(min_scenes)])),
                         show(cg_central(sub)),
                         show(cg_central(sub, ["--sample", str(sample)]))]}


def section_correctness(with_nx):
    """Section D: the peers' numbers on small against castgraph's CSV."""
    graph = BENCH / "small.json"
    inv = read_central_csv(timed(cg_central(graph))["stdout"])
    hops = read_central_csv(timed(cg_central(graph, ["--distance", "hops"]))["stdout"])
    checks = []  # (tool, measure, max |diff|, tolerance, required)
    why = {("networkx", "pagerank"): "nx.pagerank's default stopping rule, tol=1e-06 (x n, L1)",
           ("rustworkx", "eigenvector"): "power iteration with the defaults max_iter=100, tol=1e-6",
           ("networkx", "betweenness"): "NetworkX compares float path lengths with == "
                                        "(drops tied paths; see README)"}

    def compare(tool, measure, values, names, ref, ref_measure, tol, required=False,
                transform=None):
        if values is None:
            return
        if transform:
            values = transform(values)
        worst = max(abs(v - ref[nm][ref_measure]) / max(1.0, abs(ref[nm][ref_measure]))
                    for nm, v in zip(names, values))
        checks.append({"tool": tool, "measure": measure, "max_diff": worst,
                       "tol": tol, "ok": worst <= tol, "required": required,
                       "why": "" if worst <= tol else why.get((tool, measure), "")})

    def unit(vs):
        norm = math.sqrt(sum(x * x for x in vs))
        return [x / norm for x in vs]

    tools = ["igraph", "rustworkx"] + (["networkx"] if with_nx else [])
    for tool in tools:
        path = BENCH / f"small.{tool}.values.json"
        d = json.loads(path.read_text())
        names, v = d["names"], d["values"]
        if set(names) != set(inv):
            checks.append({"tool": tool, "measure": "characters", "max_diff": float("inf"),
                           "tol": 0, "ok": False, "required": True})
            continue
        for m in ("degree", "strength"):
            compare(tool, m, v.get(m), names, inv, m, 0.0)
        req = tool == "igraph"
        compare(tool, "betweenness", v.get("betweenness"), names, inv, "betweenness",
                1e-9, required=req)
        compare(tool, "betweenness (hops)", v.get("betweenness_hops"), names, hops,
                "betweenness", 1e-9)
        compare(tool, "closeness", v.get("closeness"), names, inv, "closeness", 1e-9)
        compare(tool, "harmonic", v.get("harmonic"), names, inv, "harmonic", 1e-9)
        compare(tool, "eigenvector", v.get("eigenvector"), names, inv, "eigenvector",
                1e-6, transform=unit)
        compare(tool, "pagerank", v.get("pagerank"), names, inv, "pagerank", 1e-6,
                required=req)
    return checks


# ---------------------------------------------------------------- report --

def med(runs, key="wall"):
    return statistics.median(r[key] for r in runs)


def fmt_s(x):
    if x is None:
        return "—"
    return f"{x * 1000:.0f} ms" if x < 1 else (f"{x:.2f} s" if x < 100 else f"{x:.0f} s")


def fmt_range(runs):
    if len(runs) < 2:
        return "—"
    w = [r["wall"] for r in runs]
    return f"{fmt_s(min(w))} – {fmt_s(max(w))}"


def fmt_mem(kb):
    if kb is None:
        return "—"
    return f"{kb / 1024:.0f} MiB" if kb < 1024 * 1024 else f"{kb / 1024 / 1024:.2f} GiB"


def verdict(ok):
    return "met" if ok else "**not met**"


PEER_DESC = {
    "igraph": "igraph 1.0 (csv + Counter + `igraph.Graph`; all 7 measures, weighted)",
    "rustworkx": "rustworkx 0.18 (csv + Counter + `PyGraph`; 5 measures, betweenness unweighted)",
    "networkx": "NetworkX 3.6.1 (csv + Counter + `nx.Graph`; all 7 measures, weighted)",
}


def phase_table(runs_by_tool):
    lines = []
    for tool, runs in runs_by_tool.items():
        if not runs or "phases" not in runs[0]:
            continue
        names = list(runs[0]["phases"])
        cells = [f"{p} {fmt_s(statistics.median(r['phases'][p] for r in runs))}" for p in names]
        note = f" ({len(runs)} run{'s' if len(runs) > 1 else ''}, median)"
        lines.append(f"- **{tool}**{note}: " + ", ".join(cells)
                     + f"; process total {fmt_s(med(runs))} (Python start-up included)")
        for k, why in runs[0].get("skipped", {}).items():
            lines.append(f"  - skipped {k}: {why}")
        for note in runs[0].get("notes", []):
            lines.append(f"  - {note}")
    return lines


def pipeline_block(dataset, runs, info, nx_once=None, smoke=False):
    cg = runs["castgraph"]
    cgw = med(cg)
    n, m = info
    reps = len(cg)
    out = [f"### {dataset.capitalize()} set: whole pipeline ({SETS[dataset][0]:,} scenes, "
           f"{n:,} characters, {m:,} ties)", "",
           f"Median of {reps} run{'s' if reps > 1 else ''} in alternation (castgraph, igraph, "
           "rustworkx" + (", NetworkX" if "networkx" in runs else "") + "); wall time of "
           "each process, peak RSS from `/usr/bin/time -v`.", "",
           "| pipeline | wall (median) | min – max | peak RSS | castgraph faster by | target |",
           "|---|---:|---:|---:|---:|---|",
           f"| castgraph `build` | {fmt_s(med(cg_part(cg, 'build')))} | {fmt_range(cg_part(cg, 'build'))} "
           f"| {fmt_mem(med(cg_part(cg, 'build'), 'rss_kb'))} | | |",
           f"| castgraph `central` (exact, all 7 measures) | {fmt_s(med(cg_part(cg, 'central')))} "
           f"| {fmt_range(cg_part(cg, 'central'))} | {fmt_mem(med(cg_part(cg, 'central'), 'rss_kb'))} | | |",
           f"| **castgraph whole pipeline** (build + central) | **{fmt_s(cgw)}** | {fmt_range(cg)} "
           f"| {fmt_mem(med(cg, 'rss_kb'))} | 1× | |"]
    all_peers = [(t, runs[t]) for t in ("igraph", "rustworkx", "networkx") if t in runs]
    if nx_once:
        all_peers.append(("networkx", nx_once))
    for tool, pr in all_peers:
        ratio = med(pr) / cgw
        target = ""
        if tool == "igraph":
            t = TARGETS["medium_igraph"]
            target = (f"≥{t:.0f}×: {verdict(ratio >= t)}" if dataset == "medium"
                      else f"(≥{t:.0f}× is for medium)")
        elif tool == "networkx":
            t = TARGETS["medium_networkx"]
            target = (f"≥{t:.0f}×: {verdict(ratio >= t)}" if dataset == "medium"
                      else f"(≥{t:.0f}× is for medium)")
        elif tool == "rustworkx":
            target = "not like for like (fewer measures, unweighted betweenness)"
        label = PEER_DESC[tool] + (" — **1 run**" if len(pr) == 1 and reps > 1
                                   or tool == "networkx" and nx_once else "")
        out.append(f"| {label} | {fmt_s(med(pr))} | {fmt_range(pr)} | {fmt_mem(med(pr, 'rss_kb'))} "
                   f"| {ratio:.1f}× | {target} |")
    out += ["", "In-process phases of the peers (perf_counter inside the process):", ""]
    out += phase_table({t: r for t, r in all_peers})
    return out


def cg_part(runs, part):
    return [r[part] for r in runs]


def large_block(dataset, runs, info, sample, smoke=False):
    n, m = info
    cgb = runs["castgraph build"]
    cgw, cgrss = med(cgb), med(cgb, "rss_kb")
    peers = {t: runs[f"{t} build"] for t in ("igraph", "rustworkx")}
    fastest = min(peers, key=lambda t: med(peers[t]))
    reps = len(cgb)
    out = [f"### {dataset.capitalize()} set: build only ({SETS[dataset][0]:,} scenes, "
           f"{n:,} characters, {m:,} ties)", "",
           f"Median of {reps} run{'s' if reps > 1 else ''} in alternation. castgraph's build "
           "also writes the graph file; the peers' processes read, count and construct the "
           "graph in memory, nothing more.", "",
           "| pipeline | wall (median) | min – max | peak RSS | castgraph faster by | target |",
           "|---|---:|---:|---:|---:|---|"]
    tb, tr = TARGETS["large_build_s"], TARGETS["large_build_rss"]
    target = (f"(≤{tb} s and ≤1 GiB are for large)" if smoke else
              f"≤{tb} s: {verdict(cgw <= tb)}; ≤1 GiB: {verdict(cgrss * 1024 <= tr)}")
    out.append(f"| **castgraph `build`** | **{fmt_s(cgw)}** | {fmt_range(cgb)} | {fmt_mem(cgrss)} | 1× "
               f"| {target} |")
    for tool, pr in peers.items():
        ratio = med(pr) / cgw
        goals = [("large_igraph", "igraph")] if tool == "igraph" else []
        goals += [("large_peer", "fastest peer")] if tool == fastest else []
        target = "; ".join(
            (f"{what}: ≥{TARGETS[key]:.0f}× is for large" if smoke else
             f"{what}: ≥{TARGETS[key]:.0f}×: {verdict(ratio >= TARGETS[key])}")
            for key, what in goals)
        ip = statistics.median(r["in_process_total"] for r in pr)
        out.append(f"| {tool} read + count + graph (in process: {fmt_s(ip)}) | {fmt_s(med(pr))} "
                   f"| {fmt_range(pr)} | {fmt_mem(med(pr, 'rss_kb'))} | {ratio:.1f}× | {target} |")
    cs = runs["castgraph central --sample"]
    out.append(f"| castgraph `central --sample {sample}` (all 7 measures, path measures estimated) "
               f"| {fmt_s(med(cs))} | {fmt_range(cs)} | {fmt_mem(med(cs, 'rss_kb'))} | | |")
    out += ["", "In-process phases of the peers' builds:", ""]
    out += phase_table(peers)
    return out, fastest


def distances_block(d, smoke=False):
    n, (k1, k2) = d["n"], d["ks"]
    st, hp = d["runs"]["stats"], d["runs"]["hops"]
    tgt = TARGETS["large_stats_s"]
    verdict_stats = (f"(≤{tgt:.0f} s is for large)" if smoke else
                     f"≤{tgt:.0f} s: {verdict(med(st) <= tgt)}")
    out = [f"### {d['dataset'].capitalize()} set: exact distances and exact `central` "
           f"({n:,} characters)", "",
           "| what | wall (median) | min – max | peak RSS | target |", "|---|---:|---:|---:|---|",
           f"| `graph stats` (exact diameter and average path length, per component and pooled; "
           f"clustering) | **{fmt_s(med(st))}** | {fmt_range(st)} | {fmt_mem(med(st, 'rss_kb'))} "
           f"| {verdict_stats} |",
           f"| `central --distance hops --measures closeness,harmonic` (exact, multi-source BFS) "
           f"| {fmt_s(med(hp))} | {fmt_range(hp)} | {fmt_mem(med(hp, 'rss_kb'))} | |", "",
           "Figures printed: " + "; ".join(f"`{f}`" for f in d["figures"]) + ".", "",
           f"Exact `central` (betweenness, closeness, harmonic; 1/weight lengths) runs one "
           f"shortest-path search from each of the {n:,} characters. Both tools ran the same three "
           f"measures from {k1} and from {k2} sources; the per-source cost is the slope between "
           "the two runs (loading, start-up and the other measures drop out) and the exact "
           f"time is the {k2}-source run plus {n - k2:,} more sources at that cost:", "",
           f"| tool | {k1} sources | {k2} sources | per source | exact, extrapolated | |",
           "|---|---:|---:|---:|---:|---|",
           f"| castgraph `central --measures {PATH_MEASURES} --sample K` (2 cores; process wall) "
           f"| {fmt_s(d['sampled'][k1]['wall'])} | {fmt_s(d['sampled'][k2]['wall'])} "
           f"| {d['castgraph_per_source'] * 1000:.1f} ms | **{fmt_hours(d['castgraph_all'])}** "
           + (f"| {d['igraph_all'] / d['castgraph_all']:.1f}× faster |" if d["castgraph_all"] > 0
              else "| |"),
           f"| igraph `betweenness(sources=S)`, `closeness(vertices=S)`, "
           f"`harmonic_centrality(vertices=S)` (1 core; in process, after its 1/w list) "
           f"| {fmt_s(d['igraph'][k1]['paths'])} | {fmt_s(d['igraph'][k2]['paths'])} "
           f"| {d['igraph_per_source'] * 1000:.1f} ms | {fmt_hours(d['igraph_all'])} | |", ""]
    if d["bound"]:
        out += [f"The error bound `central --sample {LARGE_SAMPLE}` prints on this graph: "
                + " ".join(f"“{b}”" for b in d["bound"]), ""]
    return out


def streaming_block(f, smoke=False):
    tgt = TARGETS["stream_rss_ratio"]
    b = f["build"]
    size = f"{f['bytes'] / 1e9:.2f} GB" if f["bytes"] >= 1e9 else f"{f['bytes'] / 1e6:.1f} MB"
    return [f"### Streaming: the {f['dataset']} set's rows ten times over ({f['scenes']:,} "
            f"scenes, {size}; the same characters and ties)", "",
            "| what | wall | peak RSS | peak ÷ one copy's | target |", "|---|---:|---:|---:|---|",
            f"| castgraph `build` | {fmt_s(b['wall'])} | {fmt_mem(b['rss_kb'])} "
            f"| {f['ratio']:.2f}× (one copy: {fmt_mem(f['base_rss_kb'])}) | "
            + (f"(≤{tgt}× is for large)" if smoke else f"≤{tgt}×: {verdict(f['ratio'] <= tgt)}")
            + " |", ""]


def splice(path_or_text, name, block, text_of=False):
    """The report with `block` between the markers of section `name`, the rest
    kept (other scripts write their own sections into BENCHMARKS.md); without
    the markers yet, the block goes at the end.  `text_of`: the first argument
    is the report's text already, not its path."""
    text = path_or_text if text_of else (
        path_or_text.read_text(encoding="utf-8") if path_or_text.exists() else
        "# Benchmarks: castgraph against igraph, rustworkx and NetworkX\n")
    start, end = f"<!-- bench-peers {name} -->", f"<!-- /bench-peers {name} -->"
    block = f"{start}\n{block.strip()}\n{end}"
    if start in text and end in text:
        a, b = text.index(start), text.index(end) + len(end)
        return text[:a] + block + text[b:]
    return text.rstrip("\n") + "\n\n" + block + "\n"


def fmt_hours(x):
    if x <= 0:
        return "— (too small to measure)"
    return f"{x / 3600:.1f} h" if x >= 3600 else (f"{x / 60:.1f} min" if x >= 100 else fmt_s(x))


def sample_block(se):
    out = [f"### Accuracy of `--sample {se['sample']}` ({se['dataset']} set, `--min-scenes "
           f"{se['min_scenes']}`: {se['characters']:,} characters; 1 run)", "",
           f"Build {fmt_s(se['build']['wall'])} ({fmt_mem(se['build']['rss_kb'])}); exact "
           f"`central` {fmt_s(se['exact']['wall'])} ({fmt_mem(se['exact']['rss_kb'])}); "
           f"sampled `central --sample {se['sample']}` {fmt_s(se['sampled']['wall'])} "
           f"({fmt_mem(se['sampled']['rss_kb'])}). Errors of the estimate against the exact "
           "values, over all characters:", "",
           "| measure | max abs error | mean abs error | largest exact value | mean exact value "
           "| max relative error | top-10 overlap |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for m, s in se["errors"].items():
        out.append(f"| {m} | {s['max_abs']:.3g} | {s['mean_abs']:.3g} | {s['max_exact']:.4g} "
                   f"| {s['mean_exact']:.4g} | {s['max_rel']:.3g} | {s['top10_overlap']}/10 |")
    return out


def correctness_line(checks):
    req = [c for c in checks if c["required"]]
    ok = all(c["ok"] for c in req)
    parts = [f"{c['tool']} {c['measure']} max |Δ| {c['max_diff']:.2g} ≤ {c['tol']:g}: "
             f"{'ok' if c['ok'] else 'FAIL'}" for c in req]
    return ok, (f"**Correctness check (small set): {'PASS' if ok else 'FAIL'}** — " + "; ".join(parts))


def correctness_block(checks):
    ok, line = correctness_line(checks)
    out = [line, "", "All comparisons, by character name against castgraph's "
           "`central --top 0 --format csv` (relative to max(1, |value|); eigenvector "
           "rescaled to unit norm first; rustworkx's unweighted betweenness against "
           "`--distance hops`):", "",
           "| peer | measure | max difference | tolerance | |", "|---|---|---:|---:|---|"]
    for c in checks:
        status = "ok" if c["ok"] else "differs" + (f": {c['why']}" if c.get("why") else "")
        out.append(f"| {c['tool']} | {c['measure']} | {c['max_diff']:.2g} | {c['tol']:g} | "
                   f"{status}{' (required)' if c['required'] else ''} |")
    return out


# ------------------------------------------------------------------ main --

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=5, help="repetitions in alternation (default 5)")
    ap.add_argument("--smoke", action="store_true",
                    help="one repetition on the small set only (< 60 s)")
    ap.add_argument("--skip-networkx", action="store_true", help="leave NetworkX out entirely")
    ap.add_argument("--networkx-set", choices=["small", "medium"], default="medium",
                    help="medium (default): also run NetworkX ONCE on medium (10+ minutes); "
                         "small: NetworkX on small only")
    ap.add_argument("--out", help="markdown report (default BENCHMARKS.md; "
                                  "--smoke: target/bench/smoke.md)")
    ap.add_argument("--cargo-build", action="store_true",
                    help="always run cargo build --release first (default: only if missing)")
    ap.add_argument("--note", help="a line put at the top of the report")
    ap.add_argument("--worker", choices=["igraph", "rustworkx", "networkx", "versions"],
                    help=argparse.SUPPRESS)
    ap.add_argument("--mode", choices=["full", "build", "paths"], default="full",
                    help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--dump", help=argparse.SUPPRESS)
    ap.add_argument("--sources", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--only", choices=["big"],
                    help="big: only the large-set sections (B, E, F: build, distances and "
                         "exact central, streaming a 20M-scene file; about 10 minutes), "
                         "spliced into BENCHMARKS.md in place of their last run")
    args = ap.parse_args()
    if args.worker:
        return worker(args)

    t_start = time.time()
    started = datetime.datetime.now(datetime.timezone.utc)
    load_start = os.getloadavg()
    reps = 1 if args.smoke else args.reps
    if reps < 1:
        sys.exit("bench-peers: --reps must be at least 1")
    with_nx = not args.skip_networkx
    nx_medium = with_nx and not args.smoke and args.networkx_set == "medium"
    out_path = Path(args.out) if args.out else (
        BENCH / "smoke.md" if args.smoke else ROOT / "BENCHMARKS.md")

    ensure_binary(args.cargo_build)
    binary = snapshot_binary()
    only_big = args.only == "big"
    sets = ["small"] if args.smoke else (["large"] if only_big else ["small", "medium", "large"])
    ensure_data(sets)
    ensure_venv()
    info = {**machine_info(), **binary}
    data = {s: {"bytes": (BENCH / f"{s}.csv").stat().st_size,
                "sha256": sha256(BENCH / f"{s}.csv")} for s in sets}

    results = {"args": vars(args), "machine": info, "data": data}
    pipe, nx_once = {}, None
    if not only_big:
        log("A. whole pipelines")
        pipe["small"] = section_pipeline("small", reps, with_nx, dumps=True)
    if not args.smoke and not only_big:
        pipe["medium"] = section_pipeline("medium", reps, False)
    if nx_medium and not only_big:
        log("  NetworkX on medium, ONE run (10+ minutes)")
        nx_once = [run_peer("networkx", "medium", "full")]
        log(f"    networkx {nx_once[0]['wall']:.1f} s")
    results["pipelines"], results["networkx_medium"] = pipe, nx_once

    large_set = "small" if args.smoke else "large"
    log(f"B. build only on {large_set}")
    large = section_large(large_set, reps, LARGE_SAMPLE)
    results["large"] = large

    log(f"E. exact distances and exact central on {large_set}")
    dist = section_distances(large_set, reps, SMOKE_DISTANCE_SOURCES if args.smoke
                             else DISTANCE_SOURCES)
    results["distances"] = dist
    log(f"F. streaming {large_set} ten times over")
    stream = section_streaming(large_set, large)
    results["streaming"] = stream

    ok, cline, se = True, "", None
    if not only_big:
        min_scenes, sample = ((SMOKE_SUB_MIN_SCENES, SMOKE_SUB_SAMPLE) if args.smoke
                              else (SUB_MIN_SCENES, SUB_SAMPLE))
        log(f"C. --sample {sample} accuracy on {large_set} --min-scenes {min_scenes}")
        se = section_sample_error(large_set, min_scenes, sample)
        results["sample_error"] = se

        log("D. correctness on small")
        checks = section_correctness(with_nx)
        results["correctness"] = checks
        ok, cline = correctness_line(checks)

    elapsed = time.time() - t_start
    load_end = os.getloadavg()

    # ---- the markdown ----
    def nm(ds):
        r = pipe[ds]["igraph"][0]
        return r["n"], r["m"]
    large_info = (large["igraph build"][0]["n"], large["igraph build"][0]["m"])
    machine = [f"- date: {started:%Y-%m-%d %H:%M} UTC; whole run took {elapsed / 60:.1f} min",
               f"- `nproc`: {info['nproc']}; CPU: {info['cpu']}; memory: {info['memory']}; "
               f"Linux {info['kernel']}",
               f"- load average (1/5/15 min) at start {load_start[0]:.2f}/{load_start[1]:.2f}/"
               f"{load_start[2]:.2f}, at end {load_end[0]:.2f}/{load_end[1]:.2f}/{load_end[2]:.2f}",
               f"- {info['castgraph']}: `target/release/graph` built {info['binary_mtime']}, "
               f"sha256 {info['binary_sha256'][:16]}…, copied to `{rel(BIN)}` at the start and "
               f"run from there; {info['rustc']}",
               f"- Python {info['python']}: networkx {info['networkx']}, igraph {info['igraph']}, "
               f"rustworkx {info['rustworkx']}, numpy {info['numpy']}, scipy {info['scipy']} "
               f"(`{rel(VENV)}`, pins in `{rel(REQS)}`)",
               "- castgraph and rustworkx use every core (rayon); igraph and NetworkX one. "
               "No thread count was set."]
    # The big sections (B, E, F): their own block, so `--only big` can redo them alone.
    lb, fastest = large_block(large_set, large, large_info, LARGE_SAMPLE, args.smoke)
    big = ["## Big casts: the large set (sections B, E, F)", ""]
    if args.note and only_big:
        big += [f"> **{args.note}**", ""]
    big += (["Run of these sections:", ""] + machine + [""] if only_big else
            ["Same run as above (see Machine).", ""])
    big += lb + [""] + distances_block(dist, args.smoke) + streaming_block(stream, args.smoke)
    big += ["Commands (from the repository root; `graph` is the release binary's copy "
            f"`{rel(BIN)}`):", "", "```sh",
            "# B. build only (in alternation)",
            show(cg_build(large_set, BENCH / f"{large_set}.json")),
            show(cg_central(BENCH / f"{large_set}.json", ["--sample", str(LARGE_SAMPLE)]),
                 stdout_null=True),
            show(peer_cmd("igraph", large_set, "build")),
            show(peer_cmd("rustworkx", large_set, "build")),
            "# E. exact distances; exact central from K1 and K2 sources (castgraph, igraph)",
            *dist["commands"],
            "# F. streaming: the set's rows ten times over",
            *stream["commands"],
            "```", "",
            "Regenerate these sections alone: `python3 scripts/bench-peers.py --only big "
            f"--reps {reps}`", ""]
    if only_big:
        text = splice(out_path, "big", "\n".join(big))
        out_path.write_text(text, encoding="utf-8")
        raw = BENCH / f"results-big-{started:%Y%m%dT%H%M%S}.json"
        raw.write_text(json.dumps(results, indent=1, default=str))
        print("\n".join(big))
        log(f"wrote {rel(out_path)} and {rel(raw)} in {elapsed:.0f} s")
        return

    md = []
    if args.note:
        md += [f"> **{args.note}**", ""]
    if args.smoke:
        md += ["> **Smoke run** (`--smoke`): one repetition, the small set stands in for medium "
               "and large; the targets are for medium and large and are not judged here.", ""]
    md += [cline, ""]
    md += ["## Machine", ""] + machine + [""]
    md += ["## Results", ""]
    for ds in pipe:
        md += pipeline_block(ds, pipe[ds], nm(ds), nx_once if ds == "medium" else None,
                             args.smoke) + [""]
    if with_nx and not nx_medium and not args.smoke:
        md += ["NetworkX was run on the small set only (`--networkx-set small`).", ""]
    if not with_nx:
        md += ["NetworkX was not run (`--skip-networkx`).", ""]
    md += sample_block(se) + [""]
    md += ["## Correctness", ""] + correctness_block(checks) + [""]
    md += ["## What each pipeline does", "",
           "Every peer is one Python process (`target/bench-venv/bin/python "
           "scripts/bench-peers.py --worker TOOL --mode full|build --input CSV`) that:",
           "",
           "1. reads the CSV with `csv.reader`, splits `characters` on `;`, takes the sorted "
           "unique names of each scene, numbers characters in order of first appearance "
           "(`dict.setdefault`) and counts pairs with `Counter.update(itertools.combinations(ids, 2))`;",
           "2. builds the graph: igraph `Graph(n, edges=list(pairs))` + `es[\"weight\"]`; "
           "rustworkx `PyGraph()` + `add_nodes_from` + `add_edges_from([(a, b, w)])`; "
           "NetworkX `nx.Graph()` + `add_edges_from` with `weight` and `distance = 1/weight` "
           "attributes (nodes are names);",
           "3. (`--mode full`) computes:",
           "   - igraph: `degree()`, `strength(weights=\"weight\")`, "
           "`betweenness(weights=1/w, directed=False)` × 2/((n−1)(n−2)), `closeness(weights=1/w)`, "
           "`harmonic_centrality(weights=1/w, normalized=False)`, "
           "`eigenvector_centrality(weights=\"weight\", scale=False)`, `pagerank(weights=\"weight\")`;",
           "   - rustworkx: `degree(i)` per node, strength by a Python loop over "
           "`weighted_edge_list()` (no built-in), `betweenness_centrality(g, normalized=True)` "
           "(**unweighted**: rustworkx has no weighted betweenness), "
           "`newman_weighted_closeness_centrality(g, weight_fn=float)` (distance 1/w, "
           "Wasserman–Faust), `eigenvector_centrality(g, weight_fn=float)` (defaults: 100 "
           "iterations, tol 1e-6); **no harmonic** (none in 0.18) and **no PageRank** "
           "(`rustworkx.pagerank` accepts a `PyDiGraph` only);",
           "   - NetworkX: `G.degree()`, `G.degree(weight=\"weight\")`, "
           "`betweenness_centrality(G, weight=\"distance\")`, "
           "`closeness_centrality(G, distance=\"distance\")`, "
           "`harmonic_centrality(G, distance=\"distance\")`, "
           "`eigenvector_centrality_numpy(G, weight=\"weight\")`, `pagerank(G, weight=\"weight\")`;",
           "4. prints its phase times (`time.perf_counter`) as JSON; the process wall time "
           "(Python start-up and imports included) is what the tables compare.", "",
           "castgraph's pipeline is two processes: `graph build` (read, count, build, write the "
           "JSON graph file) then `graph central --top 0 --format csv` (read the graph file, "
           "all 7 measures exact, print every character).", ""]
    md += ["## Exact commands", "", "Every command ran as `/usr/bin/time -v COMMAND` from the "
           "repository root; wall time was taken around the process.", "", "```sh",
           "# data (only when missing)"]
    md += [show(gen_cmd(s)) for s in sets]
    md += [f"# sha256 {s}.csv {data[s]['sha256']} ({data[s]['bytes']:,} bytes)" for s in sets]
    md += ["# A. whole pipelines (in alternation)"]
    for ds in pipe:
        md += [show(cg_build(ds, BENCH / f"{ds}.json")),
               show(cg_central(BENCH / f"{ds}.json"), stdout_null=True)]
        md += [show(peer_cmd(t, ds, "full")) for t in pipe[ds] if t != "castgraph"]
    if nx_once:
        md += ["# NetworkX on medium, once", show(peer_cmd("networkx", "medium", "full"))]
    md += ["# B, E, F: see the big-cast sections' own commands",
           "# C. sampling accuracy (once)", *se["commands"],
           "# D. correctness (small): the first small-set peer runs also got "
           "--dump target/bench/small.TOOL.values.json (written after the clock stops)",
           show(cg_central(BENCH / "small.json")),
           show(cg_central(BENCH / "small.json", ["--distance", "hops"])),
           "```", "",
           "Regenerate: `" + shlex.join(["python3", "scripts/bench-peers.py", *sys.argv[1:]])
           + "`", ""]
    if args.smoke:
        text = "\n".join(["# Benchmarks (smoke run)", ""] + md + big)
    else:
        text = splice(splice(out_path, "peers", "\n".join(md)), "big", "\n".join(big),
                      text_of=True)
    out_path.write_text(text, encoding="utf-8")
    raw = BENCH / f"results-{started:%Y%m%dT%H%M%S}.json"
    raw.write_text(json.dumps(results, indent=1, default=str))
    print("\n".join(md + big))
    log(f"wrote {rel(out_path)} and {rel(raw)} in {elapsed:.0f} s")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
