//! Screenplays: Fountain and Final Draft scripts written for these tests
//! (`tests/fixtures/screenplays/`, one rule each), the bakery script in
//! both formats with the graph it must give, and hostile XML.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use castgraph::CastGraph;
use castgraph::build::{BuildOptions, from_files};
use castgraph::input::{InputFormat, NameStyle, Presence, ReadOptions, ReadSummary, fdx, fountain};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/screenplays")
        .join(name)
}

/// One scene as read: its heading and who is present.
type Read = (String, Vec<String>);

fn read_with(name: &str, opts: &ReadOptions) -> (Vec<Read>, ReadSummary) {
    let path = fixture(name);
    let mut scenes = Vec::new();
    let collect = |s: castgraph::input::Scene<'_>| {
        scenes.push((
            s.scene.unwrap().to_string(),
            s.characters.iter().map(|c| c.to_string()).collect(),
        ))
    };
    let summary = match InputFormat::detect(&path).unwrap() {
        InputFormat::Fountain => fountain::read_path(&path, opts, collect),
        InputFormat::Fdx => fdx::read_path(&path, opts, collect),
        other => panic!("{name} detected as {other:?}"),
    }
    .unwrap();
    (scenes, summary)
}

fn read(name: &str) -> Vec<Read> {
    read_with(name, &ReadOptions::default()).0
}

/// Expected scenes from (heading, names).
fn scenes(list: &[(&str, &[&str])]) -> Vec<Read> {
    list.iter()
        .map(|(h, names)| (h.to_string(), names.iter().map(|n| n.to_string()).collect()))
        .collect()
}

fn notes(summary: &ReadSummary) -> Vec<String> {
    summary.notes.iter().map(|n| n.render(&common::Flags)).collect()
}

const OPENING: &str = "(before the first heading)";

#[test]
fn every_heading_prefix_starts_a_scene() {
    let got = read("heading-prefixes.fountain");
    let headings: Vec<&str> = got.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "INT. HOUSE - DAY",
            "EXT. HOUSE - DAY",
            "EST. CITY - DAWN",
            "INT./EXT. CAR - NIGHT",
            "INT/EXT CAR - NIGHT",
            "I/E. PORCH - DAY",
            "I./E PORCH - DAY",
            "INT HOUSE DAY",
            "int. house - night"
        ]
    );
    assert!(got.iter().all(|(_, names)| names == &["ANA"]));
}

#[test]
fn a_dot_forces_a_heading_but_an_ellipsis_does_not() {
    assert_eq!(
        read("heading-forced.fountain"),
        scenes(&[("KITCHEN", &["BEN"]), ("5 MINUTES LATER", &["BEN"])])
    );
}

#[test]
fn a_heading_needs_no_blank_line_after_it() {
    assert_eq!(
        read("heading-without-blank-line-after.fountain"),
        scenes(&[("INT. HALL - DAY", &["ANA"])])
    );
}

#[test]
fn a_line_ending_in_to_is_never_a_cue() {
    assert_eq!(
        read("transition-never-a-cue.fountain"),
        scenes(&[("INT. OFFICE - DAY", &["JO"])])
    );
}

#[test]
fn a_cues_trailing_colon_is_dropped() {
    assert_eq!(
        read("cue-trailing-colon.fountain"),
        scenes(&[("INT. OFFICE - DAY", &["BOSS", "CLERK"])])
    );
}

#[test]
fn extensions_are_dropped_straight_curly_and_several() {
    assert_eq!(
        read("cue-extensions.fountain"),
        scenes(&[("INT. RADIO STATION - NIGHT", &["HOST", "CALLER"])])
    );
}

#[test]
fn at_forces_a_cue_and_a_caret_is_dual_dialogue() {
    assert_eq!(
        read("cue-forced-and-dual.fountain"),
        scenes(&[("INT. POND - DAY", &["McDUCK", "GOOSE", "SWAN"])])
    );
}

#[test]
fn text_after_a_parenthetical_makes_the_line_action() {
    assert_eq!(
        read("extension-then-text.fountain"),
        scenes(&[("INT. CLASSROOM - DAY", &["MARY"])])
    );
}

