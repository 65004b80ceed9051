//! The compact adjacency every measure traverses.
//!
//! A compressed-sparse-row copy of the cast graph, built once per command
//! from the petgraph graph: the neighbours of `v` are
//! `targets[offsets[v]..offsets[v + 1]]`, each with the weight of the tie.
//! Arcs are listed in the graph's tie order, so traversals (and the order in
//! which they add floating-point numbers) are deterministic.

use crate::graph::CastGraph;

/// A compressed-sparse-row adjacency with tie weights.
#[derive(Debug, Clone)]
pub struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Csr {
    /// Builds the adjacency of `graph`.
    pub fn new(graph: &CastGraph) -> Csr {
        let (offsets, targets, weights) = adjacency(graph.character_count(), || {
            graph.ties().map(|(a, b, t)| (a, b, t.weight))
        });
        Csr {
            offsets,
            targets,
            weights,
        }
    }

    /// Builds the adjacency of `graph` with every tie of weight 1 (the
    /// graph as NetworkX sees it without a `weight` argument).
    pub fn unit(graph: &CastGraph) -> Csr {
        let (offsets, targets, weights) =
            adjacency(graph.character_count(), || graph.ties().map(|(a, b, _)| (a, b, 1.0)));
        Csr {
            offsets,
            targets,
            weights,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// True for a graph without nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of arcs (twice the number of ties).
    pub fn arcs(&self) -> usize {
        self.targets.len()
    }

    /// The arc range of `v`: indices into [`targets`](Self::targets) and [`weights`](Self::weights).
    pub fn range(&self, v: usize) -> std::ops::Range<usize> {
        self.offsets[v]..self.offsets[v + 1]
    }

    /// Every arc's target.
    pub fn targets(&self) -> &[u32] {
        &self.targets
    }

    /// Every arc's tie weight.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Neighbours of `v` with the weight of the tie to each.
    pub fn neighbours(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.range(v);
        self.targets[r.clone()]
            .iter()
            .map(|&t| t as usize)
            .zip(self.weights[r].iter().copied())
    }

    /// Degree of `v`.
    pub fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }

    /// Sum of tie weights of `v`.
    pub fn strength(&self, v: usize) -> f64 {
        self.weights[self.range(v)].iter().sum()
    }

    /// The connected component of every node, numbered in order of each
    /// component's first node, and the size of each component.
    pub fn components(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.len();
        let mut comp = vec![usize::MAX; n];
        let mut sizes = Vec::new();
        let mut stack = Vec::new();
        for start in 0..n {
            if comp[start] != usize::MAX {
                continue;
            }
            let id = sizes.len();
            let mut size = 0;
            comp[start] = id;
            stack.push(start);
            while let Some(v) = stack.pop() {
                size += 1;
                for &w in &self.targets[self.range(v)] {
                    let w = w as usize;
                    if comp[w] == usize::MAX {
                        comp[w] = id;
                        stack.push(w);
                    }
                }
            }
            sizes.push(size);
        }
        (comp, sizes)
    }
}

/// The compressed-sparse-row arrays `(offsets, targets, weights)` of `n`
/// nodes and the undirected `ties` `(a, b, weight)` (each pair once, `a !=
/// b`), arcs in tie order. `ties` is called twice: once to count, once to fill.
pub(crate) fn adjacency<I>(n: usize, ties: impl Fn() -> I) -> (Vec<usize>, Vec<u32>, Vec<f64>)
where
    I: Iterator<Item = (usize, usize, f64)>,
{
    let mut offsets = vec![0usize; n + 1];
    for (a, b, _) in ties() {
        offsets[a + 1] += 1;
        offsets[b + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut targets = vec![0u32; offsets[n]];
    let mut weights = vec![0.0; offsets[n]];
    for (a, b, w) in ties() {
        for (from, to) in [(a, b), (b, a)] {
            targets[fill[from]] = to as u32;
            weights[fill[from]] = w;
            fill[from] += 1;
        }
    }
    (offsets, targets, weights)
}
