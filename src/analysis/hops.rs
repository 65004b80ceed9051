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
    // Every batch: (component, first member, last member + 1).
    let batches: Vec<(usize, usize, usize)> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.len() >= 2)
        .flat_map(|(c, m)| {
            (0..m.len())
                .step_by(WIDTH)
                .map(move |s| (c, s, (s + WIDTH).min(m.len())))
        })
        .collect();
    let n = csr.len();
    let results: Vec<(usize, u64, u32)> = batches
        .into_par_iter()
        .map_init(
            || Rows::new(n),
            |rows, (c, start, end)| {
                let (total, ecc) = rows.search(csr, &members[c], &members[c][start..end]);
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
    fn search(&mut self, csr: &Csr, component: &[usize], sources: &[usize]) -> (u64, u32) {
        debug_assert!(sources.len() <= WIDTH);
        for (bit, &s) in sources.iter().enumerate() {
            self.seen[s][bit / 64] |= 1 << (bit % 64);
            self.frontier[s][bit / 64] |= 1 << (bit % 64);
        }
        let targets = csr.targets();
        let (mut total, mut level, mut last) = (0u64, 0u32, 0u32);
        loop {
            level += 1;
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
            let mut found = 0u64;
            for &w in component {
                let (next, seen) = (&mut self.next[w], &mut self.seen[w]);
                let mut new = [0u64; WORDS];
                for k in 0..WORDS {
                    new[k] = next[k] & !seen[k];
                    seen[k] |= new[k];
                    found += u64::from(new[k].count_ones());
                }
                *next = [0; WORDS];
                self.frontier[w] = new;
            }
            if found == 0 {
                break;
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
