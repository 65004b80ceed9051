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

/// A count with thousands separated by commas: `2000000` → `2,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 character`, `2 characters`: a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (2_000_000, "2,000,000"),
            (12_345, "12,345"),
        ] {
            assert_eq!(super::thousands(n), s);
        }
    }
}
