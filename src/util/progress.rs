//! Progress reporting for long phases, without a terminal dependency.
//!
//! The library reports phases (reading scenes, shortest paths) through the
//! [`Progress`] trait; the `graph` binary implements it with a progress bar
//! on stderr, and everything else passes [`NoProgress`].

/// Receives progress of long-running phases. Implementations must be cheap:
/// `advance` is called from worker threads.
pub trait Progress: Sync {
    /// A phase starts: `total` steps when known, `None` for a counter.
    fn start(&self, phase: &str, total: Option<u64>);
    /// `steps` more steps are done.
    fn advance(&self, steps: u64);
    /// The phase is over.
    fn finish(&self);
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}
