//! The saved graph file (`output/graph.json`) and atomic file writing.
//!
//! # Schema, version 1
//!
//! ```json
//! {
//!   "format": "castgraph-graph",
//!   "version": 1,
//!   "generator": "castgraph 0.1.0",
//!   "sources": [{"path": "data/s1.csv", "format": "wide CSV", "scenes_read": 11, "scenes": 11}],
//!   "build": {"weight": "scenes", "options": []},
//!   "characters": [{"name": "Vanessa", "scenes": 3}, ...],
//!   "ties": [{"source": 0, "target": 1, "weight": 2.0, "scenes": 2}, ...]
//! }
//! ```
//!
//! * `characters` are in first-appearance order; a character's id is its
//!   position in that list.
//! * `ties` refer to characters by id (`source < target`), each unordered pair
//!   once, in order of first shared scene; `weight` is the tie's strength and
//!   `scenes` the number of scenes the pair shares.
//! * `sources` records where the graph came from: each input file as the user
//!   named it, the format read, the scenes read and the scenes kept by the filters.
//! * `build` records how: the weighting rule (`scenes`, `newman`,
//!   `column:NAME`) and the filter and name options, as command-line options.
//!
//! A file whose `format` is not `castgraph-graph` or whose `version` differs
//! from [`VERSION`] is refused with a message telling the user to rebuild.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::{CastGraph, Character, Provenance, Source, Tie};

