//! The long scene CSV: one row per appearance.
//!
//! A `character` column names one character present in a scene; the scene
//! is identified by its key columns: `scene` (required), and `episode` and
//! `season` when the file has them. All rows with the same key form one
//! scene, whatever their order in the file; scenes are numbered in order of
//! their first row and characters in order of their rows, so a long file
//! listing the rows of a wide file in order builds exactly the same graph.
//!
//! A requested metadata column (for `--where` or `--weight column:NAME`)
//! takes its value from the scene's rows; rows of one scene that give two
//! different non-empty values are an error.
//!
//! Grouping needs every scene until the end of the file, so this reader
//! holds the scenes (not the raw file) in memory.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::csv::{CsvFile, csv_error, find_column, missing_column, not_utf8, open, resolve_columns};
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, UniqueNames};
use crate::error::{Error, Result};

/// One scene being assembled.
struct Pending {
    line: u64,
    episode: Option<String>,
    scene: String,
    characters: UniqueNames,
    columns: Vec<Option<(String, u64)>>,
}

/// Reads a long scene CSV from `path`.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read(path, open(path)?, opts, on_scene)
}

/// Reads a long scene CSV from any reader; `path` is only used in messages.
pub fn read<R: Read>(
    path: &Path,
    input: R,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let CsvFile {
        mut reader,
        quotes,
        names: headers,
    } = CsvFile::start(path, input)?;
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let find = |want: &str| find_column(path, &refs, want);
    let Some(character) = find("character")? else {
        return Err(missing(path, &refs, "character"));
    };
    let Some(scene) = find("scene")? else {
        return Err(missing(path, &refs, "scene"));
    };
    let episode = find("episode")?;
    let season = find("season")?;
    let wanted = resolve_columns(path, &opts.columns, &refs)?;

    let mut scenes: Vec<Pending> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    let mut last = (0u64, false);
    while reader.read_byte_record(&mut record).map_err(|e| csv_error(path, e))? {
        rows += 1;
        let line = record.position().map_or(0, |p| p.line());
        last = (line, record.as_slice().contains(&b'\n'));
        let text = std::str::from_utf8(record.as_slice()).map_err(|_| not_utf8(path, line))?;
        // `get` and not indexing: a character split across two fields passes the
        // whole-record UTF-8 check (found by fuzzing).
        let field = |i: usize| record.range(i).and_then(|r| text.get(r)).map(str::trim).unwrap_or("");
        let used = [Some(character), Some(scene), episode, season]
            .into_iter()
            .flatten()
            .chain(wanted.iter().copied());
        for i in used {
            if record.range(i).is_some_and(|r| text.get(r).is_none()) {
                return Err(not_utf8(path, line));
            }
        }
        let name = field(character);
        if name.is_empty() {
            return Err(Error::data(path, Some(line), "the `character` field is empty")
                .with_hint("each row of a long file names one character present in the scene"));
        }
        let key = (
            season.map(field).unwrap_or("").to_string(),
            episode.map(field).unwrap_or("").to_string(),
            field(scene).to_string(),
        );
        let id = match index.get(&key) {
            Some(&id) => id,
            None => {
                index.insert(key.clone(), scenes.len());
                scenes.push(Pending {
                    line,
                    episode: episode.map(|_| key.1.clone()),
                    scene: key.2,
                    characters: UniqueNames::default(),
                    columns: vec![None; wanted.len()],
                });
                scenes.len() - 1
            }
        };
        let pending = &mut scenes[id];
        pending.characters.push(name);
        for (slot, &col) in pending.columns.iter_mut().zip(&wanted) {
            let value = field(col);
            if value.is_empty() {
                continue;
            }
            match slot {
                None => *slot = Some((value.to_string(), line)),
                Some((first, first_line)) if first != value => {
                    return Err(Error::data(
                        path,
                        Some(line),
                        format!(
                            "column `{}` is `{value}` here but `{first}` on line {first_line}, for the same scene",
                            refs[col]
                        ),
                    )
                    .with_hint("give every row of a scene the same value"));
                }
                Some(_) => {}
            }
        }
    }
    quotes.check(path, last)?;
    if rows == 0 {
        return Err(Error::data(path, None, "has a header row but no rows").with_hint("add one row per appearance"));
    }
    for p in &scenes {
        let names: Vec<&str> = p.characters.names.iter().map(String::as_str).collect();
        let columns: Vec<Option<&str>> = p.columns.iter().map(|c| c.as_ref().map(|(v, _)| v.as_str())).collect();
        on_scene(Scene {
            line: p.line,
            episode: p.episode.as_deref(),
            scene: Some(&p.scene),
            characters: &names,
            columns: &columns,
            weight: None,
        });
    }
    Ok(ReadSummary {
        format: ReadFormat::plain(InputFormat::Long),
        scenes: scenes.len() as u64,
    })
}

fn missing(path: &Path, found: &[&str], column: &str) -> Error {
    missing_column(
        path,
        found,
        column,
        "a long scene file has one row per appearance with `character` and `scene` columns",
    )
}
