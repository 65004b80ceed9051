//! The gallery of bad inputs (`tests/gallery/`): for each case of
//! `cases.csv`, the command's exit code and its exact stderr line, and no
//! file written by a command that fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn gallery() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gallery")
}

/// A fresh copy of the gallery, with the generated inputs.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(gallery()).unwrap() {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let big = "x".repeat(10 * 1024 * 1024);
    std::fs::write(
        dir.path().join("generated-10mb-field.csv"),
        format!("scene,characters\n1,A;{big}\n"),
    )
    .unwrap();
    let cast: Vec<String> = (0..100_000).map(|i| format!("Extra {i}")).collect();
    std::fs::write(
        dir.path().join("generated-huge-scene.csv"),
        format!("scene,characters\n1,A;B\n2,{}\n", cast.join(";")),
    )
    .unwrap();
    dir
}

/// Every file below `dir`, as sorted relative paths.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_bad_input_gets_its_one_line() {
    let ws = workspace();
    let mut r = csv::Reader::from_path(gallery().join("cases.csv")).unwrap();
    // GALLERY_PRINT=FILE writes the actual results as a cases.csv to FILE.
    let mut print = std::env::var_os("GALLERY_PRINT").map(|f| csv::Writer::from_path(f).unwrap());
    if let Some(w) = print.as_mut() {
        w.write_record(["case", "args", "exit", "message"]).unwrap();
    }
    let mut failures = Vec::new();
    let mut cases = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let (case, args, exit, message) = (&rec[0], &rec[1], &rec[2], &rec[3]);
        cases += 1;
        let before = listing(ws.path());
        let out = Command::new(assert_cmd::cargo::cargo_bin("graph"))
            .current_dir(ws.path())
            .args(args.split(' '))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code().unwrap_or(-1).to_string();
        if let Some(w) = print.as_mut() {
            w.write_record([case, args, &code, stderr.trim_end()]).unwrap();
            w.flush().unwrap();
        }
        let mut problems = Vec::new();
        if code != exit {
            problems.push(format!("exit {code}, expected {exit}"));
        }
        if stderr.lines().count() != 1 || stderr.trim_end() != message {
            problems.push(format!("stderr {stderr:?}, expected {message:?}"));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            problems.push("panicked".to_string());
        }
        if exit != "0" && listing(ws.path()) != before {
            problems.push(format!("files changed: {:?}", listing(ws.path())));
        }
        if exit == "0" {
            // A successful build writes output/graph.json; remove it for the next case.
            std::fs::remove_dir_all(ws.path().join("output")).ok();
        }
        if !problems.is_empty() {
            failures.push(format!("{case}: {}", problems.join("; ")));
        }
    }
    assert!(cases >= 30, "the gallery must hold at least 30 cases, it has {cases}");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
