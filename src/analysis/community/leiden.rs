//! The Leiden algorithm (Traag, Waltman & van Eck 2019) for modularity with a
//! resolution parameter, on a compact weighted adjacency.
//!
//! One *run* repeats, until a level changes nothing:
//!
//! 1. **Fast local moving**: nodes are visited from a queue (initially every
//!    node, in a seeded random order); each moves to the neighbouring
//!    community (or an empty one) with the largest modularity gain, if that
//!    gain beats staying by more than a rounding tolerance; the neighbours it
//!    left behind are queued again. This is Louvain's phase 1, but converges
//!    to a state where no single move improves Q.
//! 2. **Refinement**: inside each community, every node starts alone; in a
//!    seeded random order, each node still alone and well connected to its
//!    community merges into the well-connected refined sub-community of the
//!    same community with the largest non-negative gain (greedy: Leiden's
//!    randomised choice with θ → 0). Refined sub-communities are therefore
//!    connected.
//! 3. **Aggregation**: each refined sub-community becomes one node; the
//!    aggregate starts from the communities of step 1 (not the refined ones),
//!    so nothing step 1 found is lost.
//!
//! Every floating-point sum runs in a fixed order (node order, then arc
//! order), and randomness comes only from the seed, so a run is a pure
//! function of the graph, the resolution, the seed and the start partition.

use crate::util::rng::SplitMix64;

/// A weighted undirected graph for one level: CSR adjacency without self
/// loops, plus each node's self-loop weight and strength.
#[derive(Debug, Clone)]
pub(crate) struct Net {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    /// Weight of ties inside the node (an aggregate node's internal ties), each counted once.
    self_w: Vec<f64>,
    /// Strength: the sum of incident tie weights, internal ties counted twice.
    k: Vec<f64>,
}

impl Net {
    /// A graph of `n` nodes from `(a, b, weight)` ties with `a != b`, each pair once.
    pub(crate) fn from_ties(n: usize, ties: &[(usize, usize, f64)]) -> Net {
        let (offsets, targets, weights) = crate::graph::csr::adjacency(n, || ties.iter().copied());
        let k = (0..n)
            .map(|v| weights[offsets[v]..offsets[v + 1]].iter().sum())
            .collect();
        Net {
            offsets,
            targets,
            weights,
            self_w: vec![0.0; n],
            k,
        }
    }

    /// As [`Net::from_ties`], plus `loops[v]`: the weight of the ties of node `v` with itself
    /// (counted once in the total weight, twice in `v`'s strength, as NetworkX counts them).
    pub(crate) fn with_loops(mut self, loops: &[f64]) -> Net {
        for (v, &w) in loops.iter().enumerate() {
            self.self_w[v] += w;
            self.k[v] += 2.0 * w;
        }
        self
    }

    pub(crate) fn len(&self) -> usize {
        self.k.len()
    }

    /// Twice the total weight.
    pub(crate) fn two_m(&self) -> f64 {
        self.k.iter().sum()
    }

    fn arcs(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[v]..self.offsets[v + 1];
        self.targets[r.clone()]
            .iter()
            .map(|&t| t as usize)
            .zip(self.weights[r].iter().copied())
    }
}

/// Per-community neighbour weights, reset after each use (sparse accumulator).
struct Accumulator {
    weight: Vec<f64>,
    seen: Vec<bool>,
    list: Vec<u32>,
}

impl Accumulator {
    fn new(n: usize) -> Self {
        Accumulator {
            weight: vec![0.0; n],
            seen: vec![false; n],
            list: Vec::new(),
        }
    }

    fn add(&mut self, c: u32, w: f64) {
        let i = c as usize;
        if !self.seen[i] {
            self.seen[i] = true;
            self.list.push(c);
        }
        self.weight[i] += w;
    }

    fn clear(&mut self) {
        for &c in &self.list {
            self.weight[c as usize] = 0.0;
            self.seen[c as usize] = false;
        }
        self.list.clear();
    }
}

/// A uniformly random permutation of `0..n` (Fisher–Yates).
fn shuffled(n: usize, rng: &mut SplitMix64) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

