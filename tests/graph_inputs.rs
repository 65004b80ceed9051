//! Reading graphs back (issue 15, points 8 and 9).
//!
//! * Point 8: `graph build` reads GraphML, GEXF and node-link JSON. Every
//!   export of every fixture reads back to the same graph: characters in
//!   the same order with the same scene counts (isolated ones too), the
//!   same ties in the same order with the same weights and shared scenes,
//!   the same centrality values. Hand-written files in the style of
//!   NetworkX, Gephi, d3 (`miserables.json`) and the Star Wars networks
//!   (`tests/fixtures/graphs/`) read as those tools mean them, and NetworkX's
//!   own files read as NetworkX reads them.
//! * Point 9: `--nodes` labels an edge list's ids with a Gephi node table
//!   (`Id,Label`), CRLF or CR line ends, no final newline, a repeated id.
//!
//! The two CLI tests at the top are the ones that fail on a castgraph that
//! cannot read these files.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use castgraph::analysis::centrality::{CentralityOptions, Distance, Measure, Scores};
use castgraph::output::{self, NodeData};
use castgraph::{BuildOptions, CastGraph};
use serde_json::Value;

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn graphs(name: &str) -> PathBuf {
    repo("tests/fixtures/graphs").join(name)
}

/// Runs `graph` in `dir`; its stdout, or a panic with its stderr.
fn graph(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(assert_cmd::cargo::cargo_bin("graph"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "graph {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A saved graph's characters and ties, as the file has them.
fn saved(path: &Path) -> (Value, Value) {
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    (v["characters"].clone(), v["ties"].clone())
}

/// Issue 15, point 8: `graph export --graphml/--gexf/--json` then `graph
/// build` of that file gives the same graph and the same `graph central`.
#[test]
fn cli_export_then_build_round_trips_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Two characters without ties (Hal, Ivy) and names that need quoting.
    let fixture = repo("tests/fixtures/disconnected.csv");
    graph(d, &["build", fixture.to_str().unwrap(), "-o", "a.json", "--quiet"]);
    let central = |g: &str| graph(d, &["central", "--graph", g, "--top", "0", "--format", "csv"]);
    let want = central("a.json");
    for (flag, file) in [
        ("--graphml", "a.graphml"),
        ("--gexf", "a.gexf"),
        ("--json", "a.nodelink.json"),
    ] {
        graph(d, &["export", "--graph", "a.json", flag, "-o", file]);
        let summary = graph(d, &["build", file, "-o", "b.json"]);
        assert!(
            summary.starts_with(&format!("Read 6 edges from {file} ("))
                && summary.contains("; scene counts from the file)."),
            "{summary}"
        );
        assert_eq!(saved(&d.join("b.json")), saved(&d.join("a.json")), "{file}");
        assert_eq!(central("b.json"), want, "{file}");
    }
}

/// Issue 15, point 9: `graph build edges.csv --nodes nodes.csv` names the
/// characters by the table's labels (CRLF and CR line ends, no final newline,
/// a repeated id), and the saved graph records the table.
#[test]
fn cli_edge_list_with_a_node_table_is_labelled() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let edges = graphs("got-style-edges.csv");
    for table in ["got-style-nodes.csv", "got-style-nodes-cr.csv"] {
        let bytes = std::fs::read(graphs(table)).unwrap();
        assert!(
            !bytes.ends_with(b"\n") && bytes.contains(&b'\r'),
            "{table} lost its line ends"
        );
        let nodes = graphs(table);
        let out = Command::new(assert_cmd::cargo::cargo_bin("graph"))
            .current_dir(d)
            .args(["build", edges.to_str().unwrap(), "--nodes", nodes.to_str().unwrap()])
            .args(["-o", "got.json"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("--nodes"), "the summary names the table: {stdout}");
        assert!(
            stderr.contains("line 8: `BENJEN` is not an id of the node table; it is named by its id"),
            "{stderr}"
        );
        assert!(
            stderr.contains("1 character of the node table ('Hodor') is in no edge"),
            "{stderr}"
        );
        let (characters, ties) = saved(&d.join("got.json"));
        let names: Vec<(&str, u64)> = characters
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["name"].as_str().unwrap(), c["scenes"].as_u64().unwrap()))
            .collect();
        assert_eq!(
            names,
            [
                ("Ned", 4),
                ("Robert", 3),
                ("Catelyn", 2),
                ("Arya", 2),
                ("Sansa", 1),
                ("Jon", 1),
                ("BENJEN", 1),
                ("Hodor", 0)
            ],
            "{table}"
        );
        // Ned–Robert twice (12 + 1, in either order) is one tie of 2 rows.
        assert_eq!(ties["weight"], serde_json::json!([13, 8, 5, 3, 2, 4]));
        assert_eq!(ties["scenes"], serde_json::json!([2, 1, 1, 1, 1, 1]));
        let file: Value = serde_json::from_slice(&std::fs::read(d.join("got.json")).unwrap()).unwrap();
        assert_eq!(file["build"]["nodes"], serde_json::json!([nodes.to_str().unwrap()]));
    }
}

