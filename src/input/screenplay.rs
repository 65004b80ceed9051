//! What the two screenplay formats share: a script read whole into scenes
//! (heading, line, cues, action text), then turned into [`Scene`]s by the
//! same rules whether it came from a Fountain file ([`super::fountain`]) or a
//! Final Draft file ([`super::fdx`]).
//!
//! * **Scenes.** Every scene heading starts a scene, numbered in script
//!   order; two headings with the same text are two scenes, and a scene where
//!   nobody speaks is still a scene. Text before the first heading is a scene
//!   (labelled `(before the first heading)`) only when someone speaks in it,
//!   and the summary says so.
//! * **Cue names.** A cue's name is its text without a leading `@`, a final
//!   `^` (dual dialogue), any parentheticals at its end (`(V.O.)`,
//!   `(O.S.)`, `(CONT'D)`, `(CONT’D)`, `(ON PHONE)`, several in a row) and
//!   one trailing `:`, whitespace collapsed; the script's spelling is kept.
//! * **One character, two spellings.** Cues equal after Unicode lower-casing
//!   are one character (`@McCABE` and `MCCABE`), named by the spelling with
//!   a lower-case letter (a deliberate `@` cue), else the first seen; the
//!   summary lists each merge. Merging is per file.
//! * **Joint cues.** A cue made of parts joined by ` AND `, `&` or `/`
//!   counts as each part when every part is a cue of its own somewhere in the
//!   script (`ROSALIND AND TOMASZ`); otherwise it is one character (`THE
//!   QUEUE AND THE PIGEONS`), and the summary says so.
//! * **Who is present.** The speakers of the scene, each once, in order of
//!   first appearance. With [`Presence::Action`] also every speaker of the
//!   script whose name appears in the scene's action text: compared without
//!   regard to case, as whole words (the characters around the match are not
//!   letters or digits), the longest name winning where names overlap (`Cyber
//!   Bob waves` names CYBER BOB, not BOB). Headings, transitions, dialogue,
//!   notes and the like are not action text.
//! * **Names.** As written; with [`NameStyle::Title`] a name without any
//!   lower-case letter is put in title case (`CYBER BOB` → `Cyber Bob`,
//!   `O'NEIL` → `O'Neil`, `McCABE` unchanged). The summary lists names that
//!   may be one character: one is the other with words in front (`BOB`,
//!   `CYBER BOB`).
//! * **Labels.** Episode: the script's title, else the file name without its
//!   extension; scene: the heading. Metadata columns `episode` and `scene`.
//!
//! [`Presence::Stage`] and [`NameStyle::Id`] are for TEI plays and are
//! refused.

use std::borrow::Cow;
use std::path::Path;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use rustc_hash::{FxHashMap, FxHashSet};

use super::csv::resolve_columns;
use super::text::collapse_whitespace;
use super::{NameStyle, Presence, ReadFormat, ReadOptions, ReadSummary, Scene, Tally, not_for_this_format};
use crate::error::{Error, Result};
use crate::util::format::plural;
use crate::util::wording::{Message, Part, Setting, msg};

/// The metadata columns a script offers: its title and the scene's heading.
pub const COLUMNS: [&str; 2] = ["episode", "scene"];

/// The scene label of the text before the first heading.
pub const OPENING_SCENE: &str = "(before the first heading)";

/// A script read whole: its title and its scenes, the opening one first.
#[derive(Debug)]
pub(crate) struct Script {
    /// The title (a Fountain `Title:`, a Final Draft title page).
    pub(crate) title: Option<String>,
    /// `scenes[0]` is the text before the first heading.
    scenes: Vec<Draft>,
}

/// One scene of a [`Script`] as read.
#[derive(Debug)]
struct Draft {
    /// `None` for the opening scene.
    heading: Option<String>,
    line: u64,
    /// The cue names (see [`cue_name`]), in order, repeats included.
    cues: Vec<String>,
    /// The action lines, one per line.
    action: String,
}

impl Draft {
    fn new(heading: Option<String>, line: u64) -> Draft {
        Draft {
            heading,
            line,
            cues: Vec::new(),
            action: String::new(),
        }
    }
}

