//! The shortest-path engine behind betweenness, closeness and harmonic
//! centrality.
//!
//! One single-source pass per source — breadth-first search for
//! [`Distance::Hops`], Dijkstra for [`Distance::Inverse`] — feeds all three
//! measures at once: no measure re-runs the traversals of another. The passes
//! run on a compact adjacency (CSR) built once from the cast graph, in
//! parallel over sources with rayon.
//!
//! # Definitions (NetworkX 3.x, `distance` = 1/weight or 1 per tie)
//!
//! * **betweenness** — Brandes' algorithm, normalised for undirected graphs:
//!   `b(v) = Σ_{s≠v≠t} σ_st(v)/σ_st · 2/((n−1)(n−2))` (unscaled for n ≤ 2):
//!   `nx.betweenness_centrality(G, weight='distance', normalized=True)`.
//! * **closeness** — Wasserman–Faust form for disconnected graphs:
//!   `C(v) = (r−1)/(n−1) · (r−1)/Σ_u d(v,u)` over the `r` characters reachable
//!   from `v` (itself included), 0 for an isolated character:
//!   `nx.closeness_centrality(G, distance='distance')`.
//! * **harmonic** — `H(v) = Σ_{u≠v} 1/d(v,u)` over reachable `u`, not
//!   normalised: `nx.harmonic_centrality(G, distance='distance')`.
//!
//! # Exact ties
//!
//! With distances 1/w, floating point makes 1/10 + 1/15 differ from
//! 1/12 + 1/12 (both are 1/6), and an implementation that compares distances exactly (NetworkX
//! does) silently drops one of two equally short paths. Here two path lengths
//! are equal when they differ by at most [`RELATIVE_TOLERANCE`] of their size,
//! which is far above float rounding (~1e-16 per addition) and far below any
//! real difference of sums of 1/w for realistic weights. In hops mode
//! distances are integers and compared exactly.
//!
//! # Determinism
//!
//! Sources are split into fixed chunks of [`CHUNK`]; each chunk sums its
//! sources' contributions in source order, and chunk sums are added in chunk
//! order. The partition does not depend on the number of threads, so results
//! are bit-identical with 1 thread or many.
//!
//! # Sampling
//!
//! With `sample = Some(k)`, only `k` pivot sources, drawn uniformly without
//! replacement by a seeded SplitMix64 generator, are traversed
//! (Brandes–Pich 2007 for betweenness; Eppstein–Wang 2004 for closeness and
//! harmonic). Each pivot's contribution is scaled by `n/k`, which makes every
//! estimated sum unbiased: betweenness sums `n/k · Σ_p δ_p(v)`, closeness uses
//! `n/k · Σ_p d(p,v)` as its distance sum (with the exact `r` from the
//! connected components) and harmonic is `n/k · Σ_{p≠v} 1/d(p,v)`. With
//! `k = n` every character is a pivot and the values are exact.
//!
//! # Complexity
//! Hops: O(n·m) time. Inverse: O(n·m·log n). O(n + m) space per thread.
//!
//! # References
//! U. Brandes (2001), *A faster algorithm for betweenness centrality*.
//! U. Brandes, C. Pich (2007), *Centrality estimation in large networks*.
//! D. Eppstein, J. Wang (2004), *Fast approximation of centrality*.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use crate::graph::csr::Csr;

/// Two path lengths within this relative difference are equal (see the module docs).
pub const RELATIVE_TOLERANCE: f64 = 1e-10;

/// Sources per deterministic work unit.
pub const CHUNK: usize = 32;

/// What a tie's length is for path measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Distance {
    /// Length 1/weight: more shared scenes = closer (the default).
    #[default]
    Inverse,
    /// Every tie has length 1: weights are ignored (Gephi's, DraCor's and NetworkX's default).
    Hops,
}

impl Distance {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Distance::Inverse => "inverse",
            Distance::Hops => "hops",
        }
    }

    /// What the choice means, for captions.
    pub fn describe(self) -> &'static str {
        match self {
            Distance::Inverse => "distance = 1/weight",
            Distance::Hops => "distance = 1 per tie (weights ignored)",
        }
    }
}

