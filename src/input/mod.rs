//! Reading scene records.
//!
//! A *scene* is one unit of a story in which a set of characters is present
//! together. Each input format has its own module; all of them stream their
//! scenes, one at a time, to a callback as [`Scene`] values, so that a file is
//! never held whole in memory and every format feeds the same graph builder.

pub mod aliases;
pub(crate) mod csv;
pub mod edgelist;
pub mod episodes;
pub mod ezlinavis;
pub mod long;
pub mod names;
pub mod sgb;
pub(crate) mod text;
pub mod weight;
pub mod wide;

use std::io::BufRead;
use std::path::Path;

pub use episodes::EpisodeSet;

use crate::error::{Error, Result};

/// The input formats `graph build` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One row a scene, a `characters` column of `;`-separated names.
    Wide,
    /// One row per appearance: `character` and `scene` (+ `episode`, `season`) columns.
    Long,
    /// Knuth's Stanford GraphBase book files (`.dat`).
    Sgb,
    /// DraCor's Easy Linavis segmented lists (`.txt`).
    Ezlinavis,
    /// Gephi's edge table: `Source,Target[,Weight]`, one row per tie (see [`edgelist`]).
    Edgelist,
}

impl InputFormat {
    /// Every format, for help texts.
    pub const ALL: [InputFormat; 5] = [
        InputFormat::Wide,
        InputFormat::Long,
        InputFormat::Sgb,
        InputFormat::Ezlinavis,
        InputFormat::Edgelist,
    ];

    /// The format's short name: `wide`, `long`, `sgb`, `ezlinavis`, `edgelist`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Wide => "wide",
            InputFormat::Long => "long",
            InputFormat::Sgb => "sgb",
            InputFormat::Ezlinavis => "ezlinavis",
            InputFormat::Edgelist => "edgelist",
        }
    }

    /// The format with that [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<InputFormat> {
        InputFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format in words, for summaries: `wide CSV`, `Stanford GraphBase book`...
    pub fn description(self) -> &'static str {
        match self {
            InputFormat::Wide => "wide CSV",
            InputFormat::Long => "long CSV",
            InputFormat::Sgb => "Stanford GraphBase book",
            InputFormat::Ezlinavis => "ezlinavis list",
            InputFormat::Edgelist => "edge list",
        }
    }

    /// True when the format's records are ties (an edge list's rows), not scenes.
    pub fn records_are_ties(self) -> bool {
        self == InputFormat::Edgelist
    }

    /// Guesses a file's format: `.dat` is a Stanford GraphBase book, `.txt`
    /// an ezlinavis list; otherwise the CSV header decides (`characters` →
    /// wide, `character` → long, `Source` and `Target` → edge list), and
    /// anything else is read as wide (whose reader then says which column is
    /// missing).
    pub fn detect(path: &Path) -> Result<InputFormat> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("dat") => return Ok(InputFormat::Sgb),
            Some("txt") => return Ok(InputFormat::Ezlinavis),
            _ => {}
        }
        let mut first = Vec::new();
        let mut input = csv::open(path)?;
        input
            .read_until(b'\n', &mut first)
            .map_err(|e| Error::io(path, "cannot read", e))?;
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(first.as_slice());
        let mut record = ::csv::ByteRecord::new();
        if reader.read_byte_record(&mut record).unwrap_or(false) {
            let names: Vec<String> = record
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let f = if i == 0 {
                        f.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f)
                    } else {
                        f
                    };
                    String::from_utf8_lossy(f).trim().to_string()
                })
                .collect();
            let has = |want: &str| names.iter().any(|n| n.eq_ignore_ascii_case(want));
            if !has("characters") && edgelist::is_edge_header(names.iter().map(String::as_str)) {
                return Ok(InputFormat::Edgelist);
            }
            if !has("characters") && has("character") {
                return Ok(InputFormat::Long);
            }
        }
        Ok(InputFormat::Wide)
    }

    /// Reads `path` in this format.
    pub fn read(self, path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
        match self {
            InputFormat::Wide => wide::read_path(path, opts, on_scene),
            InputFormat::Long => long::read_path(path, opts, on_scene),
            InputFormat::Sgb => sgb::read_path(path, opts, on_scene),
            InputFormat::Ezlinavis => ezlinavis::read_path(path, opts, on_scene),
            InputFormat::Edgelist => edgelist::read_path(path, opts, on_scene),
        }
    }
}

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
    /// The pair weight the record itself carries: an edge list's `Weight`
    /// (1 without that column). `None` for the scene formats, whose weight
    /// comes from the weighting rule.
    pub weight: Option<f64>,
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

