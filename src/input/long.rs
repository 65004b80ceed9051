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

use super::csv::{CsvTable, open};
use super::parquet::no_rows;
use super::table::{Container, Fields, Table};
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, Tally, UniqueNames};
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
    on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    read_table(CsvTable::start(path, input)?, InputFormat::Long, opts, on_scene)
}

/// Reads a long table (CSV or Parquet), reported as `format`.
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
    let character = table.require("character", "character", HINT)?;
    let scene = table.require("scene", "scene", HINT)?;
    let episode = table.column("episode")?;
    let season = table.column("season")?;
    let wanted = table.columns(&opts.columns)?;
    let refs = table.names().into_iter().map(str::to_string).collect::<Vec<_>>();

    let mut scenes: Vec<Pending> = Vec::new();
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    let mut rows = 0u64;
    while let Some(row) = table.next_row()? {
        rows += 1;
        let line = row.line();
        let field = |i: usize| row.text(i);
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
                            "column `{}` is `{value}` here but `{first}` on {word} {first_line}, for the same scene",
                            refs[col]
                        ),
                    )
                    .with_hint("give every row of a scene the same value"));
                }
                Some(_) => {}
            }
        }
    }
    table.finish()?;
    if rows == 0 {
        return Err(match container {
            Container::Csv => {
                Error::data(path, None, "has a header row but no rows").with_hint("add one row per appearance")
            }
            Container::Parquet => no_rows(path, "add one row per appearance"),
        });
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
            tally: Tally::Scene,
        });
    }
    Ok(ReadSummary::new(ReadFormat::plain(format), scenes.len() as u64))
}

/// The hint of a missing required column.
const HINT: &str = "a long scene file has one row per appearance with `character` and `scene` columns";
