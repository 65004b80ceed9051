//! The edge-list reader (`Source,Target[,Weight]`, Gephi's edge table): how
//! rows map to ties, and that castgraph's own `graph export --csv` edge table
//! reads back to the same graph.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use castgraph::analysis::centrality::{CentralityOptions, Measure, Scores};
use castgraph::build::filter::Filters;
use castgraph::input::EpisodeSet;
use castgraph::{BuildOptions, CastGraph, InputFormat};

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn build(path: &Path, opts: &BuildOptions) -> CastGraph {
    castgraph::build::from_files(&[path.to_path_buf()], opts).unwrap().0
}

/// The ties as {(name, name) sorted: weight}.
fn ties(g: &CastGraph) -> BTreeMap<(String, String), f64> {
    g.ties()
        .map(|(a, b, t)| {
            let (x, y) = (g.character(a).name.clone(), g.character(b).name.clone());
            (if x < y { (x, y) } else { (y, x) }, t.weight)
        })
        .collect()
}

fn seasons() -> PathBuf {
    repo("tests/fixtures/inputs/edges-seasons.csv")
}

#[test]
fn detected_from_the_header() {
    assert_eq!(InputFormat::detect(&seasons()).unwrap(), InputFormat::Edgelist);
    assert_eq!(
        InputFormat::detect(&repo("tests/fixtures/davis.csv")).unwrap(),
        InputFormat::Wide
    );
}

#[test]
fn rows_are_summed_and_counted() {
    let g = build(&seasons(), &BuildOptions::default());
    let t = ties(&g);
    let pair = |a: &str, b: &str| t[&(a.to_string(), b.to_string())];
    // Anna,Ben 5 (s1) + Ben,Anna 2 (s1, reversed) + Anna,Ben 4 (s2).
    assert_eq!(pair("Anna", "Ben"), 11.0);
    // Cleo,Dan 6 + 1, both in season 2.
    assert_eq!(pair("Cleo", "Dan"), 7.0);
    // Eve,Finn (s2) and Finn,Eve (s3) are one tie too.
    assert_eq!(g.tie_count(), 8);
    assert_eq!(pair("Eve", "Finn"), 7.0);
    assert_eq!(g.total_weight(), 38.0);
    let anna = g.id_of("Anna").unwrap();
    // Anna is in 5 rows; the Anna-Ben tie in 3.
    assert_eq!(g.character(anna).scenes, 5);
    let ben = g.id_of("Ben").unwrap();
    let tie = g.neighbours(anna).find(|(o, _)| *o == ben).unwrap().1;
    assert_eq!(tie.scenes, 3);
    assert_eq!(g.sources()[0].format, "edge list");
    assert_eq!(g.sources()[0].scenes, 14);
}

#[test]
fn extra_columns_filter_and_season_is_the_episode() {
    let filters = |f: Filters| BuildOptions {
        filters: f,
        ..BuildOptions::default()
    };
    let s2 = build(
        &seasons(),
        &filters(Filters {
            wheres: vec![("season".into(), "2".into())],
            ..Filters::default()
        }),
    );
    assert_eq!(s2.total_weight(), 14.0);
    let s1to2 = build(
        &seasons(),
        &filters(Filters {
            episodes: Some(EpisodeSet::parse("1-2").unwrap()),
            ..Filters::default()
        }),
    );
    assert_eq!(s1to2.total_weight(), 27.0);
    // --weight column:NAME takes another column: here Season, as a number.
    let by_season = build(
        &seasons(),
        &BuildOptions {
            weight: castgraph::WeightRule::Column("Season".into()),
            ..BuildOptions::default()
        },
    );
    assert_eq!(by_season.total_weight(), 1.0 * 5.0 + 2.0 * 5.0 + 3.0 * 4.0);
}

#[test]
fn directed_rows_are_read_as_undirected_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.csv");
    std::fs::write(
        &path,
        "Source,Target,Type,Weight\nA,B,Directed,2\nB,A,Directed,3\nB,C,Undirected,1\n",
    )
    .unwrap();
    let g = build(&path, &BuildOptions::default());
    assert_eq!(ties(&g)[&("A".to_string(), "B".to_string())], 5.0);
    assert_eq!(g.sources()[0].format, castgraph::input::edgelist::FORMAT_DIRECTED);
}

