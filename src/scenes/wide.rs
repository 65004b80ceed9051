//! The wide scene CSV: one row a scene, a `characters` column listing the
//! characters present, separated by `;`.
//!
//! The file is UTF-8 with a header row; a leading byte-order mark is ignored,
//! CRLF and LF line endings both work and fields follow RFC 4180 quoting, so
//! names may contain commas and quotes. Optional `episode` and `scene` columns
//! identify the scene; other columns are allowed and ignored. Header names are
//! matched after trimming, ignoring ASCII case.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::{ReadOptions, ReadSummary, Scene, resolve_columns, split_names};
use crate::error::{Error, Result};

/// The name of the required column.
pub const CHARACTERS: &str = "characters";

/// Reads a wide scene CSV from `path`, calling `on_scene` for every row.
pub fn read_path(path: &Path, opts: &ReadOptions, on_scene: impl FnMut(Scene<'_>)) -> Result<ReadSummary> {
    read(path, open(path)?, opts, on_scene)
}

/// Opens an input file for buffered reading, refusing directories.
pub(crate) fn open(path: &Path) -> Result<io::BufReader<File>> {
    let file = File::open(path).map_err(|e| open_error(path, e))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::data(path, None, "is a directory, not a scene file").with_hint("give the path of a file"));
    }
    Ok(io::BufReader::with_capacity(1 << 16, file))
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

/// Reads a wide scene CSV from any reader; `path` is only used in messages.
pub fn read<R: Read>(
    path: &Path,
    input: R,
    opts: &ReadOptions,
    mut on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let quotes = QuoteCount::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(quotes.wrap(input));
    let names = header_names(path, &mut reader)?;
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let find = |wanted: &str| find_column(path, &refs, wanted);
    let Some(characters) = find(CHARACTERS)? else {
        let listed = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        return Err(Error::data(
            path,
            Some(1),
            format!("no `characters` column (columns found: {listed})"),
        )
        .with_hint("add a `characters` column listing each scene's characters separated by `;`"));
    };
    let episode = find("episode")?;
    let scene = find("scene")?;
    let wanted = resolve_columns(path, &opts.columns, &refs)?;

    let mut record = csv::ByteRecord::new();
    let mut count = 0u64;
    let mut last = (0u64, false);
    while reader.read_byte_record(&mut record).map_err(|e| csv_error(path, e))? {
        let line = record.position().map_or(0, |p| p.line());
        last = (line, record.as_slice().contains(&b'\n'));
        // Validate the whole record at once: cheaper than field by field.
        let text = std::str::from_utf8(record.as_slice()).map_err(|_| not_utf8(path, line))?;
        // Fields are validated as a whole record; a field must also start and
        // end on character boundaries (one character split across two fields
        // passes the whole-record check: found by fuzzing).
        let field = |i: usize| record.range(i).and_then(|r| text.get(r));
        let used = [Some(characters), episode, scene]
            .into_iter()
            .flatten()
            .chain(wanted.iter().copied());
        for i in used {
            if record.range(i).is_some() && field(i).is_none() {
                return Err(not_utf8(path, line));
            }
        }
        let mut list = Vec::with_capacity(8);
        split_names(field(characters).unwrap_or(""), opts.separator, &mut list);
        let columns: Vec<Option<&str>> = wanted
            .iter()
            .map(|&i| field(i).map(str::trim).filter(|v| !v.is_empty()))
            .collect();
        on_scene(Scene {
            line,
            episode: episode.and_then(field).map(str::trim),
            scene: scene.and_then(field).map(str::trim),
            characters: &list,
            columns: &columns,
            weight: None,
        });
        count += 1;
    }
    quotes.check(path, last)?;
    if count == 0 {
        return Err(Error::data(path, None, "has a header row but no scenes")
            .with_hint("add one row per scene below the header"));
    }
    Ok(ReadSummary {
        format: "wide CSV",
        scenes: count,
    })
}

/// Counts the `"` bytes a CSV reader reads. RFC 4180 quoting always pairs
/// them; a quote that is opened and never closed makes the csv crate read
/// the rest of the file as one field, silently. An odd count, with a last
/// record that spans lines, is that case, and is reported.
#[derive(Default, Clone)]
pub(crate) struct QuoteCount(std::rc::Rc<std::cell::Cell<u64>>);

impl QuoteCount {
    /// `input`, counting its quotes into `self`.
    pub(crate) fn wrap<R: Read>(&self, input: R) -> Counting<R> {
        Counting {
            inner: input,
            quotes: self.0.clone(),
        }
    }

    /// Fails when the last record (`line`, spans lines) holds an unclosed quote.
    pub(crate) fn check(&self, path: &Path, (line, multiline): (u64, bool)) -> Result<()> {
        if self.0.get() % 2 == 1 && multiline {
            return Err(
                Error::data(path, Some(line), "a quoted field opened here is never closed")
                    .with_hint("close the quote; inside a quoted field, write a quote as two: \"\""),
            );
        }
        Ok(())
    }
}

/// A reader that counts the `"` bytes passing through.
pub(crate) struct Counting<R> {
    inner: R,
    quotes: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let found = buf[..n].iter().filter(|&&b| b == b'"').count() as u64;
        self.quotes.set(self.quotes.get() + found);
        Ok(n)
    }
}

/// Reads and decodes a CSV header row (dropping a UTF-8 byte-order mark),
/// refusing an empty file.
pub(crate) fn header_names<R: Read>(path: &Path, reader: &mut csv::Reader<R>) -> Result<Vec<String>> {
    let headers = reader.byte_headers().map_err(|e| csv_error(path, e))?.clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
        return Err(Error::data(path, None, "the file is empty")
            .with_hint("a scene file needs a header row and one row per scene"));
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

/// The position of column `wanted` (ignoring ASCII case), refusing a header that has it twice.
pub(crate) fn find_column(path: &Path, names: &[&str], wanted: &str) -> Result<Option<usize>> {
    let mut found = names.iter().enumerate().filter(|(_, n)| n.eq_ignore_ascii_case(wanted));
    let first = found.next().map(|(i, _)| i);
    if found.next().is_some() {
        return Err(
            Error::data(path, Some(1), format!("the header has two `{wanted}` columns"))
                .with_hint("rename or remove one of them"),
        );
    }
    Ok(first)
}

pub(crate) fn not_utf8(path: &Path, line: u64) -> Error {
    Error::data(path, Some(line), "is not valid UTF-8")
        .with_hint("save the file as UTF-8, e.g. \"CSV UTF-8\" in a spreadsheet")
}

pub(crate) fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, "cannot read", io),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Error::data(
            path,
            line,
            format!("malformed CSV: the row has {len} fields but the header has {expected_len}"),
        )
        .with_hint("quote fields that contain commas, e.g. \"Smith, John\""),
        csv::ErrorKind::Utf8 { pos, .. } => not_utf8(path, pos.map_or(0, |p| p.line())),
        other => Error::data(path, line, format!("malformed CSV: {other:?}")),
    }
}
