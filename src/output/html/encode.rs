//! The compact encoding of the view's bulk data: positions, groups, measures
//! and ties as base64 text that `view.js` decodes.
//!
//! A page of 50,000 characters and a million ties written as plain JSON
//! arrays weighs some 30 MB; these columns bring it under 10 MB without
//! losing a digit:
//!
//! * **Numbers** ([`Column`]): whole numbers (degree, scenes, tie weights that
//!   count shared scenes) as unsigned LEB128 varints, one to three bytes each;
//!   any other number as its eight IEEE 754 bytes (little-endian), so the page
//!   reads back exactly the value `graph central` prints.
//! * **Positions**: each coordinate of `[0, SIZE]` quantised to 16 bits
//!   (steps of `SIZE / 65535`, finer than a pixel at the deepest zoom).
//! * **Ties** ([`Ties`]): sorted by weight, strongest first (the order the
//!   page draws them in when it cannot draw them all), in runs of equal
//!   weight: each weight written once with its number of ties, each tie as two
//!   varints: the step from the previous tie's first character, then the gap
//!   to the second (from the previous second character when the first is the
//!   same, else from the first). The number of shared scenes is written only
//!   when some tie's differs from its weight.
//!
//! Base64 (RFC 4648, with padding) keeps the text inside the page's JSON
//! free of any character that markup or JSON would need escaped.

use serde::Serialize;

/// Positions are quantised to `0..=QUANT` over `[0, SIZE]`.
pub const QUANT: f64 = 65535.0;

/// A column of numbers: varints when every value is a whole number below
/// 2^53 (exact in JavaScript), else the IEEE 754 bytes of each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// `varint` or `f64`.
    pub kind: &'static str,
    /// The bytes, in base64.
    pub data: String,
}

/// The largest whole number a varint column holds (2^53, exact in JavaScript).
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

impl Column {
    /// Encodes `values`, choosing the kind.
    pub fn of(values: &[f64]) -> Column {
        let whole = values
            .iter()
            .all(|&v| v.fract() == 0.0 && (0.0..EXACT_INT).contains(&v) && v.is_sign_positive());
        let mut bytes = Vec::with_capacity(values.len() * if whole { 2 } else { 8 });
        if whole {
            for &v in values {
                varint(&mut bytes, v as u64);
            }
            Column {
                kind: "varint",
                data: base64(&bytes),
            }
        } else {
            for &v in values {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            Column {
                kind: "f64",
                data: base64(&bytes),
            }
        }
    }

    /// Encodes whole numbers as varints.
    pub fn of_ints(values: impl IntoIterator<Item = u64>) -> Column {
        let mut bytes = Vec::new();
        for v in values {
            varint(&mut bytes, v);
        }
        Column {
            kind: "varint",
            data: base64(&bytes),
        }
    }
}

/// The ties, strongest first; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ties {
    /// Number of ties.
    pub count: usize,
    /// Each distinct weight, heaviest first.
    pub weights: Column,
    /// The number of ties of each weight.
    pub runs: Column,
    /// The two characters of each tie (varint steps).
    pub pairs: String,
    /// Shared scenes of each tie, when some differ from the weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenes: Option<Column>,
}

/// One tie: its two characters (`a < b`), weight and shared scenes.
pub type Tie = (usize, usize, f64, u64);

/// Sorts `ties` strongest first (then by characters) and encodes them.
pub fn ties(mut ties: Vec<Tie>) -> Ties {
    for t in &mut ties {
        if t.0 > t.1 {
            (t.0, t.1) = (t.1, t.0);
        }
    }
    ties.sort_by(|p, q| q.2.total_cmp(&p.2).then(p.0.cmp(&q.0)).then(p.1.cmp(&q.1)));
    let mut weights = Vec::new();
    let mut runs: Vec<u64> = Vec::new();
    let mut pairs = Vec::with_capacity(ties.len() * 3);
    let (mut prev_a, mut prev_b) = (0, 0);
    for (k, &(a, b, w, _)) in ties.iter().enumerate() {
        let first = k == 0 || w.to_bits() != ties[k - 1].2.to_bits();
        if first {
            weights.push(w);
            runs.push(0);
            prev_a = 0;
        }
        if let Some(r) = runs.last_mut() {
            *r += 1;
        }
        varint(&mut pairs, (a - prev_a) as u64);
        let from = if !first && a == prev_a { prev_b + 1 } else { a + 1 };
        varint(&mut pairs, (b - from) as u64);
        (prev_a, prev_b) = (a, b);
    }
    let scenes_differ = ties.iter().any(|&(_, _, w, s)| s as f64 != w);
    Ties {
        count: ties.len(),
        weights: Column::of(&weights),
        runs: Column::of_ints(runs),
        pairs: base64(&pairs),
        scenes: scenes_differ.then(|| Column::of_ints(ties.iter().map(|t| t.3))),
    }
}

