#!/usr/bin/env python3
"""Check castgraph's TEI drama reader against DraCor's published figures and NetworkX.

    python3 scripts/check-dracor.py [--graph PATH] [--plays DIR ...]

Reads the plays beside the repository, in ``../shared/refdata/dracor/tei/`` (GerDraCor, with the
figures DraCor published for them) and ``../shared/refdata/tei/`` (DraCor's test plays); these
files are copies of public repositories and are not committed. When ``../shared`` is missing the
script says so and exits 0 (a fresh clone has no plays). ``--plays DIR`` checks the TEI files of
other folders (any DraCor corpus's ``tei/``): every play must build, and the per-character check
runs on each.

For every play:

1. ``graph build PLAY --names id`` (ids, as DraCor reports them);
2. **published figures** (plays listed in ``scripts/dracor-published.json``, committed with their
   origin): ``graph stats --format json`` must give DraCor's ``size``, ``numOfSegments``,
   ``density``, ``averageDegree``, ``maxDegree``, ``numConnectedComponents``,
   ``averageClustering``, ``diameter`` and ``averagePathLength`` within 1e-9, and ``maxDegreeIds``
   as a set (DraCor's order among equal degrees comes from its service's node order, which the
   published files do not let one reproduce for 3 of the 28 plays; ours is first appearance);
   the blob hash of the TEI file must be the one the figures belong to;
3. **per character, against NetworkX on the same graph** (the edges of ``graph export --csv``,
   every character of ``graph export --csv --nodes``): degree and strength (``G.degree``,
   ``G.degree(weight='weight')``), closeness and betweenness in hops
   (``nx.closeness_centrality(G)``, ``nx.betweenness_centrality(G)``) from
   ``graph central --distance hops``, and the unweighted eigenvector
   (``nx.eigenvector_centrality(G)``) from ``graph central --unweighted``, all within 1e-9.

NetworkX comes from the virtualenv of ``scripts/reference.py`` (pinned networkx 3.6.1). Exit
status 1 if any check fails.
"""
import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference  # noqa: E402  (the shared virtualenv bootstrap)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "refdata"
PUBLISHED = ROOT / "scripts" / "dracor-published.json"
TOLERANCE = 1e-9


def graph_binary(given):
    if given:
        return Path(given)
    for kind in ("release", "debug"):
        p = ROOT / "target" / kind / "graph"
        if p.exists():
            return p
    subprocess.check_call(["cargo", "build", "--release", "-q"], cwd=ROOT)
    return ROOT / "target" / "release" / "graph"


def run(graph, *args):
    out = subprocess.run([str(graph), *map(str, args)], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"graph {' '.join(map(str, args))}: {out.stderr.strip()}")
    return out.stdout


def blob(path):
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def published_check(name, stats, want, failures):
    ours = {
        "size": stats["characters"], "numOfSegments": stats["scenes"], "density": stats["density"],
        "averageDegree": stats["average_degree"], "maxDegree": stats["max_degree"],
        "numConnectedComponents": stats["components"],
        "averageClustering": stats["average_clustering"], "diameter": stats["diameter"],
        "averagePathLength": stats["average_path_length"],
    }
    for key, got in ours.items():
        if abs(got - want[key]) > TOLERANCE:
            failures.append(f"{name}: {key}: castgraph {got!r}, DraCor {want[key]!r}")
    ids = stats["max_degree_characters"]
    shown = "|".join(ids) if len(ids) < 4 else "several characters"
    if set(shown.split("|")) != set(want["maxDegreeIds"].split("|")):
        failures.append(f"{name}: maxDegreeIds: castgraph {shown!r}, DraCor {want['maxDegreeIds']!r}")
    return shown != want["maxDegreeIds"]


