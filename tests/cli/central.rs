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
    assert_eq!(lines.len(), 7, "{out}");
    assert_eq!(
        lines[0],
        "top 5 of 10, ranked by pagerank; path measures: distance = 1/weight (--distance inverse), exact; \
         eigenvector is 0 outside the component with the largest leading eigenvalue (NetworkX's whole-graph \
         definition; --eigenvector-scope component measures each component on its own); graph \
         output/graph.json from data/s1.csv"
    );
    let header: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "rank",
            "character",
            "scenes",
            "degree",
            "strength",
            "betweenness",
            "closeness",
            "harmonic",
            "eigenvector",
            "pagerank",
            "▼"
        ]
    );
    let first: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(
        first,
        [
            "1", "Carly", "4", "3", "4.0000", "0.0833", "0.4000", "4.0000", "0.0000", "0.1919"
        ]
    );
    // Julie and Miles tie on PageRank: the tie is broken by name.
    assert!(lines[3].contains("Julie") && lines[4].contains("Miles"), "{out}");
}

#[test]
fn csv_has_documented_columns_and_full_precision() {
    let sb = Sandbox::new();
    sb.build_s1();
    let out = stdout_of(&mut sb.graph(&["central", "--top", "0", "--format", "csv"]));
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        r.headers().unwrap(),
        vec![
            "rank",
            "character",
            "scenes",
            "degree",
            "strength",
            "betweenness",
            "closeness",
            "harmonic",
            "eigenvector",
            "pagerank"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    let sum: f64 = rows.iter().map(|r| r[9].parse::<f64>().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-12, "PageRank sums to 1, got {sum}");
    let carly = rows.iter().find(|r| &r[1] == "Carly").unwrap();
    assert_eq!(&carly[3], "3");
    assert!(carly[9].len() > 10, "full precision: {}", &carly[9]);
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
    assert_eq!(
        keys,
        [
            "rank",
            "character",
            "scenes",
            "degree",
            "strength",
            "betweenness",
            "closeness",
            "harmonic",
            "eigenvector",
            "pagerank"
        ]
    );
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

#[test]
fn distance_choice_changes_path_measures_and_is_announced() {
    let sb = Sandbox::new();
    sb.build_s1();
    let inverse = stdout_of(&mut sb.graph(&["central", "--by", "closeness", "--top", "1"]));
    let hops = stdout_of(&mut sb.graph(&["central", "--by", "closeness", "--top", "1", "--distance", "hops"]));
    assert!(
        hops.starts_with(
            "top 1 of 10, ranked by closeness; path measures: distance = 1 per tie (weights ignored) (--distance hops), exact"
        ),
        "{hops}"
    );
    // By 1/weight, Miles (2 heavy ties) is closest; by hops, Carly (3 co-stars).
    assert!(inverse.lines().nth(2).unwrap().contains("Miles"), "{inverse}");
    assert!(hops.lines().nth(2).unwrap().contains("Carly"), "{hops}");
}

#[test]
fn sampled_run_says_so_and_full_sample_is_exact() {
    let sb = Sandbox::new();
    sb.build_s1();
    let exact = stdout_of(&mut sb.graph(&["central", "--top", "0", "--format", "json"]));
    let all = sb
        .graph(&[
            "central", "--top", "0", "--format", "json", "--sample", "10", "--seed", "3",
        ])
        .assert()
        .success();
    let out = all.get_output();
    assert_eq!(String::from_utf8(out.stdout.clone()).unwrap(), exact);
    let few = sb
        .graph(&[
            "central", "--top", "0", "--format", "csv", "--sample", "3", "--seed", "3",
        ])
        .assert()
        .success();
    let err = String::from_utf8(few.get_output().stderr.clone()).unwrap();
    assert!(err.contains("estimated from 3 pivot sources (seed 3)"), "{err}");
    sb.graph(&["central", "--sample", "0"]).assert().code(2);
}

#[test]
fn every_measure_can_rank() {
    let sb = Sandbox::new();
    sb.build_s1();
    for (m, first) in [
        ("degree", "Carly"),
        ("strength", "Carly"),
        ("betweenness", "Carly"),
        ("closeness", "Miles"),
        ("harmonic", "Carly"),
        ("eigenvector", "Miles"),
        ("pagerank", "Carly"),
    ] {
        let out = stdout_of(&mut sb.graph(&["central", "--by", m, "--top", "1", "--format", "csv"]));
        assert_eq!(
            out.lines().nth(1).unwrap().split(',').nth(1).unwrap(),
            first,
            "--by {m}"
        );
    }
}

#[test]
fn machine_formats_print_every_row_and_the_table_says_how_many_it_shows() {
    let sb = Sandbox::new();
    sb.build_s1();
    let csv_text = stdout_of(&mut sb.graph(&["central", "--format", "csv"]));
    assert_eq!(csv_text.lines().count(), 1 + 10, "{csv_text}");
    let json = stdout_of(&mut sb.graph(&["central", "--format", "json"]));
    assert_eq!(serde_json::from_str::<Vec<Value>>(&json).unwrap().len(), 10);
    let top3 = stdout_of(&mut sb.graph(&["central", "--format", "csv", "--top", "3"]));
    assert_eq!(top3.lines().count(), 1 + 3);
    sb.write(
        "big.csv",
        format!(
            "characters\n{}\n",
            (0..15).map(|i| format!("C{i}")).collect::<Vec<_>>().join(";")
        ),
    );
    sb.graph(&["build", "big.csv", "-o", "big.json"]).assert().success();
    let table = stdout_of(&mut sb.graph(&["central", "--graph", "big.json"]));
    assert!(table.starts_with("top 10 of 15, ranked by pagerank"), "{table}");
}

#[test]
fn eigenvector_of_each_component_and_why_it_is_zero() {
    let sb = Sandbox::new();
    sb.build_s1();
    let get = |args: &[&str]| -> Vec<Value> {
        let mut all = vec!["central", "--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&stdout_of(&mut sb.graph(&all))).unwrap()
    };
    let eigen = |rows: &[Value], who: &str| {
        rows.iter().find(|r| r["character"] == who).unwrap()["eigenvector"]
            .as_f64()
            .unwrap()
    };
    // Carly leads her component but NetworkX's definition gives her 0 on the whole graph.
    assert_eq!(eigen(&get(&[]), "Carly"), 0.0);
    let component = get(&["--eigenvector-scope", "component"]);
    assert!(eigen(&component, "Carly") > 0.5, "{component:?}");
    let miles = eigen(&component, "Miles");
    assert!((miles - eigen(&get(&[]), "Miles")).abs() < 1e-12);
}

#[test]
fn raw_betweenness_counts_paths_as_gephi_and_igraph_print() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("sgb")).unwrap();
    std::fs::copy(
        crate::repo().join("tests/fixtures/sgb/jean.dat"),
        sb.path("sgb/jean.dat"),
    )
    .unwrap();
    sb.graph(&["build", "sgb/jean.dat", "--drop-isolated", "-o", "j.json"])
        .assert()
        .success();
    let rows: Vec<Value> = serde_json::from_str(&stdout_of(&mut sb.graph(&[
        "central",
        "--graph",
        "j.json",
        "--distance",
        "hops",
        "--raw",
        "--by",
        "betweenness",
        "--top",
        "1",
        "--format",
        "json",
    ])))
    .unwrap();
    // NetworkX 3.6.1: betweenness_centrality(les_miserables_graph(), normalized=False)["Valjean"].
    assert_eq!(rows[0]["character"], "Jean Valjean");
    assert!(
        (rows[0]["betweenness"].as_f64().unwrap() - 1624.4688004333127).abs() < 1e-9,
        "{:?}",
        rows[0]
    );
}

#[test]
fn scenes_rank_and_typos_in_measure_names() {
    let sb = Sandbox::new();
    sb.build_s1();
    let top = stdout_of(&mut sb.graph(&["central", "--by", "scenes", "--top", "1", "--format", "csv"]));
    assert!(
        top.lines().nth(1).unwrap().contains(",Carly,4,") || top.lines().nth(1).unwrap().contains(",Miles,4,"),
        "{top}"
    );
    let out = sb.graph(&["central", "--by", "betweeness"]).assert().failure().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("did you mean `betweenness`?"), "{err}");
}

