//! Parquet tables: the wide, long and edge-list layouts, read from Parquet
//! files as their CSV twins are read (Spark, DuckDB, pyarrow, Polars and
//! `graph export`'s tables; `scripts/pairs.sql` writes an edge table).
//!
//! The rules:
//!
//! * A file is Parquet when its name ends in `.parquet` or it starts with
//!   the `PAR1` marker; its layout comes from its column names, as a CSV
//!   file's from its header ([`InputFormat::detect`]): `characters` → wide,
//!   `Source` and `Target` → edge list, `character` → long.
//! * Columns are the top-level fields, found by name as in CSV (trimmed,
//!   ignoring ASCII case; a name given twice is refused), and every rule of
//!   [`wide`](super::wide), [`long`](super::long) and
//!   [`edgelist`](super::edgelist) holds: the same required columns, filters,
//!   weights and messages. A field is read as text: strings as they are,
//!   whole and decimal numbers in their usual decimal form (`3`, `2.5`),
//!   booleans as `true`/`false`, dates as `YYYY-MM-DD`; a null is an empty
//!   field. Binary fields must hold UTF-8 text. Other types (timestamps,
//!   structs, maps) are refused in the columns castgraph reads, and ignored
//!   elsewhere.
//! * A wide table's `characters` may be text (names separated by the
//!   separator) or a list of strings (one name per item, never split);
//!   items are trimmed, empty or null ones dropped, each name kept once.
//! * Rows are numbered from 1, in file order; messages name the row
//!   (`edges.parquet: row 12: the `Target` field is empty`).
//! * Files are read one record batch at a time (a row group's pages as
//!   they are needed, only the columns used), never whole; the long layout
//!   holds its scenes (not the file) until the end, as in CSV.
//! * Pages compressed with snappy, zstd or LZ4 (or not at all) are read;
//!   another codec (gzip, brotli, LZO) is refused by name before reading.
//! * A damaged or hostile file is an error naming it, not a crash: every
//!   read is checked against the file's size, the column chunks read are
//!   checked against the file and their first page against the bytes it
//!   holds (a dictionary claims at most one value a byte), and an assertion
//!   of the Parquet crate that a file breaks is caught ([`is_reader_panic`]).
//!   A page may still claim (and a zstd or LZ4 page fill) up to 2 GiB when
//!   decompressed, as the crate allocates what the page header says.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, LargeStringArray, StringArray, StringViewArray};
use arrow_schema::DataType;
use bytes::Bytes;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ArrowReaderOptions, ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::basic::Compression;
use parquet::column::page::{Page, PageReader};
use parquet::file::reader::{ChunkReader, Length};
use parquet::file::serialized_reader::SerializedPageReader;

use super::table::{Container, Fields, Table};
use super::{InputFormat, ReadOptions, ReadSummary, Scene, first_time};
use crate::error::{Error, Result};
use crate::util::stdin::Input;

/// The four bytes that open (and close) every Parquet file.
pub const MAGIC: &[u8; 4] = b"PAR1";

/// Rows handed over at a time by the Parquet reader.
const BATCH_ROWS: usize = 8192;

/// The layout of the Parquet file at `path`, from its column names (its
/// footer is read, not its rows).
///
/// # Errors
/// A file that cannot be opened, or is not a readable Parquet file.
pub fn detect(path: &Path) -> Result<InputFormat> {
    let table = ParquetTable::open(path, Source::open(path)?)?;
    Ok(parquet_layout(super::layout_of(table.names.iter().map(String::as_str))))
}

/// Reads the Parquet table at `path` laid out as `format` (one of the
/// Parquet formats), handing every scene (or edge row) to `on_scene`.
///
/// # Errors
/// Those of the CSV reader of the layout, each naming the row, and a file
/// that is not Parquet, is damaged, or uses a codec or a column type
/// castgraph does not read.
pub fn read_path(
    path: &Path,
    format: InputFormat,
    opts: &ReadOptions,
    on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    read_source(path, Source::open(path)?, Some(format), opts, on_scene)
}

