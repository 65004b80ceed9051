//! `graph export`.

use std::io::Write;
use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;

use crate::{Sandbox, stdout_of};

const NAMES: [&str; 10] = [
    "Vanessa", "Carly", "Sasha", "Maria", "Alya", "Miles", "Mr. Park", "Julie", "Denzel", "Scarlett",
];

/// Runs Graphviz `layout -Tsvg` on `dot`; Graphviz is required (CI installs it).
fn render(layout: &str, dot: &str) -> String {
    let mut child = StdCommand::new(layout)
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("Graphviz `{layout}` is required for this test (apt-get install graphviz): {e}"));
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{layout} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{layout} warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dot_round_trips_through_graphviz() {
    let sb = Sandbox::new();
    sb.build_s1();
    let dot = stdout_of(&mut sb.graph(&["export", "--dot"]));
    assert!(dot.contains("graph castgraph {"));
    assert!(
        dot.contains("\"Vanessa\" -- \"Carly\" [weight=2, penwidth=5.00, label=\"2\"];"),
        "{dot}"
    );
    assert!(dot.contains("neato"), "suggests neato/sfdp for large casts");
    for layout in ["dot", "neato"] {
        let svg = render(layout, &dot);
        for name in NAMES {
            assert!(svg.contains(&format!(">{name}</text>")), "{layout} SVG lacks {name}");
        }
    }
}

