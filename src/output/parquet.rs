//! Parquet tables of the graph, for Spark, DuckDB, pandas, Polars and
//! castgraph itself.
//!
//! * The **node table** ([`write_nodes`]): `id` (the character's number,
//!   from 0, in first-appearance order), `name`, then every other attribute
//!   of [`node_attributes`](super::node_attributes()) in its order and under
//!   its name: `scenes`, `degree`, `strength`, the measures, `group` (when
//!   the graph has groups) and `community` (when there are communities) —
//!   the columns of the CSV node table, in lower case.
//! * The **edge table** ([`write_edges`]): `source`, `target` (the names),
//!   `weight`, `scenes`, `source_id`, `target_id` (the node table's ids),
//!   each tie once, in order of first shared scene. Its names are an edge
//!   list's `Source` and `Target` and its `scenes` the shared scenes, so
//!   `graph build` reads it back to the same ties (see
//!   [`edgelist`](crate::input::edgelist)).
//!
//! Whole numbers are `INT64`, measures and weights `DOUBLE`, names UTF-8
//! strings, none nullable; pages are compressed with snappy, which every
//! Parquet reader reads. Rows go out in batches of [`BATCH_ROWS`], so a
//! large graph is never copied whole.

use std::io::{self, Write};
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{AttrType, AttrValue, NodeData, node_attributes, node_values};
use crate::graph::CastGraph;

/// Rows written at a time.
pub const BATCH_ROWS: usize = 65_536;

/// The edge table's columns, in order.
pub const EDGE_COLUMNS: [&str; 6] = ["source", "target", "weight", "scenes", "source_id", "target_id"];

/// Writes the node table.
///
/// # Errors
/// Those of `out`.
pub fn write_nodes<W: Write + Send>(graph: &CastGraph, data: &NodeData<'_>, out: W) -> io::Result<()> {
    let attrs = node_attributes(graph, data);
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    for (name, kind) in &attrs {
        let name = if *name == "label" { "name" } else { name };
        fields.push(Field::new(name, arrow_type(*kind), false));
    }
    let schema: SchemaRef = Arc::new(Schema::new(fields));
    let mut writer = Writer::new(out, schema.clone())?;
    let n = graph.character_count();
    let mut start = 0;
    while start < n {
        let end = (start + BATCH_ROWS).min(n);
        let mut ids = Int64Builder::with_capacity(end - start);
        let mut columns: Vec<Column> = attrs.iter().map(|(_, kind)| Column::new(*kind, end - start)).collect();
        for id in start..end {
            ids.append_value(id as i64);
            for (column, value) in columns.iter_mut().zip(node_values(graph, data, id)) {
                column.push(value);
            }
        }
        let mut arrays: Vec<ArrayRef> = vec![Arc::new(ids.finish())];
        arrays.extend(columns.into_iter().map(Column::finish));
        writer.write(&schema, arrays)?;
        start = end;
    }
    writer.close()
}

/// Writes the edge table.
///
/// # Errors
/// Those of `out`.
pub fn write_edges<W: Write + Send>(graph: &CastGraph, out: W) -> io::Result<()> {
    let schema: SchemaRef = Arc::new(Schema::new(vec![
        Field::new(EDGE_COLUMNS[0], DataType::Utf8, false),
        Field::new(EDGE_COLUMNS[1], DataType::Utf8, false),
        Field::new(EDGE_COLUMNS[2], DataType::Float64, false),
        Field::new(EDGE_COLUMNS[3], DataType::Int64, false),
        Field::new(EDGE_COLUMNS[4], DataType::Int64, false),
        Field::new(EDGE_COLUMNS[5], DataType::Int64, false),
    ]));
    let mut writer = Writer::new(out, schema.clone())?;
    let mut ties = graph.ties().peekable();
    while ties.peek().is_some() {
        let mut source = StringBuilder::new();
        let mut target = StringBuilder::new();
        let mut weight = Float64Builder::with_capacity(BATCH_ROWS);
        let mut scenes = Int64Builder::with_capacity(BATCH_ROWS);
        let mut source_id = Int64Builder::with_capacity(BATCH_ROWS);
        let mut target_id = Int64Builder::with_capacity(BATCH_ROWS);
        for (a, b, t) in ties.by_ref().take(BATCH_ROWS) {
            source.append_value(&graph.character(a).name);
            target.append_value(&graph.character(b).name);
            weight.append_value(t.weight);
            scenes.append_value(t.scenes as i64);
            source_id.append_value(a as i64);
            target_id.append_value(b as i64);
        }
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(source.finish()),
            Arc::new(target.finish()),
            Arc::new(weight.finish()),
            Arc::new(scenes.finish()),
            Arc::new(source_id.finish()),
            Arc::new(target_id.finish()),
        ];
        writer.write(&schema, arrays)?;
    }
    writer.close()
}