/// Betweenness, closeness and harmonic centrality of every character.
#[derive(Debug, Clone, PartialEq)]
pub struct PathScores {
    /// Normalised betweenness.
    pub betweenness: Vec<f64>,
    /// Wasserman–Faust closeness.
    pub closeness: Vec<f64>,
    /// Harmonic centrality.
    pub harmonic: Vec<f64>,
}

/// Which sources to traverse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// Number of pivots (clamped to the number of characters).
    pub pivots: usize,
    /// Seed of the pivot choice.
    pub seed: u64,
}

/// Computes betweenness, closeness and harmonic centrality, exactly or from a sample of pivots.
pub fn path_scores(csr: &Csr, distance: Distance, sample: Option<Sample>) -> PathScores {
    path_scores_with(csr, distance, sample, &crate::util::progress::NoProgress)
}

/// [`path_scores`], reporting each finished source to `progress`.
pub fn path_scores_with(
    csr: &Csr,
    distance: Distance,
    sample: Option<Sample>,
    progress: &dyn crate::util::progress::Progress,
) -> PathScores {
    let n = csr.len();
    let lengths: Vec<f64> = match distance {
        Distance::Inverse => csr.weights().iter().map(|w| 1.0 / w).collect(),
        Distance::Hops => vec![1.0; csr.arcs()],
    };
    let net = Net { csr, lengths: &lengths };
    let sources: Vec<usize> = match sample {
        Some(s) if s.pivots < n => choose_pivots(n, s.pivots, s.seed),
        _ => (0..n).collect(),
    };
    let k = sources.len();
    let sampled = k < n;
    progress.start("shortest paths", Some(k as u64));

    // Per-source work: its dependency vector, plus (when sampling) each node's
    // distance sum and inverse-distance sum accumulated from this pivot.
    let mut acc = Accumulator::new(n, sampled);
    let mut own_closeness: Vec<OwnSums> = vec![(0.0, 0, 0.0); if sampled { 0 } else { n }];
    const WINDOW: usize = 16;
    for window in sources.chunks(CHUNK * WINDOW) {
        let partials: Vec<(Accumulator, Vec<(usize, OwnSums)>)> = window
            .par_chunks(CHUNK)
            .map_init(
                || Workspace::new(n, csr.arcs()),
                |ws, chunk| {
                    let mut part = Accumulator::new(n, sampled);
                    let mut own = Vec::new();
                    for &s in chunk {
                        ws.run(&net, s, distance);
                        ws.accumulate_dependencies(csr, &mut part.betweenness);
                        if sampled {
                            for &v in &ws.order {
                                let d = ws.dist[v];
                                part.dist_sum[v] += d;
                                if v != s {
                                    part.inv_sum[v] += 1.0 / d;
                                }
                            }
                        } else {
                            own.push((s, ws.own_sums(s, distance)));
                        }
                    }
                    progress.advance(chunk.len() as u64);
                    (part, own)
                },
            )
            .collect();
        for (part, own) in partials {
            acc.add(&part);
            for (s, sums) in own {
                own_closeness[s] = sums;
            }
        }
    }

    progress.finish();
    let nf = n as f64;
    let scale = if sampled { nf / k as f64 } else { 1.0 };
    let norm = if n > 2 { 1.0 / ((nf - 1.0) * (nf - 2.0)) } else { 1.0 };
    let betweenness = acc.betweenness.iter().map(|b| b * scale * norm).collect();

    let (comp, sizes) = csr.components();
    let reach: Vec<usize> = comp.iter().map(|&c| sizes[c]).collect();
    let mut closeness = vec![0.0; n];
    let mut harmonic = vec![0.0; n];
    for v in 0..n {
        let (dist_sum, r, inv_sum) = if sampled {
            (acc.dist_sum[v] * scale, reach[v], acc.inv_sum[v] * scale)
        } else {
            own_closeness[v]
        };
        if dist_sum > 0.0 && n > 1 {
            let r1 = (r - 1) as f64;
            closeness[v] = r1 / dist_sum * (r1 / (nf - 1.0));
        }
        harmonic[v] = inv_sum;
    }
    PathScores {
        betweenness,
        closeness,
        harmonic,
    }
}

/// A source's own (Σ distances, reachable count including itself, Σ 1/distance).
type OwnSums = (f64, usize, f64);

