"""Every function against NetworkX 3.6.1 on the same graph, to 1e-9, and the
round trip through ``to_networkx``/``from_networkx``.

Path measures with lengths 1/weight are compared with NetworkX given exact
lengths: each tie's length is L/weight for L the least common multiple of
the weights, a Python integer, so that NetworkX's exact comparisons see
1/10 + 1/15 and 1/12 + 1/12 as the equal lengths they are (castgraph
compares with a relative tolerance of 1e-10; NetworkX on float lengths 1/w
would see two different lengths). Betweenness does not change with the scale
L; closeness and harmonic are scaled back."""

import math
from functools import reduce
from itertools import combinations

import networkx as nx
import pytest

import castgraph
from conftest import close, read_scenes

np = pytest.importorskip("numpy")


def nx_graph(data):
    """The co-appearance graph as a NetworkX user builds it from the scene file."""
    G = nx.Graph()
    for _, names in read_scenes(data.path):
        for n in names:
            G.add_node(n)
        for a, b in combinations(names, 2):
            if G.has_edge(a, b):
                G[a][b]["weight"] += 1
            else:
                G.add_edge(a, b, weight=1)
    return G


def exact_lengths(G):
    """Sets edge attribute "length" = L / weight (an integer); returns L."""
    L = reduce(math.lcm, (int(d["weight"]) for _, _, d in G.edges(data=True)), 1)
    for _, _, d in G.edges(data=True):
        d["length"] = L // int(d["weight"])
    return L


def assert_close(ours, theirs, what):
    assert set(ours) == set(theirs), what
    bad = {k: (ours[k], theirs[k]) for k in ours if not close(ours[k], theirs[k])}
    assert not bad, f"{what}: {list(bad.items())[:5]}"


def by_name(table, column):
    return dict(zip(table["character"], table[column]))


def pagerank_reference(G, weight):
    for tol in (1e-15, 1e-14, 1e-13, 1e-12):
        try:
            return nx.pagerank(G, alpha=0.85, weight=weight, tol=tol, max_iter=100000)
        except nx.PowerIterationFailedConvergence:
            continue
    raise AssertionError("NetworkX's pagerank did not converge")


def eigenvector_reference(G):
    """NetworkX's eigenvector_centrality_numpy on the component with the largest leading
    eigenvalue, 0 elsewhere (castgraph's definition on a disconnected graph)."""
    best, best_value = None, -1.0
    for comp in nx.connected_components(G):
        if len(comp) < 2:
            continue
        sub = G.subgraph(comp)
        a = nx.to_numpy_array(sub, weight="weight")
        value = float(np.linalg.eigvalsh(a)[-1])
        if value > best_value + 1e-9 * max(1.0, value):
            best, best_value = sub, value
    out = {n: 0.0 for n in G}
    if best is not None:
        out.update(nx.eigenvector_centrality_numpy(best, weight="weight"))
    return out


def test_graph_is_networkx_graph(data):
    g = castgraph.load(data.saved)
    G = nx_graph(data)
    H = g.to_networkx()
    assert list(H.nodes) == list(G.nodes)
    assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in G.edges}
    for a, b, d in G.edges(data=True):
        assert H[a][b]["weight"] == d["weight"]


def test_centrality_inverse(data):
    g = castgraph.load(data.saved)
    G = nx_graph(data)
    L = exact_lengths(G)
    t = g.centrality(output="dict")
    assert by_name(t, "degree") == dict(G.degree())
    assert_close(by_name(t, "strength"), dict(G.degree(weight="weight")), "strength")
    assert_close(by_name(t, "betweenness"), nx.betweenness_centrality(G, weight="length"), "betweenness")
    closeness = {k: v * L for k, v in nx.closeness_centrality(G, distance="length").items()}
    assert_close(by_name(t, "closeness"), closeness, "closeness")
    harmonic = {k: v * L for k, v in nx.harmonic_centrality(G, distance="length").items()}
    assert_close(by_name(t, "harmonic"), harmonic, "harmonic")
    assert_close(by_name(t, "eigenvector"), eigenvector_reference(G), "eigenvector")
    assert_close(by_name(t, "pagerank"), pagerank_reference(G, "weight"), "pagerank")


