//! Communities: groups of characters who share more scenes with each other
//! than the cast's overall pattern predicts, found by maximising modularity.
//!
//! # Modularity
//!
//! For a partition of the characters into communities, with `m` the total
//! tie weight, `L_c` the weight of the ties inside community `c` and `K_c`
//! the sum of its members' strengths, and a resolution `γ`:
//!
//! ```text
//! Q = Σ_c [ L_c / m − γ (K_c / 2m)² ]
//! ```
//!
//! exactly `nx.community.modularity(G, communities, weight="weight",
//! resolution=γ)`. A graph without ties (or whose ties all weigh 0) has
//! `m = 0` and no modularity: NetworkX raises `ZeroDivisionError`; castgraph
//! reports `NaN` (and the command line says "undefined"). Higher `γ` favours
//! more, smaller communities; `γ = 1` is Newman–Girvan modularity.
//!
//! # The algorithm
//!
//! Leiden (Traag, Waltman & van Eck 2019, see [`leiden`]) with greedy
//! refinement, seeded. What castgraph adds around it:
//!
//! * **Run to convergence.** Each run is repeated from its own result (a
//!   Leiden iteration started from the previous partition never lowers Q)
//!   while Q improves by more than 1e-6, at most 10 times.
//! * **Best of several restarts.** `restarts` runs (default 10, fewer on
//!   graphs of more than a million ties: see [`CommunityOptions::runs`]) with seeds
//!   drawn from `seed` (SplitMix64); the highest Q wins, ties going to the
//!   earliest run.
//!   Runs are independent and sequential inside, so the result is the same
//!   whatever the number of threads they are spread over.
//! * **Connected communities, guaranteed.** Louvain can leave a community in
//!   pieces; Leiden's refinement makes that rare; castgraph finally splits any
//!   community that is not connected (through ties of positive weight) into
//!   its pieces, which never lowers Q. Characters without ties are each a
//!   community of their own.
//! * **Stable numbering.** Communities are numbered from 1, largest first,
//!   equal sizes in order of their first-appearing member.
//!
//! # Why not a crate
//!
//! petgraph has no community detection. The crates that do (graphrs,
//! leiden-rs, rust-igraph, rune-leiden...) are young 0.x or alpha releases
//! with one maintainer, bring their own graph type (a copy of a graph of
//! millions of ties) or large dependency trees, and none promises what
//! castgraph's users rely on: bit-identical results across thread counts,
//! a documented tie-break for every choice, connected communities and a
//! resolution parameter defined exactly as NetworkX's. The algorithm is a
//! few hundred lines; the tests check it against NetworkX 3.6.1.

pub mod leiden;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::graph::{CastGraph, CharacterId};
use crate::util::rng::SplitMix64;
use crate::util::wording::{Setting, msg};

/// Default `--resolution`.
pub const DEFAULT_RESOLUTION: f64 = 1.0;
/// Default `--seed`.
pub const DEFAULT_SEED: u64 = 42;
/// Default number of runs on graphs of up to [`AUTO_RESTART_TIES`] ties.
pub const DEFAULT_RESTARTS: usize = 10;
/// Without `restarts`, a graph of T ties gets `clamp(10^7 / T, 1, 10)` runs,
/// so the work stays near that of 10 runs on a million ties.
pub const AUTO_RESTART_TIES: usize = 1_000_000;
/// A run is repeated from its own result at most this many times...
const MAX_ROUNDS: usize = 10;
/// ... and only while Q improves by more than this.
const MIN_GAIN: f64 = 1e-6;

/// How to find communities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommunityOptions {
    /// Resolution γ (> 0): higher gives more, smaller communities.
    pub resolution: f64,
    /// Seed of every random choice.
    pub seed: u64,
    /// Number of independent runs, the best Q winning (at least 1); `None`:
    /// [`DEFAULT_RESTARTS`], fewer on graphs of more than [`AUTO_RESTART_TIES`] ties.
    pub restarts: Option<usize>,
}

impl Default for CommunityOptions {
    fn default() -> Self {
        CommunityOptions {
            resolution: DEFAULT_RESOLUTION,
            seed: DEFAULT_SEED,
            restarts: None,
        }
    }
}

impl CommunityOptions {
    /// The number of runs on a graph of `ties` ties.
    pub fn runs(&self, ties: usize) -> usize {
        self.restarts
            .unwrap_or_else(|| (DEFAULT_RESTARTS * AUTO_RESTART_TIES / ties.max(1)).clamp(1, DEFAULT_RESTARTS))
    }
}

