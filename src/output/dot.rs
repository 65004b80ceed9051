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
    /// `graph [layout=...]`: the engine Graphviz should use; `None` for
    /// [`default_layout`] by the size of the cast.
    pub layout: Option<&'a str>,
    /// Leave out the edges' weight labels (large casts: they clutter).
    pub no_edge_labels: bool,
}

/// The engine a cast of `n` characters reads best with, when none is asked
/// for: `dot` (Graphviz's default, hierarchical) up to [`NEATO_FROM`] − 1
/// characters, `neato` (force-directed) from there, `sfdp` (multilevel,
/// fast) from [`SFDP_FROM`]. `None` means Graphviz's own default.
pub fn default_layout(n: usize) -> Option<&'static str> {
    if n >= SFDP_FROM {
        Some("sfdp")
    } else if n >= NEATO_FROM {
        Some("neato")
    } else {
        None
    }
}

/// Casts from this size get `layout=neato` by default.
pub const NEATO_FROM: usize = 31;
/// Casts from this size get `layout=sfdp` by default.
pub const SFDP_FROM: usize = 501;

/// Twelve distinguishable fill colours for communities (ColorBrewer Set3).
const COMMUNITY_COLOURS: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd",
    "#ccebc5", "#ffed6f",
];

/// Writes `graph` as an undirected Graphviz graph.
pub fn write(graph: &CastGraph, style: &DotStyle<'_>, out: &mut dyn Write) -> io::Result<()> {
    let max = graph.ties().map(|(_, _, t)| t.weight).fold(0.0f64, f64::max);
    let layout = style.layout.or_else(|| default_layout(graph.character_count()));
    writeln!(
        out,
        "// castgraph: {} characters, {} ties. Render with `dot -Tsvg`{}.",
        graph.character_count(),
        graph.tie_count(),
        match layout {
            Some(l) => format!(" (the graph sets layout={l})"),
            None => "; for large casts `neato -Tsvg` or `sfdp -Tsvg` lay out better".to_string(),
        }
    )?;
    if let Some(data) = &style.data {
        writeln!(out, "// {}", data.scores.describe().render(data.wording))?;
    }
    writeln!(out, "graph castgraph {{")?;
    match layout {
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
            if s > 0.6 {
                attrs.push("fontcolor=\"#ffffff\"".to_string());
            }
        }
        if let Some(colour) = fill(style, size.as_deref(), id) {
            attrs.push(format!("fillcolor=\"{colour}\""));
        }
        // Sized and shaded by a measure, a node keeps its community as its outline.
        if let (Some(_), Some(c)) = (&size, style.data.and_then(|d| d.communities)) {
            attrs.push(format!("color=\"{}\", penwidth=2", community_colour(c[id])));
        }
        writeln!(out, "  {} [{}];", quote(&c.name), attrs.join(", "))?;
    }
    for (a, b, t) in graph.ties() {
        let penwidth = if max > 0.0 { 1.0 + 4.0 * t.weight / max } else { 1.0 };
        let label = if style.no_edge_labels {
            String::new()
        } else {
            format!(", label={}", quote(&format_number(t.weight)))
        };
        writeln!(
            out,
            "  {} -- {} [weight={}, penwidth={:.2}{label}];",
            quote(&graph.character(a).name),
            quote(&graph.character(b).name),
            (t.weight.round() as i64).max(1),
            penwidth,
        )?;
    }
    writeln!(out, "}}")
}

/// A community's colour (castgraph numbers communities from 1: community 1
/// gets the first colour).
fn community_colour(community: usize) -> &'static str {
    COMMUNITY_COLOURS[community.saturating_sub(1) % COMMUNITY_COLOURS.len()]
}

/// A node's fill: a shade from pale to deep blue by the `size_by` measure
/// when there is one (the community is then the outline), else its
/// community's colour when there are communities.
fn fill(style: &DotStyle<'_>, size: Option<&[f64]>, id: usize) -> Option<String> {
    let Some(size) = size else {
        return style
            .data
            .and_then(|d| d.communities)
            .map(|c| community_colour(c[id]).to_string());
    };
    let s = size[id];
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
