//! `--unweighted` on every command that measures: every tie counts 1, and the
//! caption says so. DraCor's test vector (segments [a,b,c], [a,d], with a
//! second shared scene for a and b so that weights would change the answer).

use serde_json::Value;

use crate::{Sandbox, stdout_of};

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("v.csv", "episode,characters\n1,a;b;c\n1,a;d\n2,a;b\n");
    sb.graph(&["build", "v.csv"]).assert().success();
    sb
}

#[test]
fn central_counts_every_tie_once_and_says_so() {
    let sb = sandbox();
    let out = stdout_of(&mut sb.graph(&["central", "--unweighted", "--distance", "hops", "--format", "json"]));
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let a = rows.iter().find(|r| r["character"] == "a").unwrap();
    // DraCor's published eigenvector of `a` (nx.eigenvector_centrality), strength = degree.
    assert!(
        (a["eigenvector"].as_f64().unwrap() - 0.6116286437343044).abs() < 1e-12,
        "{a}"
    );
    assert_eq!(a["strength"].as_f64().unwrap(), 3.0);
    assert!((a["betweenness"].as_f64().unwrap() - 0.6666666666666666).abs() < 1e-12);
    let weighted = stdout_of(&mut sb.graph(&["central", "--format", "json"]));
    let rows: Vec<Value> = serde_json::from_str(&weighted).unwrap();
    let a = rows.iter().find(|r| r["character"] == "a").unwrap();
    assert_eq!(a["strength"].as_f64().unwrap(), 4.0);
    let table = stdout_of(&mut sb.graph(&["central", "--unweighted"]));
    assert!(
        table
            .lines()
            .next()
            .unwrap()
            .contains("every tie counts 1 (--unweighted)"),
        "{table}"
    );
}

#[test]
fn stats_export_compare_and_timeline_take_it_too() {
    let sb = sandbox();
    let stats = stdout_of(&mut sb.graph(&["stats", "--unweighted"]));
    assert!(
        stats.contains("total weight        4\n") && stats.contains("every tie counts 1"),
        "{stats}"
    );
    let json = stdout_of(&mut sb.graph(&["export", "--json", "--unweighted"]));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v["graph"]["measures"].as_str().unwrap().contains("--unweighted"));
    let a = v["nodes"].as_array().unwrap().iter().find(|n| n["id"] == "a").unwrap();
    assert!((a["eigenvector"].as_f64().unwrap() - 0.6116286437343044).abs() < 1e-12);
    // The export keeps the ties' own weights.
    let ab = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["source"] == "a" && l["target"] == "b")
        .unwrap();
    assert_eq!(ab["weight"].as_f64().unwrap(), 2.0);
    sb.graph(&["build", "v.csv", "-o", "w.json", "--quiet"])
        .assert()
        .success();
    let compare = stdout_of(&mut sb.graph(&["compare", "output/graph.json", "w.json", "--unweighted"]));
    assert!(compare.lines().next().unwrap().contains("--unweighted"), "{compare}");
    let timeline = stdout_of(&mut sb.graph(&["timeline", "v.csv", "--unweighted", "--measures", "eigenvector"]));
    assert!(timeline.lines().next().unwrap().contains("--unweighted"), "{timeline}");
}