#[test]
fn dot_escapes_quotes_and_backslashes() {
    let sb = Sandbox::new();
    sb.write(
        "q.csv",
        "characters\n\"Tony \"\"Two Times\"\" Russo;Mr. Park;back\\slash\"\n",
    );
    sb.graph(&["build", "q.csv"]).assert().success();
    let dot = stdout_of(&mut sb.graph(&["export", "--dot"]));
    assert!(dot.contains(r#""Tony \"Two Times\" Russo""#), "{dot}");
    assert!(dot.contains(r#""back\\slash""#), "{dot}");
    let svg = render("dot", &dot);
    assert!(svg.contains("Tony &quot;Two Times&quot; Russo"), "{svg}");
    assert!(svg.contains(r"back\slash"), "{svg}");
}

#[test]
fn csv_edge_table_for_gephi() {
    let sb = Sandbox::new();
    sb.build_s1();
    let out = stdout_of(&mut sb.graph(&["export", "--csv"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Source,Target,Type,Weight");
    assert_eq!(lines[1], "Vanessa,Carly,Undirected,2");
    assert_eq!(lines.len(), 8);
    assert!(lines.contains(&"Julie,Denzel,Undirected,1"));
}

#[test]
fn csv_node_table_carries_measures() {
    let sb = Sandbox::new();
    sb.build_s1();
    let out = stdout_of(&mut sb.graph(&["export", "--csv", "--nodes"]));
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        r.headers().unwrap(),
        vec![
            "Id",
            "Label",
            "Scenes",
            "Degree",
            "Strength",
            "Betweenness",
            "Closeness",
            "Harmonic",
            "Eigenvector",
            "Pagerank",
            "Community"
        ]
    );
    let ids: Vec<String> = r.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(ids, NAMES);
}

#[test]
fn output_file_is_written_and_export_is_deterministic() {
    let sb = Sandbox::new();
    sb.build_s1();
    sb.graph(&["export", "--dot", "-o", "cast.dot"])
        .assert()
        .success()
        .stdout("");
    let again = stdout_of(&mut sb.graph(&["export", "--dot"]));
    assert_eq!(sb.read("cast.dot"), again);
    // No temporary files are left beside it.
    assert_eq!(sb.files_in("."), ["cast.dot", "data", "output"]);
}

#[test]
fn closed_pipe_is_not_an_error() {
    let sb = Sandbox::new();
    // A cast big enough that the output overflows the pipe buffer.
    let mut csv = String::from("characters\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "Character {i};Character {};Character {}\n",
            (i * 7 + 1) % 3000,
            (i * 13 + 5) % 3000
        ));
    }
    sb.write("big.csv", csv);
    sb.graph(&["build", "big.csv", "--quiet"]).assert().success();
    for args in [
        &["export", "--dot"][..],
        &["export", "--csv"],
        &["central", "--top", "0"],
    ] {
        let script = format!(
            "'{}' {} | head -1",
            assert_cmd::cargo::cargo_bin("graph").display(),
            args.join(" ")
        );
        let out = StdCommand::new("bash")
            .args(["-o", "pipefail", "-c", &script])
            .current_dir(sb.dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn export_requires_a_format() {
    let sb = Sandbox::new();
    sb.build_s1();
    sb.graph(&["export"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--dot"));
}

#[test]
fn output_to_a_device_or_pipe_is_written_in_place() {
    let sb = Sandbox::new();
    sb.build_s1();
    // Renaming a temporary file over /dev/null would replace the device.
    sb.graph(&["export", "--dot", "-o", "/dev/null"]).assert().success();
    sb.graph(&["build", "data/s1.csv", "-o", "/dev/null"])
        .assert()
        .success();
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null must still be a device");
}

#[cfg(unix)]
#[test]
fn new_files_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    sb.build_s1();
    sb.graph(&["export", "--csv", "-o", "edges.csv"]).assert().success();
    assert_eq!(
        std::fs::metadata(sb.path("edges.csv")).unwrap().permissions().mode() & 0o777,
        0o644
    );
    assert_eq!(
        std::fs::metadata(sb.path("output/graph.json"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o644
    );
}

#[test]
fn spreadsheet_safe_csv() {
    let sb = Sandbox::new();
    sb.write("f.csv", "characters\n=SUM(A1);@home\n");
    sb.graph(&["build", "f.csv", "-q"]).assert().success();
    let exact = stdout_of(&mut sb.graph(&["export", "--csv"]));
    assert!(exact.contains("=SUM(A1),@home,Undirected,1"), "{exact}");
    let safe = stdout_of(&mut sb.graph(&["export", "--csv", "--spreadsheet-safe"]));
    assert!(safe.contains("'=SUM(A1),'@home,Undirected,1"), "{safe}");
    let nodes = stdout_of(&mut sb.graph(&["export", "--csv", "--nodes", "--spreadsheet-safe"]));
    assert!(nodes.contains("\n'=SUM(A1),'=SUM(A1),1,"), "{nodes}");
}

/// A chain of `n` characters, as a scene file.
fn chain(n: usize) -> String {
    let mut text = "characters\n".to_string();
    for i in 1..n {
        text.push_str(&format!("C{};C{}\n", i - 1, i));
    }
    text
}

#[test]
fn dot_picks_a_readable_layout_for_big_casts_and_can_drop_edge_labels() {
    let sb = Sandbox::new();
    sb.build_s1();
    let small = stdout_of(&mut sb.graph(&["export", "--dot"]));
    assert!(small.contains("  graph [overlap=false, splines=true];"), "{small}");
    sb.write("forty.csv", chain(40));
    sb.graph(&["build", "forty.csv", "-o", "forty.json"]).assert().success();
    let forty = stdout_of(&mut sb.graph(&["export", "--dot", "--graph", "forty.json"]));
    assert!(forty.contains("graph [layout=neato,"), "{forty}");
    sb.write("many.csv", chain(600));
    sb.graph(&["build", "many.csv", "-o", "many.json"]).assert().success();
    let many = stdout_of(&mut sb.graph(&["export", "--dot", "--graph", "many.json", "--no-communities"]));
    assert!(many.contains("graph [layout=sfdp,"), "{}", &many[..300]);
    let asked = stdout_of(&mut sb.graph(&[
        "export",
        "--dot",
        "--graph",
        "many.json",
        "--layout",
        "dot",
        "--no-communities",
    ]));
    assert!(asked.contains("graph [layout=dot,"));
    let bare = stdout_of(&mut sb.graph(&["export", "--dot", "--no-edge-labels"]));
    assert!(
        bare.contains("\"Vanessa\" -- \"Carly\" [weight=2, penwidth=5.00];"),
        "{bare}"
    );
}

#[test]
fn size_by_shades_nodes_by_the_measure_and_keeps_communities_as_outlines() {
    let sb = Sandbox::new();
    sb.build_s1();
    let dot = stdout_of(&mut sb.graph(&["export", "--dot", "--size-by", "pagerank"]));
    // Carly has the largest PageRank: the deepest blue; her community's colour is her outline.
    let carly = dot.lines().find(|l| l.trim_start().starts_with("\"Carly\" [")).unwrap();
    assert!(
        carly.contains("fillcolor=\"#2166ac\"") && carly.contains("color=\"#8dd3c7\", penwidth=2"),
        "{carly}"
    );
    let plain = stdout_of(&mut sb.graph(&["export", "--dot"]));
    let carly = plain
        .lines()
        .find(|l| l.trim_start().starts_with("\"Carly\" ["))
        .unwrap();
    assert!(carly.contains("fillcolor=\"#8dd3c7\""), "{carly}");
}

#[test]
fn edge_lists_count_rows_not_scenes_everywhere_a_person_reads() {
    let sb = Sandbox::new();
    sb.write(
        "got-edges.csv",
        "Source,Target,Weight,Season\nNED,ROBERT,192,1\nNED,ARYA,40,1\nARYA,SANSA,20,1\n",
    );
    let build = stdout_of(&mut sb.graph(&["build", "got-edges.csv"]));
    assert!(build.contains("Read 3 rows from got-edges.csv"), "{build}");
    let stats = stdout_of(&mut sb.graph(&["stats"]));
    assert!(stats.contains("\nrows                3\n"), "{stats}");
    let central = stdout_of(&mut sb.graph(&["central"]));
    assert!(central.lines().nth(1).unwrap().contains(" rows "), "{central}");
    let html = stdout_of(&mut sb.graph(&["export", "--html"]));
    assert!(
        html.contains("got-edges.csv (3 rows)") && html.contains("\"unit\":[\"row\",\"rows\"]"),
        "caption or data"
    );
    let json = stdout_of(&mut sb.graph(&["export", "--json"]));
    assert!(json.contains("\"scenes_count\": \"rows\""), "{json}");
    let graphml = stdout_of(&mut sb.graph(&["export", "--graphml"]));
    assert!(
        graphml.contains("the rows of the edge list (interactions)"),
        "{graphml}"
    );
    // A scene file still counts scenes.
    sb.build_s1();
    let stats = stdout_of(&mut sb.graph(&["stats"]));
    assert!(stats.contains("\nscenes              11\n"), "{stats}");
}

#[test]
fn html_takes_a_title_a_description_and_embeds_without_absolute_paths() {
    let sb = Sandbox::new();
    let abs = sb.path("data/s1.csv");
    sb.graph(&["build", abs.to_str().unwrap()]).assert().success();
    let page = stdout_of(&mut sb.graph(&["export", "--html"]));
    assert!(
        !page.contains(sb.dir.path().to_str().unwrap()),
        "the page carries an absolute path"
    );
    assert!(page.contains("<title>castgraph: s1.csv</title>"), "default title");
    let titled = stdout_of(&mut sb.graph(&[
        "export",
        "--html",
        "--title",
        "Backstage",
        "--description",
        "Season 1, episode 14.",
        "--embed",
    ]));
    assert!(titled.contains("<title>Backstage</title>") && titled.contains("content=\"Season 1, episode 14.\""));
    assert!(titled.contains("<body class=\"embed\">"));
    sb.graph(&["export", "--dot", "--embed"]).assert().failure().code(2);
}

#[test]
fn html_exact_is_for_the_view_only() {
    let sb = Sandbox::new();
    sb.build_s1();
    // A small cast is exact anyway: --exact changes nothing.
    let page = stdout_of(&mut sb.graph(&["export", "--html"]));
    assert_eq!(page, stdout_of(&mut sb.graph(&["export", "--html", "--exact"])));
    assert!(page.contains("\"estimated\":[]"), "nothing estimated on a small cast");
    sb.graph(&["export", "--dot", "--exact"]).assert().failure().code(2);
    sb.graph(&["export", "--html", "--exact", "--sample", "10"])
        .assert()
        .failure()
        .code(2);
    // An explicit sample is stated as such, without the advice for large casts.
    let sampled = stdout_of(&mut sb.graph(&["export", "--html", "--sample", "3"]));
    assert!(sampled.contains("\"estimated\":[\"betweenness\",\"closeness\",\"harmonic\"]"));
    assert!(!sampled.contains("--exact"), "no advice for a sample asked for");
}
