//! Graphviz DOT.
//!
//! We write our own instead of using petgraph's `Dot`, which does not escape
//! quotes inside labels (a name like `Tony "Two Times" Russo` breaks it).
//! Every ID is a double-quoted string in which `\` and `"` are escaped and
//! line breaks become `\n`, so any name yields valid DOT.
//!
//! Each tie carries `weight` (an integer, as `dot` requires: the weight
//! rounded, at least 1), a `penwidth` from 1 to 5 that grows with the weight,
//! and a `label` showing the exact weight.

use std::io::{self, Write};

use super::format_number;
use crate::graph::CastGraph;

/// Writes `graph` as an undirected Graphviz graph.
pub fn write(graph: &CastGraph, out: &mut dyn Write) -> io::Result<()> {
    let max = graph.ties().map(|(_, _, t)| t.weight).fold(0.0f64, f64::max);
    writeln!(
        out,
        "// castgraph: {} characters, {} ties. Render with `dot -Tsvg`; for large casts `neato -Tsvg` or `sfdp -Tsvg` lay out better.",
        graph.character_count(),
        graph.tie_count()
    )?;
    writeln!(out, "graph castgraph {{")?;
    writeln!(out, "  graph [overlap=false, splines=true];")?;
    writeln!(out, "  node [shape=ellipse, fontname=\"Helvetica\"];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    for c in graph.characters() {
        writeln!(
            out,
            "  {} [label={}, scenes={}];",
            quote(&c.name),
            quote(&c.name),
            c.scenes
        )?;
    }
    for (a, b, t) in graph.ties() {
        let penwidth = if max > 0.0 { 1.0 + 4.0 * t.weight / max } else { 1.0 };
        writeln!(
            out,
            "  {} -- {} [weight={}, penwidth={:.2}, label={}];",
            quote(&graph.character(a).name),
            quote(&graph.character(b).name),
            (t.weight.round() as i64).max(1),
            penwidth,
            quote(&format_number(t.weight))
        )?;
    }
    writeln!(out, "}}")
}

/// A DOT double-quoted string.
pub fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for ch in s.chars() {
        match ch {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => {}
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(quote(r#"Tony "Two Times" Russo"#), r#""Tony \"Two Times\" Russo""#);
        assert_eq!(quote(r"a\b"), r#""a\\b""#);
        assert_eq!(quote("Mr. Park"), "\"Mr. Park\"");
        assert_eq!(quote("two\nlines"), r#""two\nlines""#);
    }
}
