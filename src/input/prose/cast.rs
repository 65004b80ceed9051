//! The cast file, the forms each character is found by, and finding them in
//! a text.
//!
//! A cast file is a CSV with a `name` column and an optional `aliases`
//! column (`;`-separated); other columns are ignored. Names and aliases are
//! put in canonical form ([`normalise`]: NFC, inner whitespace collapsed).
//!
//! **Forms.** Each character is found by its *explicit* forms (its name and
//! aliases) and by *automatic* variants of its name:
//!
//! * a name that starts with a title ([`is_title`]: `Mr.`, `Mrs`, `Dr.`,
//!   `Miss`, `Sir`, `Lady`...) also matches with that title's dot dropped or
//!   added (`Mr. Park` → `Mr Park`), and so does each alias;
//! * the first name alone and the surname alone, for names of two words or
//!   more after the title (`Elizabeth Bennet` → `Elizabeth`, `Bennet`);
//!   a title and a single word gives the word (`Mr. Park` → `Park`); a
//!   titled name of two words or more also gives title + surname
//!   (`Dr. John Watson` → `Dr. Watson`, `Dr Watson`). The surname is the
//!   last word with the lower-case particles before it (`de Bourgh`);
//!   suffixes (`Jr.`, `Sr.`, `II`...) are skipped; initials (`J.`) are no
//!   first name.
//!
//! An explicit form beats another character's automatic variant. An
//! automatic variant shared by two characters (`Bennet`, when the cast has
//! `Mr. Bennet` and `Mrs. Bennet`) is *ambiguous*: it is still found, so that
//! it hides nothing shorter, but it counts for no one and is reported. An
//! explicit form listed for two characters is an error of the cast file.
//!
//! **Matching.** One Aho–Corasick automaton holds every form; it scans the
//! text (NFC, whitespace collapsed: see [`super::document`]) for the
//! leftmost, then longest, form, case-sensitively. A match counts only at
//! word boundaries: no letter, digit or combining mark just before or just
//! after it (so `Park—who`, `(Carly)` and `Park's` match, `Parker` and
//! `will` do not); when the longest form at a place fails that test, the
//! longest shorter form there that passes is taken. A title just before a
//! matched form that does not start with one (`Dr.` in `Dr. Park`, `Miss` in
//! `Miss Elizabeth`) becomes part of that mention: the two are one mention,
//! never two (should the title itself be a character's form, its match is
//! dropped).

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;

use super::super::csv::{CsvTable, open};
use super::super::names::{forbidden_char, normalise};
use crate::error::{Error, Result};

/// Titles written with a dot when abbreviated (`Mr.`, `Dr.`); they match with
/// or without it. They are also abbreviations to the sentence splitter.
pub const ABBREVIATED_TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Prof", "Rev", "Revd", "Fr", "St", "Sr", "Jr", "Capt", "Cpt",
    "Col", "Gen", "Maj", "Lt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Gov", "Sen", "Rep", "Pres", "Det", "Insp",
    "Supt", "Hon", "Mme", "Mlle", "Mons", "Bros",
];

/// Titles that are whole words (`Miss`, `Sir`, `Lady`); they match as written.
pub const WORD_TITLES: &[&str] = &[
    "Miss",
    "Mister",
    "Missus",
    "Master",
    "Mistress",
    "Madam",
    "Madame",
    "Mademoiselle",
    "Monsieur",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Doctor",
    "Professor",
    "Reverend",
    "Father",
    "Mother",
    "Brother",
    "Sister",
    "Saint",
    "Captain",
    "Colonel",
    "General",
    "Major",
    "Lieutenant",
    "Sergeant",
    "Corporal",
    "Private",
    "Admiral",
    "Commander",
    "Commodore",
    "Governor",
    "Senator",
    "President",
    "Judge",
    "Justice",
    "Inspector",
    "Detective",
    "Constable",
    "Officer",
    "Agent",
    "Coach",
    "Aunt",
    "Auntie",
    "Uncle",
    "Cousin",
    "Grandma",
    "Grandpa",
    "Granny",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Duke",
    "Duchess",
    "Earl",
    "Count",
    "Countess",
    "Baron",
    "Baroness",
    "Emperor",
    "Empress",
    "Pope",
    "Cardinal",
    "Bishop",
    "Herr",
    "Frau",
    "Fräulein",
    "Señor",
    "Señora",
    "Señorita",
    "Signor",
    "Signora",
];

