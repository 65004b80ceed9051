//! Prose (a synopsis, a novel) read as scenes: the characters of a cast
//! file found in the text, and a window that says which mentions share a
//! scene.
//!
//! The reader is deterministic and explainable: every scene it gives is a
//! stretch of the text, with its lines and bytes, that mentions its
//! characters. Mentions are not presence: two characters named in one
//! paragraph may never meet.
//!
//! * **The text** ([`document`]): UTF-8; paragraphs are separated by blank
//!   lines; with a chapter pattern ([`Prose::new`]), each line it matches is
//!   a chapter heading (the chapter's label, not prose). Names are matched on
//!   the text in NFC with its whitespace collapsed, so a name may run across
//!   a line break inside a paragraph. A text of only whitespace is an error.
//! * **The cast and its forms** ([`cast`]): names and aliases, automatic
//!   variants (title + surname, first name, surname) when unambiguous,
//!   titles joined to the name after them, case-sensitive whole-word
//!   matching with Unicode word boundaries, possessives allowed.
//! * **Windows** ([`Window`], [`windows`]): `paragraph`, `sentence`,
//!   `sentences:N`, `words:N`; sentence rules in [`sentences`].
//! * **Scenes**: one per window that mentions someone (for `words:N`, one
//!   per interaction: a scene of two characters spanning their two
//!   mentions). `episode` is the chapter heading (none without a chapter
//!   pattern, or before the first heading); `scene` is the window's number
//!   within the chapter (or the text); `line` is the window's first line.
//!   Metadata columns ([`COLUMNS`]): `chapter` and `episode` (both the
//!   chapter), `scene`, `line`, `end_line` (1-based), `byte`, `end_byte`
//!   (0-based offsets into the file, the end exclusive) and `excerpt` (the
//!   window's text, whitespace collapsed, at most 160 characters: a longer
//!   one is cut between two words and ends with `…`).
//! * **Notes** ([`ReadSummary::notes`]): ambiguous forms with their count and
//!   first lines, characters never mentioned, aliases never found, scenes
//!   before the first chapter heading, a chapter pattern that matches no line.
//!
//! Memory: the matching text (about the file's size; the file is read line
//! by line), one offset per line, and the mentions (with, for `words:N`, one
//! word index each) — linear in the text and its mentions, never mentions ×
//! mentions.

pub mod cast;
pub mod document;
pub mod sentences;
pub mod suggest;
pub mod windows;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap;

pub use cast::{Cast, CastMember};
pub use document::EXCERPT_CHARS;

use super::csv::{open, resolve_columns};
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene};
use crate::error::{Error, Result};
use crate::util::wording::{Message, Part, Setting, msg};

/// The format of a prose file.
pub const FORMAT: ReadFormat = ReadFormat::plain(InputFormat::Text);

/// The metadata columns prose offers (see the module docs).
pub const COLUMNS: [&str; 8] = [
    "chapter", "episode", "scene", "line", "end_line", "byte", "end_byte", "excerpt",
];

/// The header of the scene CSV that [`extract`] writes (after a `file`
/// column when it reads several texts).
pub const EXTRACT_HEADER: [&str; 8] = [
    "episode",
    "scene",
    "characters",
    "line",
    "end_line",
    "byte",
    "end_byte",
    "excerpt",
];

/// Which mentions share a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// One scene per paragraph (blank-line separated).
    #[default]
    Paragraph,
    /// One scene per sentence.
    Sentence,
    /// One scene per block of N consecutive sentences (across paragraphs, restarting at chapters).
    Sentences(u32),
    /// One scene per pair of mentions of two characters at most N words apart (within a chapter).
    Words(u32),
}

