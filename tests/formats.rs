//! The Stanford GraphBase (`.dat`) and ezlinavis (`.txt`) readers against
//! reference networks in `tests/fixtures/sgb/` and `tests/fixtures/ezlinavis/`
//! (origins and derivations in the README of each folder), plus every
//! malformed-input case on small inline files.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use castgraph::input::{ReadOptions, ReadSummary, Scene, SgbScene, ezlinavis, sgb};
use castgraph::{CastGraph, Error};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// An owned copy of a scene, for assertions.
#[derive(Debug, Clone, PartialEq)]
struct Owned {
    line: u64,
    episode: Option<String>,
    scene: Option<String>,
    characters: Vec<String>,
    columns: Vec<Option<String>>,
}

impl Owned {
    fn of(s: &Scene<'_>) -> Self {
        Owned {
            line: s.line,
            episode: s.episode.map(String::from),
            scene: s.scene.map(String::from),
            characters: s.characters.iter().map(|c| c.to_string()).collect(),
            columns: s.columns.iter().map(|c| c.map(String::from)).collect(),
        }
    }
}

fn scene(line: u64, episode: Option<&str>, scene: Option<&str>, characters: &[&str]) -> Owned {
    Owned {
        line,
        episode: episode.map(String::from),
        scene: scene.map(String::from),
        characters: characters.iter().map(|c| c.to_string()).collect(),
        columns: Vec::new(),
    }
}

type Edges = BTreeMap<(String, String), f64>;

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

fn edges_of(g: &CastGraph) -> Edges {
    g.ties()
        .map(|(a, b, tie)| (pair(&g.character(a).name, &g.character(b).name), tie.weight))
        .collect()
}

/// Reads an expected-edges CSV, mapping its labels with `name`.
fn expected_edges(rel: &str, name: impl Fn(&str) -> String) -> Edges {
    let mut r = csv::Reader::from_path(fixture(rel)).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |want: &str| headers.iter().position(|h| h == want).unwrap();
    let (s, t, w) = (col("Source"), col("Target"), col("Weight"));
    let mut out = Edges::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let key = pair(&name(&rec[s]), &name(&rec[t]));
        let weight: f64 = rec[w].parse().unwrap();
        assert!(
            out.insert(key.clone(), weight).is_none(),
            "{rel}: pair {key:?} listed twice"
        );
    }
    out
}

fn assert_same_edges(got: &Edges, want: &Edges) {
    for (k, w) in want {
        assert_eq!(got.get(k), Some(w), "edge {k:?}");
    }
    for (k, w) in got {
        assert!(want.contains_key(k), "unexpected edge {k:?} weight {w}");
    }
}

/// Les Misérables labels (Newman's, or the code where there is none) → the
/// decoded `jean.dat` name.
fn lesmis_names() -> HashMap<String, String> {
    let mut r = csv::Reader::from_path(fixture("sgb/lesmis-characters.csv")).unwrap();
    let mut map = HashMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let name = sgb::decode_tex(&rec[2]);
        map.insert(rec[0].to_string(), name.clone());
        if !rec[1].is_empty() {
            map.insert(rec[1].to_string(), name);
        }
    }
    assert_eq!(map.values().collect::<std::collections::HashSet<_>>().len(), 80);
    map
}

fn build_sgb(rel: &str, mode: SgbScene) -> (CastGraph, ReadSummary) {
    let opts = ReadOptions {
        sgb_scene: mode,
        ..ReadOptions::default()
    };
    let mut g = CastGraph::new();
    let summary = sgb::read_path(&fixture(rel), &opts, |s| g.add_characters(s.characters)).unwrap();
    (g, summary)
}

fn build_ezlinavis(rel: &str) -> (CastGraph, ReadSummary) {
    let mut g = CastGraph::new();
    let summary = ezlinavis::read_path(&fixture(rel), &ReadOptions::default(), |s| {
        g.add_characters(s.characters)
    })
    .unwrap();
    (g, summary)
}

// ---------------------------------------------------------------- SGB files

#[test]
fn jean_dat_is_knuths_file_unchanged() {
    // Its licence forbids changes; the numbers below depend on it too.
    let bytes = std::fs::read(fixture("sgb/jean.dat")).unwrap();
    assert_eq!(bytes.len(), 8469);
    assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 442);
    assert!(bytes.starts_with(b"* File \"jean.dat\" from the Stanford GraphBase (C) 1993 Stanford University\n"));
}

