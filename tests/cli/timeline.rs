//! `graph timeline`'s choices (issue 15 point 10): chapters grouped by
//! part, chosen characters, the wide table, `-o`, and a group column named
//! after `--by`. (Its figures against NetworkX are in `tests/timeline.rs`.)

use super::{Sandbox, stdout_of};

/// A book in Knuth's format whose chapters are listed out of order
/// (`1.10` before `1.2`): four characters, two parts.
const BOOK: &str = "AA Alice\nBB Bob\nCC Cleo\nDD Dan\n\n1.10:AA,CC;DD\n1.1:AA,BB\n1.2:BB,CC\n2.1:AA,DD\n";

fn book() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("book.dat", BOOK);
    sb
}

#[test]
fn chapters_come_in_chapter_order_and_group_by_part_with_prefix() {
    let sb = book();
    let table = stdout_of(&mut sb.graph(&["timeline", "book.dat", "--rank-by", "degree"]));
    let header = table.lines().nth(1).unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["character", "all", "1.1", "1.2", "1.10", "2.1"],
        "1.2 before 1.10, not merged with 1.1:\n{table}"
    );
    // Part 1 is chapters 1.1, 1.2 and 1.10 together: a triangle and Dan alone.
    let wide = stdout_of(&mut sb.graph(&[
        "timeline",
        "book.dat",
        "--prefix",
        "1",
        "--rank-by",
        "degree",
        "--format",
        "wide",
    ]));
    assert_eq!(wide, "character,all,1,2\nAlice,3,2,1\nBob,2,2,\nCleo,2,2,\nDan,1,0,1\n");
    let ranks = stdout_of(&mut sb.graph(&[
        "timeline",
        "book.dat",
        "--prefix",
        "1",
        "--rank-by",
        "degree",
        "--format",
        "wide",
        "--ranks",
    ]));
    assert_eq!(
        ranks,
        "character,all,1,2\nAlice,1,1,1\nBob,2,2,\nCleo,3,3,\nDan,4,4,2\n"
    );
    // The part's graph is the graph of its chapters' scenes, measure for measure.
    sb.write(
        "part1.csv",
        "episode,characters\n1,Alice;Cleo\n1,Dan\n1,Alice;Bob\n1,Bob;Cleo\n",
    );
    let built = stdout_of(&mut sb.graph(&["build", "part1.csv", "-o", "part1.json"]));
    assert!(!built.is_empty());
    let central = stdout_of(&mut sb.graph(&["central", "--graph", "part1.json", "--format", "csv"]));
    let long = stdout_of(&mut sb.graph(&["timeline", "book.dat", "--prefix", "1", "--format", "csv"]));
    let mut checked = 0;
    let mut rows = central.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    for row in rows {
        let cells: Vec<&str> = row.split(',').collect();
        let name = cells[header.iter().position(|h| *h == "character").unwrap()];
        for (h, value) in header.iter().zip(&cells) {
            if ["character", "rank", "scenes"].contains(h) {
                continue;
            }
            let expected: f64 = value.parse().unwrap();
            let line = long
                .lines()
                .find(|l| l.starts_with(&format!("1,{name},{h},")))
                .unwrap_or_else(|| panic!("no {name} {h} in part 1:\n{long}"));
            let got: f64 = line.split(',').nth(3).unwrap().parse().unwrap();
            assert!((got - expected).abs() <= 1e-9, "{name} {h}: {got} vs {expected}");
            checked += 1;
        }
    }
    assert!(checked >= 4 * 7, "{checked} values compared");
    // A deeper prefix than a key has keeps the key whole.
    let deep = stdout_of(&mut sb.graph(&["timeline", "book.dat", "--prefix", "5", "--format", "wide"]));
    assert!(deep.starts_with("character,all,1.1,1.2,1.10,2.1\n"), "{deep}");
}

