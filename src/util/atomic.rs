//! Writing files atomically: a temporary file in the same directory,
//! renamed over the target only when everything was written, so a reader
//! never sees half a file; and the clean-up of those temporary files when
//! the process is interrupted.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

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
        .map_err(|e| Error::io(path, "cannot write", e).with_hint("choose a directory you can write to"))?;
    let _pending = Pending::register(tmp.path());
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

/// Temporary files being written, for [`remove_pending_files`].
static PENDING: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Registers a temporary file for the time it is being written.
struct Pending(std::path::PathBuf);

impl Pending {
    fn register(path: &Path) -> Pending {
        if let Ok(mut list) = PENDING.lock() {
            list.push(path.to_path_buf());
        }
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut list) = PENDING.lock() {
            list.retain(|p| p != &self.0);
        }
    }
}

/// Deletes the temporary files of writes still in progress. A signal
/// handler calls this before exiting (a process killed by SIGINT runs no
/// destructors), so an interrupted build leaves no temporary file behind.
pub fn remove_pending_files() {
    if let Ok(list) = PENDING.lock() {
        for p in list.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
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
