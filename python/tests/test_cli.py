"""Every function against the ``graph`` command on the same data: the same
tables (columns, rows, order) and the same numbers (to 1e-9; in fact bit for
bit, one library computes both)."""

import json

import pytest

import castgraph
from conftest import ROOT, WORK, cli_csv, cli_json, close, dataset, read_scenes, run, same_table


def test_build_saves_the_file_the_command_saves(data, tmp_path):
    g = castgraph.build(data.rel)
    ours = tmp_path / "ours.json"
    g.save(ours)
    assert ours.read_bytes() == data.saved.read_bytes()
    again = castgraph.load(data.saved)
    assert again.names == g.names
    assert again.ties(output="dict") == g.ties(output="dict")
    assert again.characters(output="dict") == g.characters(output="dict")


def test_build_options_as_the_command_takes_them(tmp_path):
    path = dataset("generated").rel
    g = castgraph.build(
        path, weight="newman", min_scenes=20, min_weight=0.5, drop_isolated=True, episodes="1-9,e1,e2"
    )
    theirs = tmp_path / "theirs.json"
    run(
        "build", path, "-o", theirs, "--quiet", "--weight", "newman", "--min-scenes", 20, "--min-weight", 0.5,
        "--drop-isolated", "--episodes", "1-9,e1,e2",
    )
    ours = tmp_path / "ours.json"
    g.save(ours)
    assert ours.read_bytes() == theirs.read_bytes()
    assert g.provenance == "weight='newman' episodes='1-9,e1,e2' min_scenes=20 min_weight=0.5 drop_isolated=True"


def test_build_where_and_aliases(tmp_path):
    scenes = tmp_path / "s.csv"
    scenes.write_text("episode,season,characters\n1,1,Ann;Bob\n2,2,Ann;Bobby;Cy\n3,2,Cy;Ann\n")
    aliases = tmp_path / "a.csv"
    aliases.write_text("alias,name\nBobby,Bob\n")
    g = castgraph.build(scenes, where={"season": 2}, aliases=aliases)
    theirs = tmp_path / "t.json"
    run("build", scenes, "-o", theirs, "--quiet", "--where", "season=2", "--aliases", aliases)
    assert g.ties(output="dict") == castgraph.load(theirs).ties(output="dict")
    assert g.names == ["Ann", "Bob", "Cy"]


MEASURE_FLAGS = [
    ({}, []),
    ({"distance": "hops"}, ["--distance", "hops"]),
    ({"unweighted": True}, ["--unweighted"]),
    ({"raw": True, "eigenvector_scope": "component"}, ["--raw", "--eigenvector-scope", "component"]),
    ({"sample": 40, "seed": 7}, ["--sample", 40, "--seed", 7]),
]


@pytest.mark.parametrize("kwargs,flags", MEASURE_FLAGS, ids=["default", "hops", "unweighted", "raw", "sample"])
def test_centrality(data, kwargs, flags):
    g = castgraph.load(data.saved)
    ours = g.centrality(output="dict", **kwargs)
    theirs = cli_csv("central", "--graph", data.saved, "--top", 0, "--format", "csv", *flags)
    same_table(ours, theirs)
    assert ours.attrs["caption"].startswith("ranked by pagerank; path measures: ")


def test_centrality_by_and_top(data):
    g = castgraph.load(data.saved)
    ours = g.centrality(by="betweenness", top=5, output="dict")
    theirs = cli_csv("central", "--graph", data.saved, "--by", "betweenness", "--top", 5, "--format", "csv")
    same_table(ours, theirs)
    ours = g.centrality(by="scenes", output="dict")
    same_table(ours, cli_csv("central", "--graph", data.saved, "--by", "scenes", "--top", 0, "--format", "csv"))


def test_centrality_of_some_measures(data):
    g = castgraph.load(data.saved)
    full = g.centrality(output="dict")
    some = g.centrality(["pagerank", "degree"], output="dict")
    assert list(some) == ["rank", "character", "scenes", "degree", "strength", "pagerank"]
    assert some["character"] == full["character"] and some["pagerank"] == full["pagerank"]


def test_stats(data):
    g = castgraph.load(data.saved)
    assert g.stats() == cli_json("stats", "--graph", data.saved, "--format", "json")
    assert g.stats(unweighted=True) == cli_json("stats", "--graph", data.saved, "--format", "json", "--unweighted")


@pytest.mark.parametrize("resolution", [1.0, 1.5])
def test_communities(data, resolution):
    g = castgraph.load(data.saved)
    ours = g.communities(resolution=resolution, output="dict")
    args = ("communities", "--graph", data.saved, "--resolution", resolution)
    same_table(ours, cli_csv(*args, "--format", "csv"))
    doc = cli_json(*args, "--format", "json")
    assert ours.attrs["communities"] == [c["members"] for c in doc["communities"]]
    assert ours.attrs["modularity"] == doc["modularity"] and ours.attrs["runs"] == doc["runs"]


def pairs(g):
    """Two pairs of characters to join: the two leaders, and the leader with the last of its component."""
    table = g.centrality(["pagerank"], output="dict")
    names = table["character"]
    comp = dict(zip(g.names, g._g.components()))
    lead = names[0]
    same = [n for n in names if comp[n] == comp[lead] and n != lead]
    return [(lead, same[0]), (same[-1], lead)]


