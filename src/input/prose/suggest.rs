//! A starter cast file from the text itself: the capitalised name sequences
//! it holds, with their counts and variants, for a person to edit.
//!
//! * **Words**: whitespace-separated tokens, with opening quotes and
//!   brackets stripped; a word runs over letters, digits and marks, and over
//!   `-`, `'`, `’` or `.` between two of them (`Jean-Luc`, `O'Brien`); a
//!   possessive `'s`/`’s` is dropped; a title keeps its dot (`Mr.`), and so
//!   does an initial (`J.`).
//! * **Sequences**: consecutive capitalised words (a capital first letter,
//!   and not all capitals: `NASA` and `CHAPTER` are no names), titles
//!   included, with lower-case particles (`de`, `van`...) inside them. A
//!   sequence ends at punctuation after a word (`Carly,`), at the next
//!   opening quote, and at the end of its sentence (the rules of
//!   [`super::sentences`]). A sequence of titles only is no name.
//! * **Sentence-initial words**: the first word of a sentence is dropped
//!   from its sequence when it is a common word: one of [`STOP`], a word the
//!   text also writes in lower case, or a word the text never capitalises
//!   elsewhere (`Later`, `Tensions`). The first word of any sequence is
//!   dropped when it is one of [`STOP`] (`I`, `The`).
//! * **Variants**: spellings that differ only by a title's dot (`Mr Park`,
//!   `Mr. Park`) are one row; a sequence that is an automatic variant
//!   (first name, surname, title + surname: [`super::cast`]) of exactly one
//!   longer sequence joins its row. A row is named by its most frequent
//!   spelling; the others are its aliases, most frequent first; its count
//!   is the sum.
//! * Rows with a count below the minimum are left out; the rest come most
//!   frequent first, then by name. Chapter headings are not read.

use std::io::Write;
use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::csv::open;
use super::cast::{ABBREVIATED_TITLES, is_initial, is_title, is_word_char, variants_of};
use super::document::Document;
use super::{chapter_pattern, sentences};
use crate::error::Result;

/// Capitalised words that start no name.
pub const STOP: &[&str] = &[
    "A",
    "About",
    "Above",
    "After",
    "Again",
    "Against",
    "Ah",
    "All",
    "Also",
    "Although",
    "Always",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "Are",
    "As",
    "At",
    "Back",
    "Be",
    "Because",
    "Before",
    "Behind",
    "Below",
    "Beside",
    "Besides",
    "Between",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Dear",
    "Did",
    "Do",
    "Does",
    "Down",
    "During",
    "Each",
    "Either",
    "Even",
    "Eventually",
    "Ever",
    "Every",
    "Finally",
    "First",
    "For",
    "From",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "Hers",
    "Herself",
    "Him",
    "Himself",
    "His",
    "How",
    "However",
    "I",
    "I'd",
    "I'll",
    "I'm",
    "I've",
    "If",
    "In",
    "Inside",
    "Instead",
    "Into",
    "Is",
    "It",
    "It's",
    "Its",
    "Just",
    "Later",
    "Let",
    "Like",
    "Many",
    "May",
    "Maybe",
    "Me",
    "Meanwhile",
    "Might",
    "More",
    "Most",
    "Much",
    "Must",
    "My",
    "Neither",
    "Never",
    "Next",
    "No",
    "Nor",
    "Not",
    "Nothing",
    "Now",
    "O",
    "Of",
    "Oh",
    "Ok",
    "Okay",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Out",
    "Outside",
    "Over",
    "Perhaps",
    "Please",
    "Since",
    "So",
    "Some",
    "Someone",
    "Something",
    "Soon",
    "Still",
    "Such",
    "Suddenly",
    "Than",
    "Thank",
    "Thanks",
    "That",
    "That's",
    "The",
    "Their",
    "Them",
    "Then",
    "There",
    "There's",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Through",
    "Thus",
    "To",
    "Today",
    "Tomorrow",
    "Tonight",
    "Too",
    "Under",
    "Unless",
    "Until",
    "Up",
    "Upon",
    "Us",
    "Very",
    "Was",
    "We",
    "Well",
    "Were",
    "What",
    "When",
    "Whenever",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Whom",
    "Whose",
    "Why",
    "Will",
    "With",
    "Within",
    "Without",
    "Would",
    "Yes",
    "Yesterday",
    "Yet",
    "You",
    "Your",
    "Yours",
];

