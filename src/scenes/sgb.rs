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

use super::wide::open;
use super::{ReadOptions, ReadSummary, Scene, SgbScene, resolve_columns};
use crate::error::{Error, Result};

/// The format's name in [`ReadSummary::format`].
pub const FORMAT: &str = "Stanford GraphBase book";

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
    Ok(ReadSummary {
        format: FORMAT,
        scenes: book.scenes,
    })
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

/// Lines of a text file, read as bytes one at a time so that a line that is
/// not UTF-8 can be reported by number. Strips the line ending (LF or CRLF)
/// and, on line 1, a byte-order mark. Shared with the ezlinavis reader.
pub(super) struct TextLines<'p, R> {
    path: &'p Path,
    input: R,
    buf: Vec<u8>,
    number: u64,
}

impl<'p, R: BufRead> TextLines<'p, R> {
    pub(super) fn new(path: &'p Path, input: R) -> Self {
        TextLines {
            path,
            input,
            buf: Vec::with_capacity(256),
            number: 0,
        }
    }

    /// The next line and its 1-based number, or `None` at the end of the input.
    pub(super) fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        self.buf.clear();
        let n = self
            .input
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| Error::io(self.path, "cannot read", e))?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        let mut bytes = self.buf.as_slice();
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if self.number == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some((self.number, text))),
            Err(_) => {
                Err(Error::data(self.path, Some(self.number), "is not valid UTF-8").with_hint("save the file as UTF-8"))
            }
        }
    }
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

