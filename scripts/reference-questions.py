#!/usr/bin/env python3
"""Golden chains and ego graphs from NetworkX for `graph path` and `graph ego`.

Run from anywhere (paths are resolved from this file):

    python3 scripts/reference-questions.py

It uses the virtualenv of ``scripts/reference.py`` (``scripts/.venv``, pinned
NetworkX 3.6.1, installed from that script's ``PINS`` when missing), re-executes
itself inside it with PYTHONHASHSEED=0, reads the scene fixtures as castgraph
does (``reference.Cast``) and never runs castgraph. A second run writes
identical bytes.

For each fixture it writes two goldens in ``tests/fixtures/golden/``:

``<name>.paths.csv``, one row per ordered pair (from, to), from != to (for
``generated``, 400 pairs drawn with ``random.Random(8)``), columns:

- ``inverse_length``: ``nx.shortest_path_length(G, a, b, weight=1/w)``,
  cross-checked against an exact Fraction Dijkstra (the value written is the
  float of the exact length);
- ``inverse_count``: how many shortest chains under 1/w, counted exactly
  (Fractions: 1/10 + 1/15 == 1/12 + 1/12), which NetworkX's float
  ``all_shortest_paths`` cannot do;
- ``inverse_hops``: the fewest ties among those strongest chains (castgraph's
  second key);
- ``hops_length``: ``nx.shortest_path_length(G, a, b)``;
- ``hops_count``: ``len(list(nx.all_shortest_paths(G, a, b)))``, checked
  against the exact count;
- ``hops_inverse_length``: the smallest sum of 1/w among the fewest-tie chains
  (castgraph picks the strongest of them), exact;
- all empty when no chain joins the pair.

``<name>.ego.json``: for every character and radius 0, 1, 2 and 3 (for
``generated``, every fifth character and radius 0, 1 and 2),
``nx.ego_graph(G, name, radius=r)``: its characters (in castgraph's
first-appearance order), its number of ties and their total weight.
"""
import csv
import heapq
import json
import random
import sys
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference  # noqa: E402  (the fixtures' reader and the venv's pins)

ROOT = reference.ROOT
GOLDEN = reference.GOLDEN
FIXTURES = reference.FIXTURES
NAMES = ["lesmis", "davis", "disconnected", "generated", "tie"]
RADII = [0, 1, 2, 3]
PATH_COLUMNS = ["from", "to", "inverse_length", "inverse_count", "inverse_hops",
                "hops_length", "hops_count", "hops_inverse_length"]


def exact_chains(cast, source, main, second):
    """Dijkstra from source on exact lengths: for each reachable node the
    shortest main length, the number of chains of that length, and the
    smallest second length among them."""
    dist = {source: (Fraction(0), Fraction(0))}
    count = {source: 1}
    done = set()
    heap = [(Fraction(0), source)]
    while heap:
        d, v = heapq.heappop(heap)
        if v in done or d != dist[v][0]:
            continue
        done.add(v)
        for u, w in cast.adj[v]:
            cand = (d + main(w), dist[v][1] + second(w))
            if u not in dist or cand[0] < dist[u][0]:
                dist[u] = cand
                count[u] = count[v]
                heapq.heappush(heap, (cand[0], u))
            elif cand[0] == dist[u][0]:
                count[u] += count[v]
                if cand[1] < dist[u][1]:
                    dist[u] = (dist[u][0], cand[1])
    return dist, count


def paths_golden(name, cast, g, nx):
    n = cast.n
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b]
    if name == "generated":
        pairs = random.Random(8).sample(pairs, 400)
    inv = lambda w: Fraction(1, w)  # noqa: E731
    one = lambda w: Fraction(1)  # noqa: E731
    by_source = {}
    rows, failures = [], []
    for a, b in pairs:
        if a not in by_source:
            by_source[a] = (exact_chains(cast, a, inv, one), exact_chains(cast, a, one, inv))
        (idist, icount), (hdist, hcount) = by_source[a]
        na, nb = cast.names[a], cast.names[b]
        if b not in idist:
            if nx.has_path(g, na, nb):
                failures.append(f"{name}: {na}-{nb} reachable in networkx only")
            rows.append([na, nb] + [""] * 6)
            continue
        nx_inv = nx.shortest_path_length(g, na, nb, weight=lambda u, v, d: 1.0 / d["weight"])
        nx_hops = nx.shortest_path_length(g, na, nb)
        nx_count = sum(1 for _ in nx.all_shortest_paths(g, na, nb))
        if abs(nx_inv - float(idist[b][0])) > 1e-12 * max(1.0, nx_inv):
            failures.append(f"{name}: {na}-{nb} inverse {nx_inv!r} vs exact {idist[b][0]}")
        if nx_hops != hdist[b][0] or nx_count != hcount[b]:
            failures.append(f"{name}: {na}-{nb} hops {nx_hops}/{nx_count} vs exact "
                            f"{hdist[b][0]}/{hcount[b]}")
        rows.append([na, nb, repr(float(idist[b][0])), icount[b], int(idist[b][1]),
                     int(hdist[b][0]), hcount[b], repr(float(hdist[b][1]))])
    return rows, failures


def ego_golden(name, cast, g, nx):
    out = []
    centres, radii = cast.names, RADII
    if name == "generated":  # dense: every radius-2 graph is nearly everyone
        centres, radii = cast.names[::5], RADII[:3]
    for v in centres:
        for r in radii:
            e = nx.ego_graph(g, v, radius=r)
            members = sorted(e.nodes, key=cast.index.__getitem__)
            out.append({
                "centre": v,
                "radius": r,
                "characters": members,
                "ties": e.number_of_edges(),
                "weight": e.size(weight="weight"),
            })
    return out


def main():
    reference.ensure_venv(__file__)
    import networkx as nx
    failures = []
    for name in NAMES:
        cast = reference.Cast(FIXTURES / f"{name}.csv")
        g = cast.networkx(nx)
        rows, bad = paths_golden(name, cast, g, nx)
        failures += bad
        with open(GOLDEN / f"{name}.paths.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(PATH_COLUMNS)
            w.writerows(rows)
        with open(GOLDEN / f"{name}.ego.json", "w", encoding="utf-8") as f:
            json.dump(ego_golden(name, cast, g, nx), f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{name}: {len(rows)} pairs and the ego graphs")
    if failures:
        print("\n".join("FAIL " + x for x in failures), file=sys.stderr)
        sys.exit(1)
    print("all cross-checks passed; goldens written")


if __name__ == "__main__":
    main()
