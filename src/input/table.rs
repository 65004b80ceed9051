//! Tables of named columns, whatever file holds them: a CSV file with its
//! header ([`CsvTable`](super::csv::CsvTable)) or a Parquet file with its
//! schema ([`ParquetTable`](super::parquet::ParquetTable)).
//!
//! The wide, long and edge-list readers are written once against [`Table`]
//! and [`Fields`], so both kinds of file follow the same column rules (names
//! matched after trimming, ignoring ASCII case; a column listed twice
//! refused; one wording for a missing column), the same filters and weights,
//! and give the same messages. A CSV record is numbered by its line, a
//! Parquet row by its position (the first row is row 1): see
//! [`Numbering`](crate::error::Numbering).

use std::path::Path;

use super::csv::missing_column;
use crate::error::{Numbering, Result};

/// What holds a table: for the words of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// A CSV file: a header row, one record per line.
    Csv,
    /// A Parquet file: a schema, rows in row groups.
    Parquet,
}

impl Container {
    /// How the container's records are numbered: CSV by line, Parquet by row.
    pub(crate) fn numbering(self) -> Numbering {
        match self {
            Container::Csv => Numbering::Line,
            Container::Parquet => Numbering::Row,
        }
    }
}

/// A table being read: its columns, found by name, then its rows in order.
pub(crate) trait Table {
    /// One row, borrowed from the table.
    type Row<'r>: Fields<'r>
    where
        Self: 'r;

    /// The file, for messages.
    fn path(&self) -> &Path;

    /// What holds the table.
    fn container(&self) -> Container;

    /// The column names, trimmed.
    fn names(&self) -> Vec<&str>;

    /// The line of the names, for messages about columns (a CSV header: 1).
    fn header_line(&self) -> Option<u64>;

    /// The position of column `wanted` (ignoring ASCII case), refusing two
    /// columns of that name; the column will be read.
    fn column(&mut self, wanted: &str) -> Result<Option<usize>>;

    /// The positions of the columns a caller asked for, in order (an error
    /// names a column the table does not have).
    fn columns(&mut self, requested: &[String]) -> Result<Vec<usize>>;

    /// Lets column `i` hold lists of names (a Parquet list column) as well
    /// as text. Other columns holding lists are refused.
    fn allow_lists(&mut self, _i: usize) {}

    /// The next row, or `None` at the end.
    fn next_row(&mut self) -> Result<Option<Self::Row<'_>>>;

    /// Checks the end of the table (a CSV quote left open).
    fn finish(self) -> Result<()>;

    /// The position of a column the format needs, or the error naming it,
    /// the columns found and `hint`.
    fn require(&mut self, wanted: &str, shown_as: &str, hint: &'static str) -> Result<usize> {
        match self.column(wanted)? {
            Some(i) => Ok(i),
            None => Err(missing_column(
                self.path(),
                self.header_line(),
                &self.names(),
                shown_as,
                hint,
            )),
        }
    }
}

/// The fields of one row of a [`Table`].
pub(crate) trait Fields<'r> {
    /// Where the row is: its line (CSV) or its row number (Parquet), from 1.
    fn line(&self) -> u64;

    /// Field `i` as text, untrimmed (`None`: past the end of a CSV record,
    /// or a Parquet null).
    fn get(&self, i: usize) -> Option<&'r str>;

    /// True when field `i` is a list (a Parquet list column), whose items
    /// [`names`](Self::names) gives as they are.
    fn is_list(&self, _i: usize) -> bool {
        false
    }

    /// The names of field `i` into `out`: a text field split at `separator`
    /// ([`split_names`](super::split_names)), a list field's items; trimmed,
    /// empty ones dropped, each once.
    fn names(&self, i: usize, separator: char, out: &mut Vec<&'r str>) {
        super::split_names(self.get(i).unwrap_or(""), separator, out);
    }

    /// Field `i` trimmed, `None` when absent or empty.
    fn value(&self, i: usize) -> Option<&'r str> {
        self.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Field `i` trimmed, `""` when absent.
    fn text(&self, i: usize) -> &'r str {
        self.get(i).map_or("", str::trim)
    }
}
