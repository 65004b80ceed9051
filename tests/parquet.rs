//! Parquet in and out (issue 16, target 4).
//!
//! * Every CSV fixture of the wide, long and edge-list layouts, written as
//!   Parquet (all columns text), builds exactly the graph of the CSV file:
//!   characters in order with their scenes, ties in order with weights and
//!   shared scenes, the same scene list; with filters and weights too.
//! * Typed columns read as their text: whole numbers, decimals, booleans,
//!   dates, nulls, large strings, binary UTF-8, and a wide table's
//!   `characters` as a list of strings.
//! * Every error names the file and, for a row, the row (from 1).
//! * `graph export --parquet DIR` writes the node table (the CSV node
//!   table's values) and the edge table, which `graph build` reads back to
//!   the same ties (weights and shared scenes).
//! * Damaged files (cut short, bytes changed) give an error, never a panic.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, BinaryArray, BooleanArray, Date32Array, Float64Array, Int32Array, LargeStringArray, RecordBatch,
    StringArray, TimestampMillisecondArray,
};
use castgraph::analysis::centrality::{CentralityOptions, Scores};
use castgraph::build::Filters;
use castgraph::input::{EpisodeSet, InputFormat, ReadOptions};
use castgraph::output::{self, NodeData};
use castgraph::{BuildOptions, CastGraph, WeightRule};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Writes `columns` (name, array) as a Parquet file, in row groups of `group` rows.
fn write_parquet(path: &Path, columns: Vec<(&str, ArrayRef)>, group: usize) {
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(group))
        .build();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// A CSV file as a Parquet file of text columns (empty fields as nulls
/// when `nulls`), in small row groups so that several are read.
fn csv_to_parquet(csv: &Path, parquet: &Path, nulls: bool) {
    let mut reader = csv::Reader::from_path(csv).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let values: StringArray = rows
                .iter()
                .map(|r| r.get(i).filter(|v| !(nulls && v.is_empty())))
                .collect();
            (name.as_str(), Arc::new(values) as ArrayRef)
        })
        .collect();
    write_parquet(parquet, columns, 7);
}

fn build(paths: &[PathBuf], opts: &BuildOptions) -> castgraph::Result<CastGraph> {
    castgraph::build::from_files(paths, opts).map(|(g, _)| g)
}

/// A listed scene but its line: (episode, scene, cast, weight bits).
type Listed = (Option<String>, Option<String>, Vec<u32>, u64);

/// Everything a graph is: characters (name, scenes, group) in order, ties
/// (ends, weight bits, scenes) in order, and its scene list (but lines,
/// which are rows in Parquet).
type Shape = (
    Vec<(String, u64, bool)>,
    Vec<(usize, usize, u64, u64)>,
    Option<Vec<Listed>>,
);

fn shape(g: &CastGraph) -> Shape {
    (
        g.characters().map(|c| (c.name.clone(), c.scenes, c.group)).collect(),
        g.ties().map(|(a, b, t)| (a, b, t.weight.to_bits(), t.scenes)).collect(),
        g.scene_list().map(|l| {
            l.iter()
                .map(|s| {
                    (
                        s.episode.map(String::from),
                        s.scene.map(String::from),
                        s.cast.to_vec(),
                        s.weight.to_bits(),
                    )
                })
                .collect()
        }),
    )
}

fn opts_variants() -> Vec<BuildOptions> {
    vec![
        BuildOptions::default(),
        BuildOptions {
            weight: WeightRule::Newman,
            ..Default::default()
        },
        BuildOptions {
            filters: Filters {
                episodes: Some(EpisodeSet::parse("S01E14,1,lesmis").unwrap()),
                ..Default::default()
            },
            ..Default::default()
        },
    ]
}

