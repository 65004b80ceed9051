//! `graph path A B`: the strongest chain of ties between two characters.
//!
//! A chain is a shortest path under a tie length ([`Distance`]):
//!
//! * [`Distance::Inverse`]: a tie's length is 1/weight, so the chain through
//!   the heaviest ties wins (the same length `central` uses for betweenness
//!   and closeness, and `nx.shortest_path(G, a, b, weight=lambda u, v, d:
//!   1 / d["weight"])`);
//! * [`Distance::Hops`]: every tie is 1 long, so the chain with the fewest
//!   go-betweens wins (`nx.shortest_path(G, a, b)`).
//!
//! Several chains can be equally short, especially in hops. The one returned
//! is chosen, deterministically, by a second key: in hops, the smallest total
//! 1/weight (of the fewest-step chains, the strongest); in inverse, the fewest
//! steps. Lengths within a relative 1e-10 of each other count as equal, as in
//! the centrality code, so `1/10 + 1/15` ties with `1/12 + 1/12`. Remaining
//! ties go to the character who appeared first. [`Chain::count`] says how
//! many chains are equally short on the main key.
//!
//! Dijkstra's algorithm on the pair (main length, second length), compared
//! lexicographically: both are sums of non-negative tie lengths, so the pair
//! is a valid Dijkstra cost. It stops once the target is settled.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::analysis::centrality::Distance;
use crate::analysis::centrality::paths::same_length;
use crate::graph::{CastGraph, CharacterId};

/// One step of a chain: a tie between two consecutive characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The character the step leaves.
    pub from: CharacterId,
    /// The character the step reaches.
    pub to: CharacterId,
    /// The tie's weight.
    pub weight: f64,
    /// Scenes the two share.
    pub scenes: u64,
}

/// The chosen chain between two characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The characters along the chain, from the first to the second.
    pub characters: Vec<CharacterId>,
    /// The ties between consecutive characters.
    pub steps: Vec<Step>,
    /// The chain's length under the distance asked for.
    pub length: f64,
    /// Sum of 1/weight over the steps (whatever the distance asked for).
    pub inverse_length: f64,
    /// How many chains are equally short under the distance asked for
    /// (as a float: the count can exceed any integer type on big graphs).
    pub count: f64,
}

impl Chain {
    /// Number of steps (ties) in the chain.
    pub fn hops(&self) -> usize {
        self.steps.len()
    }
}

/// Close enough to count as the same path length ([`same_length`]); an
/// unreached (infinite) length equals only itself.
fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_finite() && b.is_finite() && same_length(a, b))
}

/// `(main, second)` compared lexicographically, each with [`same`].
fn cost_cmp(a: (f64, f64), b: (f64, f64)) -> Ordering {
    if same(a.0, b.0) {
        if same(a.1, b.1) {
            Ordering::Equal
        } else {
            a.1.total_cmp(&b.1)
        }
    } else {
        a.0.total_cmp(&b.0)
    }
}

