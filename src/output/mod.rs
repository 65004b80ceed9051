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

use crate::analysis::centrality::{Measure, Scores};
use crate::graph::{CastGraph, CharacterId};

/// Formats a weight without a needless `.0` (`2` rather than `2.0`), and
/// otherwise with the shortest representation that reads back exactly;
/// very large or very small magnitudes in exponent form (`1e300`, not 301
/// digits).
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else if x.is_finite() && (x.abs() >= 1e15 || x.abs() < 1e-7) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// The type of an attribute, for formats that declare types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// A string.
    Text,
    /// A whole number.
    Int,
    /// A floating-point number.
    Double,
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
}

impl AttrValue<'_> {
    /// The value as text: numbers in their shortest exact form.
    pub fn to_text(&self) -> String {
        match self {
            AttrValue::Text(s) => (*s).to_string(),
            AttrValue::Int(n) => n.to_string(),
            AttrValue::Double(x) => format!("{x}"),
        }
    }

    /// The value as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            AttrValue::Text(s) => (*s).into(),
            AttrValue::Int(n) => (*n).into(),
            AttrValue::Double(x) => (*x).into(),
        }
    }
}

/// What every export says about the nodes: scores and, when present, communities.
#[derive(Debug, Clone, Copy)]
pub struct NodeData<'a> {
    /// Every measure of every character.
    pub scores: &'a Scores,
    /// A community number per character, when communities were computed.
    pub communities: Option<&'a [usize]>,
}

/// The node attributes every format carries, in order, with their types.
pub fn node_attributes(data: &NodeData<'_>) -> Vec<(&'static str, AttrType)> {
    let mut attrs = vec![
        ("label", AttrType::Text),
        ("scenes", AttrType::Int),
        ("degree", AttrType::Int),
    ];
    for m in Measure::ALL.into_iter().filter(|&m| m != Measure::Degree) {
        attrs.push((m.name(), AttrType::Double));
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
    if let Some(c) = data.communities {
        values.push(AttrValue::Int(c[id] as u64));
    }
    values
}

/// The edge attributes every format carries: `weight` (double) and `scenes` (int).
pub const EDGE_ATTRIBUTES: [(&str, AttrType); 2] = [("weight", AttrType::Double), ("scenes", AttrType::Int)];
