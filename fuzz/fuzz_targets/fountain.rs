//! Fuzz the Fountain reader: any bytes must give scenes or an error, never a
//! panic; every scene's characters must be distinct, trimmed and non-empty,
//! with either reading option scripts take.
#![no_main]

use std::path::Path;

use castgraph::input::{NameStyle, Presence, ReadOptions, fountain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let plain = ReadOptions::default();
    let action = ReadOptions {
        presence: Presence::Action,
        names: NameStyle::Title,
        ..ReadOptions::default()
    };
    for opts in [plain, action] {
        let _ = fountain::read(Path::new("fuzz.fountain"), data, &opts, |scene| {
            assert!(scene.scene.is_some());
            for (i, name) in scene.characters.iter().enumerate() {
                assert!(!name.is_empty() && name.trim() == *name);
                assert!(!scene.characters[..i].contains(name));
            }
        });
    }
});