def test_centrality_hops_raw(data):
    g = castgraph.load(data.saved)
    G = nx_graph(data)
    t = g.centrality(distance="hops", raw=True, output="dict")
    assert_close(by_name(t, "betweenness"), nx.betweenness_centrality(G, normalized=False), "betweenness")
    assert_close(by_name(t, "closeness"), nx.closeness_centrality(G), "closeness")
    assert_close(by_name(t, "harmonic"), nx.harmonic_centrality(G), "harmonic")


def test_centrality_unweighted(data):
    g = castgraph.load(data.saved)
    G = nx_graph(data)
    t = g.centrality(unweighted=True, output="dict")
    assert_close(by_name(t, "strength"), dict(G.degree()), "strength")
    assert_close(by_name(t, "betweenness"), nx.betweenness_centrality(G), "betweenness")
    assert_close(by_name(t, "pagerank"), pagerank_reference(G, None), "pagerank")
    assert_close(by_name(t, "eigenvector"), nx.eigenvector_centrality(G), "eigenvector")


def test_stats(data):
    g = castgraph.load(data.saved)
    G = nx_graph(data)
    s = g.stats()
    assert (s["characters"], s["ties"]) == (G.number_of_nodes(), G.number_of_edges())
    assert close(s["density"], nx.density(G))
    assert close(s["average_clustering"], nx.average_clustering(G))
    assert s["components"] == nx.number_connected_components(G)
    assert close(s["total_weight"], G.size(weight="weight"))
    comps = sorted((c for c in nx.connected_components(G) if len(c) > 1), key=len, reverse=True)
    assert [c["size"] for c in s["component_details"]] == [len(c) for c in comps]
    pooled, pairs, longest = 0, 0, 0
    for detail, comp in zip(s["component_details"], comps):
        sub = G.subgraph(comp)
        assert detail["diameter"] == nx.diameter(sub)
        assert close(detail["average_shortest_path"], nx.average_shortest_path_length(sub))
        for _, lengths in nx.all_pairs_shortest_path_length(sub):
            pooled += sum(lengths.values())
            pairs += len(lengths) - 1
            longest = max(longest, max(lengths.values()))
    assert s["diameter"] == longest
    assert close(s["average_path_length"], pooled / pairs if pairs else 0.0)


@pytest.mark.parametrize("resolution", [1.0, 0.5])
def test_communities_modularity(data, resolution):
    g = castgraph.load(data.saved)
    G = nx_graph(data)
    c = g.communities(resolution=resolution, output="dict")
    parts = [set(m) for m in c.attrs["communities"]]
    assert nx.community.is_partition(G, parts)
    q = nx.community.modularity(G, parts, weight="weight", resolution=resolution)
    assert close(c.attrs["modularity"], q)
    # The table's internal strength is the weight of each member's ties inside its community.
    member = {n: i for i, p in enumerate(parts) for n in p}
    inside = {n: sum(d["weight"] for m, d in G[n].items() if member[m] == member[n]) for n in G}
    assert_close(by_name(c, "internal_strength"), inside, "internal strength")


def test_path_lengths(data):
    from test_cli import pairs

    g = castgraph.load(data.saved)
    G = nx_graph(data)
    L = exact_lengths(G)
    for a, b in pairs(g):
        p = g.path(a, b, output="dict")
        chains = {c["distance"]: c for c in p.attrs["chains"]}
        assert close(chains["inverse"]["length"], nx.shortest_path_length(G, a, b, weight="length") / L)
        assert chains["hops"]["length"] == nx.shortest_path_length(G, a, b)
        assert chains["inverse"]["equally_short"] == len(list(nx.all_shortest_paths(G, a, b, weight="length")))
        route = chains["inverse"]["characters"]
        assert sum(G[u][v]["length"] for u, v in zip(route, route[1:])) == nx.shortest_path_length(
            G, a, b, weight="length"
        )


