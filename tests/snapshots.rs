//! Snapshot tests (insta) of every export format on the small fixtures.
//!
//! A change in any writer's output shows up here as a diff to review. To
//! accept an intended change: `INSTA_UPDATE=always cargo test --test snapshots`
//! (or `cargo insta review`), then commit `tests/snapshots/`.

mod common;

use std::path::PathBuf;

use castgraph::analysis::centrality::{CentralityOptions, Measure, Scores};
use castgraph::output::{self, NodeData};
use castgraph::{BuildOptions, CastGraph};

fn build(rel: &str) -> CastGraph {
    castgraph::build::from_files(
        &[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)],
        &BuildOptions::default(),
    )
    .unwrap()
    .0
}

fn text(f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    f(&mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn snapshot_all(name: &str, rel: &str) {
    let g = build(rel);
    let scores = Scores::compute(&g, &CentralityOptions::default());
    // As `graph export` does by default: communities with the default options.
    let communities = castgraph::analysis::community::detect(&g, &Default::default()).unwrap();
    let data = NodeData {
        scores: &scores,
        communities: Some(&communities.membership),
        wording: &common::Flags,
    };
    let styled = output::dot::DotStyle {
        data: Some(data),
        size_by: Some(Measure::Pagerank),
        layout: Some("neato"),
        no_edge_labels: false,
    };
    insta::assert_snapshot!(
        format!("{name}.dot"),
        text(|w| output::dot::write(&g, &output::dot::DotStyle::default(), w))
    );
    insta::assert_snapshot!(
        format!("{name}.styled.dot"),
        text(|w| output::dot::write(&g, &styled, w))
    );
    insta::assert_snapshot!(format!("{name}.edges.csv"), text(|w| output::csv::write_edges(&g, w)));
    insta::assert_snapshot!(
        format!("{name}.nodes.csv"),
        text(|w| output::csv::write_nodes(&g, &data, w))
    );
    insta::assert_snapshot!(
        format!("{name}.graphml"),
        text(|w| output::graphml::write(&g, &data, w))
    );
    insta::assert_snapshot!(format!("{name}.gexf"), text(|w| output::gexf::write(&g, &data, w)));
    insta::assert_snapshot!(format!("{name}.json"), text(|w| output::json::write(&g, &data, w)));
}

#[test]
fn s1_in_every_format() {
    snapshot_all("s1", "data/s1.csv");
}

#[test]
fn tie_in_every_format() {
    snapshot_all("tie", "tests/fixtures/tie.csv");
}

#[test]
fn torture_names_in_every_format() {
    snapshot_all("torture", "tests/fixtures/inputs/torture.csv");
}
