//! Edge lists: Gephi's edge table, `Source,Target[,Weight][,Type]...`, for
//! data that only exists as ties (Network of Thrones, exports of other tools,
//! castgraph's own `graph export --csv`).
//!
//! How a row maps to the scene model:
//!
//! * Each row is one record (a "scene" of two characters, `Source` and
//!   `Target`) that adds its `Weight` to the pair's tie; without a `Weight`
//!   column every row adds 1. Rows naming the same pair, in either order, are
//!   summed (real data repeats pairs). A character's and a tie's `scenes`
//!   count are the number of rows they appear in.
//! * A `Scenes` column (castgraph's Parquet export, `scripts/pairs.sql`)
//!   gives the shared scenes a row adds to its tie instead: a whole number,
//!   0 or more. A character's `scenes` still count its rows.
//! * `Weight` must be a finite number, 0 or more; an empty, non-numeric,
//!   negative or infinite weight is an error naming the line.
//!   `--weight column:NAME` takes the weight from another column instead.
//! * `Type` (when present) may be `Undirected`, `Directed`, `Mutual` or empty,
//!   ignoring case; the cast graph is undirected, so a directed row A→B adds
//!   to the same tie as B→A, and the format is then reported as
//!   [`FORMAT_DIRECTED`] so the summary says so. Any other `Type` is an error.
//! * A row whose `Source` and `Target` are the same name (a self-loop) is a
//!   one-character record: it counts for the character but adds no tie; the
//!   build warns about it.
//! * Every column is available to `--where` and `--weight column:NAME`;
//!   `episode` is the `Episode` column, or else `Season` (so `--episodes 1-3`
//!   and `graph timeline` work on season tables); `scene` is `Id`.
//! * Errors: no `Source` or no `Target` column, an empty name, a bad weight or
//!   type, a header without rows; each names the file and the line.
//! * With a node table ([`ReadOptions::labels`], read by [`super::nodes`]:
//!   Gephi's `Id,Label`), a `Source` or `Target` equal to an `Id` is named by
//!   its `Label`; an id not in the table keeps its id, and a note says how
//!   many did (the first one and its line).
//!
//! The file is UTF-8 CSV with a header row (names matched ignoring ASCII
//! case and surrounding spaces; a byte-order mark is ignored; CRLF or LF),
//! read one row at a time; a Parquet edge table follows the same rules
//! ([`super::parquet`]).

use std::io::Read;
use std::path::Path;

use super::csv::{CsvTable, open};
use super::parquet::no_rows;
use super::table::{Container, Fields, Table};
use super::weight::parse_weight as parse_field_weight;
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, Tally};
use crate::error::{Error, Result};

/// The format of an edge list read as it is.
pub const FORMAT: ReadFormat = ReadFormat::plain(InputFormat::Edgelist);

/// The format of an edge list with `Directed` rows (read as undirected).
pub const FORMAT_DIRECTED: ReadFormat = ReadFormat {
    format: InputFormat::Edgelist,
    directed_rows: true,
    counted_edges: false,
};

/// Reads an edge list from `path`, calling `on_scene` for every row.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read(path, open(path)?, opts, on_scene)
}

/// True when a header (already split into names) is an edge list's: it has
/// `Source` and `Target` columns.
pub fn is_edge_header<'a>(names: impl Iterator<Item = &'a str> + Clone) -> bool {
    let has = |want: &str| names.clone().any(|n| n.trim().eq_ignore_ascii_case(want));
    has("source") && has("target")
}

/// Reads an edge list from any reader; `path` is only used in messages.
pub fn read<R: Read>(
    path: &Path,
    input: R,
    opts: &ReadOptions,
    on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    read_table(CsvTable::start(path, input)?, InputFormat::Edgelist, opts, on_scene)
}

