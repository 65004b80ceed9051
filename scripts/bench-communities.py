#!/usr/bin/env python3
"""Benchmark `graph communities` and `graph timeline` against their Python peers.

    python3 scripts/bench-communities.py [--reps N] [--smoke] [--skip-networkx-medium]
                                         [--cargo-build] [--out FILE]

Reuses scripts/bench-peers.py (imported as a module): its release binary snapshot
(target/bench/graph), generated data (target/bench/{small,medium,large}.csv), virtualenv
(target/bench-venv, pins in scripts/bench-requirements.txt), `/usr/bin/time -v` wrapper and
formatting.  Every process runs alone; tools alternate within each repetition.

1. Communities, on the graph files `graph build SET.csv -o SET.json` (built beforehand, untimed):
   castgraph `communities --graph SET.json --format csv` (default restarts: 10, or
   10 million / ties on big graphs), `--restarts 1`, and `ego NAME --radius 0` (loads the graph,
   does next to nothing: the load-only time); the peers read the same SET.json with `json.load`
   (not timed) and we time, in process, graph construction + the algorithm:
   igraph `community_multilevel`, `community_leiden(objective_function="modularity",
   n_iterations=-1)` once and best of 10 seeds, NetworkX `louvain_communities` (small, medium).
   Large: castgraph and igraph only.  Q of every partition: igraph `Graph.modularity(membership,
   weights="weight")` on the same graph, in a separate process after the clock.
2. Timeline, medium.csv: `graph timeline medium.csv --measures pagerank --format csv` against a
   NetworkX and an igraph script (csv module, one Counter per episode, one graph per episode,
   `nx.pagerank(G, weight="weight")` / `g.pagerank(weights="weight")`); whole processes timed.
   PageRank of three episodes is compared by name with castgraph's (to 1e-6).
3. Appends (or replaces, up to the next "## " heading) the section "## Communities and timeline" of BENCHMARKS.md;
   `--smoke` (small set only, 1 rep, < 1 min) writes target/bench/smoke-communities.md instead.

Worker mode (inside the venv): `--worker igraph-multilevel|igraph-leiden|igraph-leiden10|
networkx-louvain --graph SET.json --seed S --dump FILE`, `--worker q --graph SET.json
--dump FILE...`, `--worker timeline-networkx|timeline-igraph --input CSV --check E1,E2 --dump FILE`.
"""
import argparse
import csv
import datetime
import importlib.util
import json
import os
import random
import shlex
import statistics
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve()
SECTION = "## Communities and timeline"


# =================================================================== worker ==

