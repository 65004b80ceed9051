//! `graph extract` and prose read by `build`, `timeline` and `path`.

use serde_json::Value;

use crate::{Sandbox, repo, stdout_of};

const CHAPTERS: &str = "^CHAPTER [IVX]+$";

/// A sandbox with the prose fixtures as `story.txt`, `cast.csv`, `synopsis.txt`.
fn prose() -> Sandbox {
    let sb = Sandbox::new();
    for name in ["story.txt", "cast.csv", "synopsis.txt"] {
        let bytes = std::fs::read(repo().join("tests/fixtures/prose").join(name)).unwrap();
        sb.write(name, bytes);
    }
    sb
}

/// What two builds must share: characters with their scene counts, ties
/// with weights and scene counts, and the scene list's labels and casts
/// (by name), in order.
fn essence(v: &Value) -> Value {
    let names: Vec<String> = v["characters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    let casts: Vec<Vec<&str>> = v["scenes"]["cast"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|i| names[i.as_u64().unwrap() as usize].as_str())
                .collect()
        })
        .collect();
    serde_json::json!({
        "characters": v["characters"],
        "ties": v["ties"],
        "episode": v["scenes"]["episode"],
        "scene": v["scenes"]["scene"],
        "cast": casts,
    })
}

#[test]
fn extract_then_build_equals_build_of_the_text() {
    let sb = prose();
    for window in [
        "paragraph",
        "sentence",
        "sentences:2",
        "sentences:3",
        "words:5",
        "words:15",
    ] {
        sb.graph(&[
            "extract",
            "story.txt",
            "--cast",
            "cast.csv",
            "--window",
            window,
            "--chapters",
            CHAPTERS,
            "-o",
            "scenes.csv",
        ])
        .assert()
        .success();
        sb.graph(&["build", "scenes.csv", "-o", "from-csv.json", "--quiet"])
            .assert()
            .success();
        sb.graph(&[
            "build",
            "story.txt",
            "--input-format",
            "text",
            "--cast",
            "cast.csv",
            "--window",
            window,
            "--chapters",
            CHAPTERS,
            "-o",
            "from-text.json",
            "--quiet",
        ])
        .assert()
        .success();
        let a: Value = serde_json::from_str(&sb.read("from-csv.json")).unwrap();
        let b: Value = serde_json::from_str(&sb.read("from-text.json")).unwrap();
        assert_eq!(essence(&a), essence(&b), "--window {window}");
        assert!(a["ties"]["source"].as_array().unwrap().len() >= 6, "--window {window}");
        assert_eq!(b["sources"][0]["format"], "text");
        assert_eq!(b["build"]["cast"], "cast.csv");
        assert_eq!(b["build"]["window"], window);
        assert_eq!(b["build"]["chapters"], CHAPTERS);
        // A graph not built from prose has none of the prose fields.
        assert!(a["build"].get("cast").is_none() && a["build"].get("window").is_none());
    }
}

