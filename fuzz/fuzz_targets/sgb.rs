//! Fuzz the sgb reader: any bytes must give scenes or an error, never a
//! panic; every scene's characters must be distinct, trimmed and non-empty.
#![no_main]

use std::path::Path;

use castgraph::input::{ReadOptions, sgb};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
    let _ = sgb::read(Path::new("fuzz.input"), data, &opts, |scene| {
        for (i, name) in scene.characters.iter().enumerate() {
            assert!(!name.is_empty() && name.trim() == *name);
            assert!(!scene.characters[..i].contains(name));
        }
    });
});
