//! Writing files atomically: a temporary file in the same directory,
//! renamed over the target only when everything was written, so a reader
//! never sees half a file; and the clean-up of those temporary files when
//! the process is interrupted.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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
    let mut file = AtomicFile::create(path)?;
    write(file.writer()).map_err(|e| Error::io(path, "cannot write", e))?;
    file.commit()
}

/// A file being written atomically (see [`write_atomic`]): filled through
/// [`writer`](Self::writer), put in place by [`commit`](Self::commit).
/// Dropped without a commit, it leaves the target untouched and no
/// temporary file behind. Several of them committed one after the other
/// replace a set of files only once all were written.
pub struct AtomicFile {
    path: PathBuf,
    sink: Sink,
    /// The permissions the file gets (a replaced file's own).
    permissions: Option<std::fs::Permissions>,
    _pending: Option<Pending>,
}

/// Where an [`AtomicFile`]'s bytes go.
enum Sink {
    /// A temporary file beside the target.
    Temp(BufWriter<tempfile::NamedTempFile>),
    /// A device or a pipe, written directly.
    Direct(BufWriter<std::fs::File>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Temp(w) => w.write(buf),
            Sink::Direct(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Temp(w) => w.write_all(buf),
            Sink::Direct(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Temp(w) => w.flush(),
            Sink::Direct(w) => w.flush(),
        }
    }
}

impl AtomicFile {
    /// Starts writing `path`: a temporary file in its directory (or the
    /// device itself, for a path that exists and is not a regular file).
    ///
    /// # Errors
    /// `path` is a directory, its directory does not exist or cannot be written.
    pub fn create(path: &Path) -> Result<AtomicFile> {
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
                return Ok(AtomicFile {
                    path: path.to_path_buf(),
                    sink: Sink::Direct(BufWriter::new(file)),
                    permissions: None,
                    _pending: None,
                });
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
        let pending = Pending::register(tmp.path());
        Ok(AtomicFile {
            path: path.to_path_buf(),
            sink: Sink::Temp(BufWriter::with_capacity(1 << 20, tmp)),
            permissions: existing.map(|m| m.permissions()).or_else(default_permissions),
            _pending: Some(pending),
        })
    }

    /// Where to write the file's bytes (buffered).
    pub fn writer(&mut self) -> &mut (dyn Write + Send) {
        &mut self.sink
    }

    /// Puts the file in place: flushes, syncs and renames the temporary file
    /// over the target (or flushes the device).
    ///
    /// # Errors
    /// A write, sync or rename that fails; the target is then untouched.
    pub fn commit(self) -> Result<()> {
        let path = &self.path;
        match self.sink {
            Sink::Direct(mut out) => out.flush().map_err(|e| Error::io(path, "cannot write", e)),
            Sink::Temp(out) => {
                let tmp = out
                    .into_inner()
                    .map_err(|e| Error::io(path, "cannot write", e.into_error()))?;
                tmp.as_file()
                    .sync_all()
                    .map_err(|e| Error::io(path, "cannot write", e))?;
                if let Some(permissions) = self.permissions {
                    tmp.as_file()
                        .set_permissions(permissions)
                        .map_err(|e| Error::io(path, "cannot write", e))?;
                }
                tmp.persist(path)
                    .map_err(|e| Error::io(path, "cannot write", e.error))?;
                Ok(())
            }
        }
    }
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
