//! Writing the cast graph in the formats other tools read.
//!
//! Each format has its own module and writes to any `io::Write`; the
//! `graph export` command chooses the destination (stdout or an atomically
//! written file). Output is deterministic: characters in first-appearance
//! order, ties in order of first shared scene, no timestamps.
//!
//! Every format carries the same attributes, listed once in
//! [`node_attributes`]: for a node its label, scenes, degree, strength and
//! every centrality measure (plus its community when there is one); for an
//! edge its weight and shared scenes. The XML and JSON writers are built on
//! quick-xml and serde_json, never on string concatenation of markup.

pub mod bump_chart;
pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod layout;
pub mod parquet;

use crate::analysis::centrality::{Measure, Scores};
use crate::graph::{CastGraph, CharacterId};
use crate::util::wording::Wording;

/// The type of an attribute, for formats that declare types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// A string.
    Text,
    /// A whole number.
    Int,
    /// A floating-point number.
    Double,
    /// True or false.
    Bool,
}

/// One attribute value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AttrValue<'a> {
    /// A string.
    Text(&'a str),
    /// A whole number.
    Int(u64),
    /// A floating-point number.
    Double(f64),
    /// True or false.
    Bool(bool),
}

impl AttrValue<'_> {
    /// The value as text: numbers in their shortest exact form.
    pub fn to_text(&self) -> String {
        match self {
            AttrValue::Text(s) => (*s).to_string(),
            AttrValue::Int(n) => n.to_string(),
            AttrValue::Double(x) => format!("{x}"),
            AttrValue::Bool(b) => b.to_string(),
        }
    }

    /// The value as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            AttrValue::Text(s) => (*s).into(),
            AttrValue::Int(n) => (*n).into(),
            AttrValue::Double(x) => (*x).into(),
            AttrValue::Bool(b) => (*b).into(),
        }
    }
}

/// What every export says about the nodes: scores and, when present,
/// communities; and how the notes it writes (how the measures were
/// computed, the build options) name settings.
#[derive(Debug, Clone, Copy)]
pub struct NodeData<'a> {
    /// Every measure of every character.
    pub scores: &'a Scores,
    /// A community number per character, when communities were computed.
    pub communities: Option<&'a [usize]>,
    /// How notes name settings ([`Plain`](crate::util::wording::Plain): by their identifiers).
    pub wording: &'a dyn Wording,
}

/// The node attributes every format carries, in order, with their types:
/// `group` (a group of characters, a play's `personGrp`) only when the graph
/// has groups, `community` only when communities were computed.
pub fn node_attributes(graph: &CastGraph, data: &NodeData<'_>) -> Vec<(&'static str, AttrType)> {
    let mut attrs = vec![
        ("label", AttrType::Text),
        ("scenes", AttrType::Int),
        ("degree", AttrType::Int),
    ];
    for m in Measure::ALL.into_iter().filter(|&m| m != Measure::Degree) {
        attrs.push((m.name(), AttrType::Double));
    }
    if graph.has_groups() {
        attrs.push(("group", AttrType::Bool));
    }
    if data.communities.is_some() {
        attrs.push(("community", AttrType::Int));
    }
    attrs
}

/// The values of [`node_attributes`] for one character.
pub fn node_values<'a>(graph: &'a CastGraph, data: &NodeData<'_>, id: CharacterId) -> Vec<AttrValue<'a>> {
    let c = graph.character(id);
    let mut values = vec![
        AttrValue::Text(&c.name),
        AttrValue::Int(c.scenes),
        AttrValue::Int(data.scores.degree[id] as u64),
    ];
    for m in Measure::ALL.into_iter().filter(|&m| m != Measure::Degree) {
        values.push(AttrValue::Double(data.scores.value(m, id)));
    }
    if graph.has_groups() {
        values.push(AttrValue::Bool(c.group));
    }
    if let Some(c) = data.communities {
        values.push(AttrValue::Int(c[id] as u64));
    }
    values
}

/// The edge attributes every format carries: `weight` (double) and `scenes` (int).
pub const EDGE_ATTRIBUTES: [(&str, AttrType); 2] = [("weight", AttrType::Double), ("scenes", AttrType::Int)];