impl Window {
    /// Parses `paragraph`, `sentence`, `sentences:N` or `words:N` (N ≥ 1).
    ///
    /// # Errors
    /// Anything else, naming the setting ([`Setting::Window`]).
    ///
    /// # Example
    /// ```
    /// use castgraph::input::prose::Window;
    ///
    /// assert_eq!(Window::parse("words:15")?, Window::Words(15));
    /// assert!(Window::parse("words:0").is_err());
    /// # Ok::<(), castgraph::Error>(())
    /// ```
    pub fn parse(spec: &str) -> Result<Window> {
        let spec = spec.trim();
        let bad = |problem: &str| {
            Error::invalid(
                msg![Part::Value(Setting::Window, spec.to_string()), format!(": {problem}")].then(Message::from(
                    " (choose paragraph, sentence, sentences:N or words:N, with N at least 1)",
                )),
            )
        };
        match spec {
            "paragraph" => return Ok(Window::Paragraph),
            "sentence" => return Ok(Window::Sentence),
            _ => {}
        }
        let Some((kind, n)) = spec.split_once(':') else {
            return Err(bad("unknown window"));
        };
        let n: u32 = match n.trim().parse() {
            Ok(0) => return Err(bad("N must be at least 1")),
            Ok(n) => n,
            Err(_) => return Err(bad("N must be a whole number")),
        };
        match kind.trim() {
            "sentences" => Ok(Window::Sentences(n)),
            "words" => Ok(Window::Words(n)),
            _ => Err(bad("unknown window")),
        }
    }

    /// The window as [`parse`](Self::parse) reads it: `paragraph`, `words:15`.
    pub fn spec(self) -> String {
        match self {
            Window::Paragraph => "paragraph".to_string(),
            Window::Sentence => "sentence".to_string(),
            Window::Sentences(n) => format!("sentences:{n}"),
            Window::Words(n) => format!("words:{n}"),
        }
    }

    /// The windows in words, for summaries: `one scene per paragraph`,
    /// `one scene per pair of mentions at most 15 words apart`.
    pub fn describe(self) -> String {
        match self {
            Window::Paragraph => "one scene per paragraph".to_string(),
            Window::Sentence => "one scene per sentence".to_string(),
            Window::Sentences(n) => format!("one scene per {n} sentences"),
            Window::Words(n) => format!("one scene per pair of mentions at most {n} words apart"),
        }
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.spec())
    }
}

/// How prose is read: the cast, the window and the chapter pattern.
#[derive(Debug, Clone)]
pub struct Prose {
    /// The characters to find.
    pub cast: Cast,
    /// Which mentions share a scene.
    pub window: Window,
    chapters: Option<Regex>,
}

impl PartialEq for Prose {
    fn eq(&self, other: &Self) -> bool {
        self.cast == other.cast && self.window == other.window && self.chapters() == other.chapters()
    }
}

impl Eq for Prose {}

impl Prose {
    /// The settings of a prose reading; `chapters` is a regular expression
    /// matched against each line (`^` and `$` match at the line's ends).
    ///
    /// # Errors
    /// A chapter pattern that is not a valid regular expression (or is too large).
    pub fn new(cast: Cast, window: Window, chapters: Option<&str>) -> Result<Prose> {
        let chapters = match chapters {
            Some(pattern) => Some(chapter_pattern(pattern)?),
            None => None,
        };
        Ok(Prose { cast, window, chapters })
    }

    /// The chapter pattern, as given.
    pub fn chapters(&self) -> Option<&str> {
        self.chapters.as_ref().map(Regex::as_str)
    }

    pub(crate) fn chapter_regex(&self) -> Option<&Regex> {
        self.chapters.as_ref()
    }
}

/// Compiles a chapter pattern (multi-line: `^` and `$` at line ends).
pub(crate) fn chapter_pattern(pattern: &str) -> Result<Regex> {
    RegexBuilder::new(pattern)
        .multi_line(true)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            let text = e.to_string();
            let why = text
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix("error:"))
                .map_or_else(
                    || text.lines().last().unwrap_or("").trim().to_string(),
                    |w| w.trim().to_string(),
                );
            Error::invalid(msg![
                Part::Value(Setting::Chapters, pattern.to_string()),
                format!(": not a valid regular expression ({why})")
            ])
        })
}

/// The prose settings of a reading, or the error of a text read without a cast.
fn prose_of<'o>(path: &Path, opts: &'o ReadOptions) -> Result<&'o Prose> {
    opts.prose.as_deref().ok_or_else(|| {
        Error::data(path, None, "is read as prose, which needs a cast file")
            .with_hint(msg!["name the characters to find with ", Setting::Cast])
    })
}

