#!/usr/bin/env python3
"""Mentions are not presence: how far `graph extract` on the seed synopsis is from the hand-made
scene file, window by window.

    python3 scripts/check-prose.py [--graph PATH] [--out FILE]

The seed synopsis (`../shared/source/000_a243d146251272de.txt`, a fan-wiki text beside the
clone, never committed) is extracted with the 10-name cast `data/s1-cast.csv` in every window
mode below. An edge is a pair of characters sharing at least one scene; the extracted edges are
compared with those of `data/s1.csv` (typed by hand from the same synopsis, physical presence):

    precision = |extracted ∩ hand-made| / |extracted|
    recall    = |extracted ∩ hand-made| / |hand-made|

The script prints a markdown table (and writes it to --out, default
target/prose-check.md), then checks that `graph extract --suggest-cast` on the synopsis finds all
10 names with `Mr. Park` as one row (no `Park` or `Mr.` row, no `Later` or `Tensions`). Exit
status 1 if that check fails; 0 with a message when the synopsis is not there (a clone without
../shared). `--graph` defaults to target/release/graph, built with `cargo build --release` when
missing. Standard library only.
"""
import argparse
import csv
import io
import subprocess
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "source" / "000_a243d146251272de.txt"
CAST = ROOT / "data" / "s1-cast.csv"
TRUTH = ROOT / "data" / "s1.csv"
WINDOWS = [
    "paragraph",
    "sentence",
    "sentences:2",
    "sentences:3",
    "words:5",
    "words:10",
    "words:15",
    "words:25",
]
NAMES = ["Vanessa", "Carly", "Sasha", "Maria", "Alya", "Miles", "Mr. Park", "Julie", "Denzel", "Scarlett"]


def edges_of(rows, column="characters"):
    """Pairs sharing at least one scene, with the number of scenes they share."""
    out = {}
    for row in rows:
        names = sorted({n.strip() for n in row[column].split(";") if n.strip()})
        for a, b in combinations(names, 2):
            out[(a, b)] = out.get((a, b), 0) + 1
    return out


def run(graph, *args):
    done = subprocess.run([str(graph), *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"graph {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", default=str(ROOT / "target" / "release" / "graph"))
    ap.add_argument("--out", default=str(ROOT / "target" / "prose-check.md"))
    args = ap.parse_args()
    if not SOURCE.is_file():
        print(f"check-prose: {SOURCE} is not here (it lives beside the clone, never in it); nothing to check")
        return 0
    graph = Path(args.graph)
    if not graph.is_file():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)

    with open(TRUTH, newline="", encoding="utf-8") as f:
        truth = edges_of(csv.DictReader(f))
    lines = [
        "| window | scenes | edges | true | precision | recall | F1 | extra edges (weight) | missed |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for window in WINDOWS:
        out = run(graph, "extract", str(SOURCE), "--cast", str(CAST), "--window", window, "--quiet")
        rows = list(csv.DictReader(io.StringIO(out)))
        found = edges_of(rows)
        true = set(found) & set(truth)
        precision = len(true) / len(found) if found else 0.0
        recall = len(true) / len(truth)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        extra = ", ".join(f"{a}–{b} ({found[(a, b)]})" for a, b in sorted(set(found) - true))
        missed = ", ".join(f"{a}–{b}" for a, b in sorted(set(truth) - true)) or "none"
        lines.append(
            f"| `{window}` | {len(rows)} | {len(found)} | {len(true)} | {precision:.2f} | {recall:.2f} | "
            f"{f1:.2f} | {extra or 'none'} | {missed} |"
        )
    table = "\n".join(lines)
    header = (
        f"Edges of `graph extract` on the seed synopsis with `data/s1-cast.csv`, against the "
        f"{len(truth)} ties of `data/s1.csv` (physical presence, by hand)."
    )
    print(header)
    print()
    print(table)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(header + "\n\n" + table + "\n", encoding="utf-8")

    suggested = list(csv.DictReader(io.StringIO(run(graph, "extract", str(SOURCE), "--suggest-cast"))))
    names = [r["name"] for r in suggested]
    problems = [f"{n} not suggested" for n in NAMES if n not in names]
    problems += [f"{n} suggested as a name" for n in ["Park", "Mr.", "Mr", "Later", "Tensions"] if n in names]
    print()
    print(f"--suggest-cast: {len(suggested)} rows: " + ", ".join(f"{r['name']} ({r['count']})" for r in suggested))
    if problems:
        print("FAIL: " + "; ".join(problems))
        return 1
    print("PASS: all 10 names suggested, Mr. Park as one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
