//! `graph export`: write the saved graph for Graphviz or Gephi.

use std::path::PathBuf;

use anyhow::Result;
use castgraph::export;

use super::{GraphArg, MeasureArgs, write_output};

#[derive(clap::Args, Debug)]
#[command(
    group = clap::ArgGroup::new("format").required(true).args(["dot", "csv"]),
    after_help = "Examples:\n  graph export --dot | dot -Tsvg > cast.svg\n  graph export --csv -o edges.csv\n  graph export --csv --nodes -o nodes.csv"
)]
pub struct Args {
    /// Graphviz DOT (undirected; edge penwidth grows with the weight).
    #[arg(long)]
    pub dot: bool,
    /// Gephi's edge table `Source,Target,Type,Weight` (with --nodes: the node table).
    #[arg(long)]
    pub csv: bool,
    /// With --csv: write the node table `Id,Label,Scenes,` + every centrality measure.
    #[arg(long, requires = "csv")]
    pub nodes: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub measures: MeasureArgs,
    #[command(flatten)]
    pub graph: GraphArg,
}

pub fn run(args: Args) -> Result<()> {
    let graph = args.graph.load()?;
    let out = args.output.as_deref();
    if args.dot {
        write_output(out, |w| export::dot::write(&graph, w))
    } else if args.nodes {
        let scores = args.measures.compute(&graph);
        write_output(out, |w| export::csv::write_nodes(&graph, &scores, w))
    } else {
        write_output(out, |w| export::csv::write_edges(&graph, w))
    }
}