/// Reads a prose file, calling `on_scene` for every window that mentions
/// someone (see the module docs).
///
/// # Errors
/// No [`ReadOptions::prose`], a file that cannot be read, UTF-16 or invalid
/// UTF-8 (with the line), a text of only whitespace, a column not offered.
///
/// # Complexity
/// O(text + mentions) time for paragraphs and sentences, O(text +
/// interactions) for `words:N`; memory linear in the text and its mentions.
///
/// # Example
/// ```
/// use std::sync::Arc;
/// use castgraph::input::ReadOptions;
/// use castgraph::input::prose::{self, Cast, Prose, Window};
/// # use std::path::Path;
///
/// let cast = Cast::parse(Path::new("cast.csv"), b"name,aliases\nMr. Park,\nMiles,\n")?;
/// let opts = ReadOptions { prose: Some(Arc::new(Prose::new(cast, Window::Paragraph, None)?)), ..ReadOptions::default() };
/// let text = "Later, Mr Park approaches Miles.\n\nPark's call.\n";
/// let mut scenes = Vec::new();
/// prose::read(Path::new("synopsis.txt"), text.as_bytes(), &opts, |s| scenes.push(s.characters.join("+")))?;
/// assert_eq!(scenes, ["Mr. Park+Miles", "Mr. Park"]);
/// # Ok::<(), castgraph::Error>(())
/// ```
pub fn read(path: &Path, bytes: &[u8], opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read_text(path, bytes, prose_of(path, opts)?, &opts.columns, on_scene)
}

/// Reads a prose file from `path`, as [`read`] (line by line: the file's
/// bytes are not kept).
///
/// # Errors
/// As [`read`].
///
/// # Complexity
/// As [`read`].
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    let prose = prose_of(path, opts)?;
    resolve_columns(path, &opts.columns, &COLUMNS)?;
    read_text(path, open(path)?, prose, &opts.columns, on_scene)
}

fn read_text(
    path: &Path,
    input: impl BufRead,
    prose: &Prose,
    columns: &[String],
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let wanted = resolve_columns(path, columns, &COLUMNS)?;
    let doc = document::Document::read(path, input, prose.chapter_regex())?;
    let found = prose.cast.find(&doc.text);
    let cast = &prose.cast;
    let names: Vec<&str> = cast.members().iter().map(|m| m.name.as_str()).collect();
    let mut characters: Vec<&str> = Vec::new();
    let mut scenes = 0u64;
    // Scenes before the first chapter heading: count and first line.
    let mut before_first = (0u64, 0u64);
    let mut values: Vec<Option<String>> = Vec::with_capacity(wanted.len());
    windows::each(&doc, &found.mentions, prose.window, names.len(), |w| {
        characters.clear();
        characters.extend(w.characters.iter().map(|&c| names[c as usize]));
        let chapter = w
            .chapter
            .map(|c| doc.chapters[c as usize].heading.as_str())
            .filter(|h| !h.is_empty());
        let number = w.number.to_string();
        let (line, end_line, byte, end_byte) = doc.span(w.start, w.end);
        if prose.chapters.is_some() && w.chapter.is_none() {
            before_first.0 += 1;
            if before_first.1 == 0 {
                before_first.1 = line;
            }
        }
        values.clear();
        values.extend(wanted.iter().map(|&i| match i {
            0 | 1 => chapter.map(str::to_string),
            2 => Some(number.clone()),
            3 => Some(line.to_string()),
            4 => Some(end_line.to_string()),
            5 => Some(byte.to_string()),
            6 => Some(end_byte.to_string()),
            _ => Some(doc.excerpt(w.start, w.end)),
        }));
        let cols: Vec<Option<&str>> = values.iter().map(Option::as_deref).collect();
        on_scene(Scene {
            line,
            episode: chapter,
            scene: Some(&number),
            characters: &characters,
            columns: &cols,
            weight: None,
            tally: super::Tally::Scene,
        });
        scenes += 1;
    });
    let mut summary = ReadSummary::new(FORMAT, scenes);
    summary.notes = notes(path, &doc, prose, &found, before_first);
    Ok(summary)
}

/// Up to this many names or lines are listed in a note.
const LISTED: usize = 10;

/// `a, b, c and 4 more`.
fn listing(items: &[String], total: usize) -> String {
    let mut out = items.join(", ");
    if total > items.len() {
        out.push_str(&format!(" and {} more", total - items.len()));
    }
    out
}