#[test]
fn jean_groups_reproduce_newmans_les_miserables() {
    let (g, summary) = build_sgb("sgb/jean.dat", SgbScene::Group);
    assert_eq!(summary.format, "Stanford GraphBase book");
    assert_eq!(summary.scenes, 402);
    assert_eq!(g.character_count(), 80);
    assert_eq!(g.tie_count(), 254);
    assert_eq!(g.total_weight(), 820.0);

    let names = lesmis_names();
    let myriel = g.id_of("Monsieur Charles François Bienvenu Myriel").unwrap();
    let baptistine = g.id_of("Mademoiselle Baptistine").unwrap();
    let tie = g.neighbours(myriel).find(|(other, _)| *other == baptistine).unwrap().1;
    assert_eq!(tie.weight, 8.0);

    let want = expected_edges("sgb/lesmis-edges-newman.csv", |label| names[label].clone());
    assert_eq!(want.len(), 254);
    assert_same_edges(&edges_of(&g), &want);
}

#[test]
fn jean_chapters_count_a_pair_once_per_chapter() {
    let (g, summary) = build_sgb("sgb/jean.dat", SgbScene::Chapter);
    assert_eq!(summary.scenes, 356);
    assert_eq!(g.character_count(), 80);
    assert_eq!(g.tie_count(), 321);
    assert_eq!(g.total_weight(), 986.0);

    let names = lesmis_names();
    let want = expected_edges("sgb/lesmis-edges-chapter-any-group.csv", |label| names[label].clone());
    assert_same_edges(&edges_of(&g), &want);

    let (groups, _) = build_sgb("sgb/jean.dat", SgbScene::Group);
    assert_ne!(edges_of(&groups), edges_of(&g));
}

#[test]
fn jean_names_are_decoded_from_tex() {
    let (g, _) = build_sgb("sgb/jean.dat", SgbScene::Group);
    for name in [
        "Thénardier",
        "Madame Thénardier",
        "Félix Tholomyès",
        "Countess de Lô",
        "Sister Perpétue",
        "Géborand",
    ] {
        assert!(g.id_of(name).is_some(), "{name}");
    }
    assert!(g.characters().all(|c| !c.name.contains(['\\', '{', '}'])));
}

#[test]
fn jean_first_scenes_and_lines() {
    let mut got = Vec::new();
    let opts = ReadOptions::default();
    sgb::read_path(&fixture("sgb/jean.dat"), &opts, |s| got.push(Owned::of(&s))).unwrap();
    let myriel = "Monsieur Charles François Bienvenu Myriel";
    assert_eq!(got[0], scene(86, Some("1.1.1"), Some("1"), &[myriel, "Napoleon"]));
    assert_eq!(
        got[1],
        scene(86, Some("1.1.1"), Some("2"), &[myriel, "Mademoiselle Baptistine"])
    );
    assert_eq!(
        got[2],
        scene(87, Some("1.1.2"), Some("1"), &[myriel, "Madame Magloire"])
    );
    let last = got.last().unwrap();
    assert_eq!(
        last,
        &scene(440, Some("5.9.5"), Some("1"), &["Jean Valjean", "Cosette", "Marius"])
    );

    let mut chapters = Vec::new();
    let opts = ReadOptions {
        sgb_scene: SgbScene::Chapter,
        ..ReadOptions::default()
    };
    sgb::read_path(&fixture("sgb/jean.dat"), &opts, |s| chapters.push(Owned::of(&s))).unwrap();
    assert_eq!(
        chapters[0],
        scene(
            86,
            Some("1.1.1"),
            None,
            &[myriel, "Napoleon", "Mademoiselle Baptistine"]
        )
    );
    // The last chapter, 5.9.6, has nobody in it.
    assert_eq!(chapters.last().unwrap(), &scene(441, Some("5.9.6"), None, &[]));
}

#[test]
fn huck_dat_parses() {
    let (g, summary) = build_sgb("sgb/huck.dat", SgbScene::Group);
    assert_eq!(summary.scenes, 107);
    assert_eq!((g.character_count(), g.tie_count(), g.total_weight()), (74, 301, 552.0));
    let (g, summary) = build_sgb("sgb/huck.dat", SgbScene::Chapter);
    assert_eq!(summary.scenes, 43);
    assert_eq!((g.character_count(), g.tie_count(), g.total_weight()), (74, 507, 877.0));
}

