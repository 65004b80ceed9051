//! The CSV side of the readers: opening a file, reading and checking its
//! header, finding columns (one wording for a missing column), and turning
//! the csv crate's errors into messages that name the file and line.

use std::io::{self, Read};
use std::path::Path;

use crate::error::{Error, Result};
use crate::util::stdin::Input;
use crate::util::wording::{Setting, msg};

/// Opens an input file (or the standard input for `-`) for buffered
/// reading, refusing directories.
pub(crate) fn open(path: &Path) -> Result<Input> {
    let input = Input::open(path).map_err(|e| open_error(path, e))?;
    if input.is_dir() {
        return Err(Error::data(path, None, "is a directory, not a scene file").with_hint("give the path of a file"));
    }
    Ok(input)
}

/// The error for a file that cannot be opened, with a hint for the common cases.
pub(crate) fn open_error(path: &Path, e: io::Error) -> Error {
    let hint = match e.kind() {
        io::ErrorKind::NotFound => "check the path",
        io::ErrorKind::PermissionDenied => "check the file's permissions",
        _ => "check the path",
    };
    Error::io(path, "cannot open", e).with_hint(hint)
}

/// A CSV file with its header read: the reader of the scene formats' CSV
/// files. It finds columns by name (one wording for a missing column),
/// reads records with their line numbers, checks that the columns a reader
/// uses are UTF-8, and at the end that no quote was left open.
pub(crate) struct CsvTable<'p, R> {
    path: &'p Path,
    reader: csv::Reader<Counting<R>>,
    tracker: Tracker,
    /// The header's names, trimmed, a byte-order mark dropped.
    names: Vec<String>,
    /// The columns whose fields must be valid UTF-8.
    used: Vec<usize>,
    record: csv::ByteRecord,
    /// The last record's line and whether it spans lines.
    last: (u64, bool),
}

/// One record of a [`CsvTable`].
pub(crate) struct Row<'r> {
    /// The 1-based line the record starts on.
    pub line: u64,
    record: &'r csv::ByteRecord,
    text: &'r str,
}

impl<'r> Row<'r> {
    /// Field `i`, untrimmed (`None` past the end of the record).
    pub(crate) fn get(&self, i: usize) -> Option<&'r str> {
        // `get` and not indexing: a character split across two fields passes
        // the whole-record UTF-8 check (found by fuzzing); the used columns
        // were checked to start and end on character boundaries.
        self.record.range(i).and_then(|r| self.text.get(r))
    }

    /// Field `i` trimmed, `None` when absent or empty.
    pub(crate) fn value(&self, i: usize) -> Option<&'r str> {
        self.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Field `i` trimmed, `""` when absent.
    pub(crate) fn text(&self, i: usize) -> &'r str {
        self.get(i).map_or("", str::trim)
    }
}

impl<'p, R: Read> CsvTable<'p, R> {
    /// Reads the header of a CSV file (records of a fixed length).
    pub(crate) fn start(path: &'p Path, input: R) -> Result<Self> {
        let tracker = Tracker::default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(tracker.wrap(input));
        let names = header_names(path, &mut reader, &tracker)?;
        Ok(CsvTable {
            path,
            reader,
            tracker,
            names,
            used: Vec::new(),
            record: csv::ByteRecord::new(),
            last: (0, false),
        })
    }

    /// The header's column names.
    pub(crate) fn names(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    /// The position of column `wanted` (ignoring ASCII case), refusing a
    /// header that has it twice; the column's fields will be checked.
    pub(crate) fn column(&mut self, wanted: &str) -> Result<Option<usize>> {
        let found = find_column(self.path, Some(1), &self.names(), wanted)?;
        self.used.extend(found);
        Ok(found)
    }

    /// The position of a column the format needs, or the error naming it,
    /// the columns found and `hint`.
    pub(crate) fn require(&mut self, wanted: &str, shown_as: &str, hint: &'static str) -> Result<usize> {
        match self.column(wanted)? {
            Some(i) => Ok(i),
            None => Err(missing_column(self.path, Some(1), &self.names(), shown_as, hint)),
        }
    }

    /// The positions of the columns a caller asked for, in order.
    pub(crate) fn columns(&mut self, requested: &[String]) -> Result<Vec<usize>> {
        let found = resolve_columns(self.path, requested, &self.names())?;
        self.used.extend(found.iter().copied());
        Ok(found)
    }

    /// The next record, or `None` at the end of the file.
    pub(crate) fn next_row(&mut self) -> Result<Option<Row<'_>>> {
        let path = self.path;
        let tracker = &self.tracker;
        if !self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(path, e, tracker))?
        {
            return Ok(None);
        }
        let record = &self.record;
        let line = record.position().map_or(0, |p| tracker.line_at(p.byte()));
        self.last = (line, record.as_slice().iter().any(|&b| b == b'\n' || b == b'\r'));
        // Validate the whole record at once: cheaper than field by field.
        let text = std::str::from_utf8(record.as_slice()).map_err(|_| not_utf8(path, line))?;
        let row = Row { line, record, text };
        for &i in &self.used {
            if record.range(i).is_some() && row.get(i).is_none() {
                return Err(not_utf8(path, line));
            }
        }
        Ok(Some(row))
    }

    /// Checks the end of the file: no quote left open.
    pub(crate) fn finish(self) -> Result<()> {
        self.tracker.check(self.path, self.last)
    }
}

