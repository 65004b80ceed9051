//! Placing the laid-out components on the page: each component turned so
//! its longest axis is horizontal, the components packed side by side in
//! rows (largest first), the whole scaled into the box `[0, SIZE]²`, and
//! characters closer than a minimum spacing pushed apart.
//!
//! Every step is a pure function of the positions, so the result is as
//! deterministic as the simulation before it.

use super::{ASPECT, MARGIN, SIZE};
use crate::graph::CastGraph;

/// Rotates a component about its centroid so that its longest axis (the
/// principal axis of its positions) is horizontal: screens are wider than tall.
pub(super) fn orient(x: &mut [f64], y: &mut [f64]) {
    let k = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / k, y.iter().sum::<f64>() / k);
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (&px, &py) in x.iter().zip(y.iter()) {
        sxx += (px - mx) * (px - mx);
        syy += (py - my) * (py - my);
        sxy += (px - mx) * (py - my);
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    if !angle.is_finite() {
        return;
    }
    let (sin, cos) = angle.sin_cos();
    for (px, py) in x.iter_mut().zip(y.iter_mut()) {
        let (dx, dy) = (*px - mx, *py - my);
        *px = dx * cos + dy * sin;
        *py = -dx * sin + dy * cos;
    }
}

/// Places the components side by side in rows, largest first, each centred
/// in its row, with a gap of about one tie length between them: a compact,
/// roughly square drawing in which characters without ties form the last
/// rows instead of drifting far from the cast.
pub(super) fn pack(graph: &CastGraph, members: &[Vec<usize>], x: &mut [f64], y: &mut [f64]) {
    // The mean tie length is the natural unit of the layout.
    let lengths: Vec<f64> = graph
        .ties()
        .map(|(a, b, _)| (x[a] - x[b]).hypot(y[a] - y[b]))
        .filter(|d| d.is_finite())
        .collect();
    let unit = if lengths.is_empty() {
        1.0
    } else {
        (lengths.iter().sum::<f64>() / lengths.len() as f64).max(1e-6)
    };
    // Each component's box (its extent plus a gap), largest component first.
    struct Item {
        c: usize,
        lo: (f64, f64),
        w: f64,
        h: f64,
    }
    let mut items: Vec<Item> = members
        .iter()
        .enumerate()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(c, ids)| {
            let lo_x = ids.iter().map(|&i| x[i]).fold(f64::INFINITY, f64::min);
            let hi_x = ids.iter().map(|&i| x[i]).fold(f64::NEG_INFINITY, f64::max);
            let lo_y = ids.iter().map(|&i| y[i]).fold(f64::INFINITY, f64::min);
            let hi_y = ids.iter().map(|&i| y[i]).fold(f64::NEG_INFINITY, f64::max);
            Item {
                c,
                lo: (lo_x - unit / 2.0, lo_y - unit / 2.0),
                w: hi_x - lo_x + unit,
                h: hi_y - lo_y + unit,
            }
        })
        .collect();
    items.sort_by_key(|it| std::cmp::Reverse(members[it.c].len()));
    let sizes: Vec<(f64, f64)> = items.iter().map(|it| (it.w, it.h)).collect();

    // Try a few row widths and keep the one that fills a landscape drawing
    // area best (ties keep the first candidate).
    let area: f64 = sizes.iter().map(|(w, h)| w * h).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    let mut candidates: Vec<f64> = sizes
        .iter()
        .take(64)
        .scan(0.0, |sum, s| {
            *sum += s.0;
            Some(*sum)
        })
        .collect();
    candidates.extend([0.8, 1.0, 1.2, 1.5, 2.0].map(|f| f * (area * ASPECT).sqrt()));
    let mut best: Option<(f64, Vec<(f64, f64)>)> = None;
    for width in candidates {
        let (extent, offsets) = shelves(&sizes, width.max(widest));
        if best.as_ref().is_none_or(|(e, _)| extent < *e) {
            best = Some((extent, offsets));
        }
    }
    let Some((_, offsets)) = best else { return };
    for (it, (left, top)) in items.iter().zip(offsets) {
        let (dx, dy) = (left - it.lo.0, top - it.lo.1);
        for &id in &members[it.c] {
            x[id] += dx;
            y[id] += dy;
        }
    }
}

/// Shelf packing: boxes of `sizes` placed left to right in rows at most
/// `row_width` wide (a box wider than that gets a row of its own), each row
/// centred, each box centred vertically in its row. Returns the size of the
/// result relative to a drawing area of aspect ratio [`ASPECT`] (the larger
/// of width / ASPECT and height) and each box's top-left corner.
pub(super) fn shelves(sizes: &[(f64, f64)], row_width: f64) -> (f64, Vec<(f64, f64)>) {
    let mut rows: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (k, &(w, _)) in sizes.iter().enumerate() {
        if k > start && used + w > row_width {
            rows.push(start..k);
            start = k;
            used = 0.0;
        }
        used += w;
    }
    rows.push(start..sizes.len());
    let full = rows
        .iter()
        .map(|r| sizes[r.clone()].iter().map(|s| s.0).sum::<f64>())
        .fold(0.0, f64::max);
    let mut offsets = Vec::with_capacity(sizes.len());
    let mut top = 0.0;
    for r in rows {
        let width: f64 = sizes[r.clone()].iter().map(|s| s.0).sum();
        let height = sizes[r.clone()].iter().map(|s| s.1).fold(0.0, f64::max);
        let mut left = (full - width) / 2.0;
        for &(w, h) in &sizes[r] {
            offsets.push((left, top + (height - h) / 2.0));
            left += w;
        }
        top += height;
    }
    ((full / ASPECT).max(top), offsets)
}

