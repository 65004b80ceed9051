//! `graph generate` (hidden): write a synthetic scene file for benchmarks.

use std::path::PathBuf;

use anyhow::Result;
use castgraph::util::synthetic::{GenerateOptions, write};

use super::write_output;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Number of scenes.
    #[arg(long, default_value_t = 100_000)]
    pub scenes: u64,
    /// Number of distinct characters (Zipf-like popularity).
    #[arg(long, default_value_t = 2_000)]
    pub characters: usize,
    /// Largest cast of one scene (each scene has 1 to this many, uniformly).
    #[arg(long, default_value_t = 8)]
    pub max_cast: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let opts = GenerateOptions {
        scenes: args.scenes,
        characters: args.characters,
        max_cast: args.max_cast,
        seed: args.seed,
    };
    write_output(args.output.as_deref(), |w| write(&opts, w))
}
