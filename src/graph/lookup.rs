//! Finding a character by the name a person typed.
//!
//! Commands that take a character's name (`graph path`, `graph ego`,
//! `graph export --ego`) look it up forgivingly, in this order:
//!
//! 1. the name exactly as stored (after the same normalisation the readers
//!    apply: NFC, trimmed, inner spaces collapsed);
//! 2. ignoring case, accents, punctuation and spacing ([`names::loose_key`]):
//!    `carly`, `CARLY` and `Carly!` all find `Carly`, `zoe` finds `Zoë`. When
//!    several characters share that key (`Carly` and `CARLY` were kept apart
//!    by the build), the lookup refuses and lists them rather than guess;
//! 3. the one character whose name holds what was typed, ignoring case and
//!    accents (`valjean` finds `Jean Valjean`); several are refused with their
//!    list rather than guessed;
//! 4. otherwise it fails with up to five suggestions: names within a small
//!    edit distance of what was typed, and names with a word that starts
//!    with it (`Valjean` suggests `Jean Valjean`). A suggestion is never
//!    taken silently: a typo must not turn into an answer about someone else.
//!
//! Edit distances come from the `strsim` crate (Damerau–Levenshtein on the
//! loose keys, so a swapped pair of letters costs 1).

use crate::error::{Error, Result};
use crate::graph::{CastGraph, CharacterId};
use crate::input::names;
use crate::util::wording::{Action, Message, msg};

/// The most suggestions an error lists.
const MAX_SUGGESTIONS: usize = 5;

/// The names a lookup searches: a graph's characters, or those of a
/// timeline (see [`crate::analysis::timeline::Timeline::find`]).
pub trait Names {
    /// How many there are; they are numbered from 0.
    fn count(&self) -> usize;
    /// The name numbered `i`.
    fn name(&self, i: usize) -> &str;
    /// The scenes of the character numbered `i` (the better-known is suggested first).
    fn scenes(&self, i: usize) -> u64;
    /// The number of the name exactly `name`, if there is one.
    fn exact(&self, name: &str) -> Option<usize> {
        (0..self.count()).find(|&i| self.name(i) == name)
    }
}

impl Names for CastGraph {
    fn count(&self) -> usize {
        self.character_count()
    }
    fn name(&self, i: usize) -> &str {
        &self.character(i).name
    }
    fn scenes(&self, i: usize) -> u64 {
        self.character(i).scenes
    }
    fn exact(&self, name: &str) -> Option<usize> {
        self.id_of(name)
    }
}

/// The character called `query`, matched as the module docs say.
///
/// The error is one line for a person: what was not found and, when there
/// are any, the names they may have meant.
pub fn find(graph: &CastGraph, query: &str) -> Result<CharacterId> {
    find_in(graph, query)
}

/// [`find`] among any [`Names`]: the number of the one called `query`.
///
/// # Errors
/// As [`find`].
pub fn find_in(graph: &dyn Names, query: &str) -> Result<usize> {
    if let Some(id) = graph.exact(query) {
        return Ok(id);
    }
    let canonical = names::normalise(query);
    if let Some(id) = graph.exact(&canonical) {
        return Ok(id);
    }
    if canonical.is_empty() {
        return Err(Error::invalid("a character name is empty (give a name, e.g. `Carly`)"));
    }
    let key = names::loose_key(&canonical);
    let same: Vec<CharacterId> = if key.is_empty() {
        Vec::new()
    } else {
        (0..graph.count())
            .filter(|&id| names::loose_key(graph.name(id)) == key)
            .collect()
    };
    match same.as_slice() {
        [one] => Ok(*one),
        [] => within(graph, &canonical, &key),
        several => {
            let listed: Vec<String> = several.iter().map(|&id| quote(graph.name(id))).collect();
            Err(Error::invalid(format!(
                "{} matches {} characters when case and accents are ignored: {} (give the name exactly as one of them)",
                quote(&canonical),
                several.len(),
                listed.join(", ")
            )))
        }
    }
}

/// Step 3: the one character whose name holds what was typed (`valjean`
/// finds `Jean Valjean`), case and accents ignored; several are refused with
/// their list, none is [`not_found`] with suggestions.
fn within(graph: &dyn Names, typed: &str, key: &str) -> Result<CharacterId> {
    let holding: Vec<CharacterId> = if key.is_empty() {
        Vec::new()
    } else {
        (0..graph.count())
            .filter(|&id| names::loose_key(graph.name(id)).contains(key))
            .collect()
    };
    match holding.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::Invalid(not_found(graph, typed, key))),
        several => {
            let shown = several.len().min(MAX_SUGGESTIONS);
            let mut listed: Vec<String> = several[..shown].iter().map(|&id| quote(graph.name(id))).collect();
            if several.len() > shown {
                listed.push(format!("{} more", several.len() - shown));
            }
            Err(Error::invalid(format!(
                "{} is part of the names of {} characters: {} (give more of the name)",
                quote(typed),
                several.len(),
                listed.join(", ")
            )))
        }
    }
}

