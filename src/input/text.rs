//! Line-by-line text input, shared by the readers of line formats (the
//! GraphBase books, ezlinavis lists).

use std::io::BufRead;
use std::path::Path;

use crate::error::{Error, Result};

/// `text` with every run of whitespace (line breaks included) made one
/// space, and none at either end.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lines of a text file, read as bytes one at a time so that a line that is
/// not UTF-8 can be reported by number. A line ends at LF, CRLF or a CR
/// alone (old Mac files), so line numbers are right whatever the editor;
/// the ending is stripped, and on line 1 a byte-order mark. Each line also
/// comes with the byte offset of its text in the file.
pub(crate) struct TextLines<'p, R> {
    path: &'p Path,
    input: R,
    /// The last chunk read (up to a LF or the end of the input)...
    buf: Vec<u8>,
    /// ...of which the lines before this offset were given out.
    start: usize,
    /// Bytes of the file before `buf`.
    chunk_offset: u64,
    number: u64,
}

impl<'p, R: BufRead> TextLines<'p, R> {
    pub(crate) fn new(path: &'p Path, input: R) -> Self {
        TextLines {
            path,
            input,
            buf: Vec::with_capacity(256),
            start: 0,
            chunk_offset: 0,
            number: 0,
        }
    }

    /// The next line and its 1-based number, or `None` at the end of the input.
    pub(crate) fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        Ok(self.next_line_at()?.map(|(number, _, text)| (number, text)))
    }

    /// The next line with its 1-based number and the byte offset of its text
    /// in the file (past a byte-order mark), or `None` at the end of the input.
    pub(crate) fn next_line_at(&mut self) -> Result<Option<(u64, u64, &str)>> {
        if self.start >= self.buf.len() {
            self.chunk_offset += self.buf.len() as u64;
            self.buf.clear();
            self.start = 0;
            let n = self
                .input
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| Error::io(self.path, "cannot read", e))?;
            if n == 0 {
                return Ok(None);
            }
        }
        let line_start = self.start;
        let rest = &self.buf[line_start..];
        // A CR ends the line unless a LF follows it (CRLF is one ending).
        let end = rest
            .iter()
            .enumerate()
            .position(|(i, &b)| b == b'\n' || (b == b'\r' && rest.get(i + 1) != Some(&b'\n')));
        let (mut bytes, used) = match end {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        self.start += used;
        self.number += 1;
        let mut offset = self.chunk_offset + line_start as u64;
        if self.number == 1
            && let Some(after) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        {
            bytes = after;
            offset += 3;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some((self.number, offset, text))),
            Err(_) => {
                Err(Error::data(self.path, Some(self.number), "is not valid UTF-8").with_hint("save the file as UTF-8"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8]) -> Vec<(u64, String)> {
        let mut t = TextLines::new(Path::new("t.txt"), text);
        let mut out = Vec::new();
        while let Some((n, line)) = t.next_line().unwrap() {
            out.push((n, line.to_string()));
        }
        out
    }

    #[test]
    fn every_line_ending_counts_once() {
        let want = vec![(1, "a".to_string()), (2, String::new()), (3, "b".to_string())];
        assert_eq!(lines(b"a\n\nb\n"), want);
        assert_eq!(lines(b"a\r\n\r\nb\r\n"), want);
        assert_eq!(lines(b"a\r\rb\r"), want);
        assert_eq!(lines(b"\xEF\xBB\xBFa\n\r\nb"), want);
    }
}
