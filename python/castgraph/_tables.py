"""Tables as the caller wants them: a pandas DataFrame when pandas is
installed (or ``output="pandas"``), else a dict of lists (``output="dict"``),
or a :class:`Table` that exports itself through the Arrow PyCapsule
interface (``output="arrow"``: ``polars.DataFrame(t)``, ``pyarrow.table(t)``
take it without copying). Each carries ``attrs``: what the ``graph`` command
prints in its caption, and the figures that go with the table."""

import importlib.util

OUTPUTS = ("pandas", "dict", "arrow")


class Columns(dict):
    """A table as a dict of lists (column name -> values), with ``attrs``."""

    __slots__ = ("attrs",)

    def __init__(self, *args, attrs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs = dict(attrs or {})


class Table:
    """A table computed by castgraph, for Arrow consumers.

    ``__arrow_c_stream__`` hands the columns to polars, pyarrow, DuckDB or
    nanoarrow as one record batch; ``to_pandas()`` and ``to_dict()`` convert;
    ``attrs`` holds the caption and the figures that go with the table.
    """

    __slots__ = ("_table", "attrs")

    def __init__(self, table, attrs=None):
        self._table = table
        self.attrs = dict(attrs or {})

    @property
    def column_names(self):
        return self._table.column_names

    @property
    def num_rows(self):
        return self._table.num_rows

    def __len__(self):
        return self._table.num_rows

    def __arrow_c_stream__(self, requested_schema=None):
        return self._table.__arrow_c_stream__(requested_schema)

    def __arrow_c_schema__(self):
        return self._table.__arrow_c_schema__()

    def to_dict(self):
        """The columns as a dict of lists (a :class:`Columns`, with ``attrs``)."""
        return Columns(self._table.to_pydict(), attrs=self.attrs)

    def to_pandas(self):
        """The columns as a pandas DataFrame (``attrs`` copied)."""
        import pandas as pd

        df = pd.DataFrame(self._table.to_pydict())
        df.attrs.update(self.attrs)
        return df

    def __repr__(self):
        return f"<castgraph.Table: {self.num_rows} rows, columns {', '.join(self.column_names)}>"


_HAS_PANDAS = None


def has_pandas():
    """True when pandas can be imported (looked up once, imported only when used)."""
    global _HAS_PANDAS
    if _HAS_PANDAS is None:
        _HAS_PANDAS = importlib.util.find_spec("pandas") is not None
    return _HAS_PANDAS


def convert(table, output, attrs=None):
    """The Rust table ``table`` as ``output`` asks (None: pandas if installed, else dict)."""
    if output is None:
        output = "pandas" if has_pandas() else "dict"
    if output not in OUTPUTS:
        from ._castgraph import unknown_choice
        from ._errors import RequestError

        raise RequestError(unknown_choice("output", str(output), list(OUTPUTS)))
    t = Table(table, attrs)
    if output == "arrow":
        return t
    if output == "dict":
        return t.to_dict()
    return t.to_pandas()