#[test]
fn sgb_columns() {
    let opts = ReadOptions {
        columns: vec!["chapter".into(), "SCENE".into(), "episode".into()],
        ..ReadOptions::default()
    };
    let mut got = Vec::new();
    sgb::read_path(&fixture("sgb/jean.dat"), &opts, |s| got.push(Owned::of(&s))).unwrap();
    assert_eq!(
        got[1].columns,
        [
            Some("1.1.1".to_string()),
            Some("2".to_string()),
            Some("1.1.1".to_string())
        ]
    );

    let opts = ReadOptions {
        sgb_scene: SgbScene::Chapter,
        ..opts
    };
    got.clear();
    sgb::read_path(&fixture("sgb/jean.dat"), &opts, |s| got.push(Owned::of(&s))).unwrap();
    assert_eq!(
        got[0].columns,
        [Some("1.1.1".to_string()), None, Some("1.1.1".to_string())]
    );

    let opts = ReadOptions {
        columns: vec!["act".into()],
        ..ReadOptions::default()
    };
    let err = sgb::read_path(&fixture("sgb/jean.dat"), &opts, |_| {})
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("jean.dat") && err.contains("no column `act`") && err.contains("`chapter`"),
        "{err}"
    );
}

// ------------------------------------------------------- SGB, inline inputs

fn read_sgb(bytes: &[u8], mode: SgbScene) -> Result<Vec<Owned>, Error> {
    let opts = ReadOptions {
        sgb_scene: mode,
        ..ReadOptions::default()
    };
    let mut got = Vec::new();
    let summary = sgb::read(Path::new("book.dat"), Cursor::new(bytes), &opts, |s| {
        got.push(Owned::of(&s))
    })?;
    assert_eq!(summary.scenes, got.len() as u64);
    Ok(got)
}

fn sgb_error(bytes: &[u8]) -> String {
    read_sgb(bytes, SgbScene::Group).unwrap_err().to_string()
}

/// The message names the file, the line (when given) and the problem, and has a hint.
fn assert_message(err: &str, file: &str, line: Option<u64>, problem: &str) {
    assert!(err.starts_with(file), "{err}");
    match line {
        Some(n) => assert!(err.contains(&format!("{file}: line {n}: ")), "{err}"),
        None => assert!(!err.contains(": line "), "{err}"),
    }
    assert!(err.contains(problem), "{err}");
    assert!(err.ends_with(')'), "no hint: {err}");
}

const SMALL: &[u8] = b"* A book\nAB Alice, a girl\nCD Bob\nEF Ch\\'e, a cook\n\n1:AB,CD;EF\n&:AB,EF\n2\n3:CD\n";

#[test]
fn sgb_continuation_lines_and_empty_chapters() {
    let groups = read_sgb(SMALL, SgbScene::Group).unwrap();
    assert_eq!(
        groups,
        [
            scene(6, Some("1"), Some("1"), &["Alice", "Bob"]),
            scene(6, Some("1"), Some("2"), &["Ché"]),
            scene(7, Some("1"), Some("3"), &["Alice", "Ché"]),
            scene(9, Some("3"), Some("1"), &["Bob"]),
        ]
    );
    let chapters = read_sgb(SMALL, SgbScene::Chapter).unwrap();
    assert_eq!(
        chapters,
        [
            scene(6, Some("1"), None, &["Alice", "Bob", "Ché"]),
            scene(8, Some("2"), None, &[]),
            scene(9, Some("3"), None, &["Bob"]),
        ]
    );
}

#[test]
fn sgb_is_lenient_about_spacing_empty_groups_and_repeats() {
    let input = b"\xEF\xBB\xBF* comment\r\n\r\nAB Alice\r\n* comment inside the cast\r\nCD Bob,\r\n  \r\n* c\r\n1.2: AB , CD ;; AB,,AB ; \r\n\r\n1.3:\r\n* End";
    assert_eq!(
        read_sgb(input, SgbScene::Group).unwrap(),
        [
            scene(8, Some("1.2"), Some("1"), &["Alice", "Bob"]),
            scene(8, Some("1.2"), Some("2"), &["Alice"]),
        ]
    );
    assert_eq!(
        read_sgb(input, SgbScene::Chapter).unwrap(),
        [
            scene(8, Some("1.2"), None, &["Alice", "Bob"]),
            scene(10, Some("1.3"), None, &[])
        ]
    );
}

