//! A prose file as the matcher sees it: chapters, paragraphs, and one
//! matching text with a way back to the file's lines and bytes.
//!
//! * The file is UTF-8 (a leading byte-order mark is skipped; LF or CRLF),
//!   read line by line: only the matching text is kept.
//! * With a chapter pattern, every line it matches is a chapter heading: it
//!   ends the paragraph before it, its trimmed text (whitespace collapsed)
//!   labels the chapter, and it is not part of the prose.
//! * A paragraph is a run of lines that are not blank (a blank line holds
//!   only whitespace) and not headings.
//! * The matching text holds the paragraphs in order, each line in NFC, every
//!   run of whitespace (line breaks inside a paragraph included) as one
//!   space, paragraphs separated by `\n`. Offsets in it map back to the
//!   file's bytes exactly, except inside a line that NFC changed, where they
//!   map to the start of the changed stretch.
//!
//! Memory: the matching text (about the file's size), one entry per place
//! where the two offsets drift apart, and one offset per line; the file's
//! bytes are not kept.

use std::io::BufRead;
use std::path::Path;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::super::names::normalise;
use super::super::text::TextLines;
use crate::error::{Error, Result};

/// A paragraph: `[start, end)` in the matching text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paragraph {
    pub start: usize,
    pub end: usize,
    /// Index in [`Document::chapters`]; `None` before the first heading.
    pub chapter: Option<u32>,
}

/// A chapter heading.
#[derive(Debug, Clone)]
pub(crate) struct Chapter {
    /// The heading line, trimmed, whitespace collapsed.
    pub heading: String,
}

/// See the module docs.
#[derive(Debug, Default)]
pub(crate) struct Document {
    /// The matching text.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub chapters: Vec<Chapter>,
    /// (offset in the matching text, byte of the file) where a stretch that
    /// maps one to one begins.
    map: Vec<(usize, u64)>,
    /// Byte offset of each line's start; line `n` starts at `lines[n - 1]`.
    lines: Vec<u64>,
}

impl Document {
    /// Reads a prose file line by line (see the module docs): only the
    /// matching text is kept, not the file's bytes.
    ///
    /// # Errors
    /// A file that cannot be read, UTF-16 or invalid UTF-8 (with the line), a
    /// text of only whitespace.
    pub(crate) fn read(path: &Path, mut input: impl BufRead, chapters: Option<&Regex>) -> Result<Document> {
        let head = input.fill_buf().map_err(|e| Error::io(path, "cannot read", e))?;
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
            return Err(Error::data(path, Some(1), "is UTF-16 text, not UTF-8").with_hint("save the file as UTF-8"));
        }
        let mut b = Builder {
            doc: Document::default(),
            delta: None,
            pending: None,
            last_end: 0,
            para_start: None,
            chapter: None,
        };
        let mut lines = TextLines::new(path, input);
        let mut anything = false;
        while let Some((_, line_start, line)) = lines.next_line_at()? {
            b.doc.lines.push(line_start);
            if chapters.is_some_and(|re| re.is_match(line)) {
                anything = true;
                b.end_paragraph();
                b.chapter = Some(b.doc.chapters.len() as u32);
                b.doc.chapters.push(Chapter {
                    heading: normalise(line),
                });
                continue;
            }
            if line.chars().all(char::is_whitespace) {
                b.end_paragraph();
                continue;
            }
            anything = true;
            if b.para_start.is_some() && b.pending.is_none() {
                // The line break joins the lines with a space.
                b.pending = Some(b.last_end);
            }
            b.push_line(line, line_start);
        }
        if !anything {
            return Err(Error::data(path, None, "the text is empty (it holds only whitespace)")
                .with_hint("give a text file with the prose to read"));
        }
        b.end_paragraph();
        b.doc.text.shrink_to_fit();
        Ok(b.doc)
    }

    /// The file's byte offset of an offset in the matching text.
    pub(crate) fn byte(&self, at: usize) -> u64 {
        let i = self.map.partition_point(|&(v, _)| v <= at);
        if i == 0 {
            return at as u64;
        }
        let (v, o) = self.map[i - 1];
        let linear = o + (at - v) as u64;
        match self.map.get(i) {
            Some(&(_, next)) => linear.min(next),
            None => linear,
        }
    }

    /// The 1-based line holding a byte of the file.
    pub(crate) fn line_of_byte(&self, byte: u64) -> u64 {
        self.lines.partition_point(|&s| s <= byte).max(1) as u64
    }

    /// The first line, last line, first byte and end byte (exclusive) of
    /// `[start, end)` of the matching text (`end > start`).
    pub(crate) fn span(&self, start: usize, end: usize) -> (u64, u64, u64, u64) {
        let (first, last) = (self.byte(start), self.byte(end).max(self.byte(start) + 1));
        (self.line_of_byte(first), self.line_of_byte(last - 1), first, last)
    }

    /// `[start, end)` of the matching text for people: paragraph breaks as
    /// spaces, at most [`EXCERPT_CHARS`] characters: a longer one is cut
    /// between two words and ends with `…`.
    pub(crate) fn excerpt(&self, start: usize, end: usize) -> String {
        let slice = &self.text[start..end];
        let mut out = String::with_capacity(slice.len().min(EXCERPT_CHARS * 2));
        let mut chars = slice.chars();
        for c in chars.by_ref().take(EXCERPT_CHARS) {
            out.push(if c == '\n' { ' ' } else { c });
        }
        if chars.next().is_some() {
            // Longer: keep what fits before the `…`, cut between words when one is split.
            let next = out.pop();
            if next.is_some_and(|c| !c.is_whitespace())
                && let Some(space) = out.rfind([' ', '\n'])
                && space > out.len() / 2
            {
                out.truncate(space);
            }
            out.truncate(out.trim_end().len());
            out.push('…');
        }
        out
    }
}

