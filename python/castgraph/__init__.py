"""castgraph from Python: scene records to a character graph, and who matters in it.

The engine is the Rust library behind the ``graph`` command; every answer is
the one the command prints (same columns, same rows, same numbers), and the
centralities equal NetworkX's to 1e-9::

    import castgraph
    g = castgraph.build("data/s1.csv")          # or castgraph.from_scenes([...]), castgraph.load(path)
    g.centrality().head()                        # a pandas DataFrame (a dict of lists without pandas)
    g.communities(), g.path("Carly", "Alya"), g.ego("Carly"), g.timeline(), g.stats()
    G = g.to_networkx()                          # and castgraph.from_networkx(G)
    nx.betweenness_centrality(G, backend="castgraph")   # the NetworkX backend

Weights: a tie's weight is a *strength*, the scenes two characters share (more
= closer). Strength, eigenvector, PageRank and communities use it as it is.
Path measures (betweenness, closeness, harmonic) and chains need a *length*:
``distance="inverse"`` takes 1/weight (the default), ``distance="hops"`` 1 per
tie. NetworkX reads the ``weight=`` of its path functions as a length, so
``nx.betweenness_centrality(G, weight="weight")`` makes a tie of 10 shared
scenes 10 times *longer* (networkx issue 3369): our ``distance="inverse"`` is
NetworkX with an edge attribute ``1/weight`` as the weight.

Errors are :class:`Error` subclasses with the command's one-line messages;
long computations release the GIL and stop on Ctrl-C.
"""

import os
import warnings as _warnings

from . import _castgraph
from ._errors import CastgraphWarning, DataError, Error, FileError, RequestError
from ._tables import Columns, Table, convert as _convert

__version__ = _castgraph.__version__

__all__ = [
    "Graph",
    "Table",
    "Columns",
    "build",
    "from_scenes",
    "from_networkx",
    "load",
    "timeline",
    "Error",
    "DataError",
    "FileError",
    "RequestError",
    "CastgraphWarning",
    "MEASURES",
]

#: Every centrality measure, in the column order of ``graph central``.
MEASURES = ("degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank")

_WEIGHTS = """
    Weights: a tie's weight is a strength (shared scenes; more = closer).{extra}
"""

_PATH_WEIGHTS = (
    " Path measures use a length: 1/weight with distance=\"inverse\", 1 per tie with"
    " distance=\"hops\" (NetworkX's weight= is a length: nx.betweenness_centrality(G,"
    " weight=\"weight\") makes strong ties long, networkx issue 3369; ours equals NetworkX"
    " given an edge attribute 1/weight)."
)


def _doc(extra=_PATH_WEIGHTS):
    """Appends the weight semantics to a function's docstring."""

    def add(f):
        f.__doc__ = (f.__doc__ or "").rstrip() + "\n" + _WEIGHTS.format(extra=extra)
        return f

    return add


def _warn(messages):
    for m in messages:
        _warnings.warn(m, CastgraphWarning, stacklevel=3)


def _paths(paths):
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _build_options(**options):
    return {k: (list(v) if k == "nodes" and isinstance(v, tuple) else v) for k, v in options.items()}


