//! `graph path`, `graph ego` and `graph compare` on the real season.

use predicates::prelude::*;

use super::Sandbox;

fn built() -> Sandbox {
    let sb = Sandbox::new();
    sb.graph(&["build", "data/s1.csv", "--quiet"]).assert().success();
    sb
}

fn stdout(sb: &Sandbox, args: &[&str]) -> String {
    let out = sb.graph(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn path_shows_both_chains_with_the_scenes_of_each_step() {
    let sb = built();
    let out = stdout(&sb, &["path", "sasha", "VANESSA"]);
    assert_eq!(
        out,
        "Sasha → Vanessa; graph output/graph.json from data/s1.csv

strongest chain (tie length 1/weight): 2 steps, length 1.5000
 step  from   to       weight  shared  scenes
    1  Sasha  Carly         1       1  S01E14, scene 3 (line 4)
    2  Carly  Vanessa       2       2  S01E14, scene 2 (line 3); S01E14, scene 4 (line 5)

fewest ties: 2 steps, length 2.0000
 step  from   to       weight  shared  scenes
    1  Sasha  Carly         1       1  S01E14, scene 3 (line 4)
    2  Carly  Vanessa       2       2  S01E14, scene 2 (line 3); S01E14, scene 4 (line 5)
"
    );
}

#[test]
fn path_csv_and_json_carry_every_scene() {
    let sb = built();
    let csv_out = stdout(
        &sb,
        &["path", "Sasha", "Vanessa", "--distance", "hops", "--format", "csv"],
    );
    let mut r = csv::Reader::from_reader(csv_out.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(
        r.headers().unwrap(),
        vec![
            "chain",
            "step",
            "from",
            "to",
            "weight",
            "shared_scenes",
            "length",
            "scenes"
        ]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][7], "S01E14, scene 2 (line 3); S01E14, scene 4 (line 5)");
    assert_eq!(&rows[1][6], "2");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&sb, &["path", "Sasha", "Vanessa", "--format", "json"])).unwrap();
    assert_eq!(json["chains"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["chains"][0]["characters"],
        serde_json::json!(["Sasha", "Carly", "Vanessa"])
    );
    assert_eq!(json["chains"][0]["steps"][1]["scenes"][1]["line"], 5);
    assert_eq!(json["chains"][0]["steps"][1]["scenes"][1]["file"], "data/s1.csv");
}

#[test]
fn names_are_forgiving_but_never_guess() {
    let sb = built();
    sb.graph(&["path", "Vanesa", "Carly"])
        .assert()
        .code(1)
        .stderr("error: no character called `Vanesa` in the graph (did you mean `Vanessa`?)\n");
    sb.graph(&["ego", "Nobody"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`graph central --top 0` lists every character",
        ));
}

#[test]
fn unconnected_characters_are_an_error_with_the_reason() {
    let sb = built();
    sb.graph(&["path", "Carly", "Alya"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: `Carly` and `Alya` are not connected",
        ));
}

#[test]
fn ego_lists_the_neighbourhood_and_saves_a_graph_every_command_reads() {
    let sb = built();
    let out = stdout(&sb, &["ego", "carly", "--save", "output/carly.json"]);
    assert_eq!(
        out,
        "ego graph of Carly, radius 1: 4 of 10 characters, 3 of 7 ties; saved to output/carly.json; graph \
output/graph.json from data/s1.csv
 character  hops  scenes  tie_to_centre  degree  strength
 Carly         0       4                      3         4
 Vanessa       1       3              2       1         2
 Maria         1       1              1       1         1
 Sasha         1       1              1       1         1
"
    );
    let central = stdout(
        &sb,
        &[
            "central",
            "--graph",
            "output/carly.json",
            "--format",
            "csv",
            "--top",
            "0",
        ],
    );
    assert_eq!(central.lines().count(), 5);
    let json: serde_json::Value = serde_json::from_str(&stdout(&sb, &["ego", "Carly", "--format", "json"])).unwrap();
    assert_eq!(json["ties"].as_array().unwrap().len(), 3);
}

#[test]
fn compare_reports_kept_new_gone_and_moves() {
    let sb = built();
    sb.write(
        "data/s2.csv",
        "episode,scene,characters\n1,1,Carly;Julie\n2,1,Julie;Denzel;Miles\n2,2,Miles;Alya;Julie\n3,1,Vanessa\n3,2,Zed\n",
    );
    sb.graph(&["build", "data/s2.csv", "-o", "output/s2.json", "--quiet"])
        .assert()
        .success();
    let out = stdout(
        &sb,
        &[
            "compare",
            "output/graph.json",
            "output/s2.json",
            "--by",
            "degree",
            "--format",
            "csv",
            "--top",
            "0",
        ],
    );
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    let status = |name: &str| rows.iter().find(|r| r[0] == name).map(|r| r[1].clone());
    assert_eq!(status("Julie").as_deref(), Some("kept"));
    assert_eq!(status("Zed").as_deref(), Some("new"));
    assert_eq!(status("Sasha").as_deref(), Some("gone"));
    // Julie: degree 2 (rank 2 of s1) → degree 4 (rank 1 of s2): up one place.
    let julie = rows.iter().find(|r| r[0] == "Julie").unwrap();
    assert_eq!(&julie[2..7], ["2", "1", "1", "2", "4"]);
    // Kept first (biggest move first), then new, then gone.
    let order: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|s| ["kept", "new", "gone"].iter().position(|x| x == s));
    assert_eq!(order, sorted);
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &sb,
        &["compare", "output/graph.json", "output/s2.json", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["measure"], "pagerank");
    stdout(&sb, &["compare", "output/graph.json", "output/s2.json"]);
}

#[test]
fn compare_names_a_missing_graph_file() {
    let sb = built();
    sb.graph(&["compare", "output/graph.json", "output/nope.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: output/nope.json: cannot open the saved graph",
        ));
}

#[test]
fn export_ego_writes_only_the_neighbourhood_in_every_format() {
    let sb = built();
    let edges = stdout(&sb, &["export", "--ego", "CARLY", "--csv"]);
    assert_eq!(
        edges,
        "Source,Target,Type,Weight\nVanessa,Carly,Undirected,2\nCarly,Sasha,Undirected,1\nCarly,Maria,Undirected,1\n"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&sb, &["export", "--ego", "Carly", "--json"])).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 4);
    for flag in ["--dot", "--graphml", "--gexf", "--html"] {
        let out = stdout(&sb, &["export", "--ego", "Alya", "--radius", "2", flag]);
        assert!(out.contains("Miles") && !out.contains("Carly"), "{flag}");
    }
    sb.graph(&["export", "--ego", "Carlie", "--csv"])
        .assert()
        .code(1)
        .stderr("error: no character called `Carlie` in the graph (did you mean `Carly`?)\n");
}
