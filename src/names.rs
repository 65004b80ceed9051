//! Character names: normalisation, aliases and possible duplicates.
//!
//! Before names are compared, each is put in Unicode NFC form (so a
//! decomposed `Zoe\u{308}` and a composed `Zoë` are one character) and its
//! runs of inner whitespace are collapsed to one space. Otherwise names are
//! compared exactly: `Carly` and `carly` stay two characters, but are
//! reported as possible duplicates.
//!
//! # Alias files
//!
//! A CSV with a header `alias,name` and an optional third column
//! `episodes`: each row says that `alias` means the character `name`. With
//! `episodes` (e.g. `1-6` or `1-3,5` or `pilot`, the same syntax as
//! `--episodes`), the alias applies only in scenes of those episodes, so one
//! alias can mean different characters in different episodes (`Ben` is
//! Obi-Wan in episodes 1–6 but Kylo Ren in 7). An alias whose scope matches
//! wins over one without a scope. Aliases are not chained: the `name` of a
//! row is used as written.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::{Error, Result};
use crate::filter::EpisodeSet;

/// A name in canonical form: NFC, trimmed, inner whitespace collapsed.
pub fn normalise(name: &str) -> String {
    normalise_cow(name).into_owned()
}

/// [`normalise`] without allocating for names already in canonical form
/// (the common case: most names are ASCII with single spaces).
pub fn normalise_cow(name: &str) -> Cow<'_, str> {
    let canonical_spaces = {
        let b = name.as_bytes();
        !b.first().is_some_and(u8::is_ascii_whitespace)
            && !b.last().is_some_and(u8::is_ascii_whitespace)
            && !b
                .windows(2)
                .any(|w| w[0].is_ascii_whitespace() && (w[1].is_ascii_whitespace() || w[0] != b' '))
    };
    if name.is_ascii() {
        if canonical_spaces {
            return Cow::Borrowed(name);
        }
    } else if canonical_spaces
        && !name.chars().any(|c| c.is_whitespace() && c != ' ')
        && unicode_normalization::is_nfc_quick(name.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return Cow::Borrowed(name);
    }
    Cow::Owned(normalise_slow(name))
}

fn normalise_slow(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first character a name may not hold: a control character (C0, DEL,
/// C1; line breaks and tabs are already spaces after [`normalise`]) or one of
/// the noncharacters U+FFFE and U+FFFF, none of which XML 1.0 can carry.
pub fn forbidden_char(name: &str) -> Option<char> {
    name.chars()
        .find(|&c| c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// `text` with control characters (and the noncharacters XML cannot carry)
/// written as Rust-style escapes (`\u{7}`), so that a label from an input
/// file stays one printable line in a table, a CSV cell or an SVG chart.
pub fn printable(text: &str) -> Cow<'_, str> {
    if forbidden_char(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The key under which names that differ only by case, accents,
/// punctuation or spacing collide: letters and digits, accents removed,
/// lower case.
pub fn loose_key(name: &str) -> String {
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Groups of distinct names that share a [`loose_key`], each group in the
/// order the names are given, groups in order of their first name.
pub fn possible_duplicates<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<Vec<&'a str>> {
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for name in names {
        let key = loose_key(name);
        if key.is_empty() {
            continue;
        }
        match by_key.get(&key) {
            Some(&g) => groups[g].push(name),
            None => {
                by_key.insert(key, groups.len());
                groups.push(vec![name]);
            }
        }
    }
    groups.retain(|g| g.len() > 1);
    groups
}

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
        let input = crate::scenes::wide::open(path)?;
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
        let headers = reader.headers().map_err(|e| alias_csv_error(path, e))?.clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
        };
        let (Some(alias_col), Some(name_col)) = (col("alias"), col("name")) else {
            let found = headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ");
            return Err(Error::data(
                path,
                Some(1),
                format!("an alias file needs `alias` and `name` columns (columns found: {found})"),
            )
            .with_hint("write a header `alias,name` or `alias,name,episodes`"));
        };
        let episodes_col = col("episodes");
        let mut aliases = Aliases {
            path: path.display().to_string(),
            ..Aliases::default()
        };
        for record in reader.records() {
            let record = record.map_err(|e| alias_csv_error(path, e))?;
            let line = record.position().map_or(0, |p| p.line());
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

fn alias_csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_forbidden() {
        assert_eq!(forbidden_char("Bell\u{7}"), Some('\u{7}'));
        assert_eq!(forbidden_char("x\u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_char(&normalise("two\nlines\tand tab")), None);
        assert_eq!(forbidden_char("Zoë 🎭 مريم"), None);
    }

    #[test]
    fn nfc_and_whitespace() {
        assert_eq!(normalise("Zoe\u{308}"), "Zo\u{eb}");
        assert_eq!(normalise("  Mr.   Park\t"), "Mr. Park");
        assert_eq!(normalise("Mr.\tPark"), "Mr. Park");
        assert_eq!(normalise("Zo\u{eb}\u{a0}Park"), "Zo\u{eb} Park");
        assert!(matches!(normalise_cow("Mr. Park"), Cow::Borrowed(_)));
        assert!(matches!(normalise_cow("Zo\u{eb} Park"), Cow::Borrowed(_)));
    }

    #[test]
    fn duplicates_by_case_accent_punctuation_spacing() {
        let groups = possible_duplicates(["Mr Park", "Carly", "Mr. Park", "Zoë", "zoe", "Julie"]);
        assert_eq!(groups, vec![vec!["Mr Park", "Mr. Park"], vec!["Zoë", "zoe"]]);
    }
}
