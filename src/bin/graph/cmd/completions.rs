//! `graph completions SHELL` and `graph man`: shell completion scripts
//! (clap_complete) and the manual pages (clap_mangen), made from the same
//! command-line definition as `--help`, so they never drift from it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::CommandFactory;

use super::write_output;

const COMPLETIONS_HELP: &str = "\
Examples:
  graph completions bash > ~/.local/share/bash-completion/completions/graph
  graph completions zsh > ~/.zfunc/_graph        (with fpath+=~/.zfunc in ~/.zshrc)
  graph completions fish > ~/.config/fish/completions/graph.fish";

#[derive(clap::Args, Debug)]
#[command(after_help = COMPLETIONS_HELP)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: CompletionsArgs) -> Result<()> {
    let mut command = crate::Cli::command();
    write_output(None, |w| {
        clap_complete::generate(args.shell, &mut command, "graph", w);
        Ok(())
    })
}

const MAN_HELP: &str = "\
Examples:
  graph man | man -l -                 (read it now)
  graph man -o ~/.local/share/man/man1 (install graph.1 and a page per command, graph-build.1 ...)";

#[derive(clap::Args, Debug)]
#[command(after_help = MAN_HELP)]
pub struct ManArgs {
    /// Write graph.1 and one page per command (graph-build.1, ...) into this folder instead of
    /// printing graph.1.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn man(args: ManArgs) -> Result<()> {
    let command = crate::Cli::command();
    let Some(dir) = args.output else {
        return write_output(None, |w| clap_mangen::Man::new(command).render(w));
    };
    if !dir.is_dir() {
        anyhow::bail!("{}: no such folder (create it first)", dir.display());
    }
    let page = |cmd: clap::Command, name: String| -> Result<()> {
        let path = dir.join(format!("{name}.1"));
        write_output(Some(&path), |w| clap_mangen::Man::new(cmd).render(w))
    };
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("graph-{}", sub.get_name());
        page(sub.clone().name(name.clone()), name)?;
    }
    page(command, "graph".to_string())?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "Wrote the manual pages to {}.", dir.display())?;
    Ok(())
}
