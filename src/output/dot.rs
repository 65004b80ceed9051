//! Graphviz DOT.
//!
//! We write our own instead of using petgraph's `Dot`, which does not escape
//! quotes inside labels (a name like `Tony "Two Times" Russo` breaks it).
//! Every ID is a double-quoted string in which `\` and `"` are escaped and
//! line breaks become `\n`, so any name yields valid DOT.
//!
//! Each tie carries `weight` (an integer, as `dot` requires: the weight
//! rounded, at least 1), a `penwidth` from 1 to 5 that grows with the weight,
//! and a `label` showing the exact weight. With [`DotStyle::data`], every
//! node also carries its scenes, degree and measures as attributes (Graphviz
//! ignores attributes it does not know; other DOT readers keep them); with
//! [`DotStyle::size_by`], its size grows and its fill darkens with that
//! measure; with communities, its fill colour is its community's.

use std::io::{self, Write};

use super::{NodeData, node_attributes, node_values};
use crate::analysis::centrality::Measure;
use crate::graph::CastGraph;
use crate::util::format::format_number;

/// The Graphviz layout engines `--layout` accepts.
pub const LAYOUTS: [&str; 6] = ["dot", "neato", "fdp", "sfdp", "circo", "twopi"];

/// How to style the DOT output.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotStyle<'a> {
    /// Scores (and communities) to attach to the nodes.
    pub data: Option<NodeData<'a>>,
    /// Node size and shade by this measure (needs `data`).
    pub size_by: Option<Measure>,
    /// `graph [layout=...]`: the engine Graphviz should use.
    pub layout: Option<&'a str>,
}

/// Twelve distinguishable fill colours for communities (ColorBrewer Set3).
const COMMUNITY_COLOURS: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd",
    "#ccebc5", "#ffed6f",
];

/// Writes `graph` as an undirected Graphviz graph.
pub fn write(graph: &CastGraph, style: &DotStyle<'_>, out: &mut dyn Write) -> io::Result<()> {
    let max = graph.ties().map(|(_, _, t)| t.weight).fold(0.0f64, f64::max);
    writeln!(
        out,
        "// castgraph: {} characters, {} ties. Render with `dot -Tsvg`; for large casts `neato -Tsvg` or `sfdp -Tsvg` lay out better.",
        graph.character_count(),
        graph.tie_count()
    )?;
    if let Some(data) = &style.data {
        writeln!(out, "// {}", data.scores.describe().render(data.wording))?;
    }
    writeln!(out, "graph castgraph {{")?;
    match style.layout {
        Some(layout) => writeln!(out, "  graph [layout={layout}, overlap=false, splines=true];")?,
        None => writeln!(out, "  graph [overlap=false, splines=true];")?,
    }
    let filled = style.size_by.is_some() || style.data.is_some_and(|d| d.communities.is_some());
    writeln!(
        out,
        "  node [shape=ellipse, fontname=\"Helvetica\"{}];",
        if filled {
            ", style=filled, fillcolor=\"#ffffff\""
        } else {
            ""
        }
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;

    let size = match (style.size_by, &style.data) {
        (Some(m), Some(d)) => {
            let values: Vec<f64> = (0..graph.character_count()).map(|id| d.scores.value(m, id)).collect();
            let top = values.iter().copied().fold(0.0f64, f64::max);
            Some(
                values
                    .into_iter()
                    .map(|v| if top > 0.0 { v / top } else { 0.0 })
                    .collect::<Vec<f64>>(),
            )
        }
        _ => None,
    };
    for (id, c) in graph.characters().enumerate() {
        let mut attrs = vec![format!("label={}", quote(&c.name))];
        match &style.data {
            Some(data) => {
                for ((name, _), value) in node_attributes(graph, data)
                    .iter()
                    .zip(node_values(graph, data, id))
                    .skip(1)
                {
                    attrs.push(format!("{name}={}", quote(&value.to_text())));
                }
            }
            None => attrs.push(format!("scenes={}", c.scenes)),
        }
        if let Some(size) = &size {
            let s = size[id];
            attrs.push(format!("fontsize={:.1}", 10.0 + 14.0 * s));
            attrs.push(format!("width={:.2}", 0.75 + 1.25 * s));
            attrs.push(format!("height={:.2}", 0.5 + 0.8 * s));
            if s > 0.6 && style.data.is_some_and(|d| d.communities.is_none()) {
                attrs.push("fontcolor=\"#ffffff\"".to_string());
            }
        }
        if let Some(colour) = fill(style, size.as_deref(), id) {
            attrs.push(format!("fillcolor=\"{colour}\""));
        }
        writeln!(out, "  {} [{}];", quote(&c.name), attrs.join(", "))?;
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

/// A node's fill: its community's colour when there are communities, else a
/// shade from pale to deep blue by the `size_by` measure.
fn fill(style: &DotStyle<'_>, size: Option<&[f64]>, id: usize) -> Option<String> {
    if let Some(c) = style.data.and_then(|d| d.communities) {
        // castgraph numbers communities from 1: community 1 gets the first colour.
        return Some(COMMUNITY_COLOURS[c[id].saturating_sub(1) % COMMUNITY_COLOURS.len()].to_string());
    }
    let s = size?[id];
    let mix = |pale: f64, deep: f64| (pale + (deep - pale) * s).round() as u8;
    Some(format!(
        "#{:02x}{:02x}{:02x}",
        mix(239.0, 33.0),
        mix(243.0, 102.0),
        mix(255.0, 172.0)
    ))
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
