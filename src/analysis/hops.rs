//! Hop distances from many sources at once: the multi-source bitset BFS of
//! Then, Kaufmann, Chirigati, Hoang-Vu, Pham, Kemper, Neumann & Vo (2014),
//! *The More the Merrier: Efficient Multi-Source Graph Traversal*, VLDB 8(4).
//!
//! A breadth-first search from [`WIDTH`] sources at once keeps, for every
//! character, one bit per source: *seen* (the source has reached it) and
//! *frontier* (reached at the current level). One level is one pass over the
//! arcs of the frontier: `next[w] |= frontier[v]` for every arc `v → w`, so an
//! arc is read once for all the sources of the batch instead of once per
//! source. What the level discovers is counted with `popcount`.
//!
//! What comes out is exact and integer: for each batch, the sum of every
//! source's distances to the characters it reaches, how many it reaches, and
//! each source's eccentricity. Sums are `u64` additions, so any grouping and
//! any number of threads give the same digits.
//!
//! # Complexity
//! For a batch of up to [`WIDTH`] sources in a component of `k` characters
//! and `a` arcs: O(levels · (k + a)) word operations of [`WORDS`] words; all
//! sources of a component take ⌈k / WIDTH⌉ batches. Memory: three bit rows of
//! [`WORDS`] words per character, per thread.

use rayon::prelude::*;

use crate::graph::csr::Csr;

/// Words of 64 bits per character and row: sources per batch / 64.
pub const WORDS: usize = 8;
/// Sources traversed at once.
pub const WIDTH: usize = 64 * WORDS;

type Row = [u64; WORDS];

/// A level goes bottom-up when the arcs of the characters still missing
/// sources are fewer than this many times the arcs of the frontier: pulling
/// only reads (pushing writes a row per arc) and stops early, so it pays even
/// when it scans more arcs. Beamer, Asanović & Patterson's α = 14; on the
/// large benchmark set (50,000 characters, 7.6 M ties) it cuts the search
/// from 4.6 s to 1.7 s of CPU time against pushing every level.
const PULL_FACTOR: usize = 14;

/// What the BFS from every source of a component found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ComponentDistances {
    /// Sum, over every ordered pair (s, t) of distinct characters of the
    /// component, of the hop distance from s to t.
    pub total: u64,
    /// The largest eccentricity: the component's diameter.
    pub diameter: u32,
}

/// Distance figures of each component (`members[c]`: the characters of
/// component `c`, components of one character giving zeros), computed by
/// multi-source BFS from every character, batches in parallel.
pub fn component_distances(csr: &Csr, members: &[Vec<usize>]) -> Vec<ComponentDistances> {
    let n = csr.len();
    let results: Vec<(usize, u64, u32)> = batches(members)
        .into_par_iter()
        .map_init(
            || Rows::new(n),
            |rows, (c, start, end)| {
                let (total, ecc) = rows.search(csr, &members[c], &members[c][start..end], None);
                (c, total, ecc)
            },
        )
        .collect();
    let mut out = vec![ComponentDistances::default(); members.len()];
    for (c, total, ecc) in results {
        out[c].total += total;
        out[c].diameter = out[c].diameter.max(ecc);
    }
    out
}

/// What the BFS from one source found: the figures of hop-based closeness
/// and harmonic centrality.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SourceSums {
    /// Sum of the source's hop distances to every character it reaches.
    pub distance_sum: u64,
    /// Characters it reaches, itself included.
    pub reached: usize,
    /// Σ 1/distance over the characters it reaches: Σ over levels `l` of
    /// (characters at distance `l`) / `l`, in increasing `l` (the order
    /// [`crate::analysis::centrality`] sums them in, so both give the same
    /// digits).
    pub harmonic: f64,
}

/// [`SourceSums`] of every character (`members`: the characters of each
/// component), by multi-source BFS, batches in parallel; `progress` counts
/// the sources done.
pub fn source_sums(
    csr: &Csr,
    members: &[Vec<usize>],
    progress: &dyn crate::util::progress::Progress,
) -> Vec<SourceSums> {
    let n = csr.len();
    let mut out = vec![
        SourceSums {
            reached: 1,
            ..SourceSums::default()
        };
        n
    ];
    progress.start("shortest paths (hops, 512 sources at once)", Some(n as u64));
    let results: Vec<(usize, usize, usize, Vec<SourceSums>)> = batches(members)
        .into_par_iter()
        .map_init(
            || Rows::new(n),
            |rows, (c, start, end)| {
                let mut levels = LevelCounts::new(end - start);
                rows.search(csr, &members[c], &members[c][start..end], Some(&mut levels));
                progress.advance((end - start) as u64);
                (c, start, end, levels.sums)
            },
        )
        .collect();
    progress.finish();
    for (c, start, end, sums) in results {
        for (&s, sum) in members[c][start..end].iter().zip(sums) {
            out[s] = sum;
        }
    }
    out
}