/// Builds `fixture`, writes its edge table as `graph export --csv` does,
/// reads that back as an edge list and compares.
fn round_trip(fixture: &str) {
    let original = build(&repo(fixture), &BuildOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("edges.csv");
    let mut bytes = Vec::new();
    castgraph::output::csv::write_edges(&original, &mut bytes).unwrap();
    std::fs::write(&edges, &bytes).unwrap();
    let back = build(&edges, &BuildOptions::default());
    assert_eq!(ties(&back), ties(&original), "{fixture}: the same ties and weights");
    // Characters without ties are not in an edge table.
    let linked = original.filtered(
        {
            let d = original.degrees();
            move |id, _| d[id] > 0
        },
        |_| true,
    );
    assert_eq!(back.character_count(), linked.character_count());
    for opts in [
        CentralityOptions::default(),
        CentralityOptions {
            distance: castgraph::analysis::centrality::Distance::Hops,
            sample: None,
            ..Default::default()
        },
    ] {
        let (a, b) = (Scores::compute(&linked, &opts), Scores::compute(&back, &opts));
        for (id, c) in linked.characters().enumerate() {
            let other = back.id_of(&c.name).unwrap();
            for m in Measure::ALL {
                let (x, y) = (a.value(m, id), b.value(m, other));
                assert!(
                    (x - y).abs() <= 1e-12 * x.abs().max(1.0),
                    "{fixture}: {} of {}: {x} vs {y}",
                    m.name(),
                    c.name
                );
            }
        }
    }
}

#[test]
fn own_edge_table_reads_back_to_the_same_graph() {
    for fixture in [
        "tests/fixtures/lesmis.csv",
        "tests/fixtures/davis.csv",
        "tests/fixtures/disconnected.csv",
        "tests/fixtures/inputs/torture.csv",
    ] {
        round_trip(fixture);
    }
}

#[test]
fn cli_round_trip_through_export_csv() {
    let dir = tempfile::tempdir().unwrap();
    let graph = |args: &[&str]| {
        let out = Command::new(assert_cmd::cargo::cargo_bin("graph"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let davis = repo("tests/fixtures/davis.csv");
    graph(&["build", davis.to_str().unwrap(), "-o", "a.json", "--quiet"]);
    graph(&["export", "--graph", "a.json", "--csv", "-o", "edges.csv"]);
    let summary = graph(&["build", "edges.csv", "-o", "b.json"]);
    assert!(
        summary.starts_with("Read 139 rows from edges.csv (edge list)."),
        "{summary}"
    );
    let central = |g: &str| graph(&["central", "--graph", g, "--top", "0", "--format", "csv"]);
    // Same values; only the `scenes` column differs (rows of the edge table).
    let strip = |s: String| -> Vec<String> {
        s.lines()
            .map(|l| {
                let mut f: Vec<&str> = l.split(',').collect();
                f.remove(2);
                f.join(",")
            })
            .collect()
    };
    assert_eq!(strip(central("a.json")), strip(central("b.json")));
}

#[test]
fn weight_zero_pairs_get_no_tie_and_the_graph_saves_and_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zero.csv");
    std::fs::write(&path, "Source,Target,Weight\nA,B,0\nB,C,2\nC,A,0\nA,C,0\n").unwrap();
    let (g, report) = castgraph::build::from_files(std::slice::from_ref(&path), &BuildOptions::default()).unwrap();
    let names: Vec<&str> = g.characters().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C"], "characters stay");
    assert_eq!(
        ties(&g).into_iter().collect::<Vec<_>>(),
        [(("B".into(), "C".into()), 2.0)]
    );
    assert!(
        report
            .warnings
            .contains(&"2 pairs share only scenes of weight 0; they get no tie".into()),
        "{:?}",
        report.warnings
    );
    let file = dir.path().join("g.json");
    castgraph::graph::store::save(&g, &file).unwrap();
    let back = castgraph::graph::store::load(&file).unwrap();
    assert_eq!(ties(&back), ties(&g));
    let scores = Scores::compute(&back, &CentralityOptions::default());
    assert!((0..3).all(|id| scores.value(Measure::Pagerank, id).is_finite()));
}
