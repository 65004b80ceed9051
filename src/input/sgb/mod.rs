//! Knuth's Stanford GraphBase book files (`jean.dat`, `anna.dat`, `david.dat`,
//! `huck.dat`, `homer.dat`): a cast section, then one line per chapter listing
//! who "encounters" whom.
//!
//! The format (Knuth, `gb_books.w`): lines starting with `*` are comments,
//! wherever they are. The cast comes first, one character a line as
//! `XX Name, description`, where `XX` is a two-character code of ASCII letters
//! or digits; the name runs up to the first comma (a line without a comma is
//! all name), and TeX accents in it (`Fran\c{c}ois`, `Th\'enardier`) are
//! decoded by [`decode_tex`]. Blank lines before the first cast line are
//! skipped; the first blank line after it ends the cast. Then one line per
//! chapter, `CHAPTER:G1;G2;...`, where each group is a comma-separated list of
//! codes; a chapter with nobody in it has no `:`, and a line starting `&:`
//! continues the chapter above it (`homer.dat`). Chapter ids are ASCII
//! letters, digits, `.`, `-` and `_` (`1.2.3`, `1.2`, `12`). Surrounding
//! spaces, blank lines in the chapter section, CRLF line endings and a
//! leading byte-order mark are all accepted.
//!
//! What the reader promises:
//!
//! * [`SgbScene::Group`] (the default) emits one scene per non-empty group:
//!   `episode` is the chapter id and `scene` the group's 1-based number within
//!   the chapter, counting on across `&:` lines. This is the cutting behind
//!   Newman's Les Misérables network. A chapter without groups emits nothing.
//! * [`SgbScene::Chapter`] emits one scene per chapter line, continuation lines
//!   included: the union of its groups, in order of first listing; `episode`
//!   is the chapter id and `scene` is `None` (the chapter *is* the scene). A
//!   chapter with nobody in it is still a scene, with no characters.
//! * A scene's `line` is the line its group is on (group mode) or the
//!   chapter's line (chapter mode).
//! * Metadata columns: `chapter` and `episode` (both the chapter id) and
//!   `scene` (the group number; empty in chapter mode).
//! * Leniency: empty groups (`1.2:A;;B`, a trailing `;`) and empty codes
//!   (`A,,B`) are skipped and do not take a group number; a code listed twice
//!   in a group counts once. When two codes carry the same name (`homer.dat`
//!   has 74 such names, e.g. two different Euryaluses), every one of them is
//!   named `Name [XY]` so that distinct characters stay distinct.
//! * Errors name the file, the line and the problem: a cast line without a
//!   valid code or a name, a duplicate code, a code not in the cast, a `&:`
//!   line before any chapter, a malformed chapter id, invalid UTF-8, a file
//!   with no cast, no chapters, or nothing at all.
//!
//! The file is read line by line; only the cast (and, in chapter mode, the
//! current chapter) is held in memory.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

mod tex;

pub use tex::decode_tex;

use super::csv::{open, resolve_columns};
use super::text::TextLines;
use super::{InputFormat, ReadFormat, ReadOptions, ReadSummary, Scene, SgbScene, Tally};
use crate::error::{Error, Result};

/// The format of a GraphBase book.
pub const FORMAT: ReadFormat = ReadFormat::plain(InputFormat::Sgb);

/// The metadata columns a book offers: `chapter` and `episode` are both the
/// chapter id, `scene` is the group number.
pub const COLUMNS: [&str; 3] = ["chapter", "episode", "scene"];

/// Reads a Stanford GraphBase book file from `path`, calling `on_scene` for every scene.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read(path, open(path)?, opts, on_scene)
}