fn arrow_type(kind: AttrType) -> DataType {
    match kind {
        AttrType::Text => DataType::Utf8,
        AttrType::Int => DataType::Int64,
        AttrType::Double => DataType::Float64,
        AttrType::Bool => DataType::Boolean,
    }
}

/// A column being filled.
enum Column {
    Text(StringBuilder),
    Int(Int64Builder),
    Double(Float64Builder),
    Bool(BooleanBuilder),
}

impl Column {
    fn new(kind: AttrType, rows: usize) -> Column {
        match kind {
            AttrType::Text => Column::Text(StringBuilder::with_capacity(rows, rows * 12)),
            AttrType::Int => Column::Int(Int64Builder::with_capacity(rows)),
            AttrType::Double => Column::Double(Float64Builder::with_capacity(rows)),
            AttrType::Bool => Column::Bool(BooleanBuilder::with_capacity(rows)),
        }
    }

    fn push(&mut self, value: AttrValue<'_>) {
        match (self, value) {
            (Column::Text(b), AttrValue::Text(t)) => b.append_value(t),
            (Column::Int(b), AttrValue::Int(n)) => b.append_value(n as i64),
            (Column::Double(b), AttrValue::Double(x)) => b.append_value(x),
            (Column::Bool(b), AttrValue::Bool(v)) => b.append_value(v),
            // `node_values` gives each attribute its declared type.
            (Column::Text(b), other) => b.append_value(other.to_text()),
            (Column::Int(b), _) => b.append_value(0),
            (Column::Double(b), _) => b.append_value(f64::NAN),
            (Column::Bool(b), _) => b.append_value(false),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Column::Text(mut b) => Arc::new(b.finish()),
            Column::Int(mut b) => Arc::new(b.finish()),
            Column::Double(mut b) => Arc::new(b.finish()),
            Column::Bool(mut b) => Arc::new(b.finish()),
        }
    }
}

/// An Arrow writer whose errors are `io::Error`s (a closed pipe stays one).
struct Writer<W: Write + Send>(ArrowWriter<W>);

impl<W: Write + Send> Writer<W> {
    fn new(out: W, schema: SchemaRef) -> io::Result<Self> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("castgraph {}", env!("CARGO_PKG_VERSION")))
            .build();
        ArrowWriter::try_new(out, schema, Some(props))
            .map(Writer)
            .map_err(io_error)
    }

    fn write(&mut self, schema: &SchemaRef, arrays: Vec<ArrayRef>) -> io::Result<()> {
        let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(io::Error::other)?;
        self.0.write(&batch).map_err(io_error)
    }

    fn close(self) -> io::Result<()> {
        self.0.close().map(|_| ()).map_err(io_error)
    }
}

/// A Parquet error as an `io::Error`, keeping the kind of an I/O failure.
fn io_error(e: parquet::errors::ParquetError) -> io::Error {
    match e {
        parquet::errors::ParquetError::External(inner) => match inner.downcast::<io::Error>() {
            Ok(io) => *io,
            Err(other) => io::Error::other(other.to_string()),
        },
        other => io::Error::other(other.to_string()),
    }
}
