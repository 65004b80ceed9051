//! Bad inputs: one line naming the file (and line), exit code 1, no panic,
//! and the previous graph left untouched.

use predicates::prelude::*;

use crate::Sandbox;

/// Asserts `graph ARGS` fails with exit 1 and a one-line message containing every `parts`.
fn fails(sb: &Sandbox, args: &[&str], parts: &[&str]) {
    let out = sb.graph(args).assert().code(1).stdout("").get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for p in parts {
        assert!(err.contains(p), "expected {p:?} in {err}");
    }
}

#[test]
fn missing_file() {
    let sb = Sandbox::new();
    fails(
        &sb,
        &["build", "nope.csv"],
        &["nope.csv", "no such file", "check the path"],
    );
}

#[test]
fn directory_given_as_file() {
    let sb = Sandbox::new();
    fails(&sb, &["build", "data"], &["data", "directory"]);
}

#[test]
fn empty_file() {
    let sb = Sandbox::new();
    sb.write("e.csv", "");
    fails(&sb, &["build", "e.csv"], &["e.csv", "empty"]);
}

#[test]
fn header_only() {
    let sb = Sandbox::new();
    sb.write("h.csv", "episode,characters\n");
    fails(&sb, &["build", "h.csv"], &["h.csv", "no scenes"]);
}

#[test]
fn no_characters_column_lists_columns_found() {
    let sb = Sandbox::new();
    sb.write("c.csv", "episode,cast\n1,A;B\n");
    fails(
        &sb,
        &["build", "c.csv"],
        &["c.csv: line 1", "no `characters` column", "`episode`, `cast`"],
    );
}

#[test]
fn malformed_row_names_its_line() {
    let sb = Sandbox::new();
    sb.write("m.csv", "scene,characters\n1,A;B\n2,A;B\n3,Smith, John;B\n");
    fails(
        &sb,
        &["build", "m.csv"],
        &["m.csv: line 4", "3 fields but the header has 2"],
    );
}

#[test]
fn invalid_utf8_names_its_line() {
    let sb = Sandbox::new();
    sb.write("u.csv", b"scene,characters\n1,A;B\n2,Zo\xeb;B\n".as_slice());
    fails(&sb, &["build", "u.csv"], &["u.csv: line 3", "not valid UTF-8"]);
}

#[test]
fn failed_build_keeps_the_previous_graph() {
    let sb = Sandbox::new();
    sb.build_s1();
    let before = sb.read("output/graph.json");
    sb.write("bad.csv", "scene,characters\n1,A;B\n2,x,y,z\n");
    fails(&sb, &["build", "bad.csv"], &["bad.csv: line 3"]);
    assert_eq!(sb.read("output/graph.json"), before);
    assert_eq!(sb.files_in("output"), ["graph.json"]);
}

#[test]
fn output_in_missing_directory() {
    let sb = Sandbox::new();
    fails(
        &sb,
        &["build", "data/s1.csv", "-o", "nowhere/g.json"],
        &["nowhere/g.json", "does not exist"],
    );
}

#[test]
fn central_without_a_graph_says_build_first() {
    let sb = Sandbox::new();
    fails(&sb, &["central"], &["output/graph.json", "graph build"]);
    fails(&sb, &["export", "--dot"], &["output/graph.json", "graph build"]);
}

#[test]
fn graph_of_the_first_schema_version() {
    let sb = Sandbox::new();
    sb.write(
        "v1.json",
        r#"{"format":"castgraph-graph","version":1,"generator":"castgraph 0.1.0","sources":[],
            "characters":[{"name":"A","scenes":1}],"ties":[]}"#,
    );
    fails(
        &sb,
        &["central", "--graph", "v1.json"],
        &["v1.json", "schema version 1", "reads version 5", "rebuild"],
    );
}

#[test]
fn graph_of_another_version() {
    let sb = Sandbox::new();
    sb.write(
        "old.json",
        r#"{"format":"castgraph-graph","version":99,"characters":[]}"#,
    );
    fails(
        &sb,
        &["central", "--graph", "old.json"],
        &["old.json", "version 99", "rebuild"],
    );
}

