"""castgraph as a NetworkX backend (``nx.pagerank(G, backend="castgraph")``).

Backed, where castgraph computes NetworkX's definition exactly:

- ``degree_centrality``;
- ``betweenness_centrality`` (``k`` None or the number of nodes, ``endpoints=False``);
- ``closeness_centrality`` and ``harmonic_centrality`` (``sources`` None);
- ``eigenvector_centrality`` with NetworkX's defaults (``max_iter=100``, ``tol=1e-6``,
  no ``nstart``): the same power iteration on A + I;
- ``eigenvector_centrality_numpy`` (the exact Perron vector);
- ``pagerank`` without ``personalization``, ``nstart`` or ``dangling``: the same
  iterates, stopped by NetworkX's rule;
- ``leiden_communities`` (``max_level`` None), which NetworkX leaves to backends
  (``leiden_partitions``, the partition of each level of one run, is not backed:
  castgraph keeps the best of several runs, each repeated to convergence).

Not backed: ``louvain_communities`` (castgraph runs Leiden, a different
algorithm: the same modularity, other partitions for the same seed), and every
other function. Graphs castgraph cannot hold are refused by ``can_run``, so
NetworkX computes them: directed graphs, multigraphs and self-loops (but for
Leiden, where parallel weights add up and a self-loop counts as NetworkX's
modularity counts it: once in m, twice in its node's degree), weights that are
not finite numbers >= 0 (> 0 for path lengths), a ``weight`` given as a function.

Weights keep NetworkX's meaning: for betweenness, closeness and harmonic the
attribute is a length (castgraph computes with ties of weight 1/length); for
pagerank, eigenvector and Leiden it is a strength. Lengths that tie only up to
rounding (1/10 + 1/15 against 1/12 + 1/12) are equal in castgraph (relative
tolerance 1e-10) and may not be in NetworkX, which compares floats exactly.

Set ``CASTGRAPH_NX_LOG`` to a file to record, one line per call, whether
castgraph ran it or why it left it to NetworkX (used by scripts/test-python).
"""

import inspect
import math
import os
import random

import networkx as nx

from . import _castgraph

BACKEND = "castgraph"

# Functions whose weight attribute is a length (castgraph gets ties of weight 1/length).
_LENGTHS = {"betweenness_centrality", "closeness_centrality", "harmonic_centrality"}


def _log(name, ran, reason=""):
    path = os.environ.get("CASTGRAPH_NX_LOG")
    if not path:
        return
    test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"{test}\t{name}\t{'castgraph' if ran else 'networkx'}\t{reason}\n")


class CastgraphGraph:
    """A NetworkX graph converted for castgraph: its nodes (in NetworkX's order)
    and its edges as positions, with the values of one edge attribute."""

    __networkx_backend__ = BACKEND

    def __init__(self, nodes, src, dst, values, multigraph=False):
        self.nodes = nodes
        self.src, self.dst, self.values = src, dst, values
        self.multigraph = multigraph
        self._graphs = {}

    def __len__(self):
        return len(self.nodes)

    def is_directed(self):
        return False

    def is_multigraph(self):
        return self.multigraph

    def castgraph(self, lengths):
        """The castgraph graph: weights as they are, or 1/length when ``lengths``."""
        if lengths not in self._graphs:
            names = [str(i) for i in range(len(self.nodes))]
            w = [1.0 / v for v in self.values] if lengths else self.values
            g, _ = _castgraph.from_edges(names, self.src, self.dst, w)
            self._graphs[lengths] = g
        return self._graphs[lengths]

    def result(self, values):
        return {n: float(v) for n, v in zip(self.nodes, values)}


def _measure(G, measure, attr, raw=False):
    """One castgraph measure of a converted graph, in node order; ``attr`` is the
    length attribute (None: hops)."""
    g = G.castgraph(attr is not None)
    values, _ = g.measure_values([measure], "inverse" if attr is not None else "hops", raw=raw)
    return values[0][1]


def _weight_of(name, bound):
    """The edge attribute a call reads (None: every edge 1), or a function."""
    key = "distance" if name in {"closeness_centrality", "harmonic_centrality"} else "weight"
    return bound.arguments.get(key)


def _bind(name, args, kwargs):
    f = getattr(BackendInterface, name)
    bound = inspect.signature(f).bind(*args, **kwargs)
    bound.apply_defaults()
    return bound


