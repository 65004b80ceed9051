//! The Arrow C data and C stream interfaces, written out for the few types
//! our tables hold (utf8 or large utf8, int64, float64 with or without
//! nulls), so that exporting a table needs no Arrow library.
//!
//! A table is one struct array (format `+s`) whose children are its
//! columns, handed out as a stream of one record batch. Every structure is
//! released as the specification says: the consumer calls `release`, which
//! frees the buffers and the children, and marks the structure released by
//! setting its `release` to null. Reference: the Arrow C Data Interface and
//! C Stream Interface specifications (arrow.apache.org/docs/format).

use std::ffi::{CString, c_char, c_int, c_void};
use std::ptr;

use crate::table::{Column, Columns};

/// `ArrowSchema` of the C data interface.
#[repr(C)]
pub struct FfiSchema {
    format: *const c_char,
    name: *const c_char,
    metadata: *const c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut FfiSchema,
    dictionary: *mut FfiSchema,
    release: Option<unsafe extern "C" fn(*mut FfiSchema)>,
    private_data: *mut c_void,
}

/// `ArrowArray` of the C data interface.
#[repr(C)]
pub struct FfiArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const c_void,
    children: *mut *mut FfiArray,
    dictionary: *mut FfiArray,
    release: Option<unsafe extern "C" fn(*mut FfiArray)>,
    private_data: *mut c_void,
}

/// `ArrowArrayStream` of the C stream interface.
#[repr(C)]
pub struct FfiStream {
    get_schema: Option<unsafe extern "C" fn(*mut FfiStream, *mut FfiSchema) -> c_int>,
    get_next: Option<unsafe extern "C" fn(*mut FfiStream, *mut FfiArray) -> c_int>,
    get_last_error: Option<unsafe extern "C" fn(*mut FfiStream) -> *const c_char>,
    release: Option<unsafe extern "C" fn(*mut FfiStream)>,
    private_data: *mut c_void,
}

/// The column may hold nulls.
const NULLABLE: i64 = 2;

/// Above this many bytes of text a column is large utf8 (64-bit offsets).
const UTF8_LIMIT: usize = i32::MAX as usize;

// ---------------------------------------------------------------- schema --

struct SchemaPrivate {
    _format: CString,
    _name: CString,
    children: Vec<*mut FfiSchema>,
}

fn format_of(column: &Column) -> &'static str {
    match column {
        Column::Str(v) if v.iter().map(String::len).sum::<usize>() > UTF8_LIMIT => "U",
        Column::Str(_) => "u",
        Column::Int(_) | Column::OptInt(_) => "l",
        Column::Float(_) | Column::OptFloat(_) => "g",
        Column::Bool(_) => "b",
    }
}

fn schema(format: &str, name: &str, flags: i64, children: Vec<FfiSchema>) -> FfiSchema {
    let format = CString::new(format).unwrap_or_default();
    // A column name never holds a NUL: they are ours.
    let name = CString::new(name).unwrap_or_default();
    let mut children: Vec<*mut FfiSchema> = children.into_iter().map(|c| Box::into_raw(Box::new(c))).collect();
    let private = Box::new(SchemaPrivate {
        _format: format,
        _name: name,
        children: Vec::new(),
    });
    let (format_ptr, name_ptr) = (private._format.as_ptr(), private._name.as_ptr());
    let n_children = children.len() as i64;
    let children_ptr = if children.is_empty() {
        ptr::null_mut()
    } else {
        children.as_mut_ptr()
    };
    let mut private = private;
    private.children = children;
    FfiSchema {
        format: format_ptr,
        name: name_ptr,
        metadata: ptr::null(),
        flags,
        n_children,
        children: children_ptr,
        dictionary: ptr::null_mut(),
        release: Some(release_schema),
        private_data: Box::into_raw(private).cast(),
    }
}

unsafe extern "C" fn release_schema(schema: *mut FfiSchema) {
    // SAFETY: called by the consumer on a schema we made (or one of its
    // children), at most once while `release` is set.
    unsafe {
        let Some(s) = schema.as_mut() else { return };
        if s.release.is_none() {
            return;
        }
        let private = Box::from_raw(s.private_data.cast::<SchemaPrivate>());
        for &child in &private.children {
            if let Some(release) = (*child).release {
                release(child);
            }
            drop(Box::from_raw(child));
        }
        s.release = None;
        s.private_data = ptr::null_mut();
    }
}