#[test]
fn a_line_holding_only_a_boneyard_vanishes() {
    assert_eq!(
        read("boneyard-line-vanishes.fountain"),
        scenes(&[("INT. KITCHEN - NIGHT", &["RUTH", "SAM"])])
    );
}

#[test]
fn notes_sections_synopses_transitions_centred_lyrics_page_breaks_are_never_characters() {
    assert_eq!(
        read("never-characters.fountain"),
        scenes(&[("INT. ATTIC - NIGHT", &["OWL"])])
    );
}

#[test]
fn dialogue_before_the_first_heading_is_an_opening_scene() {
    let (got, summary) = read_with("opening-scene.fountain", &ReadOptions::default());
    assert_eq!(
        got,
        scenes(&[(OPENING, &["NARRATOR"]), ("INT. STUDIO - DAY", &["HOST"])])
    );
    assert!(notes(&summary)[0].ends_with(
        "opening-scene.fountain: 1 speech before the first heading: read as one opening scene, \
         \"(before the first heading)\""
    ));
    // Without dialogue, no opening scene; the title page names the episode.
    let path = fixture("opening-without-dialogue.fountain");
    let mut episodes = Vec::new();
    let summary = fountain::read_path(&path, &ReadOptions::default(), |s| {
        episodes.push((s.episode.unwrap().to_string(), s.scene.unwrap().to_string(), s.line))
    })
    .unwrap();
    assert_eq!(
        episodes,
        [("Quiet Start".to_string(), "INT. STUDIO - DAY".to_string(), 7)]
    );
    assert!(summary.notes.is_empty());
}

#[test]
fn cues_differing_only_in_case_are_one_character_with_a_warning() {
    let (g, report) = from_files(&[fixture("case-merge.fountain")], &BuildOptions::default()).unwrap();
    assert_eq!(names(&g), ["McCABE", "BARMAID"]);
    assert_eq!(tie(&g, "McCABE", "BARMAID"), Some(2.0));
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.render(&common::Flags)).collect();
    assert!(
        warnings.iter().any(|w| w.ends_with(
            "case-merge.fountain: the cues McCABE and MCCABE differ only in case: read as one character, McCABE"
        )),
        "{warnings:?}"
    );
}

#[test]
fn joint_cues_split_when_every_part_speaks_alone() {
    let (got, summary) = read_with("joint-cues.fountain", &ReadOptions::default());
    assert_eq!(
        got,
        scenes(&[
            ("INT. STAGE - NIGHT", &["ROMEO", "JULIET", "NURSE"]),
            (
                "EXT. STREET - NIGHT",
                &["THE MONTAGUES AND THE CAPULETS", "NURSE & FRIAR"]
            )
        ])
    );
    let notes = notes(&summary);
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].ends_with(
        "the joint cue 'THE MONTAGUES AND THE CAPULETS' is read as one character: not every part of it speaks alone"
    ));
    assert!(notes[1].contains("'NURSE & FRIAR'"));
}

#[test]
fn names_may_hold_dollars_ampersands_and_digits() {
    assert_eq!(
        read("name-characters.fountain"),
        scenes(&[(
            "INT. CASINO - NIGHT",
            &["MR. $MITH", "AGENT 47", "BONNIE & CLYDE", "R2-D2"]
        )])
    );
}

#[test]
fn cyrillic_capitals_make_a_cue() {
    assert_eq!(
        read("cyrillic-cue.fountain"),
        scenes(&[("INT. KITCHEN - DAY", &["МАША", "ПЕТЯ"])])
    );
}

#[test]
fn a_japanese_heading_only_when_forced() {
    assert_eq!(
        read("japanese-heading.fountain"),
        scenes(&[(OPENING, &["ジョン"]), ("台所 - 夜", &["ジョン"])])
    );
}