#[test]
fn sgb_names_shared_by_two_codes_stay_distinct() {
    let input = b"GL Glaucus, squire\n84 Glaucus, his grandfather\nHT Hector\n\n6:GL,84,HT\n";
    assert_eq!(
        read_sgb(input, SgbScene::Group).unwrap(),
        [scene(
            5,
            Some("6"),
            Some("1"),
            &["Glaucus [GL]", "Glaucus [84]", "Hector"]
        )]
    );
}

#[test]
fn sgb_errors_name_file_line_and_problem() {
    let cases: [(&[u8], Option<u64>, &str); 12] = [
        (b"AB Alice\nX Bob\n\n1:AB\n", Some(2), "not a cast line"),
        (b"AB Alice\nC- Bob\n\n1:AB\n", Some(2), "not a cast line"),
        (
            b"AB Alice\nCD , a nobody\n\n1:AB\n",
            Some(2),
            "no name after the character code `CD`",
        ),
        (b"AB Alice\nCD\n", Some(2), "not a cast line"),
        (
            b"AB Alice\nAB Bob\n\n1:AB\n",
            Some(2),
            "duplicate character code `AB` (already used on line 1)",
        ),
        (b"AB Alice\n\n1:AB\n2:AB,XY\n", Some(4), "unknown character code `XY`"),
        (
            b"AB Alice\n\n&:AB\n1:AB\n",
            Some(3),
            "`&:` continuation line before any chapter",
        ),
        (b"* no cast here\n\n1.1:AB\n", Some(3), "has no cast"),
        (
            b"AB Alice\n\nCD Bob, after the blank line\n",
            Some(3),
            "is not a chapter line",
        ),
        (b"AB Alice\n\n:AB\n", Some(3), "no chapter id"),
        (b"AB Alice\nCD B\xffb\n\n1:AB\n", Some(2), "is not valid UTF-8"),
        (b"AB Alice\n\n1:AB\n2:AB;\xc3\n", Some(4), "is not valid UTF-8"),
    ];
    for (input, line, problem) in cases {
        assert_message(&sgb_error(input), "book.dat", line, problem);
    }
}

#[test]
fn sgb_whole_file_errors() {
    assert_message(&sgb_error(b""), "book.dat", None, "the file is empty");
    assert_message(&sgb_error(b"\xEF\xBB\xBF\n \n"), "book.dat", None, "the file is empty");
    assert_message(&sgb_error(b"* only\n* comments\n"), "book.dat", None, "has no cast");
    assert_message(
        &sgb_error(b"AB Alice\n"),
        "book.dat",
        None,
        "has a cast but no chapters",
    );
    assert_message(
        &sgb_error(b"AB Alice\n\n* End\n"),
        "book.dat",
        None,
        "has a cast but no chapters",
    );
}

#[test]
fn sgb_odd_input_never_panics() {
    let inputs: [&[u8]; 10] = [
        b"\n\n\n",
        b"AB",
        b"AB \n",
        b"\xff",
        b"AB Alice\n\n1:AB;AB,AB,AB;;;,,,\n",
        b"AB Al\\'{\\'{\\'{\\\n\n1",
        b"AB Alice\n\n1:ABC,A\n",
        b"AB Alice\n\n1:\xc3\xa9\n",
        b"\xc3\xa9\xc3\xa9 x\n\n1:\n",
        b"AB Alice\n\n1::::\n",
    ];
    for input in inputs {
        let _ = read_sgb(input, SgbScene::Group);
        let _ = read_sgb(input, SgbScene::Chapter);
    }
}

// -------------------------------------------------------- ezlinavis files

#[test]
fn curb_season_9_reproduces_the_ezlinavis_network() {
    let (g, summary) = build_ezlinavis("ezlinavis/curb-your-enthusiasm-season-9-2017.txt");
    assert_eq!(summary.format, "ezlinavis list");
    assert_eq!(summary.scenes, 414);
    assert_eq!(
        (g.character_count(), g.tie_count(), g.total_weight()),
        (152, 427, 1153.0)
    );
    let want = expected_edges("ezlinavis/curb-s9-edges-expected.csv", str::to_string);
    assert_same_edges(&edges_of(&g), &want);
}

#[test]
fn hamlet_reproduces_the_ezlinavis_network() {
    let (g, summary) = build_ezlinavis("ezlinavis/shakespeare-hamlet-c1599-1602.txt");
    assert_eq!(summary.scenes, 20);
    assert_eq!((g.character_count(), g.tie_count(), g.total_weight()), (34, 192, 316.0));
    let want = expected_edges("ezlinavis/hamlet-edges-expected.csv", str::to_string);
    assert_same_edges(&edges_of(&g), &want);
}