/// Issue 16, target 4: every layout read from Parquet is the CSV graph.
#[test]
fn parquet_tables_build_the_graphs_of_their_csv_twins() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in [
        "data/s1.csv",
        "tests/fixtures/lesmis.csv",
        "tests/fixtures/davis.csv",
        "tests/fixtures/disconnected.csv",
        "tests/fixtures/generated.csv",
        "tests/fixtures/inputs/s1-long.csv",
        "tests/fixtures/inputs/s1-long-shuffled.csv",
        "tests/fixtures/inputs/torture.csv",
        "tests/fixtures/inputs/edges-seasons.csv",
        "tests/fixtures/graphs/got-style-edges.csv",
    ] {
        let csv = repo(fixture);
        let csv_format = InputFormat::detect(&csv).unwrap();
        for nulls in [false, true] {
            let pq = dir.path().join(format!("t{}.parquet", u8::from(nulls)));
            csv_to_parquet(&csv, &pq, nulls);
            let format = InputFormat::detect(&pq).unwrap();
            assert!(format.is_parquet(), "{fixture}");
            assert_eq!(
                format.description(),
                match csv_format {
                    InputFormat::Wide => "wide Parquet",
                    InputFormat::Long => "long Parquet",
                    _ => "Parquet edge list",
                },
                "{fixture}"
            );
            for opts in opts_variants() {
                let want = build(std::slice::from_ref(&csv), &opts);
                let got = build(std::slice::from_ref(&pq), &opts);
                match (want, got) {
                    (Ok(want), Ok(got)) => {
                        assert_eq!(shape(&got), shape(&want), "{fixture} (nulls: {nulls})");
                        let (w, g) = (&want.sources()[0], &got.sources()[0]);
                        assert_eq!((g.scenes_read, g.scenes), (w.scenes_read, w.scenes), "{fixture}");
                    }
                    (Err(want), Err(got)) => {
                        // The same refusal (newman on an edge list), about the other file.
                        let want = want.to_string().replace(csv.to_str().unwrap(), "F");
                        assert_eq!(got.to_string().replace(pq.to_str().unwrap(), "F"), want, "{fixture}");
                    }
                    (want, got) => panic!("{fixture}: {want:?} but {got:?}"),
                }
            }
        }
    }
}