/// The schema version this build reads and writes.
pub const VERSION: u32 = 1;
/// The value of the `format` field.
pub const FORMAT: &str = "castgraph-graph";

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    format: String,
    version: u32,
    generator: String,
    sources: Vec<SourceV1>,
    build: BuildV1,
    characters: Vec<CharacterV1>,
    ties: Vec<TieV1>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceV1 {
    path: String,
    format: String,
    scenes_read: u64,
    scenes: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuildV1 {
    weight: String,
    options: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CharacterV1 {
    name: String,
    scenes: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TieV1 {
    source: usize,
    target: usize,
    weight: f64,
    scenes: u64,
}

/// Saves `graph` to `path` atomically (a temporary file renamed into place).
pub fn save(graph: &CastGraph, path: &Path) -> Result<()> {
    let file = FileV1 {
        format: FORMAT.to_string(),
        version: VERSION,
        generator: format!("castgraph {}", env!("CARGO_PKG_VERSION")),
        sources: graph
            .sources()
            .iter()
            .map(|s| SourceV1 {
                path: s.path.clone(),
                format: s.format.clone(),
                scenes_read: s.scenes_read,
                scenes: s.scenes,
            })
            .collect(),
        build: BuildV1 {
            weight: graph.provenance().weight.clone(),
            options: graph.provenance().options.clone(),
        },
        characters: graph
            .characters()
            .map(|c| CharacterV1 {
                name: c.name.clone(),
                scenes: c.scenes,
            })
            .collect(),
        ties: graph
            .ties()
            .map(|(a, b, t)| TieV1 {
                source: a,
                target: b,
                weight: t.weight,
                scenes: t.scenes,
            })
            .collect(),
    };
    write_atomic(path, |w| {
        serde_json::to_writer(&mut *w, &file).map_err(io::Error::from)?;
        w.write_all(b"\n")
    })
}

/// Loads a saved graph, checking its format, version and consistency.
pub fn load(path: &Path) -> Result<CastGraph> {
    let mut bytes = Vec::new();
    let mut file = File::open(path).map_err(|e| {
        let missing = e.kind() == io::ErrorKind::NotFound;
        let err = Error::io(path, "cannot open the saved graph", e);
        if missing {
            err.with_hint("run `graph build FILE.csv` first, or name the graph with --graph PATH")
        } else {
            err
        }
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::data(path, None, "is a directory, not a saved graph")
            .with_hint("name the graph file with --graph PATH"));
    }
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "cannot read", e))?;
    let rebuild = "rebuild it with `graph build FILE.csv`";
    let header: Header = serde_json::from_slice(&bytes).map_err(|e| {
        let what = if e.is_eof() {
            "is truncated"
        } else {
            "is not a castgraph graph file"
        };
        Error::data(path, Some(e.line() as u64), format!("{what} ({e})")).with_hint(rebuild)
    })?;
    if header.format != FORMAT {
        return Err(Error::data(
            path,
            None,
            format!("is not a castgraph graph file (format `{}`)", header.format),
        )
        .with_hint(rebuild));
    }
    if header.version != VERSION {
        return Err(Error::data(
            path,
            None,
            format!(
                "is a graph file of schema version {}, but this castgraph reads version {VERSION}",
                header.version
            ),
        )
        .with_hint(rebuild));
    }
    let file: FileV1 = serde_json::from_slice(&bytes).map_err(|e| {
        Error::data(path, Some(e.line() as u64), format!("is a damaged graph file ({e})")).with_hint(rebuild)
    })?;
    let damaged = |what: String| Error::data(path, None, format!("is a damaged graph file: {what}")).with_hint(rebuild);
    let n = file.characters.len();
    let mut seen = std::collections::HashSet::with_capacity(file.ties.len());
    for t in &file.ties {
        if t.source >= n || t.target >= n || t.source >= t.target {
            return Err(damaged(format!(
                "tie {}–{} does not join two different characters",
                t.source, t.target
            )));
        }
        if !(t.weight.is_finite() && t.weight > 0.0) {
            return Err(damaged(format!(
                "tie {}–{} has weight {}",
                t.source, t.target, t.weight
            )));
        }
        if !seen.insert((t.source, t.target)) {
            return Err(damaged(format!("tie {}–{} is listed twice", t.source, t.target)));
        }
    }
    let mut names = std::collections::HashSet::with_capacity(n);
    for c in &file.characters {
        if c.name.is_empty() || crate::names::forbidden_char(&c.name).is_some() {
            return Err(damaged(format!(
                "character name {:?} is empty or holds a control character",
                c.name
            )));
        }
        if !names.insert(c.name.as_str()) {
            return Err(damaged(format!("character `{}` is listed twice", c.name)));
        }
    }
    let characters = file
        .characters
        .into_iter()
        .map(|c| Character {
            name: c.name,
            scenes: c.scenes,
        })
        .collect();
    let ties = file.ties.into_iter().map(|t| {
        (
            t.source,
            t.target,
            Tie {
                weight: t.weight,
                scenes: t.scenes,
            },
        )
    });
    let sources = file
        .sources
        .into_iter()
        .map(|s| Source {
            path: s.path,
            format: s.format,
            scenes_read: s.scenes_read,
            scenes: s.scenes,
        })
        .collect();
    let provenance = Provenance {
        weight: file.build.weight,
        options: file.build.options,
    };
    Ok(CastGraph::from_parts(characters, ties, sources, provenance))
}

/// Writes a file atomically: `write` fills a temporary file in the same
/// directory, which is renamed over `path` only when everything succeeded.
/// On any failure the temporary file is removed and `path` is untouched.
///
/// A path that exists and is not a regular file (`/dev/null`, `/dev/stdout`,
/// a named pipe) is written directly: renaming over it would replace the
/// device. A new file gets the usual `rw-r--r--` permissions; a replaced
/// file keeps its own.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(Error::data(path, None, "is a directory").with_hint("give a file name"));
        }
        if !meta.is_file() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, "cannot write", e))?;
            let mut out = BufWriter::new(file);
            return write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(path, "cannot write", e));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::data(
            path,
            None,
            format!("cannot write: the directory `{}` does not exist", dir.display()),
        )
        .with_hint("create it first or choose another path"));
    }
    let tmp = tempfile::Builder::new()
        .prefix(".castgraph-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, "cannot write", e))?;
    let mut out = BufWriter::with_capacity(1 << 20, tmp);
    write(&mut out).map_err(|e| Error::io(path, "cannot write", e))?;
    let tmp = out
        .into_inner()
        .map_err(|e| Error::io(path, "cannot write", e.into_error()))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(path, "cannot write", e))?;
    if let Some(permissions) = existing.map(|m| m.permissions()).or_else(default_permissions) {
        tmp.as_file()
            .set_permissions(permissions)
            .map_err(|e| Error::io(path, "cannot write", e))?;
    }
    tmp.persist(path)
        .map_err(|e| Error::io(path, "cannot write", e.error))?;
    Ok(())
}

/// Permissions of a new file: `rw-r--r--` (a temporary file starts private).
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}
