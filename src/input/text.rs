//! Line-by-line text input, shared by the readers of line formats (the
//! GraphBase books, ezlinavis lists).

use std::io::BufRead;
use std::path::Path;

use crate::error::{Error, Result};

/// Lines of a text file, read as bytes one at a time so that a line that is
/// not UTF-8 can be reported by number. Strips the line ending (LF or CRLF)
/// and, on line 1, a byte-order mark.
pub(crate) struct TextLines<'p, R> {
    path: &'p Path,
    input: R,
    buf: Vec<u8>,
    number: u64,
    /// Bytes of the file before the last line's text (its start, plus a byte-order mark).
    start: u64,
    /// Bytes of the file read so far.
    read: u64,
}

impl<'p, R: BufRead> TextLines<'p, R> {
    pub(crate) fn new(path: &'p Path, input: R) -> Self {
        TextLines {
            path,
            input,
            buf: Vec::with_capacity(256),
            number: 0,
            start: 0,
            read: 0,
        }
    }

    /// The next line and its 1-based number, or `None` at the end of the input.
    pub(crate) fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        Ok(self.next_line_at()?.map(|(number, _, text)| (number, text)))
    }

    /// The next line with its 1-based number and the byte offset of its text
    /// in the file (past a byte-order mark), or `None` at the end of the input.
    pub(crate) fn next_line_at(&mut self) -> Result<Option<(u64, u64, &str)>> {
        self.buf.clear();
        let n = self
            .input
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| Error::io(self.path, "cannot read", e))?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        self.start = self.read;
        self.read += n as u64;
        let mut bytes = self.buf.as_slice();
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if self.number == 1
            && let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        {
            bytes = rest;
            self.start += 3;
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some((self.number, self.start, text))),
            Err(_) => {
                Err(Error::data(self.path, Some(self.number), "is not valid UTF-8").with_hint("save the file as UTF-8"))
            }
        }
    }
}