/// Name suffixes that are no surname.
const SUFFIXES: &[&str] = &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "V", "Esq", "Esq."];

/// True when `word` is a title as written: a [`WORD_TITLES`] entry, or an
/// [`ABBREVIATED_TITLES`] entry with or without its dot.
pub fn is_title(word: &str) -> bool {
    let bare = word.strip_suffix('.').unwrap_or(word);
    ABBREVIATED_TITLES.contains(&bare) || (bare.len() == word.len() && WORD_TITLES.contains(&word))
}

/// True for the characters that make up words: letters, digits, combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// One character of the cast file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastMember {
    /// The name, in canonical form.
    pub name: String,
    /// The aliases, in canonical form, each once, in the order listed.
    pub aliases: Vec<String>,
    /// The line of the cast file that lists the character.
    pub line: u64,
}

/// Who a form stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// One character (its index in the cast); `explicit` for a name or an alias.
    One { character: u32, explicit: bool },
    /// An automatic variant of several characters: counts for none.
    Ambiguous(Vec<u32>),
}

/// A mention of a character in the matching text: `[start, end)` in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub character: u32,
    /// The form matched.
    pub form: u32,
}

/// What a scan of a text found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Mentions of characters, in text order.
    pub mentions: Vec<Mention>,
    /// Matches of ambiguous forms: (form, start, end), in text order.
    pub ambiguous: Vec<(u32, usize, usize)>,
    /// Matches that counted, per form.
    pub hits: Vec<u32>,
}

/// A cast file read and compiled: the characters, their forms and the
/// automaton that finds them (see the module docs).
#[derive(Debug, Clone)]
pub struct Cast {
    path: String,
    members: Vec<CastMember>,
    /// Every form, by pattern id.
    forms: Vec<String>,
    targets: Vec<Target>,
    /// For each form, the shorter forms that are its prefixes, longest first.
    prefixes: Vec<Vec<u32>>,
    automaton: AhoCorasick,
}

impl PartialEq for Cast {
    /// Casts are equal when they list the same characters the same way.
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
    }
}

impl Eq for Cast {}

impl Cast {
    /// Reads a cast file (see the module docs); [`parse`](Self::parse) has an example.
    ///
    /// # Errors
    /// A file that cannot be read, is not UTF-8 CSV, has no `name` column,
    /// lists no character, has a row without a name, lists a name twice, a
    /// name or alias with `;` or a control character, or a form explicit for
    /// two characters.
    pub fn read(path: &Path) -> Result<Cast> {
        Cast::from_reader(path, open(path)?)
    }

    /// Reads a cast file from bytes; `path` is only used in messages.
    ///
    /// # Errors
    /// As [`read`](Self::read).
    ///
    /// # Complexity
    /// O(cast file + forms × their length) time and memory: one automaton for
    /// every form, built once (a build reads the cast once for all its texts).
    ///
    /// # Example
    /// ```
    /// use castgraph::input::prose::Cast;
    /// # use std::path::Path;
    ///
    /// let cast = Cast::parse(Path::new("cast.csv"), b"name,aliases\nMr. Park,\nMr. Bennet,\nMrs. Bennet,\n")?;
    /// let forms: Vec<(&str, Option<&str>)> = cast.forms().collect();
    /// assert!(forms.contains(&("Park", Some("Mr. Park"))));
    /// assert!(forms.contains(&("Bennet", None))); // Mr. or Mrs.: ambiguous
    /// # Ok::<(), castgraph::Error>(())
    /// ```
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Cast> {
        Cast::from_reader(path, bytes)
    }