class Graph:
    """A character co-appearance graph: characters (with the scenes each
    appears in) and ties (with their weight and the scenes the two share).

    Make one with :func:`build`, :func:`from_scenes`, :func:`load` or
    :func:`from_networkx`. Tables come back as pandas DataFrames when pandas
    is installed, else as dicts of lists (``output="dict"``), or as an Arrow
    stream (``output="arrow"``); their ``attrs`` hold the command's caption.
    """

    __slots__ = ("_g",)

    def __init__(self, graph):
        if not isinstance(graph, _castgraph.Graph):
            raise TypeError(
                "make a Graph with castgraph.build(paths), castgraph.from_scenes(scenes), "
                "castgraph.load(path) or castgraph.from_networkx(G)"
            )
        self._g = graph

    # -- the graph itself ------------------------------------------------

    @property
    def character_count(self):
        """Number of characters."""
        return self._g.character_count

    @property
    def tie_count(self):
        """Number of ties."""
        return self._g.tie_count

    @property
    def scene_count(self):
        """Number of scenes (an edge list's rows, a graph file's edges) the graph was built from."""
        return self._g.scene_count

    @property
    def names(self):
        """The characters' names, in order of first appearance."""
        return self._g.names()

    @property
    def provenance(self):
        """How the graph was built when not with the defaults (``"weight='newman' min_scenes=3"``), else None."""
        return self._g.provenance()

    @property
    def sources(self):
        """The files read: a list of dicts with path, format, scenes_read, scenes (kept)."""
        return [
            {"path": p, "format": f, "scenes_read": r, "scenes": k} for p, f, r, k in self._g.sources()
        ]

    def __len__(self):
        return self._g.character_count

    def __contains__(self, name):
        return name in set(self._g.names())

    def __repr__(self):
        return f"<castgraph.Graph: {self.character_count} characters, {self.tie_count} ties>"

    @_doc(" Each tie's weight is listed as it is.")
    def characters(self, *, output=None):
        """Characters in order of first appearance: ``character``, ``scenes``, ``group``
        (a play's chorus or "servants": several people speaking as one)."""
        return _convert(self._g.characters(), output)

    @_doc(" ``weight`` is the sum of what each shared scene added (1 a scene by default).")
    def ties(self, *, output=None):
        """Ties in order of their first shared scene: ``source``, ``target``, ``weight``, ``scenes``."""
        return _convert(self._g.ties(), output)

    def save(self, path):
        """Writes the saved-graph file that ``graph build -o PATH`` writes and every
        ``graph`` command reads with ``--graph PATH`` (and :func:`load` reads back)."""
        self._g.save(os.fspath(path))

    # -- questions -------------------------------------------------------

    @_doc()
    def centrality(
        self,
        measures=None,
        distance="inverse",
        unweighted=False,
        sample=None,
        *,
        seed=42,
        raw=False,
        eigenvector_scope="graph",
        by=None,
        top=None,
        output=None,
    ):
        """Centrality of every character: the table of ``graph central --format csv``.

        Columns ``rank, character, scenes, degree, strength`` and the measures
        (``measures``: a list among :data:`MEASURES`, default all; asking for
        one path measure computes the three), ranked by ``by`` (default
        pagerank, or the first measure asked for; ``"scenes"`` works too), ties
        broken by name; ``top=N`` keeps the first N rows.

        NetworkX equivalents (distance 1/weight as an edge attribute ``d``):
        degree ``G.degree``, strength ``G.degree(weight="weight")``,
        betweenness ``nx.betweenness_centrality(G, weight=d)`` (``raw=True``:
        ``normalized=False``), closeness ``nx.closeness_centrality(G, distance=d)``,
        harmonic ``nx.harmonic_centrality(G, distance=d)``, eigenvector
        ``nx.eigenvector_centrality_numpy(G, weight="weight")`` (on a
        disconnected graph: the component with the largest eigenvalue, 0
        elsewhere; ``eigenvector_scope="component"``: each component on its
        own), pagerank ``nx.pagerank(G, weight="weight")`` (converged to 1e-12).

        ``unweighted=True``: every tie counts 1 for every measure (strength =
        degree, hops, unweighted PageRank, eigenvector as
        ``nx.eigenvector_centrality(G)``: DraCor's values). ``sample=K``
        estimates the path measures from K random sources (``seed``).
        ``attrs["caption"]`` says how the values were computed.
        """
        table, caption, warns = self._g.centrality(
            measures=list(measures) if measures is not None else None,
            distance=distance,
            unweighted=unweighted,
            sample=sample,
            seed=seed,
            raw=raw,
            eigenvector_scope=eigenvector_scope,
            by=by,
            top=top,
        )
        _warn(warns)
        return _convert(table, output, {"caption": caption})

    @_doc(" Distances here are in hops; total_weight sums the weights (unweighted=True: counts ties).")
    def stats(self, unweighted=False):
        """Figures about the whole graph, as ``graph stats --format json`` prints them (a dict):
        scenes, characters, ties, total_weight, density, components, largest_component,
        component_details (per component of 2+: size, first, diameter, average_shortest_path),
        average_clustering, average_degree, max_degree, max_degree_characters, diameter and
        average_path_length (over all reachable pairs, components pooled, as DraCor).
        NetworkX: nx.density(G), nx.average_clustering(G), nx.diameter and
        nx.average_shortest_path_length on each component."""
        import json

        return json.loads(self._g.stats(unweighted))

    @_doc(" Communities maximise modularity over the weights as strengths.")
    def communities(self, resolution=1.0, seed=42, restarts=None, *, output=None):
        """Leiden modularity communities: the table of ``graph communities --format csv``
        (``community, character, scenes, degree, strength, internal_strength``),
        communities numbered from 1, largest first.

        Q = sum over communities of L_c/m - resolution * (K_c/2m)^2, exactly
        ``nx.community.modularity(G, communities, weight="weight", resolution=...)``;
        the best of ``restarts`` runs (default 10) seeded from ``seed``.
        ``attrs``: modularity (None without ties), count, runs, resolution,
        seed, communities (lists of names), caption.
        """
        import json

        table, meta = self._g.communities(resolution, seed, restarts)
        meta = json.loads(meta)
        names = self._g.names()
        meta["communities"] = [[names[i] for i in m] for m in meta.pop("members")]
        return _convert(table, output, meta)

    @_doc(
        ' The "inverse" chain is the shortest under length 1/weight (the most shared scenes,'
        ' nx.shortest_path(G, a, b, weight=lambda u, v, d: 1 / d["weight"])); "hops" has the'
        " fewest ties, the strongest among them."
    )
    def path(self, source, target, distance=None, *, output=None):
        """The chains of ties between two characters: the table of ``graph path A B --format csv``
        (``chain, step, from, to, weight, shared_scenes, length, scenes``): both chains, or
        the one of ``distance``. Names match ignoring case and accents, or by a unique part.
        ``attrs["chains"]``: for each chain its length, hops, the number of equally short
        chains and its characters."""
        import json

        table, meta = self._g.path(source, target, distance)
        return _convert(table, output, json.loads(meta))

    @_doc(" tie_to_centre and strength are weights as strengths.")
    def ego(self, name, radius=1, *, output=None):
        """The neighbourhood of a character: the table of ``graph ego NAME --format csv``
        (``character, hops, scenes, tie_to_centre, degree, strength``): the character,
        everyone within ``radius`` ties and the ties among them (``nx.ego_graph(G, name,
        radius=radius)``); degree and strength inside the ego graph."""
        import json

        table, meta = self._g.ego(name, radius)
        return _convert(table, output, json.loads(meta))

    @_doc(" The ego graph keeps the weights of its ties.")
    def ego_graph(self, name, radius=1):
        """The ego graph of ``name`` as a :class:`Graph` (``graph ego NAME --save PATH``)."""
        return Graph(self._g.ego_graph(name, radius))

    @_doc()
    def timeline(
        self,
        prefix=None,
        cumulative=False,
        measures=None,
        distance="inverse",
        unweighted=False,
        sample=None,
        *,
        seed=42,
        raw=False,
        eigenvector_scope="graph",
        rank_by="pagerank",
        top=None,
        characters=None,
        format="long",
        ranks=False,
        output=None,
    ):
        """Centrality episode by episode, from the scenes the graph lists: ``graph timeline
        --graph PATH`` (the same as the timeline of its files with the options it was
        built with). ``format="long"``: ``episode, character, measure, value, rank``, one
        row per episode, character and quantity (scenes, degree, strength and the
        ``measures``); ``format="wide"``: one row per character, a column ``all`` and one
        per episode, holding the ``rank_by`` value (``ranks=True``: its rank).
        ``prefix=N`` groups ``1.2.4`` episodes by their first N parts; ``cumulative``:
        each episode's graph holds every scene up to it; ``top`` or ``characters``
        choose the rows. For other groupings (a column such as season), use
        :func:`castgraph.timeline` on the files."""
        table, caption, warns = self._g.timeline(
            prefix=prefix,
            cumulative=cumulative,
            measures=list(measures) if measures is not None else None,
            distance=distance,
            unweighted=unweighted,
            sample=sample,
            seed=seed,
            raw=raw,
            eigenvector_scope=eigenvector_scope,
            rank_by=rank_by,
            top=top,
            characters=list(characters) if characters is not None else None,
            format=format,
            ranks=ranks,
        )
        _warn(warns)
        return _convert(table, output, {"caption": caption})

    # -- NetworkX --------------------------------------------------------

    @_doc(" Edges carry weight (strength) and scenes; nodes carry scenes (and group=True for a group).")
    def to_networkx(self):
        """The graph as a ``networkx.Graph``: nodes are names in order of first appearance,
        with ``scenes``; edges in order of first shared scene, with ``weight`` and
        ``scenes``. For NetworkX's path functions give it a length, e.g.
        ``for u, v, d in G.edges(data=True): d["distance"] = 1 / d["weight"]``."""
        import networkx as nx

        g = self._g
        names = g.names()
        G = nx.Graph()
        groups = g.characters().to_pydict()["group"]
        for name, scenes, group in zip(names, g.character_scenes(), groups):
            if group:
                G.add_node(name, scenes=scenes, group=True)
            else:
                G.add_node(name, scenes=scenes)
        a, b, w, s = g.tie_arrays()
        G.add_edges_from(
            (names[i], names[j], {"weight": wt, "scenes": sc}) for i, j, wt, sc in zip(a, b, w, s)
        )
        return G


