//! `castgraph::build`: formats, names, aliases, filters and weighting.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use castgraph::build::filter::Filters;
use castgraph::build::from_files as build;
use castgraph::input::EpisodeSet;
use castgraph::{BuildOptions, CastGraph, InputFormat, WeightRule};
use common::Flags;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn build_with(files: &[&str], opts: BuildOptions) -> CastGraph {
    let paths: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
    build(&paths, &opts).unwrap().0
}

/// Ties as `{(a, b): weight}` with names sorted within each pair.
fn ties(g: &CastGraph) -> BTreeMap<(String, String), f64> {
    g.ties()
        .map(|(a, b, t)| {
            let (x, y) = (g.character(a).name.clone(), g.character(b).name.clone());
            (if x < y { (x, y) } else { (y, x) }, t.weight)
        })
        .collect()
}

fn names(g: &CastGraph) -> Vec<String> {
    g.characters().map(|c| c.name.clone()).collect()
}

fn scenes_of(g: &CastGraph) -> BTreeMap<String, u64> {
    g.characters().map(|c| (c.name.clone(), c.scenes)).collect()
}

fn tie(g: &CastGraph, a: &str, b: &str) -> Option<f64> {
    let key = if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    };
    ties(g).get(&key).copied()
}

#[test]
fn long_form_builds_exactly_the_wide_graph() {
    let wide = build_with(&["data/s1.csv"], BuildOptions::default());
    let long = build_with(&["tests/fixtures/inputs/s1-long.csv"], BuildOptions::default());
    assert_eq!(long.sources()[0].format, "long CSV");
    assert_eq!(names(&long), names(&wide), "same first-appearance order");
    let wt: Vec<_> = wide.ties().map(|(a, b, t)| (a, b, *t)).collect();
    let lt: Vec<_> = long.ties().map(|(a, b, t)| (a, b, *t)).collect();
    assert_eq!(lt, wt, "same ties in the same order");
    assert_eq!(long.scene_count(), 11);
    // In any row order: the same graph up to order.
    let shuffled = build_with(&["tests/fixtures/inputs/s1-long-shuffled.csv"], BuildOptions::default());
    assert_eq!(ties(&shuffled), ties(&wide));
    assert_eq!(scenes_of(&shuffled), scenes_of(&wide));
}

#[test]
fn formats_are_detected() {
    for (file, format) in [
        ("data/s1.csv", InputFormat::Wide),
        ("tests/fixtures/inputs/s1-long.csv", InputFormat::Long),
        ("tests/fixtures/sgb/jean.dat", InputFormat::Sgb),
        (
            "tests/fixtures/ezlinavis/curb-your-enthusiasm-season-9-2017.txt",
            InputFormat::Ezlinavis,
        ),
    ] {
        assert_eq!(InputFormat::detect(&fixture(file)).unwrap(), format, "{file}");
    }
}

#[test]
fn several_files_merge_into_one_graph() {
    let g = build_with(
        &["data/s1.csv", "tests/fixtures/inputs/season.csv"],
        BuildOptions::default(),
    );
    assert_eq!(g.sources().len(), 2);
    assert_eq!(g.sources()[1].scenes, 7);
    assert_eq!(g.scene_count(), 18);
    assert_eq!(g.character_count(), 10 + 7);
}

#[test]
fn names_are_nfc_normalised_and_spaces_collapsed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("zoe.csv");
    std::fs::write(
        &p,
        "characters\nZoe\u{308};Max\nZo\u{eb};Max  Power\n Zo\u{eb} ;Max   Power\n",
    )
    .unwrap();
    let (g, report) = build(&[p], &BuildOptions::default()).unwrap();
    assert_eq!(names(&g), ["Zo\u{eb}", "Max", "Max Power"]);
    assert_eq!(scenes_of(&g)["Zo\u{eb}"], 3);
    assert_eq!(tie(&g, "Zo\u{eb}", "Max Power"), Some(2.0));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn possible_duplicates_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("d.csv");
    std::fs::write(&p, "characters\nMr Park;Carly\nMr. Park;carly\nJulie\n").unwrap();
    let (_, report) = build(&[p], &BuildOptions::default()).unwrap();
    assert_eq!(
        rendered(&report.warnings),
        [
            "possible duplicates: 'Mr Park' and 'Mr. Park' (merge them with --aliases if they are one character)",
            "possible duplicates: 'Carly' and 'carly' (merge them with --aliases if they are one character)",
        ]
    );
}