fn table_schema(columns: &Columns) -> FfiSchema {
    let children = columns
        .0
        .iter()
        .map(|(name, column)| {
            let flags = if matches!(column, Column::OptFloat(_) | Column::OptInt(_)) {
                NULLABLE
            } else {
                0
            };
            schema(format_of(column), name, flags, Vec::new())
        })
        .collect();
    schema("+s", "", 0, children)
}

/// An owned `ArrowSchema`, for the `arrow_schema` capsule.
pub struct Schema(FfiSchema);

// SAFETY: the schema's pointers are to heap memory it owns; nothing is shared.
unsafe impl Send for Schema {}

impl Schema {
    /// The schema of a table (a struct of its columns).
    pub fn of(columns: &Columns) -> Schema {
        Schema(table_schema(columns))
    }

    /// Releases the schema unless a consumer moved it out.
    pub fn release(&mut self) {
        if let Some(release) = self.0.release {
            // SAFETY: a schema we made, not yet released.
            unsafe { release(&mut self.0) }
        }
    }
}

// ----------------------------------------------------------------- array --

/// A buffer's storage, kept alive until the array is released.
enum Buffer {
    Bytes(Vec<u8>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    F64(Vec<f64>),
}

impl Buffer {
    fn ptr(&self) -> *const c_void {
        match self {
            Buffer::Bytes(v) => v.as_ptr().cast(),
            Buffer::I32(v) => v.as_ptr().cast(),
            Buffer::I64(v) => v.as_ptr().cast(),
            Buffer::F64(v) => v.as_ptr().cast(),
        }
    }
}

struct ArrayPrivate {
    _buffers: Vec<Option<Buffer>>,
    pointers: Vec<*const c_void>,
    children: Vec<*mut FfiArray>,
}

fn array(length: usize, null_count: usize, buffers: Vec<Option<Buffer>>, children: Vec<FfiArray>) -> FfiArray {
    let pointers: Vec<*const c_void> = buffers
        .iter()
        .map(|b| b.as_ref().map_or(ptr::null(), Buffer::ptr))
        .collect();
    let children: Vec<*mut FfiArray> = children.into_iter().map(|c| Box::into_raw(Box::new(c))).collect();
    let mut private = Box::new(ArrayPrivate {
        _buffers: buffers,
        pointers,
        children,
    });
    let n_buffers = private.pointers.len() as i64;
    let n_children = private.children.len() as i64;
    let buffers_ptr = private.pointers.as_mut_ptr();
    let children_ptr = if private.children.is_empty() {
        ptr::null_mut()
    } else {
        private.children.as_mut_ptr()
    };
    FfiArray {
        length: length as i64,
        null_count: null_count as i64,
        offset: 0,
        n_buffers,
        n_children,
        buffers: buffers_ptr,
        children: children_ptr,
        dictionary: ptr::null_mut(),
        release: Some(release_array),
        private_data: Box::into_raw(private).cast(),
    }
}

unsafe extern "C" fn release_array(array: *mut FfiArray) {
    // SAFETY: called by the consumer on an array we made (or one of its
    // children), at most once while `release` is set.
    unsafe {
        let Some(a) = array.as_mut() else { return };
        if a.release.is_none() {
            return;
        }
        let private = Box::from_raw(a.private_data.cast::<ArrayPrivate>());
        for &child in &private.children {
            if let Some(release) = (*child).release {
                release(child);
            }
            drop(Box::from_raw(child));
        }
        a.release = None;
        a.private_data = ptr::null_mut();
    }
}

/// A validity bitmap (`None` when every value is there) and the number of nulls.
fn validity<T>(values: &[Option<T>]) -> (Option<Buffer>, usize) {
    let mut bits = vec![0u8; values.len().div_ceil(8)];
    let mut nulls = 0;
    for (i, x) in values.iter().enumerate() {
        match x {
            Some(_) => bits[i / 8] |= 1 << (i % 8),
            None => nulls += 1,
        }
    }
    ((nulls > 0).then_some(Buffer::Bytes(bits)), nulls)
}

fn column_array(column: &Column) -> FfiArray {
    match column {
        Column::Bool(v) => {
            let mut bits = vec![0u8; v.len().div_ceil(8)];
            for (i, &b) in v.iter().enumerate() {
                if b {
                    bits[i / 8] |= 1 << (i % 8);
                }
            }
            array(v.len(), 0, vec![None, Some(Buffer::Bytes(bits))], Vec::new())
        }
        Column::OptInt(v) => {
            let (valid, nulls) = validity(v);
            let values: Vec<i64> = v.iter().map(|x| x.unwrap_or(0)).collect();
            array(v.len(), nulls, vec![valid, Some(Buffer::I64(values))], Vec::new())
        }
        Column::Int(v) => array(v.len(), 0, vec![None, Some(Buffer::I64(v.clone()))], Vec::new()),
        Column::Float(v) => array(v.len(), 0, vec![None, Some(Buffer::F64(v.clone()))], Vec::new()),
        Column::OptFloat(v) => {
            let (valid, nulls) = validity(v);
            let values: Vec<f64> = v.iter().map(|x| x.unwrap_or(0.0)).collect();
            array(v.len(), nulls, vec![valid, Some(Buffer::F64(values))], Vec::new())
        }
        Column::Str(v) => {
            let mut data = Vec::with_capacity(v.iter().map(String::len).sum());
            let large = format_of(column) == "U";
            let offsets = if large {
                let mut offsets = Vec::with_capacity(v.len() + 1);
                offsets.push(0i64);
                for s in v {
                    data.extend_from_slice(s.as_bytes());
                    offsets.push(data.len() as i64);
                }
                Buffer::I64(offsets)
            } else {
                let mut offsets = Vec::with_capacity(v.len() + 1);
                offsets.push(0i32);
                for s in v {
                    data.extend_from_slice(s.as_bytes());
                    offsets.push(data.len() as i32);
                }
                Buffer::I32(offsets)
            };
            array(
                v.len(),
                0,
                vec![None, Some(offsets), Some(Buffer::Bytes(data))],
                Vec::new(),
            )
        }
    }
}

fn table_array(columns: &Columns) -> FfiArray {
    let rows = columns.0.first().map_or(0, |(_, c)| c.len());
    let children = columns.0.iter().map(|(_, c)| column_array(c)).collect();
    array(rows, 0, vec![None], children)
}

// ---------------------------------------------------------------- stream --

struct StreamPrivate {
    columns: Columns,
    done: bool,
}

unsafe extern "C" fn stream_schema(stream: *mut FfiStream, out: *mut FfiSchema) -> c_int {
    // SAFETY: the consumer passes our stream and room for one schema.
    unsafe {
        let private = &*(*stream).private_data.cast::<StreamPrivate>();
        out.write(table_schema(&private.columns));
    }
    0
}

unsafe extern "C" fn stream_next(stream: *mut FfiStream, out: *mut FfiArray) -> c_int {
    // SAFETY: the consumer passes our stream and room for one array.
    unsafe {
        let private = &mut *(*stream).private_data.cast::<StreamPrivate>();
        if private.done {
            // The end of the stream: a released array.
            let mut end = array(0, 0, Vec::new(), Vec::new());
            release_array(&mut end);
            out.write(end);
        } else {
            private.done = true;
            out.write(table_array(&private.columns));
        }
    }
    0
}

unsafe extern "C" fn stream_last_error(_: *mut FfiStream) -> *const c_char {
    ptr::null()
}

unsafe extern "C" fn release_stream(stream: *mut FfiStream) {
    // SAFETY: called by the consumer (or the capsule) on our stream, once.
    unsafe {
        let Some(s) = stream.as_mut() else { return };
        if s.release.is_none() {
            return;
        }
        drop(Box::from_raw(s.private_data.cast::<StreamPrivate>()));
        s.release = None;
        s.private_data = ptr::null_mut();
    }
}

/// An owned `ArrowArrayStream` of one record batch, for the `arrow_array_stream` capsule.
pub struct Stream(FfiStream);

// SAFETY: the stream owns its private data (a copy of the table); nothing is shared.
unsafe impl Send for Stream {}

impl Stream {
    /// A stream of the table `columns`, as one batch.
    pub fn new(columns: &Columns) -> Stream {
        let private = Box::new(StreamPrivate {
            columns: columns.clone(),
            done: false,
        });
        Stream(FfiStream {
            get_schema: Some(stream_schema),
            get_next: Some(stream_next),
            get_last_error: Some(stream_last_error),
            release: Some(release_stream),
            private_data: Box::into_raw(private).cast(),
        })
    }

    /// Releases the stream unless a consumer moved it out.
    pub fn release(&mut self) {
        if let Some(release) = self.0.release {
            // SAFETY: a stream we made, not yet released.
            unsafe { release(&mut self.0) }
        }
    }
}
