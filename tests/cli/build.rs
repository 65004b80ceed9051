//! `graph build`.

use predicates::prelude::*;
use serde_json::Value;

use crate::{Sandbox, stdout_of};

#[test]
fn builds_s1_and_summarises() {
    let sb = Sandbox::new();
    let out = stdout_of(&mut sb.graph(&["build", "data/s1.csv"]));
    assert!(out.contains("Read 11 scenes from data/s1.csv (wide CSV)."), "{out}");
    assert!(
        out.contains("Cast: 10 characters, 7 ties, 3 connected components (largest: 4 characters)."),
        "{out}"
    );
    assert!(out.contains("Top characters by PageRank: 1. Carly"), "{out}");
    assert!(sb.path("output/graph.json").is_file());
}

#[test]
fn saved_graph_has_documented_schema() {
    let sb = Sandbox::new();
    sb.build_s1();
    let v: Value = serde_json::from_str(&sb.read("output/graph.json")).unwrap();
    assert_eq!(v["format"], "castgraph-graph");
    assert_eq!(v["version"], 5);
    assert_eq!(v["sources"][0]["path"], "data/s1.csv");
    assert_eq!(v["sources"][0]["scenes"], 11);
    let names: Vec<&str> = v["characters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // First-appearance order.
    assert_eq!(
        names,
        [
            "Vanessa", "Carly", "Sasha", "Maria", "Alya", "Miles", "Mr. Park", "Julie", "Denzel", "Scarlett"
        ]
    );
    let ties = &v["ties"];
    let column = |c: &str| {
        ties[c]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect::<Vec<f64>>()
    };
    let (source, target, weight) = (column("source"), column("target"), column("weight"));
    assert_eq!(source.len(), 7);
    assert_eq!(column("scenes"), weight, "weight = shared scenes");
    let tie = |a: &str, b: &str| {
        let (ia, ib) = (
            names.iter().position(|n| *n == a).unwrap(),
            names.iter().position(|n| *n == b).unwrap(),
        );
        let (lo, hi) = (ia.min(ib) as f64, ia.max(ib) as f64);
        (0..source.len())
            .find(|&i| source[i] == lo && target[i] == hi)
            .map(|i| weight[i])
    };
    assert_eq!(tie("Carly", "Vanessa"), Some(2.0));
    assert_eq!(tie("Carly", "Sasha"), Some(1.0));
    assert_eq!(tie("Carly", "Maria"), Some(1.0));
    assert_eq!(tie("Julie", "Denzel"), Some(1.0));
    assert_eq!(tie("Vanessa", "Maria"), None);
    // The scene list: one entry per scene (all 11, Vanessa's scene alone
    // too), citing its line and labels, with the weight its pairs gained.
    let scenes = &v["scenes"];
    assert_eq!(scenes["line"].as_array().unwrap().len(), 11);
    assert_eq!(scenes["line"][0], 2);
    assert_eq!(scenes["cast"][0], serde_json::json!([0]));
    assert_eq!(scenes["line"][1], 3);
    assert_eq!(scenes["episode"][1], "S01E14");
    assert_eq!(scenes["scene"][1], "2");
    assert_eq!(scenes["cast"][1], serde_json::json!([1, 0]));
    assert_eq!(scenes["source"][1], 0);
    assert_eq!(scenes["weight"], serde_json::json!([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
}

#[test]
fn output_option_chooses_the_path() {
    let sb = Sandbox::new();
    sb.graph(&["build", "data/s1.csv", "-o", "s1.json", "--quiet"])
        .assert()
        .success()
        .stdout("");
    assert!(sb.path("s1.json").is_file());
    assert!(!sb.path("output/graph.json").exists());
}

#[test]
fn build_is_deterministic() {
    let sb = Sandbox::new();
    sb.graph(&["build", "data/s1.csv", "-o", "a.json"]).assert().success();
    sb.graph(&["build", "data/s1.csv", "-o", "b.json"]).assert().success();
    assert_eq!(sb.read("a.json"), sb.read("b.json"));
}

#[test]
fn input_rules_bom_crlf_quoting_trimming_dedup() {
    let sb = Sandbox::new();
    sb.write(
        "in.csv",
        "\u{feff}episode,scene,characters,summary\r\n\
         1,1,\" Smith, John ; Tony \"\"Two Times\"\" Russo;;Smith, John \",\"a, b\"\r\n\
         1,2,Solo,alone\r\n\
         1,3,,nobody\r\n",
    );
    sb.graph(&["build", "in.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Read 3 scenes"));
    let v: Value = serde_json::from_str(&sb.read("output/graph.json")).unwrap();
    let chars = v["characters"].as_array().unwrap();
    assert_eq!(chars.len(), 3);
    assert_eq!(chars[0]["name"], "Smith, John");
    assert_eq!(chars[0]["scenes"], 1, "a name repeated in one scene counts once");
    assert_eq!(chars[1]["name"], "Tony \"Two Times\" Russo");
    assert_eq!(chars[2]["name"], "Solo");
    assert_eq!(v["ties"]["weight"], serde_json::json!([1]));
}

#[test]
fn names_are_compared_exactly() {
    let sb = Sandbox::new();
    sb.write("in.csv", "characters\nCarly;carly\n");
    sb.graph(&["build", "in.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 characters, 1 tie,"));
}

#[test]
fn build_options_are_recorded_and_shown_by_later_commands() {
    let sb = Sandbox::new();
    sb.write("scenes.csv", "episode,characters\n1,A;B\n2,A;B;C\n3,C;D\n");
    let out = stdout_of(&mut sb.graph(&["build", "scenes.csv", "--episodes", "1-2", "--weight", "newman"]));
    assert!(
        out.contains("Read 3 scenes from scenes.csv (wide CSV); the filters kept 2."),
        "{out}"
    );
    assert!(
        out.contains("Graph built with --weight newman --episodes 1-2."),
        "{out}"
    );
    let v: Value = serde_json::from_str(&sb.read("output/graph.json")).unwrap();
    assert_eq!(v["build"]["weight"], "newman");
    assert_eq!(v["build"]["episodes"], "1-2");
    assert_eq!(v["sources"][0]["scenes_read"], 3);
    assert_eq!(v["sources"][0]["scenes"], 2);
    let central = stdout_of(&mut sb.graph(&["central"]));
    assert!(
        central
            .lines()
            .next()
            .unwrap()
            .ends_with("; graph output/graph.json from scenes.csv, built with --weight newman --episodes 1-2"),
        "{central}"
    );
    let stats = stdout_of(&mut sb.graph(&["stats"]));
    assert!(
        stats.starts_with("graph output/graph.json from scenes.csv, built with --weight newman --episodes 1-2\n"),
        "{stats}"
    );
}

#[test]
fn long_input_is_detected_and_named() {
    let sb = Sandbox::new();
    sb.write("long.csv", "scene,character\n1,A\n1,B\n2,B\n2,C\n");
    sb.graph(&["build", "long.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(long CSV)"));
    sb.graph(&["build", "long.csv", "--input-format", "wide"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no `characters` column"));
}

#[test]
fn warnings_go_to_stderr() {
    let sb = Sandbox::new();
    sb.write("d.csv", "characters\nMr Park;Carly\nMr. Park;Carly\n");
    sb.graph(&["build", "d.csv"])
        .assert()
        .success()
        .stderr("warning: possible duplicates: 'Mr Park' and 'Mr. Park' (merge them with --aliases if they are one character)\n");
}

#[test]
fn bad_build_options_are_usage_errors() {
    let sb = Sandbox::new();
    for args in [
        &["build", "data/s1.csv", "--weight", "loudness"][..],
        &["build", "data/s1.csv", "--episodes", "3-1"],
        &["build", "data/s1.csv", "--where", "season"],
        &["build", "data/s1.csv", "--input-format", "xlsx"],
    ] {
        sb.graph(args).assert().code(2);
    }
}

#[test]
fn the_next_step_names_the_graph_written_and_captions_name_what_they_read() {
    // A second build to another file must not send the user to the older default graph.
    let sb = Sandbox::new();
    sb.build_s1();
    sb.write("hamlet.csv", "characters\nHamlet;Horatio\nHamlet;Ophelia\n");
    let out = stdout_of(&mut sb.graph(&["build", "hamlet.csv", "-o", "hamlet.json"]));
    assert!(out.contains("Next: graph central --graph hamlet.json --top 5"), "{out}");
    let central = stdout_of(&mut sb.graph(&["central", "--graph", "hamlet.json"]));
    assert!(
        central
            .lines()
            .next()
            .unwrap()
            .ends_with("; graph hamlet.json from hamlet.csv"),
        "{central}"
    );
    // An absolute path is shown by its file name only.
    let abs = sb.path("hamlet.json");
    let stats = stdout_of(&mut sb.graph(&["stats", "--graph", abs.to_str().unwrap()]));
    assert!(stats.starts_with("graph hamlet.json from hamlet.csv\n"), "{stats}");
    assert!(!stats.contains(sb.dir.path().to_str().unwrap()), "{stats}");
}

#[test]
fn characters_without_ties_are_pointed_out() {
    let sb = Sandbox::new();
    let out = stdout_of(&mut sb.graph(&["build", "data/s1.csv"]));
    assert!(!out.contains("no tie"), "{out}");
    sb.write("alone.csv", "characters\nA;B\nC\n");
    let out = stdout_of(&mut sb.graph(&["build", "alone.csv"]));
    assert!(
        out.contains("1 character has no tie: normalised betweenness and closeness count it among the n characters")
            && out.contains("--drop-isolated leaves it out"),
        "{out}"
    );
}

#[test]
fn names_that_look_like_lists_get_a_warning_naming_the_separator() {
    let sb = Sandbox::new();
    sb.write(
        "s.csv",
        "episode,characters\n1,\"Carly, Vanessa\"\n2,Sasha|Maria\n3,\"Miles, Alya\"\n",
    );
    let out = sb.graph(&["build", "s.csv"]).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("s.csv: 2 scenes list one name holding `,` (the first on line 2: \"Carly, Vanessa\"); if they are several names, give --separator ','"),
        "{err}"
    );
    // Names with a comma beside a real separator are fine.
    sb.write("ok.csv", "characters\n\"Smith, John;Ada\"\n");
    let out = sb.graph(&["build", "ok.csv"]).assert().success();
    assert!(
        out.get_output().stderr.is_empty(),
        "{:?}",
        String::from_utf8_lossy(&out.get_output().stderr)
    );
}
