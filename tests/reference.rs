//! Centrality values against the reference goldens in `tests/fixtures/golden/`,
//! produced by `scripts/reference.py` (NetworkX 3.6.1; betweenness from exact
//! rational arithmetic cross-checked with igraph). Tolerance 1e-9.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use castgraph::CastGraph;
use castgraph::centrality::{Measure, Scores};

const TOLERANCE: f64 = 1e-9;
const FIXTURES: [&str; 6] = ["s1", "lesmis", "davis", "disconnected", "generated", "tie"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_path(name: &str) -> PathBuf {
    if name == "s1" {
        root().join("data/s1.csv")
    } else {
        root().join(format!("tests/fixtures/{name}.csv"))
    }
}

fn build(path: &Path) -> CastGraph {
    let mut g = CastGraph::new();
    castgraph::read_scenes(&mut g, path).unwrap();
    g
}

/// The golden table: column name → (character → value).
fn golden(name: &str, mode: &str) -> (Vec<String>, HashMap<String, HashMap<String, f64>>) {
    let path = root().join(format!("tests/fixtures/golden/{name}.{mode}.csv"));
    let mut r = csv::Reader::from_path(&path).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut order = Vec::new();
    let mut cols: HashMap<String, HashMap<String, f64>> = HashMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        order.push(rec[0].to_string());
        for (h, v) in headers.iter().zip(rec.iter()).skip(1) {
            cols.entry(h.clone())
                .or_default()
                .insert(rec[0].to_string(), v.parse().unwrap());
        }
    }
    (order, cols)
}

fn check(name: &str, mode: &str, measures: &[Measure]) {
    let g = build(&fixture_path(name));
    let scores = Scores::compute(&g);
    let (order, cols) = golden(name, mode);
    let names: Vec<String> = g.characters().map(|c| c.name.clone()).collect();
    assert_eq!(names, order, "{name}: characters in first-appearance order");
    for (id, c) in g.characters().enumerate() {
        assert_eq!(c.scenes as f64, cols["scenes"][&c.name], "{name}: scenes of {}", c.name);
        for &m in measures {
            let want = cols[m.name()][&c.name];
            let got = scores.value(m, id);
            assert!(
                (got - want).abs() <= TOLERANCE,
                "{name} ({mode}): {} of {}: got {got}, NetworkX {want}",
                m.name(),
                c.name
            );
        }
    }
}

#[test]
fn local_measures_and_pagerank_equal_networkx() {
    for name in FIXTURES {
        check(
            name,
            "inverse",
            &[Measure::Degree, Measure::Strength, Measure::Pagerank],
        );
    }
}

#[test]
fn pagerank_sums_to_one() {
    for name in FIXTURES {
        let g = build(&fixture_path(name));
        let sum: f64 = Scores::compute(&g).pagerank.iter().sum();
        assert!((sum - 1.0).abs() < 1e-12, "{name}: {sum}");
    }
}