/// Every batch of sources: (component, first member, last member + 1).
fn batches(members: &[Vec<usize>]) -> Vec<(usize, usize, usize)> {
    members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.len() >= 2)
        .flat_map(|(c, m)| {
            (0..m.len())
                .step_by(WIDTH)
                .map(move |s| (c, s, (s + WIDTH).min(m.len())))
        })
        .collect()
}

/// Counts, for each source of a batch, the characters found at the current
/// level: rows of new bits are added into bit-sliced counters (`planes[p]`
/// holds bit `p` of every source's count: adding a row is a ripple carry,
/// two plane updates on average), which are read out at the end of the level.
struct LevelCounts {
    planes: [Row; PLANES],
    /// Rows added since the planes were last read out.
    added: usize,
    counts: Vec<u64>,
    sums: Vec<SourceSums>,
}

/// Bits of the bit-sliced counters; they are read out before they overflow.
const PLANES: usize = 16;

impl LevelCounts {
    fn new(sources: usize) -> LevelCounts {
        LevelCounts {
            planes: [[0; WORDS]; PLANES],
            added: 0,
            counts: vec![0; sources],
            sums: vec![
                SourceSums {
                    reached: 1,
                    ..SourceSums::default()
                };
                sources
            ],
        }
    }

    fn add(&mut self, row: &Row) {
        let mut carry = *row;
        for plane in &mut self.planes {
            if carry == [0; WORDS] {
                break;
            }
            for k in 0..WORDS {
                let c = plane[k] & carry[k];
                plane[k] ^= carry[k];
                carry[k] = c;
            }
        }
        self.added += 1;
        if self.added == (1 << PLANES) - 1 {
            self.read_out();
        }
    }

    fn read_out(&mut self) {
        for (p, plane) in self.planes.iter_mut().enumerate() {
            for (b, count) in self.counts.iter_mut().enumerate() {
                *count += ((plane[b / 64] >> (b % 64)) & 1) << p;
            }
            *plane = [0; WORDS];
        }
        self.added = 0;
    }

    /// The level is over: its counts go into the sums.
    fn end_level(&mut self, level: u32) {
        self.read_out();
        for (sum, count) in self.sums.iter_mut().zip(&mut self.counts) {
            if *count > 0 {
                sum.distance_sum += *count * u64::from(level);
                sum.reached += *count as usize;
                sum.harmonic += *count as f64 / f64::from(level);
            }
            *count = 0;
        }
    }
}

/// The bit rows of one thread, kept zero between searches.
struct Rows {
    seen: Vec<Row>,
    frontier: Vec<Row>,
    next: Vec<Row>,
}

impl Rows {
    fn new(n: usize) -> Rows {
        Rows {
            seen: vec![[0; WORDS]; n],
            frontier: vec![[0; WORDS]; n],
            next: vec![[0; WORDS]; n],
        }
    }

