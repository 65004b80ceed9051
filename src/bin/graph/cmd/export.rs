//! `graph export`: write the saved graph for Graphviz, Gephi, Cytoscape,
//! NetworkX, D3 or a browser.

use std::path::{Path, PathBuf};

use anyhow::Result;
use castgraph::analysis::centrality::Measure;
use castgraph::output::{self, ExportFormat, ExportOptions};
use castgraph::util::atomic::AtomicFile;

use super::communities::CommunityArgs;
use super::{Bar, GraphArg, MeasureArgs, parse_measure, write_output};
use crate::wording::WORDING;

const AFTER_HELP: &str = "\
--parquet DIR writes two tables into DIR (made if missing), each atomically: nodes.parquet (id from 0,
name, then the columns of --csv --nodes in lower case) and edges.parquet (source, target, weight,
scenes, source_id, target_id); `graph build DIR/edges.parquet` reads the ties back with their
weights and shared scenes.

Every node carries its label, scenes, degree, strength and every centrality measure (computed with
--distance and --sample as in `graph central`) and its community (computed with --resolution,
--community-seed and --restarts as `graph communities` computes it with --resolution, --seed and
--restarts, same defaults, so the two agree); every edge its weight and shared scenes. DOT and HTML
colour the nodes by community; --no-communities leaves communities out (HTML then colours by
connected component).

A large HTML view (more than 5x10^8 characters x ties, e.g. 30,000 characters with 20,000 ties)
estimates betweenness, closeness and harmonic from a sample of sources and says so on the page, with
the error bound; --exact computes them exactly (minutes on a million ties), --sample N chooses the
number of sources. Every phase shows a progress bar on a terminal.

Examples:
  graph export --dot | dot -Tsvg > cast.svg
  graph export --dot --size-by pagerank --layout neato | dot -Tsvg > cast.svg
  graph export --csv -o edges.csv && graph export --csv --nodes -o nodes.csv   (Gephi: Import spreadsheet)
  graph export --graphml -o cast.graphml    (Cytoscape, yEd, Gephi; networkx.read_graphml)
  graph export --gexf -o cast.gexf          (Gephi; networkx.read_gexf)
  graph export --json -o cast.json          (D3; networkx.node_link_graph(data, edges=\"links\"))
  graph export --html -o cast.html          (an interactive view; open it in a browser)
  graph export --parquet out                (out/nodes.parquet, out/edges.parquet: Spark, DuckDB, pandas)
  graph export --ego Carly --radius 2 --dot (only Carly's neighbourhood, measured on its own)";

#[derive(clap::Args, Debug)]
#[command(
    group = clap::ArgGroup::new("format").required(true).args(["dot", "csv", "graphml", "gexf", "json", "html", "parquet"]),
    after_help = AFTER_HELP
)]
pub struct Args {
    /// Graphviz DOT (undirected; edge penwidth grows with the weight).
    #[arg(long)]
    pub dot: bool,
    /// Gephi's edge table `Source,Target,Type,Weight` (with --nodes: the node table).
    #[arg(long)]
    pub csv: bool,
    /// With --csv: write the node table `Id,Label,Scenes,Degree,...` with every measure.
    #[arg(long, conflicts_with_all = ["dot", "graphml", "gexf", "json", "html", "parquet"])]
    pub nodes: bool,
    /// GraphML with typed attribute keys.
    #[arg(long)]
    pub graphml: bool,
    /// GEXF 1.3 (Gephi).
    #[arg(long)]
    pub gexf: bool,
    /// Node-link JSON (D3, NetworkX).
    #[arg(long)]
    pub json: bool,
    /// A self-contained interactive HTML view.
    #[arg(long)]
    pub html: bool,
    /// Parquet tables `nodes.parquet` and `edges.parquet` in this folder (made if missing).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub parquet: Option<PathBuf>,
    /// DOT and HTML: node size (and, in DOT, shade) by this measure.
    #[arg(long, value_name = "MEASURE", value_parser = parse_measure, conflicts_with_all = ["csv", "graphml", "gexf", "json"])]
    pub size_by: Option<Measure>,
    /// HTML: seed of the force-directed layout (the same seed gives the same picture).
    #[arg(long = "layout-seed", value_name = "S", default_value_t = 1, conflicts_with_all = ["dot", "csv", "graphml", "gexf", "json"])]
    pub layout_seed: u64,
    /// HTML: the page title (default: castgraph and the file the graph was built from).
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["dot", "csv", "graphml", "gexf", "json", "parquet"])]
    pub title: Option<String>,
    /// HTML: a sentence or two shown under the title.
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["dot", "csv", "graphml", "gexf", "json", "parquet"])]
    pub description: Option<String>,
    /// HTML: a page for an <iframe> on another page: no header, a legend folded to one line.
    #[arg(long, conflicts_with_all = ["dot", "csv", "graphml", "gexf", "json", "parquet"])]
    pub embed: bool,
    /// HTML: exact betweenness, closeness and harmonic even on a large graph (by default a view of
    /// more than 5x10^8 characters x ties estimates them from 5x10^8/ties sources, seed 42; exact
    /// ones take minutes there).
    #[arg(long, conflicts_with_all = ["dot", "csv", "graphml", "gexf", "json", "sample"])]
    pub exact: bool,
    /// DOT: the Graphviz layout engine to ask for (`graph [layout=...]`).
    #[arg(
        long,
        value_name = "ENGINE",
        value_parser = clap::builder::PossibleValuesParser::new(output::dot::LAYOUTS),
        conflicts_with_all = ["csv", "graphml", "gexf", "json", "html"]
    )]
    pub layout: Option<String>,
    /// DOT: leave out the weight label of every edge (large casts).
    #[arg(long, conflicts_with_all = ["csv", "graphml", "gexf", "json", "html", "parquet"])]
    pub no_edge_labels: bool,
    /// CSV: prefix `'` to names a spreadsheet would run as a formula (starting with = + - @).
    #[arg(long, conflicts_with_all = ["dot", "graphml", "gexf", "json", "html", "parquet"])]
    pub spreadsheet_safe: bool,
    /// Export only this character's ego graph: them, everyone within --radius ties, and the ties
    /// among those (measures are computed on that subgraph).
    #[arg(long, value_name = "NAME")]
    pub ego: Option<String>,
    /// With --ego: how many ties away from the centre to reach.
    #[arg(long, value_name = "R", default_value_t = 1, requires = "ego")]
    pub radius: usize,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub measures: MeasureArgs,
    /// Seed of the community detection (`graph communities --seed`).
    #[arg(long, value_name = "S", default_value_t = castgraph::analysis::community::DEFAULT_SEED)]
    pub community_seed: u64,
    #[command(flatten)]
    pub community: CommunityArgs,
    /// Leave communities out: no `community` attribute, no colours by community.
    #[arg(long, conflicts_with_all = ["community_seed", "resolution", "restarts"])]
    pub no_communities: bool,
    #[command(flatten)]
    pub graph: GraphArg,
}

