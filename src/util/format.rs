//! Numbers as text: one formatting for weights and figures in every
//! output, and counts with their nouns.

/// Formats a weight without a needless `.0` (`2` rather than `2.0`), and
/// otherwise with the shortest representation that reads back exactly;
/// very large or very small magnitudes in exponent form (`1e300`, not 301
/// digits).
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else if x.is_finite() && (x.abs() >= 1e15 || x.abs() < 1e-7) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// `1 character`, `2 characters`: a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