/// Running sums over sources.
struct Accumulator {
    betweenness: Vec<f64>,
    dist_sum: Vec<f64>,
    inv_sum: Vec<f64>,
}

impl Accumulator {
    fn new(n: usize, sampled: bool) -> Self {
        let m = if sampled { n } else { 0 };
        Accumulator {
            betweenness: vec![0.0; n],
            dist_sum: vec![0.0; m],
            inv_sum: vec![0.0; m],
        }
    }

    fn add(&mut self, other: &Accumulator) {
        for (a, b) in [
            (&mut self.betweenness, &other.betweenness),
            (&mut self.dist_sum, &other.dist_sum),
            (&mut self.inv_sum, &other.inv_sum),
        ] {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
    }
}

/// The adjacency with the length of every arc for the chosen distance.
struct Net<'a> {
    csr: &'a Csr,
    lengths: &'a [f64],
}

/// Per-thread buffers for one single-source pass, reused across sources.
struct Workspace {
    dist: Vec<f64>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    settled: Vec<bool>,
    /// Predecessors of `w` on shortest paths: `preds[start[w]..start[w] + npred[w]]`,
    /// where `start` is `w`'s arc offset (a node has at most `degree` predecessors).
    preds: Vec<u32>,
    npred: Vec<u32>,
    /// Reached nodes in non-decreasing distance order (the source first).
    order: Vec<usize>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
    queue: std::collections::VecDeque<usize>,
}

