//! Fuzz the GEXF reader (and the XML reader under it): any bytes must give
//! nodes and edges or an error, never a panic (see `graph_records.rs` for
//! what is checked of the records).
#![no_main]

use std::path::Path;

use castgraph::input::ReadOptions;
use castgraph::input::network::gexf;
use libfuzzer_sys::fuzz_target;

#[path = "graph_records.rs"]
mod graph_records;

fuzz_target!(|data: &[u8]| {
    let mut records = graph_records::Records::default();
    if let Ok(summary) = gexf::read(Path::new("fuzz.gexf"), data.to_vec(), &ReadOptions::default(), |s| {
        records.check(s)
    }) {
        records.finish(&summary);
    }
});
