#!/usr/bin/env python3
"""Benchmark `graph build` of Parquet against CSV, and DuckDB's scripts/pairs.sql against castgraph.

    python3 scripts/bench-parquet.py [--sets medium,large] [--reps N] [--cargo-build] [--out FILE]

Reuses scripts/bench-peers.py (imported as a module): its release binary snapshot
(target/bench/graph), generated data (target/bench/{medium,large}.csv: `graph generate --scenes S
--characters C --seed 1`), `/usr/bin/time -v` wrapper and formatting. DuckDB (the PyPI package,
pinned in scripts/duckdb-requirements.txt, the pin tests/pairs_sql.rs uses) lives in the venv
target/bench-duckdb.

1. Conversion (DuckDB, untimed): SET.csv (wide) to SET-wide.parquet (the `characters` text
   column as it is), SET-list.parquet (`characters` a list of strings), SET-long.parquet and
   SET-long.csv (one row per appearance: episode, scene, character). Snappy, DuckDB's defaults.
2. Timed, each process alone, in alternation, `--reps` times (wall from perf_counter, peak RSS
   from `/usr/bin/time -v`): `graph build` of SET.csv, SET-wide.parquet, SET-list.parquet,
   SET-long.csv, SET-long.parquet; DuckDB running pairs.sql on SET-long.parquet into
   SET-edges.parquet (the whole Python process, and the query alone inside it); `graph build
   SET-edges.parquet` (castgraph reading DuckDB's pairs).
3. Checks: every build of a set has the same characters and ties (the edge table: the same
   ties, weights and shared scenes).
4. Appends (or replaces) the section "## Parquet and SQL" of BENCHMARKS.md (or --out).

Worker mode (inside the venv): `--worker convert --input SET.csv --prefix target/bench/SET`,
`--worker pairs --input SET-long.parquet --output SET-edges.parquet`, `--worker version`.
"""
import argparse
import datetime
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
SECTION = "## Parquet and SQL"
# The part of the section after this line is not this script's (compile times): kept on a rerun.
KEEP = "<!-- kept by scripts/bench-parquet.py -->"
VENV = ROOT / "target" / "bench-duckdb"
VENV_PY = VENV / "bin" / "python"
REQS = ROOT / "scripts" / "duckdb-requirements.txt"
PAIRS = ROOT / "scripts" / "pairs.sql"


# =================================================================== worker ==

def worker(a):
    import duckdb
    if a.worker == "version":
        print(json.dumps({"duckdb": duckdb.__version__}))
        return
    con = duckdb.connect()
    if a.worker == "convert":
        src = f"read_csv('{a.input}', header = true, all_varchar = true)"
        p = a.prefix
        con.execute(f"COPY (SELECT * FROM {src}) TO '{p}-wide.parquet' (FORMAT parquet)")
        con.execute(f"COPY (SELECT episode, scene, string_split(characters, ';') AS characters "
                    f"FROM {src}) TO '{p}-list.parquet' (FORMAT parquet)")
        long = (f"SELECT episode, scene, unnest(string_split(characters, ';')) AS character "
                f"FROM {src}")
        con.execute(f"COPY ({long}) TO '{p}-long.parquet' (FORMAT parquet)")
        con.execute(f"COPY ({long}) TO '{p}-long.csv' (FORMAT csv, HEADER true)")
        return
    # pairs: the query alone is timed inside the process.
    con.execute(f"CREATE VIEW appearances AS SELECT * FROM read_parquet('{a.input}')")
    sql = PAIRS.read_text()
    t = time.perf_counter()
    con.execute(f"COPY ({sql}) TO '{a.output}' (FORMAT parquet)")
    query = time.perf_counter() - t
    pairs = con.execute(f"SELECT count(*) FROM read_parquet('{a.output}')").fetchone()[0]
    print(json.dumps({"query": query, "pairs": pairs}))


# =================================================================== driver ==

