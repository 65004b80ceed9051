//! Alias files: which written names are one character.
//!
//! A CSV with a header `alias,name` and an optional third column
//! `episodes`: each row says that `alias` means the character `name`. With
//! `episodes` (e.g. `1-6` or `1-3,5` or `pilot`, the same syntax as
//! `--episodes`), the alias applies only in scenes of those episodes, so one
//! alias can mean different characters in different episodes (`Ben` is
//! Obi-Wan in episodes 1–6 but Kylo Ren in 7). An alias whose scope matches
//! wins over one without a scope. Aliases are not chained: the `name` of a
//! row is used as written.

use std::collections::HashMap;
use std::path::Path;

use super::csv::{Tracker, columns_found};
use super::episodes::EpisodeSet;
use super::names::normalise;
use crate::error::{Error, Result};

/// One row of an alias file.
#[derive(Debug, Clone)]
struct Alias {
    name: String,
    scope: Option<EpisodeSet>,
    line: u64,
}

/// The aliases of an alias file, and which of them were used.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    path: String,
    by_alias: HashMap<String, Vec<Alias>>,
    used: HashMap<(String, u64), bool>,
}

impl Aliases {
    /// Reads an alias file (see the module docs).
    pub fn read(path: &Path) -> Result<Aliases> {
        let tracker = Tracker::default();
        let input = tracker.wrap(super::csv::open(path)?);
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
        let headers = reader
            .headers()
            .map_err(|e| alias_csv_error(path, e, &tracker))?
            .clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
        };
        let (Some(alias_col), Some(name_col)) = (col("alias"), col("name")) else {
            let found: Vec<&str> = headers.iter().collect();
            return Err(Error::data(
                path,
                Some(1),
                format!(
                    "an alias file needs `alias` and `name` columns ({})",
                    columns_found(&found)
                ),
            )
            .with_hint("write a header `alias,name` or `alias,name,episodes`"));
        };
        let episodes_col = col("episodes");
        let mut aliases = Aliases {
            path: path.display().to_string(),
            ..Aliases::default()
        };
        for record in reader.records() {
            let record = record.map_err(|e| alias_csv_error(path, e, &tracker))?;
            let line = record.position().map_or(0, |p| tracker.line_at(p.byte()));
            let alias = normalise(record.get(alias_col).unwrap_or(""));
            let name = normalise(record.get(name_col).unwrap_or(""));
            if alias.is_empty() || name.is_empty() {
                return Err(
                    Error::data(path, Some(line), "an alias row needs both an alias and a name")
                        .with_hint("fill in both columns or delete the row"),
                );
            }
            let scope = match episodes_col
                .and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(spec) => Some(EpisodeSet::parse(spec).map_err(|e| Error::data(path, Some(line), e))?),
                None => None,
            };
            aliases.used.insert((alias.clone(), line), false);
            aliases
                .by_alias
                .entry(alias)
                .or_default()
                .push(Alias { name, scope, line });
        }
        Ok(aliases)
    }

    /// The character a (normalised) name stands for in a scene of `episode`.
    pub fn resolve(&mut self, name: &str, episode: Option<&str>) -> Option<&str> {
        let rows = self.by_alias.get(name)?;
        let scoped = rows
            .iter()
            .find(|a| a.scope.as_ref().is_some_and(|s| episode.is_some_and(|e| s.contains(e))));
        let row = scoped.or_else(|| rows.iter().find(|a| a.scope.is_none()))?;
        if let Some(flag) = self.used.get_mut(&(name.to_string(), row.line)) {
            *flag = true;
        }
        Some(row.name.as_str())
    }

    /// Warnings for alias rows that never matched a name.
    pub fn unused(&self) -> Vec<String> {
        let mut rows: Vec<(&String, u64)> = self
            .used
            .iter()
            .filter(|(_, used)| !**used)
            .map(|((alias, line), _)| (alias, *line))
            .collect();
        rows.sort_by_key(|r| r.1);
        rows.into_iter()
            .map(|(alias, line)| format!("{}: line {line}: alias `{alias}` was never used", self.path))
            .collect()
    }
}

fn alias_csv_error(path: &Path, e: csv::Error, tracker: &Tracker) -> Error {
    let line = e.position().map(|p| tracker.line_at(p.byte()));
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, "cannot read", io),
        csv::ErrorKind::Utf8 { .. } => {
            Error::data(path, line, "is not valid UTF-8").with_hint("save the file as UTF-8")
        }
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Error::data(
            path,
            line,
            format!("malformed CSV: the row has {len} fields but the header has {expected_len}"),
        ),
        other => Error::data(path, line, format!("malformed CSV: {other:?}")),
    }
}