/// A partition of the cast into communities.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    /// The options used.
    pub options: CommunityOptions,
    /// The number of runs made (see [`CommunityOptions::runs`]).
    pub runs: usize,
    /// Each character's community number (1 = the largest), by [`CharacterId`].
    pub membership: Vec<usize>,
    /// The members of each community (`members[0]` is community 1), each
    /// ordered by strength, highest first (ties: first appearance).
    pub members: Vec<Vec<CharacterId>>,
    /// Modularity Q of the partition at `options.resolution`; NaN when the
    /// graph has no tie weight.
    pub modularity: f64,
}

impl Communities {
    /// A one-line description:
    /// `Leiden modularity communities, resolution 1, seed 42, best of 10 runs`.
    pub fn describe(&self) -> String {
        format!(
            "Leiden modularity communities, resolution {}, seed {}, best of {} run{}",
            crate::util::format::format_number(self.options.resolution),
            self.options.seed,
            self.runs,
            if self.runs == 1 { "" } else { "s" }
        )
    }

    /// Number of communities.
    pub fn count(&self) -> usize {
        self.members.len()
    }
}

/// Finds communities in `graph`: the partition of highest modularity among
/// seeded Leiden runs (see the module docs).
///
/// # Errors
/// [`Error::Invalid`] if the resolution is not a positive finite number or
/// `restarts` is 0.
///
/// # Complexity
/// O(m) per local-moving sweep; a run makes a few sweeps per level and a
/// few levels; `restarts` runs spread over the threads. Memory O(n + m).
///
/// # Example
/// ```
/// use castgraph::CastGraph;
/// use castgraph::analysis::community::{CommunityOptions, detect};
///
/// // Two triangles joined by one weak tie.
/// let g = CastGraph::from_scenes([
///     &["A", "B", "C"][..], &["A", "B", "C"], &["D", "E", "F"], &["D", "E", "F"], &["C", "D"],
/// ]);
/// let found = detect(&g, &CommunityOptions::default())?;
/// assert_eq!(found.count(), 2);
/// assert_eq!(found.membership[0], found.membership[2]);
/// assert_ne!(found.membership[0], found.membership[3]);
/// # Ok::<(), castgraph::Error>(())
/// ```
///
/// Paper: V. A. Traag, L. Waltman, N. J. van Eck (2019), *From Louvain to
/// Leiden: guaranteeing well-connected communities*, Scientific Reports 9.
/// NetworkX equivalent of the objective: `nx.community.modularity(G,
/// communities, weight="weight", resolution=γ)`; of the search,
/// `nx.community.louvain_communities(G, weight="weight", resolution=γ, seed=s)`
/// (a different algorithm: partitions may differ, Q is compared in the tests).
pub fn detect(graph: &CastGraph, options: &CommunityOptions) -> Result<Communities> {
    detect_with(graph, options, &crate::util::progress::NoProgress)
}

/// [`detect`], reporting each finished run to `progress` (phase `communities`).
///
/// # Errors
/// Those of [`detect`].
pub fn detect_with(
    graph: &CastGraph,
    options: &CommunityOptions,
    progress: &dyn crate::util::progress::Progress,
) -> Result<Communities> {
    check(options)?;
    let n = graph.character_count();
    let ties = positive_ties(graph);
    let runs = options.runs(graph.tie_count());
    let partition = search(n, &ties, &[], options, runs, progress);
    Ok(number(graph, &ties, partition, *options, runs))
}

