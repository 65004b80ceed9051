#!/usr/bin/env python3
"""Reference fixtures and golden centralities for castgraph.

Run from anywhere (paths are resolved from this file):

    python3 scripts/reference.py

Every run regenerates the same bytes; nothing depends on the clock, the hash
seed or the machine beyond the last bits of the two numerically iterated
measures (eigenvector, pagerank), which the Rust tests must compare with a
tolerance anyway.

1. Environment
   Creates the virtualenv ``scripts/.venv`` (must be git-ignored) with
   ``python3 -m venv``, pip-installs the pinned packages in ``PINS`` from PyPI
   (only when the pins changed, tracked by a stamp file inside the venv) and
   re-executes itself with the venv's interpreter (PYTHONHASHSEED=0).

2. Scene fixtures, ``tests/fixtures/*.csv`` (UTF-8, LF, header
   ``episode,scene,characters``, characters ``;``-separated, quoted by the csv
   module where needed):
   - lesmis.csv: ``nx.les_miserables_graph()``; each edge (u, v, w), in
     ``G.edges(data=True)`` order, becomes w scenes ``u;v`` (episode "lesmis",
     scenes numbered 1..820).  Rebuilding the graph gives back the same graph.
   - davis.csv: ``nx.davis_southern_women_graph()``; each event E1..E14 is one
     scene (episode "davis", scene = event name) whose characters are the women
     who attended, in the order of ``G.graph["top"]``.  The co-appearance graph
     is therefore the women's weighted one-mode projection.
   - disconnected.csv: hand-made (``DISCONNECTED`` below), 14 scenes: a
     weighted triangle whose direct edge is "longer" than the detour in inverse
     mode, a weighted path of 4, two isolated characters (one appears twice,
     one is listed twice in one scene), one scene with no characters, and
     names with a comma and with double quotes.  No two components are
     isomorphic, so the eigenvector component choice is not a tie.
   - generated.csv: ``random.Random(2026)``; 150 characters with invented
     names (some non-ASCII) and Zipf popularity (weight 1/rank), 30 episodes
     e1..e30 of 100 scenes, 1-6 distinct characters per scene.
   - tie.csv: hand-made exact tie, A-B x10, B-C x15, A-D x12, D-C x12.  With
     distance 1/w, A-B-C = 1/10+1/15 = 1/6 = 1/12+1/12 = A-D-C exactly, but
     not in floats.  By hand (inverse): A 0, B 1/6, C 1/3, D 1/6 (A,C has two
     shortest paths, B and D take 1/2 each; B,D goes only via C since
     1/15+1/12 < 1/10+1/12; undirected normalisation 2/((n-1)(n-2)) = 1/3).
     Hops: every pair of opposite corners has two paths, so 1/6 for all.
     These are written, from Fractions typed in here, to
     ``golden/tie.handcomputed.csv`` and the exact computation must equal them.
   - data/s1.csv (the real season, columns
     ``episode,scene,location,characters,summary``) is read in place, never
     copied; when absent its goldens are skipped with a warning and any
     existing ones are left untouched.

3. Goldens, ``tests/fixtures/golden/<name>.{inverse,hops}.csv``, computed from
   the fixture files as the tool reads them (node per character in order of
   first appearance, scenes per character, weight = shared scenes, a name
   repeated within a scene counts once, empty names dropped).  Columns
   ``character,scenes,degree,strength,betweenness,closeness,harmonic,
   eigenvector,pagerank``, floats as ``repr``.  ``inverse`` uses the distance
   1/weight, ``hops`` uses 1 per edge.
   - degree: distinct neighbours; strength: sum of incident weights.
   - betweenness: NetworkX ``betweenness_centrality(normalized=True)``
     semantics, but computed by our own Brandes over exact
     ``fractions.Fraction`` distances (Fraction(1, w) or 1), normalised as
     NetworkX does for undirected graphs: sum over sources divided by
     (n-1)(n-2), unscaled for n <= 2.  Why not NetworkX: it adds float
     distances and compares them with ``==``, so equal-length paths such as
     1/10+1/15 vs 1/12+1/12 are not seen as ties and shortest paths are
     dropped (on Davis it is wrong for Evelyn Jefferson, Theresa Anderson and
     Sylvia Avondale; on tie.csv it gives B 0 and D 1/3).  Checked: hops values equal
     NetworkX within 1e-12, both modes equal igraph's
     ``Graph.betweenness(weights=..., directed=False)`` (which compares
     distances with a tolerance) times 2/((n-1)(n-2)) within 1e-9, and the
     places where NetworkX differs (inverse mode) are printed; Davis must show
     the three women above.
   - closeness: ``nx.closeness_centrality(G, distance=...)`` (Wasserman-Faust,
     ``(r-1)/(n-1) * (r-1)/sum(d)``, 0 when nothing is reachable), computed
     from the same exact distances; checked against NetworkX within 1e-12
     (relative for values above 1).
   - harmonic: ``nx.harmonic_centrality(G, distance=...)``, sum of 1/d over
     reachable others; exact, checked against NetworkX likewise.
   - eigenvector (both modes alike, uses weights not distances): the Perron
     vector of the weighted adjacency of the connected component with the
     largest leading eigenvalue (``numpy.linalg.eigh`` on its dense matrix,
     absolute values), unit Euclidean norm, 0 outside that component; a
     single-character component has eigenvalue 0.  If components tie within
     1e-12 relative, a warning is printed and the one holding the earliest
     node wins.  Checked against ``nx.eigenvector_centrality_numpy`` on that
     component within 1e-9 (on the whole graph when connected).
   - pagerank (both modes alike): ``nx.pagerank(G, alpha=0.85,
     weight="weight", tol=1e-15, max_iter=10000)``; isolated characters are
     dangling and spread uniformly.  Should 1e-15 not converge, the next of
     1e-14, 1e-13, 1e-12 that does is used and printed.  Checked: the sum is 1
     within 1e-12 and igraph's PRPACK pagerank agrees within 1e-9.

   ``golden/<name>.stats.json``: scenes (scene rows, including ones with no
   characters), characters, ties (edges), total_weight, density
   2m/(n(n-1)), components, largest_component, component_details (one entry
   per component of >= 2 characters, largest first, equal sizes ordered by
   their earliest node: size,
   diameter and average_shortest_path in hops from ``nx.diameter`` and
   ``nx.average_shortest_path_length`` on the subgraph),
   average_clustering (``nx.average_clustering(G)``, unweighted),
   average_degree 2m/n, max_degree, and DraCor's pooled diameter and
   average_path_length (over every ordered pair of distinct connected
   characters, all components together, from ``nx.shortest_path_length``).

Any failed check prints FAIL lines and exits with status 1 before any golden
is written.
"""
import csv
import hashlib
import heapq
import json
import os
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "scripts" / ".venv"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = FIXTURES / "golden"
S1 = ROOT / "data" / "s1.csv"
PINS = ["networkx==3.6.1", "numpy==2.4.6", "scipy==1.17.1",
        "igraph==1.0.0", "texttable==1.7.2"]