#[test]
fn chosen_characters_are_followed_in_every_format() {
    let sb = book();
    let long = stdout_of(&mut sb.graph(&[
        "timeline",
        "book.dat",
        "--characters",
        "dan,ALICE",
        "--measures",
        "degree",
        "--format",
        "csv",
    ]));
    let names: std::collections::BTreeSet<&str> = long.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["Alice", "Dan"], "{long}");
    let table = stdout_of(&mut sb.graph(&[
        "timeline",
        "book.dat",
        "--characters",
        "Dan,Alice",
        "--rank-by",
        "degree",
    ]));
    let first: Vec<&str> = table
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(first, ["Dan", "Alice"], "in the order given:\n{table}");
    let wide = stdout_of(&mut sb.graph(&[
        "timeline",
        "book.dat",
        "--characters",
        "cleo",
        "--format",
        "wide",
        "--rank-by",
        "scenes",
    ]));
    assert_eq!(wide, "character,all,1.1,1.2,1.10,2.1\nCleo,2,,1,1,\n");
    let plot = sb.path("cleo.svg");
    sb.graph(&[
        "timeline",
        "book.dat",
        "--characters",
        "Cleo,Bob",
        "--plot",
        plot.to_str().unwrap(),
    ])
    .assert()
    .success();
    let svg = sb.read("cleo.svg");
    assert!(svg.contains("2 chosen characters"), "the subtitle says who is drawn");
    // A name that is nobody is refused with suggestions, not guessed.
    sb.graph(&["timeline", "book.dat", "--characters", "Alice,Clea"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("`Clea`").and(predicates::str::contains("`Cleo`")));
    // --top and --characters choose two ways: refused as usage.
    sb.graph(&["timeline", "book.dat", "--characters", "Alice", "--top", "3"])
        .assert()
        .code(2);
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn the_group_column_is_named_after_by_and_output_goes_to_o() {
    let sb = Sandbox::new();
    sb.write(
        "seasons.csv",
        "season,episode,characters\n1,1,A;B\n1,2,B;C\n2,3,A;C\n2,4,=SUM(A1);A\n",
    );
    sb.graph(&[
        "timeline",
        "seasons.csv",
        "--by",
        "season",
        "--format",
        "csv",
        "--measures",
        "degree",
        "-o",
        "long.csv",
    ])
    .assert()
    .success()
    .stdout("");
    let long = sb.read("long.csv");
    assert!(
        long.starts_with("season,character,measure,value,rank\n1,A,scenes,1,"),
        "{long}"
    );
    let json = stdout_of(&mut sb.graph(&[
        "timeline",
        "seasons.csv",
        "--by",
        "Season",
        "--format",
        "json",
        "--measures",
        "degree",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["Season"], "1", "{json}");
    assert!(rows[0].get("episode").is_none());
    // The wide table, made safe for a spreadsheet, to a file.
    sb.graph(&[
        "timeline",
        "seasons.csv",
        "--by",
        "season",
        "--format",
        "wide",
        "--rank-by",
        "scenes",
        "--spreadsheet-safe",
        "-o",
        "wide.csv",
    ])
    .assert()
    .success();
    let wide = sb.read("wide.csv");
    assert_eq!(wide.lines().next(), Some("character,all,1,2"));
    assert!(wide.contains("\n'=SUM(A1),1,,1\n"), "{wide}");
    // A --by column called like another column of the long table.
    sb.write("c.csv", "measure,characters\nx,A;B\n");
    let clash = stdout_of(&mut sb.graph(&["timeline", "c.csv", "--by", "measure", "--format", "csv"]));
    assert!(clash.starts_with("group,character,measure,value,rank\n"), "{clash}");
}

#[test]
fn options_for_another_format_are_usage_errors() {
    let sb = book();
    sb.graph(&["timeline", "book.dat", "--ranks"])
        .assert()
        .code(2)
        .stderr("error: --ranks is for --format wide (the table shows ranks; csv and json both)\n");
    sb.graph(&["timeline", "book.dat", "--spreadsheet-safe", "--format", "json"])
        .assert()
        .code(2);
    sb.graph(&["timeline", "book.dat", "--prefix", "0"]).assert().code(2);
}

#[test]
fn a_chart_of_many_chapters_suggests_grouping_them() {
    let sb = Sandbox::new();
    let mut book = String::from("AA Alice\nBB Bob\n\n");
    for part in 1..=3 {
        for chapter in 1..=25 {
            book.push_str(&format!("{part}.{chapter}:AA,BB\n"));
        }
    }
    sb.write("long.dat", &book);
    sb.graph(&["timeline", "long.dat"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "note: 75 episodes make a wide table (group chapters by part with --prefix 1)",
        ));
    sb.graph(&["timeline", "long.dat", "--prefix", "1"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn the_saved_graph_is_cut_like_its_files() {
    let sb = Sandbox::new();
    sb.write("book.dat", BOOK);
    sb.graph(&["build", "book.dat", "--weight", "newman"])
        .assert()
        .success();
    let files = stdout_of(&mut sb.graph(&[
        "timeline", "book.dat", "--weight", "newman", "--prefix", "1", "--format", "csv",
    ]));
    let saved = stdout_of(&mut sb.graph(&["timeline", "--prefix", "1", "--format", "csv"]));
    assert_eq!(saved, files);
    let table = stdout_of(&mut sb.graph(&["timeline", "--graph", "output/graph.json", "--top", "2"]));
    assert!(
        table
            .lines()
            .next()
            .unwrap()
            .contains("graph output/graph.json from book.dat, built with --weight newman"),
        "the caption names the graph and how it was built:\n{table}"
    );
    // Reading options belong to files; a column other than the episode is not kept.
    sb.graph(&["timeline", "--weight", "newman"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a saved graph keeps the options it was built with",
        ));
    sb.graph(&["timeline", "--by", "season"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "a saved graph keeps each scene's episode, not its `season`",
        ));
    // A graph that kept no scene list says so.
    let mut v: serde_json::Value = serde_json::from_str(&sb.read("output/graph.json")).unwrap();
    v["scenes"] = serde_json::Value::Null;
    sb.write("big.json", v.to_string());
    sb.graph(&["timeline", "--graph", "big.json"])
        .assert()
        .code(1)
        .stderr(
            "error: big.json: the graph keeps no scene list: it was built from more than 2,000,000 scenes and appearances, too many to keep (make the timeline from the input files instead)\n",
        );
    // No graph at all: build one first.
    let empty = Sandbox::new();
    empty
        .graph(&["timeline"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("output/graph.json"));
}
