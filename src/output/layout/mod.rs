//! A deterministic force-directed layout: where to draw each character.
//!
//! The layout is ForceAtlas2 (Jacomy et al. 2014, the default of Gephi),
//! run on each connected component on its own: every pair of characters
//! repels with a force proportional to the product of their masses
//! (degree + 1) over their distance; each tie pulls its two characters
//! together in proportion to its length and its weight (relative to the mean
//! weight, so heavier ties pull harder whatever the weighting rule); a
//! constant gravity toward the centre keeps loosely attached characters
//! close. Steps use ForceAtlas2's adaptive speed (a character slows down
//! when it oscillates). From [`BARNES_HUT_FROM`] characters on, repulsion is
//! approximated with a Barnes–Hut quadtree (O(n log n) per iteration instead
//! of O(n²)). The components are then packed side by side in rows, largest
//! first, so that small components and characters without ties sit next to
//! the cast instead of drifting away and shrinking it. A last pass pushes
//! apart characters closer than a minimum spacing, so drawn nodes do not
//! overlap.
//!
//! What it promises: for a graph and [`LayoutOptions`], the positions are
//! identical to the last bit on every run and whatever the number of threads
//! (initial positions come from a seeded SplitMix64 and every sum is taken in
//! a fixed order); no position is NaN; every position lies in the box
//! `[0, SIZE]²`, the drawing centred in it with its aspect ratio kept.
//!
//! We write our own rather than use a crate: `forceatlas2` is AGPL-3.0 and
//! pulls in `rand`; `fdg-sim` is unmaintained since 2022, on an older
//! petgraph, with a global random generator; `fa2` is young and would be
//! one more dependency for some 300 lines. None promises bit-identical
//! positions across thread counts, which our byte-identical exports need.

use rayon::prelude::*;

mod pack;
mod quadtree;

use pack::{min_spacing, normalise, orient, pack, spread};
use quadtree::QuadTree;

use crate::graph::CastGraph;
use crate::util::progress::{NoProgress, Progress};
use crate::util::rng::SplitMix64;

/// Positions lie in `[0, SIZE]²`.
pub const SIZE: f64 = 1000.0;
/// Blank border kept inside the box, so nodes drawn on the edge stay visible.
const MARGIN: f64 = 25.0;
/// Width / height of the drawing area that components are packed for:
/// screens are wider than tall.
const ASPECT: f64 = 1.5;
/// From this many characters on, repulsion uses the Barnes–Hut approximation.
pub const BARNES_HUT_FROM: usize = 500;
/// From this many characters in a component, forces are computed in parallel.
const PARALLEL_FROM: usize = 256;
/// Repulsion strength (ForceAtlas2's `scalingRatio`).
const SCALING: f64 = 2.0;
/// Pull toward the centre (ForceAtlas2's `gravity`).
const GRAVITY: f64 = 1.0;
/// The most character-iterations a component gets: a component of more than
/// `WORK_PER_COMPONENT / iterations` characters gets fewer iterations than
/// [`LayoutOptions::iterations`] (never fewer than [`MIN_ITERATIONS`]), so a
/// cast of 50,000 is laid out in seconds, not minutes.
pub const WORK_PER_COMPONENT: usize = 6_000_000;
/// The fewest iterations a large component gets.
pub const MIN_ITERATIONS: usize = 100;
/// ForceAtlas2's `jitterTolerance`.
const JITTER_TOLERANCE: f64 = 1.0;

/// How to lay the graph out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Seed of the initial positions: the same seed gives the same layout.
    pub seed: u64,
    /// Number of force iterations.
    pub iterations: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            seed: 1,
            iterations: 500,
        }
    }
}

/// Lays `graph` out: a position per character, indexed by
/// [`CharacterId`](crate::graph::CharacterId), inside `[0, SIZE]²`.
pub fn layout(graph: &CastGraph, opts: &LayoutOptions) -> Vec<(f64, f64)> {
    layout_with(graph, opts, &NoProgress)
}