fn notes(
    path: &Path,
    doc: &document::Document,
    prose: &Prose,
    found: &cast::Found,
    before_first: (u64, u64),
) -> Vec<Message> {
    let cast = &prose.cast;
    let file = path.display();
    let mut out = Vec::new();
    if let Some(pattern) = prose.chapters()
        && doc.chapters.is_empty()
    {
        out.push(msg![
            format!("{file}: no line matches "),
            Part::Value(Setting::Chapters, pattern.to_string()),
            "; the text is read as one chapter"
        ]);
    }
    if before_first.0 > 0 && !doc.chapters.is_empty() {
        out.push(Message::from(format!(
            "{file}: {} before the first chapter heading (the first on line {}); {} no chapter",
            if before_first.0 == 1 {
                "1 scene comes".to_string()
            } else {
                format!("{} scenes come", before_first.0)
            },
            before_first.1,
            if before_first.0 == 1 { "it has" } else { "they have" }
        )));
    }
    // Ambiguous forms, in order of first occurrence.
    let mut order: Vec<u32> = Vec::new();
    let mut seen: FxHashMap<u32, (u64, Vec<u64>)> = FxHashMap::default();
    for &(form, start, _) in &found.ambiguous {
        let entry = seen.entry(form).or_insert_with(|| {
            order.push(form);
            (0, Vec::new())
        });
        entry.0 += 1;
        if entry.1.len() < 3 {
            let line = doc.line_of_byte(doc.byte(start));
            if !entry.1.contains(&line) {
                entry.1.push(line);
            }
        }
    }
    for form in order {
        let (count, lines) = &seen[&form];
        let cast::Target::Ambiguous(who) = cast.target(form) else {
            continue;
        };
        let who: Vec<&str> = who.iter().map(|&c| cast.members()[c as usize].name.as_str()).collect();
        let (last, first) = who.split_last().unwrap_or((&"", &[]));
        let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
        out.push(msg![
            format!(
                "{file}: `{}` could be {} or {last}: {} (line {}{}) {} for none of them; to count {}, list `{}` as an alias of one of them in the ",
                cast.form(form),
                first.join(", "),
                if *count == 1 { "its mention".to_string() } else { format!("its {count} mentions") },
                lines.join(", "),
                if *count as usize > lines.len() { ", …" } else { "" },
                if *count == 1 { "counts" } else { "count" },
                if *count == 1 { "it" } else { "them" },
                cast.form(form),
            ),
            Setting::Cast,
            " file"
        ]);
    }
    if found.mentions.is_empty() {
        out.push(Message::from(format!("{file}: no name of the cast occurs in the text")));
        return out;
    }
    let mut mentioned = vec![false; cast.members().len()];
    for m in &found.mentions {
        mentioned[m.character as usize] = true;
    }
    let silent: Vec<&str> = cast
        .members()
        .iter()
        .zip(&mentioned)
        .filter(|(_, m)| !**m)
        .map(|(c, _)| c.name.as_str())
        .collect();
    if !silent.is_empty() {
        let shown: Vec<String> = silent.iter().take(LISTED).map(|n| format!("`{n}`")).collect();
        out.push(Message::from(format!(
            "{file}: {} of the cast {} never mentioned: {}",
            silent.len(),
            if silent.len() == 1 { "is" } else { "are" },
            listing(&shown, silent.len())
        )));
    }
    let unused: Vec<String> = (0..cast.form_count() as u32)
        .filter(|&f| found.hits[f as usize] == 0)
        .filter_map(|f| match cast.target(f) {
            cast::Target::One {
                character,
                explicit: true,
            } => {
                let member = &cast.members()[*character as usize];
                (member.name != cast.form(f) && mentioned[*character as usize])
                    .then(|| format!("`{}` ({})", cast.form(f), member.name))
            }
            _ => None,
        })
        .collect();
    if !unused.is_empty() {
        let total = unused.len();
        out.push(Message::from(format!(
            "{file}: {} never found: {}",
            if total == 1 { "1 alias is" } else { "aliases are" },
            listing(&unused[..total.min(LISTED)], total)
        )));
    }
    out
}