/// Reads a Stanford GraphBase book from any buffered reader; `path` is only used in messages.
pub fn read<R: BufRead>(
    path: &Path,
    input: R,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let wanted = resolve_columns(path, &opts.columns, &COLUMNS)?;
    let mut lines = TextLines::new(path, input);
    let mut cast = Cast::default();
    let mut in_cast = true;
    let mut anything = false;
    let mut book = Book {
        path,
        mode: opts.sgb_scene,
        wanted,
        chapter: None,
        chapters: 0,
        scenes: 0,
        members: Vec::new(),
    };

    while let Some((line, text)) = lines.next_line()? {
        let text = text.trim();
        if !text.is_empty() {
            anything = true;
        }
        if text.starts_with('*') {
            continue;
        }
        if in_cast {
            if text.is_empty() {
                if !cast.names.is_empty() {
                    in_cast = false;
                    cast.disambiguate();
                }
                continue;
            }
            cast.add(path, line, text)?;
            continue;
        }
        if text.is_empty() {
            continue;
        }
        book.chapter_line(line, text, &cast, &mut on_scene)?;
    }

    if in_cast {
        return Err(if !anything {
            Error::data(path, None, "the file is empty").with_hint(
                "a book file lists its cast as `XX Name, description` lines, a blank line, then its chapters",
            )
        } else if cast.names.is_empty() {
            Error::data(path, None, "has no cast: no `XX Name, description` lines").with_hint(
                "a book file lists its characters first, one a line as a two-character code, a space and a name",
            )
        } else {
            Error::data(path, None, "has a cast but no chapters")
                .with_hint("put a blank line after the cast, then one `CHAPTER:CODE,CODE;CODE,...` line a chapter")
        });
    }
    if book.chapters == 0 {
        return Err(Error::data(path, None, "has a cast but no chapters")
            .with_hint("add one `CHAPTER:CODE,CODE;CODE,...` line a chapter after the blank line"));
    }
    book.finish_chapter(&cast, &mut on_scene);
    Ok(ReadSummary::new(FORMAT, book.scenes))
}

/// The characters: code → position, names in cast order.
#[derive(Default)]
struct Cast {
    index: HashMap<[u8; 2], usize>,
    codes: Vec<[u8; 2]>,
    names: Vec<String>,
    lines: Vec<u64>,
}

impl Cast {
    /// Adds one cast line (not blank, not a comment).
    fn add(&mut self, path: &Path, line: u64, text: &str) -> Result<()> {
        let Some((code, rest)) = split_code(text) else {
            let err = if self.names.is_empty() {
                Error::data(
                    path,
                    Some(line),
                    format!(
                        "has no cast: expected the first character as `XX Name, description`, found `{}`",
                        excerpt(text)
                    ),
                )
                .with_hint(
                    "a book file lists its characters first, one a line as a two-character code, a space and a name",
                )
            } else {
                Error::data(
                    path,
                    Some(line),
                    format!(
                        "not a cast line: expected `XX Name, description` (a code of two letters or digits, a space, a name), found `{}`",
                        excerpt(text)
                    ),
                )
                .with_hint("the cast ends at the first blank line: put one between the cast and the chapter lines")
            };
            return Err(err);
        };
        let shown = String::from_utf8_lossy(&code).into_owned();
        if let Some(&first) = self.index.get(&code) {
            let first_line = self.lines.get(first).copied().unwrap_or(0);
            return Err(Error::data(
                path,
                Some(line),
                format!("duplicate character code `{shown}` (already used on line {first_line})"),
            )
            .with_hint("give every character its own two-character code"));
        }
        let raw = rest.split(',').next().unwrap_or("");
        let name = decode_tex(raw).trim().to_string();
        if name.is_empty() {
            return Err(
                Error::data(path, Some(line), format!("no name after the character code `{shown}`"))
                    .with_hint("write the cast line as `XX Name, description`"),
            );
        }
        self.index.insert(code, self.names.len());
        self.codes.push(code);
        self.names.push(name);
        self.lines.push(line);
        Ok(())
    }

    /// Appends ` [XY]` to every name that two or more codes share.
    fn disambiguate(&mut self) {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for name in &self.names {
            *count.entry(name.as_str()).or_default() += 1;
        }
        let shared: Vec<bool> = self
            .names
            .iter()
            .map(|n| count.get(n.as_str()).is_some_and(|&c| c > 1))
            .collect();
        for ((name, code), shared) in self.names.iter_mut().zip(&self.codes).zip(shared) {
            if shared {
                name.push_str(" [");
                name.push_str(&String::from_utf8_lossy(code));
                name.push(']');
            }
        }
    }

    fn lookup(&self, code: &str) -> Option<usize> {
        let key: [u8; 2] = code.as_bytes().try_into().ok()?;
        self.index.get(&key).copied()
    }

    fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }
}

/// The two-character code at the start of a cast line and the text after it,
/// or `None` when the line does not start with a code and a space.
fn split_code(text: &str) -> Option<([u8; 2], &str)> {
    let bytes = text.as_bytes();
    let (&a, &b, &gap) = (bytes.first()?, bytes.get(1)?, bytes.get(2)?);
    if !(a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && (gap == b' ' || gap == b'\t')) {
        return None;
    }
    // The first three bytes are ASCII, so byte 3 is a character boundary.
    Some(([a, b], text.get(3..)?))
}

/// The start of a line for an error message.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// The chapter being read.
struct Chapter {
    id: String,
    line: u64,
    /// Groups emitted so far (group numbers continue across `&:` lines).
    groups: u64,
    /// Chapter mode: the union of the groups, as cast positions.
    members: Vec<usize>,
}