def _refusal(name, args, kwargs):
    """Why castgraph cannot run this call as NetworkX defines it, or None."""
    try:
        bound = _bind(name, args, kwargs)
    except TypeError as e:
        return f"arguments castgraph does not take: {e}"
    a = bound.arguments
    G = a["G"]
    if isinstance(G, CastgraphGraph):
        return None
    if G.is_directed():
        return "castgraph's graphs are undirected"
    if G.is_multigraph() and name != "leiden_communities":
        return "castgraph's ties are not multi-edges"
    if name != "leiden_communities" and nx.number_of_selfloops(G):
        return "castgraph has no ties of a node with itself"
    attr = _weight_of(name, bound)
    if callable(attr):
        return "a weight given as a function"
    if attr is not None:
        lengths = name in _LENGTHS
        for _, _, w in G.edges(data=attr, default=1):
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w):
                return f"edge attribute {attr!r} holds {w!r}, not a finite number"
            if w < 0 or (lengths and w == 0):
                return f"edge attribute {attr!r} holds {w!r}: castgraph needs {'lengths > 0' if lengths else 'weights >= 0'}"
    if name == "betweenness_centrality":
        if a.get("endpoints"):
            return "endpoints=True"
        k = a.get("k")
        if k is not None and k != len(G):
            return "k sampled sources (castgraph samples its own pivots)"
    elif name == "harmonic_centrality":
        if a.get("sources") is not None:
            return "sources="
    elif name == "eigenvector_centrality":
        if a.get("nstart") is not None:
            return "nstart="
        if a.get("max_iter", 100) != 100 or a.get("tol", 1e-6) != 1e-6:
            return "max_iter= or tol= other than NetworkX's defaults (castgraph's power iteration has them fixed)"
    elif name == "pagerank":
        for p in ("personalization", "nstart", "dangling"):
            if a.get(p) is not None:
                return f"{p}="
        alpha = a.get("alpha", 0.85)
        if not 0 < alpha <= 1:
            return "alpha outside (0, 1]"
    elif name == "leiden_communities":
        if a.get("max_level") is not None:
            return "max_level= (castgraph's Leiden runs to the end)"
        r = a.get("resolution", 1)
        if not (isinstance(r, (int, float)) and r > 0 and math.isfinite(r)):
            return "a resolution that is not a positive number"
    return None


def backend_info():
    """What NetworkX shows of the backend (entry point ``networkx.backend_info``)."""
    note = "castgraph computes NetworkX's definition in Rust."
    functions = {
        "degree_centrality": {},
        "betweenness_centrality": {
            "additional_docs": "Exact only (k None or len(G)), endpoints=False; the weight is a length, "
            "lengths equal to 1e-10 relative tie. " + note
        },
        "closeness_centrality": {"additional_docs": "The distance attribute is a length. " + note},
        "harmonic_centrality": {"additional_docs": "sources=None only; the distance attribute is a length. " + note},
        "eigenvector_centrality": {
            "additional_docs": "NetworkX's defaults only (max_iter=100, tol=1e-6, no nstart). " + note
        },
        "eigenvector_centrality_numpy": {"additional_docs": "The exact Perron vector. " + note},
        "pagerank": {
            "additional_docs": "Without personalization, nstart or dangling; the same iterates and stop. " + note
        },
        "leiden_communities": {
            "additional_docs": "castgraph's Leiden (best of 10 seeded runs, greedy refinement, communities "
            "split when not connected); max_level=None only; the seed is drawn from seed's generator. "
            "Self-loops and parallel edges count as nx.community.modularity counts them."
        },
    }
    return {
        "backend_name": BACKEND,
        "project": "castgraph",
        "package": "castgraph",
        "url": "",
        "short_summary": "Exact centralities and Leiden communities of weighted undirected graphs, in Rust.",
        "functions": functions,
        "default_config": {},
    }


def _seed(seed):
    """A 64-bit seed from NetworkX's seed argument (a random.Random after its decorator)."""
    if seed is None:
        return random.getrandbits(64)
    if isinstance(seed, int):
        return seed % (1 << 64)
    if hasattr(seed, "getrandbits"):
        return seed.getrandbits(64)
    if hasattr(seed, "integers"):  # numpy Generator
        return int(seed.integers(0, 1 << 63))
    if hasattr(seed, "randint"):  # numpy RandomState
        return int(seed.randint(0, 1 << 31))
    return hash(seed) % (1 << 64)


