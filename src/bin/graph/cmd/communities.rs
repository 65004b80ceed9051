//! `graph communities`: being written (issue 8).

use anyhow::{Result, bail};

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Result<()> {
    bail!("`graph communities` is not built yet")
}
