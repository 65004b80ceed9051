"""Errors: the command's one-line messages, as exceptions. Where the command
names a flag (``--max-scene-size``) or a command (``graph build FILE.csv``),
Python names the keyword (``max_scene_size=``) or the call
(``castgraph.build(paths)``); every other word is the same."""

import pytest

import castgraph
from conftest import cli_error, dataset, run

# How a message of the command reads in Python.
WORDING = {
    "--max-scene-size": "max_scene_size=",
    "`graph build FILE.csv`": "`castgraph.build(paths)`",
    "`graph central --top 0`": "`Graph.characters()`",
}


def in_python(message):
    for cli, py in WORDING.items():
        message = message.replace(cli, py)
    return message


def test_missing_file():
    with pytest.raises(castgraph.FileError) as e:
        castgraph.build("nope.csv")
    assert str(e.value) == cli_error("build", "nope.csv", "-o", "target/python-tests/x.json")
    assert isinstance(e.value, OSError) and isinstance(e.value, castgraph.Error)


def test_bad_file_contents(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(castgraph.DataError) as e:
        castgraph.build(bad)
    assert str(e.value) == cli_error("build", bad, "-o", tmp_path / "x.json")
    assert isinstance(e.value, ValueError)
    assert "line 1: no `characters` column" in str(e.value)


def test_messages_name_keywords_where_the_command_names_flags(tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("episode,characters\n1,A;B;C\n")
    with pytest.raises(castgraph.DataError) as e:
        castgraph.build(big, max_scene_size=2)
    cli = cli_error("build", big, "--max-scene-size", 2, "-o", tmp_path / "x.json")
    assert "--max-scene-size" in cli
    assert str(e.value) == in_python(cli)
    assert str(e.value).endswith("(check the separator, or raise the limit with max_scene_size=)")


def test_not_a_graph_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(castgraph.DataError) as e:
        castgraph.load(bad)
    cli = cli_error("central", "--graph", bad)
    assert str(e.value) == in_python(cli)
    assert "`castgraph.build(paths)`" in str(e.value)


def test_unknown_and_ambiguous_names():
    data = dataset("lesmis")
    g = castgraph.load(data.saved)
    for args in (("Valjen", "Javert"), ("Valjean", "Mme")):
        with pytest.raises(castgraph.RequestError) as e:
            g.path(*args)
        assert str(e.value) == in_python(cli_error("path", *args, "--graph", data.saved))
    with pytest.raises(castgraph.RequestError) as e:
        g.ego("nobody at all")
    assert str(e.value) == in_python(cli_error("ego", "nobody at all", "--graph", data.saved))


def test_not_connected():
    data = dataset("seed")
    g = castgraph.load(data.saved)
    with pytest.raises(castgraph.RequestError) as e:
        g.path("Carly", "Alya")
    cli = cli_error("path", "Carly", "Alya", "--graph", data.saved)
    assert str(e.value) == cli.replace("`graph stats`", "`Graph.stats()`")


def test_bad_values_get_the_commands_words():
    g = castgraph.load(dataset("lesmis").saved)
    _, err = run("central", "--by", "betweeness", "--graph", dataset("lesmis").saved, ok=False)
    with pytest.raises(castgraph.RequestError) as e:
        g.centrality(by="betweeness")
    assert str(e.value) in err
    assert "did you mean `betweenness`?" in str(e.value)
    with pytest.raises(castgraph.RequestError, match=r"unknown measure `pagerenk` \(did you mean `pagerank`\?"):
        g.centrality(["pagerenk"])
    with pytest.raises(castgraph.RequestError, match="unknown distance `hop`"):
        g.centrality(distance="hop")
    with pytest.raises(castgraph.RequestError, match="unknown output `panda` \\(did you mean `pandas`"):
        g.centrality(output="panda")
    _, err = run("build", "data/s1.csv", "--weight", "colum:x", ok=False)
    with pytest.raises(castgraph.RequestError) as e:
        castgraph.build("data/s1.csv", weight="colum:x")
    assert str(e.value).split(": ", 1)[1] in err
    with pytest.raises(castgraph.RequestError) as e:
        castgraph.build("data/s1.csv", window="words:5")
    assert str(e.value) == "window= and chapters= are for prose: give the characters to find with cast='CAST.csv'"
    assert cli_error("build", "data/s1.csv", "--window", "words:5") == (
        "--window and --chapters are for prose: give the characters to find with --cast CAST.csv"
    )
    with pytest.raises(castgraph.RequestError, match="the resolution must be a positive number, not -1"):
        g.communities(resolution=-1)
    with pytest.raises(castgraph.RequestError, match="restarts= must be at least 1"):
        g.communities(restarts=0)


def test_misspelt_keywords_are_type_errors():
    with pytest.raises(TypeError, match="min_scene"):
        castgraph.build("data/s1.csv", min_scene=3)
    with pytest.raises(TypeError):
        castgraph.load(dataset("seed").saved).centrality(weight="weight")


def test_from_scenes_errors():
    with pytest.raises(castgraph.RequestError, match=r"scene 2 lists 3 characters, more than the limit of 2"):
        castgraph.from_scenes([["A", "B"], ["A", "B", "C"]], max_scene_size=2)
    with pytest.raises(castgraph.RequestError, match="U\\+0007"):
        castgraph.from_scenes([["A\x07", "B"]])
    with pytest.raises(castgraph.RequestError, match="2 episodes for 1 scenes"):
        castgraph.from_scenes([["A", "B"]], episodes=[1, 2])
    with pytest.raises(TypeError, match="one column"):
        pd = pytest.importorskip("pandas")
        castgraph.from_scenes(pd.DataFrame({"characters": ["A;B"]}))


def test_messages_are_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('episode,characters\n1,"A;B\n')
    with pytest.raises(castgraph.Error) as e:
        castgraph.build(bad)
    assert "\n" not in str(e.value)