#[derive(PartialEq)]
struct Entry {
    cost: (f64, f64),
    node: CharacterId,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse for the smallest cost, then the smallest id.
        other
            .cost
            .0
            .total_cmp(&self.cost.0)
            .then_with(|| other.cost.1.total_cmp(&self.cost.1))
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The chain from `from` to `to` under `distance`, or `None` when no chain
/// joins them (they are in different components).
///
/// # Complexity
/// Dijkstra with a binary heap, stopped when `to` is settled:
/// O((n + m) log n) time at worst, O(n) space.
///
/// # Example
/// ```
/// use castgraph::CastGraph;
/// use castgraph::analysis::centrality::Distance;
/// use castgraph::analysis::chain::chain;
///
/// // Sasha and Maria never meet; Carly links them.
/// let g = CastGraph::from_scenes([&["Sasha", "Carly"][..], &["Carly", "Maria"], &["Carly", "Maria"]]);
/// let (sasha, maria) = (g.id_of("Sasha").unwrap(), g.id_of("Maria").unwrap());
/// let found = chain(&g, sasha, maria, Distance::Inverse).unwrap();
/// let names: Vec<_> = found.characters.iter().map(|&id| g.character(id).name.as_str()).collect();
/// assert_eq!(names, ["Sasha", "Carly", "Maria"]);
/// assert_eq!(found.length, 1.0 + 0.5); // 1/1 + 1/2
/// ```
///
/// Paper: E. W. Dijkstra (1959), *A note on two problems in connexion with
/// graphs*. NetworkX equivalent: `nx.shortest_path(G, a, b, weight=d)`
/// (which breaks ties among equal chains differently: see the module docs).
pub fn chain(graph: &CastGraph, from: CharacterId, to: CharacterId, distance: Distance) -> Option<Chain> {
    let n = graph.character_count();
    let lengths = |weight: f64| -> (f64, f64) {
        let inverse = 1.0 / weight;
        match distance {
            Distance::Inverse => (inverse, 1.0),
            Distance::Hops => (1.0, inverse),
        }
    };
    let mut cost: Vec<Option<(f64, f64)>> = vec![None; n];
    let mut parent: Vec<usize> = vec![usize::MAX; n];
    // Number of shortest chains (main key only) from `from` to each settled character.
    let mut sigma = vec![0.0f64; n];
    let mut main: Vec<f64> = vec![f64::INFINITY; n];
    let mut settled = vec![false; n];
    let mut heap = BinaryHeap::new();
    cost[from] = Some((0.0, 0.0));
    main[from] = 0.0;
    sigma[from] = 1.0;
    heap.push(Entry {
        cost: (0.0, 0.0),
        node: from,
    });
    while let Some(Entry { cost: c, node: v }) = heap.pop() {
        if settled[v] || cost[v] != Some(c) {
            continue;
        }
        // Stop once every character as short as the target is settled: later
        // ones cannot add chains to it.
        if settled[to] && !same(main[v], main[to]) && main[v] > main[to] {
            break;
        }
        settled[v] = true;
        let mut neighbours: Vec<(CharacterId, f64)> = graph.neighbours(v).map(|(u, t)| (u, t.weight)).collect();
        neighbours.sort_unstable_by_key(|&(u, _)| u);
        for (u, weight) in neighbours {
            if settled[u] {
                continue;
            }
            let (d0, d1) = lengths(weight);
            let candidate = (c.0 + d0, c.1 + d1);
            // Counting on the main key alone.
            if same(candidate.0, main[u]) {
                sigma[u] += sigma[v];
            } else if candidate.0 < main[u] {
                main[u] = candidate.0;
                sigma[u] = sigma[v];
            }
            let better = match cost[u] {
                None => true,
                Some(old) => cost_cmp(candidate, old) == Ordering::Less,
            };
            if better {
                cost[u] = Some(candidate);
                parent[u] = v;
                heap.push(Entry {
                    cost: candidate,
                    node: u,
                });
            }
        }
    }
    if !settled[to] {
        return None;
    }
    let mut characters = vec![to];
    let mut v = to;
    while v != from {
        v = parent[v];
        characters.push(v);
    }
    characters.reverse();
    let steps: Vec<Step> = characters
        .windows(2)
        .map(|w| {
            let tie = graph
                .neighbours(w[0])
                .find(|&(u, _)| u == w[1])
                .map(|(_, t)| *t)
                .unwrap_or(crate::graph::Tie {
                    weight: f64::NAN,
                    scenes: 0,
                });
            Step {
                from: w[0],
                to: w[1],
                weight: tie.weight,
                scenes: tie.scenes,
            }
        })
        .collect();
    // A fold from +0.0: an empty f64 sum is -0.0, printed as `-0.0000`.
    let inverse_length = steps.iter().fold(0.0, |acc, s| acc + 1.0 / s.weight);
    let length = match distance {
        Distance::Inverse => inverse_length,
        Distance::Hops => steps.len() as f64,
    };
    Some(Chain {
        characters,
        steps,
        length,
        inverse_length,
        count: sigma[to],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(scenes: &[&[&str]]) -> CastGraph {
        CastGraph::from_scenes(scenes.iter().copied())
    }

    #[test]
    fn inverse_prefers_heavy_ties_and_hops_prefers_few() {
        // A-B-C-D strongly tied (4 each: length 3/4); A-D tied once (length 1).
        let mut scenes: Vec<&[&str]> = Vec::new();
        for _ in 0..4 {
            scenes.extend([&["A", "B"][..], &["B", "C"][..], &["C", "D"][..]]);
        }
        scenes.push(&["A", "D"]);
        let g = graph(&scenes);
        let (a, d) = (g.id_of("A").unwrap(), g.id_of("D").unwrap());
        let inv = chain(&g, a, d, Distance::Inverse).unwrap();
        assert_eq!(inv.characters, [0, 1, 2, 3]);
        assert!((inv.length - 0.75).abs() < 1e-15);
        assert_eq!(inv.count, 1.0);
        let hops = chain(&g, a, d, Distance::Hops).unwrap();
        assert_eq!(hops.characters, [0, 3]);
        assert_eq!(hops.length, 1.0);
        assert_eq!(hops.hops(), 1);
    }

    #[test]
    fn equal_hops_pick_the_strongest_and_count_all() {
        // A-B-D and A-C-D both 2 hops; via C the ties are heavier.
        let g = graph(&[
            &["A", "B"],
            &["B", "D"],
            &["A", "C"],
            &["A", "C"],
            &["C", "D"],
            &["C", "D"],
        ]);
        let (a, d) = (g.id_of("A").unwrap(), g.id_of("D").unwrap());
        let c = chain(&g, a, d, Distance::Hops).unwrap();
        assert_eq!(c.characters, [a, g.id_of("C").unwrap(), d]);
        assert_eq!(c.count, 2.0);
        assert!((c.inverse_length - 1.0).abs() < 1e-15);
    }

    #[test]
    fn mathematically_equal_lengths_are_ties() {
        // tie.csv: A-B x10, B-C x15, A-D x12, D-C x12: 1/10 + 1/15 = 1/12 + 1/12.
        let mut scenes: Vec<&[&str]> = Vec::new();
        scenes.extend(std::iter::repeat_n(&["A", "B"][..], 10));
        scenes.extend(std::iter::repeat_n(&["B", "C"][..], 15));
        scenes.extend(std::iter::repeat_n(&["A", "D"][..], 12));
        scenes.extend(std::iter::repeat_n(&["D", "C"][..], 12));
        let g = graph(&scenes);
        let c = chain(&g, g.id_of("A").unwrap(), g.id_of("C").unwrap(), Distance::Inverse).unwrap();
        assert_eq!(c.count, 2.0);
        assert_eq!(c.hops(), 2);
    }

    #[test]
    fn unconnected_and_self() {
        let g = graph(&[&["A", "B"], &["C"]]);
        assert!(chain(&g, 0, 2, Distance::Inverse).is_none());
        let own = chain(&g, 1, 1, Distance::Hops).unwrap();
        assert_eq!(own.characters, [1]);
        assert_eq!(own.length, 0.0);
        assert_eq!(own.count, 1.0);
    }
}