impl Args {
    /// The one format the flags chose (clap requires exactly one).
    fn format(&self) -> ExportFormat {
        match (self.dot, self.csv, self.graphml, self.gexf, self.json) {
            (true, ..) => ExportFormat::Dot,
            (_, true, ..) if self.nodes => ExportFormat::NodesCsv,
            (_, true, ..) => ExportFormat::EdgesCsv,
            (_, _, true, ..) => ExportFormat::Graphml,
            (_, _, _, true, _) => ExportFormat::Gexf,
            (_, _, _, _, true) => ExportFormat::Json,
            _ => ExportFormat::Html,
        }
    }
}

pub fn run(args: Args) -> Result<()> {
    let bar = Bar::new(false);
    let mut graph = bar.spin("reading the graph", || args.graph.load())?;
    if let Some(name) = &args.ego {
        let centre = castgraph::graph::lookup::find(&graph, name)?;
        super::note_match(name, &graph.character(centre).name);
        graph = castgraph::analysis::ego::ego_graph(&graph, centre, args.radius).0;
    }
    if let Some(dir) = &args.parquet {
        return write_parquet(&graph, &args, dir);
    }
    let format = args.format();
    // A large view estimates its path measures unless told otherwise (--sample, --exact).
    let default_sample = (format == ExportFormat::Html && !args.exact && args.measures.sample.is_none())
        .then(|| castgraph::output::html::default_sample(&graph))
        .flatten();
    let scores = format.needs_scores().then(|| {
        let mut options = args.measures.options();
        if default_sample.is_some() {
            options.sample = default_sample;
        }
        args.measures.compute_with_options(&graph, &options)
    });
    let communities = if args.no_communities || !format.needs_scores() {
        None
    } else {
        let found =
            castgraph::analysis::community::detect_with(&graph, &args.community.options(args.community_seed), &bar)?;
        Some(found.membership)
    };
    let title = match (&args.title, graph.sources()) {
        (Some(t), _) => t.clone(),
        (None, [one]) => format!("castgraph: {}", super::shown_path(std::path::Path::new(&one.path))),
        (None, _) => "castgraph".to_string(),
    };
    let opts = ExportOptions {
        scores: scores.as_ref(),
        communities: communities.as_deref(),
        size_by: args.size_by,
        dot_layout: args.layout.as_deref(),
        no_edge_labels: args.no_edge_labels,
        html_seed: args.layout_seed,
        title,
        description: args.description.clone(),
        embed: args.embed,
        sampled_by_default: default_sample.is_some(),
        spreadsheet_safe: args.spreadsheet_safe,
        wording: &WORDING,
    };
    write_output(args.output.as_deref(), |w| {
        output::export_with(&graph, format, &opts, w, &bar)
    })
}

/// `--parquet DIR`: the node and edge tables, each written to a temporary
/// file first; both are put in place only once both were written.
fn write_parquet(graph: &castgraph::CastGraph, args: &Args, dir: &Path) -> Result<()> {
    let scores = args.measures.compute(graph);
    let communities = if args.no_communities {
        None
    } else {
        let found = castgraph::analysis::community::detect(graph, &args.community.options(args.community_seed))?;
        Some(found.membership)
    };
    let data = castgraph::output::NodeData {
        scores: &scores,
        communities: communities.as_deref(),
        wording: &WORDING,
    };
    if dir.is_file() {
        anyhow::bail!(
            castgraph::Error::data(dir, None, "is a file, not a folder")
                .with_hint("give --parquet a folder to write nodes.parquet and edges.parquet into")
        );
    }
    std::fs::create_dir_all(dir).map_err(|e| castgraph::Error::io(dir, "cannot create the folder", e))?;
    let (nodes_path, edges_path) = (dir.join("nodes.parquet"), dir.join("edges.parquet"));
    let mut nodes = AtomicFile::create(&nodes_path)?;
    output::parquet::write_nodes(graph, &data, nodes.writer())
        .map_err(|e| castgraph::Error::io(&nodes_path, "cannot write", e))?;
    let mut edges = AtomicFile::create(&edges_path)?;
    output::parquet::write_edges(graph, edges.writer())
        .map_err(|e| castgraph::Error::io(&edges_path, "cannot write", e))?;
    nodes.commit()?;
    edges.commit()?;
    Ok(())
}
