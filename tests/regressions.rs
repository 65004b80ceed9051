//! Inputs the fuzzers found crashing (`fuzz/`), kept as regression tests:
//! each must read without a panic, giving scenes whose characters are
//! distinct, or an error. Named after the bug.

use std::path::{Path, PathBuf};

use castgraph::input::{ReadOptions, Scene, SgbScene, ezlinavis, long, sgb, tei, wide};

fn input(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/regressions")
            .join(name),
    )
    .unwrap()
}

fn check(scene: Scene<'_>) {
    for (i, name) in scene.characters.iter().enumerate() {
        assert!(!name.is_empty() && name.trim() == *name, "{name:?}");
        assert!(
            !scene.characters[..i].contains(name),
            "{name:?} twice in {:?}",
            scene.characters
        );
    }
}

#[test]
fn sgb_names_made_distinct_by_code_can_collide_with_a_real_name() {
    for mode in [SgbScene::Group, SgbScene::Chapter] {
        let opts = ReadOptions {
            sgb_scene: mode,
            ..ReadOptions::default()
        };
        let _ = sgb::read(
            Path::new("x.dat"),
            input("sgb-duplicate-names.dat").as_slice(),
            &opts,
            check,
        );
    }
}

#[test]
fn csv_fields_split_inside_a_utf8_character() {
    let data = input("long-split-utf8.csv");
    let _ = long::read(Path::new("x.csv"), data.as_slice(), &ReadOptions::default(), check);
    // The same bytes under a wide header must not panic either.
    let mut wide_data = b"episode,scene,characters\n".to_vec();
    wide_data.extend_from_slice(&data[data.iter().position(|&b| b == b'\n').unwrap() + 1..]);
    let _ = wide::read(Path::new("x.csv"), wide_data.as_slice(), &ReadOptions::default(), check);
    let _ = ezlinavis::read(Path::new("x.txt"), data.as_slice(), &ReadOptions::default(), check);
}

#[test]
fn wide_csv_field_split_inside_a_utf8_character() {
    let data = input("wide-split-utf8.csv");
    let result = wide::read(Path::new("x.csv"), data.as_slice(), &ReadOptions::default(), check);
    if let Err(e) = result {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn tei_a_cast_name_equal_to_another_speakers_id() {
    // The fuzzer's file (its first byte chose the reading mode).
    let bytes = input("tei-name-equals-another-id.xml");
    let _ = tei::read(Path::new("x.xml"), bytes[1..].to_vec(), &ReadOptions::default(), check);
    // The same bug, written plainly: `x` is called "y", and `y` speaks with no cast entry.
    let play = r##"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><particDesc><listPerson>
        <person xml:id="x"><persName>y</persName></person></listPerson></particDesc></teiHeader>
        <text><body><div type="scene"><sp who="#x #y"/></div></body></text></TEI>"##;
    let mut seen = Vec::new();
    tei::read(
        Path::new("p.xml"),
        play.as_bytes().to_vec(),
        &ReadOptions::default(),
        |s| {
            check(s);
            seen.push(s.characters.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        },
    )
    .unwrap();
    assert_eq!(seen, [["y (x)", "y (y)"]]);
}