impl Default for Script {
    fn default() -> Self {
        Script {
            title: None,
            scenes: vec![Draft::new(None, 0)],
        }
    }
}

impl Script {
    /// The opening scene starts on `line`, unless a line was given before.
    pub(crate) fn begin_at(&mut self, line: u64) {
        if self.scenes[0].line == 0 {
            self.scenes[0].line = line;
        }
    }

    /// A scene heading on `line`: a new scene.
    pub(crate) fn heading(&mut self, label: &str, line: u64) {
        self.scenes.push(Draft::new(Some(collapse_whitespace(label)), line));
    }

    /// A cue of the current scene, its name already taken out (see [`cue_name`]).
    pub(crate) fn cue(&mut self, name: String) {
        if !name.is_empty() {
            self.current().cues.push(name);
        }
    }

    /// A line of action text of the current scene.
    pub(crate) fn action(&mut self, text: &str) {
        let action = &mut self.current().action;
        if !action.is_empty() {
            action.push('\n');
        }
        action.push_str(text);
    }

    fn current(&mut self) -> &mut Draft {
        self.scenes.last_mut().expect("a script always has its opening scene")
    }
}

/// Refuses the reading options that are for TEI plays only.
///
/// # Errors
/// [`Presence::Stage`] or [`NameStyle::Id`].
pub(crate) fn check_options(path: &Path, opts: &ReadOptions) -> Result<()> {
    let value = |s: Setting, v: &str| Part::Value(s, v.to_string());
    if opts.presence == Presence::Stage {
        return Err(not_for_this_format(
            path,
            "a script",
            Setting::Presence,
            "stage",
            "TEI plays",
            msg![
                "for a script use ",
                value(Setting::Presence, "speakers"),
                ", or ",
                value(Setting::Presence, "action"),
                " to count the speakers named in its action lines too"
            ],
        ));
    }
    if opts.names == NameStyle::Id {
        return Err(not_for_this_format(
            path,
            "a script",
            Setting::Names,
            "id",
            "TEI plays",
            msg![
                "for a script use ",
                value(Setting::Names, "as-written"),
                " (its cues), or ",
                value(Setting::Names, "title")
            ],
        ));
    }
    Ok(())
}

/// The character name of a cue (R19): without a leading `@`, a final `^`,
/// the parentheticals at its end and one trailing `:`, whitespace collapsed.
/// `None` when nothing is left.
pub(crate) fn cue_name(cue: &str) -> Option<String> {
    let mut rest = cue.trim();
    if let Some(r) = rest.strip_prefix('@') {
        rest = r.trim_start();
    }
    rest = strip_extensions(rest);
    if let Some(r) = rest.strip_suffix(':') {
        rest = r.trim_end();
    }
    let name = collapse_whitespace(rest);
    (!name.is_empty()).then_some(name)
}

/// `text` without a final `^` and the parentheticals at its end (each
/// with the whitespace before it).
pub(crate) fn strip_extensions(text: &str) -> &str {
    let mut rest = text.trim_end();
    if let Some(r) = rest.strip_suffix('^') {
        rest = r.trim_end();
    }
    while let Some(r) = strip_parenthetical(rest) {
        rest = r.trim_end();
    }
    rest
}

/// `text` without its final `( … )` (holding no parenthesis), if it ends in one.
fn strip_parenthetical(text: &str) -> Option<&str> {
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind(['(', ')'])?;
    inner[open..].starts_with('(').then(|| &text[..open])
}