impl Workspace {
    fn new(n: usize, arcs: usize) -> Self {
        Workspace {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            settled: vec![false; n],
            preds: vec![0; arcs],
            npred: vec![0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
            queue: std::collections::VecDeque::new(),
        }
    }

    /// Single-source shortest paths from `s`: distances, path counts σ,
    /// predecessor lists and the settle order. Resets what the previous
    /// source touched.
    fn run(&mut self, net: &Net<'_>, s: usize, distance: Distance) {
        for &v in &self.order {
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
            self.settled[v] = false;
            self.npred[v] = 0;
        }
        self.order.clear();
        self.dist[s] = 0.0;
        self.sigma[s] = 1.0;
        match distance {
            Distance::Hops => self.bfs(net.csr, s),
            Distance::Inverse => self.dijkstra(net, s),
        }
    }

    fn add_pred(&mut self, csr: &Csr, w: usize, v: usize) {
        let slot = csr.range(w).start + self.npred[w] as usize;
        self.preds[slot] = v as u32;
        self.npred[w] += 1;
    }

    fn bfs(&mut self, csr: &Csr, s: usize) {
        self.queue.clear();
        self.queue.push_back(s);
        self.settled[s] = true;
        while let Some(v) = self.queue.pop_front() {
            self.order.push(v);
            let next = self.dist[v] + 1.0;
            for &w in &csr.targets()[csr.range(v)] {
                let w = w as usize;
                if !self.settled[w] {
                    self.settled[w] = true;
                    self.dist[w] = next;
                    self.queue.push_back(w);
                }
                if self.dist[w] == next {
                    self.sigma[w] += self.sigma[v];
                    self.add_pred(csr, w, v);
                }
            }
        }
    }

    /// Dijkstra with tolerant comparisons: a path within the tolerance of the
    /// best known is another shortest path, not a longer one. Lengths are
    /// positive, so every predecessor of `w` is settled before `w` and σ(w) is
    /// complete when `w` is settled.
    fn dijkstra(&mut self, net: &Net<'_>, s: usize) {
        let csr = net.csr;
        self.heap.clear();
        // Non-negative floats order like their bit patterns.
        self.heap.push(Reverse((0f64.to_bits(), s as u32)));
        while let Some(Reverse((bits, v))) = self.heap.pop() {
            let v = v as usize;
            let dv = f64::from_bits(bits);
            if dv > self.dist[v] || self.settled[v] {
                continue;
            }
            self.settled[v] = true;
            self.order.push(v);
            let range = csr.range(v);
            for (&w, &len) in csr.targets()[range.clone()].iter().zip(&net.lengths[range]) {
                let w = w as usize;
                let alt = dv + len;
                let dw = self.dist[w];
                if same_length(alt, dw) {
                    self.sigma[w] += self.sigma[v];
                    self.add_pred(csr, w, v);
                    if alt < dw {
                        self.dist[w] = alt;
                        self.heap.push(Reverse((alt.to_bits(), w as u32)));
                    }
                } else if alt < dw {
                    self.dist[w] = alt;
                    self.sigma[w] = self.sigma[v];
                    self.npred[w] = 0;
                    self.add_pred(csr, w, v);
                    self.heap.push(Reverse((alt.to_bits(), w as u32)));
                }
            }
        }
    }

    /// Brandes' dependency accumulation for the last source, added into `out`.
    fn accumulate_dependencies(&mut self, csr: &Csr, out: &mut [f64]) {
        for i in (1..self.order.len()).rev() {
            let w = self.order[i];
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            let start = csr.range(w).start;
            for k in start..start + self.npred[w] as usize {
                let v = self.preds[k] as usize;
                self.delta[v] += self.sigma[v] * coeff;
            }
            out[w] += self.delta[w];
        }
    }

    /// (Σ distances, reachable count including `s`, Σ 1/distance) from the
    /// last source `s`. In hops, Σ 1/distance is summed level by level
    /// (count at distance `l` / `l`, in increasing `l`), as the multi-source
    /// BFS of [`crate::analysis::hops::source_sums`] sums it: one rounding
    /// per level instead of one per character, and the same digits both ways.
    fn own_sums(&self, s: usize, distance: Distance) -> OwnSums {
        let mut dist_sum = 0.0;
        let mut inv_sum = 0.0;
        match distance {
            Distance::Inverse => {
                for &v in &self.order {
                    if v != s {
                        dist_sum += self.dist[v];
                        inv_sum += 1.0 / self.dist[v];
                    }
                }
            }
            Distance::Hops => {
                let (mut level, mut count) = (0.0, 0u64);
                for &v in &self.order {
                    if v == s {
                        continue;
                    }
                    let d = self.dist[v];
                    dist_sum += d;
                    if d != level {
                        if count > 0 {
                            inv_sum += count as f64 / level;
                        }
                        level = d;
                        count = 0;
                    }
                    count += 1;
                }
                if count > 0 {
                    inv_sum += count as f64 / level;
                }
            }
        }
        (dist_sum, self.order.len(), inv_sum)
    }
}

/// True when two path lengths are equal up to [`RELATIVE_TOLERANCE`]: the
/// one comparison of path lengths, used by the centrality engine and by
/// [`crate::analysis::chain`]. It is the engine's innermost test, so it does
/// no more: an infinite length compares equal to every length (the engine
/// then reaches the same state either way; callers that must tell
/// "unreached" apart check for infinity first).
#[inline]
pub(crate) fn same_length(a: f64, b: f64) -> bool {
    (a - b).abs() <= RELATIVE_TOLERANCE * a.abs().max(b.abs())
}

/// How far, at most, the mean over `k` pivot sources drawn from `n` of a
/// per-source quantity lying in [0, 1] is from its mean over all sources,
/// for all `n` characters at once, with probability `confidence`:
/// Hoeffding's inequality (it holds for sampling without replacement too,
/// Hoeffding 1963 §6) with a union bound over the characters,
/// `sqrt(ln(2n / (1 - confidence)) / (2k))`. Betweenness (a character's
/// dependency on a source is at most n - 2) and, with tie length 1,
/// harmonic (1/d ≤ 1) are such means, scaled (Brandes & Pich 2007).
pub fn sampling_error(n: usize, k: usize, confidence: f64) -> f64 {
    if k == 0 || n == 0 {
        return f64::INFINITY;
    }
    ((2.0 * n as f64 / (1.0 - confidence)).ln() / (2.0 * k as f64)).sqrt()
}

/// `k` distinct node ids drawn uniformly from `0..n` (partial Fisher–Yates
/// driven by [`SplitMix64`](crate::util::rng::SplitMix64)), returned sorted.
pub fn choose_pivots(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rng = crate::util::rng::SplitMix64::new(seed);
    let mut ids: Vec<usize> = (0..n).collect();
    let k = k.min(n);
    for i in 0..k {
        let j = i + (rng.next_u64() % (n - i) as u64) as usize;
        ids.swap(i, j);
    }
    ids.truncate(k);
    ids.sort_unstable();
    ids
}
