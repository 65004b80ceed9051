//! `graph stats`.

use serde_json::Value;

use crate::{Sandbox, stdout_of};

#[test]
fn stats_table_on_s1() {
    let sb = Sandbox::new();
    sb.build_s1();
    let out = stdout_of(&mut sb.graph(&["stats"]));
    for line in [
        "scenes              11",
        "characters          10",
        "ties                7",
        "total weight        10",
        "density             0.1556",
        "components          3 (largest: 4 characters)",
        "average clustering  0.0000",
        "      4         2        1.5000  Vanessa",
        "      3         2        1.3333  Alya",
        "      3         2        1.3333  Julie",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn stats_json_on_s1() {
    let sb = Sandbox::new();
    sb.build_s1();
    let v: Value = serde_json::from_str(&stdout_of(&mut sb.graph(&["stats", "--format", "json"]))).unwrap();
    assert_eq!(v["characters"], 10);
    assert_eq!(v["components"], 3);
    assert_eq!(v["component_details"].as_array().unwrap().len(), 3);
    assert_eq!(v["component_details"][0]["diameter"], 2);
    assert_eq!(v["density"].as_f64().unwrap(), 7.0 / 45.0);
}

#[test]
fn stats_csv_on_s1_agrees_with_json() {
    let sb = Sandbox::new();
    sb.build_s1();
    let csv_text = stdout_of(&mut sb.graph(&["stats", "--format", "csv"]));
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(r.headers().unwrap(), vec!["scope", "figure", "value"]);
    let rows: Vec<(String, String, String)> = r
        .records()
        .map(|x| {
            let x = x.unwrap();
            (x[0].to_string(), x[1].to_string(), x[2].to_string())
        })
        .collect();
    let get = |scope: &str, figure: &str| {
        rows.iter()
            .find(|r| r.0 == scope && r.1 == figure)
            .map(|r| r.2.clone())
            .unwrap()
    };
    assert_eq!(get("graph", "characters"), "10");
    assert_eq!(get("graph", "density").parse::<f64>().unwrap(), 7.0 / 45.0);
    assert_eq!(get("component 1", "diameter"), "2");
    assert_eq!(get("component 3", "size"), "3");
    assert_eq!(rows.len(), 13 + 3 * 4);
}

#[test]
fn components_are_numbered_largest_first() {
    // The smaller component appears first in the file (as in julius-caesar, whose
    // first component has 4 characters and the second 47).
    let sb = Sandbox::new();
    sb.write("c.csv", "characters\nA;B\nC;D;E\nE;F\n");
    sb.graph(&["build", "c.csv"]).assert().success();
    let csv_text = stdout_of(&mut sb.graph(&["stats", "--format", "csv"]));
    assert!(csv_text.contains("component 1,size,4\n"), "{csv_text}");
    assert!(csv_text.contains("component 1,first_character,C\n"), "{csv_text}");
    assert!(csv_text.contains("component 2,size,2\n"), "{csv_text}");
}