/// Reads a whole script's scenes into `on_scene` (see the module docs) and
/// says what the user should know in the summary's notes.
///
/// # Errors
/// A metadata column the scripts do not have; more names than the action
/// search can hold.
pub(crate) fn emit(
    path: &Path,
    format: ReadFormat,
    script: Script,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let wanted = resolve_columns(path, &opts.columns, &COLUMNS)?;
    let mut notes = Vec::new();
    let shown = path.display();
    let mut scenes = script.scenes;
    let opening = &scenes[0];
    if opening.cues.is_empty() {
        scenes.remove(0);
    } else {
        notes.push(Message::from(format!(
            "{shown}: {} before the first heading: read as one opening scene, \"{OPENING_SCENE}\"",
            plural(opening.cues.len(), "speech", "speeches")
        )));
    }
    if scenes.is_empty() {
        notes.push(Message::from(format!(
            "{shown}: no scene heading and no dialogue: no scene read"
        )));
    }
    let cast = Cast::new(&scenes);
    let display: Vec<Cow<'_, str>> = cast
        .names
        .iter()
        .map(|n| match opts.names {
            NameStyle::Title => title_case(n),
            _ => Cow::Borrowed(n.as_str()),
        })
        .collect();
    let merges: Vec<String> = cast
        .merges()
        .map(|(spellings, i)| {
            format!(
                "{shown}: the cues {} differ only in case: read as one character, {}",
                spellings.join(" and "),
                display[i]
            )
        })
        .collect();
    push_notes(&mut notes, merges, &shown, "names merged");

    // Who speaks in each scene, as cast indices; joint cues split or kept.
    let mut kept_whole: Vec<usize> = Vec::new();
    let mut present: Vec<Vec<usize>> = Vec::with_capacity(scenes.len());
    for draft in &scenes {
        let mut ids = Vec::new();
        for cue in &draft.cues {
            let Some(whole) = cast.find(cue) else { continue };
            let parts = joint_parts(cue);
            let split: Option<Vec<usize>> = (parts.len() > 1)
                .then(|| parts.iter().map(|p| cast.find(p)).collect())
                .flatten();
            match split {
                Some(each) => ids.extend(each),
                None => {
                    if parts.len() > 1 {
                        kept_whole.push(whole);
                    }
                    ids.push(whole);
                }
            }
        }
        present.push(dedup(ids));
    }
    let kept_whole: Vec<String> = dedup(kept_whole)
        .into_iter()
        .map(|i| {
            format!(
                "{shown}: the joint cue '{}' is read as one character: not every part of it speaks alone",
                display[i]
            )
        })
        .collect();
    push_notes(&mut notes, kept_whole, &shown, "joint cues read as one character");
    let speaking = dedup(present.iter().flatten().copied().collect());
    if opts.presence == Presence::Action
        && let Some(finder) = Finder::new(path, speaking.iter().map(|&i| (i, cast.names[i].as_str())))?
    {
        for (draft, ids) in scenes.iter().zip(&mut present) {
            let mut seen: FxHashSet<usize> = ids.iter().copied().collect();
            finder.find(&draft.action, |i| {
                if seen.insert(i) {
                    ids.push(i);
                }
            });
        }
    }
    let duplicates: Vec<String> = word_prefixed(speaking.iter().map(|&i| display[i].as_ref()))
        .into_iter()
        .map(|(short, long)| {
            format!("{shown}: possible duplicates: '{short}' and '{long}' (one is the other with words in front; merge them with ")
        })
        .collect();
    let more_duplicates = duplicates.len().saturating_sub(MAX_NOTES);
    for text in duplicates.into_iter().take(MAX_NOTES) {
        notes.push(msg![text, Setting::Aliases, " if they are one character)"]);
    }
    if more_duplicates > 0 {
        notes.push(Message::from(format!(
            "{shown}: and {more_duplicates} more pairs of possible duplicates"
        )));
    }

    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let episode = script.title.or(stem).filter(|t| !t.is_empty());
    let mut characters: Vec<&str> = Vec::new();
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (draft, ids) in scenes.iter().zip(&present) {
        characters.clear();
        seen.clear();
        for &i in ids {
            let name = display[i].as_ref();
            if seen.insert(name) {
                characters.push(name);
            }
        }
        let label = draft.heading.as_deref().unwrap_or(OPENING_SCENE);
        let columns: Vec<Option<&str>> = wanted
            .iter()
            .map(|&c| if c == 0 { episode.as_deref() } else { Some(label) })
            .collect();
        on_scene(Scene {
            line: draft.line.max(1),
            episode: episode.as_deref(),
            scene: Some(label),
            characters: &characters,
            columns: &columns,
            weight: None,
            tally: Tally::Scene,
        });
    }
    let mut summary = ReadSummary::new(format, scenes.len() as u64);
    summary.notes = notes;
    Ok(summary)
}

