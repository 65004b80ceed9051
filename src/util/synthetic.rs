//! A deterministic generator of synthetic scene files, for benchmarks and
//! tests at realistic and large sizes.
//!
//! Characters have Zipf-like popularity (the k-th most popular is picked
//! with weight 1/k), each scene has 1 to `max_cast` distinct characters
//! (uniform), and scenes are grouped into episodes of 100. Names are made of
//! syllables and unique by construction (`Kavo Rendi` ...). The same
//! parameters and seed always give the same bytes.

use std::io::{self, Write};

use crate::util::rng::SplitMix64;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of scenes.
    pub scenes: u64,
    /// Number of distinct characters to draw from.
    pub characters: usize,
    /// Largest number of characters in one scene.
    pub max_cast: usize,
    /// Random seed.
    pub seed: u64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            scenes: 100_000,
            characters: 2_000,
            max_cast: 8,
            seed: 1,
        }
    }
}

const ONSETS: [&str; 16] = [
    "k", "r", "t", "m", "s", "l", "v", "d", "n", "b", "g", "p", "z", "h", "f", "j",
];
const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "ai", "eo", "y"];

/// The unique name of character `i`.
pub fn name(i: usize) -> String {
    let mut syllables = Vec::new();
    let mut x = i;
    loop {
        syllables.push(format!("{}{}", ONSETS[x % 16], VOWELS[(x / 16) % 8]));
        x /= 128;
        if x == 0 {
            break;
        }
        x -= 1;
    }
    let first: String = syllables.iter().rev().cloned().collect();
    let mut chars = first.chars();
    let given = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect::<String>(),
        None => String::new(),
    };
    // A family name derived from the index keeps names readable and unique.
    let family = [
        "Rendi",
        "Moravec",
        "Okafor",
        "Lindqvist",
        "Tanaka",
        "Duarte",
        "Haddad",
        "Novak",
    ][i % 8];
    format!("{given} {family}")
}

/// Writes a wide scene CSV (`episode,scene,characters`).
pub fn write(opts: &GenerateOptions, out: &mut dyn Write) -> io::Result<()> {
    let n = opts.characters.max(1);
    let names: Vec<String> = (0..n).map(name).collect();
    // Cumulative Zipf weights for inverse-transform sampling.
    let mut cumulative = Vec::with_capacity(n);
    let mut total = 0.0;
    for k in 1..=n {
        total += 1.0 / k as f64;
        cumulative.push(total);
    }
    let mut rng = SplitMix64::new(opts.seed);
    let mut cast: Vec<usize> = Vec::with_capacity(opts.max_cast);
    let mut line = String::new();
    writeln!(out, "episode,scene,characters")?;
    for s in 0..opts.scenes {
        let size = 1 + rng.below(opts.max_cast.max(1) as u64) as usize;
        let size = size.min(n);
        cast.clear();
        while cast.len() < size {
            let x = rng.next_f64() * total;
            let k = cumulative.partition_point(|&c| c <= x).min(n - 1);
            if !cast.contains(&k) {
                cast.push(k);
            }
        }
        line.clear();
        for (i, &k) in cast.iter().enumerate() {
            if i > 0 {
                line.push(';');
            }
            line.push_str(&names[k]);
        }
        writeln!(out, "e{},{},{}", s / 100 + 1, s % 100 + 1, line)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let names: std::collections::HashSet<String> = (0..60_000).map(name).collect();
        assert_eq!(names.len(), 60_000);
    }

    #[test]
    fn output_is_deterministic_and_well_formed() {
        let opts = GenerateOptions {
            scenes: 500,
            characters: 50,
            max_cast: 8,
            seed: 7,
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write(&opts, &mut a).unwrap();
        write(&opts, &mut b).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 501);
        for l in text.lines().skip(1) {
            let cast = l.splitn(3, ',').nth(2).unwrap();
            let k = cast.split(';').count();
            assert!((1..=8).contains(&k), "{l}");
        }
    }
}