#[test]
fn aliases_merge_names_before_pairs_are_counted_and_can_be_scoped() {
    let opts = BuildOptions {
        aliases: Some(fixture("tests/fixtures/inputs/aliases.csv")),
        ..BuildOptions::default()
    };
    let paths = [fixture("tests/fixtures/inputs/season.csv")];
    let (g, report) = build(&paths, &opts).unwrap();
    // "Ann;Annie" is one person in one scene: no self-tie, one scene.
    assert!(!names(&g).contains(&"Annie".to_string()));
    assert_eq!(scenes_of(&g)["Ann"], 4);
    // Fay is Eve only in episode 3.
    assert!(!names(&g).contains(&"Fay".to_string()));
    assert_eq!(tie(&g, "Bob", "Eve"), Some(2.0));
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(
        report.warnings[0]
            .render(&Flags)
            .ends_with("aliases.csv: line 4: alias `Zed` was never used"),
        "{:?}",
        report.warnings
    );

    // Scoped to another episode, the alias does not apply.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    std::fs::write(&a, "alias,name,episodes\nFay,Eve,1-2\n").unwrap();
    let opts = BuildOptions {
        aliases: Some(a),
        ..BuildOptions::default()
    };
    let (g, report) = build(&paths, &opts).unwrap();
    assert!(names(&g).contains(&"Fay".to_string()));
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(
        report.warnings[0]
            .render(&Flags)
            .ends_with("line 2: alias `Fay` was never used"),
        "{:?}",
        report.warnings
    );
}

#[test]
fn episode_and_where_filters() {
    let season = ["tests/fixtures/inputs/season.csv"];
    let filters = Filters {
        episodes: Some(EpisodeSet::parse("1-2").unwrap()),
        ..Filters::default()
    };
    let g = build_with(
        &season,
        BuildOptions {
            filters,
            ..BuildOptions::default()
        },
    );
    assert_eq!(g.scene_count(), 5);
    assert_eq!(g.sources()[0].scenes_read, 7);
    assert!(!names(&g).contains(&"Fay".to_string()));

    let filters = Filters {
        wheres: vec![("season".into(), "2".into())],
        ..Filters::default()
    };
    let g = build_with(
        &season,
        BuildOptions {
            filters,
            ..BuildOptions::default()
        },
    );
    assert_eq!(g.scene_count(), 3);
    assert_eq!(names(&g), ["Ann", "Bob", "Cy", "Dee", "Fay"]);

    let filters = Filters {
        wheres: vec![("season".into(), "1".into()), ("Location".into(), "Kitchen".into())],
        ..Filters::default()
    };
    let g = build_with(
        &season,
        BuildOptions {
            filters,
            ..BuildOptions::default()
        },
    );
    assert_eq!(g.scene_count(), 2);
    assert_eq!(
        g.provenance().options(&Flags),
        ["--where season=1", "--where Location=Kitchen"]
    );

    let filters = Filters {
        wheres: vec![("mood".into(), "dark".into())],
        ..Filters::default()
    };
    let err = build(
        &[fixture(season[0])],
        &BuildOptions {
            filters,
            ..BuildOptions::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("no column `mood`"), "{err}");
}

#[test]
fn graph_filters() {
    let season = ["tests/fixtures/inputs/season.csv"];
    let with = |filters: Filters| {
        build_with(
            &season,
            BuildOptions {
                filters,
                ..BuildOptions::default()
            },
        )
    };
    let all = with(Filters::default());
    assert_eq!(names(&all), ["Ann", "Bob", "Cy", "Dee", "Eve", "Annie", "Fay"]);

    let g = with(Filters {
        min_scenes: 2,
        ..Filters::default()
    });
    assert_eq!(names(&g), ["Ann", "Bob", "Cy", "Dee"]);
    assert_eq!(tie(&g, "Ann", "Bob"), Some(3.0));

    let g = with(Filters {
        min_weight: 2.0,
        ..Filters::default()
    });
    assert_eq!(ties(&g).len(), 3, "{:?}", ties(&g)); // Ann–Bob 3, Bob–Cy 2, Cy–Dee 2
    assert_eq!(g.character_count(), 7, "characters stay");

    let g = with(Filters {
        min_weight: 2.0,
        drop_isolated: true,
        ..Filters::default()
    });
    assert_eq!(names(&g), ["Ann", "Bob", "Cy", "Dee"]);
    assert_eq!(g.provenance().options(&Flags), ["--min-weight 2", "--drop-isolated"]);
}

#[test]
fn weighting_modes() {
    let season = ["tests/fixtures/inputs/season.csv"];
    let newman = build_with(
        &season,
        BuildOptions {
            weight: WeightRule::Newman,
            ..BuildOptions::default()
        },
    );
    // Ann–Bob: scene of 2 (1) + scene of 3 (1/2) + scene of 2 (1).
    assert_eq!(tie(&newman, "Ann", "Bob"), Some(2.5));
    // Cy–Dee: scene of 4 (1/3) + scene of 2 (1).
    assert!((tie(&newman, "Cy", "Dee").unwrap() - 4.0 / 3.0).abs() < 1e-15);
    assert_eq!(newman.provenance().weight.describe(), "newman");

    let minutes = build_with(
        &season,
        BuildOptions {
            weight: WeightRule::Column("minutes".into()),
            ..BuildOptions::default()
        },
    );
    assert_eq!(tie(&minutes, "Ann", "Bob"), Some(3.5 + 2.0 + 2.5));
    assert_eq!(tie(&minutes, "Bob", "Fay"), Some(6.0));
    let scenes: Vec<u64> = minutes.ties().map(|(_, _, t)| t.scenes).collect();
    assert_eq!(scenes[0], 3, "shared scenes are still counted");
}

#[test]
fn bad_weight_values_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    for (value, problem) in [
        ("abc", "holds `abc`, not a number"),
        ("-2", "not a non-negative number"),
        ("", "is empty"),
    ] {
        let p = dir.path().join("w.csv");
        std::fs::write(&p, format!("characters,minutes\nA;B,1\nA;C,{value}\n")).unwrap();
        let opts = BuildOptions {
            weight: WeightRule::Column("minutes".into()),
            ..BuildOptions::default()
        };
        let err = build(&[p], &opts).unwrap_err().to_string();
        assert!(
            err.contains("w.csv: line 3: weight column `minutes`") && err.contains(problem),
            "{err}"
        );
    }
}