/// Lower-case particles that may sit inside a name (`Lady Catherine de Bourgh`).
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "di", "da", "du", "la", "le", "van", "von", "ten", "ter", "bin", "ibn", "al",
    "dos", "das", "y",
];

/// One row of a suggested cast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The most frequent spelling.
    pub name: String,
    /// The other spellings and variants joined to the row, most frequent first.
    pub aliases: Vec<String>,
    /// How often the row's spellings occur.
    pub count: u64,
}

/// A word of the text, as the sequences see it.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    text: &'t str,
    /// Opening quotes or brackets stood before it.
    opened: bool,
    /// Punctuation (or a possessive) followed it.
    closed: bool,
    /// The first word of its sentence.
    initial: bool,
}

impl Word<'_> {
    fn capitalised(&self) -> bool {
        let mut letters = self.text.chars().filter(|c| c.is_alphabetic());
        let Some(first) = self.text.chars().next() else {
            return false;
        };
        if !first.is_uppercase() {
            return false;
        }
        // All capitals (two letters or more): a heading or an acronym.
        let (n, upper) = letters
            .by_ref()
            .fold((0, 0), |(n, u), c| (n + 1, u + usize::from(c.is_uppercase())));
        n < 2 || upper < n || is_title(self.text)
    }
}

/// Collects sequences over one or more texts; see the module docs.
///
/// # Complexity
/// O(text) time per text (read twice: once for the words the text writes in
/// lower case or capitalises mid-sentence, once for the sequences); memory:
/// the text being read, its distinct words, and one count per distinct sequence.
///
/// # Example
/// ```
/// use castgraph::input::prose::suggest::Suggester;
/// # use std::path::Path;
///
/// let mut s = Suggester::new(None)?;
/// s.add(Path::new("t.txt"), b"Later, Mr. Park meets Carly. Then Carly leaves Park's office.")?;
/// let rows: Vec<(String, u64)> = s.finish(1).into_iter().map(|r| (r.name, r.count)).collect();
/// assert_eq!(rows, [("Carly".to_string(), 2), ("Mr. Park".to_string(), 2)]);
/// # Ok::<(), castgraph::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Suggester {
    chapters: Option<regex::Regex>,
    counts: FxHashMap<String, u64>,
    order: Vec<String>,
}

impl Suggester {
    /// A suggester for texts whose chapter headings match `chapters` (not read).
    ///
    /// # Errors
    /// A chapter pattern that is not a valid regular expression.
    pub fn new(chapters: Option<&str>) -> Result<Suggester> {
        Ok(Suggester {
            chapters: chapters.map(chapter_pattern).transpose()?,
            ..Suggester::default()
        })
    }