/// Gains are compared with this relative tolerance, so that rounding noise
/// can never make a node move back and forth forever.
const TOLERANCE: f64 = 1e-12;

/// Fast local moving. `comm` holds community ids in `0..n`; returns whether
/// any node moved.
fn move_nodes(net: &Net, comm: &mut [u32], gamma: f64, two_m: f64, rng: &mut SplitMix64) -> bool {
    let n = net.len();
    let mut tot = vec![0.0f64; n];
    let mut size = vec![0u32; n];
    for v in 0..n {
        tot[comm[v] as usize] += net.k[v];
        size[comm[v] as usize] += 1;
    }
    let mut empty: Vec<u32> = (0..n as u32).rev().filter(|&c| size[c as usize] == 0).collect();
    let mut queue: std::collections::VecDeque<u32> = shuffled(n, rng).into();
    let mut queued = vec![true; n];
    let mut acc = Accumulator::new(n);
    let mut changed = false;
    let scale = gamma / two_m;
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        queued[v] = false;
        let kv = net.k[v];
        let own = comm[v];
        tot[own as usize] -= kv;
        size[own as usize] -= 1;
        for (u, w) in net.arcs(v) {
            acc.add(comm[u], w);
        }
        let stay = acc.weight[own as usize] - scale * kv * tot[own as usize];
        let mut best = own;
        let mut best_gain = stay;
        for &c in &acc.list {
            if c == own {
                continue;
            }
            let gain = acc.weight[c as usize] - scale * kv * tot[c as usize];
            if gain > best_gain {
                best = c;
                best_gain = gain;
            }
        }
        // An empty community gains 0; staying alone is already that.
        if size[own as usize] > 0
            && best_gain < 0.0
            && let Some(&e) = empty.last()
        {
            best = e;
            best_gain = 0.0;
        }
        if best != own && best_gain - stay <= TOLERANCE * (best_gain.abs().max(stay.abs()).max(kv * kv * scale)) {
            best = own;
        }
        acc.clear();
        if best != own {
            if empty.last() == Some(&best) {
                empty.pop();
            }
            if size[own as usize] == 0 {
                empty.push(own);
            }
            changed = true;
            comm[v] = best;
            for (u, _) in net.arcs(v) {
                if !queued[u] && comm[u] != best {
                    queued[u] = true;
                    queue.push_back(u as u32);
                }
            }
        }
        tot[best as usize] += kv;
        size[best as usize] += 1;
    }
    changed
}

/// Refinement: a partition of each community of `comm` into connected,
/// well-connected sub-communities. Returns a sub-community id per node.
fn refine(net: &Net, comm: &[u32], gamma: f64, two_m: f64, rng: &mut SplitMix64) -> Vec<u32> {
    let n = net.len();
    let scale = gamma / two_m;
    let mut comm_tot = vec![0.0f64; n];
    for v in 0..n {
        comm_tot[comm[v] as usize] += net.k[v];
    }
    // Weight from each node to the rest of its community.
    let mut ext = vec![0.0f64; n];
    for (v, e) in ext.iter_mut().enumerate() {
        *e = net.arcs(v).filter(|&(u, _)| comm[u] == comm[v]).map(|(_, w)| w).sum();
    }
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut ref_tot = net.k.clone();
    let mut ref_ext = ext.clone();
    let mut ref_size = vec![1u32; n];
    let mut acc = Accumulator::new(n);
    for v in shuffled(n, rng) {
        let v = v as usize;
        let r = refined[v] as usize;
        if ref_size[r] != 1 {
            continue;
        }
        let c = comm[v] as usize;
        let kv = net.k[v];
        if ext[v] < scale * kv * (comm_tot[c] - kv) {
            continue;
        }
        for (u, w) in net.arcs(v) {
            if comm[u] as usize == c {
                acc.add(refined[u], w);
            }
        }
        let mut best = r as u32;
        let mut best_gain = 0.0;
        for &s in &acc.list {
            let si = s as usize;
            if si == r {
                continue;
            }
            if ref_ext[si] < scale * ref_tot[si] * (comm_tot[c] - ref_tot[si]) {
                continue;
            }
            let gain = acc.weight[si] - scale * kv * ref_tot[si];
            if gain > best_gain {
                best = s;
                best_gain = gain;
            }
        }
        if best as usize != r {
            let b = best as usize;
            ref_ext[b] += ext[v] - 2.0 * acc.weight[b];
            ref_tot[b] += kv;
            ref_size[b] += 1;
            ref_tot[r] = 0.0;
            ref_size[r] = 0;
            refined[v] = best;
        }
        acc.clear();
    }
    refined
}

