"""castgraph as a NetworkX backend: each backed function, called with
``backend="castgraph"``, equals NetworkX's own answer to 1e-9 on the three
data sets (weights as NetworkX reads them: a length for path measures, a
strength for the others); calls castgraph cannot honour fall back to NetworkX."""

import math
import random

import networkx as nx
import pytest

import castgraph  # noqa: F401  (the backend is found through its entry point)
from castgraph import nx_backend
from conftest import close
from test_networkx import nx_graph


def assert_close(ours, theirs, what, tol=1e-9):
    assert set(ours) == set(theirs), what
    bad = {k: (ours[k], theirs[k]) for k in ours if not close(ours[k], theirs[k], tol)}
    assert not bad, f"{what}: {list(bad.items())[:5]}"


def test_backend_is_installed():
    assert "castgraph" in nx.utils.backends.backends
    info = nx.utils.backends.backend_info["castgraph"]
    assert set(info["functions"]) == {
        "degree_centrality",
        "betweenness_centrality",
        "closeness_centrality",
        "harmonic_centrality",
        "eigenvector_centrality",
        "eigenvector_centrality_numpy",
        "pagerank",
        "leiden_communities",
    }
    assert "castgraph" in nx.betweenness_centrality.backends


@pytest.fixture(autouse=True)
def quiet_cache():
    """Each test converts its graph once per set of attributes; NetworkX's note on reusing
    cached conversions is not for us."""
    with nx.config(warnings_to_ignore={"cache"}):
        yield


def lengths(G):
    """Gives every edge a length 1/weight, castgraph's default distance."""
    for _, _, d in G.edges(data=True):
        d["length"] = 1 / d["weight"]


CALLS = [
    ("degree_centrality", {}),
    ("betweenness_centrality", {}),
    ("betweenness_centrality", {"weight": "weight"}),
    ("betweenness_centrality", {"weight": "length", "normalized": False}),
    ("closeness_centrality", {}),
    ("closeness_centrality", {"distance": "weight"}),
    ("closeness_centrality", {"distance": "length", "wf_improved": False}),
    ("harmonic_centrality", {}),
    ("harmonic_centrality", {"distance": "length"}),
    ("eigenvector_centrality", {}),
    ("eigenvector_centrality", {"weight": "weight"}),
    ("pagerank", {}),
    ("pagerank", {"weight": None, "alpha": 0.9}),
    ("pagerank", {"tol": 1e-10, "max_iter": 1000}),
]


@pytest.mark.parametrize("name,kwargs", CALLS, ids=[f"{n}-{'-'.join(k)}" for n, k in CALLS])
def test_backed_functions_equal_networkx(data, name, kwargs):
    G = nx_graph(data)
    lengths(G)
    f = getattr(nx, name)
    try:
        theirs = f(G, **kwargs)
    except nx.PowerIterationFailedConvergence:
        with pytest.raises(nx.PowerIterationFailedConvergence):
            f(G, backend="castgraph", **kwargs)
        return
    ours = f(G, backend="castgraph", **kwargs)
    assert_close(ours, theirs, f"{name}({kwargs})")


def test_eigenvector_numpy_and_disconnected_graphs(data):
    G = nx_graph(data)
    if nx.is_connected(G):
        assert_close(
            nx.eigenvector_centrality_numpy(G, weight="weight", backend="castgraph"),
            nx.eigenvector_centrality_numpy(G, weight="weight"),
            "eigenvector_centrality_numpy",
        )
    else:
        with pytest.raises(nx.AmbiguousSolution):
            nx.eigenvector_centrality_numpy(G, backend="castgraph")


def test_leiden_communities(data):
    G = nx_graph(data)
    parts = nx.community.leiden_communities(G, seed=7, backend="castgraph")
    assert nx.community.is_partition(G, parts)
    assert parts == nx.community.leiden_communities(G, seed=7, backend="castgraph")
    q = nx.community.modularity(G, parts, weight="weight")
    g = castgraph.from_networkx(G)
    assert close(q, g.communities(seed=random.Random(7).getrandbits(64)).attrs["modularity"])
    louvain = nx.community.modularity(G, nx.community.louvain_communities(G, seed=7), weight="weight")
    assert q >= louvain - 1e-9 or data.name == "seed"


def test_convergence_failures_raise_as_networkx_does():
    G = nx.les_miserables_graph()
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.pagerank(G, max_iter=3, backend="castgraph")
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.pagerank(G, max_iter=0, backend="castgraph")
    # Converging exactly at the last iteration allowed is converging.
    for m in range(1, 60):
        try:
            nx.pagerank(G, max_iter=m)
        except nx.PowerIterationFailedConvergence:
            with pytest.raises(nx.PowerIterationFailedConvergence):
                nx.pagerank(G, max_iter=m, backend="castgraph")
            continue
        assert_close(nx.pagerank(G, max_iter=m, backend="castgraph"), nx.pagerank(G, max_iter=m), "pagerank")
        break
    with pytest.raises(nx.NetworkXPointlessConcept):
        nx.eigenvector_centrality(nx.Graph(), backend="castgraph")