#[test]
fn ezlinavis_scene_fields_and_columns() {
    let opts = ReadOptions {
        columns: vec!["act".into(), "scene".into(), "Episode".into()],
        ..ReadOptions::default()
    };
    let mut got = Vec::new();
    let path = fixture("ezlinavis/shakespeare-hamlet-c1599-1602.txt");
    ezlinavis::read_path(&path, &opts, |s| got.push(Owned::of(&s))).unwrap();
    let first = &got[0];
    assert_eq!(first.line, 9);
    assert_eq!(first.episode.as_deref(), Some("ACT I"));
    assert_eq!(
        first.scene.as_deref(),
        Some("SCENE I. Elsinore. A platform before the castle.")
    );
    assert_eq!(first.characters, ["Bernardo", "Francisco", "Horatio", "Marcellus"]);
    assert_eq!(
        first.columns,
        [
            Some("ACT I".to_string()),
            first.scene.clone(),
            Some("ACT I".to_string())
        ]
    );
    assert_eq!(got.last().unwrap().episode.as_deref(), Some("ACT V"));

    let mut curb = Vec::new();
    let path = fixture("ezlinavis/curb-your-enthusiasm-season-9-2017.txt");
    ezlinavis::read_path(&path, &ReadOptions::default(), |s| curb.push(Owned::of(&s))).unwrap();
    assert_eq!(
        curb[0],
        scene(8, Some("9x01: \"Foisted!\""), Some("Shower"), &["Larry"])
    );

    let opts = ReadOptions {
        columns: vec!["chapter".into()],
        ..ReadOptions::default()
    };
    let err = ezlinavis::read_path(&path, &opts, |_| {}).unwrap_err().to_string();
    assert!(
        err.contains("curb-your-enthusiasm-season-9-2017.txt") && err.contains("no column `chapter`"),
        "{err}"
    );
}

// ------------------------------------------------- ezlinavis, inline inputs

fn read_ez(bytes: &[u8]) -> Result<Vec<Owned>, Error> {
    let mut got = Vec::new();
    let summary = ezlinavis::read(
        Path::new("play.txt"),
        Cursor::new(bytes),
        &ReadOptions::default(),
        |s| got.push(Owned::of(&s)),
    )?;
    assert_eq!(summary.scenes, got.len() as u64);
    Ok(got)
}

fn ez_error(bytes: &[u8]) -> String {
    read_ez(bytes).unwrap_err().to_string()
}

#[test]
fn ezlinavis_segments() {
    let input = "A play\nAlice\n\n# Prologue\nChorus\n## Scene 1\n  Alice  \nBob\nAlice\n\n## Scene 2\n# Act II\n##\nBob\n### Scene 2a\nCarol\n#\nDan\n";
    assert_eq!(
        read_ez(input.as_bytes()).unwrap(),
        [
            scene(4, Some("Prologue"), None, &["Chorus"]),
            scene(6, Some("Prologue"), Some("Scene 1"), &["Alice", "Bob"]),
            scene(13, Some("Act II"), None, &["Bob"]),
            scene(15, Some("Act II"), Some("Scene 2a"), &["Carol"]),
            scene(17, None, None, &["Dan"]),
        ]
    );
    // A scene heading before any act heading, CRLF, a byte-order mark.
    assert_eq!(
        read_ez(b"\xEF\xBB\xBF## Kitchen\r\nAnna\r\nBen \r\n").unwrap(),
        [scene(1, None, Some("Kitchen"), &["Anna", "Ben"])]
    );
}

#[test]
fn ezlinavis_errors_name_file_line_and_problem() {
    assert_message(&ez_error(b""), "play.txt", None, "the file is empty");
    assert_message(&ez_error(b"\n  \n"), "play.txt", None, "the file is empty");
    assert_message(
        &ez_error(b"A header\nAlice\nBob\n"),
        "play.txt",
        None,
        "no `#` heading: ezlinavis lists start their data at the first `#` line",
    );
    assert_message(
        &ez_error(b"# Act I\n## Scene 1\n"),
        "play.txt",
        None,
        "has headings but no character names",
    );
    assert_message(
        &ez_error(b"# Act I\nAlice\nB\xe9b\n"),
        "play.txt",
        Some(3),
        "is not valid UTF-8",
    );
    assert_message(
        &ez_error(b"Caf\xe9 header\n# Act I\nAlice\n"),
        "play.txt",
        Some(1),
        "is not valid UTF-8",
    );
}
