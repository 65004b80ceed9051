//! Centrality measures: who matters in the cast.
//!
//! Every measure is defined as NetworkX 3.x defines it, on the weighted,
//! undirected cast graph (weight = shared scenes):
//!
//! | measure    | meaning                                   | NetworkX equivalent |
//! |------------|-------------------------------------------|---------------------|
//! | `degree`   | number of distinct co-stars               | `G.degree(v)` |
//! | `strength` | sum of tie weights (shared scenes)        | `G.degree(v, weight='weight')` |
//! | `pagerank` | weighted PageRank, damping 0.85           | `nx.pagerank(G, alpha=0.85, weight='weight')` |
//!
//! The order of measures in every table, CSV and JSON output is
//! [`Measure::ALL`], after `rank`, `character` and `scenes`: see [`COLUMNS`].

pub mod degree;
pub mod pagerank;

use crate::graph::{CastGraph, CharacterId};

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Number of distinct co-stars.
    Degree,
    /// Sum of tie weights.
    Strength,
    /// Weighted PageRank (damping 0.85).
    Pagerank,
}

impl Measure {
    /// Every measure, in output column order.
    pub const ALL: [Measure; 3] = [Measure::Degree, Measure::Strength, Measure::Pagerank];

    /// The measure's name as used on the command line and in column headers.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Strength => "strength",
            Measure::Pagerank => "pagerank",
        }
    }

    /// Parses a measure name (as printed by [`Measure::name`]).
    pub fn from_name(name: &str) -> Option<Measure> {
        Measure::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// The column order of `graph central`'s CSV and JSON output, kept in this one place.
pub const COLUMNS: [&str; 6] = ["rank", "character", "scenes", "degree", "strength", "pagerank"];

/// Every measure's value for every character, indexed by [`CharacterId`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Number of distinct co-stars.
    pub degree: Vec<usize>,
    /// Sum of tie weights.
    pub strength: Vec<f64>,
    /// Weighted PageRank.
    pub pagerank: Vec<f64>,
}

impl Scores {
    /// Computes every measure on `graph`.
    pub fn compute(graph: &CastGraph) -> Scores {
        Scores {
            degree: degree::degree(graph),
            strength: degree::strength(graph),
            pagerank: pagerank::pagerank(graph, &pagerank::PageRankOptions::default()),
        }
    }

    /// The value of `measure` for character `id`, as a float.
    pub fn value(&self, measure: Measure, id: CharacterId) -> f64 {
        match measure {
            Measure::Degree => self.degree[id] as f64,
            Measure::Strength => self.strength[id],
            Measure::Pagerank => self.pagerank[id],
        }
    }

    /// Characters ranked by `measure`, highest first; ties broken by name,
    /// then by first appearance, so the order is always the same.
    ///
    /// Values equal to 12 significant digits count as tied: two characters in
    /// symmetric positions can get values that differ in the last bit only
    /// because of summation order, and that must not decide their rank.
    pub fn ranking(&self, graph: &CastGraph, measure: Measure) -> Vec<CharacterId> {
        let keys: Vec<f64> = (0..graph.character_count())
            .map(|id| rank_key(self.value(measure, id)))
            .collect();
        let mut ids: Vec<CharacterId> = (0..graph.character_count()).collect();
        ids.sort_by(|&a, &b| {
            keys[b]
                .total_cmp(&keys[a])
                .then_with(|| graph.character(a).name.cmp(&graph.character(b).name))
                .then(a.cmp(&b))
        });
        ids
    }
}

/// `x` rounded to 12 significant digits (a key function, so sorting by it is
/// a total order, unlike comparing with a tolerance).
fn rank_key(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return if x.is_nan() { f64::NEG_INFINITY } else { x };
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}
