//! Fuzz the Parquet reader: any bytes must give scenes or an error, never a
//! panic. The Parquet crate's own assertions, which a damaged file can
//! break, are caught by castgraph and reported as a damaged file
//! (`parquet::is_reader_panic`): they unwind to that catch here too; any
//! other panic aborts, as in every target. The first byte picks the layout (from the columns, wide, long or
//! edge list) and a metadata column to read; the rest is the file. Every
//! scene's names must be distinct, trimmed and non-empty; an edge row has
//! one or two of them and a weight of 0 or in range.
#![no_main]

use std::path::Path;

use castgraph::input::weight::{MAX_WEIGHT, MIN_WEIGHT};
use castgraph::input::{InputFormat, ReadOptions, parquet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| parquet::is_reader_panic(l.file())) {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
        let Some((&pick, file)) = data.split_first() else { return };
        let format = [
            None,
            Some(InputFormat::WideParquet),
            Some(InputFormat::LongParquet),
            Some(InputFormat::EdgelistParquet),
        ][usize::from(pick & 3)];
        let columns = match pick >> 2 & 3 {
            0 => vec![],
            1 => vec!["episode".to_string()],
            2 => vec!["weight".to_string()],
            _ => vec!["scene".to_string(), "season".to_string()],
        };
        let opts = ReadOptions {
            columns,
            ..ReadOptions::default()
        };
        let _ = parquet::read_bytes(Path::new("fuzz.parquet"), file, format, &opts, |scene| {
            for (i, name) in scene.characters.iter().enumerate() {
                assert!(!name.is_empty() && name.trim() == *name);
                assert!(!scene.characters[..i].contains(name));
            }
            assert_eq!(scene.columns.len(), opts.columns.len());
            if let Some(w) = scene.weight {
                assert!(matches!(scene.characters.len(), 1 | 2));
                assert!(w == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&w), "{w}");
            }
        });
    }
);