/// Renumbers ids densely in order of first node; returns the count.
fn renumber(ids: &mut [u32]) -> usize {
    let mut map = vec![u32::MAX; ids.len()];
    let mut next = 0u32;
    for id in ids.iter_mut() {
        let m = &mut map[*id as usize];
        if *m == u32::MAX {
            *m = next;
            next += 1;
        }
        *id = *m;
    }
    next as usize
}

/// The graph of `groups` (dense ids `0..count`): one node per group.
fn aggregate(net: &Net, groups: &[u32], count: usize) -> Net {
    let n = net.len();
    // Members of each group, in node order (counting sort).
    let mut start = vec![0usize; count + 1];
    for &g in groups {
        start[g as usize + 1] += 1;
    }
    for i in 0..count {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; n];
    for (v, &g) in groups.iter().enumerate() {
        members[fill[g as usize]] = v as u32;
        fill[g as usize] += 1;
    }
    let mut offsets = Vec::with_capacity(count + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut self_w = vec![0.0; count];
    let mut k = vec![0.0; count];
    let mut acc = Accumulator::new(count);
    for g in 0..count {
        let mut inside = 0.0;
        for &v in &members[start[g]..start[g + 1]] {
            let v = v as usize;
            self_w[g] += net.self_w[v];
            k[g] += net.k[v];
            for (u, w) in net.arcs(v) {
                let h = groups[u];
                if h as usize == g {
                    inside += w;
                } else {
                    acc.add(h, w);
                }
            }
        }
        // Each inside tie was seen from both ends.
        self_w[g] += inside / 2.0;
        for &h in &acc.list {
            targets.push(h);
            weights.push(acc.weight[h as usize]);
        }
        acc.clear();
        offsets.push(targets.len());
    }
    Net {
        offsets,
        targets,
        weights,
        self_w,
        k,
    }
}

/// One Leiden run from `start` (a community id per node of `base`, ids in
/// `0..n`; `None`: every node alone). Returns a community id per node.
pub(crate) fn run(base: &Net, start: Option<&[u32]>, gamma: f64, seed: u64) -> Vec<u32> {
    let n = base.len();
    let two_m = base.two_m();
    let mut membership: Vec<u32> = match start {
        Some(s) => s.to_vec(),
        None => (0..n as u32).collect(),
    };
    if n == 0 || two_m <= 0.0 {
        return membership;
    }
    let mut rng = SplitMix64::new(seed);
    // node_of[i]: the node of the current level that holds base node i.
    let mut node_of: Vec<u32> = (0..n as u32).collect();
    let mut owned: Option<Net> = None;
    let mut comm = membership.clone();
    loop {
        let net = owned.as_ref().unwrap_or(base);
        move_nodes(net, &mut comm, gamma, two_m, &mut rng);
        let mut dense = comm.clone();
        let count = renumber(&mut dense);
        if count == net.len() {
            break;
        }
        let mut refined = refine(net, &comm, gamma, two_m, &mut rng);
        let mut refined_count = renumber(&mut refined);
        if refined_count == net.len() {
            // Refinement merged nothing: aggregate by the communities themselves.
            refined = dense.clone();
            refined_count = count;
        }
        // Each aggregate node starts in the community its members are in.
        let mut next_comm = vec![0u32; refined_count];
        for v in 0..net.len() {
            next_comm[refined[v] as usize] = dense[v];
        }
        let next = aggregate(net, &refined, refined_count);
        for x in node_of.iter_mut() {
            *x = refined[*x as usize];
        }
        comm = next_comm;
        owned = Some(next);
    }
    for (m, &x) in membership.iter_mut().zip(&node_of) {
        *m = comm[x as usize];
    }
    renumber(&mut membership);
    membership
}
