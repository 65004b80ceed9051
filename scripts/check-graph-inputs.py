#!/usr/bin/env python3
"""Check that castgraph reads the graph files and node tables of real data sets as they are meant.

The data is beside the repository, in `../shared/refdata/` (never committed here: the Game of
Thrones files are CC BY-NC-SA): `starwars/` (Gabasova's Star Wars networks, node-link JSON whose
links point to nodes by position) and `got/` (Beveridge's Network of Thrones, edge lists with
Gephi node tables `Id,Label`; CRLF line ends, no final newline; `asoiaf-book1-*` with bare CR line
ends and a lower-case `weight` column). Without `starwars/` the check says so and exits 0.
Standard-library Python only; it runs the `graph` binary already built (`target/release/graph` or
`target/debug/graph`, the newer of the two; `--graph PATH` to choose).

    python3 scripts/check-graph-inputs.py [--data DIR] [--graph PATH]

What is compared, the expected values computed here from the files themselves:

* every Star Wars JSON file: `graph build FILE` gives one character per node, named by its `name`,
  in the file's order (nodes without links included); one tie per linked pair, its weight the sum
  of the pair's link `value`s; each character's scenes the number of its links (the file has no
  scene counts, and the summary says so); `sources[0].scenes_read` the number of links. Episode 4
  must have 20 characters, 46 ties and GOLD FIVE without a tie;
* every Game of Thrones season (and the first book): `graph build EDGES --nodes NODES` gives one
  character per label of the ids used, ties summed per unordered pair of labels (the duplicate pairs
  of seasons 5 and 6 summed), `scenes_read` the number of rows, the total weight the sum of the
  `Weight` column. Season 1 must have 126 characters, 549 rows and a total weight of 6528.

Prints a table; exit 1 on any mismatch, 0 otherwise.
"""

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "refdata"


def find_graph(given):
    if given:
        return Path(given)
    built = [REPO / "target" / kind / "graph" for kind in ("release", "debug")]
    built = [p for p in built if p.is_file()]
    if not built:
        sys.exit("check-graph-inputs: no graph binary in target/: run `cargo build` first (or give --graph)")
    return max(built, key=lambda p: p.stat().st_mtime)


