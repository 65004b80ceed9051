//! Reading scene records.
//!
//! A *scene* is one unit of a story in which a set of characters is present
//! together. Each input format has its own module; all of them stream their
//! scenes, one at a time, to a callback as [`Scene`] values, so that a file is
//! never held whole in memory and every format feeds the same graph builder.

pub mod ezlinavis;
pub mod long;
pub mod sgb;
pub mod wide;

use std::path::Path;

use crate::error::{Error, Result};

/// One scene as read from an input file, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'a> {
    /// 1-based line on which the scene's record starts.
    pub line: u64,
    /// The `episode` column (or the format's equivalent: a chapter, an act), when there is one.
    pub episode: Option<&'a str>,
    /// The `scene` column (or the format's equivalent), when there is one.
    pub scene: Option<&'a str>,
    /// The characters present: trimmed, non-empty, each name once, in the order listed.
    pub characters: &'a [&'a str],
    /// The values of [`ReadOptions::columns`], in that order (`None`: empty in this scene).
    pub columns: &'a [Option<&'a str>],
}

/// How Knuth's `.dat` books are cut into scenes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SgbScene {
    /// One scene per `;`-separated encounter group (reproduces Newman's Les Misérables network).
    #[default]
    Group,
    /// One scene per chapter: the union of its groups.
    Chapter,
}

/// What a reader needs to know besides the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Separator of the names in a wide CSV's `characters` field (default `;`).
    pub separator: char,
    /// Metadata columns the caller wants with every scene (for filters and
    /// weights); a reader refuses a column its file does not have.
    pub columns: Vec<String>,
    /// Scene cutting of `.dat` books.
    pub sgb_scene: SgbScene,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            separator: ';',
            columns: Vec::new(),
            sgb_scene: SgbScene::Group,
        }
    }
}

/// Finds each requested column among a file's `available` columns (ignoring
/// ASCII case), or fails naming the column and listing those available.
pub fn resolve_columns(path: &Path, requested: &[String], available: &[&str]) -> Result<Vec<usize>> {
    requested
        .iter()
        .map(|want| {
            available
                .iter()
                .position(|a| a.trim().eq_ignore_ascii_case(want.trim()))
                .ok_or_else(|| {
                    let listed = available
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    Error::data(path, None, format!("no column `{want}` (columns found: {listed})"))
                        .with_hint("check the column name given to --where or --weight")
                })
        })
        .collect()
}

/// What was read from one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    /// Name of the format that was read, e.g. `"wide CSV"`.
    pub format: &'static str,
    /// Number of scenes (records) read.
    pub scenes: u64,
}

/// Splits a `;`-separated list of names into `out`: names are trimmed, empty
/// parts dropped, and a name repeated in the list kept once (first position).
pub fn split_names<'a>(field: &'a str, separator: char, out: &mut Vec<&'a str>) {
    out.clear();
    for part in field.split(separator) {
        let name = part.trim();
        if name.is_empty() || out.contains(&name) {
            continue;
        }
        out.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_trims_drops_empty_and_dedups() {
        let mut out = Vec::new();
        split_names(" Carly ;; Vanessa;Carly ; ", ';', &mut out);
        assert_eq!(out, ["Carly", "Vanessa"]);
        split_names("", ';', &mut out);
        assert!(out.is_empty());
    }
}