/// Reads an edge table (CSV or Parquet), reported as `format`.
pub(crate) fn read_table<T: Table>(
    mut table: T,
    format: InputFormat,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let path = table.path().to_path_buf();
    let path = path.as_path();
    let container = table.container();
    let word = container.numbering().word();
    let source = table.require("source", "Source", HINT)?;
    let target = table.require("target", "Target", HINT)?;
    let weight = table.column("weight")?;
    let shared = table.column("scenes")?;
    let kind = table.column("type")?;
    let episode = match table.column("episode")? {
        Some(i) => Some(i),
        None => table.column("season")?,
    };
    let scene = table.column("id")?;
    let wanted = table.columns(&opts.columns)?;
    let refs = table.names().into_iter().map(str::to_string).collect::<Vec<_>>();

    let labels = opts.labels.as_deref();
    // Ids not in the node table: how many rows, and the first.
    let mut unlabelled: (u64, Option<(String, u64)>) = (0, None);
    let mut count = 0u64;
    let mut directed = 0u64;
    while let Some(row) = table.next_row()? {
        let line = row.line();
        let field = |i: usize| row.get(i);
        let name = |i: usize, column: &str| -> Result<&str> {
            let n = field(i).unwrap_or("").trim();
            if n.is_empty() {
                return Err(Error::data(path, Some(line), format!("the `{column}` field is empty"))
                    .with_hint("each row of an edge list names two characters, `Source` and `Target`"));
            }
            Ok(n)
        };
        let mut a = name(source, "Source")?;
        let mut b = name(target, "Target")?;
        if let Some(labels) = labels {
            for id in [&mut a, &mut b] {
                match labels.label(id) {
                    Some(label) => *id = label,
                    None => {
                        unlabelled.0 += 1;
                        unlabelled.1.get_or_insert_with(|| (id.to_string(), line));
                    }
                }
            }
        }
        let w = match weight {
            Some(i) => parse_weight(path, line, &refs[i], row.text(i))?,
            None => 1.0,
        };
        if let Some(i) = kind {
            match field(i).unwrap_or("").trim().to_ascii_lowercase().as_str() {
                "" | "undirected" | "mutual" => {}
                "directed" => directed += 1,
                _ => {
                    return Err(Error::data(
                        path,
                        Some(line),
                        format!(
                            "the `{}` field is `{}`, not Undirected, Directed or Mutual",
                            refs[i],
                            field(i).unwrap_or("").trim()
                        ),
                    )
                    .with_hint("write Undirected, Directed or Mutual; all are read as undirected ties"));
                }
            }
        }
        let tally = match shared {
            Some(i) => Tally::Row(parse_scenes(path, line, &refs[i], row.text(i))?),
            None => Tally::Scene,
        };
        let pair = [a, b];
        let characters: &[&str] = if a == b { &pair[..1] } else { &pair };
        let columns: Vec<Option<&str>> = wanted.iter().map(|&i| row.value(i)).collect();
        on_scene(Scene {
            line,
            episode: episode.and_then(|i| row.value(i)),
            scene: scene.and_then(|i| row.value(i)),
            characters,
            columns: &columns,
            weight: Some(w),
            tally,
        });
        count += 1;
    }
    table.finish()?;
    if count == 0 {
        return Err(match container {
            Container::Csv => Error::data(path, None, "has a header row but no edges")
                .with_hint("add one row per tie below the header: Source,Target,Weight"),
            Container::Parquet => no_rows(path, "add one row per tie, with Source, Target and Weight"),
        });
    }
    let read_format = ReadFormat {
        format,
        directed_rows: directed > 0,
        counted_edges: false,
    };
    let mut summary = ReadSummary::new(read_format, count);
    if let (n, Some((id, line))) = unlabelled {
        let path = path.display();
        summary.notes.push(if n == 1 {
            format!("{path}: {word} {line}: `{id}` is not an id of the node table; it is named by its id").into()
        } else {
            format!(
                "{path}: {n} edge ends are not ids of the node table (the first, `{id}`, on {word} {line}); \
                 they are named by their ids"
            )
            .into()
        });
    }
    Ok(summary)
}

/// A row's weight (see [`super::weight`]). A pair whose rows all weigh 0
/// gets no tie.
fn parse_weight(path: &Path, line: u64, column: &str, raw: &str) -> Result<f64> {
    parse_field_weight(
        path,
        line,
        || (format!("the `{column}` field"), "is"),
        raw,
        "write a number, or remove the column to count each row as 1",
    )
}

/// A row's count of shared scenes: a whole number, 0 or more.
fn parse_scenes(path: &Path, line: u64, column: &str, raw: &str) -> Result<u64> {
    raw.parse::<u64>().map_err(|_| {
        let problem = if raw.is_empty() {
            format!("the `{column}` field is empty")
        } else {
            format!("the `{column}` field is `{raw}`, not a whole number of scenes")
        };
        Error::data(path, Some(line), problem).with_hint(
            "write how many scenes the pair shares (0 or more), or remove the column to count each row as one scene",
        )
    })
}

/// The hint of a missing `Source` or `Target` column.
const HINT: &str = "an edge list has `Source` and `Target` columns, and optionally `Weight`, one row per tie";

#[cfg(test)]
mod tests {
    use super::*;

    /// A row as (characters, episode, weight).
    type Row = (Vec<String>, Option<String>, f64);

    fn rows(text: &str) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        read(Path::new("t.csv"), text.as_bytes(), &ReadOptions::default(), |s| {
            out.push((
                s.characters.iter().map(|c| c.to_string()).collect(),
                s.episode.map(String::from),
                s.weight.unwrap_or(f64::NAN),
            ))
        })?;
        Ok(out)
    }

    #[test]
    fn reads_rows_weights_and_seasons() {
        let got = rows("\u{feff}source , TARGET,Weight,Season\r\nA,B,3,1\r\nB,A,2.5,2\r\nC,C,1,2\r\n").unwrap();
        assert_eq!(got[0], (vec!["A".into(), "B".into()], Some("1".into()), 3.0));
        assert_eq!(got[1], (vec!["B".into(), "A".into()], Some("2".into()), 2.5));
        assert_eq!(got[2].0, ["C"]);
        let unweighted = rows("Source,Target\nA,B\n").unwrap();
        assert_eq!(unweighted[0].2, 1.0);
    }

    #[test]
    fn refuses_bad_rows() {
        let e = |t: &str| rows(t).unwrap_err().to_string();
        assert!(e("Source,Weight\nA,1\n").contains("no `Target` column"));
        assert!(e("Source,Target,Weight\nA,,1\n").contains("line 2: the `Target` field is empty"));
        assert!(e("Source,Target,Weight\nA,B,x\n").contains("`x`, not a number"));
        assert!(e("Source,Target,Weight\nA,B,-1\n").contains("not a non-negative number"));
        assert!(e("Source,Target,Weight\nA,B,inf\n").contains("not a non-negative number"));
        assert!(e("Source,Target,Type\nA,B,sideways\n").contains("not Undirected, Directed or Mutual"));
        assert!(e("Source,Target\n").contains("no edges"));
    }

    #[test]
    fn detects_the_header() {
        assert!(is_edge_header(["Source", "target", "Weight"].into_iter()));
        assert!(!is_edge_header(["Source", "characters"].into_iter()));
    }
}
