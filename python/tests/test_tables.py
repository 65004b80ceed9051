"""Tables: pandas DataFrames, dicts of lists, and the Arrow PyCapsule
interface read by polars (nulls, booleans, text, whole numbers, floats)."""

import pytest

import castgraph
from conftest import dataset


def graph():
    return castgraph.load(dataset("lesmis").saved)


def test_pandas_by_default():
    pd = pytest.importorskip("pandas")
    g = graph()
    df = g.centrality()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["rank", "character", "scenes", "degree", "strength", *castgraph.MEASURES[2:]]
    assert df["character"].tolist() == g.centrality(output="dict")["character"]
    assert df.attrs["caption"].startswith("ranked by pagerank")
    assert str(df["degree"].dtype) == "int64" and str(df["pagerank"].dtype) == "float64"


def test_dict_without_pandas(monkeypatch):
    from castgraph import _tables

    monkeypatch.setattr(_tables, "_HAS_PANDAS", False)
    c = graph().communities()
    assert isinstance(c, castgraph.Columns) and isinstance(c, dict)
    assert set(c.attrs) >= {"modularity", "communities", "caption"}


def test_arrow_stream_into_polars():
    pl = pytest.importorskip("polars")
    g = graph()
    for table, as_dict in [
        (g.centrality(output="arrow"), g.centrality(output="dict")),
        (g.ego("Valjean", 2, output="arrow"), g.ego("Valjean", 2, output="dict")),
        (g.characters(output="arrow"), g.characters(output="dict")),
        (g.timeline(format="wide", ranks=True, output="arrow"), g.timeline(format="wide", ranks=True, output="dict")),
        (g.path("Valjean", "Child1", output="arrow"), g.path("Valjean", "Child1", output="dict")),
    ]:
        assert isinstance(table, castgraph.Table)
        df = pl.DataFrame(table)
        assert df.columns == table.column_names == list(as_dict)
        assert df.to_dict(as_series=False) == dict(as_dict)
    ego = pl.DataFrame(g.ego("Valjean", 2, output="arrow"))
    assert ego["tie_to_centre"].null_count() > 0
    assert ego.schema["hops"] == pl.Int64 and ego.schema["tie_to_centre"] == pl.Float64
    assert pl.DataFrame(g.characters(output="arrow")).schema["group"] == pl.Boolean


def test_arrow_stream_can_be_read_twice_and_dropped_unread():
    pl = pytest.importorskip("polars")
    t = graph().ties(output="arrow")
    assert pl.DataFrame(t).equals(pl.DataFrame(t))
    for _ in range(100):
        t.__arrow_c_stream__()  # released by the capsule
        t.__arrow_c_schema__()


def test_empty_tables():
    pl = pytest.importorskip("polars")
    g = castgraph.from_scenes([])
    t = g.centrality(output="arrow")
    assert len(t) == 0
    assert pl.DataFrame(t).shape == (0, 10)