impl<R: Read> super::table::Table for CsvTable<'_, R> {
    type Row<'r>
        = Row<'r>
    where
        Self: 'r;

    fn path(&self) -> &Path {
        self.path
    }

    fn container(&self) -> super::table::Container {
        super::table::Container::Csv
    }

    fn names(&self) -> Vec<&str> {
        CsvTable::names(self)
    }

    fn header_line(&self) -> Option<u64> {
        Some(1)
    }

    fn column(&mut self, wanted: &str) -> Result<Option<usize>> {
        CsvTable::column(self, wanted)
    }

    fn columns(&mut self, requested: &[String]) -> Result<Vec<usize>> {
        CsvTable::columns(self, requested)
    }

    fn next_row(&mut self) -> Result<Option<Row<'_>>> {
        CsvTable::next_row(self)
    }

    fn finish(self) -> Result<()> {
        CsvTable::finish(self)
    }
}

impl<'r> super::table::Fields<'r> for Row<'r> {
    fn line(&self) -> u64 {
        self.line
    }

    fn get(&self, i: usize) -> Option<&'r str> {
        Row::get(self, i)
    }

    fn value(&self, i: usize) -> Option<&'r str> {
        Row::value(self, i)
    }

    fn text(&self, i: usize) -> &'r str {
        Row::text(self, i)
    }
}

/// The columns a header has, for messages: "columns found: `a`, `b`".
pub(crate) fn columns_found<S: AsRef<str>>(names: &[S]) -> String {
    let listed: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    format!("columns found: {}", listed.join(", "))
}

/// The error for a header (at line `header`: a CSV file's 1) without the
/// column a format needs.
pub(crate) fn missing_column<S: AsRef<str>>(
    path: &Path,
    header: Option<u64>,
    found: &[S],
    column: &str,
    hint: &'static str,
) -> Error {
    Error::data(path, header, format!("no `{column}` column ({})", columns_found(found))).with_hint(hint)
}

/// Finds each requested column among a file's `available` columns (ignoring
/// ASCII case), or fails naming the column and listing those available.
pub(crate) fn resolve_columns(path: &Path, requested: &[String], available: &[&str]) -> Result<Vec<usize>> {
    requested
        .iter()
        .map(|want| {
            available
                .iter()
                .position(|a| a.trim().eq_ignore_ascii_case(want.trim()))
                .ok_or_else(|| {
                    Error::data(path, None, format!("no column `{want}` ({})", columns_found(available))).with_hint(
                        msg![
                            "check the column name given to ",
                            Setting::Where,
                            ", ",
                            Setting::Weight,
                            " or ",
                            Setting::By
                        ],
                    )
                })
        })
        .collect()
}

/// What a CSV reader has read so far, watched as the bytes pass: the `"`
/// bytes, and where lines end.
///
/// * **Quotes.** RFC 4180 quoting always pairs them; a quote that is opened
///   and never closed makes the csv crate read the rest of the file as one
///   field, silently. An odd count, with a last record that spans lines, is
///   that case, and is reported ([`Tracker::check`]).
/// * **Lines.** The csv crate counts lines by `\n` and takes a record's
///   position before the `\n` of a CRLF line end, so in a file saved by
///   Excel (CRLF) every line number it gives is one too low, and in a file
///   with bare CR line ends every line is "line 1". Line ends are found here
///   instead — LF, CRLF (one end) and a CR alone — and a record's line is one
///   more than the line ends at or before its position ([`Tracker::line_at`]).
#[derive(Default, Clone)]
pub(crate) struct Tracker(std::rc::Rc<std::cell::RefCell<Watch>>);

#[derive(Default)]
struct Watch {
    quotes: u64,
    /// Byte offsets of line ends not yet passed by [`Tracker::line_at`].
    ends: std::collections::VecDeque<u64>,
    /// Bytes seen so far.
    offset: u64,
    /// A CR ended the last chunk: a line end unless the next byte is LF.
    cr_pending: Option<u64>,
    /// Line ends passed.
    passed: u64,
}

impl Tracker {
    /// `input`, watched by `self`.
    pub(crate) fn wrap<R: Read>(&self, input: R) -> Counting<R> {
        Counting {
            inner: input,
            watch: self.0.clone(),
        }
    }