COLUMNS = ["character", "scenes", "degree", "strength", "betweenness",
           "closeness", "harmonic", "eigenvector", "pagerank"]


def ensure_venv(script=__file__):
    """Create/refresh scripts/.venv and re-exec `script` (default: this
    file) inside it (no return). The other reference scripts call it with
    their own ``__file__``."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    python = VENV / "bin" / "python"
    stamp = VENV / "pins.sha256"
    want = hashlib.sha256("\n".join(PINS).encode()).hexdigest()
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    if not stamp.exists() or stamp.read_text() != want:
        subprocess.check_call([str(python), "-m", "pip", "install", "-q",
                               "--disable-pip-version-check", *PINS])
        stamp.write_text(want)
    env = dict(os.environ, PYTHONHASHSEED="0")
    os.execve(str(python), [str(python), str(Path(script).resolve()),
                            *sys.argv[1:]], env)


# ---------------------------------------------------------------- fixtures --

TONY, SMITH = 'Tony "Two Times" Russo', "Smith, John"
DISCONNECTED = [  # (episode, scene, characters)
    ("e1", 1, [TONY, SMITH, "Ada"]),  # triangle, all weight 1 so far
    ("e1", 2, [TONY, SMITH]),
    ("e1", 3, ["Hal"]),               # isolated
    ("e1", 4, [SMITH, "Ada"]),
    ("e1", 5, ["Dee", "Eve"]),        # path Dee-Eve-Fay-Gus, weights 2,1,3
    ("e1", 6, ["Dee", "Eve"]),
    ("e1", 7, [SMITH, TONY]),         # Tony-Smith 3, Smith-Ada 2, Tony-Ada 1
    ("e2", 1, ["Eve", "Fay"]),
    ("e2", 2, []),                    # a scene with nobody in it
    ("e2", 3, ["Fay", "Gus"]),
    ("e2", 4, ["Gus", "Fay"]),
    ("e2", 5, ["Ivy", "Ivy"]),        # isolated, repeated name counts once
    ("e2", 6, ["Fay", "Gus"]),
    ("e2", 7, ["Hal"]),
]
TIE_EDGES = [("A", "B", 10), ("B", "C", 15), ("A", "D", 12), ("D", "C", 12)]
TIE_HAND = {  # character: (inverse betweenness, hops betweenness)
    "A": (Fraction(0), Fraction(1, 6)), "B": (Fraction(1, 6), Fraction(1, 6)),
    "C": (Fraction(1, 3), Fraction(1, 6)), "D": (Fraction(1, 6), Fraction(1, 6)),
}
DAVIS_NX_WRONG = {"Evelyn Jefferson", "Theresa Anderson", "Sylvia Avondale"}


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_scenes(path, scenes):
    write_csv(path, ["episode", "scene", "characters"],
              [(ep, sc, ";".join(cast)) for ep, sc, cast in scenes])


def pair_scenes(episode, edges):
    scenes = []
    for u, v, w in edges:
        for _ in range(int(w)):
            scenes.append((episode, len(scenes) + 1, [u, v]))
    return scenes


def generated_scenes():
    rng = random.Random(2026)
    syl = ["an", "bel", "cor", "dé", "el", "fa", "gui", "hé", "ir", "jo", "ka",
           "lu", "mo", "né", "or", "pa", "quin", "ro", "sé", "ta", "ul", "vi",
           "wen", "xa", "yo", "zö"]
    names = []
    while len(names) < 150:
        first = "".join(rng.choice(syl) for _ in range(rng.randint(2, 3)))
        last = "".join(rng.choice(syl) for _ in range(rng.randint(2, 3)))
        name = f"{first.capitalize()} {last.capitalize()}"
        if name not in names:
            names.append(name)
    cum, total = [], 0.0
    for rank in range(1, len(names) + 1):
        total += 1.0 / rank
        cum.append(total)
    scenes = []
    for ep in range(1, 31):
        for sc in range(1, 101):
            k, cast = rng.randint(1, 6), []
            while len(cast) < k:
                c = rng.choices(names, cum_weights=cum)[0]
                if c not in cast:
                    cast.append(c)
            scenes.append((f"e{ep}", sc, cast))
    return scenes


def write_fixtures(nx):
    les = nx.les_miserables_graph()
    write_scenes(FIXTURES / "lesmis.csv", pair_scenes(
        "lesmis", [(u, v, d["weight"]) for u, v, d in les.edges(data=True)]))
    davis = nx.davis_southern_women_graph()
    order = {w: i for i, w in enumerate(davis.graph["top"])}
    write_scenes(FIXTURES / "davis.csv", [
        ("davis", e, sorted(davis[e], key=order.__getitem__))
        for e in davis.graph["bottom"]])
    write_scenes(FIXTURES / "disconnected.csv", DISCONNECTED)
    write_scenes(FIXTURES / "generated.csv", generated_scenes())
    write_scenes(FIXTURES / "tie.csv", pair_scenes("tie", TIE_EDGES))


# ------------------------------------------------------------ graph model --

class Cast:
    """The co-appearance graph exactly as castgraph builds it."""

    def __init__(self, path):
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        scenes = []
        for row in rows:
            cast = []
            for name in row["characters"].split(";"):
                if name and name not in cast:
                    cast.append(name)
                if name != name.strip():
                    print(f"  warning: {path.name}: name {name!r} has "
                          "surrounding whitespace")
            scenes.append(cast)
        self._build(scenes)

    @classmethod
    def from_scenes(cls, scenes):
        """The graph of scenes given as lists of distinct names."""
        cast = object.__new__(cls)
        cast._build(scenes)
        return cast

    def _build(self, scenes):
        self.scene_count = len(scenes)
        self.names, self.index, self.scenes, self.weight = [], {}, [], {}
        for cast in scenes:
            for name in cast:
                if name not in self.index:
                    self.index[name] = len(self.names)
                    self.names.append(name)
                    self.scenes.append(0)
                self.scenes[self.index[name]] += 1
            ids = [self.index[c] for c in cast]
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    key = (min(ids[a], ids[b]), max(ids[a], ids[b]))
                    self.weight[key] = self.weight.get(key, 0) + 1
        self.n = len(self.names)
        self.adj = [[] for _ in range(self.n)]
        for (i, j), w in self.weight.items():
            self.adj[i].append((j, w))
            self.adj[j].append((i, w))

    def components(self):
        """Components as sorted index lists, ordered by earliest node."""
        seen, comps = [False] * self.n, []
        for s in range(self.n):
            if seen[s]:
                continue
            seen[s], stack, comp = True, [s], []
            while stack:
                v = stack.pop()
                comp.append(v)
                for u, _ in self.adj[v]:
                    if not seen[u]:
                        seen[u] = True
                        stack.append(u)
            comps.append(sorted(comp))
        return comps

    def networkx(self, nx):
        g = nx.Graph()
        g.add_nodes_from(self.names)
        for (i, j), w in self.weight.items():
            g.add_edge(self.names[i], self.names[j], weight=w, distance=1.0 / w)
        return g


# ------------------------------------------------------- exact centralities --

def exact_paths(cast, mode):
    """Brandes + closeness + harmonic over exact Fraction distances."""
    n = cast.n
    length = (lambda w: Fraction(1, w)) if mode == "inverse" else (lambda w: 1)
    bc = [Fraction(0)] * n
    closeness, harmonic = [Fraction(0)] * n, [Fraction(0)] * n
    for s in range(n):
        dist, order, preds = {}, [], [[] for _ in range(n)]
        sigma = [0] * n
        sigma[s] = 1
        seen, heap, tick = {s: Fraction(0)}, [(Fraction(0), 0, s)], 1
        while heap:
            d, _, v = heapq.heappop(heap)
            if v in dist:
                continue
            dist[v] = d
            order.append(v)
            for u, w in cast.adj[v]:
                du = d + length(w)
                if u not in dist and (u not in seen or du < seen[u]):
                    seen[u], sigma[u], preds[u] = du, sigma[v], [v]
                    heapq.heappush(heap, (du, tick, u))
                    tick += 1
                elif du == seen[u]:
                    sigma[u] += sigma[v]
                    preds[u].append(v)
        delta = [Fraction(0)] * n
        for v in reversed(order):
            coeff = (1 + delta[v]) / sigma[v]
            for p in preds[v]:
                delta[p] += sigma[p] * coeff
            if v != s:
                bc[v] += delta[v]
        total = sum(dist.values(), Fraction(0))
        r = len(dist)
        if total > 0 and n > 1:
            closeness[s] = Fraction(r - 1, n - 1) * (r - 1) / total
        harmonic[s] = sum((1 / d for d in dist.values() if d > 0), Fraction(0))
    if n > 2:
        bc = [b / ((n - 1) * (n - 2)) for b in bc]
    return bc, closeness, harmonic


def eigenvector(cast, np):
    """Perron vector of the component with the largest leading eigenvalue."""
    best = []
    if cast.n == 0:
        return [], []
    for comp in cast.components():
        if len(comp) == 1:
            lam, vec = 0.0, np.ones(1)
        else:
            pos = {v: k for k, v in enumerate(comp)}
            a = np.zeros((len(comp), len(comp)))
            for v in comp:
                for u, w in cast.adj[v]:
                    a[pos[v], pos[u]] = w
            vals, vecs = np.linalg.eigh(a)
            lam, vec = vals[-1], np.abs(vecs[:, -1])
        best.append((lam, comp, vec))
    top = max(lam for lam, _, _ in best)
    tied = [b for b in best if abs(b[0] - top) <= 1e-12 * max(abs(top), 1e-300)
            or b[0] == top]
    if len(tied) > 1:
        print(f"  warning: {len(tied)} components tie for the largest "
              f"eigenvalue {top!r}; taking the one with the earliest node")
    _, comp, vec = tied[0]
    out = [0.0] * cast.n
    for v, x in zip(comp, vec / np.linalg.norm(vec)):
        out[v] = float(x)
    return out, comp


# -------------------------------------------------------------- checking --

FAILURES = []


def check(label, ours, theirs, tol, names):
    bad = 0
    for name, a, b in zip(names, ours, theirs):
        if not abs(a - b) <= tol * max(1.0, abs(b)):
            bad += 1
            if bad <= 5:
                FAILURES.append(f"{label}: {name}: ours {a!r} vs {b!r}")
    if bad > 5:
        FAILURES.append(f"{label}: ... {bad - 5} more")


def nx_differences(names, ours, theirs):
    return [(name, a, b) for name, a, b in zip(names, ours, theirs)
            if abs(a - b) > 1e-9]


def golden(name, path, nx, np, ig):
    print(f"{name}: {path.relative_to(ROOT)}")
    cast = Cast(path)
    g = cast.networkx(nx)
    names, n = cast.names, cast.n
    iedges = [(i, j) for (i, j) in cast.weight]
    ws = [cast.weight[e] for e in iedges]
    igraph_g = ig.Graph(n=n, edges=iedges, directed=False)
    eig, eig_comp = eigenvector(cast, np)
    sub = g.subgraph([names[v] for v in eig_comp])
    if len(eig_comp) > 1:
        ref = nx.eigenvector_centrality_numpy(sub, weight="weight")
        check(f"{name} eigenvector vs networkx", [eig[v] for v in eig_comp],
              [ref[names[v]] for v in eig_comp], 1e-9, names)
    for tol in (1e-15, 1e-14, 1e-13, 1e-12):
        try:
            pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=tol,
                             max_iter=10000)
            break
        except nx.PowerIterationFailedConvergence:
            print(f"  pagerank did not converge with tol={tol!r}")
    else:
        raise SystemExit(f"{name}: pagerank never converged")
    if tol != 1e-15:
        print(f"  pagerank: used tol={tol!r}")
    pr = [pr[v] for v in names]
    if abs(sum(pr) - 1.0) > 1e-12:
        FAILURES.append(f"{name} pagerank sums to {sum(pr)!r}")
    check(f"{name} pagerank vs igraph", pr, igraph_g.pagerank(
        directed=False, damping=0.85, weights=ws), 1e-9, names)
    strength = [float(sum(w for _, w in cast.adj[v])) for v in range(n)]
    tables, exact = {}, {}
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    for mode in ("inverse", "hops"):
        bc, clo, har = exact_paths(cast, mode)
        exact[mode] = bc
        bc, clo, har = ([float(x) for x in col] for col in (bc, clo, har))
        dist = "distance" if mode == "inverse" else None
        igw = [1.0 / w for w in ws] if mode == "inverse" else None
        check(f"{name} {mode} betweenness vs igraph", bc, [
            x * scale for x in igraph_g.betweenness(directed=False,
                                                    weights=igw)], 1e-9, names)
        nbc = nx.betweenness_centrality(g, weight=dist, normalized=True)
        nbc = [nbc[v] for v in names]
        if mode == "hops":
            check(f"{name} hops betweenness vs networkx", bc, nbc, 1e-12, names)
        else:
            diff = nx_differences(names, bc, nbc)
            for who, a, b in diff:
                print(f"  networkx inverse betweenness differs: {who}: "
                      f"exact {a!r}, networkx {b!r}, diff {b - a!r}")
            if name == "davis" and not DAVIS_NX_WRONG <= {d[0] for d in diff}:
                FAILURES.append("davis: networkx no longer differs on "
                                + ", ".join(sorted(DAVIS_NX_WRONG)))
        ref = nx.closeness_centrality(g, distance=dist)
        check(f"{name} {mode} closeness vs networkx", clo,
              [ref[v] for v in names], 1e-12, names)
        ref = nx.harmonic_centrality(g, distance=dist)
        check(f"{name} {mode} harmonic vs networkx", har,
              [ref[v] for v in names], 1e-12, names)
        tables[mode] = [
            (names[v], cast.scenes[v], len(cast.adj[v]), repr(strength[v]),
             repr(bc[v]), repr(clo[v]), repr(har[v]), repr(eig[v]), repr(pr[v]))
            for v in range(n)]
    if name == "tie":
        for mode, k in (("inverse", 0), ("hops", 1)):
            got = dict(zip(names, exact[mode]))
            for who, hand in TIE_HAND.items():
                if got[who] != hand[k]:
                    FAILURES.append(f"tie {mode}: {who}: exact {got[who]} "
                                    f"!= hand {hand[k]}")
    comps = cast.components()
    details = []
    # Largest first; equal sizes in order of their earliest character.
    for comp in sorted(comps, key=lambda c: (-len(c), c[0])):
        if len(comp) >= 2:
            h = g.subgraph([names[v] for v in comp])
            details.append({"size": len(comp), "diameter": nx.diameter(h),
                            "average_shortest_path":
                                nx.average_shortest_path_length(h)})
    m = len(cast.weight)
    # DraCor's pooled distance figures: every ordered pair of distinct
    # connected characters, whatever their component.
    lengths = [d for s, dist in nx.shortest_path_length(g) for t, d in dist.items() if t != s]
    stats = {
        "scenes": cast.scene_count, "characters": n, "ties": m,
        "total_weight": sum(cast.weight.values()),
        "density": 2 * m / (n * (n - 1)) if n > 1 else 0.0,
        "components": len(comps),
        "largest_component": max((len(c) for c in comps), default=0),
        "component_details": details,
        "average_clustering": nx.average_clustering(g) if n else 0.0,
        "average_degree": 2 * m / n if n else 0.0,
        "max_degree": max((d for _, d in g.degree()), default=0),
        "diameter": max(lengths, default=0),
        "average_path_length": sum(lengths) / len(lengths) if lengths else 0.0,
    }
    for mode in ("inverse", "hops"):
        top = sorted(range(n), key=lambda v: (-float(tables[mode][v][4]), v))
        print(f"  top betweenness ({mode}): " + ", ".join(
            f"{names[v]} {tables[mode][v][4]}" for v in top[:5]))
    return tables, stats


def main():
    ensure_venv()
    import igraph as ig
    import networkx as nx
    import numpy as np
    GOLDEN.mkdir(parents=True, exist_ok=True)
    write_fixtures(nx)
    inputs = [(name, FIXTURES / f"{name}.csv") for name in
              ("lesmis", "davis", "disconnected", "generated", "tie")]
    if S1.exists():
        inputs.append(("s1", S1))
    else:
        print(f"warning: {S1.relative_to(ROOT)} not found; s1 goldens skipped")
    results = {name: golden(name, path, nx, np, ig) for name, path in inputs}
    if FAILURES:
        print("\n".join(["FAIL " + f for f in FAILURES]), file=sys.stderr)
        sys.exit(1)
    for name, (tables, stats) in results.items():
        for mode, rows in tables.items():
            write_csv(GOLDEN / f"{name}.{mode}.csv", COLUMNS, rows)
        with open(GOLDEN / f"{name}.stats.json", "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=2, sort_keys=False, ensure_ascii=False)
            f.write("\n")
    write_csv(GOLDEN / "tie.handcomputed.csv",
              ["character", "betweenness_inverse", "betweenness_hops"],
              [(who, repr(float(a)), repr(float(b)))
               for who, (a, b) in TIE_HAND.items()])
    print("all cross-checks passed; goldens written")


if __name__ == "__main__":
    main()
