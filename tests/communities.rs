//! `graph communities` and `castgraph::analysis::community`: modularity against
//! NetworkX 3.6.1, quality against NetworkX's Louvain, determinism, the
//! guarantees (connected communities, singletons for characters without
//! ties, stable numbering) and the command line.
//!
//! Goldens: `tests/fixtures/golden/<name>.communities.json`, written by
//! `scripts/reference-communities.py` (see its docstring). The modularity of
//! the partitions castgraph finds is checked live: the test exports them as
//! GraphML and NetworkX (in a virtualenv under `target/`) computes
//! `nx.community.modularity` of the `community` attribute it reads back.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use assert_cmd::Command as Cli;
use castgraph::analysis::centrality::{CentralityOptions, Scores};
use castgraph::analysis::community::{self, Communities, CommunityOptions};
use castgraph::output::{self, NodeData};
use castgraph::{BuildOptions, CastGraph, WeightRule};
use serde_json::Value;

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

fn build_with(path: &Path, opts: &BuildOptions) -> CastGraph {
    castgraph::build::from_files(&[path.to_path_buf()], opts).unwrap().0
}

fn build(name: &str) -> CastGraph {
    build_with(&fixture_path(name), &BuildOptions::default())
}

/// Les Misérables from Knuth's `jean.dat`, `--drop-isolated`: NetworkX's `les_miserables_graph()`.
fn jean() -> CastGraph {
    let opts = BuildOptions {
        filters: castgraph::build::filter::Filters {
            drop_isolated: true,
            ..Default::default()
        },
        ..Default::default()
    };
    build_with(&root().join("tests/fixtures/sgb/jean.dat"), &opts)
}

