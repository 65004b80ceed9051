#!/usr/bin/env python3
"""Run scripts/pairs.sql unchanged in Spark SQL and check its pairs against castgraph's graph.

    python3 scripts/check-pairs-spark.py [--graph target/release/graph] [--scenes 100000]

Not part of the test suite (it needs Java 17 or later and PySpark from PyPI, about 500 MB
installed): the DuckDB run of the same query is tests/pairs_sql.rs. Without Java 17 or later it
says so and exits 0 (nothing checked). This script

1. makes a virtualenv target/spark-venv with PySpark (pinned below) when it has none;
2. generates the set (`graph generate --scenes N --characters 2000 --seed 1`, the medium set by
   default) into target/bench/spark-check.csv;
3. in Spark (local mode, 2 cores): reads the CSV, writes the long table of appearances (episode,
   scene, character; Spark's `split` and `explode`: the conversion, not the query under test),
   registers it as the view `appearances`, runs scripts/pairs.sql as it is and writes the pairs
   as Parquet part files into target/bench/spark-edges/;
4. builds castgraph's graph of the CSV and of the part files (`graph build spark-edges/*.parquet`)
   and checks that they have the same ties, weights and shared scenes. Exit 0 when they do.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYSPARK = "pyspark==4.3.0"
VENV = ROOT / "target" / "spark-venv"
BENCH = ROOT / "target" / "bench"

SPARK_JOB = r"""
import sys, time
from pyspark.sql import SparkSession
wide, long, query, out = sys.argv[1:5]
spark = (SparkSession.builder.master("local[2]").appName("castgraph-pairs")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "4")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
(spark.read.option("header", True).csv(wide)
      .selectExpr("episode", "scene", "explode(split(characters, ';')) AS character")
      .write.mode("overwrite").parquet(long))
spark.read.parquet(long).createOrReplaceTempView("appearances")
started = time.perf_counter()
spark.sql(open(query).read()).write.mode("overwrite").parquet(out)
print(f"Spark {spark.version}: pairs.sql in {time.perf_counter() - started:.1f} s", flush=True)
spark.stop()
"""


def ties(path):
    d = json.loads(Path(path).read_text())
    names = [c["name"] for c in d["characters"]]
    t = d["ties"]
    return {tuple(sorted((names[s], names[g]))): (w, n)
            for s, g, w, n in zip(t["source"], t["target"], t["weight"], t["scenes"])}


def java_major():
    """The major version of `java` on PATH (or JAVA_HOME), None when there is none."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", default=str(ROOT / "target" / "release" / "graph"))
    ap.add_argument("--scenes", type=int, default=100000)
    a = ap.parse_args()
    if not Path(a.graph).is_file():
        sys.exit(f"check-pairs-spark: no {a.graph}: run `cargo build --release` first (or pass --graph)")
    major = java_major()
    if major is None or major < 17:
        found = "no java" if major is None else f"Java {major}"
        print(f"check-pairs-spark: skipped, nothing checked: Spark needs Java 17 or later and this "
              f"machine has {found} (Debian: apt-get install openjdk-17-jre-headless)")
        return
    python = VENV / "bin" / "python"
    ready = python.exists() and subprocess.run([str(python), "-c", "import pyspark"],
                                               capture_output=True).returncode == 0
    if not ready:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        PYSPARK], check=True)
    BENCH.mkdir(parents=True, exist_ok=True)
    wide = BENCH / "spark-check.csv"
    subprocess.run([a.graph, "generate", "--scenes", str(a.scenes), "--characters", "2000",
                    "--seed", "1", "-o", str(wide)], check=True)
    long, out = BENCH / "spark-long", BENCH / "spark-edges"
    subprocess.run([str(python), "-c", SPARK_JOB, str(wide), str(long),
                    str(ROOT / "scripts" / "pairs.sql"), str(out)], check=True)
    subprocess.run([a.graph, "build", str(wide), "-o", str(BENCH / "spark-check.json"), "--quiet"],
                   check=True)
    parts = sorted(str(p) for p in out.glob("part-*.parquet"))
    subprocess.run([a.graph, "build", *parts, "-o", str(BENCH / "spark-check-pairs.json"), "--quiet"],
                   check=True)
    want, got = ties(BENCH / "spark-check.json"), ties(BENCH / "spark-check-pairs.json")
    if want != got:
        missing = len(set(want) - set(got))
        extra = len(set(got) - set(want))
        differ = sum(1 for k in set(want) & set(got) if want[k] != got[k])
        sys.exit(f"check-pairs-spark: the ties differ ({missing} missing, {extra} extra, "
                 f"{differ} with other weights or scenes)")
    print(f"check-pairs-spark: Spark's pairs.sql gives castgraph's {len(want):,} ties exactly "
          f"(weights and shared scenes), {len(parts)} part files")


if __name__ == "__main__":
    t = time.time()
    main()
    print(f"({time.time() - t:.0f} s)")