    /// Reads the file at `path`.
    ///
    /// # Errors
    /// As [`add`](Self::add), and a file that cannot be read.
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        self.add_text(path, open(path)?)
    }

    /// Reads a text's bytes; `path` is only used in messages.
    ///
    /// # Errors
    /// UTF-16 or invalid UTF-8 (with the line), a text of only whitespace.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.add_text(path, bytes)
    }

    fn add_text(&mut self, path: &Path, input: impl std::io::BufRead) -> Result<()> {
        let doc = Document::read(path, input, self.chapters.as_ref())?;
        // First pass: words written in lower case, and capitalised words
        // seen other than at a sentence's start.
        let mut lower: FxHashSet<String> = FxHashSet::default();
        let mut mid_caps: FxHashSet<&str> = FxHashSet::default();
        each_sentence(&doc, |words| {
            for w in words {
                if w.text.chars().next().is_some_and(char::is_lowercase) {
                    if !lower.contains(w.text) {
                        lower.insert(w.text.to_string());
                    }
                } else if !w.initial && w.capitalised() {
                    mid_caps.insert(w.text);
                }
            }
        });
        let common = |w: &str| STOP.contains(&w) || lower.contains(&w.to_lowercase()) || !mid_caps.contains(w);
        let (counts, order) = (&mut self.counts, &mut self.order);
        let mut add = |run: &[Word<'_>]| {
            let mut run = run;
            if let Some(first) = run.first()
                && !is_title(first.text)
                && (STOP.contains(&first.text) || (first.initial && common(first.text)))
            {
                run = &run[1..];
            }
            while run.last().is_some_and(|w| PARTICLES.contains(&w.text)) {
                run = &run[..run.len() - 1];
            }
            if run.iter().all(|w| is_title(w.text)) {
                return;
            }
            let name = run.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
            match counts.get_mut(&name) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(name.clone(), 1);
                    order.push(name);
                }
            }
        };
        each_sentence(&doc, |words| {
            let mut start = None;
            for (i, w) in words.iter().enumerate() {
                let particle = PARTICLES.contains(&w.text)
                    && start.is_some()
                    && !w.closed
                    && words.get(i + 1).is_some_and(|n| n.capitalised() && !n.opened);
                if w.capitalised() || particle {
                    if w.opened
                        && let Some(s) = start.take()
                    {
                        add(&words[s..i]);
                    }
                    let s = *start.get_or_insert(i);
                    if w.closed {
                        add(&words[s..=i]);
                        start = None;
                    }
                } else if let Some(s) = start.take() {
                    add(&words[s..i]);
                }
            }
            if let Some(s) = start {
                add(&words[s..]);
            }
        });
        Ok(())
    }

    /// The rows whose count is at least `min_count` (see the module docs).
    pub fn finish(&self, min_count: u64) -> Vec<Suggestion> {
        // Spellings that differ by a title's dot: one group, keyed without it.
        let mut groups: Vec<(String, Vec<(&str, u64)>)> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        for name in &self.order {
            let key = undotted(name);
            let g = *by_key.entry(key.clone()).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push((name.as_str(), self.counts[name]));
        }
        // Variants join the one longer group they can belong to.
        let words = |k: &str| k.split(' ').count();
        let mut owners: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (g, (key, _)) in groups.iter().enumerate() {
            for v in variants_of(key) {
                let v = undotted(&v);
                if v != *key {
                    owners.entry(v).or_default().push(g);
                }
            }
        }
        let mut by_length: Vec<usize> = (0..groups.len()).collect();
        by_length.sort_by_key(|&g| std::cmp::Reverse(words(&groups[g].0)));
        let mut root: Vec<usize> = (0..groups.len()).collect();
        for &g in &by_length {
            let Some(list) = owners.get(&groups[g].0) else { continue };
            let mut roots: Vec<usize> = list.iter().map(|&o| root[o]).filter(|&r| r != g).collect();
            roots.sort_unstable();
            roots.dedup();
            if let [only] = roots[..] {
                root[g] = only;
            }
        }
        let mut rows: Vec<Suggestion> = Vec::new();
        for (g, (_, spellings)) in groups.iter().enumerate() {
            if root[g] != g {
                continue;
            }
            let best = spellings
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then(a.0.contains('.').cmp(&b.0.contains('.')))
                        .then(b.0.cmp(a.0))
                })
                .map_or("", |s| s.0);
            let joined: Vec<(&str, u64)> = groups
                .iter()
                .enumerate()
                .filter(|(h, _)| root[*h] == g)
                .flat_map(|(_, (_, s))| s.iter().copied())
                .collect();
            let count = joined.iter().map(|s| s.1).sum();
            let mut aliases: Vec<(&str, u64)> = joined.into_iter().filter(|s| s.0 != best).collect();
            aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            rows.push(Suggestion {
                name: best.to_string(),
                aliases: aliases.into_iter().map(|a| a.0.to_string()).collect(),
                count,
            });
        }
        rows.retain(|r| r.count >= min_count);
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        rows
    }
}

/// `name` with the dot of its leading title dropped (`Mr. Park` → `Mr Park`).
fn undotted(name: &str) -> String {
    match name.split_once(' ') {
        Some((first, rest)) if first.ends_with('.') && ABBREVIATED_TITLES.contains(&&first[..first.len() - 1]) => {
            format!("{} {rest}", &first[..first.len() - 1])
        }
        _ => name.to_string(),
    }
}