# -- making graphs ---------------------------------------------------------


@_doc(" weight= says what a shared scene adds: \"scenes\" (+1), \"newman\" (1/(k-1) in a scene of k), or \"column:NAME\".")
def build(
    paths,
    *,
    input_format=None,
    separator=";",
    sgb_scene="group",
    presence="speakers",
    names="as-written",
    no_groups=False,
    aliases=None,
    nodes=None,
    episodes=None,
    where=None,
    min_scenes=0,
    min_weight=0.0,
    drop_isolated=False,
    weight="scenes",
    max_scene_size=_castgraph.DEFAULT_MAX_SCENE_SIZE,
    cast=None,
    window="paragraph",
    chapters=None,
):
    """Reads scene files into a :class:`Graph`, as ``graph build FILE...`` does (same
    formats, detected from the extension and the header, same options as keywords):

    - ``input_format``: wide, long, sgb, ezlinavis, edgelist, tei, fountain, fdx,
      text, graphml, gexf, json (default: detected);
    - ``separator`` of a wide CSV's names; ``sgb_scene`` ("group" or "chapter");
      plays and scripts: ``presence`` ("speakers", "stage", "action"), ``names``
      ("as-written", "id", "title"), ``no_groups``;
    - ``aliases``: CSV ``alias,name[,episodes]``; ``nodes``: node table(s) of edge lists;
    - filters: ``episodes`` ("1-3,5" or a list), ``where`` ({"season": "2"}),
      ``min_scenes``, ``min_weight``, ``drop_isolated``;
    - ``weight``: the weighting rule; ``max_scene_size``;
    - prose: ``cast`` (CSV name,aliases), ``window`` ("paragraph", "sentence",
      "sentences:N", "words:N"), ``chapters`` (a regular expression).

    Warnings of the build (unused aliases, possible duplicates...) are
    :class:`CastgraphWarning`\\ s; errors are :class:`DataError` (a file's
    contents, with file and line), :class:`FileError` or :class:`RequestError`.
    """
    options = _build_options(
        input_format=input_format,
        separator=separator,
        sgb_scene=sgb_scene,
        presence=presence,
        names=names,
        no_groups=no_groups,
        aliases=aliases,
        nodes=nodes,
        episodes=episodes,
        where=where,
        min_scenes=min_scenes,
        min_weight=min_weight,
        drop_isolated=drop_isolated,
        weight=weight,
        max_scene_size=max_scene_size,
        cast=cast,
        window=window,
        chapters=chapters,
    )
    g, warns = _castgraph.build(_paths(paths), options)
    _warn(warns)
    return Graph(g)