    /// BFS from `sources` (at most [`WIDTH`], all in the component whose
    /// characters are `component`): the sum of their distances to everyone
    /// they reach, and the largest eccentricity among them.
    ///
    /// Each level goes the cheaper way (Beamer, Asanović & Patterson 2012,
    /// *Direction-optimizing breadth-first search*): top-down, every
    /// frontier character pushes its bits to its neighbours; bottom-up, every
    /// character not yet reached by all sources gathers the bits of its
    /// neighbours' frontiers and stops as soon as it has every source it
    /// lacked. Late levels of a small-world graph (most pairs already found,
    /// and the last level, which finds nothing) cost a fraction of a pass
    /// bottom-up. Both ways find the same bits, so the figures are the same.
    /// With `levels`, also counts what each source finds at each level.
    fn search(
        &mut self,
        csr: &Csr,
        component: &[usize],
        sources: &[usize],
        mut levels: Option<&mut LevelCounts>,
    ) -> (u64, u32) {
        debug_assert!(sources.len() <= WIDTH);
        let mut full = [0u64; WORDS];
        for bit in 0..sources.len() {
            full[bit / 64] |= 1 << (bit % 64);
        }
        let mut push_cost = 0usize;
        for (bit, &s) in sources.iter().enumerate() {
            self.seen[s][bit / 64] |= 1 << (bit % 64);
            self.frontier[s][bit / 64] |= 1 << (bit % 64);
        }
        for &s in sources {
            push_cost += csr.degree(s);
        }
        // Arcs of the characters some source has not reached yet.
        let mut pull_cost: usize = component.iter().map(|&v| csr.degree(v)).sum();
        let targets = csr.targets();
        let (mut total, mut level, mut last) = (0u64, 0u32, 0u32);
        loop {
            level += 1;
            if pull_cost < PULL_FACTOR * push_cost {
                for &w in component {
                    let seen = self.seen[w];
                    if seen == full {
                        continue;
                    }
                    let mut need = [0u64; WORDS];
                    for k in 0..WORDS {
                        need[k] = full[k] & !seen[k];
                    }
                    let mut got = [0u64; WORDS];
                    for &v in &targets[csr.range(w)] {
                        let f = &self.frontier[v as usize];
                        let mut done = true;
                        for k in 0..WORDS {
                            got[k] |= f[k];
                            done &= got[k] & need[k] == need[k];
                        }
                        if done {
                            break;
                        }
                    }
                    self.next[w] = got;
                }
            } else {
                for &v in component {
                    let f = self.frontier[v];
                    if f == [0; WORDS] {
                        continue;
                    }
                    for &w in &targets[csr.range(v)] {
                        let next = &mut self.next[w as usize];
                        for k in 0..WORDS {
                            next[k] |= f[k];
                        }
                    }
                }
            }
            let mut found = 0u64;
            push_cost = 0;
            pull_cost = 0;
            for &w in component {
                let (next, seen) = (&mut self.next[w], &mut self.seen[w]);
                let mut new = [0u64; WORDS];
                for k in 0..WORDS {
                    new[k] = next[k] & !seen[k];
                    seen[k] |= new[k];
                    found += u64::from(new[k].count_ones());
                }
                *next = [0; WORDS];
                if new != [0; WORDS] {
                    push_cost += csr.degree(w);
                    if let Some(l) = levels.as_deref_mut() {
                        l.add(&new);
                    }
                }
                if *seen != full {
                    pull_cost += csr.degree(w);
                }
                self.frontier[w] = new;
            }
            if found == 0 {
                break;
            }
            if let Some(l) = levels.as_deref_mut() {
                l.end_level(level);
            }
            total += found * u64::from(level);
            last = level;
        }
        for &v in component {
            self.seen[v] = [0; WORDS];
            self.frontier[v] = [0; WORDS];
        }
        (total, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::CastGraph;

    /// Plain BFS from every character, for comparison.
    fn naive(g: &CastGraph) -> (u64, u32) {
        let csr = Csr::new(g);
        let n = csr.len();
        let (mut total, mut diameter) = (0u64, 0u32);
        for s in 0..n {
            let mut dist = vec![u32::MAX; n];
            dist[s] = 0;
            let mut queue = std::collections::VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                total += u64::from(dist[v]);
                diameter = diameter.max(dist[v]);
                for (w, _) in csr.neighbours(v) {
                    if dist[w] == u32::MAX {
                        dist[w] = dist[v] + 1;
                        queue.push_back(w);
                    }
                }
            }
        }
        (total, diameter)
    }

    #[test]
    fn dense_and_sparse_random_graphs_equal_plain_bfs() {
        // Dense graphs go bottom-up from the second level, sparse ones stay
        // top-down longer: both ways must find the same distances.
        for (seed, n, ties) in [(1u64, 700usize, 60_000usize), (2, 900, 1_500), (3, 600, 8_000)] {
            let mut rng = crate::util::rng::SplitMix64::new(seed);
            let names: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
            let mut g = CastGraph::new();
            for _ in 0..ties {
                let a = rng.below(n as u64) as usize;
                let b = rng.below(n as u64) as usize;
                if a != b {
                    g.add_characters(&[&names[a], &names[b]]);
                }
            }
            let csr = Csr::new(&g);
            let comp = g.components();
            let count = comp.iter().max().map_or(0, |m| m + 1);
            let mut members = vec![Vec::new(); count];
            for (v, &c) in comp.iter().enumerate() {
                members[c].push(v);
            }
            let got = component_distances(&csr, &members);
            let total: u64 = got.iter().map(|c| c.total).sum();
            let diameter = got.iter().map(|c| c.diameter).max().unwrap();
            assert_eq!((total, diameter), naive(&g), "seed {seed}");
        }
    }

    #[test]
    fn equals_plain_bfs_across_batches_and_components() {
        // A long path (many levels), a star, a clique, more than one batch of sources.
        let names: Vec<String> = (0..1300).map(|i| format!("c{i}")).collect();
        let mut g = CastGraph::new();
        for w in names[..600].windows(2) {
            g.add_characters(&[&w[0], &w[1]]);
        }
        for i in 601..1200 {
            g.add_characters(&[&names[600], &names[i]]);
        }
        let clique: Vec<&str> = names[1200..1300].iter().map(String::as_str).collect();
        g.add_characters(&clique);
        g.add_characters(&["alone"]);
        let csr = Csr::new(&g);
        let comp = g.components();
        let count = comp.iter().max().map_or(0, |m| m + 1);
        let mut members = vec![Vec::new(); count];
        for (v, &c) in comp.iter().enumerate() {
            members[c].push(v);
        }
        let got = component_distances(&csr, &members);
        let total: u64 = got.iter().map(|c| c.total).sum();
        let diameter = got.iter().map(|c| c.diameter).max().unwrap();
        assert_eq!((total, diameter), naive(&g));
        assert_eq!(diameter, 599);
    }
}
