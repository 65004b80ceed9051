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
//! Power iteration on the shifted matrix `A/s + I` (`s` the component's
//! largest strength, so the spectrum of `A/s` lies in [−1, 1]). The shift
//! makes the iteration converge on bipartite graphs too, where plain power
//! iteration on `A` oscillates between two vectors. It stops when an
//! iteration changes the vector by less than [`TOLERANCE`] (L2), or warns after
//! [`MAX_ITERATIONS`].
//!
//! # Complexity
//! O(k · (n + m)) time for k iterations, O(n) space.

use crate::graph::CastGraph;

/// Iteration cap; reaching it produces a warning, never a silent answer.
pub const MAX_ITERATIONS: usize = 100_000;

/// Stop when an iteration moves the unit vector by less than this (L2).
pub const TOLERANCE: f64 = 1e-14;

/// The eigenvector centrality of every character, and any warnings.
pub fn eigenvector(graph: &CastGraph) -> (Vec<f64>, Vec<String>) {
    let n = graph.character_count();
    let mut warnings = Vec::new();
    let mut out = vec![0.0; n];
    let mut weights: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (a, b, t) in graph.ties() {
        weights[a].push((b, t.weight));
        weights[b].push((a, t.weight));
    }
    // Components in order of their first character, members in id order.
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (v, c) in graph.components().into_iter().enumerate() {
        if c == members.len() {
            members.push(Vec::new());
        }
        members[c].push(v);
    }
    let mut best: Option<(f64, Vec<usize>, Vec<f64>)> = None;
    let mut tied_with: Vec<usize> = Vec::new();
    // A lone character's 1×1 matrix is 0: only components with ties compete.
    for nodes in members.iter().filter(|m| m.len() >= 2) {
        let (lambda, vector, converged) = perron(nodes, &weights);
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
fn perron(nodes: &[usize], weights: &[Vec<(usize, f64)>]) -> (f64, Vec<f64>, bool) {
    let k = nodes.len();
    // Local indices.
    let local: std::collections::HashMap<usize, usize> = nodes.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let adj: Vec<Vec<(usize, f64)>> = nodes
        .iter()
        .map(|&v| weights[v].iter().map(|&(w, x)| (local[&w], x)).collect())
        .collect();
    let scale = adj
        .iter()
        .map(|row| row.iter().map(|e| e.1).sum::<f64>())
        .fold(0.0, f64::max);
    let mut x = vec![1.0 / (k as f64).sqrt(); k];
    let mut y = vec![0.0; k];
    let mut converged = false;
    for _ in 0..MAX_ITERATIONS {
        for (i, row) in adj.iter().enumerate() {
            y[i] = x[i] + row.iter().map(|&(j, w)| w * x[j]).sum::<f64>() / scale;
        }
        let norm = accurate_sum(y.iter().map(|v| v * v)).sqrt();
        y.iter_mut().for_each(|v| *v /= norm);
        let change = x.iter().zip(&y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
        std::mem::swap(&mut x, &mut y);
        if change < TOLERANCE {
            converged = true;
            break;
        }
    }
    // Rayleigh quotient of A.
    let lambda: f64 = adj
        .iter()
        .enumerate()
        .map(|(i, row)| x[i] * row.iter().map(|&(j, w)| w * x[j]).sum::<f64>())
        .sum();
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

    #[test]
    fn tied_components_warn_and_report_the_first() {
        let mut g = CastGraph::new();
        g.add_characters(&["A", "B"]);
        g.add_characters(&["Lone"]);
        g.add_characters(&["C", "D"]);
        let (x, warnings) = eigenvector(&g);
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
        let (x, warnings) = eigenvector(&g);
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
        assert_eq!(eigenvector(&g), (vec![0.0, 0.0], vec![]));
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
        let (_, warnings) = eigenvector(&g);
        assert!(warnings.iter().any(|w| w.contains("did not converge")), "{warnings:?}");
    }
}