/// The longest excerpt, in characters.
pub const EXCERPT_CHARS: usize = 160;

/// Builds a [`Document`] line by line.
struct Builder {
    doc: Document,
    /// The current stretch's file byte minus text offset.
    delta: Option<i64>,
    /// A run of whitespace to write as one space: the file byte where it began.
    pending: Option<u64>,
    /// The file byte just past the last character written.
    last_end: u64,
    /// Where the current paragraph began in the text.
    para_start: Option<usize>,
    chapter: Option<u32>,
}

impl Builder {
    /// Writes `c`, which stands for the file's bytes from `byte` on.
    fn push(&mut self, c: char, byte: u64) {
        let at = self.doc.text.len();
        let delta = byte as i64 - at as i64;
        if self.delta != Some(delta) {
            self.doc.map.push((at, byte));
            self.delta = Some(delta);
        }
        self.doc.text.push(c);
    }

    /// Writes a pending space, if any, before a character.
    fn flush_space(&mut self) {
        if let Some(byte) = self.pending.take()
            && self.para_start.is_some()
        {
            self.push(' ', byte);
        }
    }

    /// Starts a paragraph if none is open.
    fn open(&mut self) {
        if self.para_start.is_none() {
            if !self.doc.paragraphs.is_empty() || !self.doc.text.is_empty() {
                self.push('\n', self.last_end);
            }
            self.para_start = Some(self.doc.text.len());
            self.pending = None;
        }
    }

    fn end_paragraph(&mut self) {
        if let Some(start) = self.para_start.take() {
            self.doc.paragraphs.push(Paragraph {
                start,
                end: self.doc.text.len(),
                chapter: self.chapter,
            });
        }
        self.pending = None;
    }

    /// Writes a line of a paragraph that starts at byte `line_start` of the file.
    fn push_line(&mut self, line: &str, line_start: u64) {
        let nfc = line.is_ascii()
            || unicode_normalization::is_nfc_quick(line.chars()) == unicode_normalization::IsNormalized::Yes
            || unicode_normalization::is_nfc(line);
        if nfc {
            for (i, c) in line.char_indices() {
                self.push_char(c, line_start + i as u64, c.len_utf8());
            }
            return;
        }
        // NFC changes the line: normalise it in stretches that start at an
        // ASCII character (no character composes with one before it), each
        // mapped to its start.
        let mut from = 0;
        let bytes = line.as_bytes();
        for to in (1..=line.len()).filter(|&i| i == line.len() || bytes[i].is_ascii()) {
            let stretch = &line[from..to];
            let byte = line_start + from as u64;
            let composed: String = stretch.nfc().collect();
            let n = composed.chars().count();
            for (k, c) in composed.chars().enumerate() {
                let len = if k + 1 == n { stretch.len() } else { 0 };
                self.push_char(c, byte, len);
            }
            from = to;
        }
    }

