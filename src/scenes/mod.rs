//! Reading scene records.
//!
//! A *scene* is one unit of a story in which a set of characters is present
//! together. Each input format has its own module; all of them stream their
//! scenes, one at a time, to a callback as [`Scene`] values, so that a file is
//! never held whole in memory and every format feeds the same graph builder.

pub mod wide;

/// One scene as read from an input file, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Scene<'a> {
    /// 1-based line on which the scene's record starts.
    pub line: u64,
    /// The `episode` column, when the file has one.
    pub episode: Option<&'a str>,
    /// The `scene` column, when the file has one.
    pub scene: Option<&'a str>,
    /// The characters present: trimmed, non-empty, each name once, in the order listed.
    pub characters: &'a [&'a str],
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