class BackendInterface:
    """The object NetworkX loads from the ``networkx.backends`` entry point."""

    @staticmethod
    def convert_from_nx(
        G,
        edge_attrs=None,
        node_attrs=None,
        preserve_edge_attrs=False,
        preserve_node_attrs=False,
        preserve_graph_attrs=False,
        name=None,
        graph_name=None,
    ):
        if isinstance(G, CastgraphGraph):
            return G
        if G.is_directed():
            raise NotImplementedError("castgraph's graphs are undirected")
        attr, default = None, 1
        if edge_attrs:
            attr, default = next(iter(edge_attrs.items()))
            if default is None:
                default = 1
        nodes = list(G)
        index = {n: i for i, n in enumerate(nodes)}
        src, dst, values = [], [], []
        if attr:
            for u, v, w in G.edges(data=attr, default=default):
                src.append(index[u])
                dst.append(index[v])
                values.append(float(w))
        else:
            for u, v in G.edges():
                src.append(index[u])
                dst.append(index[v])
                values.append(1.0)
        return CastgraphGraph(nodes, src, dst, values, multigraph=G.is_multigraph())

    @staticmethod
    def convert_to_nx(obj, *, name=None):
        if isinstance(obj, CastgraphGraph):
            G = nx.Graph()
            G.add_nodes_from(obj.nodes)
            G.add_weighted_edges_from(
                (obj.nodes[i], obj.nodes[j], w) for i, j, w in zip(obj.src, obj.dst, obj.values)
            )
            return G
        return obj

    @staticmethod
    def can_run(name, args, kwargs):
        if not hasattr(BackendInterface, name) or name in {
            "convert_from_nx",
            "convert_to_nx",
            "can_run",
            "should_run",
            "on_start_tests",
        }:
            return False
        reason = _refusal(name, args, kwargs)
        if reason is None:
            return True
        _log(name, False, reason)
        return reason

    @staticmethod
    def should_run(name, args, kwargs):
        return True

    @staticmethod
    def on_start_tests(items):
        pass

    # -- the backed functions (NetworkX's signatures) ---------------------

    @staticmethod
    def degree_centrality(G):
        _log("degree_centrality", True)
        n = len(G)
        if n <= 1:
            return {v: 1 for v in G.nodes}
        s = 1.0 / (n - 1.0)
        return {v: d * s for v, d in zip(G.nodes, _measure(G, "degree", None))}

    @staticmethod
    def betweenness_centrality(G, k=None, normalized=True, weight=None, endpoints=False, seed=None):
        _log("betweenness_centrality", True)
        return G.result(_measure(G, "betweenness", weight, raw=not normalized))

    @staticmethod
    def closeness_centrality(G, u=None, distance=None, wf_improved=True):
        _log("closeness_centrality", True)
        c = _measure(G, "closeness", distance)
        n = len(G)
        if not wf_improved and n > 1:
            component = G.castgraph(distance is not None).components()
            size = {}
            for x in component:
                size[x] = size.get(x, 0) + 1
            for i, x in enumerate(component):
                r = size[x]
                if r > 1:
                    c[i] *= (n - 1) / (r - 1)
        result = G.result(c)
        if u is not None:
            return result[u]
        return result

    @staticmethod
    def harmonic_centrality(G, nbunch=None, distance=None, sources=None):
        _log("harmonic_centrality", True)
        result = G.result(_measure(G, "harmonic", distance))
        if nbunch is None:
            return result
        return {v: result[v] for v in nbunch if v in result}

    @staticmethod
    def eigenvector_centrality(G, max_iter=100, tol=1.0e-6, nstart=None, weight=None):
        _log("eigenvector_centrality", True)
        if len(G) == 0:
            raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
        values = _castgraph.eigenvector_nx(G.castgraph(False), weight is not None)
        if values is None:
            raise nx.PowerIterationFailedConvergence(max_iter)
        return G.result(values)

    @staticmethod
    def eigenvector_centrality_numpy(G, weight=None, max_iter=50, tol=0):
        _log("eigenvector_centrality_numpy", True)
        if len(G) == 0:
            raise nx.NetworkXPointlessConcept("cannot compute centrality for the null graph")
        values, components = _castgraph.eigenvector_exact(G.castgraph(False), weight is not None)
        if components > 1:
            raise nx.AmbiguousSolution(
                "`eigenvector_centrality_numpy` does not give consistent results for disconnected graphs"
            )
        return G.result(values)

    @staticmethod
    def pagerank(
        G, alpha=0.85, personalization=None, max_iter=100, tol=1.0e-6, nstart=None, weight="weight", dangling=None
    ):
        _log("pagerank", True)
        if len(G) == 0:
            return {}
        values = _castgraph.pagerank_nx(G.castgraph(False), alpha, tol, max_iter, weight is not None)
        if values is None:
            raise nx.PowerIterationFailedConvergence(max_iter)
        return G.result(values)

    @staticmethod
    def leiden_communities(G, weight="weight", resolution=1, max_level=None, seed=None):
        _log("leiden_communities", True)
        members = _castgraph.leiden_ties(len(G), G.src, G.dst, G.values, float(resolution), _seed(seed))
        return [{G.nodes[i] for i in m} for m in members]