    fn from_reader(path: &Path, input: impl std::io::Read) -> Result<Cast> {
        let mut table = CsvTable::start(path, input)?;
        let name_col = table.require(
            "name",
            "name",
            "a cast file has a header `name,aliases` and one row per character, e.g. `Mr. Park,Park`",
        )?;
        let alias_col = table.column("aliases")?;
        let mut members: Vec<CastMember> = Vec::new();
        let mut by_name: FxHashMap<String, u64> = FxHashMap::default();
        while let Some(row) = table.next_row()? {
            let line = row.line;
            let raw_aliases = alias_col.map_or("", |i| row.text(i));
            let name = normalise(row.text(name_col));
            if name.is_empty() {
                if raw_aliases.trim().is_empty() {
                    continue;
                }
                return Err(Error::data(path, Some(line), "the row lists aliases but no name")
                    .with_hint("fill in the name or delete the row"));
            }
            check_form(path, line, &name)?;
            if let Some(first) = by_name.get(&name) {
                return Err(Error::data(
                    path,
                    Some(line),
                    format!("`{name}` is listed twice (first on line {first})"),
                )
                .with_hint("list each character once, with all its aliases on its row"));
            }
            by_name.insert(name.clone(), line);
            let mut aliases: Vec<String> = Vec::new();
            for part in raw_aliases.split(';') {
                let alias = normalise(part);
                if alias.is_empty() || alias == name || aliases.contains(&alias) {
                    continue;
                }
                check_form(path, line, &alias)?;
                aliases.push(alias);
            }
            members.push(CastMember { name, aliases, line });
        }
        table.finish()?;
        if members.is_empty() {
            return Err(Error::data(path, None, "lists no character")
                .with_hint("add one row per character below the header `name,aliases`"));
        }
        Cast::compile(path, members)
    }