/// At most this many notes of one kind; the rest are counted.
const MAX_NOTES: usize = 10;

/// Adds `items` to `notes`, at most [`MAX_NOTES`] of them and then how
/// many more `what` there are.
fn push_notes(notes: &mut Vec<Message>, items: Vec<String>, shown: &dyn std::fmt::Display, what: &str) {
    let more = items.len().saturating_sub(MAX_NOTES);
    notes.extend(items.into_iter().take(MAX_NOTES).map(Message::from));
    if more > 0 {
        notes.push(Message::from(format!("{shown}: and {more} more {what}")));
    }
}

/// `ids` with repeats dropped, first positions kept.
fn dedup(ids: Vec<usize>) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(ids.len());
    let mut seen = FxHashSet::default();
    for i in ids {
        if seen.insert(i) {
            out.push(i);
        }
    }
    out
}

/// The characters of a script: its cue names merged by case.
struct Cast {
    /// Lower-cased name → index.
    by_key: FxHashMap<String, usize>,
    /// The name each character goes by.
    names: Vec<String>,
    /// Every spelling seen, in order.
    spellings: Vec<Vec<String>>,
}

impl Cast {
    fn new(scenes: &[Draft]) -> Cast {
        let mut cast = Cast {
            by_key: FxHashMap::default(),
            names: Vec::new(),
            spellings: Vec::new(),
        };
        for cue in scenes.iter().flat_map(|d| &d.cues) {
            let next = cast.names.len();
            let i = *cast.by_key.entry(cue.to_lowercase()).or_insert(next);
            if i == next {
                cast.names.push(cue.clone());
                cast.spellings.push(vec![cue.clone()]);
            } else if !cast.spellings[i].contains(cue) {
                cast.spellings[i].push(cue.clone());
            }
        }
        // A spelling with a lower-case letter was typed on purpose (`@McCABE`).
        for (name, spellings) in cast.names.iter_mut().zip(&cast.spellings) {
            if let Some(mixed) = spellings.iter().find(|s| s.chars().any(char::is_lowercase)) {
                name.clone_from(mixed);
            }
        }
        cast
    }

    /// The index of the character `name` stands for, if it is one.
    fn find(&self, name: &str) -> Option<usize> {
        self.by_key.get(&name.to_lowercase()).copied()
    }

    /// The characters spelt more than one way: the spellings and the character.
    fn merges(&self) -> impl Iterator<Item = (&[String], usize)> {
        self.spellings
            .iter()
            .enumerate()
            .filter(|(_, s)| s.len() > 1)
            .map(|(i, s)| (s.as_slice(), i))
    }
}

/// The parts of a joint cue: split at ` AND ` (any case), `&` and `/`,
/// trimmed, empty parts dropped. One part when the cue is not joint.
fn joint_parts(cue: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for piece in cue.split(['&', '/']) {
        let words: Vec<&str> = piece.split_whitespace().collect();
        let mut part: Vec<&str> = Vec::new();
        for (k, word) in words.iter().enumerate() {
            if word.eq_ignore_ascii_case("and") && !part.is_empty() && k + 1 < words.len() {
                parts.push(part.join(" "));
                part.clear();
            } else {
                part.push(word);
            }
        }
        if !part.is_empty() {
            parts.push(part.join(" "));
        }
    }
    parts
}

/// A name in title case when it has no lower-case letter (see the module
/// docs): a word starts after whitespace or `-`, or after an apostrophe
/// that follows a word's first letter (`O'NEIL` → `O'Neil`).
pub(crate) fn title_case(name: &str) -> Cow<'_, str> {
    if name.chars().any(char::is_lowercase) {
        return Cow::Borrowed(name);
    }
    // Only one-to-one case mappings, so that the name keeps its length.
    let upper = |c: char| {
        let mut it = c.to_uppercase();
        match (it.next(), it.next()) {
            (Some(u), None) => u,
            _ => c,
        }
    };
    let lower = |c: char| {
        let mut it = c.to_lowercase();
        match (it.next(), it.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    };
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    let mut letters = 0usize;
    for c in name.chars() {
        if c.is_alphabetic() {
            out.push(if start { upper(c) } else { lower(c) });
            start = false;
            letters += 1;
        } else {
            out.push(c);
            let breaks = c.is_whitespace() || c == '-';
            start = breaks || (matches!(c, '\'' | '\u{2019}') && letters == 1);
            if breaks {
                letters = 0;
            }
        }
    }
    Cow::Owned(out)
}