impl SgbScene {
    /// `group` or `chapter`.
    pub fn name(self) -> &'static str {
        match self {
            SgbScene::Group => "group",
            SgbScene::Chapter => "chapter",
        }
    }

    /// The cutting with that [`name`](Self::name).
    pub fn from_name(name: &str) -> Option<SgbScene> {
        [SgbScene::Group, SgbScene::Chapter]
            .into_iter()
            .find(|s| s.name() == name)
    }
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

/// The format a file was read in, and how, for summaries and the saved graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadFormat {
    /// The format.
    pub format: InputFormat,
    /// An edge list with `Directed` rows, which were read as undirected.
    pub directed_rows: bool,
}

impl ReadFormat {
    /// A format read as it is.
    pub const fn plain(format: InputFormat) -> ReadFormat {
        ReadFormat {
            format,
            directed_rows: false,
        }
    }
}

/// What the description of an edge list with `Directed` rows adds.
const DIRECTED_NOTE: &str = "; Directed rows read as undirected";

impl std::fmt::Display for ReadFormat {
    /// `wide CSV`; `edge list; Directed rows read as undirected`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.format.description())?;
        if self.directed_rows {
            f.write_str(DIRECTED_NOTE)?;
        }
        Ok(())
    }
}

impl PartialEq<&str> for ReadFormat {
    /// Compares the format's description (its `Display` text).
    fn eq(&self, other: &&str) -> bool {
        let note = if self.directed_rows { DIRECTED_NOTE } else { "" };
        other.strip_prefix(self.format.description()) == Some(note)
    }
}

/// What was read from one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    /// The format that was read.
    pub format: ReadFormat,
    /// Number of scenes (records) read.
    pub scenes: u64,
}

/// Splits a `;`-separated list of names into `out`: names are trimmed, empty
/// parts dropped, and a name repeated in the list kept once (first position).
pub fn split_names<'a>(field: &'a str, separator: char, out: &mut Vec<&'a str>) {
    out.clear();
    let mut seen: Option<rustc_hash::FxHashSet<&'a str>> = None;
    for part in field.split(separator) {
        let name = part.trim();
        if !name.is_empty() && first_time(name, out, &mut seen) {
            out.push(name);
        }
    }
}

/// True when `name` is not in `list` yet: a linear scan for the usual small
/// scenes, a hash set (made on demand from the list) beyond
/// [`LINEAR_LIMIT`] names, so that a scene of 100,000 names is not quadratic.
pub(crate) fn first_time<'a>(
    name: &'a str,
    list: &[&'a str],
    seen: &mut Option<rustc_hash::FxHashSet<&'a str>>,
) -> bool {
    match seen {
        Some(set) => set.insert(name),
        None => {
            let new = !list.contains(&name);
            if new && list.len() >= LINEAR_LIMIT {
                *seen = Some(list.iter().copied().chain([name]).collect());
            }
            new
        }
    }
}

/// An owned list of distinct names, for readers that assemble a scene
/// line by line (same strategy as [`first_time`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct UniqueNames {
    pub(crate) names: Vec<String>,
    set: Option<rustc_hash::FxHashSet<String>>,
}

impl UniqueNames {
    /// Adds `name` unless it is already there.
    pub(crate) fn push(&mut self, name: &str) {
        let new = match &mut self.set {
            Some(set) => set.insert(name.to_string()),
            None => {
                let new = !self.names.iter().any(|n| n == name);
                if new && self.names.len() >= LINEAR_LIMIT {
                    self.set = Some(self.names.iter().cloned().chain([name.to_string()]).collect());
                }
                new
            }
        };
        if new {
            self.names.push(name.to_string());
        }
    }

    /// Empties the list.
    pub(crate) fn clear(&mut self) {
        self.names.clear();
        self.set = None;
    }
}

/// Up to this many names, duplicate checks scan the list.
pub(crate) const LINEAR_LIMIT: usize = 32;

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
