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
