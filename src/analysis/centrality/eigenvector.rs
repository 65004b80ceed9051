//! Weighted eigenvector centrality.
//!
//! The Perron vector of the weighted adjacency matrix, non-negative with unit
//! Euclidean norm, as `nx.eigenvector_centrality_numpy(G, weight='weight')`.
//!
//! NetworkX refuses disconnected graphs; we define the measure there as the
//! Perron vector of the connected component with the largest leading
//! eigenvalue (unit norm) and 0 everywhere else. When two components tie for
//! that eigenvalue (equal to 1e-9 relative), the one whose first character
//! appeared first is reported and a warning says so.
//!
//! # Method
//! Power iteration on the shifted matrix `A + cI` with `c` about λ₁/2 (see
//! `perron`). The shift makes the iteration converge on bipartite graphs
//! too, where plain power iteration on `A` oscillates between two vectors. It stops when an
//! iteration changes the vector by less than [`TOLERANCE`] (L2), or warns after
//! [`MAX_ITERATIONS`].
//!
//! # Complexity
//! O(k · (n + m)) time for k iterations, O(n) space.
//!
//! # Unweighted, as DraCor
//! [`networkx_power`] is the other definition: NetworkX's
//! `eigenvector_centrality(G)` with its defaults (tolerance 1e-6, 100
//! iterations), which DraCor publishes; unweighted measures use it.

use std::borrow::Cow;

use crate::graph::csr::Csr;

/// Iteration cap; reaching it produces a warning, never a silent answer.
pub const MAX_ITERATIONS: usize = 100_000;

/// Stop when an iteration moves the unit vector by less than this (L2).
pub const TOLERANCE: f64 = 1e-14;

/// The iteration cap of NetworkX's `eigenvector_centrality`.
pub const NETWORKX_MAX_ITER: usize = 100;

/// The tolerance of NetworkX's `eigenvector_centrality`: it stops when the
/// L1 change of an iteration is below `n` times this.
pub const NETWORKX_TOL: f64 = 1e-6;

