//! Graph-level figures: size, density, components, distances, clustering.
//!
//! Distances are in hops. Diameter and average shortest path are given for
//! *each* connected component of two or more characters — never one
//! "diameter" of the largest component set beside a density of the whole
//! graph (DraCor's issue 180) — and, pooled over every reachable pair of
//! the whole graph, as DraCor publishes them (`diameter`, `averagePathLength`).
//!
//! | figure | definition | NetworkX equivalent |
//! |---|---|---|
//! | density | 2m / (n(n−1)), 0 when n ≤ 1 | `nx.density(G)` |
//! | average degree | 2m / n, 0 when n = 0 | `sum(d for _, d in G.degree) / n` |
//! | max degree | the largest degree, and the characters who have it | `max(d for _, d in G.degree)` |
//! | pooled diameter | longest shortest path between any two connected characters, 0 without ties | `max(l for s in G for l in nx.shortest_path_length(G, s).values())` |
//! | pooled average path length | mean shortest path over every ordered pair of distinct connected characters, 0 without ties | the mean of those lengths |
//! | diameter | longest shortest path in the component | `nx.diameter(C)` |
//! | average shortest path | mean over ordered pairs of the component | `nx.average_shortest_path_length(C)` |
//! | average clustering | mean over all characters of 2T(v)/(d(d−1)), 0 when d < 2 (weights ignored) | `nx.average_clustering(G)` |
//!
//! # Complexity
//! The distance figures take a BFS from every character, run 512 sources at
//! a time by [`hops`] (multi-source bitset BFS): O(n/512 · levels · (n + m))
//! word operations, in parallel; O(m·d_max) for clustering.

use serde::Serialize;

use crate::graph::CastGraph;
use rayon::prelude::*;

use crate::analysis::hops;
use crate::graph::csr::Csr;

/// Figures about the whole graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphStats {
    /// Scenes read.
    pub scenes: u64,
    /// Characters (nodes).
    pub characters: usize,
    /// Ties (edges).
    pub ties: usize,
    /// Sum of tie weights.
    pub total_weight: f64,
    /// 2m / (n(n−1)).
    pub density: f64,
    /// Number of connected components (isolated characters included).
    pub components: usize,
    /// Characters in the largest component.
    pub largest_component: usize,
    /// Every component of two or more characters, largest first (equal sizes
    /// in order of their first character).
    pub component_details: Vec<ComponentStats>,
    /// Mean local clustering coefficient over all characters (unweighted).
    pub average_clustering: f64,
    /// 2m / n.
    pub average_degree: f64,
    /// The largest degree.
    pub max_degree: usize,
    /// The characters of largest degree, in first-appearance order.
    pub max_degree_characters: Vec<String>,
    /// Longest shortest path between two connected characters, any component (in hops).
    pub diameter: u32,
    /// Mean shortest path over every ordered pair of distinct connected
    /// characters, components pooled (in hops); 0 when no two are connected.
    pub average_path_length: f64,
}

/// Distance figures of one connected component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentStats {
    /// Characters in the component.
    pub size: usize,
    /// Name of the component's first character (in first-appearance order).
    pub first: String,
    /// Longest shortest path, in hops.
    pub diameter: u32,
    /// Mean shortest path over ordered pairs of distinct characters, in hops.
    pub average_shortest_path: f64,
}

