//! `scripts/pairs.sql` counts castgraph's pairs (issue 16, target 4).
//!
//! DuckDB (the PyPI package, pinned in `scripts/duckdb-requirements.txt`,
//! in the venv `target/py-duckdb` this test makes) runs the query unchanged
//! on the medium set (`graph generate --scenes 100000 --characters 2000
//! --seed 1`, made into a long table of appearances in Parquet) and writes
//! its edge table as Parquet and as CSV.
//! castgraph's graph of each of them has exactly the ties of castgraph's
//! own graph of the medium set: the same pairs, weights (to the bit) and
//! shared scenes; and the long table itself builds exactly the medium
//! set's graph.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use castgraph::{BuildOptions, CastGraph};

/// The DuckDB release the test pins (`duckdb==X.Y.Z`), shared with
/// `scripts/bench-parquet.py`.
fn duckdb_pin() -> &'static str {
    include_str!("../scripts/duckdb-requirements.txt")
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap()
}

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn build(path: &Path) -> CastGraph {
    castgraph::build::from_files(&[path.to_path_buf()], &BuildOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

/// The ties as {(name, name) in byte order: (weight bits, shared scenes)}.
fn ties(g: &CastGraph) -> BTreeMap<(String, String), (u64, u64)> {
    g.ties()
        .map(|(a, b, t)| {
            let (x, y) = (g.character(a).name.clone(), g.character(b).name.clone());
            let key = if x < y { (x, y) } else { (y, x) };
            (key, (t.weight.to_bits(), t.scenes))
        })
        .collect()
}

/// Converts the medium set to a long table and runs pairs.sql on it.
const SCRIPT: &str = r#"
import sys, time, duckdb
wide, long, query, edges_parquet, edges_csv = sys.argv[1:6]
con = duckdb.connect()
# The long table: one row per name of a scene (the conversion, not the query under test).
con.execute(f"""COPY (
    SELECT episode, scene, unnest(string_split(characters, ';')) AS character
    FROM read_csv('{wide}', header = true, all_varchar = true)
) TO '{long}' (FORMAT parquet)""")
con.execute(f"CREATE VIEW appearances AS SELECT * FROM read_parquet('{long}')")
sql = open(query).read()
started = time.perf_counter()
con.execute(f"CREATE TABLE edges AS {sql}")
print(f"pairs.sql: {time.perf_counter() - started:.3f} s, {con.execute('SELECT count(*) FROM edges').fetchone()[0]} pairs")
con.execute(f"COPY edges TO '{edges_parquet}' (FORMAT parquet)")
con.execute(f"COPY edges TO '{edges_csv}' (FORMAT csv, HEADER true)")
"#;

#[test]
fn pairs_sql_in_duckdb_gives_castgraphs_ties_on_the_medium_set() {
    let python = common::python_with("py-duckdb", "duckdb", &[duckdb_pin()]);
    let bench = repo("target/bench");
    std::fs::create_dir_all(&bench).unwrap();
    let medium = bench.join("medium.csv");
    let out = Command::new(assert_cmd::cargo::cargo_bin("graph"))
        .args([
            "generate",
            "--scenes",
            "100000",
            "--characters",
            "2000",
            "--seed",
            "1",
            "-o",
        ])
        .arg(&medium)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("appearances.parquet");
    let edges_parquet = dir.path().join("edges.parquet");
    let edges_csv = dir.path().join("edges.csv");
    let out = Command::new(&python)
        .args(["-c", SCRIPT])
        .arg(&medium)
        .arg(&long)
        .arg(repo("scripts/pairs.sql"))
        .arg(&edges_parquet)
        .arg(&edges_csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "duckdb: {}", String::from_utf8_lossy(&out.stderr));
    eprintln!("{}", String::from_utf8_lossy(&out.stdout).trim());

    let original = build(&medium);
    let want = ties(&original);
    assert!(want.len() > 250_000, "the medium set has {} ties", want.len());
    for edges in [&edges_parquet, &edges_csv] {
        let g = build(edges);
        assert_eq!(ties(&g), want, "{}", edges.display());
        // Every character with a tie, and only those.
        let mut names: Vec<&str> = g.characters().map(|c| c.name.as_str()).collect();
        let degrees = original.degrees();
        let mut linked: Vec<&str> = original
            .characters()
            .enumerate()
            .filter(|(id, _)| degrees[*id] > 0)
            .map(|(_, c)| c.name.as_str())
            .collect();
        names.sort_unstable();
        linked.sort_unstable();
        assert_eq!(names, linked, "{}", edges.display());
    }
    // The long table is the medium set, scene for scene.
    let from_long = build(&long);
    assert_eq!(from_long.sources()[0].format.to_string(), "long Parquet");
    let same = |g: &CastGraph| {
        (
            g.characters().map(|c| (c.name.clone(), c.scenes)).collect::<Vec<_>>(),
            g.ties()
                .map(|(a, b, t)| (a, b, t.weight.to_bits(), t.scenes))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(same(&from_long), same(&original));
}
