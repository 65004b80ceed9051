//! Gephi's spreadsheet tables.
//!
//! * The **edge table** (`Source,Target,Type,Weight`): each tie once, `Type`
//!   always `Undirected`, in order of first shared scene; `Source` and `Target`
//!   are character names, which are also the node table's `Id`s.
//! * The **node table** (`Id,Label,Scenes,` then every measure of
//!   `graph central` in [`Measure::ALL`] order, capitalised).

use std::io::{self, Write};

use super::format_number;
use crate::centrality::{Measure, Scores};
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

/// Writes the node table with every measure in `scores`.
pub fn write_nodes(graph: &CastGraph, scores: &Scores, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["Id".to_string(), "Label".to_string(), "Scenes".to_string()];
    header.extend(Measure::ALL.iter().map(|m| capitalise(m.name())));
    w.write_record(&header).map_err(io_error)?;
    for (id, c) in graph.characters().enumerate() {
        let mut row = vec![c.name.clone(), c.name.clone(), c.scenes.to_string()];
        row.extend(Measure::ALL.iter().map(|&m| format_number(scores.value(m, id))));
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