#[test]
fn every_row_cites_the_text() {
    let sb = prose();
    let csv = stdout_of(&mut sb.graph(&["extract", "story.txt", "--cast", "cast.csv", "--chapters", CHAPTERS]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("episode,scene,characters,line,end_line,byte,end_byte,excerpt")
    );
    assert_eq!(
        lines.next(),
        Some(
            "CHAPTER I,1,Carly;Mr. Park,5,6,29,128,Carly met Mr. Park at St. Mary's. Mr Park—who smiled at \
             (Carly)—said he will call Dr. J. Smith."
        )
    );
    // Bytes and lines point into the file: the excerpt is the slice, whitespace collapsed.
    let text = sb.read("story.txt");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut rows = 0;
    for rec in reader.records() {
        let rec = rec.unwrap();
        let (byte, end): (usize, usize) = (rec[5].parse().unwrap(), rec[6].parse().unwrap());
        let slice: Vec<&str> = text[byte..end].split_whitespace().collect();
        assert_eq!(slice.join(" "), &rec[7]);
        let line: usize = rec[3].parse().unwrap();
        assert_eq!(text[..byte].matches('\n').count() + 1, line);
        rows += 1;
    }
    assert_eq!(rows, 5);
}

#[test]
fn several_texts_get_a_file_column_and_a_summary() {
    let sb = prose();
    sb.write("two.md", "Carly and Vanessa.\n");
    let out = stdout_of(&mut sb.graph(&[
        "extract",
        "story.txt",
        "two.md",
        "--cast",
        "cast.csv",
        "--window",
        "sentence",
        "-o",
        "s.csv",
    ]));
    assert_eq!(
        out.trim(),
        "Wrote 11 scenes from story.txt, two.md (one scene per sentence) to s.csv. Next: graph build s.csv"
    );
    let csv = sb.read("s.csv");
    assert!(csv.starts_with("file,episode,scene,characters,line,end_line,byte,end_byte,excerpt\n"));
    assert!(
        csv.ends_with("two.md,,1,Carly;Vanessa,1,1,0,18,Carly and Vanessa.\n"),
        "{csv}"
    );
}

#[test]
fn build_detects_prose_with_a_cast_and_records_how() {
    let sb = prose();
    sb.write("chapter.md", "Carly met Mr. Park.\n");
    let out = stdout_of(&mut sb.graph(&[
        "build",
        "story.txt",
        "chapter.md",
        "--cast",
        "cast.csv",
        "--window",
        "words:5",
    ]));
    // Without a chapter pattern the headings are prose, and words count through them: 15 + 1.
    assert!(out.contains("Read 16 scenes from story.txt (prose)."), "{out}");
    assert!(out.contains("Read 1 scene from chapter.md (prose)."), "{out}");
    assert!(
        out.contains("Graph built with --weight scenes --cast cast.csv --window words:5."),
        "{out}"
    );
    // Without --cast, a .txt file is an ezlinavis list.
    sb.graph(&["build", "story.txt"]).assert().failure();
}

#[test]
fn timeline_by_chapter_and_path_citations() {
    let sb = prose();
    let csv = stdout_of(&mut sb.graph(&[
        "timeline",
        "story.txt",
        "--cast",
        "cast.csv",
        "--chapters",
        CHAPTERS,
        "--format",
        "csv",
        "--measures",
        "pagerank",
    ]));
    let mut episodes: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    episodes.dedup();
    assert_eq!(episodes, ["CHAPTER I", "CHAPTER II", "CHAPTER III"]);
    sb.graph(&[
        "build",
        "story.txt",
        "--cast",
        "cast.csv",
        "--chapters",
        CHAPTERS,
        "--quiet",
    ])
    .assert()
    .success();
    let out = stdout_of(&mut sb.graph(&["path", "Carly", "Mr. Park"]));
    assert!(
        out.contains("CHAPTER I, scene 1 (line 5); CHAPTER II, scene 2 (line 14)"),
        "{out}"
    );
}

#[test]
fn suggest_cast_finds_every_name_with_its_title() {
    let sb = prose();
    let csv = stdout_of(&mut sb.graph(&["extract", "synopsis.txt", "--suggest-cast"]));
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("name,aliases,count"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let names: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    for name in [
        "Priya", "Tomas", "Lena", "Oskar", "Ruth", "Dmitri", "Mr. Park", "Hana", "Felix", "Nadia",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    for not_a_name in [
        "Park",
        "Mr.",
        "Mr",
        "Later",
        "Tensions",
        "Eventually",
        "They",
        "It",
        "He",
    ] {
        assert!(!names.contains(&not_a_name), "{not_a_name} in {names:?}");
    }
    assert_eq!(rows[0], ["Tomas", "", "9"]);
    assert!(rows.contains(&vec!["Mr. Park", "", "3"]), "{rows:?}");
    // --min-count drops the rare ones; the file is a cast file extract reads.
    let csv = stdout_of(&mut sb.graph(&["extract", "synopsis.txt", "--suggest-cast", "--min-count", "4"]));
    assert_eq!(
        csv,
        "name,aliases,count\nTomas,,9\nLena,,7\nPriya,,7\nHana,,4\nOskar,,4\n"
    );
    sb.write("suggested.csv", &csv);
    sb.graph(&["extract", "synopsis.txt", "--cast", "suggested.csv"])
        .assert()
        .success();
}

#[test]
fn options_that_need_a_cast_say_so() {
    let sb = prose();
    sb.graph(&["build", "story.txt", "--chapters", "^CHAPTER"])
        .assert()
        .code(2)
        .stderr("error: --window and --chapters are for prose: give the characters to find with --cast CAST.csv\n");
    sb.graph(&["extract", "story.txt"])
        .assert()
        .code(2)
        .stderr("error: give the characters to find with --cast CAST.csv (or start a cast file with --suggest-cast)\n");
    sb.graph(&["extract", "story.txt", "--cast", "cast.csv", "--suggest-cast"])
        .assert()
        .code(2);
}
