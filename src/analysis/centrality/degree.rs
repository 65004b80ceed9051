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

/// Number of distinct co-stars of every character.
pub fn degree(graph: &CastGraph) -> Vec<usize> {
    let mut out = vec![0; graph.character_count()];
    for (a, b, _) in graph.ties() {
        out[a] += 1;
        out[b] += 1;
    }
    out
}

/// Sum of tie weights of every character.
pub fn strength(graph: &CastGraph) -> Vec<f64> {
    let mut out = vec![0.0; graph.character_count()];
    for (a, b, t) in graph.ties() {
        out[a] += t.weight;
        out[b] += t.weight;
    }
    out
}