/// Communities of a graph given as ties rather than a [`CastGraph`]: `n` nodes, ties
/// `(a, b, weight)` between distinct nodes `a, b < n` (a pair given twice adds up), and
/// `loops`, empty or one weight per node of its ties with itself, which modularity counts as
/// NetworkX does (once in `m` and in `L_c`, twice in the node's strength). Weights must be
/// finite and at least 0. The same search as [`detect`]; returns a community label per node,
/// `0..k`, numbered in order of first node.
///
/// # Errors
/// [`Error::Invalid`] for a bad option (as [`detect`]), a node out of range, a tie of a node
/// with itself, a weight that is not a finite number >= 0, or `loops` of the wrong length.
///
/// # Example
/// ```
/// use castgraph::analysis::community::{CommunityOptions, detect_ties};
///
/// // Two triangles joined by one weak tie; node 0 also has a tie with itself.
/// let ties = [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 0.1)];
/// let labels = detect_ties(6, &ties, &[2.0, 0.0, 0.0, 0.0, 0.0, 0.0], &CommunityOptions::default())?;
/// assert_eq!(labels, vec![0, 0, 0, 1, 1, 1]);
/// # Ok::<(), castgraph::Error>(())
/// ```
pub fn detect_ties(
    n: usize,
    ties: &[(usize, usize, f64)],
    loops: &[f64],
    options: &CommunityOptions,
) -> Result<Vec<usize>> {
    check(options)?;
    if !loops.is_empty() && loops.len() != n {
        return Err(Error::invalid(format!(
            "{} self-tie weights for {n} nodes",
            loops.len()
        )));
    }
    let check_weight = |w: f64| {
        if w.is_finite() && w >= 0.0 {
            Ok(())
        } else {
            Err(Error::invalid(format!(
                "a tie weight must be a finite number >= 0, not {w}"
            )))
        }
    };
    for &w in loops {
        check_weight(w)?;
    }
    let mut merged = rustc_hash::FxHashMap::default();
    let mut order = Vec::new();
    for &(a, b, w) in ties {
        if a >= n || b >= n {
            return Err(Error::invalid(format!(
                "a tie of node {} in a graph of {n} nodes",
                a.max(b)
            )));
        }
        if a == b {
            return Err(Error::invalid(format!(
                "a tie of node {a} with itself (give it in loops)"
            )));
        }
        check_weight(w)?;
        let key = (a.min(b), a.max(b));
        let total = merged.entry(key).or_insert_with(|| {
            order.push(key);
            0.0
        });
        *total += w;
    }
    let ties: Vec<(usize, usize, f64)> = order
        .into_iter()
        .map(|(a, b)| (a, b, merged[&(a, b)]))
        .filter(|t| t.2 > 0.0)
        .collect();
    let runs = options.runs(ties.len());
    Ok(search(
        n,
        &ties,
        loops,
        options,
        runs,
        &crate::util::progress::NoProgress,
    ))
}

/// Fails with [`Error::Invalid`] on a resolution that is not a positive finite number or no restarts.
fn check(options: &CommunityOptions) -> Result<()> {
    if !(options.resolution.is_finite() && options.resolution > 0.0) {
        return Err(Error::invalid(format!(
            "the resolution must be a positive number, not {}",
            options.resolution
        )));
    }
    if options.restarts == Some(0) {
        return Err(Error::invalid(msg![Setting::Restarts, " must be at least 1"]));
    }
    Ok(())
}

/// The best partition (dense labels in order of first node) of `runs` seeded Leiden runs on
/// `n` nodes with positive `ties` (each pair once) and `loops` (empty: none).
fn search(
    n: usize,
    ties: &[(usize, usize, f64)],
    loops: &[f64],
    options: &CommunityOptions,
    runs: usize,
    progress: &dyn crate::util::progress::Progress,
) -> Vec<usize> {
    let net = leiden::Net::from_ties(n, ties).with_loops(loops);
    let mut seeds = SplitMix64::new(options.seed);
    let seeds: Vec<u64> = (0..runs).map(|_| seeds.next_u64()).collect();
    let gamma = options.resolution;
    progress.start("communities", Some(runs as u64));
    let results: Vec<(Vec<usize>, f64)> = seeds
        .par_iter()
        .map(|&seed| {
            let mut rng = SplitMix64::new(seed);
            let first = leiden::run(&net, None, gamma, rng.next_u64());
            let mut best = split_disconnected(n, ties, &first);
            let mut best_q = modularity_of(n, ties, loops, &best, gamma);
            for _ in 0..MAX_ROUNDS {
                let start: Vec<u32> = best.iter().map(|&c| c as u32).collect();
                let next = leiden::run(&net, Some(&start), gamma, rng.next_u64());
                let next = split_disconnected(n, ties, &next);
                let q = modularity_of(n, ties, loops, &next, gamma);
                if q > best_q + MIN_GAIN {
                    best = next;
                    best_q = q;
                } else {
                    break;
                }
            }
            progress.advance(1);
            (best, best_q)
        })
        .collect();
    progress.finish();
    let mut best = 0;
    for (i, (_, q)) in results.iter().enumerate() {
        if *q > results[best].1 {
            best = i;
        }
    }
    results.into_iter().nth(best).map(|r| r.0).unwrap_or_default()
}

