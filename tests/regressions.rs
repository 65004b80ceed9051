//! Inputs the fuzzers found crashing (`fuzz/`), kept as regression tests:
//! each must read without a panic, giving scenes whose characters are
//! distinct, or an error. Named after the bug.

use std::path::{Path, PathBuf};

use castgraph::input::network::{gexf, graphml, json};
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

#[test]
fn graph_file_an_empty_edge_end_that_names_no_node() {
    // The fuzzer's file: a link whose `target` is "", which no node has as its id.
    let bytes = input("json-graph-empty-edge-end.json");
    let e = json::read(Path::new("x.json"), &bytes, &ReadOptions::default(), check).unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.json: line 10: an edge end is \"\", which is no node's id \
         (every edge names the ids of its two nodes as its source and target)"
    );
    // The same in GraphML and GEXF (a blank end too); a node whose id is "" is fine.
    let graphml_doc = r#"<graphml><graph><node id="a"/><edge source="a" target=" "/></graph></graphml>"#;
    assert!(
        graphml::read(
            Path::new("x.graphml"),
            graphml_doc.into(),
            &ReadOptions::default(),
            check
        )
        .is_err()
    );
    let gexf_doc =
        r#"<gexf><graph><nodes><node id="a"/></nodes><edges><edge source="" target="a"/></edges></graph></gexf>"#;
    assert!(gexf::read(Path::new("x.gexf"), gexf_doc.into(), &ReadOptions::default(), check).is_err());
    let named = r#"<graphml><key id="l" for="node" attr.name="label"/>
        <graph><node id=""><data key="l">Eve</data></node><node id="a"/><edge source="" target="a"/></graph></graphml>"#;
    let mut edges = Vec::new();
    graphml::read(Path::new("x.graphml"), named.into(), &ReadOptions::default(), |s| {
        check(s);
        edges.push(s.characters.join("+"));
    })
    .unwrap();
    assert_eq!(edges.last().map(String::as_str), Some("Eve+a"));
}

/// A Parquet file (after the fuzz target's mode byte) whose data page uses a
/// dictionary its column chunk does not have: the Parquet crate asserts
/// (`Decoder for dict should have been set`); castgraph catches such
/// panics and reports the file as damaged (this one is now refused before,
/// by the check of its first page).
#[test]
fn parquet_data_page_without_its_dictionary() {
    let data = input("parquet-dictionary-page-missing.bin");
    let result =
        castgraph::input::parquet::read_bytes(Path::new("x.parquet"), &data[1..], None, &ReadOptions::default(), check);
    let err = result.unwrap_err().to_string();
    assert!(err.starts_with("x.parquet: cannot be read as Parquet: "), "{err}");
}

/// A Parquet file (after the mode byte) whose dictionary page claims
/// 1,454,201,525 values in 16 bytes: the Parquet crate made room for them
/// all before decoding (11 GB for a 1.7 kB file). The first page of every
/// column chunk read is now checked: a dictionary claims at most one value
/// a byte.
#[test]
fn parquet_dictionary_page_claiming_billions_of_values() {
    let data = input("parquet-dictionary-claims-billions.bin");
    let err =
        castgraph::input::parquet::read_bytes(Path::new("x.parquet"), &data[1..], None, &ReadOptions::default(), check)
            .unwrap_err()
            .to_string();
    assert!(err.contains("claims 1454201525 values in 16 bytes"), "{err}");
}