/// The formats a graph can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Graphviz DOT ([`dot`]).
    Dot,
    /// Gephi's edge table ([`csv::write_edges`]).
    EdgesCsv,
    /// Gephi's node table with every measure ([`csv::write_nodes`]).
    NodesCsv,
    /// GraphML ([`graphml`]).
    Graphml,
    /// GEXF 1.3 ([`gexf`]).
    Gexf,
    /// Node-link JSON ([`json`]).
    Json,
    /// The interactive HTML view ([`html`]).
    Html,
}

impl ExportFormat {
    /// True when the format carries the measures (all but the edge table).
    pub fn needs_scores(self) -> bool {
        self != ExportFormat::EdgesCsv
    }
}

/// What an export is told; each format reads what applies to it.
#[derive(Debug, Clone)]
pub struct ExportOptions<'a> {
    /// The measures of every character; every format but the edge table needs them.
    pub scores: Option<&'a Scores>,
    /// A community number per character, when communities were computed.
    pub communities: Option<&'a [usize]>,
    /// DOT and HTML: node size by this measure (HTML: PageRank when `None`).
    pub size_by: Option<Measure>,
    /// DOT: the Graphviz layout engine to ask for (`None`: by the cast's size).
    pub dot_layout: Option<&'a str>,
    /// DOT: leave out the edges' weight labels.
    pub no_edge_labels: bool,
    /// HTML: the seed of the layout and the page title.
    pub html_seed: u64,
    /// HTML: the page title.
    pub title: String,
    /// HTML: a sentence or two under the title.
    pub description: Option<String>,
    /// HTML: a page for an `<iframe>` (no header, a folded legend).
    pub embed: bool,
    /// HTML: the path measures were sampled because of the graph's size
    /// ([`html::default_sample`]), not on request.
    pub sampled_by_default: bool,
    /// CSV: protect cells a spreadsheet would run as formulas.
    pub spreadsheet_safe: bool,
    /// How notes and captions name settings.
    pub wording: &'a dyn Wording,
}

/// Writes `graph` in `format`.
///
/// # Errors
/// Those of `out`, and `InvalidInput` when the format needs
/// [`ExportOptions::scores`] and they are missing, or the communities do
/// not have one entry per character.
pub fn export(
    graph: &CastGraph,
    format: ExportFormat,
    opts: &ExportOptions<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    export_with(graph, format, opts, out, &crate::util::progress::NoProgress)
}

/// [`export`], reporting long phases (the HTML view's layout and page) to `progress`.
///
/// # Errors
/// Those of [`export`].
pub fn export_with(
    graph: &CastGraph,
    format: ExportFormat,
    opts: &ExportOptions<'_>,
    out: &mut dyn std::io::Write,
    progress: &dyn crate::util::progress::Progress,
) -> std::io::Result<()> {
    let csv_opts = csv::CsvOptions {
        spreadsheet_safe: opts.spreadsheet_safe,
    };
    if format == ExportFormat::EdgesCsv {
        return csv::write_edges_with(graph, &csv_opts, out);
    }
    let scores = opts.scores.ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "this export format needs the measures of the characters",
        )
    })?;
    let data = NodeData {
        scores,
        communities: opts.communities,
        wording: opts.wording,
    };
    match format {
        ExportFormat::Dot => {
            let style = dot::DotStyle {
                data: Some(data),
                size_by: opts.size_by,
                layout: opts.dot_layout,
                no_edge_labels: opts.no_edge_labels,
            };
            dot::write(graph, &style, out)
        }
        ExportFormat::EdgesCsv => csv::write_edges_with(graph, &csv_opts, out),
        ExportFormat::NodesCsv => csv::write_nodes_with(graph, &data, &csv_opts, out),
        ExportFormat::Graphml => graphml::write(graph, &data, out),
        ExportFormat::Gexf => gexf::write(graph, &data, out),
        ExportFormat::Json => json::write(graph, &data, out),
        ExportFormat::Html => {
            let html_opts = html::HtmlOptions {
                size_by: opts.size_by.unwrap_or(Measure::Pagerank),
                seed: opts.html_seed,
                communities: opts.communities,
                title: opts.title.clone(),
                description: opts.description.clone(),
                embed: opts.embed,
                sampled_by_default: opts.sampled_by_default,
                wording: opts.wording,
            };
            html::write_with(graph, scores, &html_opts, out, progress)
        }
    }
}