    /// The cast of these characters (names and aliases in canonical form).
    fn compile(path: &Path, members: Vec<CastMember>) -> Result<Cast> {
        let mut index: FxHashMap<String, u32> = FxHashMap::default();
        let mut forms: Vec<String> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        // Explicit forms first: names and aliases.
        for (c, m) in members.iter().enumerate() {
            for form in std::iter::once(&m.name).chain(&m.aliases) {
                match index.get(form) {
                    Some(&f) => {
                        let Target::One { character, .. } = targets[f as usize] else {
                            continue;
                        };
                        if character as usize != c {
                            let other = &members[character as usize];
                            return Err(Error::data(
                                path,
                                Some(m.line),
                                format!(
                                    "`{form}` stands for both {} (line {}) and {}",
                                    other.name, other.line, m.name
                                ),
                            )
                            .with_hint("a name or alias can stand for one character only: remove one of them"));
                        }
                    }
                    None => {
                        index.insert(form.clone(), forms.len() as u32);
                        forms.push(form.clone());
                        targets.push(Target::One {
                            character: c as u32,
                            explicit: true,
                        });
                    }
                }
            }
        }
        // Automatic variants: each unless an explicit form; shared ones are ambiguous.
        let explicit = forms.len();
        for (c, m) in members.iter().enumerate() {
            let mut variants = variants_of(&m.name);
            for alias in &m.aliases {
                variants.extend(dot_variants(alias));
            }
            for v in variants {
                let c = c as u32;
                match index.get(&v) {
                    Some(&f) if (f as usize) < explicit => {}
                    Some(&f) => match &mut targets[f as usize] {
                        Target::One { character, .. } if *character == c => {}
                        Target::One { character, .. } => {
                            let mut both = vec![*character, c];
                            both.sort_unstable();
                            targets[f as usize] = Target::Ambiguous(both);
                        }
                        Target::Ambiguous(list) => {
                            if let Err(at) = list.binary_search(&c) {
                                list.insert(at, c);
                            }
                        }
                    },
                    None => {
                        index.insert(v.clone(), forms.len() as u32);
                        forms.push(v);
                        targets.push(Target::One {
                            character: c,
                            explicit: false,
                        });
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .map_err(|e| Error::data(path, None, format!("too many names to search for at once ({e})")))?;
        let prefixes = prefixes_of(&forms, &index);
        Ok(Cast {
            path: path.display().to_string(),
            members,
            forms,
            targets,
            prefixes,
            automaton,
        })
    }

    /// The cast file as the user named it.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The characters, in the order of the file.
    pub fn members(&self) -> &[CastMember] {
        &self.members
    }

    /// Every form the matcher looks for, with who it stands for: the
    /// character's name, or `None` for an ambiguous form. Explicit forms come
    /// first, in the order of the file.
    pub fn forms(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.forms.iter().zip(&self.targets).map(|(f, t)| match t {
            Target::One { character, .. } => (f.as_str(), Some(self.members[*character as usize].name.as_str())),
            Target::Ambiguous(_) => (f.as_str(), None),
        })
    }

    pub(crate) fn form(&self, id: u32) -> &str {
        &self.forms[id as usize]
    }

    pub(crate) fn target(&self, id: u32) -> &Target {
        &self.targets[id as usize]
    }

    pub(crate) fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// Finds every mention in `text` (already in matching form: NFC,
    /// whitespace collapsed). See the module docs for the rules.
    ///
    /// # Complexity
    /// O(text length + matches × longest form); memory O(matches).
    pub(crate) fn find(&self, text: &str) -> Found {
        let mut found = Found {
            hits: vec![0; self.forms.len()],
            ..Found::default()
        };
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.automaton.find(Input::new(text).span(pos..text.len())) else {
                break;
            };
            let start = m.start();
            let next = start + text[start..].chars().next().map_or(1, char::len_utf8);
            if !boundary_before(text, start) {
                pos = next;
                continue;
            }
            let mut chosen = None;
            let candidates = std::iter::once(m.pattern().as_u32()).chain(self.prefixes[m.pattern()].iter().copied());
            for form in candidates {
                let end = start + self.forms[form as usize].len();
                if boundary_after(text, end) {
                    chosen = Some((form, end));
                    break;
                }
            }
            let Some((form, end)) = chosen else {
                pos = next;
                continue;
            };
            pos = end;
            let mention_start = match self.title_before(text, start, form) {
                Some(title_start) => {
                    // The title is part of this mention: a match of the title itself is dropped.
                    if let Some(last) = found.mentions.last()
                        && last.start >= title_start
                    {
                        found.hits[last.form as usize] -= 1;
                        found.mentions.pop();
                    } else if let Some(&(f, s, _)) = found.ambiguous.last()
                        && s >= title_start
                    {
                        found.ambiguous.pop();
                        found.hits[f as usize] -= 1;
                    }
                    title_start
                }
                None => start,
            };
            found.hits[form as usize] += 1;
            match &self.targets[form as usize] {
                Target::One { character, .. } => found.mentions.push(Mention {
                    start: mention_start,
                    end,
                    character: *character,
                    form,
                }),
                Target::Ambiguous(_) => found.ambiguous.push((form, mention_start, end)),
            }
        }
        found
    }

    /// Where a title right before the match of `form` at `start` begins, if
    /// there is one and the form does not start with a title itself.
    fn title_before(&self, text: &str, start: usize, form: u32) -> Option<usize> {
        let first = self.forms[form as usize].split(' ').next().unwrap_or("");
        if is_title(first) {
            return None;
        }
        let before = text[..start].strip_suffix(' ')?;
        let token_start = before.rfind([' ', '\n']).map_or(0, |i| i + 1);
        let token = &before[token_start..];
        let word_start = token.find(|c: char| c.is_alphanumeric()).unwrap_or(token.len());
        let word = &token[word_start..];
        (!word.is_empty() && is_title(word)).then_some(token_start + word_start)
    }
}

/// True when no word character ends just before `at`.
fn boundary_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !is_word_char(c))
}

/// True when no word character starts at `at`.
fn boundary_after(text: &str, at: usize) -> bool {
    text.get(at..)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !is_word_char(c)))
}

/// Refuses a name or alias that could not be written in a scene file.
fn check_form(path: &Path, line: u64, form: &str) -> Result<()> {
    if form.contains(';') {
        return Err(Error::data(path, Some(line), format!("the name `{form}` contains `;`"))
            .with_hint("`;` separates aliases: put each alias in the `aliases` column, separated by `;`"));
    }
    if let Some(bad) = forbidden_char(form) {
        return Err(Error::data(
            path,
            Some(line),
            format!("the name {form:?} contains the control character U+{:04X}", bad as u32),
        )
        .with_hint("remove it"));
    }
    if !form.chars().any(char::is_alphanumeric) {
        return Err(
            Error::data(path, Some(line), format!("the name `{form}` has no letter or digit"))
                .with_hint("a name is found as a word of the text: give it a letter or a digit"),
        );
    }
    Ok(())
}

