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

/// Places the components: the largest at the left, filling the height of
/// the drawing, and the others packed beside it in columns on its right
/// (largest first), or, when that is more compact (components of similar
/// sizes), all of them in rows, largest first. Whichever candidate needs the
/// smallest landscape drawing area wins, so the cast is drawn as large as
/// the page allows; characters without ties and small components never
/// spread around the cast, squeezing it into a corner.
///
/// Gaps: the largest component gets no more than the gap between small
/// components, which is the larger of their mean tie length and three times
/// the spacing [`spread`] will keep between characters, in layout units.
pub(super) fn pack(graph: &CastGraph, members: &[Vec<usize>], x: &mut [f64], y: &mut [f64]) {
    let n = x.len();
    // Each component's extent, largest component first.
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
                lo: (lo_x, lo_y),
                w: hi_x - lo_x,
                h: hi_y - lo_y,
            }
        })
        .collect();
    if items.is_empty() {
        return;
    }
    items.sort_by_key(|it| std::cmp::Reverse(members[it.c].len()));
    let main = items[0].c;
    let biggest = items[0].w.max(items[0].h);

    // The gap: the others' mean tie length, at least three final spacings.
    let comp_of = {
        let mut of = vec![usize::MAX; n];
        for (c, ids) in members.iter().enumerate() {
            for &i in ids {
                of[i] = c;
            }
        }
        of
    };
    let (mut sum, mut count) = (0.0, 0usize);
    for (a, b, _) in graph.ties() {
        if comp_of[a] != main {
            let d = (x[a] - x[b]).hypot(y[a] - y[b]);
            if d.is_finite() {
                sum += d;
                count += 1;
            }
        }
    }
    let spacing = min_spacing(n) / (SIZE - 2.0 * MARGIN) * biggest;
    let gap = (if count > 0 { sum / count as f64 } else { 0.0 })
        .max(3.0 * spacing)
        .max(1e-6);
    for it in &mut items {
        it.lo = (it.lo.0 - gap / 2.0, it.lo.1 - gap / 2.0);
        it.w += gap;
        it.h += gap;
    }
    let sizes: Vec<(f64, f64)> = items.iter().map(|it| (it.w, it.h)).collect();

    // Candidates: rows of every component, or the largest beside columns of
    // the others; the smallest drawing wins (ties keep the first candidate).
    let area: f64 = sizes.iter().map(|(w, h)| w * h).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    let mut row_widths: Vec<f64> = sizes
        .iter()
        .take(64)
        .scan(0.0, |sum, s| {
            *sum += s.0;
            Some(*sum)
        })
        .collect();
    row_widths.extend([0.8, 1.0, 1.2, 1.5, 2.0].map(|f| f * (area * ASPECT).sqrt()));
    let mut best: Option<(f64, Vec<(f64, f64)>)> = None;
    let mut consider = |candidate: (f64, Vec<(f64, f64)>)| {
        if best.as_ref().is_none_or(|(e, _)| candidate.0 < *e) {
            best = Some(candidate);
        }
    };
    if sizes.len() > 1 {
        let (main_w, main_h) = sizes[0];
        let rest_area: f64 = sizes[1..].iter().map(|(w, h)| w * h).sum();
        let tallest = sizes[1..].iter().map(|s| s.1).fold(0.0, f64::max);
        for height in [1.0, 1.5, 2.0, 3.0]
            .map(|f| f * main_h)
            .into_iter()
            .chain([(rest_area / ASPECT).sqrt()])
        {
            consider(beside(&sizes, height.max(tallest), main_w, main_h));
        }
    }
    for width in row_widths {
        consider(shelves(&sizes, width.max(widest)));
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

/// The first box (the largest component) at the left, the others in
/// columns at most `column_height` tall on its right (shelf packing turned
/// on its side); both centred vertically. Returns the size of the result as
/// [`shelves`] does, and each box's top-left corner.
fn beside(sizes: &[(f64, f64)], column_height: f64, main_w: f64, main_h: f64) -> (f64, Vec<(f64, f64)>) {
    let turned: Vec<(f64, f64)> = sizes[1..].iter().map(|&(w, h)| (h, w)).collect();
    let (_, columns) = shelves(&turned, column_height);
    let strip_w = columns.iter().zip(&turned).map(|(o, t)| o.1 + t.1).fold(0.0, f64::max);
    let strip_h = columns.iter().zip(&turned).map(|(o, t)| o.0 + t.0).fold(0.0, f64::max);
    let height = main_h.max(strip_h);
    let mut offsets = Vec::with_capacity(sizes.len());
    offsets.push((0.0, (height - main_h) / 2.0));
    let top = (height - strip_h) / 2.0;
    offsets.extend(columns.iter().map(|&(along, across)| (main_w + across, top + along)));
    (((main_w + strip_w) / ASPECT).max(height), offsets)
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
    let mut starts = vec![0usize; cols * cols + 1];
    let mut members = vec![0usize; n];
    for round in 0..100 {
        // Bucket the characters by cell (a counting sort: ids ascending within a cell).
        starts.iter_mut().for_each(|s| *s = 0);
        for p in pos.iter() {
            let (cx, cy) = cell_of(*p);
            starts[cy * cols + cx + 1] += 1;
        }
        for c in 0..cols * cols {
            starts[c + 1] += starts[c];
        }
        let mut fill = starts.clone();
        for (i, p) in pos.iter().enumerate() {
            let (cx, cy) = cell_of(*p);
            members[fill[cy * cols + cx]] = i;
            fill[cy * cols + cx] += 1;
        }
        moves.iter_mut().for_each(|m| *m = (0.0, 0.0));
        let mut overlaps = 0usize;
        for i in 0..n {
            let (cx, cy) = cell_of(pos[i]);
            for ny in cy.saturating_sub(1)..=(cy + 1).min(cols - 1) {
                for nx in cx.saturating_sub(1)..=(cx + 1).min(cols - 1) {
                    let cell = ny * cols + nx;
                    for &j in &members[starts[cell]..starts[cell + 1]] {
                        if j <= i {
                            continue;
                        }
                        let dx = pos[j].0 - pos[i].0;
                        let dy = pos[j].1 - pos[i].1;
                        if dx * dx + dy * dy >= spacing * spacing {
                            continue;
                        }
                        let d = dx.hypot(dy);
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