fn golden(name: &str) -> Value {
    let path = root().join(format!("tests/fixtures/golden/{name}.communities.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn opts(resolution: f64, seed: u64) -> CommunityOptions {
    CommunityOptions {
        resolution,
        seed,
        ..CommunityOptions::default()
    }
}

fn detect(g: &CastGraph, o: &CommunityOptions) -> Communities {
    community::detect(g, o).unwrap()
}

/// NetworkX's best Louvain Q over its seeds at `resolution` (None: no ties).
fn nx_best(name: &str, resolution: f64) -> Option<(f64, f64, f64)> {
    let l = &golden(name)["louvain"][format!("{resolution:?}")];
    if l.is_null() {
        return None;
    }
    Some((
        l["min"].as_f64().unwrap(),
        l["mean"].as_f64().unwrap(),
        l["max"].as_f64().unwrap(),
    ))
}

#[test]
fn modularity_equals_networkx_on_the_golden_partitions() {
    for name in FIXTURES {
        let g = build(name);
        let gold = golden(name);
        let parts = gold["partitions"].as_array().unwrap();
        assert!(parts.len() >= 9, "{name}: partitions in the golden");
        for p in parts {
            let r = p["resolution"].as_f64().unwrap();
            let mut labels = vec![usize::MAX; g.character_count()];
            for (i, part) in p["parts"].as_array().unwrap().iter().enumerate() {
                for who in part.as_array().unwrap() {
                    labels[g.id_of(who.as_str().unwrap()).unwrap()] = i;
                }
            }
            assert!(
                labels.iter().all(|&l| l != usize::MAX),
                "{name}: a partition of everyone"
            );
            let ours = community::modularity(&g, &labels, r).unwrap();
            match p["modularity"].as_f64() {
                Some(want) => assert!(
                    (ours - want).abs() <= TOLERANCE,
                    "{name}, {} at resolution {r}: ours {ours}, NetworkX {want}",
                    p["what"]
                ),
                None => assert!(ours.is_nan(), "{name}: no ties, no modularity"),
            }
        }
    }
}

#[test]
fn q_reaches_networkx_louvain_best_over_100_seeds() {
    let mut report = Vec::new();
    for name in FIXTURES {
        let g = build(name);
        for r in [1.0, 0.5, 2.0] {
            let found = detect(&g, &opts(r, community::DEFAULT_SEED));
            let Some((_, _, max)) = nx_best(name, r) else {
                assert!(found.modularity.is_nan());
                continue;
            };
            report.push(format!(
                "{name} r={r}: ours {:.6} NetworkX best {max:.6}",
                found.modularity
            ));
            assert!(
                found.modularity >= max - TOLERANCE,
                "{name} at resolution {r}: Q {} below NetworkX's best Louvain {max}",
                found.modularity
            );
        }
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn les_miserables_beats_networkx_every_seed_we_try() {
    let (min, mean, max) = nx_best("lesmis", 1.0).unwrap();
    assert!(min < mean && mean < max && max > 0.55, "the golden looks wrong");
    for (label, g) in [("lesmis.csv", build("lesmis")), ("jean.dat --drop-isolated", jean())] {
        assert_eq!((g.character_count(), g.tie_count()), (77, 254));
        for seed in 0..20 {
            let q = detect(&g, &opts(1.0, seed)).modularity;
            assert!(
                q >= max - TOLERANCE,
                "{label}, seed {seed}: Q {q} < NetworkX's best {max}"
            );
        }
    }
}

#[test]
fn same_seed_same_partition_whatever_the_thread_count() {
    let g = build("generated");
    let o = opts(1.0, 7);
    let reference = detect(&g, &o);
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let again = pool.install(|| detect(&g, &o));
        assert_eq!(again, reference, "{threads} threads");
    }
    // The seed is used: single runs from different seeds do not all agree.
    let single = |seed| {
        detect(
            &g,
            &CommunityOptions {
                restarts: Some(1),
                ..opts(1.0, seed)
            },
        )
        .membership
    };
    let first = single(0);
    assert!(
        (1..10).any(|s| single(s) != first),
        "every seed gave the same partition"
    );
}

#[test]
fn higher_resolution_gives_more_communities() {
    let g = build("lesmis");
    let counts: Vec<usize> = [0.25, 0.5, 1.0, 2.0, 5.0]
        .iter()
        .map(|&r| detect(&g, &opts(r, 1)).count())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] < w[1]), "counts {counts:?}");
}

/// The guarantees every partition keeps.
fn check_guarantees(label: &str, g: &CastGraph, found: &Communities) {
    let n = g.character_count();
    assert_eq!(found.membership.len(), n, "{label}");
    // Numbered 1..=k, largest first, equal sizes by first-appearing member.
    let k = found.count();
    assert_eq!(found.members.iter().map(Vec::len).sum::<usize>(), n, "{label}");
    let mut first = vec![usize::MAX; k];
    for (id, &c) in found.membership.iter().enumerate() {
        assert!((1..=k).contains(&c), "{label}: community {c} of {k}");
        assert!(found.members[c - 1].contains(&id), "{label}");
        first[c - 1] = first[c - 1].min(id);
    }
    for i in 1..k {
        let (a, b) = (found.members[i - 1].len(), found.members[i].len());
        assert!(
            a > b || (a == b && first[i - 1] < first[i]),
            "{label}: order of {i} and {}",
            i + 1
        );
    }
    // Members by strength, highest first.
    let strength = castgraph::analysis::centrality::degree::strength(g);
    for m in &found.members {
        assert!(m.windows(2).all(|w| strength[w[0]] >= strength[w[1]]), "{label}");
    }
    // Each community is connected; a character without ties is alone.
    let mut adjacency = vec![Vec::new(); n];
    for (a, b, t) in g.ties() {
        if t.weight > 0.0 {
            adjacency[a].push(b);
            adjacency[b].push(a);
        }
    }
    for m in &found.members {
        let c = found.membership[m[0]];
        let mut seen = vec![false; n];
        let mut stack = vec![m[0]];
        seen[m[0]] = true;
        let mut reached = 0;
        while let Some(v) = stack.pop() {
            reached += 1;
            for &u in &adjacency[v] {
                if !seen[u] && found.membership[u] == c {
                    seen[u] = true;
                    stack.push(u);
                }
            }
        }
        assert_eq!(reached, m.len(), "{label}: community {c} is not connected");
    }
    for (id, adj) in adjacency.iter().enumerate() {
        if adj.is_empty() {
            assert_eq!(found.members[found.membership[id] - 1], [id], "{label}: alone");
        }
    }
    // The reported Q is the modularity of the partition.
    let q = community::modularity(g, &found.membership, found.options.resolution).unwrap();
    assert!(q.to_bits() == found.modularity.to_bits() || (q - found.modularity).abs() <= 1e-12);
}