/// Eigenvector centrality exactly as NetworkX's `eigenvector_centrality(G)`
/// computes it with its defaults (and DraCor with it): power iteration on
/// `A + I` from the uniform vector `1/n`, each iterate scaled to unit
/// Euclidean norm, stopped when the L1 change is below `n · 1e-6`, at most
/// 100 iterations. The result is that iterate (converged to about 1e-6, not
/// the exact eigenvector); characters outside the main component keep small
/// non-zero values, as in NetworkX. `None` (with a warning) when it does not
/// converge in 100 iterations, where NetworkX raises
/// `PowerIterationFailedConvergence`.
///
/// # Complexity
/// O(k · (n + m)) time for k ≤ 100 iterations, O(n) space.
pub fn networkx_power(csr: &Csr) -> (Option<Vec<f64>>, Vec<String>) {
    let n = csr.len();
    if n == 0 {
        return (Some(Vec::new()), Vec::new());
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut last = vec![0.0; n];
    for _ in 0..NETWORKX_MAX_ITER {
        last.copy_from_slice(&x);
        for (v, &from) in last.iter().enumerate() {
            let r = csr.range(v);
            for (&w, &weight) in csr.targets()[r.clone()].iter().zip(&csr.weights()[r]) {
                x[w as usize] += from * weight;
            }
        }
        let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        for v in &mut x {
            *v /= norm;
        }
        let change: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
        if change < n as f64 * NETWORKX_TOL {
            return (Some(x), Vec::new());
        }
    }
    (
        None,
        vec![format!(
            "eigenvector: NetworkX's power iteration does not converge in {NETWORKX_MAX_ITER} iterations on this graph (NetworkX raises PowerIterationFailedConvergence); eigenvector is left out"
        )],
    )
}

/// Eigenvector centrality of each connected component on its own: its
/// Perron vector with unit Euclidean norm within the component; 0 for a
/// character without ties.
///
/// # Complexity
/// As [`eigenvector`], once per component.
pub fn per_component(csr: &Csr) -> Vec<f64> {
    let (comp, sizes) = csr.components();
    let mut members: Vec<Vec<usize>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
    for (v, &c) in comp.iter().enumerate() {
        members[c].push(v);
    }
    let mut out = vec![0.0; csr.len()];
    for nodes in members.iter().filter(|m| m.len() >= 2) {
        let (_, vector, _) = perron(nodes, csr);
        for (&v, x) in nodes.iter().zip(vector) {
            out[v] = x;
        }
    }
    out
}

/// The eigenvector centrality of every character, and any warnings.
pub fn eigenvector(csr: &Csr) -> (Vec<f64>, Vec<String>) {
    let n = csr.len();
    let mut warnings = Vec::new();
    let mut out = vec![0.0; n];
    // Components in order of their first character, members in id order.
    let (comp, sizes) = csr.components();
    let mut members: Vec<Vec<usize>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
    for (v, &c) in comp.iter().enumerate() {
        members[c].push(v);
    }
    let mut best: Option<(f64, Vec<usize>, Vec<f64>)> = None;
    let mut tied_with: Vec<usize> = Vec::new();
    // A lone character's 1×1 matrix is 0: only components with ties compete.
    for nodes in members.iter().filter(|m| m.len() >= 2) {
        let (lambda, vector, converged) = perron(nodes, csr);
        if !converged {
            warnings.push(format!(
                "eigenvector: power iteration did not converge in {MAX_ITERATIONS} iterations on the component of {} characters; its values may be inaccurate",
                nodes.len()
            ));
        }
        match &best {
            Some((b, first, _)) if (lambda - b).abs() <= 1e-9 * lambda.abs().max(b.abs()) => {
                if tied_with.is_empty() {
                    tied_with.push(first[0]);
                }
                tied_with.push(nodes[0]);
            }
            Some((b, _, _)) if lambda <= *b => {}
            _ => {
                tied_with.clear();
                best = Some((lambda, nodes.clone(), vector));
            }
        }
    }
    if let Some((lambda, nodes, vector)) = best {
        if tied_with.len() > 1 {
            warnings.push(format!(
                "eigenvector: {} components tie for the largest leading eigenvalue ({lambda:.6}); values are reported for the one whose first character appeared first, 0 for the others",
                tied_with.len()
            ));
        }
        for (v, x) in nodes.into_iter().zip(vector) {
            out[v] = x;
        }
    }
    (out, warnings)
}

/// Leading eigenvalue and unit non-negative eigenvector of one component,
/// and whether the iteration converged.
///
/// Power iteration on `A + cI`. The shift `c` starts at the component's
/// largest strength (an upper bound of λ₁, so the iteration cannot
/// oscillate) and then follows half the current Rayleigh quotient θ ≤ λ₁:
/// every eigenvalue of `A` lies in [−λ₁, λ₁], so with `c > 0` the other
/// eigenvalues shrink relative to λ₁ + c, and a shift of about λ₁/2 keeps
/// them shrinking fast on bipartite graphs (λ = −λ₁) and on graphs with a
/// dominant hub (where the largest strength is far above λ₁) alike.
fn perron(nodes: &[usize], csr: &Csr) -> (f64, Vec<f64>, bool) {
    use rayon::prelude::*;
    let k = nodes.len();
    // A compressed adjacency in local indices (the whole graph's when it is one component).
    // (The whole graph's arrays are borrowed, not copied: they can be hundreds of MB.)
    type Adjacency<'a> = (Vec<usize>, Cow<'a, [u32]>, Cow<'a, [f64]>);
    let (offsets, targets, w): Adjacency<'_> = if k == csr.len() {
        (
            (0..=k)
                .map(|v| if v == k { csr.arcs() } else { csr.range(v).start })
                .collect(),
            Cow::Borrowed(csr.targets()),
            Cow::Borrowed(csr.weights()),
        )
    } else {
        let mut local = vec![u32::MAX; csr.len()];
        for (i, &v) in nodes.iter().enumerate() {
            local[v] = i as u32;
        }
        let mut offsets = Vec::with_capacity(k + 1);
        let mut targets: Vec<u32> = Vec::new();
        let mut w: Vec<f64> = Vec::new();
        offsets.push(0usize);
        for &v in nodes {
            for (u, weight) in csr.neighbours(v) {
                targets.push(local[u]);
                w.push(weight);
            }
            offsets.push(targets.len());
        }
        (offsets, Cow::Owned(targets), Cow::Owned(w))
    };
    let multiply = |x: &[f64], y: &mut [f64]| {
        y.par_iter_mut().with_min_len(256).enumerate().for_each(|(i, yi)| {
            let r = offsets[i]..offsets[i + 1];
            *yi = targets[r.clone()]
                .iter()
                .zip(&w[r])
                .map(|(&j, &wt)| wt * x[j as usize])
                .sum();
        });
    };
    let mut shift = (0..k)
        .map(|i| w[offsets[i]..offsets[i + 1]].iter().sum::<f64>())
        .fold(0.0, f64::max);
    let mut x = vec![1.0 / (k as f64).sqrt(); k];
    let mut y = vec![0.0; k];
    let mut converged = false;
    for _ in 0..MAX_ITERATIONS {
        multiply(&x, &mut y);
        let theta = accurate_sum(x.iter().zip(&y).map(|(a, b)| a * b));
        y.iter_mut().zip(&x).for_each(|(yi, xi)| *yi += shift * xi);
        let norm = accurate_sum(y.iter().map(|v| v * v)).sqrt();
        y.iter_mut().for_each(|v| *v /= norm);
        let change = x.iter().zip(&y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
        std::mem::swap(&mut x, &mut y);
        if change < TOLERANCE {
            converged = true;
            break;
        }
        if theta > 0.0 {
            shift = theta / 2.0;
        }
    }
    // The Rayleigh quotient of the final vector.
    multiply(&x, &mut y);
    let lambda = accurate_sum(x.iter().zip(&y).map(|(a, b)| a * b));
    (lambda, x, converged)
}

/// Neumaier's compensated sum. A naive sum of n squares is off by up to
/// n·ε relatively; the normalisation would then rescale the whole vector by
/// ~1e-13 at every step on large components, and that jitter alone would keep
/// the iteration from ever meeting its tolerance.
fn accurate_sum(values: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut comp) = (0.0f64, 0.0f64);
    for v in values {
        let t = sum + v;
        comp += if sum.abs() >= v.abs() {
            (sum - t) + v
        } else {
            (v - t) + sum
        };
        sum = t;
    }
    sum + comp
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::CastGraph;

    #[test]
    fn tied_components_warn_and_report_the_first() {
        let mut g = CastGraph::new();
        g.add_characters(&["A", "B"]);
        g.add_characters(&["Lone"]);
        g.add_characters(&["C", "D"]);
        let (x, warnings) = eigenvector(&Csr::new(&g));
        let h = std::f64::consts::FRAC_1_SQRT_2;
        assert!((x[0] - h).abs() < 1e-12 && (x[1] - h).abs() < 1e-12, "{x:?}");
        assert_eq!(&x[2..], [0.0, 0.0, 0.0]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("2 components tie"), "{warnings:?}");
    }

    #[test]
    fn bipartite_star_converges() {
        let mut g = CastGraph::new();
        for leaf in ["B", "C", "D", "E"] {
            g.add_characters(&["Hub", leaf]);
        }
        let (x, warnings) = eigenvector(&Csr::new(&g));
        assert!(warnings.is_empty());
        // Star K1,4: hub 1/sqrt(2), leaves 1/(2 sqrt(2)).
        assert!((x[0] - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12, "{x:?}");
        assert!((x[1] - 0.5 * std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12, "{x:?}");
    }

    #[test]
    fn no_ties_means_zero_everywhere() {
        let mut g = CastGraph::new();
        g.add_characters(&["A"]);
        g.add_characters(&["B"]);
        assert_eq!(eigenvector(&Csr::new(&g)), (vec![0.0, 0.0], vec![]));
    }

    #[test]
    fn non_convergence_is_never_silent() {
        // A long chain has a tiny spectral gap: power iteration cannot reach
        // the tolerance within the cap (NetworkX's ARPACK fails here too).
        let mut g = CastGraph::new();
        let names: Vec<String> = (0..=400).map(|i| format!("C{i}")).collect();
        for w in names.windows(2) {
            g.add_characters(&[&w[0], &w[1]]);
        }
        let (_, warnings) = eigenvector(&Csr::new(&g));
        assert!(warnings.iter().any(|w| w.contains("did not converge")), "{warnings:?}");
    }
}