    /// The 1-based line of the record (or error) at byte `at`. Calls must
    /// come with positions that never decrease.
    pub(crate) fn line_at(&self, at: u64) -> u64 {
        let mut w = self.0.borrow_mut();
        while w.ends.front().is_some_and(|&end| end <= at) {
            w.ends.pop_front();
            w.passed += 1;
        }
        if w.cr_pending.is_some_and(|cr| cr < at) {
            // A CR before `at`, its follower not read yet: counted when settled.
            return w.passed + 2;
        }
        w.passed + 1
    }

    /// Fails when the last record (`line`, spans lines) holds an unclosed quote.
    pub(crate) fn check(&self, path: &Path, (line, multiline): (u64, bool)) -> Result<()> {
        if self.0.borrow().quotes % 2 == 1 && multiline {
            return Err(
                Error::data(path, Some(line), "a quoted field opened here is never closed")
                    .with_hint("close the quote; inside a quoted field, write a quote as two: \"\""),
            );
        }
        Ok(())
    }
}

/// A reader whose bytes a [`Tracker`] watches.
pub(crate) struct Counting<R> {
    inner: R,
    watch: std::rc::Rc<std::cell::RefCell<Watch>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut w = self.watch.borrow_mut();
        let base = w.offset;
        let bytes = &buf[..n];
        if let (Some(cr), Some(&first)) = (w.cr_pending, bytes.first()) {
            if first != b'\n' {
                w.ends.push_back(cr);
            }
            w.cr_pending = None;
        }
        let mut quotes = 0u64;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'"' => quotes += 1,
                b'\n' => w.ends.push_back(base + i as u64),
                b'\r' => match bytes.get(i + 1) {
                    Some(b'\n') => {}
                    Some(_) => w.ends.push_back(base + i as u64),
                    None => w.cr_pending = Some(base + i as u64),
                },
                _ => {}
            }
        }
        w.quotes += quotes;
        w.offset += n as u64;
        Ok(n)
    }
}

/// Reads and decodes a CSV header row (dropping a UTF-8 byte-order mark),
/// refusing an empty file.
pub(crate) fn header_names<R: Read>(
    path: &Path,
    reader: &mut csv::Reader<R>,
    tracker: &Tracker,
) -> Result<Vec<String>> {
    let headers = reader.byte_headers().map_err(|e| csv_error(path, e, tracker))?.clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
        return Err(Error::data(path, None, "the file is empty")
            .with_hint("a scene file needs a header row and one row per scene"));
    }
    if headers[0].starts_with(b"PAR1") {
        return Err(Error::data(path, None, "is a Parquet file, not CSV").with_hint(msg![
            "leave the format to detection, or give a Parquet one with ",
            Setting::InputFormat,
            " (wide-parquet, long-parquet or edgelist-parquet)"
        ]));
    }
    if headers[0].starts_with(b"\xFF\xFE") || headers[0].starts_with(b"\xFE\xFF") {
        return Err(Error::data(path, Some(1), "is UTF-16 text, not UTF-8")
            .with_hint("save the file as UTF-8, e.g. \"CSV UTF-8\" in a spreadsheet"));
    }
    let mut names = Vec::with_capacity(headers.len());
    for (i, raw) in headers.iter().enumerate() {
        let raw = if i == 0 {
            raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
        } else {
            raw
        };
        let name = std::str::from_utf8(raw).map_err(|_| not_utf8(path, 1))?;
        names.push(name.trim().to_string());
    }
    Ok(names)
}

/// The position of column `wanted` (ignoring ASCII case), refusing a header
/// (at line `header`: a CSV file's 1) that has it twice.
pub(crate) fn find_column(path: &Path, header: Option<u64>, names: &[&str], wanted: &str) -> Result<Option<usize>> {
    let mut found = names.iter().enumerate().filter(|(_, n)| n.eq_ignore_ascii_case(wanted));
    let first = found.next().map(|(i, _)| i);
    if found.next().is_some() {
        let what = if header.is_some() { "the header" } else { "the file" };
        return Err(Error::data(path, header, format!("{what} has two `{wanted}` columns"))
            .with_hint("rename or remove one of them"));
    }
    Ok(first)
}

pub(crate) fn not_utf8(path: &Path, line: u64) -> Error {
    Error::data(path, Some(line), "is not valid UTF-8")
        .with_hint("save the file as UTF-8, e.g. \"CSV UTF-8\" in a spreadsheet")
}

/// A csv crate error as a message naming the file and the line (found by
/// `tracker`, not by the csv crate: see [`Tracker`]).
pub(crate) fn csv_error(path: &Path, e: csv::Error, tracker: &Tracker) -> Error {
    let line = e.position().map(|p| tracker.line_at(p.byte()));
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, "cannot read", io),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Error::data(
            path,
            line,
            format!("malformed CSV: the row has {len} fields but the header has {expected_len}"),
        )
        .with_hint("quote fields that contain commas, e.g. \"Smith, John\""),
        csv::ErrorKind::Utf8 { pos, .. } => not_utf8(path, pos.map_or(0, |p| tracker.line_at(p.byte()))),
        other => Error::data(path, line, format!("malformed CSV: {other:?}")),
    }
}