/// `--where` and `--weight column:NAME` on typed columns: numbers compare
/// and weigh as their text.
#[test]
fn typed_columns_read_as_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("typed.parquet");
    let mut list = ListBuilder::new(StringBuilder::new());
    for scene in [
        vec![Some(" Carly "), Some("Vanessa"), Some("Carly")],
        vec![Some("Sasha"), None, Some(""), Some("Carly")],
        vec![Some("Vanessa"), Some("Sasha")],
    ] {
        list.append_value(scene);
    }
    list.append_null();
    write_parquet(
        &pq,
        vec![
            ("Episode", Arc::new(Int32Array::from(vec![1, 1, 2, 2])) as ArrayRef),
            ("scene", Arc::new(LargeStringArray::from(vec!["a", "b", "c", "d"]))),
            (
                "minutes",
                Arc::new(Float64Array::from(vec![Some(2.5), Some(1.0), Some(4.0), None])),
            ),
            ("night", Arc::new(BooleanArray::from(vec![true, false, true, true]))),
            (
                "aired",
                Arc::new(Date32Array::from(vec![19_723, 19_723, 19_724, 19_724])),
            ),
            (
                "place",
                Arc::new(BinaryArray::from(vec![&b"caf\xc3\xa9"[..], b"x", b"y", b"z"])),
            ),
            ("shown", Arc::new(TimestampMillisecondArray::from(vec![0, 0, 0, 0]))),
            ("characters", Arc::new(list.finish())),
        ],
        2,
    );
    let csv = dir.path().join("typed.csv");
    std::fs::write(
        &csv,
        "episode,scene,minutes,night,aired,place,characters\n\
         1,a,2.5,true,2024-01-01,café,Carly;Vanessa\n\
         1,b,1,false,2024-01-01,x,Sasha;Carly\n\
         2,c,4,true,2024-01-02,y,Vanessa;Sasha\n\
         2,d,,true,2024-01-02,z,\n",
    )
    .unwrap();
    let cases: Vec<(&str, BuildOptions)> = vec![
        ("default", BuildOptions::default()),
        (
            "episodes",
            BuildOptions {
                filters: Filters {
                    episodes: Some(EpisodeSet::parse("2").unwrap()),
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
        (
            "where",
            BuildOptions {
                filters: Filters {
                    wheres: vec![
                        ("night".into(), "true".into()),
                        ("aired".into(), "2024-01-01".into()),
                        ("PLACE".into(), "café".into()),
                    ],
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
        (
            "weight",
            BuildOptions {
                weight: WeightRule::Column("minutes".into()),
                filters: Filters {
                    wheres: vec![("episode".into(), "1".into())],
                    ..Default::default()
                },
                ..Default::default()
            },
        ),
    ];
    for (case, opts) in cases {
        let want = build(std::slice::from_ref(&csv), &opts).unwrap();
        let got = build(std::slice::from_ref(&pq), &opts).unwrap();
        assert_eq!(shape(&got), shape(&want), "{case}");
    }
    // The list's items are names as they are: a separator inside one is no split.
    let mut names = Vec::new();
    castgraph::input::parquet::read_path(&pq, InputFormat::WideParquet, &ReadOptions::default(), |s| {
        names.push(s.characters.join("+"))
    })
    .unwrap();
    assert_eq!(names, ["Carly+Vanessa", "Sasha+Carly", "Vanessa+Sasha", ""]);
    // A weight column of the wrong type, a list elsewhere, a type not read.
    let err = |opts: BuildOptions| build(std::slice::from_ref(&pq), &opts).unwrap_err().to_string();
    let name = pq.display();
    assert_eq!(
        err(BuildOptions {
            weight: WeightRule::Column("shown".into()),
            ..Default::default()
        }),
        format!(
            "{name}: column `shown` is of type Timestamp(ms), which castgraph does not read (store it as text (a string column) or as numbers)"
        )
    );
    assert_eq!(
        err(BuildOptions {
            weight: WeightRule::Column("minutes".into()),
            ..Default::default()
        }),
        format!(
            "{name}: row 4: weight column `minutes` is empty (write a number such as 2 or 1.5, with a decimal point and no units)"
        )
    );
}

fn err_of(path: &Path, opts: &BuildOptions) -> String {
    let e = build(&[path.to_path_buf()], opts).unwrap_err();
    e.render(&common::Flags)
}

/// Every error names the file, and the row when there is one.
#[test]
fn errors_name_the_file_and_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let text = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
    let check = |file: &Path, opts: &BuildOptions, want: &str| {
        assert_eq!(err_of(file, opts), format!("{}: {want}", file.display()));
    };
    let default = BuildOptions::default();

    write_parquet(&p("nochars.parquet"), vec![("scene", text(vec![Some("1")]))], 10);
    check(
        &p("nochars.parquet"),
        &default,
        "no `characters` column (columns found: `scene`) (add a `characters` column listing each scene's characters separated by `;`)",
    );
    write_parquet(
        &p("twice.parquet"),
        vec![
            ("characters", text(vec![Some("A;B")])),
            ("Characters ", text(vec![Some("A")])),
        ],
        10,
    );
    check(
        &p("twice.parquet"),
        &default,
        "the file has two `characters` columns (rename or remove one of them)",
    );
    write_parquet(
        &p("edges.parquet"),
        vec![
            ("Source", text(vec![Some("A"), Some("B"), Some("C")])),
            ("Target", text(vec![Some("B"), Some("C"), None])),
            ("Weight", text(vec![Some("1"), Some("x"), Some("1")])),
        ],
        2,
    );
    check(
        &p("edges.parquet"),
        &default,
        "row 2: the `Weight` field is `x`, not a number (write a number such as 2 or 1.5, with a decimal point and no units)",
    );
    write_parquet(
        &p("long.parquet"),
        vec![
            ("scene", text(vec![Some("1"), Some("1"), Some("2")])),
            ("character", text(vec![Some("A"), Some("B"), Some(" ")])),
        ],
        1,
    );
    check(
        &p("long.parquet"),
        &default,
        "row 3: the `character` field is empty (each row of a long file names one character present in the scene)",
    );
    write_parquet(&p("empty.parquet"), vec![("characters", text(vec![]))], 10);
    check(&p("empty.parquet"), &default, "has no rows (add one row per scene)");
    write_parquet(
        &p("big.parquet"),
        vec![("characters", text(vec![Some("A"), Some("A;B;C"), Some("B\u{7}")]))],
        10,
    );
    check(
        &p("big.parquet"),
        &BuildOptions {
            max_scene_size: Some(2),
            ..Default::default()
        },
        "row 2: the scene lists 3 characters, more than the limit of 2 (check the separator, or raise the limit with --max-scene-size)",
    );
    check(
        &p("big.parquet"),
        &default,
        "row 3: the name \"B\\u{7}\" contains the control character U+0007 (remove it: exports (XML, CSV, DOT) cannot carry control characters)",
    );
    write_parquet(
        &p("scenes.parquet"),
        vec![
            ("source", text(vec![Some("A")])),
            ("target", text(vec![Some("B")])),
            ("scenes", text(vec![Some("-2")])),
        ],
        1,
    );
    check(
        &p("scenes.parquet"),
        &default,
        "row 1: the `scenes` field is `-2`, not a whole number of scenes (write how many scenes the pair shares (0 or more), or remove the column to count each row as one scene)",
    );
    write_parquet(
        &p("binary.parquet"),
        vec![
            ("characters", text(vec![Some("A;B"), Some("A")])),
            (
                "place",
                Arc::new(BinaryArray::from(vec![&b"ok"[..], b"\xff"])) as ArrayRef,
            ),
        ],
        10,
    );
    check(
        &p("binary.parquet"),
        &BuildOptions {
            filters: Filters {
                wheres: vec![("place".into(), "ok".into())],
                ..Default::default()
            },
            ..Default::default()
        },
        "row 2: the `place` field is not valid UTF-8 (write text in UTF-8 in the columns castgraph reads)",
    );
    // A CSV file named .parquet, a Parquet file cut short, read as CSV.
    std::fs::write(p("csv.parquet"), "characters\nA;B\n").unwrap();
    check(
        &p("csv.parquet"),
        &default,
        "is not a Parquet file (it does not start with PAR1) (give a Parquet file, or rename a CSV file to .csv)",
    );
    let bytes = std::fs::read(p("edges.parquet")).unwrap();
    std::fs::write(p("cut.parquet"), &bytes[..bytes.len() - 20]).unwrap();
    assert!(
        err_of(&p("cut.parquet"), &default)
            .starts_with(&format!("{}: cannot be read as Parquet: ", p("cut.parquet").display())),
        "{}",
        err_of(&p("cut.parquet"), &default)
    );
    check(
        &p("edges.parquet"),
        &BuildOptions {
            format: Some(InputFormat::Edgelist),
            ..Default::default()
        },
        "is a Parquet file, not CSV (leave the format to detection, or give a Parquet one with --input-format (wide-parquet, long-parquet or edgelist-parquet))",
    );
}

/// Warnings count rows too.
#[test]
fn warnings_name_rows() {
    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("w.parquet");
    let text = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
    write_parquet(
        &pq,
        vec![("characters", text(vec![Some("A;B"), None, Some("Smith, John")]))],
        10,
    );
    let (_, report) = castgraph::build::from_files(std::slice::from_ref(&pq), &BuildOptions::default()).unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.render(&common::Flags)).collect();
    let name = pq.display();
    assert_eq!(
        warnings,
        [
            format!("{name}: 1 scene lists nobody (the first on row 2); they count as scenes but add no character"),
            format!(
                "{name}: 1 scene lists one name holding `,` (the first on row 3: \"Smith, John\"); if they are several names, give --separator ','"
            ),
        ]
    );
}

/// The node table holds the CSV node table's values; the edge table reads
/// back to the same ties (in order, with weights and shared scenes).
#[test]
fn export_then_build_gives_the_ties_back() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in [
        "data/s1.csv",
        "tests/fixtures/lesmis.csv",
        "tests/fixtures/disconnected.csv",
        "tests/fixtures/inputs/torture.csv",
        "tests/fixtures/tei/play.xml",
    ] {
        let g = build(&[repo(fixture)], &BuildOptions::default()).unwrap();
        let scores = Scores::compute(&g, &CentralityOptions::default());
        let communities = castgraph::analysis::community::detect(&g, &Default::default()).unwrap();
        let data = NodeData {
            scores: &scores,
            communities: Some(&communities.membership),
            wording: &common::Flags,
        };
        let edges = dir.path().join("edges.parquet");
        output::parquet::write_edges(&g, std::fs::File::create(&edges).unwrap()).unwrap();
        let back = build(std::slice::from_ref(&edges), &BuildOptions::default()).unwrap();
        let named = |g: &CastGraph| -> Vec<(String, String, u64, u64)> {
            g.ties()
                .map(|(a, b, t)| {
                    (
                        g.character(a).name.clone(),
                        g.character(b).name.clone(),
                        t.weight.to_bits(),
                        t.scenes,
                    )
                })
                .collect()
        };
        assert_eq!(named(&back), named(&g), "{fixture}");
        assert_eq!(back.sources()[0].format.to_string(), "Parquet edge list");

        // The node table against the CSV node table, cell for cell.
        let mut nodes = Vec::new();
        output::parquet::write_nodes(&g, &data, &mut nodes).unwrap();
        let mut csv_nodes = Vec::new();
        output::csv::write_nodes(&g, &data, &mut csv_nodes).unwrap();
        let mut csv_rows = csv::Reader::from_reader(csv_nodes.as_slice());
        let header: Vec<String> = csv_rows.headers().unwrap().iter().map(str::to_lowercase).collect();
        let rows: Vec<csv::StringRecord> = csv_rows.records().map(Result::unwrap).collect();
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(nodes))
            .unwrap()
            .build()
            .unwrap();
        let mut seen = 0;
        for batch in reader {
            let batch = batch.unwrap();
            let names: Vec<String> = batch.schema().fields().iter().map(|f| f.name().clone()).collect();
            let mut want_names = vec!["id".to_string(), "name".to_string()];
            want_names.extend(header[2..].iter().cloned());
            assert_eq!(names, want_names, "{fixture}");
            for r in 0..batch.num_rows() {
                let row = &rows[seen + r];
                for (k, column) in batch.columns().iter().enumerate() {
                    let cell = arrow_cell(column, r);
                    let want = match k {
                        0 => (seen + r).to_string(),
                        1 => row[0].to_string(),
                        _ => row[k].to_string(),
                    };
                    assert_eq!(cell, want, "{fixture}: row {} column {}", seen + r, names[k]);
                }
            }
            seen += batch.num_rows();
        }
        assert_eq!(seen, g.character_count());
    }
}

/// A cell as castgraph's CSV writes it.
fn arrow_cell(column: &ArrayRef, r: usize) -> String {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type};
    use arrow_schema::DataType;
    match column.data_type() {
        DataType::Utf8 => column.as_string::<i32>().value(r).to_string(),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(r).to_string(),
        DataType::Float64 => castgraph::util::format::format_number(column.as_primitive::<Float64Type>().value(r)),
        DataType::Boolean => column.as_boolean().value(r).to_string(),
        other => panic!("unexpected type {other}"),
    }
}