/// Reads a Parquet table held in memory; `path` is only used in messages.
/// `format` gives the layout (`None`: from the column names).
///
/// # Errors
/// As [`read_path`].
///
/// # Example
/// ```
/// use std::path::Path;
/// use castgraph::input::{ReadOptions, parquet};
///
/// // castgraph's own edge table, read back.
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("scenes.csv");
/// std::fs::write(&file, "characters\nCarly;Vanessa\nCarly;Vanessa;Sasha\n")?;
/// let (graph, _) = castgraph::build::from_files(&[file], &Default::default())?;
/// let mut bytes = Vec::new();
/// castgraph::output::parquet::write_edges(&graph, &mut bytes)?;
/// let mut rows = Vec::new();
/// let summary = parquet::read_bytes(Path::new("edges.parquet"), &bytes, None, &ReadOptions::default(), |row| {
///     rows.push((row.characters.join("–"), row.weight, row.tally.pair_scenes()));
/// })?;
/// assert_eq!(summary.format.to_string(), "Parquet edge list");
/// assert_eq!(rows[0], ("Carly–Vanessa".to_string(), Some(2.0), 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    format: Option<InputFormat>,
    opts: &ReadOptions,
    on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    read_source(
        path,
        Source::Bytes(Bytes::copy_from_slice(bytes)),
        format,
        opts,
        on_scene,
    )
}