/// Pairs of names where the second is the first with whole words in front
/// (`BOB`, `CYBER BOB`), compared without regard to case; in the order of
/// the longer name, then of where the shorter one starts in it.
fn word_prefixed<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Vec<(&'a str, &'a str)> {
    let by_key: FxHashMap<String, &str> = names.clone().map(|n| (n.to_lowercase(), n)).collect();
    let mut seen = FxHashSet::default();
    let mut pairs = Vec::new();
    for long in names {
        let key = long.to_lowercase();
        for (at, _) in key.match_indices(' ') {
            if let Some(&short) = by_key.get(&key[at + 1..])
                && short != long
                && seen.insert((short, long))
            {
                pairs.push((short, long));
            }
        }
    }
    pairs
}

/// Finds a script's speakers in action text (see the module docs): one
/// automaton over the lower-cased names.
struct Finder {
    automaton: AhoCorasick,
    /// The cast index of each pattern.
    ids: Vec<usize>,
}

impl Finder {
    /// The finder of these names (cast index, name); `None` without names.
    fn new<'n>(path: &Path, names: impl Iterator<Item = (usize, &'n str)>) -> Result<Option<Finder>> {
        let (ids, patterns): (Vec<usize>, Vec<String>) = names.map(|(i, n)| (i, n.to_lowercase())).unzip();
        if patterns.is_empty() {
            return Ok(None);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&patterns)
            .map_err(|e| {
                Error::data(
                    path,
                    None,
                    format!("too many names to look for in the action text: {e}"),
                )
                .with_hint(msg![
                    "read the script without ",
                    Part::Value(Setting::Presence, "action".to_string())
                ])
            })?;
        Ok(Some(Finder { automaton, ids }))
    }

    /// Calls `found` with the cast index of each name found in `text`, in text order.
    fn find(&self, text: &str, mut found: impl FnMut(usize)) {
        if text.is_empty() {
            return;
        }
        let lower = Lowered::new(text);
        let hay = lower.text.as_str();
        let mut at = 0;
        while at < hay.len() {
            let Some(first) = self.automaton.find(Input::new(hay).range(at..)) else {
                break;
            };
            let start = first.start();
            let mut hit = None;
            if lower.starts_word(start) {
                let mut candidate = first;
                loop {
                    if lower.ends_word(candidate.end()) {
                        hit = Some(candidate);
                        break;
                    }
                    // The next shorter name starting at the same place.
                    let shorter = Input::new(hay)
                        .range(start..candidate.end() - 1)
                        .anchored(Anchored::Yes);
                    match self.automaton.find(shorter) {
                        Some(m) => candidate = m,
                        None => break,
                    }
                }
            }
            match hit {
                Some(m) => {
                    found(self.ids[m.pattern().as_usize()]);
                    at = m.end();
                }
                None => at = start + hay[start..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
}

/// A text lower-cased, with where each lower-cased character came from, so
/// that word boundaries are judged on the text as written (lower-casing can
/// change a character's length: `İ` becomes two).
struct Lowered<'t> {
    original: &'t str,
    text: String,
    /// For each byte of `text` (and its end): the byte of `original` whose
    /// lower case starts there, `usize::MAX` inside one.
    origin: Vec<usize>,
}

impl<'t> Lowered<'t> {
    fn new(original: &'t str) -> Lowered<'t> {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            let before = text.len();
            text.extend(c.to_lowercase());
            origin.push(at);
            origin.resize(origin.len() + (text.len() - before - 1), usize::MAX);
        }
        origin.push(original.len());
        Lowered { original, text, origin }
    }

    /// True when a word can start at byte `at` of the lower-cased text.
    fn starts_word(&self, at: usize) -> bool {
        match self.origin.get(at) {
            Some(&o) if o != usize::MAX => !self.original[..o]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric),
            _ => false,
        }
    }

    /// True when a word can end at byte `at` of the lower-cased text.
    fn ends_word(&self, at: usize) -> bool {
        match self.origin.get(at) {
            Some(&o) if o != usize::MAX => !self.original[o..].chars().next().is_some_and(char::is_alphanumeric),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_names_lose_extensions_markers_and_a_colon() {
        for (cue, name) in [
            ("TOMASZ (O.S.)", "TOMASZ"),
            ("TOMASZ (CONT'D)", "TOMASZ"),
            ("TOMASZ (CONT\u{2019}D)", "TOMASZ"),
            ("@McCLANE (V.O.) (CONT'D) ^", "McCLANE"),
            ("HANS (on the radio)", "HANS"),
            ("GUY^", "GUY"),
            ("BOSS:", "BOSS"),
            ("  MR.   $MITH  2 ", "MR. $MITH 2"),
            ("@ ジョン", "ジョン"),
        ] {
            assert_eq!(cue_name(cue).as_deref(), Some(name), "{cue}");
        }
        assert_eq!(cue_name("@"), None);
        assert_eq!(cue_name("(O.S.)"), None);
    }

    #[test]
    fn joint_cues_split_at_and_ampersand_and_slash() {
        assert_eq!(joint_parts("ROSALIND AND TOMASZ"), ["ROSALIND", "TOMASZ"]);
        assert_eq!(joint_parts("AUNTIE BEA & TOMASZ"), ["AUNTIE BEA", "TOMASZ"]);
        assert_eq!(joint_parts("A/B"), ["A", "B"]);
        assert_eq!(joint_parts("ANDY"), ["ANDY"]);
        assert_eq!(joint_parts("AND BOB"), ["AND BOB"]);
        assert_eq!(joint_parts("&"), Vec::<String>::new());
    }

    #[test]
    fn title_case_changes_only_all_capital_names() {
        for (name, title) in [
            ("CYBER BOB", "Cyber Bob"),
            ("McCABE", "McCABE"),
            ("MARY-ANN O'NEIL", "Mary-Ann O'Neil"),
            ("BOB'S MOM", "Bob's Mom"),
            ("R2D2", "R2d2"),
            ("МАША", "Маша"),
        ] {
            assert_eq!(title_case(name), title);
        }
    }

    fn found(names: &[&str], text: &str) -> Vec<String> {
        let finder = Finder::new(Path::new("t"), names.iter().copied().enumerate())
            .unwrap()
            .unwrap();
        let mut out = Vec::new();
        finder.find(text, |i| out.push(names[i].to_string()));
        out
    }

    #[test]
    fn names_in_action_are_whole_words_longest_first() {
        let cast = ["BOB", "CYBER BOB", "AL", "ALAN"];
        assert_eq!(found(&cast, "Cyber Bob waves."), ["CYBER BOB"]);
        assert_eq!(found(&cast, "Bob's dog barks at CYBER BOB."), ["BOB", "CYBER BOB"]);
        assert_eq!(found(&cast, "Bobby and Alanis, Al."), ["AL"]);
        assert_eq!(found(&cast, "alan"), ["ALAN"]);
        // A longer name that is not a whole word gives way to a shorter one.
        assert_eq!(found(&["BOB", "BOB S"], "Bob said"), ["BOB"]);
        // Lower-casing that changes length: word boundaries on the text as written.
        assert_eq!(found(&["STANBUL"], "İSTANBUL"), Vec::<String>::new());
        assert_eq!(found(&["ÖZIL"], "İ Özil"), ["ÖZIL"]);
    }

    #[test]
    fn word_prefixed_pairs() {
        let names = ["BOB", "CYBER BOB", "Cyber Boss", "BOSS"];
        assert_eq!(
            word_prefixed(names.iter().copied()),
            [("BOB", "CYBER BOB"), ("BOSS", "Cyber Boss")]
        );
    }
}
