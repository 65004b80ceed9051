//! Weighted PageRank.
//!
//! We do not use petgraph's `page_rank`: it ignores edge weights (petgraph
//! issue 960), and a tie of twenty shared scenes must count more than a tie of
//! one. This is NetworkX's definition, `nx.pagerank(G, alpha=0.85,
//! weight='weight')`, on the undirected graph seen as directed both ways:
//!
//! `x'[v] = α · Σ_u x[u] · w(u,v) / s(u)  +  α · D / n  +  (1 − α) / n`
//!
//! where `s(u)` is `u`'s strength and `D` the total rank of *dangling*
//! characters (no ties: they spread their rank uniformly). Iteration starts
//! from the uniform vector and stops when the L1 change is below the tolerance;
//! the values sum to 1.
//!
//! # Complexity
//! O(k · (n + m)) time for k iterations, O(n) space.
//!
//! # Reference
//! Page, Brin, Motwani, Winograd (1999), *The PageRank citation ranking*.

use rayon::prelude::*;

use crate::graph::CastGraph;
use crate::graph::csr::Csr;

/// Options of [`pagerank`].
#[derive(Debug, Clone, Copy)]
pub struct PageRankOptions {
    /// Damping factor α (default 0.85).
    pub alpha: f64,
    /// Stop when the L1 distance between two iterates is below this (default 1e-12).
    pub tolerance: f64,
    /// Give up after this many iterations (default 10,000); with α < 1 the
    /// iteration contracts by α each step, so ~200 are enough for 1e-12.
    pub max_iterations: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            alpha: 0.85,
            tolerance: 1e-12,
            max_iterations: 10_000,
        }
    }
}

/// Weighted PageRank of every character; empty for an empty graph.
pub fn pagerank(graph: &CastGraph, opts: &PageRankOptions) -> Vec<f64> {
    pagerank_csr(&Csr::new(graph), opts)
}

/// [`pagerank`] on a prepared adjacency. Each iteration *pulls* rank along
/// the arcs (`x'[v] = base + α Σ_u w(u,v) · x[u]/s(u)`), row by row in
/// parallel; every row is summed in arc order, so the result does not depend
/// on the number of threads.
pub fn pagerank_csr(csr: &Csr, opts: &PageRankOptions) -> Vec<f64> {
    let n = csr.len();
    if n == 0 {
        return Vec::new();
    }
    let strength: Vec<f64> = (0..n).map(|v| csr.strength(v)).collect();
    let nf = n as f64;
    let alpha = opts.alpha;
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let mut share = vec![0.0; n];
    for _ in 0..opts.max_iterations {
        let dangling: f64 = (0..n).filter(|&v| strength[v] == 0.0).map(|v| x[v]).sum();
        let base = alpha * dangling / nf + (1.0 - alpha) / nf;
        for v in 0..n {
            share[v] = if strength[v] > 0.0 { x[v] / strength[v] } else { 0.0 };
        }
        next.par_iter_mut().with_min_len(512).enumerate().for_each(|(v, out)| {
            let r = csr.range(v);
            let pulled: f64 = csr.targets()[r.clone()]
                .iter()
                .zip(&csr.weights()[r])
                .map(|(&u, &w)| w * share[u as usize])
                .sum();
            *out = base + alpha * pulled;
        });
        let change: f64 = x.iter().zip(&next).map(|(p, q)| (p - q).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < opts.tolerance {
            break;
        }
    }
    x
}