#[test]
fn separator_option() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pipe.csv");
    std::fs::write(&p, "characters\nSmith; John|Ann\n").unwrap();
    let opts = BuildOptions {
        separator: Some('|'),
        ..BuildOptions::default()
    };
    let (g, _) = build(&[p], &opts).unwrap();
    assert_eq!(names(&g), ["Smith; John", "Ann"]);
}

#[test]
fn long_format_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (text, problem) in [
        ("character,episode\nA,1\n", "line 1: no `scene` column"),
        ("scene,who\n1,A\n", "line 1: no `character` column"),
        ("scene,character\n1,A\n1,\n", "line 3: the `character` field is empty"),
        (
            "scene,character,minutes\n1,A,2\n1,B,3\n",
            "line 3: column `minutes` is `3` here but `2` on line 2",
        ),
        ("scene,character\n", "has a header row but no rows"),
        ("scene,character\n1,A,x\n", "line 2: malformed CSV"),
    ] {
        let p = dir.path().join("long.csv");
        std::fs::write(&p, text).unwrap();
        let opts = BuildOptions {
            format: Some(InputFormat::Long),
            weight: if text.contains("minutes") {
                WeightRule::Column("minutes".into())
            } else {
                WeightRule::Scenes
            },
            ..BuildOptions::default()
        };
        let err = build(&[p], &opts).unwrap_err().to_string();
        assert!(
            err.contains("long.csv") && err.contains(problem),
            "expected {problem:?} in {err}"
        );
    }
}

#[test]
fn control_characters_in_names_are_refused_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.csv");
    std::fs::write(&p, "characters\nA;B\n\"Ann\u{1}ie;B\"\n").unwrap();
    let err = build(&[p], &BuildOptions::default()).unwrap_err().to_string();
    assert!(
        err.contains("c.csv: line 3: the name \"Ann\\u{1}ie\" contains the control character U+0001"),
        "{err}"
    );
    // Line breaks and tabs inside a quoted name are whitespace: collapsed to one space.
    let p = dir.path().join("n.csv");
    std::fs::write(&p, "characters\n\"Mary\nJane;B\tC\"\n").unwrap();
    let (g, _) = build(&[p], &BuildOptions::default()).unwrap();
    assert_eq!(names(&g), ["Mary Jane", "B C"]);
}

/// Messages as the command line prints them.
fn rendered(messages: &[castgraph::util::wording::Message]) -> Vec<String> {
    messages.iter().map(|m| m.render(&Flags)).collect()
}