def test_path(data):
    g = castgraph.load(data.saved)
    for a, b in pairs(g):
        ours = g.path(a, b, output="dict")
        same_table(ours, cli_csv("path", a, b, "--graph", data.saved, "--format", "csv"))
        doc = cli_json("path", a, b, "--graph", data.saved, "--format", "json")
        for mine, theirs in zip(ours.attrs["chains"], doc["chains"]):
            for key in ("distance", "hops", "equally_short", "characters"):
                assert mine[key] == theirs[key]
            assert close(mine["length"], theirs["length"])
        hops = g.path(a, b, distance="hops", output="dict")
        same_table(hops, cli_csv("path", a, b, "--graph", data.saved, "--format", "csv", "--distance", "hops"))


@pytest.mark.parametrize("radius", [1, 2])
def test_ego(data, radius):
    g = castgraph.load(data.saved)
    name = g.centrality(["pagerank"], top=1, output="dict")["character"][0]
    ours = g.ego(name, radius, output="dict")
    same_table(ours, cli_csv("ego", name, "--radius", radius, "--graph", data.saved, "--format", "csv"))
    saved = WORK / f"ego-{data.name}-{radius}.json"
    run("ego", name, "--radius", radius, "--graph", data.saved, "--save", saved, "--format", "csv")
    assert g.ego_graph(name, radius).ties(output="dict") == castgraph.load(saved).ties(output="dict")


TIMELINE_FLAGS = [
    ({}, []),
    ({"measures": ["pagerank", "betweenness"], "cumulative": True}, ["--measures", "pagerank,betweenness", "--cumulative"]),
    ({"distance": "hops", "top": 5}, ["--distance", "hops", "--top", 5]),
]


@pytest.mark.parametrize("kwargs,flags", TIMELINE_FLAGS, ids=["default", "cumulative", "hops-top"])
def test_timeline_of_the_saved_graph(data, kwargs, flags):
    g = castgraph.load(data.saved)
    ours = g.timeline(output="dict", **kwargs)
    same_table(ours, cli_csv("timeline", "--graph", data.saved, "--format", "csv", *flags))


def test_timeline_of_files_and_wide(data):
    ours = castgraph.timeline(data.rel, output="dict", min_scenes=2)
    same_table(ours, cli_csv("timeline", data.rel, "--format", "csv", "--min-scenes", 2))
    for ranks in (False, True):
        wide = castgraph.timeline(data.rel, format="wide", ranks=ranks, rank_by="degree", output="dict")
        flags = ["--ranks"] if ranks else []
        same_table(wide, cli_csv("timeline", data.rel, "--format", "wide", "--rank-by", "degree", *flags))


def test_timeline_by_a_column(tmp_path):
    scenes = tmp_path / "s.csv"
    scenes.write_text(
        "episode,season,characters\n1,1,Ann;Bob\n2,1,Ann;Cy\n3,2,Cy;Bob;Dee\n4,2,Dee;Ann\n5,2,Bob;Dee\n"
    )
    ours = castgraph.timeline(scenes, by="season", characters=["ann", "Dee"], output="dict")
    assert list(ours)[0] == "season"
    same_table(ours, cli_csv("timeline", scenes, "--by", "season", "--characters", "ann,Dee", "--format", "csv"))


def test_from_scenes_is_the_graph_of_the_file(data):
    scenes = read_scenes(data.path)
    g = castgraph.from_scenes([names for _, names in scenes], [e for e, _ in scenes])
    built = castgraph.load(data.saved)
    assert g.names == built.names
    assert g.ties(output="dict") == built.ties(output="dict")
    assert g.characters(output="dict") == built.characters(output="dict")
    assert g.centrality(output="dict") == built.centrality(output="dict")
    # The scene list is kept: the timeline of the scenes is the file's.
    same_table(g.timeline(output="dict"), cli_csv("timeline", "--graph", data.saved, "--format", "csv"))


def test_from_scenes_takes_pandas_and_polars_columns():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    path = dataset("seed").path
    df = pd.read_csv(path)
    built = castgraph.load(dataset("seed").saved)
    want = built.ties(output="dict")
    assert castgraph.from_scenes(df["characters"], df["episode"]).ties(output="dict") == want
    lists = df["characters"].str.split(";")
    assert castgraph.from_scenes(lists).ties(output="dict") == want
    pdf = pl.read_csv(path)
    assert castgraph.from_scenes(pdf["characters"]).ties(output="dict") == want
    assert castgraph.from_scenes(pdf["characters"].str.split(";")).ties(output="dict") == want


def test_from_scenes_newman_and_filters(tmp_path):
    path = dataset("lesmis")
    scenes = read_scenes(path.path)
    g = castgraph.from_scenes([n for _, n in scenes], weight="newman", min_scenes=3, drop_isolated=True)
    theirs = tmp_path / "t.json"
    run("build", path.rel, "-o", theirs, "--quiet", "--weight", "newman", "--min-scenes", 3, "--drop-isolated")
    assert g.ties(output="dict") == castgraph.load(theirs).ties(output="dict")