#[test]
fn every_partition_is_connected_numbered_and_ordered() {
    for name in FIXTURES {
        let g = build(name);
        for r in [0.5, 1.0, 2.0, 10.0] {
            for seed in [0, 1, 42] {
                check_guarantees(&format!("{name} r={r} seed={seed}"), &g, &detect(&g, &opts(r, seed)));
            }
        }
    }
    let g = jean();
    check_guarantees("jean", &g, &detect(&g, &CommunityOptions::default()));
}

#[test]
fn a_disconnected_cast() {
    let g = build("disconnected");
    let found = detect(&g, &CommunityOptions::default());
    let comp = g.components();
    for (a, &ca) in found.membership.iter().enumerate() {
        for (b, &cb) in found.membership.iter().enumerate() {
            if ca == cb {
                assert_eq!(comp[a], comp[b], "a community spans two components");
            }
        }
    }
    for who in ["Hal", "Ivy"] {
        let c = found.membership[g.id_of(who).unwrap()];
        assert_eq!(found.members[c - 1].len(), 1, "{who} has no ties: alone");
    }
    let (_, _, max) = nx_best("disconnected", 1.0).unwrap();
    assert!((found.modularity - max).abs() <= TOLERANCE);
}

#[test]
fn no_ties_means_no_modularity() {
    // NetworkX divides by the total weight (ZeroDivisionError); we say NaN.
    let mut one = CastGraph::new();
    one.add_characters(&["Hal"]);
    let found = detect(&one, &CommunityOptions::default());
    assert_eq!(found.membership, [1]);
    assert!(found.modularity.is_nan());
    let mut two = CastGraph::new();
    two.add_characters(&["Hal"]);
    two.add_characters(&["Ivy"]);
    let found = detect(&two, &CommunityOptions::default());
    assert_eq!(found.membership, [1, 2]);
    assert!(found.modularity.is_nan());
    let empty = detect(&CastGraph::new(), &CommunityOptions::default());
    assert_eq!(empty.count(), 0);
    assert!(empty.modularity.is_nan());
    // One tie: everyone together, Q = 1 - 1 = 0 (NetworkX: 0.0).
    let mut pair = CastGraph::new();
    pair.add_characters(&["A", "B"]);
    let found = detect(&pair, &CommunityOptions::default());
    assert_eq!(found.membership, [1, 1]);
    assert_eq!(found.modularity, 0.0);
}

// ---------------------------------------------------------------- NetworkX --

/// A virtualenv with pinned NetworkX, created once per test run (its own
/// directory, so it never races `tests/consumers.rs` creating its own).
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| common::networkx_python("py-communities"))
}

/// NetworkX reads the GraphML and computes the modularity of its `community` attribute.
const NX_MODULARITY: &str = r#"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
parts = {}
for v, d in g.nodes(data=True):
    parts.setdefault(d["community"], set()).add(v)
print(repr(nx.community.modularity(g, parts.values(), weight="weight", resolution=float(sys.argv[2]))))
"#;