/// What [`extract`] did with one text.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The text, as named.
    pub path: PathBuf,
    /// Its summary: the scenes written and the notes.
    pub summary: ReadSummary,
}

/// Writes the scenes of prose files as a wide scene CSV that
/// [`InputFormat::Wide`] reads back into the same graph: the header
/// [`EXTRACT_HEADER`] (after a `file` column when there are several texts),
/// one row per scene, characters `;`-separated, the chapter in `episode`.
///
/// # Errors
/// Any problem of [`read_path`]; a write that fails (named `output`).
///
/// # Complexity
/// As [`read`], per text; the rows are streamed to `out`.
///
/// # Example
/// ```
/// use castgraph::input::prose::{Cast, Prose, Window, extract};
/// # use std::path::Path;
///
/// let dir = tempfile::tempdir()?;
/// let text = dir.path().join("synopsis.txt");
/// std::fs::write(&text, "Carly tells Sasha about Vanessa.\n")?;
/// let cast = Cast::parse(Path::new("cast.csv"), b"name\nCarly\nSasha\nVanessa\n")?;
/// let prose = Prose::new(cast, Window::Paragraph, None)?;
/// let mut csv = Vec::new();
/// extract(&[text], &prose, &mut csv, Path::new("scenes.csv"))?;
/// let csv = String::from_utf8(csv)?;
/// assert_eq!(csv.lines().nth(1), Some(",1,Carly;Sasha;Vanessa,1,1,0,32,Carly tells Sasha about Vanessa."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn extract(texts: &[PathBuf], prose: &Prose, out: &mut dyn Write, output: &Path) -> Result<Vec<Extracted>> {
    let write_error = |e: csv::Error| Error::io(output, "cannot write", std::io::Error::from(e));
    let several = texts.len() > 1;
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    let mut header: Vec<&str> = Vec::new();
    if several {
        header.push("file");
    }
    header.extend(EXTRACT_HEADER);
    writer.write_record(&header).map_err(write_error)?;
    let columns: Vec<String> = EXTRACT_HEADER[3..].iter().map(|c| c.to_string()).collect();
    let mut done = Vec::new();
    let mut row: Vec<String> = Vec::new();
    for text in texts {
        let name = text.display().to_string();
        let mut failure = None;
        let summary = read_text(text, open(text)?, prose, &columns, |scene| {
            if failure.is_some() {
                return;
            }
            row.clear();
            if several {
                row.push(name.clone());
            }
            row.push(scene.episode.unwrap_or("").to_string());
            row.push(scene.scene.unwrap_or("").to_string());
            row.push(scene.characters.join(";"));
            row.extend(scene.columns.iter().map(|c| c.unwrap_or("").to_string()));
            if let Err(e) = writer.write_record(&row) {
                failure = Some(e);
            }
        })?;
        if let Some(e) = failure {
            return Err(write_error(e));
        }
        done.push(Extracted {
            path: text.clone(),
            summary,
        });
    }
    writer.flush().map_err(|e| Error::io(output, "cannot write", e))?;
    Ok(done)
}

/// The reading options of prose with these settings (and no metadata column).
pub fn options(prose: Arc<Prose>) -> ReadOptions {
    ReadOptions {
        prose: Some(prose),
        ..ReadOptions::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse_and_print() {
        for spec in ["paragraph", "sentence", "sentences:3", "words:15"] {
            assert_eq!(Window::parse(spec).unwrap().spec(), spec);
        }
        assert_eq!(Window::parse(" words:2 ").unwrap(), Window::Words(2));
        let err = |s: &str| Window::parse(s).unwrap_err().to_string();
        assert_eq!(
            err("words:0"),
            "`window = words:0`: N must be at least 1 (choose paragraph, sentence, sentences:N or words:N, with N at least 1)"
        );
        assert!(err("words:x").contains("N must be a whole number"));
        assert!(err("chapter").contains("unknown window"));
        assert!(err("lines:3").contains("unknown window"));
    }

    #[test]
    fn bad_chapter_patterns_are_one_line() {
        let e = chapter_pattern("^CHAPTER (").unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e}");
        assert!(
            e.starts_with("`chapters = ^CHAPTER (`: not a valid regular expression"),
            "{e}"
        );
    }
}