#[test]
fn presence_action_counts_speakers_named_in_action_longest_name_first() {
    assert_eq!(
        read("presence-action.fountain"),
        scenes(&[
            ("INT. LAB - DAY", &["BOB", "CYBER BOB"]),
            ("EXT. ROOF - NIGHT", &["ALICE"]),
            ("INT. GARAGE - DAY", &["ALICE"])
        ])
    );
    let action = ReadOptions {
        presence: Presence::Action,
        ..ReadOptions::default()
    };
    let (got, summary) = read_with("presence-action.fountain", &action);
    assert_eq!(
        got,
        scenes(&[
            ("INT. LAB - DAY", &["BOB", "CYBER BOB"]),
            ("EXT. ROOF - NIGHT", &["ALICE", "CYBER BOB"]),
            ("INT. GARAGE - DAY", &["ALICE", "BOB"])
        ])
    );
    // BOB and CYBER BOB may be one character.
    assert!(notes(&summary).iter().any(|n| n.ends_with(
        "possible duplicates: 'BOB' and 'CYBER BOB' (one is the other with words in front; merge them with \
         --aliases if they are one character)"
    )));
}

#[test]
fn names_title_puts_capital_cues_in_title_case() {
    let title = ReadOptions {
        names: NameStyle::Title,
        ..ReadOptions::default()
    };
    assert_eq!(
        read_with("names-title.fountain", &title).0,
        scenes(&[("INT. PUB - NIGHT", &["Mary-Ann O'Neil", "McCABE", "Cyber Bob"])])
    );
}

#[test]
fn a_final_draft_character_counts_without_dialogue() {
    assert_eq!(
        read("character-without-dialogue.fdx"),
        scenes(&[("INT. HALLWAY - NIGHT", &["DeShawn", "ROSA"])])
    );
}

#[test]
fn play_options_are_refused_naming_the_option() {
    for (opts, flag) in [
        (
            BuildOptions {
                presence: Presence::Stage,
                ..BuildOptions::default()
            },
            "--presence stage is for TEI plays",
        ),
        (
            BuildOptions {
                names: NameStyle::Id,
                ..BuildOptions::default()
            },
            "--names id is for TEI plays",
        ),
    ] {
        for file in ["bakery.fountain", "bakery.fdx"] {
            let e = from_files(&[fixture(file)], &opts).unwrap_err().render(&common::Flags);
            assert!(e.contains(file) && e.contains(flag), "{e}");
        }
    }
}

fn names(g: &CastGraph) -> Vec<&str> {
    g.characters().map(|c| c.name.as_str()).collect()
}

fn tie(g: &CastGraph, a: &str, b: &str) -> Option<f64> {
    let (a, b) = (g.id_of(a)?, g.id_of(b)?);
    g.neighbours(a).find(|(o, _)| *o == b).map(|(_, t)| t.weight)
}

/// A graph as character → scenes, pair → weight, and its scene list as
/// (episode, scene, sorted names).
type View = (
    BTreeMap<String, u64>,
    BTreeMap<(String, String), f64>,
    Vec<(String, String, Vec<String>)>,
);

fn view(g: &CastGraph) -> View {
    let characters = g.characters().map(|c| (c.name.clone(), c.scenes)).collect();
    let name = |id: usize| g.character(id).name.clone();
    let ties = g
        .ties()
        .map(|(a, b, t)| {
            let (a, b) = (name(a), name(b));
            ((a.clone().min(b.clone()), a.max(b)), t.weight)
        })
        .collect();
    let list = g
        .scene_list()
        .map(|l| {
            l.iter()
                .map(|s| {
                    let mut cast: Vec<String> = s.cast.iter().map(|&i| name(i as usize)).collect();
                    cast.sort();
                    (s.episode.unwrap().to_string(), s.scene.unwrap().to_string(), cast)
                })
                .collect()
        })
        .unwrap_or_default();
    (characters, ties, list)
}

/// The graph of a `character,scenes` and a `Source,Target,Type,Weight` file.
fn expected(prefix: &str) -> (BTreeMap<String, u64>, BTreeMap<(String, String), f64>) {
    let mut characters = BTreeMap::new();
    for row in csv::Reader::from_path(fixture(&format!("{prefix}.nodes.csv")))
        .unwrap()
        .records()
    {
        let row = row.unwrap();
        characters.insert(row[0].to_string(), row[1].parse().unwrap());
    }
    let mut ties = BTreeMap::new();
    for row in csv::Reader::from_path(fixture(&format!("{prefix}.edges.csv")))
        .unwrap()
        .records()
    {
        let row = row.unwrap();
        let (a, b) = (row[0].to_string(), row[1].to_string());
        ties.insert((a.clone().min(b.clone()), a.max(b)), row[3].parse().unwrap());
    }
    (characters, ties)
}