/// The minimum distance kept between two characters in the final box: large
/// enough for a small cast's nodes and labels, small enough that `n` discs of
/// that diameter fit in the box easily.
pub(super) fn min_spacing(n: usize) -> f64 {
    let free = SIZE - 2.0 * MARGIN;
    (0.5 * free / (n as f64).sqrt()).min(70.0)
}

/// Scales and centres the positions into `[MARGIN, SIZE - MARGIN]²`, keeping
/// the aspect ratio.
pub(super) fn normalise(x: &[f64], y: &[f64]) -> Vec<(f64, f64)> {
    let lo_x = x.iter().copied().fold(f64::INFINITY, f64::min);
    let hi_x = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lo_y = y.iter().copied().fold(f64::INFINITY, f64::min);
    let hi_y = y.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let extent = (hi_x - lo_x).max(hi_y - lo_y);
    let free = SIZE - 2.0 * MARGIN;
    let scale = if extent > 0.0 && extent.is_finite() {
        free / extent
    } else {
        0.0
    };
    let (mid_x, mid_y) = (0.5 * (lo_x + hi_x), 0.5 * (lo_y + hi_y));
    x.iter()
        .zip(y)
        .map(|(&px, &py)| {
            let fx = SIZE / 2.0 + (px - mid_x) * scale;
            let fy = SIZE / 2.0 + (py - mid_y) * scale;
            (clamp(fx), clamp(fy))
        })
        .collect()
}

pub(super) fn clamp(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(MARGIN, SIZE - MARGIN)
    } else {
        SIZE / 2.0
    }
}

/// Pushes apart characters closer than `spacing` (a few rounds over a grid
/// of `spacing`-sized cells; every move is computed from the positions at
/// the start of the round, so the order of the pairs does not matter).
pub(super) fn spread(pos: &mut [(f64, f64)], spacing: f64) {
    let n = pos.len();
    if n < 2 || spacing <= 0.0 {
        return;
    }
    let cols = (SIZE / spacing).ceil() as usize + 1;
    let cell_of = |(x, y): (f64, f64)| {
        let cx = ((x / spacing) as usize).min(cols - 1);
        let cy = ((y / spacing) as usize).min(cols - 1);
        (cx, cy)
    };
    let mut moves = vec![(0.0f64, 0.0f64); n];
    for round in 0..100 {
        // Bucket the characters by cell (cells sorted, ids ascending within).
        let mut keyed: Vec<(usize, usize)> = (0..n)
            .map(|i| {
                let (cx, cy) = cell_of(pos[i]);
                (cy * cols + cx, i)
            })
            .collect();
        keyed.sort_unstable();
        let mut starts = std::collections::HashMap::with_capacity(n);
        for (k, &(cell, _)) in keyed.iter().enumerate() {
            starts.entry(cell).or_insert(k);
        }
        moves.iter_mut().for_each(|m| *m = (0.0, 0.0));
        let mut overlaps = 0usize;
        for i in 0..n {
            let (cx, cy) = cell_of(pos[i]);
            for ny in cy.saturating_sub(1)..=(cy + 1).min(cols - 1) {
                for nx in cx.saturating_sub(1)..=(cx + 1).min(cols - 1) {
                    let cell = ny * cols + nx;
                    let Some(&from) = starts.get(&cell) else { continue };
                    for &(c, j) in &keyed[from..] {
                        if c != cell {
                            break;
                        }
                        if j <= i {
                            continue;
                        }
                        let dx = pos[j].0 - pos[i].0;
                        let dy = pos[j].1 - pos[i].1;
                        let d = dx.hypot(dy);
                        if d >= spacing {
                            continue;
                        }
                        overlaps += 1;
                        // Coincident characters part along a direction fixed by their ids.
                        let (ux, uy) = if d > 1e-9 {
                            (dx / d, dy / d)
                        } else {
                            let a = (i * 7 + j * 13 + round) as f64;
                            (a.cos(), a.sin())
                        };
                        let push = 0.5 * (spacing - d) * 0.5;
                        moves[i].0 -= ux * push;
                        moves[i].1 -= uy * push;
                        moves[j].0 += ux * push;
                        moves[j].1 += uy * push;
                    }
                }
            }
        }
        if overlaps == 0 {
            break;
        }
        for (p, m) in pos.iter_mut().zip(&moves) {
            *p = (clamp(p.0 + m.0), clamp(p.1 + m.1));
        }
    }
}