/// Names close to `key` (a [`names::loose_key`]), best first: by edit
/// distance, then by a word starting with the key, then by scenes (the
/// better-known character first), then by name.
pub fn suggestions(graph: &dyn Names, key: &str) -> Vec<CharacterId> {
    if key.is_empty() {
        return Vec::new();
    }
    let key_len = key.chars().count();
    // One edit per three letters typed, at least one, at most three.
    let budget = (key_len / 3).clamp(1, 3);
    let mut scored: Vec<(usize, CharacterId)> = Vec::new();
    for id in 0..graph.count() {
        let name = graph.name(id);
        let loose = names::loose_key(name);
        let distance = strsim::damerau_levenshtein(key, &loose);
        let word_prefix = key_len >= 2
            && name
                .split(|c: char| !c.is_alphanumeric())
                .map(names::loose_key)
                .any(|w| w.starts_with(key));
        // Two-letter keys suggest only by word: everything is two edits from them.
        let score = if distance <= budget && key_len > 2 {
            Some(distance)
        } else if word_prefix {
            Some(budget + 1)
        } else {
            None
        };
        if let Some(s) = score {
            scored.push((s, id));
        }
    }
    scored.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| graph.scenes(b.1).cmp(&graph.scenes(a.1)))
            .then_with(|| graph.name(a.1).cmp(graph.name(b.1)))
    });
    scored.into_iter().map(|(_, id)| id).take(MAX_SUGGESTIONS).collect()
}

fn not_found(graph: &dyn Names, typed: &str, key: &str) -> Message {
    let near = suggestions(graph, key);
    let start = format!("no character called {} in the graph (", quote(typed));
    if near.is_empty() {
        msg![start, Action::ListCharacters, " lists every character)"]
    } else {
        let listed: Vec<String> = near.iter().map(|&id| quote(graph.name(id))).collect();
        msg![start, format!("did you mean {}?)", or_list(&listed))]
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A name in backquotes, with control characters escaped so the message stays one line.
fn quote(name: &str) -> String {
    let shown: String = name.chars().flat_map(char::escape_debug).collect();
    format!("`{shown}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(names: &[&str]) -> CastGraph {
        let mut g = CastGraph::new();
        for n in names {
            g.add_characters(&[n]);
        }
        g
    }

    #[test]
    fn exact_then_case_and_accents() {
        let g = graph(&["Carly", "Zoë", "Jean Valjean"]);
        assert_eq!(find(&g, "Carly").unwrap(), 0);
        assert_eq!(find(&g, "carly").unwrap(), 0);
        assert_eq!(find(&g, "  CARLY ").unwrap(), 0);
        assert_eq!(find(&g, "zoe").unwrap(), 1);
        assert_eq!(find(&g, "Zoe\u{308}").unwrap(), 1);
        assert_eq!(find(&g, "jean  valjean").unwrap(), 2);
    }

    #[test]
    fn typos_are_suggested_not_taken() {
        let g = graph(&["Carly", "Vanessa", "Jean Valjean", "Javert"]);
        let err = find(&g, "Vanesa").unwrap_err().to_string();
        assert_eq!(
            err,
            "no character called `Vanesa` in the graph (did you mean `Vanessa`?)"
        );
        let err = find(&g, "Craly").unwrap_err().to_string();
        assert!(err.contains("`Carly`"), "{err}");
        let err = find(&g, "Nobody At All").unwrap_err().to_string();
        assert!(err.contains("(`CastGraph::characters` lists every character)"), "{err}");
    }

    #[test]
    fn a_unique_part_of_a_name_finds_it_and_an_ambiguous_one_is_refused() {
        let g = graph(&["Carly", "Jean Valjean", "Javert", "Anna", "Joanne"]);
        assert_eq!(find(&g, "valjean").unwrap(), 1);
        assert_eq!(find(&g, "VALJÉAN").unwrap(), 1);
        let err = find(&g, "ann").unwrap_err().to_string();
        assert_eq!(
            err,
            "`ann` is part of the names of 2 characters: `Anna`, `Joanne` (give more of the name)"
        );
    }

    #[test]
    fn ambiguous_loose_matches_are_refused() {
        let g = graph(&["Carly", "CARLY"]);
        assert_eq!(find(&g, "CARLY").unwrap(), 1);
        let err = find(&g, "carly").unwrap_err().to_string();
        assert!(err.contains("matches 2 characters"), "{err}");
        assert!(err.contains("`Carly`, `CARLY`"), "{err}");
    }

    #[test]
    fn empty_and_control_characters_stay_one_line() {
        let g = graph(&["Carly"]);
        assert!(find(&g, "   ").unwrap_err().to_string().contains("empty"));
        let err = find(&g, "Zed\u{7}\u{85}").unwrap_err().to_string();
        assert!(!err.contains('\u{7}') && !err.contains('\u{85}'), "{err}");
    }
}
