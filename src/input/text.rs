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
}

impl<'p, R: BufRead> TextLines<'p, R> {
    pub(crate) fn new(path: &'p Path, input: R) -> Self {
        TextLines {
            path,
            input,
            buf: Vec::with_capacity(256),
            number: 0,
        }
    }

    /// The next line and its 1-based number, or `None` at the end of the input.
    pub(crate) fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
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