/// [`layout`], reporting its progress to `progress` (one phase, `layout`,
/// counted in character-iterations).
pub fn layout_with(graph: &CastGraph, opts: &LayoutOptions, progress: &dyn Progress) -> Vec<(f64, f64)> {
    let n = graph.character_count();
    if n == 0 {
        return Vec::new();
    }
    // Split the graph into its connected components, each with local ids.
    let comp = graph.components();
    let count = comp.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut local = vec![0usize; n];
    for (id, &c) in comp.iter().enumerate() {
        local[id] = members[c].len();
        members[c].push(id);
    }
    let total: f64 = graph
        .ties()
        .map(|(_, _, t)| t.weight)
        .filter(|w| w.is_finite() && *w > 0.0)
        .sum();
    let mean = if graph.tie_count() > 0 && total > 0.0 {
        total / graph.tie_count() as f64
    } else {
        1.0
    };
    let mut edges: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); count];
    for (a, b, t) in graph.ties() {
        let w = if t.weight.is_finite() && t.weight > 0.0 {
            t.weight / mean
        } else {
            1.0
        };
        edges[comp[a]].push((local[a], local[b], w));
    }
    let degrees = graph.degrees();

    // Lay each component out on its own, then pack them side by side.
    let iterations = |size: usize| {
        opts.iterations
            .min((WORK_PER_COMPONENT / size.max(1)).max(MIN_ITERATIONS))
    };
    let steps: u64 = members
        .iter()
        .filter(|ids| ids.len() >= 2)
        .map(|ids| (ids.len() * iterations(ids.len())) as u64)
        .sum();
    progress.start("layout", Some(steps + n as u64));
    let mut rng = SplitMix64::new(opts.seed);
    let mut x = vec![0.0; n];
    let mut y = vec![0.0; n];
    for (c, ids) in members.iter().enumerate() {
        if ids.len() < 2 {
            continue;
        }
        let mass = ids.iter().map(|&id| degrees[id] as f64 + 1.0).collect();
        let mut sim = Simulation::new(mass, std::mem::take(&mut edges[c]), &mut rng);
        for _ in 0..iterations(ids.len()) {
            sim.step();
            progress.advance(ids.len() as u64);
        }
        orient(&mut sim.x, &mut sim.y);
        for (k, &id) in ids.iter().enumerate() {
            x[id] = sim.x[k];
            y[id] = sim.y[k];
        }
    }
    pack(graph, &members, &mut x, &mut y);
    let mut pos = normalise(&x, &y);
    spread(&mut pos, min_spacing(n));
    progress.advance(n as u64);
    progress.finish();
    pos
}

/// The ForceAtlas2 state of one connected component.
struct Simulation {
    x: Vec<f64>,
    y: Vec<f64>,
    mass: Vec<f64>,
    /// Each character's ties, `(other, weight relative to the mean weight)`,
    /// those of character `i` at `ties[starts[i]..starts[i + 1]]` in tie order.
    starts: Vec<usize>,
    ties: Vec<(usize, f64)>,
    fx: Vec<f64>,
    fy: Vec<f64>,
    old_fx: Vec<f64>,
    old_fy: Vec<f64>,
    speed: f64,
    speed_efficiency: f64,
}

