//! Tables handed to Python: named columns of text, whole numbers or floats,
//! turned into a dict of lists (and from there a pandas DataFrame) or
//! exported through the Arrow PyCapsule interface (`__arrow_c_stream__`),
//! which polars, pyarrow, DuckDB and nanoarrow read without copying.

use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};

use crate::arrow;

/// One column's values.
#[derive(Debug, Clone)]
pub enum Column {
    /// Text.
    Str(Vec<String>),
    /// Whole numbers.
    Int(Vec<i64>),
    /// Floats.
    Float(Vec<f64>),
    /// Floats where some rows have no value (null in Arrow, `None` in lists, NaN in pandas).
    OptFloat(Vec<Option<f64>>),
    /// Whole numbers where some rows have no value.
    OptInt(Vec<Option<i64>>),
    /// True or false.
    Bool(Vec<bool>),
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Str(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::OptFloat(v) => v.len(),
            Column::OptInt(v) => v.len(),
            Column::Bool(v) => v.len(),
        }
    }

    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        match self {
            Column::Str(v) => PyList::new(py, v),
            Column::Int(v) => PyList::new(py, v),
            Column::Float(v) => PyList::new(py, v),
            Column::OptFloat(v) => PyList::new(py, v),
            Column::OptInt(v) => PyList::new(py, v),
            Column::Bool(v) => PyList::new(py, v),
        }
    }
}

/// A table under construction: columns in order.
#[derive(Debug, Clone, Default)]
pub struct Columns(pub Vec<(String, Column)>);

impl Columns {
    /// Adds a column.
    pub fn push(&mut self, name: &str, column: Column) {
        self.0.push((name.to_string(), column));
    }
}

/// A table of named columns, as the library computed it.
///
/// `to_pydict()` gives a dict of lists; `__arrow_c_stream__` exports it
/// through the Arrow C stream interface (one record batch).
#[pyclass(module = "castgraph._castgraph", name = "Table", frozen)]
pub struct Table {
    columns: Columns,
}

impl Table {
    /// A table of these columns (all of one length).
    pub fn new(columns: Columns) -> Table {
        debug_assert!(columns.0.windows(2).all(|w| w[0].1.len() == w[1].1.len()));
        Table { columns }
    }
}

#[pymethods]
impl Table {
    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.columns.0.iter().map(|(n, _)| n.clone()).collect()
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.columns.0.first().map_or(0, |(_, c)| c.len())
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    /// The table as a dict of lists, columns in order.
    fn to_pydict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (name, column) in &self.columns.0 {
            out.set_item(name, column.to_list(py)?)?;
        }
        Ok(out)
    }

    /// The Arrow C stream interface: a capsule named `arrow_array_stream`
    /// holding a stream of one record batch. A requested schema is ignored
    /// (the interface allows it): the columns keep their own types.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let stream = arrow::Stream::new(&self.columns);
        PyCapsule::new_with_value_and_destructor(py, stream, c"arrow_array_stream", |mut stream, _| stream.release())
    }

    /// The Arrow C schema interface: the table's schema as a capsule named `arrow_schema`.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = arrow::Schema::of(&self.columns);
        PyCapsule::new_with_value_and_destructor(py, schema, c"arrow_schema", |mut schema, _| schema.release())
    }

    fn __repr__(&self) -> String {
        format!(
            "<castgraph Table: {} rows, columns {}>",
            self.num_rows(),
            self.column_names().join(", ")
        )
    }
}
