//! Property tests: arbitrary casts survive a trip through our files.
//!
//! * Scene sets with arbitrary names (any Unicode but control characters
//!   and the `;` separator: quotes, commas, `<&>`, emoji, right-to-left
//!   text...) written as a wide CSV by the csv crate and built by castgraph
//!   give exactly the graph made directly from the scenes.
//! * Every export of such a graph parses back with a real parser (csv,
//!   serde_json, quick-xml) to the same nodes and weights.
//! * `graph build` of its GraphML, GEXF and node-link JSON exports gives the
//!   graph back: the same characters in order with their scenes, the same
//!   ties in order with their weights and shared scenes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use castgraph::analysis::centrality::{CentralityOptions, Scores};
use castgraph::input::names::normalise;
use castgraph::output::{self, NodeData};
use castgraph::{BuildOptions, CastGraph};
use proptest::prelude::*;

/// A pool of names, then scenes drawing from it.
fn cast() -> impl Strategy<Value = (Vec<String>, Vec<Vec<usize>>)> {
    let name = "[^;\\p{Cc}\\p{Zl}\\p{Zp}\\x{FFFE}\\x{FFFF}]{1,10}".prop_filter("a name", |s| !normalise(s).is_empty());
    prop::collection::vec(name, 1..12).prop_flat_map(|names| {
        let n = names.len();
        let scenes = prop::collection::vec(prop::collection::vec(0..n, 0..6), 1..25);
        (Just(names), scenes)
    })
}

/// The graph made directly from the scenes, names normalised as castgraph does.
fn direct(names: &[String], scenes: &[Vec<usize>]) -> CastGraph {
    let mut g = CastGraph::new();
    for scene in scenes {
        let mut list: Vec<String> = Vec::new();
        for &i in scene {
            let n = normalise(&names[i]);
            if !list.contains(&n) {
                list.push(n);
            }
        }
        let refs: Vec<&str> = list.iter().map(String::as_str).collect();
        g.add_characters(&refs);
    }
    g
}

fn write_csv(names: &[String], scenes: &[Vec<usize>]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenes.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(["scene", "characters"]).unwrap();
    for (i, scene) in scenes.iter().enumerate() {
        let list: Vec<&str> = scene.iter().map(|&k| names[k].as_str()).collect();
        w.write_record([(i + 1).to_string(), list.join(";")]).unwrap();
    }
    w.flush().unwrap();
    (dir, path)
}

/// Ties by names, smaller name first.
fn ties(g: &CastGraph) -> BTreeMap<(String, String), f64> {
    g.ties()
        .map(|(a, b, t)| {
            let (x, y) = (g.character(a).name.clone(), g.character(b).name.clone());
            (if x < y { (x, y) } else { (y, x) }, t.weight)
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

fn text(f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    f(&mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

/// Node ids and (source, target, weight) of a GraphML or GEXF document.
fn xml_graph(doc: &str, weight_in_data: bool) -> (Vec<String>, BTreeMap<(String, String), f64>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(doc);
    let (mut nodes, mut edges) = (Vec::new(), BTreeMap::new());
    let mut edge: Option<(String, String)> = None;
    let mut in_weight = false;
    let attr = |e: &quick_xml::events::BytesStart<'_>, name: &str| {
        e.attributes()
            .map(Result::unwrap)
            .find(|a| a.key.as_ref() == name)
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .unwrap()
                    .into_owned()
            })
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "node" => nodes.push(attr(&e, "id").unwrap()),
                "edge" => {
                    let (s, t) = (attr(&e, "source").unwrap(), attr(&e, "target").unwrap());
                    if !weight_in_data {
                        let w: f64 = attr(&e, "weight").unwrap().parse().unwrap();
                        edges.insert(pair(&s, &t), w);
                    }
                    edge = Some((s, t));
                }
                "data" => in_weight = attr(&e, "key").as_deref() == Some("e_weight"),
                _ => {}
            },
            Event::Text(t) if in_weight => {
                let (s, tg) = edge.clone().unwrap();
                edges.insert(pair(&s, &tg), t.xml10_content().parse().unwrap());
                in_weight = false;
            }
            Event::End(e) if e.name().as_ref() == "data" => in_weight = false,
            Event::Eof => break,
            _ => {}
        }
    }
    (nodes, edges)
}