#[test]
fn bakery_gives_its_graph_from_both_formats() {
    for (prefix, presence) in [
        ("bakery", Presence::Speakers),
        ("bakery.presence-action", Presence::Action),
    ] {
        let opts = BuildOptions {
            presence,
            ..BuildOptions::default()
        };
        for file in ["bakery.fountain", "bakery.fdx"] {
            let (g, _) = from_files(&[fixture(file)], &opts).unwrap();
            let (characters, ties, _) = view(&g);
            assert_eq!((characters, ties), expected(prefix), "{file} {presence:?}");
        }
    }
}

#[test]
fn the_same_script_as_fountain_and_final_draft_builds_the_same_graph() {
    let (fountain, _) = from_files(&[fixture("bakery.fountain")], &BuildOptions::default()).unwrap();
    let (fdx, _) = from_files(&[fixture("bakery.fdx")], &BuildOptions::default()).unwrap();
    assert_eq!(fountain.sources()[0].scenes_read, 3);
    assert_eq!(fdx.sources()[0].scenes_read, 3);
    assert_eq!(fountain.sources()[0].format.to_string(), "Fountain screenplay");
    assert_eq!(fdx.sources()[0].format.to_string(), "Final Draft screenplay");
    let view = view(&fountain);
    assert_eq!(
        view.2[0],
        (
            "A MORNING AT THE BAKERY".to_string(),
            "INT. BAKERY - BACK ROOM - DAWN".to_string(),
            vec!["ROSALIND".to_string(), "TOMASZ".to_string()]
        )
    );
    assert_eq!(view, self::view(&fdx));
}

#[test]
fn scripts_are_detected_by_extension_and_by_root() {
    assert_eq!(
        InputFormat::detect(&fixture("bakery.fountain")).unwrap(),
        InputFormat::Fountain
    );
    assert_eq!(InputFormat::detect(&fixture("bakery.fdx")).unwrap(), InputFormat::Fdx);
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("script.xml");
    std::fs::copy(fixture("bakery.fdx"), &xml).unwrap();
    assert_eq!(InputFormat::detect(&xml).unwrap(), InputFormat::Fdx);
    let spmd = dir.path().join("script.spmd");
    std::fs::copy(fixture("bakery.fountain"), &spmd).unwrap();
    assert_eq!(InputFormat::detect(&spmd).unwrap(), InputFormat::Fountain);
}

/// The peak resident memory of this process, in kB (Linux).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn hostile_xml_is_refused_quickly_with_file_line_and_column() {
    for (name, line, what) in [
        ("billion-laughs.fdx", 2, "DOCTYPE"),
        ("external-entity.fdx", 2, "DOCTYPE"),
        ("malformed.fdx", 12, "malformed XML"),
    ] {
        let path = fixture("xml-safety").join(name);
        let started = std::time::Instant::now();
        let err = from_files(std::slice::from_ref(&path), &BuildOptions::default()).unwrap_err();
        let took = started.elapsed();
        let text = err.render(&common::Flags);
        assert!(text.starts_with(&path.display().to_string()), "{text}");
        assert!(text.contains(&format!(": line {line}, column ")), "{text}");
        assert!(text.contains(what) && !text.contains('\n'), "{text}");
        assert!(took.as_secs_f64() < 2.0, "{name} took {took:?}");
    }
    // Nothing was expanded: the whole test process stayed small.
    if let Some(kb) = peak_memory_kb() {
        assert!(kb < 512 * 1024, "peak memory {kb} kB");
    }
}

#[test]
fn invalid_utf8_in_a_fountain_file_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.fountain");
    std::fs::write(&path, b"INT. A\n\nBOB\nCaf\xe9.\n").unwrap();
    let e = from_files(std::slice::from_ref(&path), &BuildOptions::default())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        format!(
            "{}: line 4: is not valid UTF-8 (save the file as UTF-8)",
            path.display()
        )
    );
}
