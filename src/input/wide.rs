//! The wide scene CSV: one row a scene, a `characters` column listing the
//! characters present, separated by `;`.
//!
//! The file is UTF-8 with a header row; a leading byte-order mark is ignored,
//! CRLF and LF line endings both work and fields follow RFC 4180 quoting, so
//! names may contain commas and quotes. Optional `episode` and `scene` columns
//! identify the scene; other columns are allowed and ignored. Header names are
//! matched after trimming, ignoring ASCII case.

use std::io::Read;
use std::path::Path;

use super::csv::{CsvTable, open};
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, split_names};
use crate::error::{Error, Result};

/// The name of the required column.
pub const CHARACTERS: &str = "characters";

/// Reads a wide scene CSV from `path`, calling `on_scene` for every row.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read(path, open(path)?, opts, on_scene)
}

/// Reads a wide scene CSV from any reader; `path` is only used in messages.
pub fn read<R: Read>(
    path: &Path,
    input: R,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let mut table = CsvTable::start(path, input)?;
    let characters = table.require(
        CHARACTERS,
        CHARACTERS,
        "add a `characters` column listing each scene's characters separated by `;`",
    )?;
    let episode = table.column("episode")?;
    let scene = table.column("scene")?;
    let wanted = table.columns(&opts.columns)?;

    let mut count = 0u64;
    while let Some(row) = table.next_row()? {
        let mut list = Vec::with_capacity(8);
        split_names(row.get(characters).unwrap_or(""), opts.separator, &mut list);
        let columns: Vec<Option<&str>> = wanted.iter().map(|&i| row.value(i)).collect();
        on_scene(Scene {
            line: row.line,
            episode: episode.and_then(|i| row.get(i)).map(str::trim),
            scene: scene.and_then(|i| row.get(i)).map(str::trim),
            characters: &list,
            columns: &columns,
            weight: None,
        });
        count += 1;
    }
    table.finish()?;
    if count == 0 {
        return Err(Error::data(path, None, "has a header row but no scenes")
            .with_hint("add one row per scene below the header"));
    }
    Ok(ReadSummary::new(ReadFormat::plain(InputFormat::Wide), count))
}
