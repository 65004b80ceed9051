//! Fuzz the edge-list reader: any bytes must give rows or an error, never a
//! panic; every row's characters must be distinct, trimmed and non-empty
//! (one or two of them), and its weight, when it has one, 0 or in range.
#![no_main]

use std::path::Path;

use castgraph::input::weight::{MAX_WEIGHT, MIN_WEIGHT};
use castgraph::input::{ReadOptions, edgelist};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
    let _ = edgelist::read(Path::new("fuzz.input"), data, &opts, |scene| {
        assert!(matches!(scene.characters.len(), 1 | 2));
        for (i, name) in scene.characters.iter().enumerate() {
            assert!(!name.is_empty() && name.trim() == *name);
            assert!(!scene.characters[..i].contains(name));
        }
        if let Some(w) = scene.weight {
            assert!(w == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&w), "{w}");
        }
    });
});
