//! One module per subcommand, each with an `Args` struct and a `run()`.
//! Shared plumbing (where the saved graph is, where output goes) lives here.

pub mod build;
pub mod central;
pub mod export;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

/// Where `graph build` saves and the other commands look by default.
pub const DEFAULT_GRAPH: &str = "output/graph.json";

/// The `--graph PATH` option shared by the commands that read a saved graph.
#[derive(clap::Args, Debug)]
pub struct GraphArg {
    /// The saved graph to read.
    #[arg(long = "graph", value_name = "PATH", default_value = DEFAULT_GRAPH)]
    pub path: PathBuf,
}

impl GraphArg {
    pub fn load(&self) -> Result<castgraph::CastGraph> {
        Ok(castgraph::store::load(&self.path)?)
    }
}

/// Writes through `write` to `path` atomically, or to stdout when `path` is `None`.
pub fn write_output(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    match path {
        Some(p) => castgraph::store::write_atomic(p, write)?,
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| castgraph::Error::io(Path::new("<stdout>"), "cannot write", e))?;
        }
    }
    Ok(())
}