/// An export writer of the graph files.
type Writer = fn(&CastGraph, &NodeData<'_>, &mut dyn std::io::Write) -> std::io::Result<()>;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn csv_written_and_read_back_gives_the_same_graph((names, scenes) in cast()) {
        let want = direct(&names, &scenes);
        let (_dir, path) = write_csv(&names, &scenes);
        let (got, _) = castgraph::build::from_files(&[path], &BuildOptions::default()).unwrap();
        let chars = |g: &CastGraph| g.characters().map(|c| (c.name.clone(), c.scenes)).collect::<Vec<_>>();
        prop_assert_eq!(chars(&got), chars(&want));
        prop_assert_eq!(ties(&got), ties(&want));
    }

    #[test]
    fn every_export_parses_back((names, scenes) in cast()) {
        let g = direct(&names, &scenes);
        let scores = Scores::compute(&g, &CentralityOptions::default());
        let data = NodeData {
            scores: &scores,
            communities: None,
            wording: &castgraph::util::wording::Plain,
        };
        let want_nodes: Vec<String> = g.characters().map(|c| c.name.clone()).collect();
        let want_ties = ties(&g);

        // CSV edge and node tables.
        let edges = text(|w| output::csv::write_edges(&g, w));
        let mut r = csv::Reader::from_reader(edges.as_bytes());
        let got: BTreeMap<_, f64> =
            r.records().map(|x| x.unwrap()).map(|x| (pair(&x[0], &x[1]), x[3].parse().unwrap())).collect();
        prop_assert_eq!(&got, &want_ties);
        let nodes = text(|w| output::csv::write_nodes(&g, &data, w));
        let mut r = csv::Reader::from_reader(nodes.as_bytes());
        let ids: Vec<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
        prop_assert_eq!(&ids, &want_nodes);

        // Node-link JSON.
        let json: serde_json::Value = serde_json::from_str(&text(|w| output::json::write(&g, &data, w))).unwrap();
        let ids: Vec<String> = json["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_string()).collect();
        prop_assert_eq!(&ids, &want_nodes);
        let got: BTreeMap<_, f64> = json["links"].as_array().unwrap().iter()
            .map(|l| (pair(l["source"].as_str().unwrap(), l["target"].as_str().unwrap()), l["weight"].as_f64().unwrap()))
            .collect();
        prop_assert_eq!(&got, &want_ties);

        // GraphML and GEXF.
        let (ids, got) = xml_graph(&text(|w| output::graphml::write(&g, &data, w)), true);
        prop_assert_eq!(&ids, &want_nodes);
        prop_assert_eq!(&got, &want_ties);
        let (ids, got) = xml_graph(&text(|w| output::gexf::write(&g, &data, w)), false);
        prop_assert_eq!(&ids, &want_nodes);
        prop_assert_eq!(&got, &want_ties);
        let unique: BTreeSet<&String> = want_nodes.iter().collect();
        prop_assert_eq!(unique.len(), want_nodes.len());
    }
    #[test]
    fn graph_exports_build_back_to_the_same_graph((names, scenes) in cast()) {
        let g = direct(&names, &scenes);
        let scores = Scores::compute(&g, &CentralityOptions::default());
        let data = NodeData {
            scores: &scores,
            communities: None,
            wording: &castgraph::util::wording::Plain,
        };
        let shape = |g: &CastGraph| {
            (
                g.characters().map(|c| (c.name.clone(), c.scenes)).collect::<Vec<_>>(),
                g.ties().map(|(a, b, t)| (a, b, t.weight, t.scenes)).collect::<Vec<_>>(),
            )
        };
        let dir = tempfile::tempdir().unwrap();
        let writers: [(&str, Writer); 3] = [
            ("g.graphml", output::graphml::write),
            ("g.gexf", output::gexf::write),
            ("g.json", output::json::write),
        ];
        for (file, write) in writers {
            let path = dir.path().join(file);
            std::fs::write(&path, text(|w| write(&g, &data, w))).unwrap();
            let (back, _) = castgraph::build::from_files(&[path], &BuildOptions::default()).unwrap();
            prop_assert_eq!(shape(&back), shape(&g), "{}", file);
        }
    }
}