/// Calls `f` with the words of each sentence of the text.
fn each_sentence<'d>(doc: &'d Document, mut f: impl FnMut(&[Word<'d>])) {
    let mut spans = Vec::new();
    let mut words: Vec<Word<'d>> = Vec::new();
    for p in &doc.paragraphs {
        spans.clear();
        sentences::split(&doc.text, p.start, p.end, &[], &mut spans);
        for &(s, e) in &spans {
            words.clear();
            for token in doc.text[s..e].split(' ') {
                if let Some(mut w) = word(token) {
                    w.initial = words.is_empty();
                    words.push(w);
                }
            }
            f(&words);
        }
    }
}

/// The word of a token (see the module docs), or `None` when it holds none.
fn word(token: &str) -> Option<Word<'_>> {
    let t = token.trim_start_matches(|c: char| !is_word_char(c));
    if t.is_empty() {
        return None;
    }
    let opened = t.len() != token.len();
    let mut end = 0;
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            end = i + c.len_utf8();
        } else if matches!(c, '-' | '\'' | '’' | '.') && chars.peek().is_some_and(|&(_, n)| is_word_char(n)) {
            continue;
        } else {
            break;
        }
    }
    let mut text = &t[..end];
    let mut closed = end < t.len();
    for possessive in ["'s", "’s"] {
        if let Some(stem) = text.strip_suffix(possessive)
            && !stem.is_empty()
        {
            text = stem;
            closed = true;
        }
    }
    let rest = &t[end..];
    if !closed || rest.starts_with('.') {
        let dotted = &t[..end + usize::from(rest.starts_with('.'))];
        if rest.starts_with('.') && (is_title(dotted) || is_initial(text)) {
            text = dotted;
            closed = rest.len() > 1;
        }
    }
    Some(Word {
        text,
        opened,
        closed,
        initial: false,
    })
}

/// Writes suggestions as a cast file: `name,aliases,count`.
///
/// # Errors
/// A write that fails.
pub fn write_csv(rows: &[Suggestion], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["name", "aliases", "count"])?;
    for r in rows {
        w.write_record([r.name.as_str(), &r.aliases.join(";"), &r.count.to_string()])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggest(text: &str, min: u64) -> Vec<(String, String, u64)> {
        let mut s = Suggester::new(None).unwrap();
        s.add(Path::new("t.txt"), text.as_bytes()).unwrap();
        s.finish(min)
            .into_iter()
            .map(|r| (r.name, r.aliases.join(";"), r.count))
            .collect()
    }

    #[test]
    fn words() {
        fn w(t: &str) -> Option<(&str, bool, bool)> {
            word(t).map(|w| (w.text, w.opened, w.closed))
        }
        assert_eq!(w("\"Dig"), Some(("Dig", true, false)));
        assert_eq!(w("Deep\""), Some(("Deep", false, true)));
        assert_eq!(w("Park's"), Some(("Park", false, true)));
        assert_eq!(w("Park’s,"), Some(("Park", false, true)));
        assert_eq!(w("Mr."), Some(("Mr.", false, false)));
        assert_eq!(w("J."), Some(("J.", false, false)));
        assert_eq!(w("Vanessa."), Some(("Vanessa", false, true)));
        assert_eq!(w("Park—who"), Some(("Park", false, true)));
        assert_eq!(w("Jean-Luc"), Some(("Jean-Luc", false, false)));
        assert_eq!(w("O'Brien"), Some(("O'Brien", false, false)));
        assert_eq!(w("—"), None);
    }

    #[test]
    fn titles_are_kept_and_sentence_starts_dropped() {
        let text = "Tensions run high. Later, Mr. Park meets Carly. Carly and Mr Park talk. \
                    Later Carly leaves. Park's car is red. They sing \"Dig Deep\" loudly.";
        assert_eq!(
            suggest(text, 1),
            [
                ("Carly".to_string(), String::new(), 3),
                ("Mr. Park".to_string(), "Mr Park;Park".to_string(), 3),
                ("Dig Deep".to_string(), String::new(), 1),
            ]
        );
    }

    #[test]
    fn shared_variants_stay_apart_and_acronyms_are_no_names() {
        let text = "Elizabeth Bennet met Mr. Bennet. Then Bennet left with Elizabeth. NASA called Jane.";
        let rows = suggest(text, 1);
        let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(names, ["Elizabeth Bennet", "Bennet", "Jane", "Mr. Bennet"]);
        assert_eq!(rows[0], ("Elizabeth Bennet".to_string(), "Elizabeth".to_string(), 2));
        assert_eq!(suggest(text, 2).len(), 1);
    }
}