#[test]
fn measures_choose_the_columns_and_the_by_measure_is_kept() {
    let sb = Sandbox::new();
    sb.build_s1();
    let csv = stdout_of(&mut sb.graph(&["central", "--measures", "closeness,harmonic", "--format", "csv"]));
    assert_eq!(
        csv.lines().next(),
        Some("rank,character,scenes,closeness,harmonic,pagerank"),
        "pagerank is the --by measure"
    );
    let all = stdout_of(&mut sb.graph(&["central", "--format", "csv"]));
    let header: Vec<&str> = all.lines().next().unwrap().split(',').collect();
    // Same values as with every measure (hops: the multi-source BFS path).
    for distance in ["inverse", "hops"] {
        let some = stdout_of(&mut sb.graph(&[
            "central",
            "--measures",
            "harmonic,closeness",
            "--by",
            "harmonic",
            "--distance",
            distance,
            "--format",
            "json",
        ]));
        let every = stdout_of(&mut sb.graph(&[
            "central",
            "--by",
            "harmonic",
            "--distance",
            distance,
            "--format",
            "json",
        ]));
        let some: serde_json::Value = serde_json::from_str(&some).unwrap();
        let every: serde_json::Value = serde_json::from_str(&every).unwrap();
        for (a, b) in some.as_array().unwrap().iter().zip(every.as_array().unwrap()) {
            assert_eq!(a["character"], b["character"]);
            assert_eq!(a["closeness"], b["closeness"], "{distance}");
            assert_eq!(a["harmonic"], b["harmonic"], "{distance}");
            assert!(a.get("betweenness").is_none());
        }
    }
    assert!(header.contains(&"betweenness"));
    sb.graph(&["central", "--measures", "closenes"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `closeness`?"));
}
