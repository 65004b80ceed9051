//! How the Python package words the library's messages: each setting by its
//! keyword argument (`max_scene_size=`), each action by the call that does it,
//! and the library's errors as the exceptions of `castgraph._errors` with
//! the same one line the command prints after `error: `.

use castgraph::util::wording::{Action, Setting, Wording};
use pyo3::prelude::*;

/// The Python wording: settings as keyword arguments.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keywords;

/// The wording of every message the package shows.
pub const WORDING: Keywords = Keywords;

/// A value as a Python literal: numbers as they are, text quoted.
fn literal(value: &str) -> String {
    let quoted = value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'');
    if quoted || value.parse::<f64>().is_ok() {
        value.to_string()
    } else {
        format!("{value:?}").replace('"', "'")
    }
}

impl Wording for Keywords {
    fn setting(&self, setting: Setting) -> String {
        match setting {
            Setting::Graph => "`castgraph.load(path)`".to_string(),
            s => format!("{}=", s.key()),
        }
    }

    fn setting_value(&self, setting: Setting, value: &str) -> String {
        match setting {
            Setting::Graph => format!("`castgraph.load({})`", literal(value)),
            s => format!("{}={}", s.key(), literal(value)),
        }
    }

    fn action(&self, action: Action) -> String {
        match action {
            Action::Build => "`castgraph.build(paths)`".to_string(),
            Action::ListCharacters => "`Graph.characters()`".to_string(),
        }
    }
}

/// The exception class `name` of `castgraph._errors`.
fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("castgraph._errors")?.getattr(name)
}

/// A library error as its Python exception: `DataError` (a file's contents),
/// `FileError` (the system refused a read or write; also an `OSError`) or
/// `RequestError` (a request this graph cannot answer).
pub fn error(e: &castgraph::Error) -> PyErr {
    let text = e.render(&WORDING);
    let kind = match e {
        castgraph::Error::Data { .. } => "DataError",
        castgraph::Error::Io { .. } => "FileError",
        castgraph::Error::Invalid(_) => "RequestError",
    };
    Python::attach(|py| match class(py, kind).and_then(|c| c.call1((text.clone(),))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    })
}

/// A request that makes no sense (what the command refuses with exit status 2), as `RequestError`.
pub fn request(text: impl Into<String>) -> PyErr {
    let text = text.into();
    Python::attach(|py| match class(py, "RequestError").and_then(|c| c.call1((text,))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    })
}

/// `Result` of the library into `PyResult`.
pub trait OrRaise<T> {
    /// The error as its Python exception.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for castgraph::Result<T> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(|e| error(&e))
    }
}
