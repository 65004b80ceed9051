#!/usr/bin/env python3
"""Golden per-episode and cumulative centralities for `graph timeline`.

Run from anywhere:  python3 scripts/reference-timeline.py

Uses the virtualenv of ``scripts/reference.py`` (pinned networkx 3.6.1,
numpy, scipy, igraph): that script's ``ensure_venv`` creates it and re-executes
this one inside it.  Its exact betweenness/closeness/harmonic (Brandes over
``fractions.Fraction`` distances), eigenvector and checks are reused; the
scenes are read here, independently of castgraph.

Input: ``tests/fixtures/ezlinavis/curb-your-enthusiasm-season-9-2017.txt``
(Curb Your Enthusiasm season 9, ezlinavis format).  Read as ezlinavis does:
the text before the first ``#`` line is ignored; a line starting with ``#``
opens a segment (``#`` = an episode, ``##`` = a scene within it); every other
non-blank line (trimmed) is a character of the current segment; a segment
listing at least one character is a scene (a name repeated in it counts
once).  Episodes are the ``#`` headings, in file order.

For each episode (mode ``episode``: its scenes alone; mode ``cumulative``:
its scenes and every earlier episode's) the co-appearance graph is built as
castgraph builds it (characters in order of first appearance, weight =
shared scenes) and, for distance ``inverse`` (1/weight) and ``hops``, every
measure is computed as in ``reference.py``: degree, strength, exact
betweenness (normalised by (n-1)(n-2)), closeness and harmonic (checked
against NetworkX within 1e-12; hops betweenness too), eigenvector (numpy
``eigh`` on the leading component, checked against
``nx.eigenvector_centrality_numpy``) and ``nx.pagerank`` (tol 1e-15, checked
to sum to 1).

Output: ``tests/fixtures/golden/curb-s9.timeline.csv`` with the columns
``mode,distance,episode,character,scenes,degree,strength,betweenness,
closeness,harmonic,eigenvector,pagerank`` (floats as ``repr``), one row per
character of each episode's graph in first-appearance order.  Nothing is
written if a check fails.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference as ref  # noqa: E402

SOURCE = ref.FIXTURES / "ezlinavis" / "curb-your-enthusiasm-season-9-2017.txt"
OUT = ref.GOLDEN / "curb-s9.timeline.csv"
HEADER = ["mode", "distance", "episode"] + ref.COLUMNS


def read_ezlinavis(path):
    """[(episode, [names])] in file order."""
    scenes, episode, names, started = [], None, None, False

    def flush():
        if names:
            scenes.append((episode, list(names)))

    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            started = True
            flush()
            names = []
            if not line.startswith("##"):
                episode = line.lstrip("#").strip()
            continue
        if started and line not in names:
            names.append(line)
    flush()
    return scenes


def measures(label, cast, nx, np):
    names, n = cast.names, cast.n
    g = cast.networkx(nx)
    eig, comp = ref.eigenvector(cast, np)
    if len(comp) > 1:
        sub = g.subgraph([names[v] for v in comp])
        want = nx.eigenvector_centrality_numpy(sub, weight="weight")
        ref.check(f"{label} eigenvector", [eig[v] for v in comp],
                  [want[names[v]] for v in comp], 1e-9, names)
    pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-15, max_iter=10000)
    pr = [pr[v] for v in names]
    if abs(sum(pr) - 1.0) > 1e-12:
        ref.FAILURES.append(f"{label} pagerank sums to {sum(pr)!r}")
    strength = [float(sum(w for _, w in cast.adj[v])) for v in range(n)]
    out = {}
    for mode in ("inverse", "hops"):
        bc, clo, har = (list(map(float, c)) for c in ref.exact_paths(cast, mode))
        dist = "distance" if mode == "inverse" else None
        if mode == "hops":
            nbc = nx.betweenness_centrality(g, normalized=True)
            ref.check(f"{label} hops betweenness", bc, [nbc[v] for v in names], 1e-12, names)
        c = nx.closeness_centrality(g, distance=dist)
        ref.check(f"{label} {mode} closeness", clo, [c[v] for v in names], 1e-12, names)
        h = nx.harmonic_centrality(g, distance=dist)
        ref.check(f"{label} {mode} harmonic", har, [h[v] for v in names], 1e-12, names)
        out[mode] = [
            (names[v], cast.scenes[v], len(cast.adj[v]), repr(strength[v]), repr(bc[v]),
             repr(clo[v]), repr(har[v]), repr(eig[v]), repr(pr[v]))
            for v in range(n)]
    return out


def main():
    ref.ensure_venv(__file__)
    import networkx as nx
    import numpy as np
    scenes = read_ezlinavis(SOURCE)
    episodes = list(dict.fromkeys(ep for ep, _ in scenes))
    print(f"{SOURCE.name}: {len(scenes)} scenes, {len(episodes)} episodes")
    rows = []
    for mode in ("episode", "cumulative"):
        for k, ep in enumerate(episodes):
            wanted = set(episodes[:k + 1]) if mode == "cumulative" else {ep}
            cast = ref.Cast.from_scenes([m for e, m in scenes if e in wanted])
            table = measures(f"{mode} {ep}", cast, nx, np)
            for dist in ("inverse", "hops"):
                rows.extend((mode, dist, ep) + r for r in table[dist])
            top = max(range(cast.n), key=lambda v: float(table["inverse"][v][8]))
            print(f"  {mode:10} {ep}: {cast.n} characters, {len(cast.weight)} ties, "
                  f"top pagerank {cast.names[top]}")
    if ref.FAILURES:
        print("\n".join("FAIL " + f for f in ref.FAILURES), file=sys.stderr)
        sys.exit(1)
    ref.write_csv(OUT, HEADER, rows)
    print(f"wrote {OUT.relative_to(ref.ROOT)} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
