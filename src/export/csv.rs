//! Gephi's spreadsheet tables.
//!
//! * The **edge table** (`Source,Target,Type,Weight`): each tie once, `Type`
//!   always `Undirected`, in order of first shared scene; `Source` and `Target`
//!   are character names, which are also the node table's `Id`s.
//! * The **node table** (`Id,Label,Scenes,Degree,` then every other measure
//!   of `graph central` in its column order, capitalised, and `Community`
//!   when there are communities).

use std::io::{self, Write};

use super::{AttrValue, NodeData, format_number, node_attributes, node_values};
use crate::graph::CastGraph;

/// Writes the edge table.
pub fn write_edges(graph: &CastGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["Source", "Target", "Type", "Weight"])
        .map_err(io_error)?;
    for (a, b, t) in graph.ties() {
        w.write_record([
            graph.character(a).name.as_str(),
            graph.character(b).name.as_str(),
            "Undirected",
            &format_number(t.weight),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

/// Writes the node table: `Id` then every attribute of
/// [`node_attributes`](super::node_attributes), capitalised
/// (`Label,Scenes,Degree,Strength,Betweenness,...,Pagerank[,Community]`).
pub fn write_nodes(graph: &CastGraph, data: &NodeData<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["Id".to_string()];
    header.extend(node_attributes(data).iter().map(|(name, _)| capitalise(name)));
    w.write_record(&header).map_err(io_error)?;
    for id in 0..graph.character_count() {
        let mut row = vec![graph.character(id).name.clone()];
        row.extend(node_values(graph, data, id).iter().map(|v| match v {
            AttrValue::Double(x) => format_number(*x),
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