REFUSED = [
    (nx.DiGraph([(1, 2)]), "pagerank", {}, "undirected"),
    (nx.MultiGraph([(1, 2), (1, 2)]), "degree_centrality", {}, "multi-edges"),
    (nx.Graph([(1, 1), (1, 2)]), "betweenness_centrality", {}, "itself"),
    (nx.Graph([(1, 2, {"weight": 0})]), "betweenness_centrality", {"weight": "weight"}, "lengths > 0"),
    (nx.Graph([(1, 2, {"weight": -1})]), "pagerank", {}, "weights >= 0"),
    (nx.Graph([(1, 2, {"weight": "x"})]), "pagerank", {}, "not a finite number"),
    (nx.path_graph(5), "betweenness_centrality", {"k": 2}, "sampled"),
    (nx.path_graph(5), "betweenness_centrality", {"endpoints": True}, "endpoints"),
    (nx.path_graph(5), "harmonic_centrality", {"sources": [0]}, "sources"),
    (nx.path_graph(5), "eigenvector_centrality", {"max_iter": 50}, "defaults"),
    (nx.path_graph(5), "pagerank", {"personalization": {0: 1}}, "personalization"),
    (nx.path_graph(5), "leiden_communities", {"max_level": 2}, "max_level"),
]


@pytest.mark.parametrize("G,name,kwargs,why", REFUSED, ids=[r[3] for r in REFUSED])
def test_what_castgraph_cannot_honour_is_refused(G, name, kwargs, why):
    reason = nx_backend.BackendInterface.can_run(name, (G,), kwargs)
    assert isinstance(reason, str) and why in reason
    with pytest.raises(Exception, match="castgraph"):
        f = nx.community.leiden_communities if name == "leiden_communities" else getattr(nx, name)
        f(G, backend="castgraph", **kwargs)


def test_fallback_to_networkx_through_backend_priority():
    G = nx.DiGraph([(1, 2), (2, 3)])
    with nx.config(backend_priority=["castgraph"], fallback_to_nx=True):
        assert_close(nx.pagerank(G), nx.pagerank(G, backend="networkx"), "pagerank")
    U = nx.les_miserables_graph()
    with nx.config(backend_priority=["castgraph"]):
        ours = nx.pagerank(U)
    assert_close(ours, nx.pagerank(U, backend="networkx"), "pagerank", tol=1e-12)


def test_trap_of_networkx_issue_3369():
    """weight= of betweenness is a length: the strongest tie is the longest."""
    G = nx.Graph()
    G.add_edge("A", "B", weight=10)  # ten shared scenes: close friends
    G.add_edge("B", "C", weight=10)
    G.add_edge("A", "C", weight=1)  # met once
    ours = castgraph.from_networkx(G).centrality(output="dict")
    b = dict(zip(ours["character"], ours["betweenness"]))
    assert b["B"] == 1.0  # with strengths, the path A-B-C (length 1/10 + 1/10) beats A-C (1)
    assert nx.betweenness_centrality(G, weight="weight", backend="castgraph")["B"] == 0.0
    assert math.isclose(nx.betweenness_centrality(G, weight="weight")["B"], 0.0)


def _partitions(items):
    """Every partition of a list, as lists of sets."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for p in _partitions(rest):
        for i in range(len(p)):
            yield p[:i] + [p[i] | {first}] + p[i + 1 :]
        yield p + [{first}]


@pytest.mark.parametrize("seed", range(6))
def test_leiden_with_self_loops_and_parallel_edges_finds_networkx_best(seed):
    """Self-loops and parallel edges count as NetworkX's modularity counts them: on small
    graphs, castgraph's Leiden reaches the highest modularity of all partitions."""
    rng = random.Random(seed)
    G = nx.MultiGraph() if seed % 2 else nx.Graph()
    G.add_nodes_from(range(7))
    for _ in range(12):
        a, b = rng.randrange(7), rng.randrange(7)
        G.add_edge(a, b, weight=rng.choice([0.5, 1, 2, 5]))
    for v in rng.sample(range(7), 2):
        G.add_edge(v, v, weight=rng.choice([3, 8]))
    assert nx.number_of_selfloops(G)
    for resolution in (0.5, 1, 2):
        parts = nx.community.leiden_communities(G, resolution=resolution, seed=3, backend="castgraph")
        assert nx.community.is_partition(G, parts)
        q = nx.community.modularity(G, parts, resolution=resolution)
        best = max(nx.community.modularity(G, p, resolution=resolution) for p in _partitions(list(G)))
        assert close(q, best), (resolution, parts, q, best)
