//! The library's error type.
//!
//! Every error names the file it is about, the line when one is known, the
//! problem, and (where there is one) what to do about it, so that the binary
//! can print it as a single line for a person to read. Problems and hints
//! are [`Message`]s: they name settings without knowing how the caller
//! spells them, and [`Error::render`] words them (`Display` uses the
//! library's own [`Plain`] wording).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::util::wording::{Message, Plain, Wording};

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while reading scenes, loading or saving a graph,
/// or writing an export.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The contents of an input or graph file are wrong.
    #[error("{}", self.render(&Plain))]
    Data {
        /// The file the problem is in.
        path: PathBuf,
        /// 1-based line number, when the problem is on one line (a row
        /// number when [`numbering`](Numbering) says so).
        line: Option<u64>,
        /// 1-based column (in characters), when known (XML input).
        column: Option<u64>,
        /// Whether `line` counts lines (text files) or rows (Parquet).
        numbering: Numbering,
        /// What is wrong.
        problem: Message,
        /// What the user can do about it.
        hint: Option<Message>,
    },
    /// The operating system refused a read or a write.
    #[error("{}", self.render(&Plain))]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What we were doing, e.g. "cannot open".
        action: &'static str,
        /// The underlying error.
        #[source]
        source: io::Error,
        /// What the user can do about it.
        hint: Option<Message>,
    },
    /// A request that cannot be carried out on this graph (unknown name, bad option value...).
    #[error("{}", self.render(&Plain))]
    Invalid(Message),
}

impl Error {
    /// A problem in a file's contents.
    pub fn data(path: &Path, line: Option<u64>, problem: impl Into<Message>) -> Self {
        Error::Data {
            path: path.to_path_buf(),
            line,
            column: None,
            numbering: Numbering::Line,
            problem: problem.into(),
            hint: None,
        }
    }

    /// A problem in row `row` (from 1) of a table that numbers rows, not
    /// lines (Parquet): `file: row 12: problem`.
    pub fn data_row(path: &Path, row: u64, problem: impl Into<Message>) -> Self {
        Error::data(path, Some(row), problem).in_rows(path)
    }

    /// [`in_rows`](Self::in_rows) when `rows` is true.
    pub fn in_rows_if(self, rows: bool, path: &Path) -> Self {
        if rows { self.in_rows(path) } else { self }
    }

    /// The same error, its place in `path` counted in rows instead of lines
    /// (for the messages of a file that numbers rows, written by code that
    /// speaks of lines). Errors about other files are left as they are.
    pub fn in_rows(mut self, path: &Path) -> Self {
        if let Error::Data { path: p, numbering, .. } = &mut self
            && p == path
        {
            *numbering = Numbering::Row;
        }
        self
    }

    /// A problem at a line and column of a file (XML input).
    pub fn data_at(path: &Path, line: u64, column: u64, problem: impl Into<Message>) -> Self {
        Error::Data {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            numbering: Numbering::Line,
            problem: problem.into(),
            hint: None,
        }
    }

    /// Adds (or replaces) the hint of a `Data` or `Io` error.
    pub fn with_hint(mut self, text: impl Into<Message>) -> Self {
        match &mut self {
            Error::Data { hint, .. } | Error::Io { hint, .. } => *hint = Some(text.into()),
            Error::Invalid(_) => {}
        }
        self
    }

    /// An I/O failure on `path` while doing `action`.
    pub fn io(path: &Path, action: &'static str, source: io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            action,
            source,
            hint: None,
        }
    }

    /// A request that cannot be carried out.
    pub fn invalid(problem: impl Into<Message>) -> Self {
        Error::Invalid(problem.into())
    }

    /// The error as one line, with settings named by `wording`:
    /// `file: line 3: problem (hint)`.
    pub fn render(&self, wording: &dyn Wording) -> String {
        let hint = |h: &Option<Message>| {
            h.as_ref()
                .map(|h| format!(" ({})", h.render(wording)))
                .unwrap_or_default()
        };
        match self {
            Error::Data {
                path,
                line,
                column,
                numbering,
                problem,
                hint: h,
            } => format!(
                "{}{}: {}{}",
                path.display(),
                Line(*line, *column, *numbering),
                problem.render(wording),
                hint(h)
            ),
            Error::Io {
                path,
                action,
                source,
                hint: h,
            } => format!("{}: {action}: {}{}", path.display(), IoText(source), hint(h)),
            Error::Invalid(m) => m.render(wording),
        }
    }

    /// True when the error is a write into a closed pipe (`graph export | head`),
    /// which a command-line tool treats as success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// How a file's records are numbered in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numbering {
    /// By line, from 1 (text files: CSV, XML, scripts...).
    #[default]
    Line,
    /// By row, from 1 (Parquet tables, which have no lines).
    Row,
}

impl Numbering {
    /// `line` or `row`.
    pub fn word(self) -> &'static str {
        match self {
            Numbering::Line => "line",
            Numbering::Row => "row",
        }
    }
}

/// `: line 3`, `: line 3, column 7` or `: row 3`.
struct Line(Option<u64>, Option<u64>, Numbering);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = self.2.word();
        match (self.0, self.1) {
            (Some(n), Some(c)) => write!(f, ": {word} {n}, column {c}"),
            (Some(n), None) => write!(f, ": {word} {n}"),
            _ => Ok(()),
        }
    }
}

/// io::Error's text without the "(os error 2)" suffix, lower-cased like the rest of the line.
struct IoText<'a>(&'a io::Error);

impl fmt::Display for IoText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self.0.kind() {
            io::ErrorKind::NotFound => "no such file or directory".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::IsADirectory => "is a directory, not a file".to_string(),
            _ => {
                let s = self.0.to_string();
                match s.find(" (os error") {
                    Some(i) => s[..i].to_string(),
                    None => s,
                }
            }
        };
        let mut chars = text.chars();
        match chars.next() {
            Some(c) => write!(f, "{}{}", c.to_lowercase(), chars.as_str()),
            None => Ok(()),
        }
    }
}