/// Positions quantised to 16 bits per coordinate, `x` then `y`, little-endian.
pub fn positions(pos: &[(f64, f64)], size: f64) -> String {
    let q = |v: f64| -> u16 {
        let v = (v / size * QUANT).round();
        if v.is_finite() { v.clamp(0.0, QUANT) as u16 } else { 0 }
    };
    let mut bytes = Vec::with_capacity(pos.len() * 4);
    for &(x, y) in pos {
        bytes.extend_from_slice(&q(x).to_le_bytes());
        bytes.extend_from_slice(&q(y).to_le_bytes());
    }
    base64(&bytes)
}

/// Appends `v` as an unsigned LEB128 varint.
pub fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 §4), what the browser's `atob` reads.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unbase64(s: &str) -> Vec<u8> {
        let mut bits = 0u32;
        let mut count = 0;
        let mut out = Vec::new();
        for c in s.bytes().filter(|&c| c != b'=') {
            let v = ALPHABET.iter().position(|&a| a == c).expect("base64 letter") as u32;
            bits = (bits << 6) | v;
            count += 6;
            if count >= 8 {
                count -= 8;
                out.push((bits >> count) as u8);
            }
        }
        out
    }

    fn unvarints(bytes: &[u8]) -> Vec<u64> {
        let mut out = Vec::new();
        let (mut v, mut shift) = (0u64, 0);
        for &b in bytes {
            v |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                out.push(v);
                (v, shift) = (0, 0);
            }
        }
        out
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), enc);
            assert_eq!(unbase64(enc), raw.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(unbase64(&base64(&all)), all);
    }

    #[test]
    fn varints_round_trip() {
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX), u64::MAX];
        let mut bytes = Vec::new();
        for v in values {
            varint(&mut bytes, v);
        }
        assert_eq!(unvarints(&bytes), values);
        assert_eq!(bytes[..4], [0, 1, 127, 0x80]);
    }

    #[test]
    fn columns_choose_varints_only_for_exact_whole_numbers() {
        assert_eq!(Column::of(&[0.0, 3.0, 1e15]).kind, "varint");
        for odd in [0.5, -1.0, -0.0, 1e300, f64::NAN, 9_007_199_254_740_992.0] {
            let c = Column::of(&[1.0, odd]);
            assert_eq!(c.kind, "f64", "{odd}");
            let bytes = unbase64(&c.data);
            let back = f64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes"));
            assert_eq!(back.to_bits(), odd.to_bits());
        }
    }

    #[test]
    fn ties_run_strongest_first_and_decode_back() {
        let input = vec![
            (0, 1, 1.0, 1),
            (2, 1, 3.0, 3),
            (0, 2, 1.0, 1),
            (3, 4, 1.0, 1),
            (0, 4, 3.0, 3),
        ];
        let t = ties(input);
        assert_eq!(t.count, 5);
        assert!(t.scenes.is_none(), "scenes equal the weights");
        assert_eq!(unvarints(&unbase64(&t.weights.data)), [3, 1]);
        assert_eq!(unvarints(&unbase64(&t.runs.data)), [2, 3]);
        // Weight 3: (0,4), (1,2); weight 1: (0,1), (0,2), (3,4).
        assert_eq!(
            unvarints(&unbase64(&t.pairs)),
            [0, 3, 1, 0, /* weight 1 */ 0, 0, 0, 0, 3, 0]
        );
        let scenes = ties(vec![(0, 1, 0.5, 2)])
            .scenes
            .expect("scenes differ from the weight");
        assert_eq!(unvarints(&unbase64(&scenes.data)), [2]);
    }

    #[test]
    fn positions_are_quantised_to_sixteen_bits() {
        let bytes = unbase64(&positions(&[(0.0, 1000.0), (500.0, f64::NAN)], 1000.0));
        assert_eq!(bytes, [0, 0, 255, 255, 0x00, 0x80, 0, 0]);
    }
}