def _values(column):
    """A pandas or polars column (or any iterable) as a list."""
    if hasattr(column, "to_list"):
        return column.to_list()
    if hasattr(column, "tolist"):
        return column.tolist()
    return list(column)


def _is_missing(x):
    return x is None or (isinstance(x, float) and x != x)


@_doc(' weight="scenes": each shared scene adds 1; weight="newman": 1/(k-1) in a scene of k characters.')
def from_scenes(
    scenes,
    episodes=None,
    *,
    separator=";",
    weight="scenes",
    min_scenes=0,
    min_weight=0.0,
    drop_isolated=False,
    max_scene_size=_castgraph.DEFAULT_MAX_SCENE_SIZE,
):
    """A :class:`Graph` of scenes given in Python: an iterable of scenes, each a list of
    names or a text of names joined by ``separator`` (a wide CSV's ``characters``
    cell), e.g. a pandas or polars column. ``episodes``: one per scene (or None),
    for timelines. Names are normalised as the readers do (Unicode NFC, spaces
    collapsed); a name repeated in a scene counts once; missing values are
    empty scenes. Filters as :func:`build`'s."""
    if hasattr(scenes, "columns") and not hasattr(scenes, "name"):
        raise TypeError("from_scenes takes one column of scenes (e.g. df['characters']), not a whole table")
    rows = []
    for item in _values(scenes):
        if _is_missing(item):
            rows.append([])
        elif isinstance(item, str):
            rows.append(item.split(separator))
        else:
            rows.append([n if isinstance(n, str) else str(n) for n in _values(item) if not _is_missing(n)])
    eps = None
    if episodes is not None:
        eps = [None if _is_missing(e) else str(e) for e in _values(episodes)]
    g = _castgraph.from_scenes(
        rows,
        eps,
        weight=weight,
        min_scenes=min_scenes,
        min_weight=min_weight,
        drop_isolated=drop_isolated,
        max_scene_size=max_scene_size,
    )
    return Graph(g)