def load_bench_peers():
    spec = importlib.util.spec_from_file_location("bench_peers", HERE.parent / "bench-peers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ensure_venv(bp):
    if not VENV_PY.exists():
        bp.log(f"+ {sys.executable} -m venv {bp.rel(VENV)}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / "requirements.txt"
    if not stamp.exists() or stamp.read_text() != REQS.read_text():
        bp.log(f"+ pip install -r {bp.rel(REQS)}")
        subprocess.run([str(VENV_PY), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "-r", str(REQS)], check=True)
        stamp.write_text(REQS.read_text())


def shape(path):
    """Characters (sorted names with scenes) and ties {(a, b): (weight, scenes)} of a graph file."""
    d = json.loads(Path(path).read_text())
    names = [c["name"] for c in d["characters"]]
    t = d["ties"]
    ties = {tuple(sorted((names[s], names[g]))): (w, n)
            for s, g, w, n in zip(t["source"], t["target"], t["weight"], t["scenes"])}
    return names, ties


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="medium,large", help="comma-separated (default medium,large)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions in alternation (default 3)")
    ap.add_argument("--cargo-build", action="store_true", help="run cargo build --release first")
    ap.add_argument("--out", help="markdown file (default: the section of BENCHMARKS.md)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--prefix", help=argparse.SUPPRESS)
    ap.add_argument("--output", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        return worker(a)

    bp = load_bench_peers()
    started, load0, t_start = datetime.datetime.now(datetime.timezone.utc), os.getloadavg(), time.time()
    sets = a.sets.split(",")
    bp.ensure_binary(a.cargo_build)
    info = bp.snapshot_binary()
    ensure_venv(bp)
    bp.ensure_data(sets)
    B, G = bp.BENCH, bp.BIN
    duckdb_version = json.loads(subprocess.run([str(VENV_PY), str(HERE), "--worker", "version"],
                                               capture_output=True, text=True, check=True).stdout)
    out = [SECTION, "",
           "Issue 16, target 4 (the way out): `graph build` reads Parquet tables, and "
           "`scripts/pairs.sql` counts the pairs in an SQL engine. Reproduce with "
           "`python3 scripts/bench-parquet.py` (the commands below are what it runs; "
           "`graph` is `target/bench/graph`, a copy of the release build).", "",
           f"Run {started:%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, load average "
           f"{load0[0]:.2f} at the start; castgraph {info['binary_sha256'][:12]} "
           f"(built {info['binary_mtime']}), DuckDB {duckdb_version['duckdb']} (Python package). "
           f"Median of {a.reps} runs in alternation; wall time of each whole process, peak RSS "
           "from `/usr/bin/time -v`.", ""]
    for s in sets:
        prefix = B / s
        if not (B / f"{s}-long.parquet").exists() or \
                (B / f"{s}-long.parquet").stat().st_mtime < (B / f"{s}.csv").stat().st_mtime:
            cmd = [VENV_PY, HERE, "--worker", "convert", "--input", B / f"{s}.csv", "--prefix", prefix]
            bp.log("+ " + bp.show(cmd))
            subprocess.run(list(map(str, cmd)), check=True, cwd=ROOT)
        runs = {}
        cases = [
            ("build", "wide CSV", f"{s}.csv"),
            ("build", "wide Parquet (`characters` text)", f"{s}-wide.parquet"),
            ("build", "wide Parquet (`characters` list)", f"{s}-list.parquet"),
            ("build", "long CSV", f"{s}-long.csv"),
            ("build", "long Parquet", f"{s}-long.parquet"),
            ("pairs", "DuckDB: pairs.sql on the long Parquet → edges.parquet", f"{s}-long.parquet"),
            ("build", "edge list Parquet (DuckDB's pairs)", f"{s}-edges.parquet"),
        ]
        commands = {}
        for rep in range(a.reps):
            for kind, label, file in cases:
                if kind == "build":
                    graph = B / f"{s}-from-{file.replace('.', '-')}.json"
                    cmd = [G, "build", B / file, "-o", graph, "--quiet"]
                else:
                    cmd = [VENV_PY, HERE, "--worker", "pairs", "--input", B / file,
                           "--output", B / f"{s}-edges.parquet"]
                commands[label] = cmd
                bp.log(f"[{s} {rep + 1}/{a.reps}] " + bp.show(cmd))
                r = bp.timed(cmd)
                if kind == "pairs":
                    r.update(json.loads(r.pop("stdout").strip().splitlines()[-1]))
                runs.setdefault(label, []).append(r)
        # Checks, after the clock.
        graphs = {file: shape(B / f"{s}-from-{file.replace('.', '-')}.json")
                  for kind, _, file in cases if kind == "build"}
        first_names, first_ties = graphs[f"{s}.csv"]
        for file, (names, ties) in graphs.items():
            if file.endswith("-edges.parquet"):
                assert ties == first_ties, f"{file}: the ties differ from {s}.csv"
            else:
                assert (names, ties) == (first_names, first_ties), f"{file}: the graph differs"
        sizes = {file: (B / file).stat().st_size for _, _, file in cases}
        base = bp.med(runs["wide CSV"])
        scenes, chars = bp.SETS[s]
        out += [f"### {s.capitalize()} set ({scenes:,} scenes, {len(first_names):,} characters, "
                f"{len(first_ties):,} ties)", "",
                "| step | input (size) | wall (median) | min – max | peak RSS | vs wide CSV |",
                "|---|---|---:|---:|---:|---:|"]
        for kind, label, file in cases:
            rs = runs[label]
            step = f"`graph build`: {label}" if kind == "build" else label
            extra = ""
            if kind == "pairs":
                extra = f" (query alone: {bp.fmt_s(bp.med(rs, 'query'))}, {rs[0]['pairs']:,} pairs)"
            out.append(f"| {step}{extra} | `{file}` ({sizes[file] / 1e6:.1f} MB) | {bp.fmt_s(bp.med(rs))} "
                       f"| {bp.fmt_range(rs)} | {bp.fmt_mem(bp.med(rs, 'rss_kb'))} "
                       f"| {bp.med(rs) / base:.2f}× |")
        out += ["", "Every build above gives the same graph (characters, ties, weights, shared scenes; "
                "the edge list: the same ties), checked after the clock.", "",
                "Commands:", "", "```"]
        out += [bp.show(c) for c in commands.values()]
        out += ["```", ""]
    out += [f"The whole run took {(time.time() - t_start) / 60:.0f} min; load average at the end "
            f"{os.getloadavg()[0]:.2f}.", ""]
    text = "\n".join(out)
    if a.out:
        Path(a.out).write_text(text)
        return
    bench = ROOT / "BENCHMARKS.md"
    doc = bench.read_text()
    if SECTION in doc:
        start = doc.index(SECTION)
        nxt = doc.find("\n## ", start + len(SECTION))
        old = doc[start:nxt + 1] if nxt >= 0 else doc[start:]
        if KEEP in old:  # measured by hand (compile time): kept as it is
            text = text.rstrip("\n") + "\n\n" + old[old.index(KEEP):].rstrip("\n") + "\n"
        doc = doc[:start] + text + (doc[nxt + 1:] if nxt >= 0 else "")
    else:
        doc = doc.rstrip("\n") + "\n\n" + text
    bench.write_text(doc)


if __name__ == "__main__":
    main()
