//! `graph`: the castgraph command-line tool.
//!
//! This file only parses arguments, dispatches to a subcommand and maps
//! errors to exit codes: 0 success, 1 a data or I/O problem, 2 bad usage
//! (clap's own). A write into a closed pipe (`graph export --dot | head`)
//! counts as success.

mod cmd;
mod wording;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn scene records into a character relationship graph and rank who matters.
#[derive(Parser)]
#[command(name = "graph", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a scene file and save the character graph (default output/graph.json).
    Build(cmd::build::Args),
    /// Rank characters by centrality.
    Central(cmd::central::Args),
    /// Figures about the whole graph: size, density, components, distances, clustering.
    Stats(cmd::stats::Args),
    /// Write a synthetic scene file (for benchmarks).
    #[command(hide = true)]
    Generate(cmd::generate::Args),
    /// Write the graph for other tools: DOT, CSV, GraphML, GEXF, JSON or an interactive HTML view.
    Export(cmd::export::Args),
    /// Find groups of characters (Leiden modularity communities).
    Communities(cmd::communities::Args),
    /// Centrality episode by episode (or season by season): who rises and falls.
    Timeline(cmd::timeline::Args),
    /// The strongest chain of ties between two characters, with the scenes that link each step.
    Path(cmd::path::Args),
    /// A character's neighbourhood: the characters within --radius ties and the ties among them.
    Ego(cmd::ego::Args),
    /// Compare two saved graphs: who appeared, who left, whose rank moved most.
    Compare(cmd::compare::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(cmd::completions::CompletionsArgs),
    /// Print the manual page (or write every page into a folder).
    Man(cmd::completions::ManArgs),
    /// Prose to scene records: the cast's characters found in a text, each scene with its lines and excerpt.
    Extract(cmd::extract::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A damaged Parquet file can break an assertion of the Parquet reader; the
    // library catches it and reports the file as damaged (exit 1), so the
    // panic's own message would only repeat that, less clearly.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !info
            .location()
            .is_some_and(|l| castgraph::input::parquet::is_reader_panic(l.file()))
        {
            default_hook(info);
        }
    }));
    // Ctrl-C: remove half-written temporary files, then exit as interrupted.
    let _ = ctrlc::set_handler(|| {
        castgraph::util::atomic::remove_pending_files();
        std::process::exit(130);
    });
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Central(args) => cmd::central::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Generate(args) => cmd::generate::run(args),
        Command::Communities(args) => cmd::communities::run(args),
        Command::Timeline(args) => cmd::timeline::run(args),
        Command::Path(args) => cmd::path::run(args),
        Command::Ego(args) => cmd::ego::run(args),
        Command::Compare(args) => cmd::compare::run(args),
        Command::Completions(args) => cmd::completions::completions(args),
        Command::Man(args) => cmd::completions::man(args),
        Command::Extract(args) => cmd::extract::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if err.downcast_ref::<cmd::Usage>().is_some() => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
        Err(err) => {
            match err.downcast_ref::<castgraph::Error>() {
                Some(e) => eprintln!("error: {}", wording::error(e)),
                None => eprintln!("error: {err}"),
            }
            ExitCode::from(1)
        }
    }
}

/// True when any error in the chain is a write into a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<castgraph::Error>()
            .is_some_and(castgraph::Error::is_broken_pipe)
            || e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
