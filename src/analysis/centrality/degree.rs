//! Degree and strength: the local measures.
//!
//! * **degree** — the number of distinct characters a character shares at
//!   least one scene with (`G.degree(v)` in NetworkX).
//! * **strength** — the sum of the weights of a character's ties, i.e. the
//!   number of (co-star, scene) pairs (`G.degree(v, weight='weight')`).
//!
//! # Complexity
//! O(n + m) time, O(n) space.

use crate::graph::CastGraph;

/// Number of distinct co-stars of every character ([`CastGraph::degrees`]).
pub fn degree(graph: &CastGraph) -> Vec<usize> {
    graph.degrees()
}

/// Sum of tie weights of every character ([`CastGraph::strengths`]).
pub fn strength(graph: &CastGraph) -> Vec<f64> {
    graph.strengths()
}
