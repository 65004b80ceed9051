//! TEI drama: DraCor's rules on small plays written for these tests (one
//! rule each), DraCor's own test vector, and hostile XML.

mod common;

use std::path::PathBuf;

use castgraph::CastGraph;
use castgraph::analysis::centrality::{CentralityOptions, Distance, Scores};
use castgraph::analysis::stats::GraphStats;
use castgraph::build::{BuildOptions, from_files};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tei")
        .join(name)
}

fn unweighted_hops() -> CentralityOptions {
    CentralityOptions {
        distance: Distance::Hops,
        sample: None,
        unweighted: true,
        ..Default::default()
    }
}

/// DraCor's metrics service documents this vector (dracor-metrics README and
/// tests): segments [a, b, c] and [a, d].
#[test]
fn dracor_test_vector() {
    let g = CastGraph::from_scenes([&["a", "b", "c"][..], &["a", "d"]]);
    let s = GraphStats::compute(&g);
    assert!((s.density - 0.6666666666666666).abs() < 1e-12);
    assert!((s.average_clustering - 0.5833333333333333).abs() < 1e-12);
    assert_eq!(s.diameter, 2);
    assert!((s.average_path_length - 1.3333333333333333).abs() < 1e-12);
    assert_eq!(
        (s.max_degree, s.max_degree_characters.as_slice()),
        (3, &["a".to_string()][..])
    );
    assert_eq!(s.average_degree, 2.0);
    let scores = Scores::compute(&g, &unweighted_hops());
    let a = g.id_of("a").unwrap();
    assert!((scores.betweenness[a] - 0.6666666666666666).abs() < 1e-12);
    assert_eq!(scores.closeness[a], 1.0);
    assert!(
        (scores.eigenvector[a] - 0.6116286437343044).abs() < 1e-12,
        "{}",
        scores.eigenvector[a]
    );
    let (b, d) = (g.id_of("b").unwrap(), g.id_of("d").unwrap());
    assert!((scores.eigenvector[b] - 0.5227204550943347).abs() < 1e-12);
    assert!((scores.eigenvector[d] - 0.28184579793865727).abs() < 1e-12);
    assert!((scores.closeness[b] - 0.75).abs() < 1e-12 && (scores.closeness[d] - 0.6).abs() < 1e-12);
}

#[test]
fn one_character_has_eigenvector_one_unweighted() {
    let g = CastGraph::from_scenes([&["a"][..]]);
    let scores = Scores::compute(&g, &unweighted_hops());
    assert_eq!(scores.eigenvector[0], 1.0);
}

fn build(name: &str, opts: &BuildOptions) -> CastGraph {
    from_files(&[fixture(name)], opts).unwrap().0
}

fn names(g: &CastGraph) -> Vec<&str> {
    g.characters().map(|c| c.name.as_str()).collect()
}

fn tie(g: &CastGraph, a: &str, b: &str) -> Option<f64> {
    let (a, b) = (g.id_of(a)?, g.id_of(b)?);
    g.neighbours(a).find(|(o, _)| *o == b).map(|(_, t)| t.weight)
}

#[test]
fn a_play_builds_by_dracor_rules() {
    let (g, report) = from_files(&[fixture("play.xml")], &BuildOptions::default()).unwrap();
    // Four segments: three scenes of act one (one empty) and one of act two.
    assert_eq!(g.sources()[0].scenes_read, 4);
    assert_eq!(g.sources()[0].format.to_string(), "TEI drama");
    // Cast-list names; two characters called Cal stay two; `dora` is not in
    // the cast list and keeps her id.
    assert_eq!(
        names(&g),
        ["Ada", "Ben Keel", "Cal (cal2)", "Gulls", "dora", "Cal (cal)"]
    );
    assert_eq!(g.tie_count(), 5);
    assert_eq!(tie(&g, "Ada", "Ben Keel"), Some(1.0));
    assert_eq!(tie(&g, "Ben Keel", "Cal (cal)"), Some(1.0));
    // The group is marked; the stage direction's @who does not count by default.
    let groups: Vec<&str> = g.characters().filter(|c| c.group).map(|c| c.name.as_str()).collect();
    assert_eq!(groups, ["Gulls"]);
    assert_eq!(tie(&g, "Ada", "Cal (cal)"), None);
    // Act and scene labels are the episode and scene of each listed scene.
    let list = g.scene_list().unwrap();
    let labels: Vec<(Option<&str>, Option<&str>)> = list.iter().map(|s| (s.episode, s.scene)).collect();
    assert_eq!(
        labels,
        [
            (Some("Act One"), Some("The lamp room")),
            (Some("Act One"), Some("3")),
            (Some("Act Two"), Some("Morning"))
        ]
    );
    // The empty scene is said.
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.to_string().contains("1 scene lists nobody"))
    );
}

#[test]
fn presence_stage_groups_and_ids() {
    let stage = BuildOptions {
        presence: castgraph::input::Presence::Stage,
        ..BuildOptions::default()
    };
    let g = build("play.xml", &stage);
    assert_eq!(tie(&g, "Ada", "Cal (cal)"), Some(1.0));
    assert_eq!(tie(&g, "Ben Keel", "Cal (cal)"), Some(2.0));
    let no_groups = BuildOptions {
        no_groups: true,
        names: castgraph::input::NameStyle::Id,
        ..BuildOptions::default()
    };
    let g = build("play.xml", &no_groups);
    assert_eq!(names(&g), ["ada", "ben", "cal2", "dora", "cal"]);
    assert!(!g.has_groups());
}

#[test]
fn the_group_mark_survives_the_graph_file() {
    let g = build("play.xml", &BuildOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.json");
    castgraph::graph::store::save(&g, &file).unwrap();
    let back = castgraph::graph::store::load(&file).unwrap();
    assert!(back.character(back.id_of("Gulls").unwrap()).group);
    assert!(!back.character(back.id_of("Ada").unwrap()).group);
}

#[test]
fn hostile_xml_is_refused_with_file_line_and_column() {
    for (name, line, what) in [
        ("billion-laughs.xml", 2, "DOCTYPE"),
        ("external-entity.xml", 2, "DOCTYPE"),
        ("malformed.xml", 7, "malformed XML"),
    ] {
        let started = std::time::Instant::now();
        let err = from_files(&[fixture(name)], &BuildOptions::default()).unwrap_err();
        let text = err.render(&common::Flags);
        assert!(text.contains(name), "{text}");
        assert!(text.contains(&format!(": line {line}, column ")), "{text}");
        assert!(text.contains(what), "{text}");
        assert!(!text.contains("root:"), "{text}");
        assert!(started.elapsed().as_secs() < 2, "{name} took {:?}", started.elapsed());
    }
}