impl GraphStats {
    /// Computes every figure.
    pub fn compute(graph: &CastGraph) -> GraphStats {
        let n = graph.character_count();
        let csr = Csr::new(graph);
        let comp = graph.components();
        let count = comp.iter().max().map_or(0, |m| m + 1);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (v, &c) in comp.iter().enumerate() {
            members[c].push(v);
        }
        // Exact integers: every component's sum of distances and diameter.
        let distances = hops::component_distances(&csr, &members);
        let mut order: Vec<usize> = (0..members.len()).filter(|&c| members[c].len() >= 2).collect();
        order.sort_by_key(|&c| (std::cmp::Reverse(members[c].len()), members[c][0]));
        let component_details = order
            .into_iter()
            .map(|c| (&members[c], &distances[c]))
            .map(|(m, d)| {
                let r = m.len() as f64;
                ComponentStats {
                    size: m.len(),
                    first: graph.character(m[0]).name.clone(),
                    diameter: d.diameter,
                    average_shortest_path: d.total as f64 / (r * (r - 1.0)),
                }
            })
            .collect();
        let nf = n as f64;
        let degrees = graph.degrees();
        let max_degree = degrees.iter().copied().max().unwrap_or(0);
        // Exact integers: the sum of every distance and the number of ordered
        // connected pairs, so the mean is one correctly rounded division.
        let total: u64 = distances.iter().map(|d| d.total).sum();
        let pairs: u64 = members.iter().map(|m| (m.len() as u64) * (m.len() as u64 - 1)).sum();
        GraphStats {
            scenes: graph.scene_count(),
            characters: n,
            ties: graph.tie_count(),
            total_weight: graph.total_weight(),
            density: if n > 1 {
                2.0 * graph.tie_count() as f64 / (nf * (nf - 1.0))
            } else {
                0.0
            },
            components: count,
            largest_component: members.iter().map(Vec::len).max().unwrap_or(0),
            component_details,
            average_clustering: if n > 0 {
                clustering(&csr).iter().sum::<f64>() / nf
            } else {
                0.0
            },
            average_degree: if n > 0 {
                2.0 * graph.tie_count() as f64 / nf
            } else {
                0.0
            },
            max_degree,
            max_degree_characters: (0..n)
                .filter(|&v| n > 0 && degrees[v] == max_degree)
                .map(|v| graph.character(v).name.clone())
                .collect(),
            diameter: distances.iter().map(|d| d.diameter).max().unwrap_or(0),
            average_path_length: if pairs > 0 { total as f64 / pairs as f64 } else { 0.0 },
        }
    }
}

/// Local clustering coefficient of every node (unweighted):
/// 2T(v) / (d(d−1)), with T(v) the triangles through v; 0 when d < 2.
///
/// Triangles are counted once each by orienting every tie towards the
/// character of higher (degree, id) and intersecting out-neighbourhoods
/// (Schank & Wagner 2005, "forward"), in parallel over characters: O(m·√m)
/// time at worst, O(n + m) space per thread at most. The counts are exact
/// integers, so the coefficients do not depend on the order or the threads.
pub fn clustering(csr: &Csr) -> Vec<f64> {
    let n = csr.len();
    let rank = |v: usize| (csr.degree(v), v);
    // Out-neighbourhoods: the neighbours of higher rank.
    let mut starts = Vec::with_capacity(n + 1);
    let mut out: Vec<u32> = Vec::new();
    for v in 0..n {
        starts.push(out.len());
        out.extend(
            csr.neighbours(v)
                .filter(|&(u, _)| rank(u) > rank(v))
                .map(|(u, _)| u as u32),
        );
    }
    starts.push(out.len());
    let higher = |v: usize| &out[starts[v]..starts[v + 1]];
    let chunk = (n / (4 * rayon::current_num_threads().max(1))).max(256);
    let triangles: Vec<u64> = (0..n)
        .into_par_iter()
        .with_min_len(chunk)
        .fold(
            || (vec![0u64; n], vec![u32::MAX; n]),
            |(mut count, mut mark), v| {
                let hv = higher(v);
                if hv.len() < 2 {
                    return (count, mark);
                }
                for &u in hv {
                    mark[u as usize] = v as u32;
                }
                // Triangles v < u < w (by rank): v's and u's counts are
                // summed in registers, only w's is written per triangle.
                let mut at_v = 0u64;
                for &u in hv {
                    let mut at_u = 0u64;
                    // Branch-free: about half the checks hit, at random,
                    // which a branch would mispredict.
                    for &w in higher(u as usize) {
                        let hit = u64::from(mark[w as usize] == v as u32);
                        at_u += hit;
                        count[w as usize] += hit;
                    }
                    count[u as usize] += at_u;
                    at_v += at_u;
                }
                count[v] += at_v;
                (count, mark)
            },
        )
        .map(|(count, _)| count)
        .reduce(
            || vec![0u64; n],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        );
    (0..n)
        .map(|v| {
            let d = csr.degree(v) as u64;
            if d < 2 {
                0.0
            } else {
                (2 * triangles[v]) as f64 / (d * (d - 1)) as f64
            }
        })
        .collect()
}