#[test]
fn truncated_or_foreign_graph_file() {
    let sb = Sandbox::new();
    sb.build_s1();
    let full = sb.read("output/graph.json");
    sb.write("t.json", &full[..full.len() / 2]);
    fails(&sb, &["central", "--graph", "t.json"], &["t.json", "truncated"]);
    fails(
        &sb,
        &["central", "--graph", "data/s1.csv"],
        &["data/s1.csv", "not a castgraph graph file"],
    );
    sb.write("o.json", r#"{"nodes": []}"#);
    fails(
        &sb,
        &["export", "--csv", "--graph", "o.json"],
        &["o.json", "not a castgraph graph file"],
    );
}

#[test]
fn damaged_graph_file() {
    let sb = Sandbox::new();
    sb.write(
        "d.json",
        r#"{"format":"castgraph-graph","version":5,"generator":"x","sources":[],"build":{"weight":"scenes","input_format":null,"separator":null,"sgb_scene":"group","aliases":null,"episodes":null,"where":[],"min_scenes":0,"min_weight":0,"drop_isolated":false,"ego":null},
            "characters":[{"name":"A","scenes":1}],"ties":{"source":[0],"target":[5],"weight":[1],"scenes":[1]}}"#,
    );
    fails(
        &sb,
        &["central", "--graph", "d.json"],
        &["d.json", "damaged", "does not join two different characters"],
    );
    sb.write(
        "d2.json",
        r#"{"format":"castgraph-graph","version":5,"generator":"x","sources":[],"build":{"weight":"scenes","input_format":null,"separator":null,"sgb_scene":"group","aliases":null,"episodes":null,"where":[],"min_scenes":0,"min_weight":0,"drop_isolated":false,"ego":null},
            "characters":[{"name":"A","scenes":1},{"name":"B","scenes":1}],"ties":{"source":[0],"target":[1],"weight":[1]}}"#,
    );
    fails(
        &sb,
        &["central", "--graph", "d2.json"],
        &["d2.json", "damaged graph file", "missing field `scenes`"],
    );
    sb.write(
        "d3.json",
        r#"{"format":"castgraph-graph","version":5,"generator":"x","sources":[{"path":"a.csv","format":"wide","directed_rows":false,"scenes_read":1,"scenes":1}],
            "build":{"weight":"scenes","input_format":null,"separator":null,"sgb_scene":"group","aliases":null,"episodes":null,"where":[],"min_scenes":0,"min_weight":0,"drop_isolated":false,"ego":null},"characters":[{"name":"A","scenes":1},{"name":"B","scenes":1}],
            "ties":{"source":[0],"target":[1],"weight":[1],"scenes":[1]},
            "scenes":{"source":[0],"line":[2],"episode":[null],"scene":[null],"cast":[[0,7]],"weight":[1]}}"#,
    );
    fails(
        &sb,
        &["path", "A", "B", "--graph", "d3.json"],
        &["d3.json", "damaged graph file", "scene 1 lists character 7"],
    );
    for (cast, weight, problem) in [
        ("[[0,1,0]]", "[1]", "scene 1 lists character 0 twice"),
        ("[[0,1]]", "[-1]", "scene 1 has weight -1"),
    ] {
        sb.write(
            "d4.json",
            format!(
                r#"{{"format":"castgraph-graph","version":5,"generator":"x","sources":[{{"path":"a.csv","format":"wide","directed_rows":false,"scenes_read":1,"scenes":1}}],
            "build":{{"weight":"scenes","input_format":null,"separator":null,"sgb_scene":"group","aliases":null,"episodes":null,"where":[],"min_scenes":0,"min_weight":0,"drop_isolated":false,"ego":null}},"characters":[{{"name":"A","scenes":1}},{{"name":"B","scenes":1}}],
            "ties":{{"source":[0],"target":[1],"weight":[1],"scenes":[1]}},
            "scenes":{{"source":[0],"line":[2],"episode":[null],"scene":[null],"cast":{cast},"weight":{weight}}}}}"#
            ),
        );
        fails(
            &sb,
            &["timeline", "--graph", "d4.json"],
            &["d4.json", "damaged graph file", problem],
        );
    }
    // A version-2 file (no scene list) is refused with the rebuild hint.
    sb.write(
        "v2.json",
        r#"{"format":"castgraph-graph","version":2,"generator":"x","sources":[],"build":{"weight":"scenes","options":[]},
            "characters":[],"ties":{"source":[],"target":[],"weight":[],"scenes":[]}}"#,
    );
    fails(
        &sb,
        &["path", "A", "B", "--graph", "v2.json"],
        &["v2.json", "schema version 2", "reads version 5", "rebuild"],
    );
}

#[test]
fn usage_errors_exit_2() {
    let sb = Sandbox::new();
    sb.graph(&["build"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FILE"));
    sb.graph(&["frobnicate"]).assert().code(2);
}

#[cfg(unix)]
#[test]
fn interrupted_build_leaves_no_temporary_file() {
    let sb = Sandbox::new();
    sb.graph(&[
        "generate",
        "--scenes",
        "300000",
        "--characters",
        "20000",
        "-o",
        "big.csv",
    ])
    .assert()
    .success();
    std::fs::create_dir_all(sb.path("out")).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("graph"))
        .current_dir(sb.dir.path())
        .args(["build", "big.csv", "-o", "out/g.json", "--quiet"])
        .spawn()
        .unwrap();
    // Wait until the graph is being written, then interrupt.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while sb.files_in("out").is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = child.wait().unwrap();
    let left = sb.files_in("out");
    if code.code() == Some(0) {
        // The write finished before the signal arrived: only the graph is there.
        assert_eq!(left, ["g.json"]);
    } else {
        assert_eq!(code.code(), Some(130), "{code:?}");
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}

#[test]
fn utf16_file_is_named_as_such() {
    let sb = Sandbox::new();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "characters\nA;B\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    sb.write("u16.csv", bytes);
    fails(
        &sb,
        &["build", "u16.csv"],
        &["u16.csv: line 1", "is UTF-16 text, not UTF-8"],
    );
}

#[test]
fn a_huge_scene_is_refused_with_its_line() {
    let sb = Sandbox::new();
    let cast: Vec<String> = (0..100_000).map(|i| format!("C{i}")).collect();
    sb.write("huge.csv", format!("characters\nA;B\n{}\n", cast.join(";")));
    fails(
        &sb,
        &["build", "huge.csv"],
        &[
            "huge.csv: line 3",
            "100000 characters, more than the limit of 10000",
            "--max-scene-size",
        ],
    );
    sb.graph(&["build", "huge.csv", "--max-scene-size", "100", "-q"])
        .assert()
        .code(1);
}