@pytest.mark.parametrize("radius", [1, 2])
def test_ego(data, radius):
    g = castgraph.load(data.saved)
    G = nx_graph(data)
    name = g.centrality(["pagerank"], top=1, output="dict")["character"][0]
    E = nx.ego_graph(G, name, radius=radius)
    e = g.ego(name, radius, output="dict")
    assert set(e["character"]) == set(E)
    assert by_name(e, "degree") == dict(E.degree())
    assert_close(by_name(e, "strength"), dict(E.degree(weight="weight")), "strength")
    hops = nx.single_source_shortest_path_length(G, name, cutoff=radius)
    assert by_name(e, "hops") == hops
    assert g.ego_graph(name, radius).tie_count == E.number_of_edges()


def test_timeline_groups(data):
    """Each episode's values are NetworkX's on the graph of that episode's scenes."""
    g = castgraph.load(data.saved)
    t = g.timeline(measures=["pagerank", "betweenness", "eigenvector"], output="dict")
    group = list(t)[0]
    by_episode = {}
    for ep, names in read_scenes(data.path):
        by_episode.setdefault(ep, []).append(names)
    for ep in list(dict.fromkeys(t[group]))[:6]:
        G = nx.Graph()
        for names in by_episode[ep]:
            G.add_nodes_from(names)
            for a, b in combinations(names, 2):
                w = G[a][b]["weight"] + 1 if G.has_edge(a, b) else 1
                G.add_edge(a, b, weight=w)
        L = exact_lengths(G)
        rows = [i for i, k in enumerate(t[group]) if k == ep]
        values = {}
        for i in rows:
            values.setdefault(t["measure"][i], {})[t["character"][i]] = t["value"][i]
        assert values["degree"] == {n: float(d) for n, d in G.degree()}
        assert_close(values["pagerank"], pagerank_reference(G, "weight"), f"pagerank of {ep}")
        assert_close(values["betweenness"], nx.betweenness_centrality(G, weight="length"), f"betweenness of {ep}")
        assert_close(values["eigenvector"], eigenvector_reference(G), f"eigenvector of {ep}")
        assert L >= 1


def ties_set(g):
    t = g.ties(output="dict")
    return {
        (frozenset((a, b)), w, s) for a, b, w, s in zip(t["source"], t["target"], t["weight"], t["scenes"])
    }


def test_networkx_round_trip(data):
    """Characters (order, scenes) and ties (weight, scenes) come back; ties come in
    NetworkX's adjacency order, so measures are compared to 1e-9, not bit for bit (and
    Leiden, whose seeded runs visit ties in order, may find another partition)."""
    g = castgraph.load(data.saved)
    G = g.to_networkx()
    h = castgraph.from_networkx(G)
    assert h.names == g.names
    assert h.characters(output="dict") == g.characters(output="dict")
    assert ties_set(h) == ties_set(g)
    ours, back = g.centrality(output="dict"), h.centrality(output="dict")
    assert back["character"] == ours["character"]
    for m in castgraph.MEASURES:
        assert_close(by_name(back, m), by_name(ours, m), m)
    H = h.to_networkx()
    assert nx.utils.graphs_equal(G, H)


def test_from_networkx_of_any_graph():
    G = nx.les_miserables_graph()
    g = castgraph.from_networkx(G)
    assert (g.character_count, g.tie_count) == (77, 254)
    # Without scene counts: an edge is one scene, a character as many as its edges.
    assert g.characters(output="dict")["scenes"] == [d for _, d in G.degree()]
    t = g.centrality(output="dict")
    assert_close(by_name(t, "pagerank"), pagerank_reference(G, "weight"), "pagerank")
    # Unweighted, integer nodes, a directed graph read as undirected (reversed edges summed).
    D = nx.DiGraph([(1, 2), (2, 1), (2, 3)])
    d = castgraph.from_networkx(D, weight=None)
    assert d.names == ["1", "2", "3"]
    assert d.ties(output="dict")["weight"] == [2.0, 1.0]
    with pytest.warns(castgraph.CastgraphWarning, match="1 self-loop left out"):
        castgraph.from_networkx(nx.Graph([(1, 1), (1, 2)]))
    with pytest.raises(castgraph.RequestError, match="finite number of at least 0"):
        castgraph.from_networkx(nx.Graph([(1, 2, {"weight": -1})]))