/// The chapter section's state.
struct Book<'p> {
    path: &'p Path,
    mode: SgbScene,
    wanted: Vec<usize>,
    chapter: Option<Chapter>,
    chapters: u64,
    scenes: u64,
    /// Scratch: the current group, as cast positions.
    members: Vec<usize>,
}

impl Book<'_> {
    /// Handles one non-blank, non-comment line of the chapter section.
    fn chapter_line(&mut self, line: u64, text: &str, cast: &Cast, on_scene: &mut impl FnMut(Scene<'_>)) -> Result<()> {
        if let Some(rest) = text.strip_prefix("&:") {
            if self.chapter.is_none() {
                return Err(
                    Error::data(self.path, Some(line), "`&:` continuation line before any chapter")
                        .with_hint("a `&:` line continues the chapter on the line above; put a chapter line first"),
                );
            }
            return self.groups(line, rest, cast, on_scene);
        }
        let (id, groups) = match text.split_once(':') {
            Some((id, groups)) => (id.trim(), Some(groups)),
            None => (text, None),
        };
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        {
            let problem = if id.is_empty() {
                "a chapter line has no chapter id before `:`".to_string()
            } else {
                format!(
                    "`{}` is not a chapter line: expected `CHAPTER:CODE,CODE;CODE,...`",
                    excerpt(text)
                )
            };
            return Err(Error::data(self.path, Some(line), problem).with_hint(
                "chapter ids are letters, digits and dots, like `1.2.3`; the cast ends at the first blank line",
            ));
        }
        self.finish_chapter(cast, on_scene);
        self.chapters += 1;
        self.chapter = Some(Chapter {
            id: id.to_string(),
            line,
            groups: 0,
            members: Vec::new(),
        });
        match groups {
            Some(groups) => self.groups(line, groups, cast, on_scene),
            None => Ok(()),
        }
    }

    /// Reads the `;`-separated groups of one line into the current chapter.
    fn groups(&mut self, line: u64, text: &str, cast: &Cast, on_scene: &mut impl FnMut(Scene<'_>)) -> Result<()> {
        let Some(chapter) = self.chapter.as_mut() else {
            return Ok(());
        };
        for group in text.split(';') {
            self.members.clear();
            for code in group.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let Some(i) = cast.lookup(code) else {
                    return Err(Error::data(
                        self.path,
                        Some(line),
                        format!("unknown character code `{}`", excerpt(code)),
                    )
                    .with_hint("every code in a chapter line must be listed in the cast at the top of the file"));
                };
                if !self.members.contains(&i) {
                    self.members.push(i);
                }
            }
            if self.members.is_empty() {
                continue;
            }
            chapter.groups += 1;
            match self.mode {
                SgbScene::Group => {
                    let number = chapter.groups.to_string();
                    let names = distinct(self.members.iter().map(|&i| cast.name(i)));
                    let columns = columns(&self.wanted, &chapter.id, Some(&number));
                    on_scene(Scene {
                        line,
                        episode: Some(&chapter.id),
                        scene: Some(&number),
                        characters: &names,
                        columns: &columns,
                        weight: None,
                        tally: Tally::Scene,
                    });
                    self.scenes += 1;
                }
                SgbScene::Chapter => {
                    for &i in &self.members {
                        if !chapter.members.contains(&i) {
                            chapter.members.push(i);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Chapter mode: emits the chapter read so far, if any.
    fn finish_chapter(&mut self, cast: &Cast, on_scene: &mut impl FnMut(Scene<'_>)) {
        let Some(chapter) = self.chapter.take() else {
            return;
        };
        if self.mode != SgbScene::Chapter {
            return;
        }
        let names = distinct(chapter.members.iter().map(|&i| cast.name(i)));
        let columns = columns(&self.wanted, &chapter.id, None);
        on_scene(Scene {
            line: chapter.line,
            episode: Some(&chapter.id),
            scene: None,
            characters: &names,
            columns: &columns,
            weight: None,
            tally: Tally::Scene,
        });
        self.scenes += 1;
    }
}

/// The requested metadata columns (positions in [`COLUMNS`]) of one scene.
fn columns<'a>(wanted: &[usize], chapter: &'a str, scene: Option<&'a str>) -> Vec<Option<&'a str>> {
    wanted
        .iter()
        .map(|&i| match i {
            0 | 1 => Some(chapter),
            _ => scene,
        })
        .collect()
}

/// The names in order, each once: two codes can still end up with one name
/// (a cast that names a character `Jim [XY]` beside two `Jim`s), found by fuzzing.
fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut seen = None;
    for name in names {
        if super::first_time(name, &out, &mut seen) {
            out.push(name);
        }
    }
    out
}