@_doc(" The file keeps every tie's weight, its scenes and how the graph was built.")
def load(path):
    """Reads a saved-graph file (what ``graph build`` writes, or :meth:`Graph.save`)."""
    return Graph(_castgraph.load(os.fspath(path)))


@_doc(
    " weight= names the edge attribute read as the strength (None: every edge 1; a missing"
    " attribute counts 1); directed edges are read as undirected and parallel edges summed,"
    " as graph files are."
)
def from_networkx(G, weight="weight", scenes="scenes"):
    """A :class:`Graph` of a NetworkX graph: each node a character (named ``str(node)``),
    each edge a tie. ``scenes`` names the node and edge attribute holding scene counts
    (castgraph's exports and :meth:`Graph.to_networkx` write it); without it an edge is
    one scene and a character as many scenes as it has edges. Self-loops are left out
    with a warning (a tie joins two characters); negative or non-finite weights are refused.
    Ties come in NetworkX's edge order (by node, then neighbour), not in order of their
    first shared scene: measures are the same, but seeded Leiden runs, which visit ties
    in order, may find another partition than on the original graph."""
    import math

    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    names = [n if isinstance(n, str) else str(n) for n in nodes]
    src, dst, wts, tie_scenes = [], [], [], []
    edge_count = [0] * len(nodes)
    has_scenes = scenes is not None
    zero = 0
    edges = G.edges(data=True, keys=False) if G.is_multigraph() else G.edges(data=True)
    for u, v, d in edges:
        w = 1.0 if weight is None else d.get(weight, 1)
        try:
            w = float(w)
        except (TypeError, ValueError):
            raise RequestError(f"edge ({u!r}, {v!r}): its {weight!r} is {w!r}, not a number") from None
        if not math.isfinite(w) or w < 0:
            raise RequestError(
                f"edge ({u!r}, {v!r}): its {weight!r} is {w!r}; a tie's weight must be a finite number of at least 0"
            )
        if w == 0:
            zero += 1
            continue
        i, j = index[u], index[v]
        src.append(i)
        dst.append(j)
        wts.append(w)
        if i != j:
            edge_count[i] += 1
            edge_count[j] += 1
        s = d.get(scenes) if has_scenes else None
        tie_scenes.append(int(s) if s is not None else 1)
    character_scenes = []
    for n, i in index.items():
        s = G.nodes[n].get(scenes) if has_scenes else None
        character_scenes.append(int(s) if s is not None else edge_count[i])
    g, loops = _castgraph.from_edges(names, src, dst, wts, character_scenes, tie_scenes)
    if loops:
        _warn([f"{loops} self-loop{'s' if loops != 1 else ''} left out: a tie joins two characters"])
    if zero:
        _warn([f"{zero} edge{'s' if zero != 1 else ''} of weight 0 left out: a tie of weight 0 is no tie"])
    return Graph(g)


@_doc()
def timeline(
    paths,
    by="episode",
    prefix=None,
    cumulative=False,
    measures=None,
    distance="inverse",
    unweighted=False,
    sample=None,
    *,
    seed=42,
    raw=False,
    eigenvector_scope="graph",
    rank_by="pagerank",
    top=None,
    characters=None,
    format="long",
    ranks=False,
    output=None,
    **options,
):
    """Centrality group by group, read from scene files: ``graph timeline FILE...``.
    ``by``: "episode" (each format's episode) or a column such as "season"; the build
    options of :func:`build` as keywords (``weight=``, ``min_scenes=``, ...); the rest
    as :meth:`Graph.timeline`. The group column is named after ``by``."""
    table, caption, warns = _castgraph.timeline(
        _paths(paths),
        _build_options(**options),
        by=by,
        prefix=prefix,
        cumulative=cumulative,
        measures=list(measures) if measures is not None else None,
        distance=distance,
        unweighted=unweighted,
        sample=sample,
        seed=seed,
        raw=raw,
        eigenvector_scope=eigenvector_scope,
        rank_by=rank_by,
        top=top,
        characters=list(characters) if characters is not None else None,
        format=format,
        ranks=ranks,
    )
    _warn(warns)
    return _convert(table, output, {"caption": caption})