def load_graph(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    t = d["ties"]
    return [c["name"] for c in d["characters"]], t["source"], t["target"], t["weight"]


def community_worker(a):
    times = {}
    t = time.perf_counter()
    tool, algo = a.worker.split("-", 1)
    lib = __import__("igraph" if tool == "igraph" else "networkx")
    times["import"] = time.perf_counter() - t
    t = time.perf_counter()
    names, src, tgt, w = load_graph(a.graph)
    times["json.load"] = time.perf_counter() - t
    n = len(names)
    t = time.perf_counter()
    if tool == "igraph":
        g = lib.Graph(n=n, edges=list(zip(src, tgt)), edge_attrs={"weight": w})
    else:
        g = lib.Graph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from(zip(src, tgt, w))
    times["graph"] = time.perf_counter() - t
    t = time.perf_counter()
    if algo == "multilevel":
        random.seed(a.seed)
        membership = g.community_multilevel(weights="weight").membership
    elif algo.startswith("leiden"):
        best = None
        for s in range(a.seed, a.seed + (10 if algo == "leiden10" else 1)):
            random.seed(s)  # igraph's RNG is Python's random module
            c = g.community_leiden(objective_function="modularity", weights="weight",
                                   n_iterations=2 if algo == "leiden-n2" else -1)
            q = g.modularity(c.membership, weights="weight") if algo == "leiden10" else 0
            if best is None or q > best[0]:
                best = (q, c.membership)
        membership = best[1]
    else:  # networkx-louvain
        parts = lib.community.louvain_communities(g, weight="weight", seed=a.seed)
        membership = [0] * n
        for i, p in enumerate(parts):
            for v in p:
                membership[v] = i
    times["algorithm"] = time.perf_counter() - t
    with open(a.dump[0], "w") as f:  # after the clock
        json.dump(membership, f)
    print(json.dumps({"phases": times, "timed": times["graph"] + times["algorithm"],
                      "communities": len(set(membership))}))


def q_worker(a):
    """Modularity of each partition (a membership list, or castgraph's CSV) with igraph."""
    import igraph
    names, src, tgt, w = load_graph(a.graph)
    g = igraph.Graph(n=len(names), edges=list(zip(src, tgt)), edge_attrs={"weight": w})
    index = {nm: i for i, nm in enumerate(names)}
    out = []
    for path in a.dump:
        if path.endswith(".csv"):  # castgraph: community,character,...
            membership = [None] * len(names)
            with open(path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    membership[index[row["character"]]] = int(row["community"]) - 1
        else:
            membership = json.load(open(path))
        assert None not in membership, path
        out.append(g.modularity(membership, weights="weight"))
    print(json.dumps(out))


def timeline_worker(a):
    times = {}
    t = time.perf_counter()
    lib = __import__("igraph" if a.worker == "timeline-igraph" else "networkx")
    times["import"] = time.perf_counter() - t
    t = time.perf_counter()
    episodes = {}  # episode -> (name -> id in order of first appearance, Counter of id pairs)
    with open(a.input, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        ep_col, ch_col = header.index("episode"), header.index("characters")
        for row in reader:
            index, pairs = episodes.setdefault(row[ep_col], ({}, Counter()))
            cast = sorted(set(filter(None, row[ch_col].split(";"))))
            ids = sorted(index.setdefault(name, len(index)) for name in cast)
            pairs.update(combinations(ids, 2))
    times["read+count"] = time.perf_counter() - t
    times["graph"] = times["pagerank"] = 0.0
    check, values = set(a.check.split(",")), {}
    for ep, (index, pairs) in episodes.items():
        t = time.perf_counter()
        if lib.__name__ == "igraph":
            g = lib.Graph(n=len(index), edges=list(pairs), edge_attrs={"weight": list(pairs.values())})
        else:
            g = lib.Graph()
            g.add_nodes_from(range(len(index)))
            g.add_weighted_edges_from((u, v, wt) for (u, v), wt in pairs.items())
        t2 = time.perf_counter()
        pr = (g.pagerank(weights="weight") if lib.__name__ == "igraph"
              else lib.pagerank(g, weight="weight", **({"tol": a.tol, "max_iter": 10000} if a.tol else {})))
        t3 = time.perf_counter()
        times["graph"] += t2 - t
        times["pagerank"] += t3 - t2
        if ep in check:  # a dict lookup: nothing to time
            values[ep] = {name: pr[i] for name, i in index.items()}
    with open(a.dump[0], "w") as f:
        json.dump(values, f)
    print(json.dumps({"phases": times, "episodes": len(episodes)}))


# =================================================================== driver ==

def load_bench_peers():
    spec = importlib.util.spec_from_file_location("bench_peers", HERE.parent / "bench-peers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3, help="repetitions in alternation (default 3)")
    ap.add_argument("--smoke", action="store_true", help="small set only, 1 repetition (< 1 min)")
    ap.add_argument("--skip-networkx-medium", action="store_true",
                    help="no NetworkX Louvain on medium")
    ap.add_argument("--cargo-build", action="store_true", help="run cargo build --release first")
    ap.add_argument("--out", help="markdown file (default: append to BENCHMARKS.md; "
                                  "--smoke: target/bench/smoke-communities.md)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--graph", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--check", default="", help=argparse.SUPPRESS)
    ap.add_argument("--tol", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--dump", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker == "q":
        return q_worker(a)
    if a.worker and a.worker.startswith("timeline-"):
        return timeline_worker(a)
    if a.worker:
        return community_worker(a)

    bp = load_bench_peers()
    t_start, started, load0 = time.time(), datetime.datetime.now(datetime.timezone.utc), os.getloadavg()
    reps = 1 if a.smoke else a.reps
    out_path = Path(a.out) if a.out else (
        bp.BENCH / "smoke-communities.md" if a.smoke else bp.ROOT / "BENCHMARKS.md")
    bp.ensure_binary(a.cargo_build)
    binary = bp.snapshot_binary()
    sets = ["small"] if a.smoke else ["small", "medium", "large"]
    bp.ensure_data(sets)
    bp.ensure_venv()
    info = {**bp.machine_info(), **binary}
    work = bp.BENCH / "communities"
    work.mkdir(parents=True, exist_ok=True)
    log, show, BIN, PY = bp.log, bp.show, bp.BIN, bp.VENV_PY
    me = Path(os.path.relpath(HERE, bp.ROOT))

    def peer(worker, *args, dump):
        r = bp.timed([PY, me, "--worker", worker, *args, "--dump", dump])
        r.update(json.loads(r.pop("stdout").strip().splitlines()[-1]))
        return r

    # ---------------------------------------------------------- communities --
    comm, commands = {}, ["# graphs, built beforehand (untimed)"]
    for ds in sets:
        gj = bp.BENCH / f"{ds}.json"
        bp.timed(bp.cg_build(ds, gj))
        commands.append(show(bp.cg_build(ds, gj)))
    commands.append("# communities (in alternation, each set)")
    for ds in sets:
        gj = bp.BENCH / f"{ds}.json"
        names, src, _, _ = load_graph(gj)
        n, m = len(names), len(src)
        first = names[0]
        cg = lambda *extra: [BIN, "communities", "--graph", gj, *extra, "--format", "csv"]
        default_restarts = 10 if m <= 1_000_000 else max(1, 10_000_000 // m)
        other = "1" if default_restarts > 1 else "10"  # large: the default is 1 run
        tools = {  # label: (what is timed, command or worker)
            f"castgraph `communities` (default: best of {default_restarts})":
                ("process: load graph file + Leiden + CSV out", cg()),
            f"castgraph `communities --restarts {other}`":
                ("process: load graph file + Leiden + CSV out", cg("--restarts", other)),
            "castgraph `ego NAME --radius 0` (load only)":
                ("process: load graph file, print one row",
                 [BIN, "ego", first, "--radius", "0", "--graph", gj, "--format", "csv"]),
            "igraph `community_multilevel`": ("in process: graph + algorithm", "igraph-multilevel"),
            "igraph `community_leiden` (1 run)": ("in process: graph + algorithm", "igraph-leiden"),
            "igraph `community_leiden` (1 run, `n_iterations=2`, igraph's default)":
                ("in process: graph + algorithm", "igraph-leiden-n2"),
        }
        if ds != "large":  # 10 x ~2 min on large
            tools["igraph `community_leiden` (best of 10 seeds)"] = (
                "in process: graph + 10 × (algorithm + Q)", "igraph-leiden10")
        if ds == "small" or (ds == "medium" and not a.skip_networkx_medium):
            tools["NetworkX `louvain_communities` (1 run)"] = (
                "in process: graph + algorithm", "networkx-louvain")
        runs = {k: [] for k in tools}
        for rep in range(reps):
            log(f"communities [{ds}] repetition {rep + 1}/{reps}")
            for label, (_, cmd) in tools.items():
                part = work / f"{ds}.{len(runs[label])}.{list(tools).index(label)}"
                if isinstance(cmd, str):
                    seed = rep * 10  # distinct seeds per repetition
                    r = peer(cmd, "--graph", gj, "--seed", str(seed), dump=f"{part}.json")
                    r["part"] = f"{part}.json"
                    if rep == 0:
                        commands.append(show([PY, me, "--worker", cmd, "--graph", gj,
                                              "--seed", "0", "--dump", "PARTITION.json"]))
                else:
                    r = bp.timed(cmd)
                    if "ego" not in cmd:
                        Path(f"{part}.csv").write_text(r["stdout"], encoding="utf-8")
                        r["part"] = f"{part}.csv"
                    r.pop("stdout")
                    if rep == 0:
                        commands.append(show(cmd, stdout_null=True))
                runs[label].append(r)
                log(f"  {label}: {r['wall']:.2f} s" + (f" (timed {r['timed']:.2f} s)" if "timed" in r else ""))
        parts = [r["part"] for rs in runs.values() for r in rs if "part" in r]
        qs = iter(json.loads(bp.subprocess.run(
            [str(PY), str(HERE), "--worker", "q", "--graph", str(gj), "--dump", *parts],
            capture_output=True, text=True, check=True).stdout))
        for rs in runs.values():
            for r in rs:
                if "part" in r:
                    r["q"] = next(qs)
        comm[ds] = {"n": n, "m": m, "tools": tools, "runs": runs}

    (work / "communities-raw.json").write_text(json.dumps(  # in case the rest fails
        {k: v["runs"] for k, v in comm.items()}, default=str))

    # ------------------------------------------------------------- timeline --
    tl_set = "small" if a.smoke else "medium"
    csv_path = bp.BENCH / f"{tl_set}.csv"
    cg_tl = [BIN, "timeline", csv_path, "--measures", "pagerank", "--format", "csv"]
    eps = list(dict.fromkeys(r["episode"] for r in csv.DictReader(open(csv_path, encoding="utf-8"))))
    check = [eps[0], eps[len(eps) // 2], eps[-1]]
    tl = {"castgraph `timeline --measures pagerank`": [],
          "igraph (csv + Counter, `Graph` + `pagerank` per episode)": [],
          "NetworkX (csv + Counter, `nx.Graph` + `nx.pagerank` per episode)": []}
    workers = [None, "timeline-igraph", "timeline-networkx"]
    for rep in range(reps):
        log(f"timeline [{tl_set}] repetition {rep + 1}/{reps}")
        for (label, rs), w in zip(tl.items(), workers):
            if w is None:
                r = bp.timed(cg_tl, stdout_null=True)
            else:
                r = peer(w, "--input", csv_path, "--check", ",".join(check),
                         dump=str(work / f"timeline.{w}.json"))
            rs.append(r)
            log(f"  {label}: {r['wall']:.2f} s")
    commands += ["# timeline", show(cg_tl, stdout_null=True)] + [
        show([PY, me, "--worker", w, "--input", csv_path, "--check", ",".join(check),
              "--dump", "VALUES.json"]) for w in workers[1:]]
    ref = defaultdict(dict)  # castgraph's PageRank of the check episodes (one more, untimed run)
    out = bp.subprocess.run(list(map(str, cg_tl)), capture_output=True, text=True, check=True).stdout
    for row in csv.DictReader(out.splitlines()):
        if row["measure"] == "pagerank" and row["episode"] in check:
            ref[row["episode"]][row["character"]] = float(row["value"])
    tight = [PY, me, "--worker", "timeline-networkx", "--input", csv_path, "--check",
             ",".join(check), "--tol", "1e-12", "--dump", work / "timeline.tight.json"]
    bp.timed(tight)  # the same, nx.pagerank(tol=1e-12): is a difference the stopping rule?
    commands.append(show(tight).replace(bp.rel(work / "timeline.tight.json"), "VALUES.json"))
    agree = []
    for w in workers[1:] + ["tight"]:
        vals = json.loads((work / f"timeline.{w}.json").read_text())
        for ep in check:
            top = sorted(ref[ep], key=ref[ep].get, reverse=True)[:3]
            assert set(vals[ep]) == set(ref[ep]), (w, ep)
            agree.append({"tool": w.split("-")[-1] if w != "tight" else "networkx, tol=1e-12",
                          "episode": ep, "n": len(ref[ep]),
                          "top": [(c, ref[ep][c], vals[ep][c]) for c in top],
                          "max_all": max(abs(vals[ep][c] - ref[ep][c]) for c in ref[ep])})
    elapsed, load1 = time.time() - t_start, os.getloadavg()

    # --------------------------------------------------------------- report --
    fs, fr, fm = bp.fmt_s, bp.fmt_range, bp.fmt_mem

    def qcell(rs):
        qs = [r["q"] for r in rs if "q" in r]
        if not qs:
            return "—"
        lo, hi = min(qs), max(qs)
        return f"{statistics.median(qs):.4f}" + (f" ({lo:.4f}–{hi:.4f})" if hi - lo > 5e-5 else "")

    md = [SECTION, ""]
    if a.smoke:
        md += ["> **Smoke run** (`--smoke`): small set only, one repetition.", ""]
    md += [f"Measured by `scripts/bench-communities.py` ({'smoke' if a.smoke else f'{reps} repetitions'}"
           f"; the whole run took {elapsed / 60:.1f} min). Every process ran alone under "
           "`/usr/bin/time -v`, the tools in alternation within each repetition; medians, "
           "min – max, peak RSS of the process.", "",
           f"- date: {started:%Y-%m-%d %H:%M} UTC; `nproc`: {info['nproc']}; CPU: {info['cpu']}; "
           f"memory: {info['memory']}; Linux {info['kernel']}; load average (1/5/15 min) "
           f"{load0[0]:.2f}/{load0[1]:.2f}/{load0[2]:.2f} at start, "
           f"{load1[0]:.2f}/{load1[1]:.2f}/{load1[2]:.2f} at end",
           f"- {info['castgraph']}: sha256 {info['binary_sha256'][:16]}… (built "
           f"{info['binary_mtime']}, run as `target/bench/graph`); {info['rustc']}; Python "
           f"{info['python']}: networkx {info['networkx']}, igraph {info['igraph']} "
           f"(`target/bench-venv`, pins in `scripts/bench-requirements.txt`)",
           "- castgraph's Leiden restarts run on every core (rayon); igraph and NetworkX on one.",
           "- **What is timed.** castgraph: the whole process (read the graph file, run, write "
           "the CSV). Peers: `graph` + `algorithm` measured with `time.perf_counter` inside the "
           "process, after `json.load` of the same graph file (the same edge data: ids, "
           "weights); the process wall time (Python start-up, import, `json.load`, the run) is "
           "given too. castgraph's load-only row (`ego NAME --radius 0`: read the graph file, "
           "print one row) is what to subtract from its rows to compare the algorithm alone.",
           "- **Q**: modularity (resolution 1) of every run's partition, all computed the same "
           "way after the clock: igraph `Graph.modularity(membership, weights=\"weight\")` on "
           "the graph file's graph. Median over the repetitions (min–max when they differ). "
           "Peers' seeds differ per repetition (0, 10, 20, …; best of 10 uses seeds s…s+9 via "
           "`random.seed`, igraph's RNG); castgraph uses its default seed 42 every time. The "
           "generated sets have no planted communities (each scene draws its characters "
           "independently, by Zipf-like popularity), so every tool's Q is small and the "
           "differences in Q are small in absolute terms: these tables compare speed on a hard, "
           "structureless case; README's Les Misérables table compares quality on a real one.", ""]
    for ds, c in comm.items():
        scenes = bp.SETS[ds][0]
        md += [f"### Communities, {ds} set ({scenes:,} scenes, {c['n']:,} characters, "
               f"{c['m']:,} ties)", "",
               "| tool | what is timed | timed (median) | min – max | process wall (median) "
               "| peak RSS | Q | communities |", "|---|---|---:|---:|---:|---:|---:|---:|"]
        for label, (what, _) in c["tools"].items():
            rs = c["runs"][label]
            peer_row = "timed" in rs[0]
            wall = statistics.median(r["timed"] for r in rs) if peer_row else bp.med(rs)
            rng = (f"{fs(min(r['timed'] for r in rs))} – {fs(max(r['timed'] for r in rs))}"
                   if peer_row and len(rs) > 1 else ("—" if peer_row else fr(rs)))
            ncomm = (str(rs[0]["communities"]) if peer_row else
                     ("" if "part" not in rs[0] else str(len({l.split(",")[0] for l in
                      Path(rs[0]["part"]).read_text().splitlines()[1:]}))))
            md.append(f"| {label} | {what} | {fs(wall)} | {rng} | "
                      f"{fs(bp.med(rs)) if peer_row else ''} | {fm(bp.med(rs, 'rss_kb'))} | "
                      f"{qcell(rs)} | {ncomm} |")
        md.append("")
    if not a.smoke and a.skip_networkx_medium:
        md += ["NetworkX was not run on medium (`--skip-networkx-medium`).", ""]
    tl_n = len(eps)
    md += [f"### Timeline, {tl_set} set ({bp.SETS[tl_set][0]:,} scenes in {tl_n:,} episodes): "
           "one graph and its PageRank per episode", "",
           "Whole processes, each reading the CSV itself (castgraph also ranks and writes "
           "every character's scenes, degree, strength and PageRank as CSV to /dev/null; the "
           "peers keep the values in memory).", "",
           "| tool | what is timed | wall (median) | min – max | peak RSS | in-process phases (median) |",
           "|---|---|---:|---:|---:|---|"]
    for label, rs in tl.items():
        phases = ("" if "phases" not in rs[0] else ", ".join(
            f"{p} {fs(statistics.median(r['phases'][p] for r in rs))}" for p in rs[0]["phases"]))
        md.append(f"| {label} | process | {fs(bp.med(rs))} | {fr(rs)} | "
                  f"{fm(bp.med(rs, 'rss_kb'))} | {phases} |")
    def worst_of(tool):
        return max(x["max_all"] for x in agree if x["tool"] == tool)
    worst = max(worst_of("igraph"), worst_of("networkx, tol=1e-12"))
    md += ["", f"Agreement with castgraph's PageRank (episodes {', '.join(check)}; every character "
           "of each compared, by name, to 1e-6): igraph max |Δ| "
           f"{worst_of('igraph'):.1e}; NetworkX as timed (default `tol=1e-06`) "
           f"{worst_of('networkx'):.1e}; NetworkX again with `nx.pagerank(..., tol=1e-12)` "
           f"(untimed) {worst_of('networkx, tol=1e-12'):.1e} — "
           f"{'PASS' if worst <= 1e-6 else '**FAIL**'} (igraph and NetworkX at tol=1e-12).", "",
           "| peer | episode | characters | max \\|Δ\\| (all) | top 3 by castgraph: castgraph / peer |",
           "|---|---|---:|---:|---|"]
    for x in agree:
        md.append(f"| {x['tool']} | {x['episode']} | {x['n']} | {x['max_all']:.1e} | " + "; ".join(
            f"{c} {v:.9f} / {p:.9f}" for c, v, p in x["top"]) + " |")
    md += ["", "Commands (from the repository root; `graph` is `target/bench/graph`, the "
           "release binary's copy; peers' seeds and dump files vary per run):", "", "```sh"]
    md += commands + ["```", "", "Regenerate: `" + shlex.join(
        ["python3", "scripts/bench-communities.py", *sys.argv[1:]]) + "`", ""]
    text = "\n".join(md)
    if out_path.exists() and not a.smoke:
        old = out_path.read_text(encoding="utf-8")
        if ("\n" + SECTION) in old:
            # Replace this section only: up to the next top-level heading (other
            # scripts' sections follow it).
            a = old.index("\n" + SECTION)
            b = old.find("\n## ", a + 1)
            after = old[b:] if b >= 0 else ""
            text = old[:a].rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n" + after
        else:
            text = old.rstrip("\n") + "\n\n" + text
    out_path.write_text(text, encoding="utf-8")
    raw = bp.BENCH / f"results-communities-{started:%Y%m%dT%H%M%S}.json"
    raw.write_text(json.dumps({"communities": {k: v["runs"] for k, v in comm.items()},
                               "timeline": tl, "agreement": agree, "machine": info}, default=str))
    print("\n".join(md))
    log(f"wrote {bp.rel(out_path)} and {bp.rel(raw)} in {elapsed:.0f} s")
    if worst > 1e-6:
        sys.exit(1)


if __name__ == "__main__":
    main()
