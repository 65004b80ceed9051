//! `graph central`.

use predicates::prelude::*;
use serde_json::Value;

use crate::{Sandbox, stdout_of};

#[test]
fn top5_table_on_s1() {
    let sb = Sandbox::new();
    sb.build_s1();
    let out = stdout_of(&mut sb.graph(&["central", "--top", "5"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines[0].trim_start().starts_with("rank"), "{out}");
    let first: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(first, ["1", "Carly", "4", "3", "4.0000", "0.1919"]);
    // Julie and Miles tie on PageRank: the tie is broken by name.
    assert!(lines[2].contains("Julie") && lines[3].contains("Miles"), "{out}");
}

#[test]
fn csv_has_documented_columns_and_full_precision() {
    let sb = Sandbox::new();
    sb.build_s1();
    let out = stdout_of(&mut sb.graph(&["central", "--top", "0", "--format", "csv"]));
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        r.headers().unwrap(),
        vec!["rank", "character", "scenes", "degree", "strength", "pagerank"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    let sum: f64 = rows.iter().map(|r| r[5].parse::<f64>().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-12, "PageRank sums to 1, got {sum}");
    let carly = rows.iter().find(|r| &r[1] == "Carly").unwrap();
    assert_eq!(&carly[3], "3");
    assert!(carly[5].len() > 10, "full precision: {}", &carly[5]);
}

#[test]
fn by_degree_json() {
    let sb = Sandbox::new();
    sb.build_s1();
    let out = stdout_of(&mut sb.graph(&["central", "--by", "degree", "--top", "3", "--format", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["character"], "Carly");
    assert_eq!(rows[0]["degree"], 3);
    let keys: Vec<&String> = rows[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["rank", "character", "scenes", "degree", "strength", "pagerank"]);
    // Degree 2: Julie and Miles, by name.
    assert_eq!(rows[1]["character"], "Julie");
    assert_eq!(rows[2]["character"], "Miles");
}

#[test]
fn graph_option_and_unknown_measure() {
    let sb = Sandbox::new();
    sb.graph(&["build", "data/s1.csv", "-o", "g.json"]).assert().success();
    sb.graph(&["central", "--graph", "g.json", "--top", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Carly"));
    sb.graph(&["central", "--graph", "g.json", "--by", "fame"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown measure `fame`"));
}

#[test]
fn central_output_is_deterministic() {
    let sb = Sandbox::new();
    sb.build_s1();
    let a = stdout_of(&mut sb.graph(&["central", "--top", "0", "--format", "csv"]));
    sb.build_s1();
    let b = stdout_of(&mut sb.graph(&["central", "--top", "0", "--format", "csv"]));
    assert_eq!(a, b);
}
