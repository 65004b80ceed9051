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
use super::parquet::no_rows;
use super::table::{Container, Fields, Table};
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, Tally};
use crate::error::{Error, Numbering, Result};

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
    on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    read_table(CsvTable::start(path, input)?, InputFormat::Wide, opts, on_scene)
}

/// Reads a wide table (CSV or Parquet), reported as `format`.
pub(crate) fn read_table<T: Table>(
    mut table: T,
    format: InputFormat,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let characters = table.require(
        CHARACTERS,
        CHARACTERS,
        "add a `characters` column listing each scene's characters separated by `;`",
    )?;
    table.allow_lists(characters);
    let episode = table.column("episode")?;
    let scene = table.column("scene")?;
    let wanted = table.columns(&opts.columns)?;

    let mut count = 0u64;
    let mut other_separator = OtherSeparator::default();
    while let Some(row) = table.next_row()? {
        let line = row.line();
        let mut list = Vec::with_capacity(8);
        row.names(characters, opts.separator, &mut list);
        if list.len() == 1 && !row.is_list(characters) {
            other_separator.check(list[0], line);
        }
        let columns: Vec<Option<&str>> = wanted.iter().map(|&i| row.value(i)).collect();
        on_scene(Scene {
            line,
            episode: episode.and_then(|i| row.get(i)).map(str::trim),
            scene: scene.and_then(|i| row.get(i)).map(str::trim),
            characters: &list,
            columns: &columns,
            weight: None,
            tally: Tally::Scene,
        });
        count += 1;
    }
    let path = table.path().to_path_buf();
    let container = table.container();
    table.finish()?;
    if count == 0 {
        return Err(match container {
            Container::Csv => Error::data(&path, None, "has a header row but no scenes")
                .with_hint("add one row per scene below the header"),
            Container::Parquet => no_rows(&path, "add one row per scene"),
        });
    }
    let mut summary = ReadSummary::new(ReadFormat::plain(format), count);
    summary.notes.extend(other_separator.note(&path, container.numbering()));
    Ok(summary)
}

/// Scenes whose one name holds another usual separator (`Carly, Vanessa`
/// with the default `;`): most likely several names, separated otherwise.
#[derive(Default)]
struct OtherSeparator {
    /// For each of `,`, `|`, `/`: how many scenes, and the first one's line and name.
    seen: [(u64, u64, String); 3],
}

const OTHER_SEPARATORS: [char; 3] = [',', '|', '/'];

impl OtherSeparator {
    fn check(&mut self, name: &str, line: u64) {
        for (slot, c) in self.seen.iter_mut().zip(OTHER_SEPARATORS) {
            if name.contains(c) {
                if slot.0 == 0 {
                    slot.1 = line;
                    slot.2 = name.to_string();
                }
                slot.0 += 1;
            }
        }
    }

    /// The warning, for the separator most scenes hold.
    fn note(&self, path: &Path, numbering: Numbering) -> Option<crate::util::wording::Message> {
        use crate::util::wording::{Part, Setting, msg};
        let (k, (count, line, name)) = self
            .seen
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (s.0, std::cmp::Reverse(*i)))?;
        if *count == 0 {
            return None;
        }
        let c = OTHER_SEPARATORS[k];
        let scenes = if *count == 1 {
            "1 scene lists".to_string()
        } else {
            format!("{count} scenes list")
        };
        Some(msg![
            format!(
                "{}: {scenes} one name holding `{c}` (the first on {} {line}: {name:?}); if they are several names, give ",
                path.display(),
                numbering.word()
            ),
            Part::Value(Setting::Separator, format!("'{c}'"))
        ])
    }
}