#[test]
fn networkx_computes_the_same_q_for_our_partitions() {
    let dir = tempfile::tempdir().unwrap();
    let newman = BuildOptions {
        weight: WeightRule::Newman,
        ..Default::default()
    };
    let cases: Vec<(&str, CastGraph, f64)> = vec![
        ("lesmis", build("lesmis"), 1.0),
        ("lesmis r=2", build("lesmis"), 2.0),
        ("lesmis r=0.5", build("lesmis"), 0.5),
        ("jean --drop-isolated", jean(), 1.0),
        (
            "davis --weight newman",
            build_with(&fixture_path("davis"), &newman),
            1.0,
        ),
        (
            "davis --weight newman r=1.5",
            build_with(&fixture_path("davis"), &newman),
            1.5,
        ),
        ("generated", build("generated"), 1.0),
        ("disconnected", build("disconnected"), 1.0),
        ("s1", build("s1"), 1.0),
    ];
    for (label, g, r) in cases {
        let found = detect(&g, &opts(r, community::DEFAULT_SEED));
        let scores = Scores::compute(&g, &CentralityOptions::default());
        let data = NodeData {
            scores: &scores,
            communities: Some(&found.membership),
            wording: &castgraph::util::wording::Plain,
        };
        let path = dir.path().join("g.graphml");
        let mut buf = Vec::new();
        output::graphml::write(&g, &data, &mut buf).unwrap();
        std::fs::write(&path, buf).unwrap();
        let out = Command::new(python())
            .args(["-c", NX_MODULARITY])
            .arg(&path)
            .arg(r.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{label}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let nx: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        assert!(
            (nx - found.modularity).abs() <= TOLERANCE,
            "{label}: our Q {} vs NetworkX's modularity of our partition {nx}",
            found.modularity
        );
    }
}

// ------------------------------------------------------------ command line --

fn graph_cmd(dir: &Path) -> Cli {
    let mut cmd = Cli::cargo_bin("graph").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// A temporary directory with `g.json` built from `fixture`.
fn built(fixture: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    graph_cmd(dir.path())
        .args(["build", "--quiet", "-o", "g.json"])
        .arg(fixture)
        .assert()
        .success();
    dir
}

fn stdout(cmd: &mut Cli) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cli_every_format_parses_and_agrees() {
    let dir = built(&fixture_path("lesmis"));
    let g = build("lesmis");
    let lib = detect(&g, &CommunityOptions::default());
    let table = stdout(graph_cmd(dir.path()).args(["communities", "--graph", "g.json"]));
    let caption = table.lines().next().unwrap();
    assert!(
        caption.starts_with("Leiden modularity communities, resolution 1, seed 42, best of 10 runs: Q = 0.5667"),
        "{caption}"
    );
    assert!(caption.contains(&format!("{} communities", lib.count())), "{caption}");
    assert!(table.contains("Valjean"), "{table}");

    let json: Value = serde_json::from_str(&stdout(graph_cmd(dir.path()).args([
        "communities",
        "--graph",
        "g.json",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["modularity"].as_f64(), Some(lib.modularity));
    assert_eq!(json["seed"], 42);
    assert_eq!(json["resolution"].as_f64(), Some(1.0));
    let communities = json["communities"].as_array().unwrap();
    assert_eq!(communities.len(), lib.count());
    for (i, c) in communities.iter().enumerate() {
        assert_eq!(c["community"], i + 1);
        let names: Vec<&str> = c["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(c["size"], names.len());
        for who in names {
            assert_eq!(lib.membership[g.id_of(who).unwrap()], i + 1);
        }
    }

    let csv = stdout(graph_cmd(dir.path()).args(["communities", "--graph", "g.json", "--format", "csv"]));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "community",
            "character",
            "scenes",
            "degree",
            "strength",
            "internal_strength"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 77);
    for row in &rows {
        let c: usize = row[0].parse().unwrap();
        assert_eq!(lib.membership[g.id_of(&row[1]).unwrap()], c);
        let s: f64 = row[4].parse().unwrap();
        let inside: f64 = row[5].parse().unwrap();
        assert!(inside <= s);
    }
}

#[test]
fn cli_export_carries_the_same_communities() {
    let dir = built(&fixture_path("lesmis"));
    for (communities_args, export_args) in [
        (vec![], vec![]),
        (
            vec!["--seed", "3", "--resolution", "2"],
            vec!["--community-seed", "3", "--resolution", "2"],
        ),
    ] {
        let json: Value = serde_json::from_str(&stdout(
            graph_cmd(dir.path())
                .args(["communities", "--graph", "g.json", "--format", "json"])
                .args(&communities_args),
        ))
        .unwrap();
        let mut want = HashMap::new();
        for c in json["communities"].as_array().unwrap() {
            for who in c["members"].as_array().unwrap() {
                want.insert(who.as_str().unwrap().to_string(), c["community"].as_u64().unwrap());
            }
        }
        let export: Value = serde_json::from_str(&stdout(
            graph_cmd(dir.path())
                .args(["export", "--json", "--graph", "g.json"])
                .args(&export_args),
        ))
        .unwrap();
        let nodes = export["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), want.len());
        for node in nodes {
            assert_eq!(
                node["community"].as_u64(),
                Some(want[node["id"].as_str().unwrap()]),
                "{export_args:?}"
            );
        }
        let nodes_csv = stdout(
            graph_cmd(dir.path())
                .args(["export", "--csv", "--nodes", "--graph", "g.json"])
                .args(&export_args),
        );
        assert!(nodes_csv.lines().next().unwrap().ends_with(",Community"));
    }
    // DOT and HTML colour by community; --no-communities leaves them out.
    let dot = stdout(graph_cmd(dir.path()).args(["export", "--dot", "--graph", "g.json"]));
    assert!(dot.contains("community=\"1\", fillcolor="), "{dot}");
    let html = stdout(graph_cmd(dir.path()).args(["export", "--html", "--graph", "g.json"]));
    assert!(html.contains(r#""colour_by":"community""#));
    let plain = stdout(graph_cmd(dir.path()).args(["export", "--json", "--graph", "g.json", "--no-communities"]));
    assert!(!plain.contains("\"community\""));
}

#[test]
fn cli_no_ties_says_q_is_undefined() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one.csv"), "scene,characters\n1,Hal\n").unwrap();
    graph_cmd(dir.path())
        .args(["build", "--quiet", "-o", "g.json", "one.csv"])
        .assert()
        .success();
    let table = stdout(graph_cmd(dir.path()).args(["communities", "--graph", "g.json"]));
    assert!(table.contains("Q undefined (no ties), 1 community"), "{table}");
    let json: Value = serde_json::from_str(&stdout(graph_cmd(dir.path()).args([
        "communities",
        "--graph",
        "g.json",
        "--format",
        "json",
    ])))
    .unwrap();
    assert!(json["modularity"].is_null());
    assert_eq!(json["communities"][0]["members"][0], "Hal");
}

#[test]
fn cli_errors_are_one_line() {
    let dir = built(&fixture_path("tie"));
    for args in [
        vec!["communities", "--graph", "missing.json"],
        vec!["communities", "--graph", "g.json", "--resolution=0"],
        vec!["communities", "--graph", "g.json", "--resolution=-1"],
        vec!["export", "--dot", "--graph", "g.json", "--resolution=nan"],
    ] {
        let out = graph_cmd(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: ") && !err.contains("panicked"), "{err}");
    }
    std::fs::write(dir.path().join("bad.json"), "{not json").unwrap();
    let out = graph_cmd(dir.path())
        .args(["communities", "--graph", "bad.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    graph_cmd(dir.path())
        .args(["communities", "--graph", "g.json", "--restarts", "0"])
        .assert()
        .code(2);
}