/// The ties with a positive weight, as `(a, b, weight)`.
fn positive_ties(graph: &CastGraph) -> Vec<(usize, usize, f64)> {
    graph
        .ties()
        .filter(|(_, _, t)| t.weight > 0.0)
        .map(|(a, b, t)| (a, b, t.weight))
        .collect()
}

/// Modularity of a partition given as a community label per character (any
/// labels: equal labels are one community), at resolution `resolution`;
/// `nx.community.modularity(G, communities, weight="weight", resolution=resolution)`.
/// NaN when the graph has no tie weight (NetworkX raises `ZeroDivisionError`).
///
/// Fails with [`Error::Invalid`] if `labels` does not have one entry per character.
pub fn modularity(graph: &CastGraph, labels: &[usize], resolution: f64) -> Result<f64> {
    let n = graph.character_count();
    if labels.len() != n {
        return Err(Error::invalid(format!(
            "{} community labels for {n} characters",
            labels.len()
        )));
    }
    let mut dense: Vec<u32> = Vec::with_capacity(n);
    let mut map = rustc_hash::FxHashMap::default();
    for &l in labels {
        let next = map.len() as u32;
        dense.push(*map.entry(l).or_insert(next));
    }
    let dense: Vec<usize> = dense.into_iter().map(|c| c as usize).collect();
    Ok(modularity_of(n, &positive_ties(graph), &[], &dense, resolution))
}

/// Modularity of dense labels `0..k`, with `loops` (empty: none) as in [`detect_ties`]; sums
/// run in tie order, then community order.
fn modularity_of(n: usize, ties: &[(usize, usize, f64)], loops: &[f64], labels: &[usize], gamma: f64) -> f64 {
    let count = labels.iter().max().map_or(0, |&m| m + 1);
    let mut inside = vec![0.0f64; count];
    let mut tot = vec![0.0f64; count];
    let mut strength = vec![0.0f64; n];
    for &(a, b, w) in ties {
        strength[a] += w;
        strength[b] += w;
        if labels[a] == labels[b] {
            inside[labels[a]] += w;
        }
    }
    for (v, &w) in loops.iter().enumerate() {
        strength[v] += 2.0 * w;
        inside[labels[v]] += w;
    }
    let two_m: f64 = strength.iter().sum();
    if two_m <= 0.0 {
        return f64::NAN;
    }
    for (v, &k) in strength.iter().enumerate() {
        tot[labels[v]] += k;
    }
    let m = two_m / 2.0;
    inside
        .iter()
        .zip(&tot)
        .map(|(&l, &k)| l / m - gamma * (k / two_m) * (k / two_m))
        .sum()
}

/// Splits every community into its connected pieces (through `ties`);
/// returns dense labels in order of first node.
fn split_disconnected(n: usize, ties: &[(usize, usize, f64)], labels: &[u32]) -> Vec<usize> {
    let mut uf = petgraph::unionfind::UnionFind::<usize>::new(n);
    for &(a, b, _) in ties {
        if labels[a] == labels[b] {
            uf.union(a, b);
        }
    }
    let mut number = vec![usize::MAX; n];
    let mut next = 0;
    (0..n)
        .map(|v| {
            let root = uf.find(v);
            if number[root] == usize::MAX {
                number[root] = next;
                next += 1;
            }
            number[root]
        })
        .collect()
}