fn build(path: &Path) -> CastGraph {
    castgraph::build::from_files(&[path.to_path_buf()], &BuildOptions::default())
        .unwrap()
        .0
}

/// Everything a round trip must keep: characters (name, scenes, group) in
/// order, ties (ends, weight, scenes) in order.
type Shape = (Vec<(String, u64, bool)>, Vec<(usize, usize, f64, u64)>);

fn shape(g: &CastGraph) -> Shape {
    (
        g.characters().map(|c| (c.name.clone(), c.scenes, c.group)).collect(),
        g.ties().map(|(a, b, t)| (a, b, t.weight, t.scenes)).collect(),
    )
}

fn write(path: &Path, f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) {
    let mut buf = Vec::new();
    f(&mut buf).unwrap();
    std::fs::write(path, buf).unwrap();
}

/// Every centrality value of every character, in both distance modes.
fn central(g: &CastGraph) -> Vec<Vec<u64>> {
    [Distance::Inverse, Distance::Hops]
        .into_iter()
        .flat_map(|distance| {
            let scores = Scores::compute(
                g,
                &CentralityOptions {
                    distance,
                    ..CentralityOptions::default()
                },
            );
            (0..g.character_count())
                .map(move |id| Measure::ALL.iter().map(|&m| scores.value(m, id).to_bits()).collect())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_export_of_every_fixture_builds_back_to_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in [
        "data/s1.csv",
        "tests/fixtures/lesmis.csv",
        "tests/fixtures/davis.csv",
        "tests/fixtures/disconnected.csv",
        "tests/fixtures/generated.csv",
        "tests/fixtures/tie.csv",
        "tests/fixtures/inputs/torture.csv",
        "tests/fixtures/tei/play.xml",
    ] {
        let g = build(&repo(fixture));
        let scores = Scores::compute(&g, &CentralityOptions::default());
        let communities = castgraph::analysis::community::detect(&g, &Default::default()).unwrap();
        let data = NodeData {
            scores: &scores,
            communities: Some(&communities.membership),
            wording: &common::Flags,
        };
        let want = shape(&g);
        let want_central = central(&g);
        let files = [
            ("export.graphml", "GraphML"),
            ("export.gexf", "GEXF"),
            ("export.json", "node-link JSON"),
        ];
        write(&dir.path().join(files[0].0), |w| output::graphml::write(&g, &data, w));
        write(&dir.path().join(files[1].0), |w| output::gexf::write(&g, &data, w));
        write(&dir.path().join(files[2].0), |w| output::json::write(&g, &data, w));
        for (file, format) in files {
            let back = build(&dir.path().join(file));
            assert_eq!(shape(&back), want, "{fixture} through {file}");
            assert_eq!(central(&back), want_central, "{fixture} through {file}: central values");
            let source = &back.sources()[0];
            assert_eq!(
                source.format.to_string(),
                format!("{format}; scene counts from the file")
            );
            assert_eq!(
                source.scenes_read,
                g.tie_count() as u64,
                "{fixture}: one record per edge"
            );
        }
    }
}

/// The ties as {(name, name) sorted: (weight, scenes)}.
fn ties(g: &CastGraph) -> BTreeMap<(String, String), (f64, u64)> {
    g.ties()
        .map(|(a, b, t)| {
            let (x, y) = (g.character(a).name.clone(), g.character(b).name.clone());
            (if x < y { (x, y) } else { (y, x) }, (t.weight, t.scenes))
        })
        .collect()
}

fn names(g: &CastGraph) -> Vec<(&str, u64)> {
    g.characters().map(|c| (c.name.as_str(), c.scenes)).collect()
}

fn tie(a: &str, b: &str, weight: f64, scenes: u64) -> ((String, String), (f64, u64)) {
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    ((x.to_string(), y.to_string()), (weight, scenes))
}

#[test]
fn networkx_graphml_with_label_and_weight_keys() {
    let g = build(&graphs("networkx-label-weight.graphml"));
    // Names from the `label` key; scenes counted by edges; Maria has none.
    assert_eq!(names(&g), [("Carly", 2), ("Vanessa", 2), ("Sasha", 2), ("Maria", 0)]);
    assert_eq!(
        ties(&g),
        BTreeMap::from([
            tie("Carly", "Vanessa", 3.0, 1),
            tie("Carly", "Sasha", 1.5, 1),
            tie("Vanessa", "Sasha", 1.0, 1)
        ])
    );
    assert_eq!(
        g.sources()[0].format.to_string(),
        "GraphML; no scene counts: each edge counted as one scene"
    );
}

#[test]
fn gephi_gexf_with_weights_and_a_directed_edge() {
    let g = build(&graphs("gephi.gexf"));
    assert_eq!(
        names(&g),
        [("Maren", 3), ("Oskar", 1), ("Pia", 3), ("Quentin", 1), ("Rune", 0)]
    );
    // Pia→Maren (5) and Maren→Pia (2) are one tie; Quentin–Pia has no weight: 1.
    assert_eq!(
        ties(&g),
        BTreeMap::from([
            tie("Maren", "Oskar", 12.0, 1),
            tie("Maren", "Pia", 7.0, 2),
            tie("Quentin", "Pia", 1.0, 1)
        ])
    );
    assert_eq!(
        g.sources()[0].format.to_string(),
        "GEXF; directed edges read as undirected; no scene counts: each edge counted as one scene"
    );
}

#[test]
fn d3_miserables_style_json() {
    let g = build(&graphs("d3-miserables-style.json"));
    assert_eq!(
        names(&g),
        [
            ("Abbé", 4),
            ("Baker", 1),
            ("Mlle.Coutant", 2),
            ("Mme.Drouet", 2),
            ("Estève", 1)
        ]
    );
    assert_eq!(ties(&g)[&("Abbé".to_string(), "Mme.Drouet".to_string())], (10.0, 1));
    assert_eq!(g.total_weight(), 30.0);
    // d3's numeric `group` is a colour class, not a group of characters.
    assert!(!g.has_groups());
}

#[test]
fn star_wars_style_json_links_by_position() {
    let g = build(&graphs("starwars-style.json"));
    assert_eq!(
        names(&g),
        [
            ("PILOT ONE", 2),
            ("ROBOT", 2),
            ("CAPTAIN", 3),
            ("LOOKOUT", 0),
            ("GUNNER", 1)
        ]
    );
    assert_eq!(
        ties(&g),
        BTreeMap::from([
            tie("ROBOT", "PILOT ONE", 6.0, 1),
            tie("CAPTAIN", "ROBOT", 11.0, 1),
            tie("CAPTAIN", "PILOT ONE", 3.0, 1),
            tie("GUNNER", "CAPTAIN", 2.0, 1)
        ])
    );
    let (components, largest) = g.component_summary();
    assert_eq!((components, largest), (2, 4), "LOOKOUT has no tie");
}

#[test]
fn networkx_edges_key_multigraph_and_directed() {
    let g = build(&graphs("networkx-edges-multigraph.json"));
    assert_eq!(names(&g), [("Rosalind", 2), ("Tomasz", 3), ("DeShawn", 1)]);
    // The two parallel edges are summed.
    assert_eq!(ties(&g)[&("Rosalind".to_string(), "Tomasz".to_string())], (3.0, 2));
    assert!(g.sources()[0].format.directed_rows);
}

#[test]
fn formats_are_detected_by_extension_and_root() {
    use castgraph::InputFormat;
    let dir = tempfile::tempdir().unwrap();
    for (name, text, want) in [
        ("a.xml", "<?xml version='1.0'?>\n<graphml/>", InputFormat::Graphml),
        ("a.xml", "<gexf version='1.3'/>", InputFormat::Gexf),
        ("a.data", "\u{feff} {\"nodes\": []}", InputFormat::Json),
        ("a.GRAPHML", "", InputFormat::Graphml),
        ("a.gexf", "", InputFormat::Gexf),
        ("a.json", "", InputFormat::Json),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        assert_eq!(InputFormat::detect(&path).unwrap(), want, "{name}: {text}");
    }
}

#[test]
fn node_tables_merge_refuse_other_formats_and_are_recorded() {
    let opts = |tables: &[&str]| BuildOptions {
        nodes: tables.iter().map(|t| graphs(t)).collect(),
        ..BuildOptions::default()
    };
    let edges = graphs("got-style-edges.csv");
    // Two tables that agree read as one.
    let (g, report) = castgraph::build::from_files(
        std::slice::from_ref(&edges),
        &opts(&["got-style-nodes.csv", "got-style-nodes-cr.csv"]),
    )
    .unwrap();
    assert_eq!(g.character_count(), 8);
    assert_eq!(g.provenance().nodes.len(), 2);
    assert!(report.warnings.iter().any(|w| w.to_string().contains("Hodor")));
    // --drop-isolated leaves the table's character without edges out.
    let mut dropping = opts(&["got-style-nodes.csv"]);
    dropping.filters.drop_isolated = true;
    let (g, _) = castgraph::build::from_files(std::slice::from_ref(&edges), &dropping).unwrap();
    assert!(g.id_of("Hodor").is_none() && g.id_of("Ned").is_some());
    // The table survives a save and a load.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    castgraph::graph::store::save(&g, &file).unwrap();
    assert_eq!(
        castgraph::graph::store::load(&file).unwrap().provenance(),
        g.provenance()
    );
    // A scene file with a node table is refused, naming the option.
    let e = castgraph::build::from_files(&[repo("data/s1.csv")], &opts(&["got-style-nodes.csv"])).unwrap_err();
    assert!(e.render(&common::Flags).contains("is a wide CSV, and --nodes"), "{e}");
}

/// NetworkX writes graphs in each format (its own writers, pinned 3.6.1);
/// castgraph reads each back to NetworkX's nodes, edges and weights.
#[test]
fn networkx_files_read_as_networkx_reads_them() {
    let python = common::networkx_python("py-graph-inputs");
    let dir = tempfile::tempdir().unwrap();
    let script = r#"
import json, sys
import networkx as nx
out = sys.argv[1]
G = nx.les_miserables_graph()
G.add_node("Lonely")                           # a node without edges
for n in G:
    G.nodes[n]["label"] = n
nx.write_graphml(G, f"{out}/lesmis.graphml")
nx.write_gexf(G, f"{out}/lesmis.gexf")
with open(f"{out}/links.json", "w") as f:
    json.dump(nx.node_link_data(G, edges="links"), f)
with open(f"{out}/edges.json", "w") as f:
    json.dump(nx.node_link_data(G, edges="edges"), f)
view = {"nodes": list(G.nodes), "edges": [[a, b, d["weight"]] for a, b, d in G.edges(data=True)]}
print(json.dumps(view))
"#;
    let out = Command::new(&python)
        .args(["-c", script])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let view: Value = serde_json::from_slice(&out.stdout).unwrap();
    let want_nodes: Vec<&str> = view["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    let want_ties: BTreeMap<(String, String), f64> = view["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let (a, b) = (e[0].as_str().unwrap(), e[1].as_str().unwrap());
            (tie(a, b, 0.0, 0).0, e[2].as_f64().unwrap())
        })
        .collect();
    for file in ["lesmis.graphml", "lesmis.gexf", "links.json", "edges.json"] {
        let g = build(&dir.path().join(file));
        let got_nodes: Vec<&str> = g.characters().map(|c| c.name.as_str()).collect();
        assert_eq!(got_nodes, want_nodes, "{file}");
        let got_ties: BTreeMap<(String, String), f64> = ties(&g).into_iter().map(|(k, (w, _))| (k, w)).collect();
        assert_eq!(got_ties, want_ties, "{file}");
        assert_eq!(g.total_weight(), 820.0, "{file}");
    }
}