def networkx_check(name, graph, saved, failures):
    import networkx as nx
    edges = list(csv.DictReader(io.StringIO(run(graph, "export", "--csv", "--graph", saved))))
    nodes = list(csv.DictReader(io.StringIO(run(graph, "export", "--csv", "--nodes", "--graph", saved))))
    g = nx.Graph()
    g.add_nodes_from(n["Id"] for n in nodes)
    g.add_weighted_edges_from((e["Source"], e["Target"], float(e["Weight"])) for e in edges)
    weighted = {r["character"]: r for r in csv.DictReader(io.StringIO(
        run(graph, "central", "--graph", saved, "--distance", "hops", "--top", "0", "--format", "csv")))}
    unweighted = {r["character"]: r for r in csv.DictReader(io.StringIO(
        run(graph, "central", "--graph", saved, "--unweighted", "--top", "0", "--format", "csv")))}
    want = {
        "degree": dict(g.degree()),
        "strength": dict(g.degree(weight="weight")),
        "closeness": nx.closeness_centrality(g),
        "betweenness": nx.betweenness_centrality(g),
    }
    try:
        eigen = nx.eigenvector_centrality(g)
    except nx.PowerIterationFailedConvergence:
        eigen = None
    worst = 0.0
    for who in g.nodes:
        for measure, values in want.items():
            diff = abs(float(weighted[who][measure]) - values[who])
            worst = max(worst, diff)
            if diff > TOLERANCE:
                failures.append(f"{name}: {who}: {measure}: castgraph {weighted[who][measure]}, NetworkX {values[who]!r}")
        if eigen is None:
            if unweighted[who]["eigenvector"] != "":
                failures.append(f"{name}: eigenvector: NetworkX does not converge, castgraph gave values")
        else:
            diff = abs(float(unweighted[who]["eigenvector"]) - eigen[who])
            worst = max(worst, diff)
            if diff > TOLERANCE:
                failures.append(f"{name}: {who}: eigenvector: castgraph {unweighted[who]['eigenvector']}, "
                                f"NetworkX {eigen[who]!r}")
    return len(g), worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", help="the graph binary (default: target/release/graph, else debug, else built)")
    ap.add_argument("--plays", nargs="*", default=[], help="more folders of TEI plays to check")
    args = ap.parse_args()
    folders = [SHARED / "dracor" / "tei", SHARED / "tei"] + [Path(p) for p in args.plays]
    folders = [f for f in folders if f.is_dir()]
    if not folders:
        print(f"check-dracor: no plays beside the repository ({SHARED} is missing); nothing to check")
        return 0
    reference.ensure_venv(__file__)
    graph = graph_binary(args.graph)
    published = json.loads(PUBLISHED.read_text(encoding="utf-8"))["plays"]
    failures, reordered, checked = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            for play in sorted(folder.glob("*.xml")):
                name = play.stem
                saved = Path(tmp) / f"{name}.json"
                try:
                    run(graph, "build", play, "--names", "id", "-o", saved, "--quiet")
                    line = f"{name}: builds"
                    if name in published:
                        want = published[name]
                        if blob(play) != want["blob"]:
                            failures.append(f"{name}: the TEI file is not the one DraCor's figures belong to")
                        stats = json.loads(run(graph, "stats", "--graph", saved, "--format", "json"))
                        if published_check(name, stats, want, failures):
                            reordered.append(name)
                        line += "; DraCor's published figures reproduced"
                    size, worst = networkx_check(name, graph, saved, failures)
                    line += f"; {size} characters equal NetworkX (largest difference {worst:.1e})"
                    print(line)
                    checked += 1
                except RuntimeError as e:
                    failures.append(f"{name}: {e}")
    if reordered:
        print(f"maxDegreeIds equal as sets, DraCor's order differs: {', '.join(reordered)}")
    if failures:
        print("\n".join("FAIL " + f for f in failures), file=sys.stderr)
        print(f"check-dracor: {len(failures)} failures in {checked} plays", file=sys.stderr)
        return 1
    print(f"check-dracor: {checked} plays, every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