/// Numbers the communities of dense `labels` 1.. by size, largest first
/// (equal sizes: first-appearing member first), and orders members by strength.
fn number(
    graph: &CastGraph,
    ties: &[(usize, usize, f64)],
    labels: Vec<usize>,
    options: CommunityOptions,
    runs: usize,
) -> Communities {
    let n = graph.character_count();
    let count = labels.iter().max().map_or(0, |&m| m + 1);
    let mut groups: Vec<Vec<CharacterId>> = vec![Vec::new(); count];
    for (id, &l) in labels.iter().enumerate() {
        groups[l].push(id);
    }
    // Dense labels are in order of first member, so a stable sort by size keeps that order for ties.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    let mut strength = vec![0.0f64; n];
    for &(a, b, w) in ties {
        strength[a] += w;
        strength[b] += w;
    }
    let mut membership = vec![0usize; n];
    for (i, g) in groups.iter_mut().enumerate() {
        for &id in g.iter() {
            membership[id] = i + 1;
        }
        g.sort_by(|&a, &b| strength[b].total_cmp(&strength[a]).then(a.cmp(&b)));
    }
    let dense: Vec<usize> = membership.iter().map(|&c| c - 1).collect();
    let modularity = modularity_of(n, ties, &[], &dense, options.resolution);
    Communities {
        options,
        runs,
        membership,
        members: groups,
        modularity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(ties: &[(&str, &str)]) -> CastGraph {
        let mut g = CastGraph::new();
        for (a, b) in ties {
            g.add_characters(&[a, b]);
        }
        g
    }

    /// Two triangles joined by a tie, and a pendant `g`.
    fn two_triangles() -> CastGraph {
        graph(&[
            ("a", "b"),
            ("b", "c"),
            ("a", "c"),
            ("d", "e"),
            ("e", "f"),
            ("d", "f"),
            ("f", "g"),
            ("c", "d"),
        ])
    }

    #[test]
    fn two_triangles_and_a_bridge() {
        let g = two_triangles();
        let c = detect(&g, &CommunityOptions::default()).unwrap();
        assert_eq!(c.count(), 2);
        // d, e, f, g (4) is community 1; a, b, c is community 2.
        assert_eq!(c.membership, [2, 2, 2, 1, 1, 1, 1]);
        assert!((c.modularity - modularity(&g, &c.membership, 1.0).unwrap()).abs() < 1e-15);
    }

    #[test]
    fn no_ties_no_modularity() {
        let mut g = CastGraph::new();
        g.add_characters(&["a"]);
        g.add_characters(&["b"]);
        let c = detect(&g, &CommunityOptions::default()).unwrap();
        assert_eq!(c.membership, [1, 2]);
        assert!(c.modularity.is_nan());
        let empty = detect(&CastGraph::new(), &CommunityOptions::default()).unwrap();
        assert_eq!(empty.count(), 0);
    }

    #[test]
    fn bad_options_are_errors() {
        let g = graph(&[("a", "b")]);
        for r in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let o = CommunityOptions {
                resolution: r,
                ..CommunityOptions::default()
            };
            assert!(detect(&g, &o).is_err());
        }
        let o = CommunityOptions {
            restarts: Some(0),
            ..CommunityOptions::default()
        };
        assert!(detect(&g, &o).is_err());
        assert!(modularity(&g, &[1], 1.0).is_err());
    }

    #[test]
    fn ties_give_what_the_graph_gives() {
        let g = two_triangles();
        let c = detect(&g, &CommunityOptions::default()).unwrap();
        let ties: Vec<(usize, usize, f64)> = g.ties().map(|(a, b, t)| (a, b, t.weight)).collect();
        let labels = detect_ties(7, &ties, &[], &CommunityOptions::default()).unwrap();
        assert_eq!(labels, [0, 0, 0, 1, 1, 1, 1]);
        assert_eq!(c.membership, [2, 2, 2, 1, 1, 1, 1]);
        // The same pair twice adds up; zero weights leave a node alone.
        let split = detect_ties(
            3,
            &[(0, 1, 0.5), (1, 0, 0.5), (1, 2, 0.0)],
            &[],
            &CommunityOptions::default(),
        )
        .unwrap();
        assert_eq!(split, [0, 0, 1]);
    }

    #[test]
    fn self_ties_count_as_networkx_counts_them() {
        // A path a - b - c and a tie of b with itself (weight 10): Q as NetworkX's
        // `nx.community.modularity` gives it (m = 12, degrees 1, 22, 1).
        let ties = [(0, 1, 1.0), (1, 2, 1.0)];
        let loops = [0.0, 10.0, 0.0];
        for (labels, networkx) in [
            ([0, 1, 2], -0.010416666666666533),
            ([0, 0, 1], -0.0034722222222221604),
            ([0, 1, 0], -0.013888888888888753),
            ([0, 0, 0], 0.0),
        ] {
            let q = modularity_of(3, &ties, &loops, &labels, 1.0);
            assert!((q - networkx).abs() < 1e-15, "{labels:?}: {q} against {networkx}");
        }
        assert_eq!(
            detect_ties(3, &ties, &loops, &CommunityOptions::default()).unwrap(),
            [0, 0, 0]
        );
        for bad in [
            detect_ties(3, &ties, &[1.0], &CommunityOptions::default()),
            detect_ties(3, &ties, &[0.0, f64::NAN, 0.0], &CommunityOptions::default()),
            detect_ties(3, &[(0, 0, 1.0)], &[], &CommunityOptions::default()),
            detect_ties(3, &[(0, 3, 1.0)], &[], &CommunityOptions::default()),
            detect_ties(3, &[(0, 1, -1.0)], &[], &CommunityOptions::default()),
        ] {
            assert!(bad.is_err());
        }
    }
}