fn graph_cmd(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("graph"))
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// Issue 16, target 4: `graph export --parquet DIR` then `graph build
/// DIR/edges.parquet` (and the same bytes on standard input).
#[test]
fn cli_export_parquet_then_build() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = |args: &[&str], stdin: Option<&[u8]>| {
        let out = graph_cmd(d, args, stdin);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let lesmis = repo("tests/fixtures/lesmis.csv");
    ok(&["build", lesmis.to_str().unwrap(), "-o", "a.json", "--quiet"], None);
    ok(&["export", "--graph", "a.json", "--parquet", "out/tables"], None);
    let mut files: Vec<String> = std::fs::read_dir(d.join("out/tables"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["edges.parquet", "nodes.parquet"], "no temporary file left");
    let summary = ok(&["build", "out/tables/edges.parquet", "-o", "b.json"], None);
    assert!(
        summary.starts_with("Read 254 rows from out/tables/edges.parquet (Parquet edge list)."),
        "{summary}"
    );
    let ties = |f: &str| -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join(f)).unwrap()).unwrap();
        v["ties"].clone()
    };
    let names = |f: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join(f)).unwrap()).unwrap();
        v["characters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    let named = |f: &str| -> Vec<(String, String, String, String)> {
        let (t, n) = (ties(f), names(f));
        (0..t["source"].as_array().unwrap().len())
            .map(|i| {
                (
                    n[t["source"][i].as_u64().unwrap() as usize].clone(),
                    n[t["target"][i].as_u64().unwrap() as usize].clone(),
                    t["weight"][i].to_string(),
                    t["scenes"][i].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(named("b.json"), named("a.json"));
    // From the standard input, with the format given.
    let bytes = std::fs::read(d.join("out/tables/edges.parquet")).unwrap();
    ok(&["build", "-", "-o", "c.json", "--quiet"], Some(&bytes));
    assert_eq!(named("c.json"), named("a.json"));
    // A file where the folder should be: exit 1, nothing written.
    std::fs::write(d.join("file"), "x").unwrap();
    let out = graph_cmd(d, &["export", "--graph", "a.json", "--parquet", "file"], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "error: file: is a file, not a folder (give --parquet a folder to write nodes.parquet and edges.parquet into)"
    );
    // --parquet with -o is a usage error.
    let out = graph_cmd(d, &["export", "--graph", "a.json", "--parquet", "x", "-o", "y"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// Damaged files: every prefix and many one-byte changes of a valid file
/// give a graph or an error, never a panic.
#[test]
fn damaged_files_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("s1.parquet");
    csv_to_parquet(&repo("data/s1.csv"), &pq, true);
    let bytes = std::fs::read(&pq).unwrap();
    let opts = ReadOptions {
        columns: vec!["location".into()],
        ..Default::default()
    };
    let caught = std::cell::Cell::new(0);
    let read = |data: &[u8]| {
        if let Err(e) = castgraph::input::parquet::read_bytes(Path::new("d.parquet"), data, None, &opts, |_| {}) {
            let e = e.to_string();
            assert!(e.starts_with("d.parquet: "), "{e}");
            caught.set(caught.get() + u32::from(e.contains("the Parquet reader failed on it")));
        }
    };
    for end in 0..bytes.len() {
        read(&bytes[..end]);
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..3000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut damaged = bytes.clone();
        let at = (state % damaged.len() as u64) as usize;
        damaged[at] ^= (state >> 32) as u8 | 1;
        read(&damaged);
    }
    // The checks before reading leave the reader's own assertions nothing to catch here.
    assert_eq!(caught.get(), 0, "panics caught in the Parquet reader");
}