fn read_source(
    path: &Path,
    source: Source,
    format: Option<InputFormat>,
    opts: &ReadOptions,
    on_scene: impl FnMut(Scene<'_>),
) -> Result<ReadSummary> {
    let table = ParquetTable::open(path, source)?;
    let format = match format {
        Some(f) => f,
        None => parquet_layout(super::layout_of(table.names.iter().map(String::as_str))),
    };
    let read = match format {
        InputFormat::LongParquet => super::long::read_table(table, format, opts, on_scene),
        InputFormat::EdgelistParquet => super::edgelist::read_table(table, format, opts, on_scene),
        _ => super::wide::read_table(table, InputFormat::WideParquet, opts, on_scene),
    };
    read.map_err(|e| e.in_rows(path))
}

/// The Parquet format of a CSV layout.
fn parquet_layout(csv: InputFormat) -> InputFormat {
    match csv {
        InputFormat::Long => InputFormat::LongParquet,
        InputFormat::Edgelist => InputFormat::EdgelistParquet,
        _ => InputFormat::WideParquet,
    }
}

/// The error of a Parquet table without rows, with `hint`.
pub(crate) fn no_rows(path: &Path, hint: &str) -> Error {
    Error::data(path, None, "has no rows").with_hint(hint.to_string())
}

/// The hint of a file the Parquet reader refuses.
const DAMAGED_HINT: &str = "check that the file is a complete Parquet file (it starts and ends with PAR1); \
                            write it again if it was cut short";

/// A Parquet reader's error about `path`, in one line.
fn damaged(path: &Path, e: impl std::fmt::Display) -> Error {
    let text = e.to_string();
    let text = text.lines().next().unwrap_or("").trim();
    let text = text.strip_prefix("Parquet error: ").unwrap_or(text);
    let text = text.strip_prefix("Parquet argument error: ").unwrap_or(text);
    Error::data(path, None, format!("cannot be read as Parquet: {text}")).with_hint(DAMAGED_HINT)
}

/// Where a Parquet file's bytes come from: a file, or memory (the standard
/// input, read whole; a fuzzer's bytes). Reads past the end are refused
/// before any buffer is made, so a footer that lies about sizes cannot make
/// the reader allocate them.
enum Source {
    File(File, u64),
    Bytes(Bytes),
}

impl Source {
    /// Opens `path` (`-`: the standard input).
    fn open(path: &Path) -> Result<Source> {
        match super::csv::open(path)? {
            Input::File(reader) => {
                let file = reader.into_inner();
                let len = file.metadata().map_err(|e| Error::io(path, "cannot read", e))?.len();
                Ok(Source::File(file, len))
            }
            Input::Stdin(cursor) => Ok(Source::Bytes(Bytes::from_static(cursor.into_inner()))),
        }
    }

    /// A second handle on the same bytes.
    fn duplicate(&self) -> std::io::Result<Source> {
        Ok(match self {
            Source::File(f, len) => Source::File(f.try_clone()?, *len),
            Source::Bytes(b) => Source::Bytes(b.clone()),
        })
    }

    fn check(&self, start: u64, length: u64) -> parquet::errors::Result<()> {
        match start.checked_add(length) {
            Some(end) if end <= self.len() => Ok(()),
            _ => Err(parquet::errors::ParquetError::EOF(format!(
                "the file has {} bytes, and a part of it is said to span bytes {start} to {}",
                self.len(),
                start.saturating_add(length)
            ))),
        }
    }
}

impl Length for Source {
    fn len(&self) -> u64 {
        match self {
            Source::File(_, len) => *len,
            Source::Bytes(b) => b.len() as u64,
        }
    }
}

impl ChunkReader for Source {
    type T = Box<dyn Read + Send>;

    fn get_read(&self, start: u64) -> parquet::errors::Result<Self::T> {
        self.check(start, 0)?;
        Ok(match self {
            Source::File(f, _) => Box::new(f.get_read(start)?),
            Source::Bytes(b) => Box::new(b.get_read(start)?),
        })
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<Bytes> {
        self.check(start, length as u64)?;
        match self {
            Source::File(f, _) => f.get_bytes(start, length),
            Source::Bytes(b) => b.get_bytes(start, length),
        }
    }
}

/// A Parquet file read as a [`Table`]: its top-level columns, then its
/// rows, one record batch at a time, only the columns asked for.
pub(crate) struct ParquetTable<'p> {
    path: &'p Path,
    /// The file's size in bytes.
    len: u64,
    /// The file, for the checks of its dictionary pages.
    source: Arc<Source>,
    /// Until the first row is asked for.
    builder: Option<ParquetRecordBatchReaderBuilder<Source>>,
    reader: Option<ParquetRecordBatchReader>,
    /// The columns' names (trimmed) and types.
    names: Vec<String>,
    types: Vec<DataType>,
    /// The columns read, and those that may hold lists.
    used: Vec<usize>,
    lists: Vec<usize>,
    /// The current batch, by column position (`None`: not read).
    batch: Vec<Option<Column>>,
    batch_rows: usize,
    /// The next row of the batch, and the rows of the batches before it.
    next: usize,
    before: u64,
}

impl<'p> ParquetTable<'p> {
    fn open(path: &'p Path, source: Source) -> Result<Self> {
        let len = source.len();
        if len < 12 {
            return Err(not_parquet(path));
        }
        let magic = source.get_bytes(0, 4).map_err(|e| damaged(path, e))?;
        if magic.as_ref() != MAGIC {
            return Err(not_parquet(path));
        }
        let checks = Arc::new(source.duplicate().map_err(|e| Error::io(path, "cannot read", e))?);
        let options = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
        let builder = guarded(path, || {
            ParquetRecordBatchReaderBuilder::try_new_with_options(source, options)
        })?
        .map_err(|e| damaged(path, e))?
        .with_batch_size(BATCH_ROWS);
        let schema = builder.schema().clone();
        let names = schema.fields().iter().map(|f| f.name().trim().to_string()).collect();
        let types = schema.fields().iter().map(|f| f.data_type().clone()).collect();
        Ok(ParquetTable {
            path,
            len,
            source: checks,
            builder: Some(builder),
            reader: None,
            names,
            types,
            used: Vec::new(),
            lists: Vec::new(),
            batch: Vec::new(),
            batch_rows: 0,
            next: 0,
            before: 0,
        })
    }

    /// Makes the reader of the used columns, once their types and codecs are checked.
    fn start(&mut self) -> Result<()> {
        let Some(builder) = self.builder.take() else {
            return Ok(());
        };
        self.used.sort_unstable();
        self.used.dedup();
        for &i in &self.used {
            check_type(self.path, &self.names[i], &self.types[i], self.lists.contains(&i))?;
        }
        let descr = builder.parquet_schema();
        for group in builder.metadata().row_groups() {
            if group.num_columns() != descr.num_columns() || group.num_rows() < 0 {
                return Err(damaged(self.path, "a row group does not match the schema"));
            }
            for (leaf, chunk) in group.columns().iter().enumerate() {
                if !self.used.contains(&descr.get_column_root_idx(leaf)) {
                    continue;
                }
                // The reader asserts these (a panic); a damaged footer breaks them.
                let start = chunk.dictionary_page_offset().unwrap_or(chunk.data_page_offset());
                let length = chunk.compressed_size();
                if start < 0 || length < 0 || start.checked_add(length).is_none_or(|end| end as u64 > self.len) {
                    return Err(damaged(
                        self.path,
                        format!(
                            "column `{}` is said to span bytes {start} to {} of a file of {} bytes",
                            self.names[descr.get_column_root_idx(leaf)],
                            start.saturating_add(length),
                            self.len
                        ),
                    ));
                }
                let codec = chunk.compression();
                if !matches!(
                    codec,
                    Compression::UNCOMPRESSED
                        | Compression::SNAPPY
                        | Compression::ZSTD(_)
                        | Compression::LZ4
                        | Compression::LZ4_RAW
                ) {
                    let root = descr.get_column_root_idx(leaf);
                    return Err(Error::data(
                        self.path,
                        None,
                        format!(
                            "column `{}` is compressed with {}, which castgraph does not read",
                            self.names[root],
                            codec_name(codec)
                        ),
                    )
                    .with_hint(
                        "write the file with snappy or zstd compression (the default of Spark, DuckDB, \
                         pyarrow and Polars), e.g. DuckDB: COPY ... TO 'f.parquet' (COMPRESSION zstd)",
                    ));
                }
            }
        }
        self.check_dictionaries(&builder)?;
        let mask = ProjectionMask::roots(builder.parquet_schema(), self.used.iter().copied());
        let reader = guarded(self.path, || builder.with_projection(mask).build())?;
        self.reader = Some(reader.map_err(|e| damaged(self.path, e))?);
        self.batch = vec![None; self.names.len()];
        Ok(())
    }

    /// Refuses a dictionary page that claims more values than it has bytes
    /// (each value takes one byte at least): the reader would make room for
    /// every value it claims before decoding, gigabytes for a few bytes.
    fn check_dictionaries(&self, builder: &ParquetRecordBatchReaderBuilder<Source>) -> Result<()> {
        let descr = builder.parquet_schema();
        for group in builder.metadata().row_groups() {
            for (leaf, chunk) in group.columns().iter().enumerate() {
                let root = descr.get_column_root_idx(leaf);
                // The first page, a dictionary page or not (some writers leave
                // the dictionary's offset out).
                if !self.used.contains(&root) {
                    continue;
                }
                let rows = usize::try_from(group.num_rows()).unwrap_or(0);
                let first = guarded(self.path, || {
                    SerializedPageReader::new(self.source.clone(), chunk, rows, None)
                        .and_then(|mut pages| pages.get_next_page())
                })?
                .map_err(|e| damaged(self.path, e))?;
                if let Some(Page::DictionaryPage { buf, num_values, .. }) = first
                    && num_values as usize > buf.len()
                {
                    return Err(damaged(
                        self.path,
                        format!(
                            "the dictionary page of column `{}` claims {num_values} values in {} bytes",
                            self.names[root],
                            buf.len()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Reads the next batch; false at the end of the file.
    fn next_batch(&mut self) -> Result<bool> {
        let path = self.path;
        let Some(reader) = &mut self.reader else {
            return Ok(false);
        };
        let batch = loop {
            match guarded(path, || reader.next())? {
                None => return Ok(false),
                Some(Err(e)) => return Err(damaged(self.path, e)),
                Some(Ok(b)) if b.num_rows() == 0 => continue,
                Some(Ok(b)) => break b,
            }
        };
        self.before += self.batch_rows as u64;
        self.batch_rows = batch.num_rows();
        self.next = 0;
        if batch.num_columns() != self.used.len() {
            return Err(damaged(self.path, "the columns read are not those asked for"));
        }
        for (k, &i) in self.used.iter().enumerate() {
            let column = Column::new(batch.column(k), self.lists.contains(&i))
                .map_err(|(row, problem)| self.bad_field(i, self.before + row as u64 + 1, problem))?;
            self.batch[i] = Some(column);
        }
        Ok(true)
    }

    fn bad_field(&self, column: usize, row: u64, problem: &str) -> Error {
        Error::data_row(self.path, row, format!("the `{}` field {problem}", self.names[column]))
            .with_hint("write text in UTF-8 in the columns castgraph reads")
    }
}

/// Runs a call into the Parquet reader, which asserts some facts of the
/// file it reads: a damaged file that breaks one (a panic) is reported as
/// damaged (see [`is_reader_panic`]).
fn guarded<T>(path: &Path, call: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).map_err(|panic| {
        let text = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        damaged(path, format!("the Parquet reader failed on it ({text})"))
    })
}

/// True when a panic at source file `file` comes from the Parquet or Arrow
/// crates: an assertion of the reader that a damaged file broke (a data
/// page using a dictionary the column chunk does not have, say), which
/// [`guarded`] turns into an error. A panic hook can leave such panics
/// unprinted (the `graph` binary does), or let them unwind to be caught
/// (the fuzz target does, to go on fuzzing castgraph's own code).
pub fn is_reader_panic(file: &str) -> bool {
    file.split(['/', '\\'])
        .any(|part| ["parquet-", "arrow-"].iter().any(|c| part.starts_with(c)))
}

fn not_parquet(path: &Path) -> Error {
    Error::data(path, None, "is not a Parquet file (it does not start with PAR1)")
        .with_hint("give a Parquet file, or rename a CSV file to .csv")
}

fn codec_name(codec: Compression) -> &'static str {
    match codec {
        Compression::GZIP(_) => "gzip",
        Compression::BROTLI(_) => "brotli",
        Compression::LZO => "LZO",
        _ => "an unknown codec",
    }
}

/// Refuses a column castgraph cannot read as text (or as lists of names,
/// when `lists` allows them).
fn check_type(path: &Path, name: &str, dt: &DataType, lists: bool) -> Result<()> {
    let item = match dt {
        DataType::List(f) | DataType::LargeList(f) => {
            if !lists {
                return Err(
                    Error::data(path, None, format!("column `{name}` holds lists")).with_hint(
                        "a list is read only in the `characters` column of a wide table; store one value a row",
                    ),
                );
            }
            f.data_type()
        }
        other => other,
    };
    if is_text(item) {
        return Ok(());
    }
    Err(Error::data(
        path,
        None,
        format!("column `{name}` is of type {dt}, which castgraph does not read"),
    )
    .with_hint("store it as text (a string column) or as numbers"))
}

/// True for the types read as text.
fn is_text(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
            | DataType::Null
            | DataType::Boolean
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
            | DataType::Float32
            | DataType::Float64
            | DataType::Decimal128(..)
            | DataType::Decimal256(..)
            | DataType::Date32
    )
}

/// One column of a batch, as text.
#[derive(Clone)]
enum Column {
    Utf8(StringArray),
    LargeUtf8(LargeStringArray),
    View(StringViewArray),
    /// A list column: row `r` holds items `offsets[r]..offsets[r + 1]`.
    List {
        offsets: Vec<usize>,
        valid: Vec<bool>,
        items: Box<Column>,
    },
}

/// A field that cannot be read: its row in the batch (from 0) and the problem.
type FieldError = (usize, &'static str);

impl Column {
    fn new(array: &ArrayRef, lists: bool) -> std::result::Result<Column, FieldError> {
        let list = |offsets: Vec<usize>, values: &ArrayRef| -> std::result::Result<Column, FieldError> {
            let valid = (0..array.len()).map(|r| array.is_valid(r)).collect();
            let items = Column::new(values, false).map_err(|(item, problem)| {
                // The row of the item.
                (offsets.partition_point(|&o| o <= item).saturating_sub(1), problem)
            })?;
            Ok(Column::List {
                offsets,
                valid,
                items: Box::new(items),
            })
        };
        match array.data_type() {
            DataType::Utf8 => Ok(Column::Utf8(array.as_string::<i32>().clone())),
            DataType::LargeUtf8 => Ok(Column::LargeUtf8(array.as_string::<i64>().clone())),
            DataType::Utf8View => Ok(Column::View(array.as_string_view().clone())),
            DataType::List(_) if lists => {
                let a = array.as_list::<i32>();
                list(a.offsets().iter().map(|&o| o.max(0) as usize).collect(), a.values())
            }
            DataType::LargeList(_) if lists => {
                let a = array.as_list::<i64>();
                list(a.offsets().iter().map(|&o| o.max(0) as usize).collect(), a.values())
            }
            _ => Ok(Column::Utf8(as_text(array)?)),
        }
    }

    /// Item `r`, `None` when null (or past the end).
    fn get(&self, r: usize) -> Option<&str> {
        match self {
            Column::Utf8(a) => (r < a.len() && a.is_valid(r)).then(|| a.value(r)),
            Column::LargeUtf8(a) => (r < a.len() && a.is_valid(r)).then(|| a.value(r)),
            Column::View(a) => (r < a.len() && a.is_valid(r)).then(|| a.value(r)),
            Column::List { .. } => None,
        }
    }

    /// Field `r` as a CSV field would be: a null (or a list) is an empty field.
    fn field(&self, r: usize) -> &str {
        self.get(r).unwrap_or("")
    }
}

/// Any other column's values written as text.
fn as_text(array: &ArrayRef) -> std::result::Result<StringArray, FieldError> {
    use std::fmt::Write;
    let n = array.len();
    let mut out = StringBuilder::with_capacity(n, n * 8);
    macro_rules! each {
        ($values:expr, |$v:ident| $write:expr) => {{
            let values = $values;
            for r in 0..n {
                if values.is_null(r) {
                    out.append_null();
                } else {
                    let $v = values.value(r);
                    $write;
                    out.append_value("");
                }
            }
        }};
    }
    macro_rules! number {
        ($t:ty) => {
            each!(array.as_primitive::<$t>(), |v| write!(out, "{v}").ok())
        };
    }
    match array.data_type() {
        DataType::Null => (0..n).for_each(|_| out.append_null()),
        DataType::Boolean => each!(array.as_boolean(), |v| out
            .write_str(if v { "true" } else { "false" })
            .ok()),
        DataType::Int8 => number!(Int8Type),
        DataType::Int16 => number!(Int16Type),
        DataType::Int32 => number!(Int32Type),
        DataType::Int64 => number!(Int64Type),
        DataType::UInt8 => number!(UInt8Type),
        DataType::UInt16 => number!(UInt16Type),
        DataType::UInt32 => number!(UInt32Type),
        DataType::UInt64 => number!(UInt64Type),
        DataType::Float32 => number!(Float32Type),
        DataType::Float64 => number!(Float64Type),
        DataType::Date32 => each!(array.as_primitive::<Date32Type>(), |v| out.write_str(&date(v)).ok()),
        DataType::Decimal128(..) => {
            return Ok(decimals(array.as_primitive::<Decimal128Type>(), n));
        }
        DataType::Decimal256(..) => {
            return Ok(decimals(array.as_primitive::<Decimal256Type>(), n));
        }
        DataType::Binary => binary(&mut out, array.as_binary::<i32>().iter())?,
        DataType::LargeBinary => binary(&mut out, array.as_binary::<i64>().iter())?,
        DataType::BinaryView => binary(&mut out, array.as_binary_view().iter())?,
        // Refused by `check_type` before reading; empty if ever met.
        _ => (0..n).for_each(|_| out.append_null()),
    }
    Ok(out.finish())
}

fn decimals<T: arrow_array::types::DecimalType>(a: &arrow_array::PrimitiveArray<T>, n: usize) -> StringArray {
    (0..n).map(|r| a.is_valid(r).then(|| a.value_as_string(r))).collect()
}

fn binary<'a>(
    out: &mut StringBuilder,
    values: impl Iterator<Item = Option<&'a [u8]>>,
) -> std::result::Result<(), FieldError> {
    for (r, v) in values.enumerate() {
        match v {
            None => out.append_null(),
            Some(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => out.append_value(text),
                Err(_) => return Err((r, "is not valid UTF-8")),
            },
        }
    }
    Ok(())
}

/// A day count since 1970-01-01 as `YYYY-MM-DD` (proleptic Gregorian:
/// Hinnant's `civil_from_days`).
fn date(days: i32) -> String {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

impl<'p> Table for ParquetTable<'p> {
    type Row<'r>
        = ParquetRow<'r>
    where
        Self: 'r;

    fn path(&self) -> &Path {
        self.path
    }

    fn container(&self) -> Container {
        Container::Parquet
    }

    fn names(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    fn header_line(&self) -> Option<u64> {
        None
    }

    fn column(&mut self, wanted: &str) -> Result<Option<usize>> {
        let found = super::csv::find_column(self.path, None, &self.names(), wanted)?;
        self.used.extend(found);
        Ok(found)
    }

    fn columns(&mut self, requested: &[String]) -> Result<Vec<usize>> {
        let found = super::csv::resolve_columns(self.path, requested, &self.names())?;
        self.used.extend(found.iter().copied());
        Ok(found)
    }

    fn allow_lists(&mut self, i: usize) {
        self.lists.push(i);
    }

    fn next_row(&mut self) -> Result<Option<ParquetRow<'_>>> {
        self.start()?;
        if self.next >= self.batch_rows && !self.next_batch()? {
            return Ok(None);
        }
        let at = self.next;
        self.next += 1;
        Ok(Some(ParquetRow {
            columns: &self.batch,
            at,
            row: self.before + at as u64 + 1,
        }))
    }

    fn finish(self) -> Result<()> {
        Ok(())
    }
}

/// One row of a [`ParquetTable`].
pub(crate) struct ParquetRow<'r> {
    columns: &'r [Option<Column>],
    at: usize,
    row: u64,
}

impl<'r> Fields<'r> for ParquetRow<'r> {
    fn line(&self) -> u64 {
        self.row
    }

    fn get(&self, i: usize) -> Option<&'r str> {
        Some(self.columns.get(i)?.as_ref()?.field(self.at))
    }

    fn is_list(&self, i: usize) -> bool {
        matches!(self.columns.get(i), Some(Some(Column::List { .. })))
    }

    fn names(&self, i: usize, separator: char, out: &mut Vec<&'r str>) {
        let Some(Some(Column::List { offsets, valid, items })) = self.columns.get(i) else {
            super::split_names(self.get(i).unwrap_or(""), separator, out);
            return;
        };
        out.clear();
        if !valid.get(self.at).copied().unwrap_or(false) {
            return;
        }
        let (Some(&start), Some(&end)) = (offsets.get(self.at), offsets.get(self.at + 1)) else {
            return;
        };
        let mut seen = None;
        for item in start..end.max(start) {
            let Some(name) = items.get(item).map(str::trim) else {
                continue;
            };
            if !name.is_empty() && first_time(name, out, &mut seen) {
                out.push(name);
            }
        }
    }
}

impl std::fmt::Debug for ParquetTable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetTable")
            .field("path", &self.path)
            .field("names", &self.names)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(19_723), "2024-01-01");
        assert_eq!(date(-1), "1969-12-31");
        assert_eq!(date(11_016), "2000-02-29");
    }
}
