//! Fuzz the TEI drama reader (and the XML reader under it): any bytes must
//! give scenes or an error, never a panic; every scene's characters must be
//! distinct and non-empty, in every presence and naming mode.
#![no_main]

use std::path::Path;

use castgraph::input::{NameStyle, Presence, ReadOptions, tei};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let opts = ReadOptions {
        presence: if mode & 1 == 0 { Presence::Speakers } else { Presence::Stage },
        names: if mode & 2 == 0 { NameStyle::AsWritten } else { NameStyle::Id },
        groups: mode & 4 == 0,
        columns: vec!["act".into(), "type".into()],
        ..ReadOptions::default()
    };
    let _ = tei::read(Path::new("fuzz.xml"), bytes.to_vec(), &opts, |scene| {
        for (i, name) in scene.characters.iter().enumerate() {
            assert!(!name.is_empty());
            assert!(!scene.characters[..i].contains(name));
        }
        assert_eq!(scene.columns.len(), 2);
    });
});