impl Simulation {
    /// A simulation of characters with these masses (degree + 1) and ties
    /// `(a, b, relative weight)`, started at random positions.
    fn new(mass: Vec<f64>, edges: Vec<(usize, usize, f64)>, rng: &mut SplitMix64) -> Simulation {
        let n = mass.len();
        // Spread the start over an area that grows with the cast, as the
        // final layout will.
        let half = 10.0 * (n as f64).sqrt();
        let mut x = Vec::with_capacity(n);
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            x.push((rng.next_f64() * 2.0 - 1.0) * half);
            y.push((rng.next_f64() * 2.0 - 1.0) * half);
        }
        let mut starts = vec![0usize; n + 1];
        for &(a, b, _) in &edges {
            starts[a + 1] += 1;
            starts[b + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut ties = vec![(0usize, 0.0f64); 2 * edges.len()];
        for &(a, b, w) in &edges {
            ties[fill[a]] = (b, w);
            fill[a] += 1;
            ties[fill[b]] = (a, w);
            fill[b] += 1;
        }
        Simulation {
            x,
            y,
            mass,
            starts,
            ties,
            fx: vec![0.0; n],
            fy: vec![0.0; n],
            old_fx: vec![0.0; n],
            old_fy: vec![0.0; n],
            speed: 1.0,
            speed_efficiency: 1.0,
        }
    }

    fn step(&mut self) {
        let n = self.x.len();
        std::mem::swap(&mut self.fx, &mut self.old_fx);
        std::mem::swap(&mut self.fy, &mut self.old_fy);

        // Repulsion, gravity and attraction (each tie pulls with weight ×
        // distance), computed per character (in parallel for large
        // components): each character's sum runs in a fixed order, so the
        // number of threads cannot change it.
        let (x, y, mass) = (&self.x, &self.y, &self.mass);
        let (starts, ties) = (&self.starts, &self.ties);
        let tree = (n >= BARNES_HUT_FROM).then(|| QuadTree::new(x, y, mass));
        let force = |stack: &mut Vec<usize>, i: usize, fx: &mut f64, fy: &mut f64| {
            let (mut rx, mut ry) = match &tree {
                Some(t) => t.repulsion(i, x, y, mass, stack),
                None => exact_repulsion(i, x, y, mass),
            };
            let d = (x[i] * x[i] + y[i] * y[i]).sqrt();
            if d > 0.0 {
                let g = GRAVITY * mass[i] / d;
                rx -= x[i] * g;
                ry -= y[i] * g;
            }
            for &(j, w) in &ties[starts[i]..starts[i + 1]] {
                rx -= (x[i] - x[j]) * w;
                ry -= (y[i] - y[j]) * w;
            }
            *fx = rx;
            *fy = ry;
        };
        if n >= PARALLEL_FROM {
            self.fx
                .par_iter_mut()
                .zip(self.fy.par_iter_mut())
                .enumerate()
                .with_min_len(64)
                .for_each_init(
                    || Vec::with_capacity(64),
                    |stack, (i, (fx, fy))| force(stack, i, fx, fy),
                );
        } else {
            let mut stack = Vec::with_capacity(64);
            for (i, (fx, fy)) in self.fx.iter_mut().zip(self.fy.iter_mut()).enumerate() {
                force(&mut stack, i, fx, fy);
            }
        }

        // Adaptive speed (ForceAtlas2, section "Adaptive local speed"): the
        // global speed rises while characters move steadily and falls when
        // they oscillate ("swing"); each character moves less the more it swings.
        let mut swinging = 0.0;
        let mut traction = 0.0;
        for i in 0..n {
            let m = self.mass[i];
            swinging += m * norm(self.old_fx[i] - self.fx[i], self.old_fy[i] - self.fy[i]);
            traction += 0.5 * m * norm(self.old_fx[i] + self.fx[i], self.old_fy[i] + self.fy[i]);
        }
        if !(swinging > 0.0 && traction > 0.0 && swinging.is_finite() && traction.is_finite()) {
            return;
        }
        let estimated = 0.05 * (n as f64).sqrt();
        let mut jitter = JITTER_TOLERANCE * estimated.sqrt().max((estimated * traction / (n * n) as f64).min(10.0));
        let min_efficiency = 0.05;
        if swinging / traction > 2.0 {
            if self.speed_efficiency > min_efficiency {
                self.speed_efficiency *= 0.5;
            }
            jitter = jitter.max(JITTER_TOLERANCE);
        }
        let target = jitter * self.speed_efficiency * traction / swinging;
        if swinging > jitter * traction {
            if self.speed_efficiency > min_efficiency {
                self.speed_efficiency *= 0.7;
            }
        } else if self.speed < 1000.0 {
            self.speed_efficiency *= 1.3;
        }
        self.speed += (target - self.speed).min(0.5 * self.speed);

        for i in 0..n {
            let swing = self.mass[i] * norm(self.old_fx[i] - self.fx[i], self.old_fy[i] - self.fy[i]);
            let factor = self.speed / (1.0 + (self.speed * swing).sqrt());
            let (nx, ny) = (self.x[i] + self.fx[i] * factor, self.y[i] + self.fy[i] * factor);
            if nx.is_finite() && ny.is_finite() {
                self.x[i] = nx;
                self.y[i] = ny;
            }
        }
    }
}

/// The length of `(x, y)` (a plain square root: `hypot`'s care for
/// overflow costs more than the rest of a step's bookkeeping).
fn norm(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

/// The repulsion on character `i` from every other, exactly.
fn exact_repulsion(i: usize, x: &[f64], y: &[f64], mass: &[f64]) -> (f64, f64) {
    let (mut fx, mut fy) = (0.0, 0.0);
    let k = SCALING * mass[i];
    for j in 0..x.len() {
        let dx = x[i] - x[j];
        let dy = y[i] - y[j];
        let d2 = dx * dx + dy * dy;
        if j != i && d2 > 0.0 {
            let f = k * mass[j] / d2;
            fx += dx * f;
            fy += dy * f;
        }
    }
    (fx, fy)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two cliques of `k` characters joined by one tie, plus `isolated`
    /// characters without ties.
    fn two_clusters(k: usize, isolated: usize) -> CastGraph {
        let mut g = CastGraph::new();
        let a: Vec<String> = (0..k).map(|i| format!("a{i}")).collect();
        let b: Vec<String> = (0..k).map(|i| format!("b{i}")).collect();
        for names in [&a, &b] {
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            g.add_characters(&refs);
            g.add_characters(&refs);
        }
        g.add_characters(&["a0", "b0"]);
        for i in 0..isolated {
            g.add_characters(&[format!("alone{i}").as_str()]);
        }
        g
    }

    /// A random cast of `n` characters in communities of about 20, with
    /// scenes of 2 to 4 characters, mostly within a community.
    pub(crate) fn random_cast(n: usize, scenes: usize, seed: u64) -> CastGraph {
        let mut rng = SplitMix64::new(seed);
        let names: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        let mut g = CastGraph::new();
        for name in &names {
            g.add_characters(&[name.as_str()]);
        }
        for _ in 0..scenes {
            let first = (rng.next_u64() % n as u64) as usize;
            let size = 2 + (rng.next_u64() % 3) as usize;
            let mut cast = vec![first];
            while cast.len() < size {
                let other = if rng.next_f64() < 0.9 {
                    (first / 20 * 20 + (rng.next_u64() % 20) as usize).min(n - 1)
                } else {
                    (rng.next_u64() % n as u64) as usize
                };
                if !cast.contains(&other) {
                    cast.push(other);
                }
            }
            let refs: Vec<&str> = cast.iter().map(|&i| names[i].as_str()).collect();
            g.add_characters(&refs);
        }
        g
    }

    fn bits(pos: &[(f64, f64)]) -> Vec<(u64, u64)> {
        pos.iter().map(|&(x, y)| (x.to_bits(), y.to_bits())).collect()
    }

    #[test]
    fn same_seed_same_bits_different_seed_different_layout() {
        let g = two_clusters(6, 3);
        let opts = LayoutOptions::default();
        let first = layout(&g, &opts);
        assert_eq!(bits(&first), bits(&layout(&g, &opts)));
        let other = layout(&g, &LayoutOptions { seed: 7, ..opts });
        assert_ne!(bits(&first), bits(&other));
    }

    #[test]
    fn thread_count_does_not_change_the_layout() {
        // Large enough for the Barnes–Hut path and for rayon to split the work.
        let g = random_cast(BARNES_HUT_FROM + 200, 2500, 3);
        assert!(g.component_summary().1 >= BARNES_HUT_FROM);
        let opts = LayoutOptions {
            seed: 5,
            iterations: 30,
        };
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool");
            pool.install(|| layout(&g, &opts))
        };
        let one = run(1);
        assert_eq!(bits(&one), bits(&run(3)));
        assert!(one.iter().all(|&(x, y)| x.is_finite() && y.is_finite()));
    }

    #[test]
    fn positions_are_finite_and_inside_the_box() {
        for g in [two_clusters(5, 4), two_clusters(1, 0), random_cast(300, 400, 1)] {
            let pos = layout(&g, &LayoutOptions::default());
            assert_eq!(pos.len(), g.character_count());
            for &(x, y) in &pos {
                assert!(x.is_finite() && y.is_finite(), "{x}, {y}");
                assert!((0.0..=SIZE).contains(&x) && (0.0..=SIZE).contains(&y), "{x}, {y}");
            }
        }
    }

    #[test]
    fn tiny_graphs() {
        assert!(layout(&CastGraph::new(), &LayoutOptions::default()).is_empty());
        let mut g = CastGraph::new();
        g.add_characters(&["Solo"]);
        assert_eq!(layout(&g, &LayoutOptions::default()), [(SIZE / 2.0, SIZE / 2.0)]);
        let mut g = CastGraph::new();
        g.add_characters(&["A", "B"]);
        let pos = layout(&g, &LayoutOptions::default());
        assert!((pos[0].0 - pos[1].0).hypot(pos[0].1 - pos[1].1) > 10.0, "{pos:?}");
        let zero = LayoutOptions { seed: 1, iterations: 0 };
        assert_eq!(layout(&g, &zero).len(), 2);
    }

    #[test]
    fn ties_bring_characters_together() {
        let g = two_clusters(8, 4);
        let pos = layout(&g, &LayoutOptions::default());
        let dist = |a: usize, b: usize| (pos[a].0 - pos[b].0).hypot(pos[a].1 - pos[b].1);
        let (mut tied, mut tied_n, mut apart, mut apart_n) = (0.0, 0, 0.0, 0);
        let ids: Vec<usize> = (0..16).collect(); // the two clusters, not the isolated
        for &a in &ids {
            for &b in &ids[a + 1..] {
                if g.neighbours(a).any(|(o, _)| o == b) {
                    tied += dist(a, b);
                    tied_n += 1;
                } else {
                    apart += dist(a, b);
                    apart_n += 1;
                }
            }
        }
        let (tied, apart) = (tied / tied_n as f64, apart / apart_n as f64);
        assert!(tied * 2.0 < apart, "tied {tied}, not tied {apart}");
        // Each cluster's members are closer to each other than to the other cluster.
        let centre = |r: std::ops::Range<usize>| {
            let k = r.len() as f64;
            let (sx, sy) = r.fold((0.0, 0.0), |(sx, sy), i| (sx + pos[i].0, sy + pos[i].1));
            (sx / k, sy / k)
        };
        let (ca, cb) = (centre(0..8), centre(8..16));
        for (i, p) in pos.iter().enumerate().take(8) {
            let to = |c: (f64, f64)| (p.0 - c.0).hypot(p.1 - c.1);
            assert!(to(ca) < to(cb), "a{i}");
        }
    }

    #[test]
    fn heavier_ties_pull_harder() {
        let mut g = CastGraph::new();
        g.add_characters(&["Hub", "Close"]);
        for _ in 0..9 {
            g.add_characters(&["Hub", "Close"]);
        }
        for name in ["Far1", "Far2", "Far3"] {
            g.add_characters(&["Hub", name]);
        }
        let pos = layout(&g, &LayoutOptions::default());
        let dist = |a: usize, b: usize| (pos[a].0 - pos[b].0).hypot(pos[a].1 - pos[b].1);
        for far in 2..5 {
            assert!(dist(0, 1) < dist(0, far), "{pos:?}");
        }
    }

    #[test]
    fn isolated_characters_stay_near_the_cast() {
        let g = two_clusters(10, 6);
        let pos = layout(&g, &LayoutOptions::default());
        // The connected part must not be squeezed into a corner by far-flung
        // isolated characters: it spans a good part of the box.
        let xs: Vec<f64> = pos[..20].iter().map(|p| p.0).collect();
        let ys: Vec<f64> = pos[..20].iter().map(|p| p.1).collect();
        let span = |v: &[f64]| {
            v.iter().copied().fold(f64::NEG_INFINITY, f64::max) - v.iter().copied().fold(f64::INFINITY, f64::min)
        };
        assert!(span(&xs).max(span(&ys)) > 0.4 * SIZE, "{pos:?}");
    }

    #[test]
    fn small_components_are_packed_beside_the_main_one() {
        // One cast of 400 characters and 150 pairs apart (the shape of a
        // large generated cast): the main component fills the drawing's
        // height and the pairs lie on one side of it, not around it.
        let mut g = CastGraph::new();
        let names: Vec<String> = (0..400).map(|i| format!("m{i}")).collect();
        for i in 0..400 {
            let cast = [&names[i], &names[(i + 1) % 400], &names[(i * 7 + 3) % 400]];
            g.add_characters(&cast.map(String::as_str));
        }
        for k in 0..150 {
            g.add_characters(&[format!("a{k}").as_str(), format!("b{k}").as_str()]);
        }
        let pos = layout(&g, &LayoutOptions::default());
        let (main, rest) = pos.split_at(400);
        let span = |v: &mut dyn Iterator<Item = f64>| {
            let v: Vec<f64> = v.collect();
            (
                v.iter().copied().fold(f64::INFINITY, f64::min),
                v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            )
        };
        let (all_x, all_y) = (span(&mut pos.iter().map(|p| p.0)), span(&mut pos.iter().map(|p| p.1)));
        let (main_x, main_y) = (span(&mut main.iter().map(|p| p.0)), span(&mut main.iter().map(|p| p.1)));
        assert!(
            main_y.1 - main_y.0 >= 0.9 * (all_y.1 - all_y.0),
            "{main_y:?} of {all_y:?}"
        );
        assert!(
            main_x.1 - main_x.0 >= 0.6 * (all_x.1 - all_x.0),
            "{main_x:?} of {all_x:?}"
        );
        assert!(
            rest.iter().all(|p| p.0 > main_x.1),
            "the pairs lie right of the main component"
        );
    }

    #[test]
    fn nodes_keep_a_minimum_spacing() {
        let g = random_cast(200, 300, 9);
        let pos = layout(&g, &LayoutOptions::default());
        let spacing = min_spacing(pos.len());
        let mut close = 0;
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                if (pos[i].0 - pos[j].0).hypot(pos[i].1 - pos[j].1) < 0.9 * spacing {
                    close += 1;
                }
            }
        }
        assert_eq!(close, 0, "pairs closer than the spacing");
    }

    #[test]
    fn barnes_hut_agrees_with_the_exact_repulsion() {
        let g = random_cast(600, 900, 4);
        let mass = g.degrees().iter().map(|&d| d as f64 + 1.0).collect();
        let sim = Simulation::new(mass, Vec::new(), &mut SplitMix64::new(2));
        let tree = QuadTree::new(&sim.x, &sim.y, &sim.mass);
        let (mut err, mut norm) = (0.0, 0.0);
        for i in 0..sim.x.len() {
            let (ex, ey) = exact_repulsion(i, &sim.x, &sim.y, &sim.mass);
            let (ax, ay) = tree.repulsion(i, &sim.x, &sim.y, &sim.mass, &mut Vec::new());
            err += (ex - ax).hypot(ey - ay);
            norm += ex.hypot(ey);
        }
        assert!(err / norm < 0.1, "relative error {}", err / norm);
    }

    /// Timing on generated casts: `cargo test --release --lib layout::tests::timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing() {
        for (n, scenes) in [(BARNES_HUT_FROM - 1, 3000), (1000, 3000), (2000, 6000), (5000, 15000)] {
            let g = random_cast(n, scenes, 11);
            let start = std::time::Instant::now();
            let pos = layout(&g, &LayoutOptions::default());
            println!(
                "{n} characters ({} in the largest component), {} ties, {} iterations: {:.2} s",
                g.component_summary().1,
                g.tie_count(),
                LayoutOptions::default().iterations,
                start.elapsed().as_secs_f64()
            );
            assert_eq!(pos.len(), n);
        }
    }
}
