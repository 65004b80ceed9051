//! Every export read back by its real consumer: Graphviz renders our DOT,
//! NetworkX reads our GraphML, GEXF and node-link JSON back with the same
//! nodes, edges, weights and attribute values.
//!
//! NetworkX runs in a virtualenv this test creates under `target/` with pip
//! (pinned networkx 3.6.1); Graphviz must be installed (`.ci/run` does it).
//! Neither is ever skipped: a missing tool fails the test with a message.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use castgraph::analysis::centrality::{CentralityOptions, Measure, Scores};
use castgraph::output::{self, NodeData};
use castgraph::{BuildOptions, CastGraph};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(rel: &str) -> CastGraph {
    castgraph::build::from_files(&[root().join(rel)], &BuildOptions::default())
        .unwrap()
        .0
}

/// The virtualenv's python, created once per test run.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| common::networkx_python("py-consumers"))
}

/// NetworkX's view of an export.
fn read_back(kind: &str, path: &Path) -> Value {
    let out = Command::new(python())
        .arg(root().join("tests/consumers/read_back.py"))
        .arg(kind)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "NetworkX could not read our {kind}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn write(path: &Path, f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) {
    let mut buf = Vec::new();
    f(&mut buf).unwrap();
    std::fs::write(path, buf).unwrap();
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(1.0)
}

/// Asserts NetworkX's view equals our graph and scores.
fn assert_same(kind: &str, got: &Value, g: &CastGraph, scores: &Scores) {
    assert_eq!(got["directed"], false, "{kind}");
    let nodes = got["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), g.character_count(), "{kind}: node count");
    for (id, c) in g.characters().enumerate() {
        let attrs = nodes
            .get(&c.name)
            .unwrap_or_else(|| panic!("{kind}: node {:?} missing", c.name));
        assert_eq!(attrs["label"], c.name.as_str(), "{kind}: label of {:?}", c.name);
        assert_eq!(
            attrs["scenes"].as_u64(),
            Some(c.scenes),
            "{kind}: scenes of {:?}",
            c.name
        );
        assert_eq!(
            attrs["degree"].as_u64(),
            Some(scores.degree[id] as u64),
            "{kind}: degree of {:?}",
            c.name
        );
        for m in Measure::ALL.into_iter().filter(|&m| m != Measure::Degree) {
            let v = attrs[m.name()]
                .as_f64()
                .unwrap_or_else(|| panic!("{kind}: {} of {:?} missing", m.name(), c.name));
            assert!(
                close(v, scores.value(m, id)),
                "{kind}: {} of {:?}: {v} vs {}",
                m.name(),
                c.name,
                scores.value(m, id)
            );
        }
    }
    let edges = got["edges"].as_array().unwrap();
    assert_eq!(edges.len(), g.tie_count(), "{kind}: edge count");
    let mut ours = std::collections::HashMap::new();
    for (a, b, t) in g.ties() {
        let (x, y) = (g.character(a).name.clone(), g.character(b).name.clone());
        ours.insert(if x < y { (x, y) } else { (y, x) }, *t);
    }
    for e in edges {
        let (x, y) = (e[0].as_str().unwrap().to_string(), e[1].as_str().unwrap().to_string());
        let key = if x < y { (x, y) } else { (y, x) };
        let t = ours
            .get(&key)
            .unwrap_or_else(|| panic!("{kind}: unexpected edge {key:?}"));
        assert!(
            close(e[2]["weight"].as_f64().unwrap(), t.weight),
            "{kind}: weight of {key:?}"
        );
        assert_eq!(e[2]["scenes"].as_u64(), Some(t.scenes), "{kind}: scenes of {key:?}");
    }
}

#[test]
fn networkx_reads_graphml_gexf_and_json_back() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in [
        "data/s1.csv",
        "tests/fixtures/lesmis.csv",
        "tests/fixtures/inputs/torture.csv",
    ] {
        let g = build(fixture);
        let scores = Scores::compute(&g, &CentralityOptions::default());
        let communities = castgraph::analysis::community::detect(&g, &Default::default()).unwrap();
        let data = NodeData {
            scores: &scores,
            communities: Some(&communities.membership),
            wording: &castgraph::util::wording::Plain,
        };
        let files = [
            ("graphml", dir.path().join("g.graphml")),
            ("gexf", dir.path().join("g.gexf")),
            ("json", dir.path().join("g.json")),
        ];
        write(&files[0].1, |w| output::graphml::write(&g, &data, w));
        write(&files[1].1, |w| output::gexf::write(&g, &data, w));
        write(&files[2].1, |w| output::json::write(&g, &data, w));
        for (kind, path) in &files {
            let got = read_back(kind, path);
            assert_same(&format!("{fixture} {kind}"), &got, &g, &scores);
            for (id, c) in g.characters().enumerate() {
                assert_eq!(
                    got["nodes"][&c.name]["community"].as_u64(),
                    Some(communities.membership[id] as u64),
                    "{fixture} {kind}: community of {:?}",
                    c.name
                );
            }
        }
    }
}

/// Renders DOT with a Graphviz engine; the engine is required.
fn render(engine: &str, dot: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new(engine)
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("Graphviz `{engine}` is required (apt-get install graphviz): {e}"));
    child.stdin.take().unwrap().write_all(dot).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{engine} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{engine} warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn graphviz_renders_every_fixture() {
    for fixture in [
        "data/s1.csv",
        "tests/fixtures/lesmis.csv",
        "tests/fixtures/davis.csv",
        "tests/fixtures/disconnected.csv",
        "tests/fixtures/tie.csv",
        "tests/fixtures/inputs/torture.csv",
        "tests/fixtures/sgb/jean.dat",
        "tests/fixtures/ezlinavis/shakespeare-hamlet-c1599-1602.txt",
    ] {
        let g = build(fixture);
        let scores = Scores::compute(&g, &CentralityOptions::default());
        let communities = castgraph::analysis::community::detect(&g, &Default::default()).unwrap();
        let plain = {
            let mut buf = Vec::new();
            output::dot::write(&g, &output::dot::DotStyle::default(), &mut buf).unwrap();
            buf
        };
        let styled = {
            let style = output::dot::DotStyle {
                data: Some(NodeData {
                    scores: &scores,
                    communities: Some(&communities.membership),
                    wording: &castgraph::util::wording::Plain,
                }),
                size_by: Some(Measure::Pagerank),
                layout: Some("neato"),
                no_edge_labels: false,
            };
            let mut buf = Vec::new();
            output::dot::write(&g, &style, &mut buf).unwrap();
            buf
        };
        for (engine, dot) in [("dot", &plain), ("neato", &plain), ("dot", &styled), ("neato", &styled)] {
            let texts = svg_texts(&render(engine, dot));
            for c in g.characters() {
                assert!(
                    texts.contains(&c.name),
                    "{fixture} via {engine}: {:?} not drawn",
                    c.name
                );
            }
        }
    }
}

/// The text of every `<text>` element of an SVG, unescaped.
fn svg_texts(svg: &str) -> std::collections::HashSet<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out = std::collections::HashSet::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().expect("Graphviz wrote invalid SVG") {
            Event::Start(e) if e.name().as_ref() == "text" => current = Some(String::new()),
            Event::End(e) if e.name().as_ref() == "text" => out.extend(current.take()),
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                // quick-xml reports entity references as events of their own.
                let ch = match r.resolve_char_ref().unwrap() {
                    Some(ch) => Some(ch),
                    None => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let (Some(c), Some(ch)) = (current.as_mut(), ch) {
                    c.push(ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}
