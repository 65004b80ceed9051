//! The Barnes–Hut quadtree (Barnes & Hut 1986, "A hierarchical O(N log N)
//! force-calculation algorithm"): the repulsion on a character from a far
//! group of characters is taken as that of one body at the group's centre
//! of mass, so an iteration costs O(n log n) instead of O(n²).
//!
//! The tree is built top-down by splitting index lists, so its shape depends
//! only on the positions, never on thread timing.

use super::SCALING;

/// Barnes–Hut opening criterion: a quadtree cell is approximated by its
/// centre of mass when its side is less than `THETA` times its distance.
const THETA: f64 = 1.2;
/// At most this many characters in a quadtree leaf.
const LEAF: usize = 8;

/// A Barnes–Hut quadtree over the characters' positions, built top-down by
/// splitting index lists, so its shape depends only on the positions.
pub(super) struct QuadTree {
    cells: Vec<Cell>,
    /// Character ids, each leaf owning a contiguous range.
    ids: Vec<usize>,
    /// Position and mass of `ids[k]`, in the same order, so a leaf's
    /// characters are read from contiguous memory.
    bodies: Vec<(f64, f64, f64)>,
}

struct Cell {
    /// Centre and half side of the cell's square.
    cx: f64,
    cy: f64,
    half: f64,
    /// Total mass and centre of mass of the characters inside.
    mass: f64,
    mx: f64,
    my: f64,
    /// Index of the first of four children in `cells`, or 0 for a leaf.
    children: usize,
    /// The cell's range in `ids`.
    start: usize,
    end: usize,
}

impl QuadTree {
    pub(super) fn new(x: &[f64], y: &[f64], mass: &[f64]) -> QuadTree {
        let (mut lo_x, mut hi_x, mut lo_y, mut hi_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for i in 0..x.len() {
            lo_x = lo_x.min(x[i]);
            hi_x = hi_x.max(x[i]);
            lo_y = lo_y.min(y[i]);
            hi_y = hi_y.max(y[i]);
        }
        let half = 0.5 * (hi_x - lo_x).max(hi_y - lo_y).max(1e-9) * (1.0 + 1e-9);
        let mut tree = QuadTree {
            cells: Vec::with_capacity(x.len() / 2 + 1),
            ids: (0..x.len()).collect(),
            bodies: Vec::new(),
        };
        tree.cells.push(Cell {
            cx: 0.5 * (lo_x + hi_x),
            cy: 0.5 * (lo_y + hi_y),
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            children: 0,
            start: 0,
            end: x.len(),
        });
        tree.split(0, x, y, mass, 0);
        tree.bodies = tree.ids.iter().map(|&i| (x[i], y[i], mass[i])).collect();
        tree
    }

    /// Fills in cell `c`'s mass and, if it holds too many characters,
    /// splits it into four children (recursively).
    fn split(&mut self, c: usize, x: &[f64], y: &[f64], mass: &[f64], depth: u32) {
        let (start, end) = (self.cells[c].start, self.cells[c].end);
        let (mut m, mut mx, mut my) = (0.0, 0.0, 0.0);
        for &i in &self.ids[start..end] {
            m += mass[i];
            mx += mass[i] * x[i];
            my += mass[i] * y[i];
        }
        let cell = &mut self.cells[c];
        cell.mass = m;
        (cell.mx, cell.my) = if m > 0.0 { (mx / m, my / m) } else { (cell.cx, cell.cy) };
        if end - start <= LEAF || depth >= 40 {
            return;
        }
        let (cx, cy, half) = (cell.cx, cell.cy, cell.half);
        let quadrant = |i: usize| usize::from(x[i] >= cx) + 2 * usize::from(y[i] >= cy);
        // A stable counting sort of the cell's ids by quadrant.
        let mut counts = [0usize; 4];
        for &i in &self.ids[start..end] {
            counts[quadrant(i)] += 1;
        }
        let mut next = [0usize; 4];
        for q in 1..4 {
            next[q] = next[q - 1] + counts[q - 1];
        }
        let mut sorted = vec![0usize; end - start];
        for &i in &self.ids[start..end] {
            let q = quadrant(i);
            sorted[next[q]] = i;
            next[q] += 1;
        }
        self.ids[start..end].copy_from_slice(&sorted);
        let first = self.cells.len();
        self.cells[c].children = first;
        let mut from = start;
        for (q, &count) in counts.iter().enumerate() {
            let h = 0.5 * half;
            self.cells.push(Cell {
                cx: if q & 1 == 1 { cx + h } else { cx - h },
                cy: if q & 2 == 2 { cy + h } else { cy - h },
                half: h,
                mass: 0.0,
                mx: 0.0,
                my: 0.0,
                children: 0,
                start: from,
                end: from + count,
            });
            from += count;
        }
        for (q, &count) in counts.iter().enumerate() {
            if count > 0 {
                self.split(first + q, x, y, mass, depth + 1);
            }
        }
    }

    /// The repulsion on character `i`, far cells taken as one body;
    /// `stack` is scratch space (reused between calls to spare allocations).
    pub(super) fn repulsion(&self, i: usize, x: &[f64], y: &[f64], mass: &[f64], stack: &mut Vec<usize>) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        let (xi, yi) = (x[i], y[i]);
        let k = SCALING * mass[i];
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.mass == 0.0 {
                continue;
            }
            if cell.children == 0 {
                for (&j, &(bx, by, bm)) in self.ids[cell.start..cell.end]
                    .iter()
                    .zip(&self.bodies[cell.start..cell.end])
                {
                    let dx = xi - bx;
                    let dy = yi - by;
                    let d2 = dx * dx + dy * dy;
                    if j != i && d2 > 0.0 {
                        let f = k * bm / d2;
                        fx += dx * f;
                        fy += dy * f;
                    }
                }
                continue;
            }
            let dx = xi - cell.mx;
            let dy = yi - cell.my;
            let d2 = dx * dx + dy * dy;
            let side = 2.0 * cell.half;
            let inside = (xi - cell.cx).abs() <= cell.half && (yi - cell.cy).abs() <= cell.half;
            if !inside && side * side < THETA * THETA * d2 {
                let f = k * cell.mass / d2;
                fx += dx * f;
                fy += dy * f;
            } else {
                stack.extend_from_slice(&[cell.children, cell.children + 1, cell.children + 2, cell.children + 3]);
            }
        }
        (fx, fy)
    }
}