/// Decodes the TeX of a name from a GraphBase file into Unicode text.
///
/// Handles the accent commands `` \` `` `\'` `\^` `\"` `\~` `\=` `\.` `\u`
/// `\v` `\H` `\c` `\k` `\r` `\d` `\b` `\t`, with their argument as a letter
/// (`\'e`, `\c c`), a group (`\'{E}`, `\c{c}`) or a dotless `\i`/`\j`
/// (`\'\i`, `\'{\i}`); the letters `\ae` `\AE` `\oe` `\OE` `\o` `\O` `\ss`
/// `\aa` `\AA` `\l` `\L` `\i` `\j`; and escaped symbols such as `\&`.
/// Accented letters come out precomposed where Unicode has a precomposed
/// character (`é`, `ç`, `ő`), otherwise as the letter followed by a combining
/// mark. Bare braces are removed (`{\'E}` → `É`); unknown commands are kept as
/// written. Never panics.
pub fn decode_tex(text: &str) -> String {
    if !text.contains(['\\', '{', '}']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    decode_into(text, 0, &mut out);
    out
}

/// Nesting of accent arguments beyond which groups are copied without decoding.
const MAX_DEPTH: usize = 8;

fn decode_into(text: &str, depth: usize, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' => command(&mut chars, depth, out),
            _ => out.push(c),
        }
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Decodes the command after a backslash.
fn command(chars: &mut Chars<'_>, depth: usize, out: &mut String) {
    let Some(c) = chars.next() else {
        out.push('\\');
        return;
    };
    if let Some(accent) = ACCENTS.iter().find(|a| a.symbol == Some(c)) {
        apply_accent(accent, chars, depth, out);
        return;
    }
    if !c.is_ascii_alphabetic() {
        // `\&`, `\%`, `\{`, `\ ` and the like: the symbol itself.
        out.push(c);
        return;
    }
    let mut word = String::from(c);
    while let Some(&next) = chars.peek() {
        if !next.is_ascii_alphabetic() {
            break;
        }
        word.push(next);
        chars.next();
    }
    if let Some(accent) = ACCENTS.iter().find(|a| a.word == Some(word.as_str())) {
        apply_accent(accent, chars, depth, out);
    } else if let Some(&(_, letter)) = LETTERS.iter().find(|(w, _)| *w == word) {
        out.push_str(letter);
        skip_spaces(chars);
    } else {
        out.push('\\');
        out.push_str(&word);
    }
}

fn skip_spaces(chars: &mut Chars<'_>) {
    while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
}

/// Reads an accent's argument and writes it accented.
fn apply_accent(accent: &Accent, chars: &mut Chars<'_>, depth: usize, out: &mut String) {
    skip_spaces(chars);
    let mut argument = String::new();
    match chars.next() {
        Some('{') => {
            let mut group = String::new();
            let mut level = 0usize;
            let mut escaped = false;
            for c in chars.by_ref() {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '{' {
                    level += 1;
                } else if c == '}' {
                    if level == 0 {
                        break;
                    }
                    level -= 1;
                }
                group.push(c);
            }
            if depth < MAX_DEPTH {
                decode_into(&group, depth + 1, &mut argument);
            } else {
                argument.extend(group.chars().filter(|c| !matches!(c, '{' | '}' | '\\')));
            }
        }
        Some('\\') if depth < MAX_DEPTH => command(chars, depth + 1, &mut argument),
        // Too deep: the backslash is dropped and what follows read as text.
        Some('\\') => {}
        Some(c) => argument.push(c),
        None => {}
    }
    let mut rest = argument.chars();
    match rest.next() {
        Some(base) => {
            let base = match base {
                'ı' => 'i',
                'ȷ' => 'j',
                other => other,
            };
            match compose(base, accent.pairs) {
                Some(composed) => out.push(composed),
                None => {
                    out.push(base);
                    out.push(accent.mark);
                }
            }
            out.push_str(rest.as_str());
        }
        None => out.push(accent.spacing),
    }
}

/// The precomposed form of `base` under an accent, from the accent's table of
/// (base, composed) pairs.
fn compose(base: char, pairs: &str) -> Option<char> {
    let mut it = pairs.chars();
    while let (Some(b), Some(composed)) = (it.next(), it.next()) {
        if b == base {
            return Some(composed);
        }
    }
    None
}

/// A TeX accent command.
struct Accent {
    /// The control symbol (`\'`), if the accent is one.
    symbol: Option<char>,
    /// The control word (`\c`), if the accent is one.
    word: Option<&'static str>,
    /// The Unicode combining mark.
    mark: char,
    /// The accent on its own (an empty argument, `\'{}`).
    spacing: char,
    /// Base letter and precomposed character, alternating (Latin-1,
    /// Latin Extended-A/B and Latin Extended Additional).
    pairs: &'static str,
}

const fn sym(symbol: char, mark: char, spacing: char, pairs: &'static str) -> Accent {
    Accent {
        symbol: Some(symbol),
        word: None,
        mark,
        spacing,
        pairs,
    }
}

const fn word(word: &'static str, mark: char, spacing: char, pairs: &'static str) -> Accent {
    Accent {
        symbol: None,
        word: Some(word),
        mark,
        spacing,
        pairs,
    }
}

const ACCENTS: [Accent; 16] = [
    sym('`', '\u{300}', '`', "AÀEÈIÌNǸOÒUÙWẀYỲaàeèiìnǹoòuùwẁyỳ"),
    sym(
        '\'',
        '\u{301}',
        '´',
        "AÁCĆEÉGǴIÍKḰLĹMḾNŃOÓPṔRŔSŚUÚWẂYÝZŹaácćeégǵiíkḱlĺmḿnńoópṕrŕsśuúwẃyýzź",
    ),
    sym(
        '^',
        '\u{302}',
        '^',
        "AÂCĈEÊGĜHĤIÎJĴOÔSŜUÛWŴYŶZẐaâcĉeêgĝhĥiîjĵoôsŝuûwŵyŷzẑ",
    ),
    sym('~', '\u{303}', '~', "AÃEẼIĨNÑOÕUŨVṼYỸaãeẽiĩnñoõuũvṽyỹ"),
    sym('=', '\u{304}', '¯', "AĀEĒGḠIĪOŌUŪYȲaāeēgḡiīoōuūyȳ"),
    word("u", '\u{306}', '˘', "AĂEĔGĞIĬOŎUŬaăeĕgğiĭoŏuŭ"),
    sym(
        '.',
        '\u{307}',
        '˙',
        "AȦBḂCĊDḊEĖFḞGĠHḢIİMṀNṄOȮPṖRṘSṠTṪWẆXẊYẎZŻaȧbḃcċdḋeėfḟgġhḣmṁnṅoȯpṗrṙsṡtṫwẇxẋyẏzż",
    ),
    sym('"', '\u{308}', '¨', "AÄEËHḦIÏOÖUÜWẄXẌYŸaäeëhḧiïoötẗuüwẅxẍyÿ"),
    word("r", '\u{30A}', '˚', "AÅUŮaåuůwẘyẙ"),
    word("H", '\u{30B}', '˝', "OŐUŰoőuű"),
    word(
        "v",
        '\u{30C}',
        'ˇ',
        "AǍCČDĎEĚGǦHȞIǏKǨLĽNŇOǑRŘSŠTŤUǓZŽaǎcčdďeěgǧhȟiǐjǰkǩlľnňoǒrřsštťuǔzž",
    ),
    word(
        "d",
        '\u{323}',
        '.',
        "AẠBḄDḌEẸHḤIỊKḲLḶMṂNṆOỌRṚSṢTṬUỤVṾWẈYỴZẒaạbḅdḍeẹhḥiịkḳlḷmṃnṇoọrṛsṣtṭuụvṿwẉyỵzẓ",
    ),
    word("c", '\u{327}', '¸', "CÇDḐEȨGĢHḨKĶLĻNŅRŖSŞTŢcçdḑeȩgģhḩkķlļnņrŗsştţ"),
    word("k", '\u{328}', '˛', "AĄEĘIĮOǪUŲaąeęiįoǫuų"),
    word("b", '\u{331}', '_', "BḆDḎKḴLḺNṈRṞTṮZẔbḇdḏhẖkḵlḻnṉrṟtṯzẕ"),
    word("t", '\u{361}', '\u{361}', ""),
];

/// Letters written as control words.
const LETTERS: [(&str, &str); 13] = [
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
    ("o", "ø"),
    ("O", "Ø"),
    ("ss", "ß"),
    ("aa", "å"),
    ("AA", "Å"),
    ("l", "ł"),
    ("L", "Ł"),
    ("i", "ı"),
    ("j", "ȷ"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_accents_in_knuths_files() {
        assert_eq!(
            decode_tex(r"Monsieur Charles Fran\c{c}ois Bienvenu Myriel"),
            "Monsieur Charles François Bienvenu Myriel"
        );
        assert_eq!(decode_tex(r"Th\'enardier"), "Thénardier");
        assert_eq!(decode_tex(r"Countess de L\^o"), "Countess de Lô");
        assert_eq!(decode_tex(r"F\'elix Tholomy\`es"), "Félix Tholomyès");
        assert_eq!(decode_tex(r"prot\'eg\'e"), "protégé");
        assert_eq!(decode_tex(r"Sister Perp\'etue"), "Sister Perpétue");
    }

    #[test]
    fn decodes_every_accent_command() {
        let cases = [
            (r#"\"o"#, "ö"),
            (r"\~n", "ñ"),
            (r"\c{c}", "ç"),
            (r"\c c", "ç"),
            (r"\c{C}", "Ç"),
            (r"\=a", "ā"),
            (r"\.z", "ż"),
            (r"\u{g}", "ğ"),
            (r"\u g", "ğ"),
            (r"\v{c}", "č"),
            (r"\v{S}", "Š"),
            (r"\H{o}", "ő"),
            (r"\k{a}", "ą"),
            (r"\r{u}", "ů"),
            (r"\d{s}", "ṣ"),
            (r"\b{t}", "ṯ"),
            (r"\`A", "À"),
            (r"\^{}", "^"),
        ];
        for (tex, want) in cases {
            assert_eq!(decode_tex(tex), want, "{tex}");
        }
    }

    #[test]
    fn decodes_letters_and_dotless_i() {
        assert_eq!(decode_tex(r"\ae \AE \oe \OE"), "æÆœŒ");
        assert_eq!(decode_tex(r"C\ae sar"), "Cæsar");
        assert_eq!(decode_tex(r"\o\O\aa\AA\l\L"), "øØåÅłŁ");
        assert_eq!(decode_tex(r"Stra\ss e"), "Straße");
        assert_eq!(decode_tex(r"\i"), "ı");
        assert_eq!(decode_tex(r"\'\i"), "í");
        assert_eq!(decode_tex(r"\'{\i}"), "í");
        assert_eq!(decode_tex(r"\^\i"), "î");
        assert_eq!(decode_tex(r"{\L}\'od\'z"), "Łódź");
    }

    #[test]
    fn braces_around_or_inside_the_command() {
        assert_eq!(decode_tex(r"{\'E}mile"), "Émile");
        assert_eq!(decode_tex(r"\'{E}mile"), "Émile");
        assert_eq!(decode_tex(r"{\c c}a"), "ça");
        assert_eq!(decode_tex("{Mac}{Gregor}"), "MacGregor");
        assert_eq!(decode_tex(r"\'{}"), "´");
    }

    #[test]
    fn no_precomposed_form_gives_a_combining_mark() {
        assert_eq!(decode_tex(r"\'x"), "x\u{301}");
        assert_eq!(decode_tex(r"\t{oo}"), "o\u{361}o");
        assert_eq!(decode_tex(r"\.\i"), "i\u{307}");
    }

    #[test]
    fn plain_text_and_unknown_commands_are_kept() {
        assert_eq!(decode_tex("Jean Valjean"), "Jean Valjean");
        assert_eq!(decode_tex("Madame de R--"), "Madame de R--");
        assert_eq!(decode_tex(r"\Lambda x"), r"\Lambda x");
        assert_eq!(decode_tex(r"A \& B"), "A & B");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for tex in [
            "\\",
            "\\'",
            "\\c",
            "\\'{",
            "\\'{\\",
            "{",
            "}",
            "\\'{é",
            "\\\u{301}",
            "\\t{}",
            "\\'\\'\\'",
            "\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{\\'{e}}}}}}}}}}}",
        ] {
            let _ = decode_tex(tex);
        }
        let deep = "\\'{".repeat(100_000);
        let _ = decode_tex(&deep);
    }
}
