//! Gephi's spreadsheet tables.
//!
//! * The **edge table** (`Source,Target,Type,Weight`): each tie once, `Type`
//!   always `Undirected`, in order of first shared scene; `Source` and `Target`
//!   are character names, which are also the node table's `Id`s.
//! * The **node table** (`Id,Label,Scenes,Degree,` then every other measure
//!   of `graph central` in its column order, capitalised, and `Community`
//!   when there are communities).

use std::io::{self, Write};

use super::{AttrValue, NodeData, node_attributes, node_values};
use crate::graph::CastGraph;
use crate::util::format::format_number;

/// Spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is run as a formula by Excel, LibreOffice and
/// Google Sheets when the file is opened there. castgraph writes names
/// exactly by default (Gephi, NetworkX and pandas need the real names);
/// with `spreadsheet_safe`, such text cells get a leading `'`, which
/// spreadsheets show as plain text. Numbers are never changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Prefix `'` to text cells a spreadsheet would run as a formula.
    pub spreadsheet_safe: bool,
}

/// A text cell, made safe for spreadsheets when asked: a cell a spreadsheet
/// would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return, and is not a number) gets a leading `'`.
pub fn text_cell<'a>(cell: &'a str, opts: &CsvOptions) -> std::borrow::Cow<'a, str> {
    if opts.spreadsheet_safe && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Copies the CSV in `bytes` to `out` with every cell made spreadsheet-safe
/// ([`text_cell`]): for CSV written by other code than this module's.
///
/// # Errors
/// Those of `out`, or `InvalidData` if `bytes` is not CSV.
pub fn make_spreadsheet_safe(bytes: &[u8], out: &mut dyn Write) -> io::Result<()> {
    let opts = CsvOptions { spreadsheet_safe: true };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut writer = csv::Writer::from_writer(out);
    for record in reader.records() {
        let record = record.map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        writer
            .write_record(record.iter().map(|cell| text_cell(cell, &opts).into_owned()))
            .map_err(io_error)?;
    }
    writer.flush()
}

/// Writes the edge table with names exactly as they are.
pub fn write_edges(graph: &CastGraph, out: &mut dyn Write) -> io::Result<()> {
    write_edges_with(graph, &CsvOptions::default(), out)
}

/// Writes the edge table.
pub fn write_edges_with(graph: &CastGraph, opts: &CsvOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["Source", "Target", "Type", "Weight"])
        .map_err(io_error)?;
    for (a, b, t) in graph.ties() {
        w.write_record([
            text_cell(&graph.character(a).name, opts).as_ref(),
            text_cell(&graph.character(b).name, opts).as_ref(),
            "Undirected",
            &format_number(t.weight),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

/// Writes the node table: `Id` then every attribute of
/// [`node_attributes`](super::node_attributes()), capitalised
/// (`Label,Scenes,Degree,Strength,Betweenness,...,Pagerank[,Community]`).
pub fn write_nodes(graph: &CastGraph, data: &NodeData<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_nodes_with(graph, data, &CsvOptions::default(), out)
}

/// [`write_nodes`] with options.
pub fn write_nodes_with(
    graph: &CastGraph,
    data: &NodeData<'_>,
    opts: &CsvOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["Id".to_string()];
    header.extend(node_attributes(graph, data).iter().map(|(name, _)| capitalise(name)));
    w.write_record(&header).map_err(io_error)?;
    for id in 0..graph.character_count() {
        let mut row = vec![text_cell(&graph.character(id).name, opts).into_owned()];
        row.extend(node_values(graph, data, id).iter().map(|v| match v {
            AttrValue::Double(x) => format_number(*x),
            AttrValue::Bool(b) => b.to_string(),
            AttrValue::Text(t) => text_cell(t, opts).into_owned(),
            other => other.to_text(),
        }));
        w.write_record(&row).map_err(io_error)?;
    }
    w.flush()
}

/// Unwraps the `io::Error` inside a `csv::Error`, so that a closed pipe stays
/// recognisable as one (csv's own conversion turns every error into `Other`).
pub fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised_only_when_asked() {
        let safe = CsvOptions { spreadsheet_safe: true };
        for cell in ["=SUM(A1)", "+1 Caller", "-x", "@home", "\tTab"] {
            assert_eq!(text_cell(cell, &safe), format!("'{cell}"));
            assert_eq!(text_cell(cell, &CsvOptions::default()), cell);
        }
        assert_eq!(text_cell("Carly", &safe), "Carly");
    }
}
