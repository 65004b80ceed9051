//! Helpers every stage may use: the one random number generator, atomic
//! file writes, progress reporting, number formatting and the synthetic
//! scene generator. Nothing here knows about the pipeline's stages.

pub mod atomic;
pub mod format;
pub mod progress;
pub mod rng;
pub mod stdin;
pub mod synthetic;
pub mod wording;
