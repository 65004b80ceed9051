//! `-` as a file name: the standard input, for every reader.
//!
//! The standard input is read whole the first time it is asked for and kept,
//! so that a reader can open it more than once (format detection reads the
//! start of a file, then the reader reads it all) and several readers of one
//! command can share it.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::OnceLock;

/// True for the file name `-`.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The whole standard input (read on first use).
///
/// # Errors
/// When the standard input cannot be read.
pub fn bytes() -> io::Result<&'static [u8]> {
    static INPUT: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();
    let read = INPUT.get_or_init(|| {
        let mut all = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut all)
            .map(|_| all)
            .map_err(|e| e.to_string())
    });
    match read {
        Ok(all) => Ok(all.as_slice()),
        Err(e) => Err(io::Error::other(e.clone())),
    }
}

/// A file or the standard input, opened for buffered reading.
pub enum Input {
    /// A file.
    File(BufReader<File>),
    /// The standard input, from its start.
    Stdin(io::Cursor<&'static [u8]>),
}

impl Input {
    /// Opens `path`, or the standard input for `-`.
    ///
    /// # Errors
    /// Those of opening the file or reading the standard input.
    pub fn open(path: &Path) -> io::Result<Input> {
        if is_stdin(path) {
            return Ok(Input::Stdin(io::Cursor::new(bytes()?)));
        }
        Ok(Input::File(BufReader::with_capacity(1 << 16, File::open(path)?)))
    }

    /// The size in bytes (0 when unknown).
    pub fn size(&self) -> u64 {
        match self {
            Input::File(f) => f.get_ref().metadata().map_or(0, |m| m.len()),
            Input::Stdin(c) => c.get_ref().len() as u64,
        }
    }

    /// True when this is a directory (which opens on Unix but cannot be read).
    pub fn is_dir(&self) -> bool {
        match self {
            Input::File(f) => f.get_ref().metadata().is_ok_and(|m| m.is_dir()),
            Input::Stdin(_) => false,
        }
    }
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Input::File(f) => f.read(buf),
            Input::Stdin(c) => c.read(buf),
        }
    }
}

impl BufRead for Input {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Input::File(f) => f.fill_buf(),
            Input::Stdin(c) => c.fill_buf(),
        }
    }

    fn consume(&mut self, amount: usize) {
        match self {
            Input::File(f) => f.consume(amount),
            Input::Stdin(c) => c.consume(amount),
        }
    }
}