    /// Writes one character of a paragraph, standing for `len` bytes of the file from `byte`.
    fn push_char(&mut self, c: char, byte: u64, len: usize) {
        if c.is_whitespace() {
            if self.para_start.is_some() && self.pending.is_none() {
                self.pending = Some(byte);
            }
            return;
        }
        self.open();
        self.flush_space();
        self.push(c, byte);
        self.last_end = byte + len as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, chapters: Option<&str>) -> Document {
        let re = chapters.map(|p| Regex::new(p).unwrap());
        Document::read(Path::new("t.txt"), text.as_bytes(), re.as_ref()).unwrap()
    }

    #[test]
    fn paragraphs_and_collapsed_whitespace() {
        let text = "  Carly met\r\n  Mr.\tPark.  \n\n\nVanessa  left.\n";
        let d = doc(text, None);
        assert_eq!(d.text, "Carly met Mr. Park.\nVanessa left.");
        assert_eq!(d.paragraphs.len(), 2);
        let park = d.text.find("Park").unwrap();
        assert_eq!(&text[d.byte(park) as usize..][..4], "Park");
        let v = d.text.find("Vanessa").unwrap();
        assert_eq!(d.byte(v), text.find("Vanessa").unwrap() as u64);
        assert_eq!(d.span(v, d.text.len()), (5, 5, 29, 43));
        assert_eq!(d.span(0, park + 4), (1, 2, 2, 23));
        assert_eq!(d.excerpt(0, d.text.len()), "Carly met Mr. Park. Vanessa left.");
    }

    #[test]
    fn nfc_lines_map_to_their_stretches() {
        let text = "Zoe\u{308} met Carly.";
        let d = doc(text, None);
        assert_eq!(d.text, "Zoë met Carly.");
        let carly = d.text.find("Carly").unwrap();
        assert_eq!(d.byte(carly), text.find("Carly").unwrap() as u64);
        assert_eq!(d.byte(0), 0);
    }

    #[test]
    fn chapters_split_paragraphs_and_are_not_prose() {
        let d = doc(
            "Front.\nCHAPTER I\nCarly.\nCHAPTER II\n\nSasha.\n",
            Some("^CHAPTER [IVX]+"),
        );
        assert_eq!(d.text, "Front.\nCarly.\nSasha.");
        let chapters: Vec<Option<u32>> = d.paragraphs.iter().map(|p| p.chapter).collect();
        assert_eq!(chapters, [None, Some(0), Some(1)]);
        assert_eq!(d.chapters[1].heading, "CHAPTER II");
    }

    #[test]
    fn bom_errors_and_excerpts() {
        let d = doc("\u{feff}Carly", None);
        assert_eq!((d.byte(0), d.span(0, 5)), (3, (1, 1, 3, 8)));
        let err = |b: &[u8]| Document::read(Path::new("t.txt"), b, None).unwrap_err().to_string();
        assert_eq!(
            err(b" \n\t\n"),
            "t.txt: the text is empty (it holds only whitespace) (give a text file with the prose to read)"
        );
        assert!(err(b"ok\nbad \xff\n").starts_with("t.txt: line 2: is not valid UTF-8"));
        assert!(err(b"\xff\xfeC\x00").starts_with("t.txt: line 1: is UTF-16 text"));
        let long = doc(&"word ".repeat(100), None);
        let e = long.excerpt(0, long.text.len());
        assert_eq!(e.chars().count(), 160);
        assert!(e.ends_with("word…"));
        let long = doc(&"words ".repeat(100), None);
        let e = long.excerpt(0, long.text.len());
        assert!(e.ends_with(" words…") && e.chars().count() <= 160, "{e}");
        let one = doc(&"x".repeat(300), None);
        assert_eq!(one.excerpt(0, 300).chars().count(), 160);
    }
}