/// `form` with its leading title's dot dropped or added (`Mr. Park` ↔ `Mr Park`).
fn dot_variants(form: &str) -> Vec<String> {
    let (first, rest) = form.split_once(' ').unwrap_or((form, ""));
    if rest.is_empty() || !is_title(first) {
        return Vec::new();
    }
    let bare = first.strip_suffix('.').unwrap_or(first);
    if !ABBREVIATED_TITLES.contains(&bare) {
        return Vec::new();
    }
    let other = if first.ends_with('.') {
        bare.to_string()
    } else {
        format!("{bare}.")
    };
    vec![format!("{other} {rest}")]
}

/// A word that is an initial (a trailing dot aside): one capital letter
/// (`J`), or single letters separated by dots starting with a capital (`J.R`,
/// `U.S`). Shared by the name variants, the sentence splitter and the cast
/// suggester.
pub(crate) fn is_initial(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    let mut parts = word.split('.');
    let first_capital = word.chars().next().is_some_and(char::is_uppercase);
    first_capital
        && parts.all(|p| {
            let mut c = p.chars();
            matches!((c.next(), c.next()), (Some(l), None) if l.is_alphabetic())
        })
}

/// The automatic variants of a name (see the module docs), without the name itself.
pub(crate) fn variants_of(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let titles = words.iter().take_while(|w| is_title(w)).count();
    let mut rest = &words[titles..];
    while let Some((last, init)) = rest.split_last()
        && !init.is_empty()
        && SUFFIXES.contains(last)
    {
        rest = init;
    }
    let mut out = dot_variants(name);
    if rest.is_empty() {
        return out;
    }
    // The surname: the last word and the lower-case particles before it.
    let mut s = rest.len() - 1;
    while s > 1 && rest[s - 1].chars().next().is_some_and(char::is_lowercase) {
        s -= 1;
    }
    let surname = rest[s..].join(" ");
    let has_letter = |w: &str| w.chars().any(char::is_alphabetic);
    if titles > 0 {
        if has_letter(&surname) && !is_initial(&surname) {
            out.push(surname.clone());
            if rest.len() >= 2 {
                let titled = format!("{} {surname}", words[titles - 1]);
                out.extend(dot_variants(&titled));
                out.push(titled);
            }
        }
    } else if rest.len() >= 2 && has_letter(&surname) && !is_initial(&surname) {
        out.push(surname);
    }
    if rest.len() >= 2
        && has_letter(rest[0])
        && !is_initial(rest[0])
        && !rest[0].chars().next().is_some_and(char::is_lowercase)
    {
        out.push(rest[0].to_string());
    }
    out.retain(|v| v != name);
    out
}