def build(graph, out, *args):
    """The saved graph and the summary printed, or a RuntimeError with the stderr."""
    if out.exists():
        out.unlink()
    run = subprocess.run([str(graph), "build", *map(str, args), "-o", str(out)], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(run.stderr.strip())
    return json.loads(out.read_text(encoding="utf-8")), run.stdout


def pair(a, b):
    return (a, b) if a < b else (b, a)


def compare(saved, names, scenes, ties, rows):
    """Differences between a saved graph and the expected names (in order), scenes, ties, rows."""
    problems = []
    got_names = [c["name"] for c in saved["characters"]]
    if names is not None and got_names != names:
        problems.append(f"characters {got_names[:5]}… ({len(got_names)}), expected {names[:5]}… ({len(names)})")
    elif names is None and sorted(got_names) != sorted(scenes):
        problems.append(f"{len(got_names)} characters, expected {len(scenes)}")
    got_scenes = {c["name"]: c["scenes"] for c in saved["characters"]}
    for name, want in scenes.items():
        if got_scenes.get(name) != want:
            problems.append(f"scenes of {name}: {got_scenes.get(name)}, expected {want}")
            break
    t = saved["ties"]
    got_ties = {pair(got_names[a], got_names[b]): w for a, b, w in zip(t["source"], t["target"], t["weight"])}
    if got_ties.keys() != ties.keys():
        problems.append(f"{len(got_ties)} ties, expected {len(ties)}")
    else:
        wrong = [p for p in ties if abs(got_ties[p] - ties[p]) > 1e-9 * max(1.0, abs(ties[p]))]
        if wrong:
            problems.append(f"weight of {wrong[0]}: {got_ties[wrong[0]]}, expected {ties[wrong[0]]}")
    if saved["sources"][0]["scenes_read"] != rows:
        problems.append(f"{saved['sources'][0]['scenes_read']} records read, expected {rows}")
    return problems


def isolated(saved):
    linked = set(saved["ties"]["source"]) | set(saved["ties"]["target"])
    return [c["name"] for i, c in enumerate(saved["characters"]) if i not in linked]


def star_wars(graph, folder, out, rows, failures):
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        names = [n["name"] for n in data["nodes"]]
        ties = defaultdict(float)
        degree = Counter()
        for link in data["links"]:
            a, b = names[link["source"]], names[link["target"]]
            degree[a] += 1
            if b != a:
                degree[b] += 1
                ties[pair(a, b)] += link.get("value", 1)
        scenes = {n: degree[n] for n in names}
        try:
            saved, summary = build(graph, out, path)
            problems = compare(saved, names, scenes, dict(ties), len(data["links"]))
            if "no scene counts: each edge counted as one scene" not in summary:
                problems.append(f"the summary does not say how scenes were counted: {summary.splitlines()[0]}")
            alone = isolated(saved)
            if path.name == "starwars-episode-4-interactions.json":
                if (len(saved["characters"]), len(saved["ties"]["source"])) != (20, 46) or alone != ["GOLD FIVE"]:
                    problems.append(f"episode 4: {len(saved['characters'])} characters, "
                                    f"{len(saved['ties']['source'])} ties, isolated {alone}")
            weight = sum(saved["ties"]["weight"])
            rows.append((path.name, len(saved["characters"]), len(data["links"]), len(saved["ties"]["source"]),
                         f"{weight:g}", ", ".join(alone) or "-", "ok" if not problems else "MISMATCH"))
        except RuntimeError as e:
            problems = [str(e)]
            rows.append((path.name, "-", len(data["links"]), "-", "-", "-", "ERROR"))
        failures.extend(f"{path.name}: {p}" for p in problems)


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def thrones(graph, folder, out, rows, failures):
    sets = [(f"got-s{s}", folder / f"got-s{s}-edges.csv", folder / f"got-s{s}-nodes.csv") for s in range(1, 9)]
    sets.append(("asoiaf-book1", folder / "asoiaf-book1-edges.csv", folder / "asoiaf-book1-nodes.csv"))
    for name, edges_path, nodes_path in sets:
        if not edges_path.is_file():
            continue
        labels = {r["Id"].strip(): (r["Label"].strip() or r["Id"].strip()) for r in read_csv(nodes_path)}
        edges = read_csv(edges_path)
        weight_col = next(k for k in edges[0] if k.strip().lower() == "weight")
        ties = defaultdict(float)
        scenes = Counter()
        total = 0.0
        for e in edges:
            a = labels.get(e["Source"].strip(), e["Source"].strip())
            b = labels.get(e["Target"].strip(), e["Target"].strip())
            w = float(e[weight_col])
            total += w
            scenes[a] += 1
            if b != a:
                scenes[b] += 1
                ties[pair(a, b)] += w
        for label in labels.values():
            scenes.setdefault(label, 0)
        try:
            saved, _ = build(graph, out, edges_path, "--nodes", nodes_path)
            problems = compare(saved, None, dict(scenes), dict(ties), len(edges))
            got_total = sum(saved["ties"]["weight"])
            if abs(got_total - total) > 1e-9 * total:
                problems.append(f"total weight {got_total:g}, expected {total:g}")
            if name == "got-s1" and (len(saved["characters"]), len(edges), got_total) != (126, 549, 6528):
                problems.append(f"season 1: {len(saved['characters'])} characters, {len(edges)} rows, "
                                f"total weight {got_total:g}; expected 126, 549, 6528")
            unlabelled = [c["name"] for c in saved["characters"] if c["name"] in labels and c["name"] not in labels.values()]
            if unlabelled:
                problems.append(f"ids left unlabelled: {unlabelled[:3]}")
            rows.append((name, len(saved["characters"]), len(edges), len(saved["ties"]["source"]), f"{got_total:g}",
                         ", ".join(isolated(saved)) or "-", "ok" if not problems else "MISMATCH"))
        except RuntimeError as e:
            problems = [str(e)]
            rows.append((name, "-", len(edges), "-", "-", "-", "ERROR"))
        failures.extend(f"{name}: {p}" for p in problems)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the refdata folder (default: ../shared/refdata)")
    ap.add_argument("--graph", help="the graph binary (default: the newer of target/{release,debug}/graph)")
    args = ap.parse_args()
    if not (args.data / "starwars").is_dir():
        print(f"check-graph-inputs: no Star Wars networks at {args.data / 'starwars'}: nothing to check")
        return 0
    graph = find_graph(args.graph)
    rows, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "graph.json"
        star_wars(graph, args.data / "starwars", out, rows, failures)
        if (args.data / "got").is_dir():
            thrones(graph, args.data / "got", out, rows, failures)
    header = ("file", "characters", "records", "ties", "weight", "without a tie", "result")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
    if failures:
        print(f"\n{len(failures)} mismatch(es):")
        for f in failures:
            print(f"  {f}")
        return 1
    print(f"\nall {len(rows)} files read as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
