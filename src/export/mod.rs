//! Writing the cast graph in the formats other tools read.
//!
//! Each format has its own module and writes to any `io::Write`; the
//! `graph export` command chooses the destination (stdout or an atomically
//! written file). Output is deterministic: characters in first-appearance
//! order, ties in order of first shared scene.

pub mod csv;
pub mod dot;

/// Formats a weight without a needless `.0` (`2` rather than `2.0`), and
/// otherwise with the shortest representation that reads back exactly.
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}