/// For each form, the other forms that are its proper prefixes, longest first.
fn prefixes_of(forms: &[String], index: &FxHashMap<String, u32>) -> Vec<Vec<u32>> {
    forms
        .iter()
        .map(|form| {
            let mut found: Vec<u32> = form
                .char_indices()
                .skip(1)
                .filter_map(|(i, _)| index.get(&form[..i]).copied())
                .collect();
            found.reverse();
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast(csv: &str) -> Cast {
        Cast::parse(Path::new("cast.csv"), csv.as_bytes()).unwrap()
    }

    fn names(c: &Cast, text: &str) -> Vec<String> {
        c.find(text)
            .mentions
            .iter()
            .map(|m| format!("{}@{}", c.members[m.character as usize].name, &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn titles() {
        assert!(is_title("Mr.") && is_title("Mr") && is_title("Miss") && is_title("Señora"));
        assert!(!is_title("Miss.") && !is_title("mr") && !is_title("Park"));
    }

    #[test]
    fn variants() {
        assert_eq!(variants_of("Mr. Park"), ["Mr Park", "Park"]);
        assert_eq!(variants_of("Elizabeth Bennet"), ["Bennet", "Elizabeth"]);
        assert_eq!(
            variants_of("Dr. John H. Watson"),
            ["Dr John H. Watson", "Watson", "Dr Watson", "Dr. Watson", "John"]
        );
        assert_eq!(
            variants_of("Lady Catherine de Bourgh"),
            ["de Bourgh", "Lady de Bourgh", "Catherine"]
        );
        assert_eq!(variants_of("Martin Luther King Jr."), ["King", "Martin"]);
        assert_eq!(variants_of("J. R. Ewing"), ["Ewing"]);
        assert!(variants_of("Carly").is_empty());
        assert!(variants_of("Doctor").is_empty());
        assert_eq!(variants_of("Jean-Luc Picard"), ["Picard", "Jean-Luc"]);
    }

    #[test]
    fn boundaries_possessives_and_case() {
        let c = cast("name,aliases\nCarly,\nMr. Park,\nWill,\n");
        assert_eq!(
            names(
                &c,
                "(Carly) met Park—who saw Mr. Park's car; Parker and Carlyle will not."
            ),
            ["Carly@Carly", "Mr. Park@Park", "Mr. Park@Mr. Park"]
        );
        assert_eq!(names(&c, "Will will go."), ["Will@Will"]);
    }

    #[test]
    fn titles_join_their_name() {
        let c = cast("name,aliases\nFitzwilliam Darcy,\nDoctor,\nJohn Watson,\n");
        assert_eq!(
            names(&c, "Mr. Darcy and Mr Darcy"),
            ["Fitzwilliam Darcy@Mr. Darcy", "Fitzwilliam Darcy@Mr Darcy"]
        );
        // A title that is also a character's name joins the name after it.
        assert_eq!(
            names(&c, "Doctor Watson. Doctor."),
            ["John Watson@Doctor Watson", "Doctor@Doctor"]
        );
    }

    #[test]
    fn ambiguous_surnames_count_for_nobody_unless_listed() {
        let c = cast("name,aliases\nMr. Bennet,\nMrs. Bennet,\nElizabeth Bennet,Lizzy\n");
        let found = c.find("Bennet told Mrs Bennet and Lizzy; Mr. Bennet left. Miss Bennet stayed.");
        let who: Vec<&str> = found
            .mentions
            .iter()
            .map(|m| c.members[m.character as usize].name.as_str())
            .collect();
        assert_eq!(who, ["Mrs. Bennet", "Elizabeth Bennet", "Mr. Bennet"]);
        let ambiguous: Vec<&str> = found.ambiguous.iter().map(|&(f, _, _)| c.form(f)).collect();
        assert_eq!(ambiguous, ["Bennet", "Bennet"]);
        // Listed as an alias, the form is one character's.
        let c = cast("name,aliases\nMr. Bennet,Bennet\nMrs. Bennet,\n");
        assert_eq!(names(&c, "Bennet"), ["Mr. Bennet@Bennet"]);
    }

    #[test]
    fn explicit_beats_automatic_and_longest_wins() {
        let c = cast("name,aliases\nWill Turner,\nWill,\nAnna,\nAnna B,\n");
        assert_eq!(
            names(&c, "Will Turner and Will; Anna Bell"),
            ["Will Turner@Will Turner", "Will@Will", "Anna@Anna"]
        );
    }

    #[test]
    fn hyphenated_names_match_whole() {
        let c = cast("name,aliases\nMary-Kate,\nMary,\n");
        assert_eq!(names(&c, "Mary-Kate and Mary"), ["Mary-Kate@Mary-Kate", "Mary@Mary"]);
    }

    #[test]
    fn cast_file_errors() {
        let err = |csv: &str| {
            Cast::parse(Path::new("cast.csv"), csv.as_bytes())
                .unwrap_err()
                .to_string()
        };
        assert!(err("character\nCarly\n").starts_with("cast.csv: line 1: no `name` column"));
        assert!(err("name\n").contains("lists no character"));
        assert!(err("name\nCarly\nCarly\n").contains("line 3: `Carly` is listed twice (first on line 2)"));
        assert!(err("name,aliases\nA,X\nB,X\n").contains("line 3: `X` stands for both A (line 2) and B"));
        assert!(err("name,aliases\n,X\n").contains("line 2: the row lists aliases but no name"));
        assert!(err("name\n\"a;b\"\n").contains("contains `;`"));
        assert!(err("name\n...\n").contains("has no letter or digit"));
    }
}
