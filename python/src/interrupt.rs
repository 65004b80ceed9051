//! Long computations off the Python thread: the work runs on a thread of
//! its own while the calling thread waits without the GIL, waking every
//! [`POLL`] to let Python run its signal handlers. Ctrl-C (or any handler
//! that raises) returns the exception at once and asks the work to stop:
//! the library reports progress through [`Progress`] (each source of the
//! path measures, each batch of scenes read), and the first report after
//! the request unwinds the worker. Work without progress reports (PageRank,
//! eigenvector, communities, stats) runs to its end in the background, its
//! result dropped.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use castgraph::util::progress::Progress;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// How often the waiting thread looks at Python's signals.
const POLL: Duration = Duration::from_millis(20);

/// Workers running now (a test reads it: an interrupted worker must stop).
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// The payload a cancelled worker unwinds with (no panic message is printed:
/// `resume_unwind` does not run the panic hook).
struct Cancelled;

/// The progress reporter handed to the library: it only stops the work
/// once the caller has gone.
pub struct Watch {
    stop: Arc<AtomicBool>,
}

impl Progress for Watch {
    fn start(&self, _: &str, _: Option<u64>) {
        self.check();
    }

    fn advance(&self, _: u64) {
        self.check();
    }

    fn finish(&self) {}
}

impl Watch {
    fn check(&self) {
        if self.stop.load(Ordering::Relaxed) {
            resume_unwind(Box::new(Cancelled));
        }
    }
}

/// Counts a worker while it lives.
struct Running;

impl Running {
    fn new() -> Running {
        RUNNING.fetch_add(1, Ordering::SeqCst);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `work` on its own thread, the GIL released, and returns its result;
/// a Python signal handler that raises (KeyboardInterrupt) ends the wait
/// with its exception and stops the work at its next progress report.
pub fn run<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Watch) -> T + Send + 'static,
{
    let stop = Arc::new(AtomicBool::new(false));
    let watch = Watch {
        stop: Arc::clone(&stop),
    };
    let (tx, rx) = mpsc::channel::<Result<T, Box<dyn Any + Send>>>();
    let running = Running::new();
    std::thread::Builder::new()
        .name("castgraph".into())
        .spawn(move || {
            let _running = running;
            let result = catch_unwind(AssertUnwindSafe(|| work(&watch)));
            let _ = tx.send(result);
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread: {e}")))?;
    let mut rx = rx;
    loop {
        // The receiver goes into the GIL-free wait and comes back (it is Send, not Sync).
        let (received, back) = py.detach(move || (rx.recv_timeout(POLL), rx));
        rx = back;
        match received {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(panic)) => return Err(panicked(panic)),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Err(e) = py.check_signals() {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(
                    "castgraph: the worker thread ended without a result",
                ));
            }
        }
    }
}

/// A worker's panic as a Python exception.
fn panicked(panic: Box<dyn Any + Send>) -> PyErr {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    PyRuntimeError::new_err(format!("castgraph: internal error: {text}"))
}

/// Workers alive now.
#[pyfunction]
pub fn _running_workers() -> usize {
    RUNNING.load(Ordering::SeqCst)
}
