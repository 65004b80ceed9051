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

use super::csv::{CsvFile, csv_error, find_column, missing_column, not_utf8, open, resolve_columns};
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
    let CsvFile {
        mut reader,
        quotes,
        names,
    } = CsvFile::start(path, input)?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let find = |wanted: &str| find_column(path, &refs, wanted);
    let Some(characters) = find(CHARACTERS)? else {
        return Err(missing_column(
            path,
            &refs,
            CHARACTERS,
            "add a `characters` column listing each scene's characters separated by `;`",
        ));
    };
    let episode = find("episode")?;
    let scene = find("scene")?;
    let wanted = resolve_columns(path, &opts.columns, &refs)?;

    let mut record = csv::ByteRecord::new();
    let mut count = 0u64;
    let mut last = (0u64, false);
    while reader.read_byte_record(&mut record).map_err(|e| csv_error(path, e))? {
        let line = record.position().map_or(0, |p| p.line());
        last = (line, record.as_slice().contains(&b'\n'));
        // Validate the whole record at once: cheaper than field by field.
        let text = std::str::from_utf8(record.as_slice()).map_err(|_| not_utf8(path, line))?;
        // Fields are validated as a whole record; a field must also start and
        // end on character boundaries (one character split across two fields
        // passes the whole-record check: found by fuzzing).
        let field = |i: usize| record.range(i).and_then(|r| text.get(r));
        let used = [Some(characters), episode, scene]
            .into_iter()
            .flatten()
            .chain(wanted.iter().copied());
        for i in used {
            if record.range(i).is_some() && field(i).is_none() {
                return Err(not_utf8(path, line));
            }
        }
        let mut list = Vec::with_capacity(8);
        split_names(field(characters).unwrap_or(""), opts.separator, &mut list);
        let columns: Vec<Option<&str>> = wanted
            .iter()
            .map(|&i| field(i).map(str::trim).filter(|v| !v.is_empty()))
            .collect();
        on_scene(Scene {
            line,
            episode: episode.and_then(field).map(str::trim),
            scene: scene.and_then(field).map(str::trim),
            characters: &list,
            columns: &columns,
            weight: None,
        });
        count += 1;
    }
    quotes.check(path, last)?;
    if count == 0 {
        return Err(Error::data(path, None, "has a header row but no scenes")
            .with_hint("add one row per scene below the header"));
    }
    Ok(ReadSummary {
        format: ReadFormat::plain(InputFormat::Wide),
        scenes: count,
    })
}
